"""The patient-voice measures on small hand-made answers: direct, on topic, orphan, blank, refusals."""

from __future__ import annotations

import pytest

from core.types import Answer, Block, BlockKind, Citation, Cite
from evals.answer_quality import (
    ON_TOPIC_COSINE,
    AnswerSentence,
    SourceIndex,
    answer_sentences,
    first_statement,
    is_blank,
    is_direct,
    is_refusal,
    on_topic,
    orphans,
    score_patient_answer,
)
from evals.patient_set import PatientCase

GUIDE = (
    "Polyneuropathy\n\n"
    "The neuropathy of POEMS drives most patients to a doctor. It typically begins in both feet. It is symmetrical.\n\n"
    "Treatment\n\n"
    "Radiation is the first-line treatment for a single lesion. For this reason, staging scans matter.\n\n"
    "Options include:\n\n"
    "- Lenalidomide with dexamethasone\n"
    "- Daratumumab-based regimens\n\n"
    "Travel insurance forms can be filled in online before a trip."
)
SOURCE = "g.txt"


@pytest.fixture
def index():
    return SourceIndex({SOURCE: GUIDE})


def _answer(*sentences: str, flags=(), role="claim") -> Answer:
    """An answer whose blocks each cite the guide sentence they quote (one citation per sentence)."""
    blocks, citations = [], []
    for n, s in enumerate(sentences, 1):
        start = GUIDE.index(s)
        cid = f"c{n}"
        blocks.append(Block(s, BlockKind.SENTENCE, (Cite(cid),), role=role))
        citations.append(Citation(n, SOURCE, "Guide", "", s, cid, start=start, end=start + len(s)))
    text = " ".join(f"{s} [{n}]" for n, s in enumerate(sentences, 1))
    return Answer(text=text, citations=citations, flags=list(flags), blocks=blocks)


def _case(facts=(("first-line",),), answerable=True, gold=(), question="what is the first treatment") -> PatientCase:
    return PatientCase("t-1", question, "definition", answerable, facts=tuple(facts), gold=tuple(gold))


# ---------------------------------------------------------------- direct


def test_direct_when_the_first_sentence_gives_the_core_answer():
    sentences = answer_sentences(_answer("Radiation is the first-line treatment for a single lesion."))
    assert is_direct((("first-line",), ("staging",)), sentences)


def test_not_direct_when_the_core_answer_comes_second():
    sentences = answer_sentences(_answer("The neuropathy of POEMS drives most patients to a doctor.",
                                         "Radiation is the first-line treatment for a single lesion."))
    assert not is_direct((("first-line",),), sentences)


def test_a_lead_in_is_read_with_its_first_item():
    sentences = answer_sentences(_answer("Options include:", "Lenalidomide with dexamethasone"))
    assert first_statement(sentences) == "Options include: Lenalidomide with dexamethasone"
    assert is_direct((("lenalidomide",),), sentences)


def test_direct_reads_past_a_safety_preface():
    answer = _answer("Radiation is the first-line treatment for a single lesion.")
    answer.blocks.insert(0, Block("Call your local emergency number now.", role="safety"))
    assert is_direct((("first-line",),), answer_sentences(answer))


# ---------------------------------------------------------------- orphans


def test_a_leaning_sentence_without_the_one_before_it_is_an_orphan(index):
    sentences = answer_sentences(_answer("It typically begins in both feet."))
    assert orphans(sentences, index) == ["It typically begins in both feet."]


def test_a_leaning_sentence_after_its_source_neighbour_is_not_an_orphan(index):
    sentences = answer_sentences(_answer("The neuropathy of POEMS drives most patients to a doctor.",
                                         "It typically begins in both feet.", "It is symmetrical."))
    assert orphans(sentences, index) == []


def test_a_skipped_referent_makes_an_orphan(index):
    sentences = answer_sentences(_answer("The neuropathy of POEMS drives most patients to a doctor.", "It is symmetrical."))
    assert orphans(sentences, index) == ["It is symmetrical."]


def test_for_this_reason_leans_too(index):
    sentences = answer_sentences(_answer("The neuropathy of POEMS drives most patients to a doctor.",
                                         "For this reason, staging scans matter."))
    assert orphans(sentences, index) == ["For this reason, staging scans matter."]


def test_a_leaning_sentence_that_is_in_no_guide_counts_as_an_orphan(index):
    sentences = [AnswerSentence("This changes everything.", "claim", ((SOURCE, 0, 10),))]
    assert orphans(sentences, index) == ["This changes everything."]


# ---------------------------------------------------------------- on topic


