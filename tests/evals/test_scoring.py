"""Scoring one answer against its gold case: facts, citations and the reasons a case failed."""

from core.types import Answer, Citation
from evals.gold import Case
from evals.scoring import score_answer


def test_score_answer_reasons():
    case = Case("t", "fact", "q?", facts=(("hypogonadism",), ("testosterone",)), gold=())
    texts = {"g.txt": "The most common pattern is hypogonadism — low testosterone."}
    cite = Citation(1, "g.txt", "T", "S", "The most common pattern is hypogonadism", "c1")
    res = score_answer(case, Answer(text="It is hypogonadism, with low testosterone [1]. See [2].", citations=[cite]), texts, 5.0)
    assert res.facts_met == 2
    assert res.facts_supported == 1
    assert any("no cited quote" in r for r in res.reasons)
    assert any("[2]" in r for r in res.reasons)
    assert not res.refused
