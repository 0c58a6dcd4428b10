"""The lead ranker's training: labels from the authors' facts and quoted passages, the softmax fit, the hit count."""

import numpy as np

from assistant.candidate import LEAD_FEATURES
from evals.lead_train import Group, fit, lead_hits, states_core_answer
from evals.patient_set import PatientCase

CASE = PatientCase(id="x", question="what is vegf", answer_kind="definition", answerable=True,
                   facts=(("signal",),), gold=({"source": "g.txt", "quote": "VEGF is a signalling protein that grows vessels."},))


def test_a_sentence_with_the_core_fact_inside_the_quoted_passage_states_the_answer():
    assert states_core_answer(CASE, "VEGF is a signalling protein that grows vessels.")


def test_a_sentence_with_the_core_fact_outside_the_quoted_passage_does_not():
    assert not states_core_answer(CASE, "Levels of this signal are measured in the clinic.")


def _group(x, y, forced=None, bare=None):
    n = len(y)
    return Group("s", "q", np.asarray(x, dtype=float), np.asarray(y, dtype=bool),
                 np.zeros(n, bool) if forced is None else np.asarray(forced), np.zeros(n, bool) if bare is None else np.asarray(bare))


def _padded(rows):
    """Rows of LEAD_FEATURES with only the first two columns set."""
    out = np.zeros((len(rows), len(LEAD_FEATURES) + 2))
    out[:, :2] = rows
    return out


def test_the_fit_learns_the_feature_that_marks_the_answer():
    groups = [_group(_padded([[1.0, 0.0], [0.0, 1.0], [0.2, 0.0]]), [False, True, False]) for _ in range(20)]
    assert lead_hits(groups, fit(groups, meaning_penalty=0.1)) == 20


def test_a_forced_opening_leads_whatever_the_weights():
    g = _group([[5.0], [0.0]], [False, True], forced=[False, True])
    assert lead_hits([g], np.array([1.0])) == 1


def test_a_bare_list_item_never_leads_when_another_can():
    g = _group([[5.0], [0.0]], [True, False], bare=[True, False])
    assert lead_hits([g], np.array([1.0])) == 0


def test_with_a_prior_the_named_weights_stay_the_priors():
    groups = [_group(_padded([[1.0, 0.0], [0.0, 1.0], [0.2, 0.0]]), [False, True, False]) for _ in range(20)]
    prior = np.zeros(len(LEAD_FEATURES) + 2)
    prior[0] = 0.5
    assert fit(groups, meaning_penalty=0.1, prior=prior)[0] == 0.5


def test_with_a_prior_the_meaning_weights_still_learn():
    x = np.zeros((3, len(LEAD_FEATURES) + 1))
    x[:, -1] = [0.0, 1.0, 0.2]
    groups = [_group(x, [False, True, False]) for _ in range(20)]
    assert lead_hits(groups, fit(groups, meaning_penalty=0.1, prior=np.zeros(len(LEAD_FEATURES) + 1))) == 20
