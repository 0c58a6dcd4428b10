"""The abstention model's training: the logistic fit, its threshold on out-of-set probabilities, the cases it learns from."""

import numpy as np

from assistant.abstention import ABSTAIN_FEATURES
from evals.abstain_train import Row, cases_of, fit, probabilities, threshold_for


def _rows(n: int = 40) -> list[Row]:
    """Uncovered questions have a low best similarity (the second feature); the vectors say nothing."""
    rows = []
    for i in range(n):
        uncovered = i % 4 == 0
        x = np.zeros(len(ABSTAIN_FEATURES))
        x[1] = 0.2 if uncovered else 0.8
        x[0] = (i % 3) / 10  # noise
        rows.append(Row(f"s{i % 2}", f"q{i}", x, np.zeros(4), uncovered, False))
    return rows


def test_the_fit_learns_the_feature_that_marks_an_uncovered_question():
    rows = _rows()
    p = probabilities(fit(rows, meaning_penalty=0.001), rows)
    uncovered = np.array([r.uncovered for r in rows])
    assert p[uncovered].min() > p[~uncovered].max()


def test_the_threshold_refuses_at_most_the_allowed_share_of_answerable_questions():
    p = np.linspace(0, 1, 101)
    uncovered = np.zeros(101, dtype=bool)
    assert (p[~uncovered] > threshold_for(p, uncovered, wrong=0.05)).sum() <= 5


def test_a_set_teaches_its_unanswerable_questions_too():
    assert any(not c.answerable for c in cases_of("t3"))
