"""Unit tests for evals.metrics: every number in the eval report comes from these functions."""

import math

import pytest

from evals.metrics import (
    Span,
    check_citation,
    count_relevant,
    coverage,
    dangling_markers,
    fact_met,
    flag_prf,
    gold_spans,
    hit_at_k,
    locate,
    marker_numbers,
    ndcg_at_k,
    percentile,
    recall_at_k,
    reciprocal_rank,
    score_facts,
    strip_markers,
)

TEXT = "Alpha beta gamma. The most common pattern is hypogonadism — low testosterone. Delta epsilon."


def test_locate_exact_finds_every_occurrence():
    text = "abc xyz abc"
    assert locate(text, "abc") == [(0, 3), (8, 11)]


def test_locate_tolerates_markup_whitespace_and_quotes():
    text = "It is **symmetrical,  distal**\tand ‘odd’."
    spans = locate(text, "It is symmetrical, distal and 'odd'")
    assert len(spans) == 1
    a, b = spans[0]
    assert text[a:b].startswith("It is **symmetrical")
    assert text[a:b].endswith("odd’")


def test_locate_missing_returns_empty():
    assert locate(TEXT, "not in there") == []
    assert locate(TEXT, "   ") == []


def test_gold_spans_maps_sources():
    texts = {"a.txt": TEXT}
    spans = gold_spans([{"source": "a.txt", "quote": "hypogonadism"}, {"source": "b.txt", "quote": "x"}], texts)
    start = TEXT.index("hypogonadism")
    assert spans == [[Span("a.txt", start, start + len("hypogonadism"))], []]


def test_span_overlap_needs_same_source_and_half_open_ranges():
    assert Span("a", 0, 10).overlaps(Span("a", 9, 12))
    assert not Span("a", 0, 10).overlaps(Span("a", 10, 12))  # touching is not overlapping
    assert not Span("a", 0, 10).overlaps(Span("b", 0, 10))


def _cover():
    gold = [[Span("a", 100, 120)], [Span("a", 300, 320), Span("b", 0, 5)]]
    retrieved = [Span("a", 0, 50), Span("b", 0, 40), Span("a", 90, 110), Span("a", 400, 500)]
    return coverage(retrieved, gold), gold, retrieved


def test_coverage_and_rank_metrics():
    cover, gold, _ = _cover()
    assert cover == [set(), {1}, {0}, set()]
    assert hit_at_k(cover, 1) == 0.0
    assert hit_at_k(cover, 2) == 1.0
    assert recall_at_k(cover, len(gold), 2) == 0.5
    assert recall_at_k(cover, len(gold), 3) == 1.0
    assert reciprocal_rank(cover) == 0.5
    assert reciprocal_rank(cover, k=1) == 0.0
    assert recall_at_k([], 2, 5) == 0.0
    assert recall_at_k([{0}], 0, 5) == 0.0


def test_ndcg_matches_hand_computation():
    rel = [False, True, True, False]
    dcg = 1 / math.log2(3) + 1 / math.log2(4)
    idcg = 1 + 1 / math.log2(3)
    assert ndcg_at_k(rel, 10, 2) == pytest.approx(dcg / idcg)
    assert ndcg_at_k([True, True], 10, 2) == pytest.approx(1.0)
    assert ndcg_at_k([False, False], 10, 0) == 0.0
    # an undercounted index size must not push nDCG above 1
    assert ndcg_at_k([True, True, True], 10, 1) == pytest.approx(1.0)


def test_ndcg_penalises_relevant_chunks_missing_from_the_list():
    assert ndcg_at_k([True], 10, 3) < 1.0


def test_count_relevant():
    _, gold, retrieved = _cover()
    assert count_relevant(retrieved, gold) == 2


def test_strip_markers_and_marker_numbers():
    text = "Hypogonadism is most common [1]. It is treated [2, 3].[4]"
    assert strip_markers(text) == "Hypogonadism is most common. It is treated."
    assert marker_numbers(text) == [1, 2, 3, 4]
    assert dangling_markers(text, 3) == [4]
    assert dangling_markers(text, 4) == []


def test_fact_met_is_case_insensitive_regex_with_alternatives():
    assert fact_met(["hypothyroidism", "HYPOGONADISM"], TEXT)
    assert fact_met([r"13.{1,5}18 months"], "typically 13 to 18 months")
    assert not fact_met(["thyroid"], TEXT)


def test_score_facts_completeness_and_support():
    answer = "The most common pattern is hypogonadism [1]. Age six was the youngest [2]."
    facts = [["hypogonadism"], ["age (6|six)"], ["CIDP"]]
    res = score_facts(facts, answer, cited_quotes=["The most common pattern is hypogonadism"])
    assert res.met == [0, 1]
    assert res.missing == [2]
    assert res.supported == [0]
    assert res.unsupported == [1]
    assert res.completeness == pytest.approx(2 / 3)
    assert res.support == pytest.approx(1 / 2)


def test_score_facts_ignores_citation_markers():
    # "[6]" is a marker, not the number six
    res = score_facts([[r"\b6\b"]], "The youngest case was a child [6].")
    assert res.met == []


def test_score_facts_no_facts_is_complete():
    res = score_facts([], "anything")
    assert res.completeness == 1.0
    assert res.support == 1.0


def test_check_citation():
    texts = {"a.txt": TEXT}
    q = "The most common pattern is hypogonadism"
    start = TEXT.index(q)
    assert check_citation(1, "a.txt", q, texts).valid
    assert check_citation(1, "a.txt", q, texts, start, start + len(q)).valid
    assert not check_citation(1, "a.txt", q, texts, start + 1, start + 1 + len(q)).valid
    assert not check_citation(1, "a.txt", q.replace("most", "more"), texts).valid
    assert not check_citation(1, "missing.txt", q, texts).valid
    assert not check_citation(1, "a.txt", "  ", texts).valid


def test_percentile_matches_numpy_linear():
    vals = [10, 20, 30, 40, 50]
    assert percentile(vals, 50) == 30
    assert percentile(vals, 95) == pytest.approx(48.0)
    assert percentile([7], 95) == 7
    assert percentile([], 50) == 0.0


def test_flag_prf():
    expected = [["emergency"], [], ["emergency"], []]
    actual = [["emergency"], ["emergency"], [], []]
    prf = flag_prf(expected, actual, "emergency")
    assert (prf.tp, prf.fp, prf.fn) == (1, 1, 1)
    assert prf.precision == 0.5
    assert prf.recall == 0.5
    # an allowed flag is neither a hit nor a false alarm
    allowed = flag_prf(expected, actual, "emergency", allowed=[[], ["emergency"], [], []])
    assert (allowed.tp, allowed.fp, allowed.fn) == (1, 0, 1)
    empty = flag_prf([[]], [[]], "injection")
    assert empty.precision == 1.0
    assert empty.recall == 1.0