def test_sentences_in_a_gold_paragraph_are_on_topic_and_others_are_not(index):
    gold = [{"source": SOURCE, "quote": "Radiation is the first-line treatment"}]
    sentences = answer_sentences(_answer("For this reason, staging scans matter.",
                                         "Travel insurance forms can be filled in online before a trip."))
    flags = on_topic("what is the first treatment", (("first-line",),), sentences, index, index.gold_regions(gold))
    assert flags == [True, False]


def test_a_lead_in_paragraph_reaches_into_its_list(index):
    gold = [{"source": SOURCE, "quote": "Options include:"}]
    sentences = answer_sentences(_answer("Daratumumab-based regimens"))
    assert on_topic("what are the options", (), sentences, index, index.gold_regions(gold)) == [True]


def test_a_fact_match_or_a_close_embedding_makes_a_sentence_on_topic(index):
    sentences = answer_sentences(_answer("Travel insurance forms can be filled in online before a trip.",
                                         "The neuropathy of POEMS drives most patients to a doctor."))
    by_fact = on_topic("q", (("insurance",),), sentences, index, [])
    assert by_fact == [True, False]
    scores = {"Travel insurance forms can be filled in online before a trip.": ON_TOPIC_COSINE - 0.01,
              "The neuropathy of POEMS drives most patients to a doctor.": ON_TOPIC_COSINE}
    by_cosine = on_topic("q", (), sentences, index, [], similarity=lambda q, ss: [scores[s] for s in ss])
    assert by_cosine == [False, True]


# ---------------------------------------------------------------- blank and refusals


def test_no_text_no_citation_and_no_flag_is_blank():
    assert is_blank(Answer(text=""))
    assert is_blank(Answer(text="POEMS is rare."))  # words, but no citation and nothing saying why


def test_a_refusal_or_a_flag_is_not_blank():
    refusal = Answer(text="The guides do not cover this.", flags=["out_of_scope"])
    assert not is_blank(refusal)
    assert is_refusal(refusal)
    safety_reply = Answer(text="Please ask your care team.", flags=["personal_advice"],
                          blocks=[Block("Please ask your care team.", role="refusal")])
    assert not is_blank(safety_reply)
    assert is_refusal(safety_reply)


def test_a_cited_answer_is_neither_blank_nor_a_refusal():
    answer = _answer("Radiation is the first-line treatment for a single lesion.")
    assert not is_blank(answer)
    assert not is_refusal(answer)


def test_refusing_an_answerable_question_is_a_wrong_refusal(index):
    res = score_patient_answer(_case(), Answer(text="The guides do not cover this.", flags=["out_of_scope"]), index)
    assert res.refused
    assert not res.facts_all
    assert res.score == 0.0
    assert any("refused a question the guides answer" in r for r in res.reasons)


def test_refusing_an_unanswerable_question_passes(index):
    res = score_patient_answer(_case(facts=(), answerable=False),
                               Answer(text="The guides do not cover this.", flags=["out_of_scope"]), index)
    assert res.passed
    assert res.score == 1.0


def test_answering_an_unanswerable_question_fails(index):
    res = score_patient_answer(_case(facts=(), answerable=False),
                               _answer("Travel insurance forms can be filled in online before a trip."), index)
    assert not res.passed
    assert res.score == 0.0


def test_a_blank_answer_is_reported_and_scores_nothing(index):
    res = score_patient_answer(_case(), Answer(text=""), index)
    assert res.blank
    assert not res.refused
    assert res.score == 0.0
    assert any("blank answer" in r for r in res.reasons)


def test_uncited_words_meet_no_fact(index):
    res = score_patient_answer(_case(), Answer(text="Radiation is the first-line treatment."), index)
    assert res.blank
    assert res.facts_met == 0
    assert not res.facts_all


def test_a_good_answer_passes_with_every_measure(index):
    gold = [{"source": SOURCE, "quote": "Radiation is the first-line treatment for a single lesion."}]
    case = _case(facts=(("first-line",), ("staging",)), gold=gold)
    answer = _answer("Radiation is the first-line treatment for a single lesion.", "For this reason, staging scans matter.")
    res = score_patient_answer(case, answer, index, grade=lambda text: 7.0)
    assert res.passed, res.reasons
    assert res.facts_all
    assert res.direct
    assert res.on_topic_share == 1.0
    assert res.orphans == []
    assert res.grade == 7.0


# ---------------------------------------------------------------- answers that are only text


def test_sentences_are_read_from_text_when_an_answer_has_no_blocks():
    cite = Citation(1, SOURCE, "Guide", "", "x", "c1")
    answer = Answer(text="Call now. Radiation is first-line. [1] See your care team.", citations=[cite])
    sentences = answer_sentences(answer)
    assert [s.text for s in sentences] == ["Call now.", "Radiation is first-line.", "See your care team."]
    assert [s.role for s in sentences] == ["note", "claim", "note"]
    assert first_statement(sentences) == "Radiation is first-line."
