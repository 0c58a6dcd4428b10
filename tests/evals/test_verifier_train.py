"""The support model's training: the threshold spends the false-drop budget, rule drops first."""

import numpy as np

from evals.verifier_train import FALSE_DROP, Row, fit, outcome


def _rows():
    rng = np.random.default_rng(0)
    rows = []
    for i in range(200):
        faithful = i % 2 == 0
        x = np.array([1.0 if faithful else 0.0, rng.normal(), 0.0, 0.0])
        rows.append(Row("s", faithful, rule=(not faithful and i % 10 == 1), kept_now=True, x=x))
    return rows


def test_the_threshold_drops_no_more_faithful_sentences_than_the_budget():
    rows = _rows()
    model, threshold = fit(rows)
    p = model.predict_proba(np.stack([r.x for r in rows]))[:, 1]
    _, _, dropped, faithful = outcome(rows, [not r.rule and q >= threshold for r, q in zip(rows, p, strict=True)])
    assert dropped <= FALSE_DROP * faithful + 1


def test_outcome_counts_caught_and_dropped():
    rows = [Row("s", False, False, True, np.zeros(4)), Row("s", True, False, True, np.zeros(4))]
    assert outcome(rows, [False, False]) == (1, 1, 1, 1)
