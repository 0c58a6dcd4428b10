"""Composition: cited sentences copied verbatim, [n] ↔ citations, abstention, conflicts, renumbering."""

import re

import numpy as np
import pytest

from assistant.blocks import to_blocks
from assistant.candidate import answer_order
from assistant.compose import Candidate, Composer
from core.citations import build_citations, render, strip
from core.types import Chunk
from ingest.load import load_corpus
from tests.conftest import CORPUS

MARK = re.compile(r"\[(\d+)\]")


def _cand(chunk, i, score=1.0):
    return Candidate(chunk, i, chunk.sentence_texts()[i], score, score, 0.0, np.ones(3) / np.sqrt(3))


def test_blocks_number_citations_in_order_and_quote_verbatim():
    text = "First fact here. Second fact here.\n- Item one\n- Item two"
    spans = ((0, 16), (17, 34), (35, 45), (46, 56))
    a = Chunk("a", "g.txt", "Guide", "Sec", 100, 100 + len(text), text, sentences=spans, publisher="P", date="2026")
    b = Chunk("b", "k.txt", "Other", "Sec2", 0, 20, "Other claim is here.", sentences=((0, 20),), authority=3)
    blocks = to_blocks([_cand(a, 0), _cand(a, 2), _cand(a, 3), _cand(b, 0)])
    cites = build_citations(blocks, {"a": a, "b": b})
    out = render(blocks)
    assert [c.n for c in cites] == [1, 2]
    assert cites[0].chunk_id == "a"
    assert cites[0].quote == text[0:56]
    assert (cites[0].start, cites[0].end) == (100, 156)
    assert "- Item one [1]" in out
    assert out.endswith("Other claim is here. [2]")
    assert set(MARK.findall(out)) == {"1", "2"}


def test_a_dropped_block_takes_its_citation_number_with_it():
    a = Chunk("a", "g.txt", "Guide", "Sec", 0, 9, "One fact.", sentences=((0, 9),))
    c = Chunk("c", "g.txt", "Guide", "Sec", 9, 20, "Third fact.", sentences=((0, 11),))
    blocks = to_blocks([_cand(a, 0), _cand(c, 0)])
    assert render(blocks[1:]) == "Third fact. [1]"


@pytest.fixture(scope="module")
def cleaned_texts():
    docs, _ = load_corpus(CORPUS)
    return {d.meta.source_id: d.text for d in docs}


QUESTIONS = [
    "What is POEMS syndrome?",
    "Why does it take so long to diagnose POEMS?",
    "What are the minor criteria for diagnosis?",
    "what tests should be ordered if poems is suspected",
    "How common is thrombosis in POEMS?",
    "What does recovery look like after treatment?",
]


@pytest.mark.slow
@pytest.mark.parametrize("question", QUESTIONS)
def test_every_marker_maps_to_a_verbatim_citation(real_assistant, cleaned_texts, question):
    answer = real_assistant.ask(question)
    assert "out_of_scope" not in answer.flags, answer.text
    numbers = {int(n) for n in MARK.findall(answer.text)}
    assert numbers == {c.n for c in answer.citations} and numbers == set(range(1, len(numbers) + 1))
    for c in answer.citations:
        source_text = cleaned_texts[c.source]
        assert source_text[c.start : c.end] == c.quote  # offsets point at the quote
        assert c.quote in source_text and c.title and c.section is not None
    # every answer sentence is source text, so every claim is in its cited passage
    for line in answer.text.split("\n"):
        for sentence, n in re.findall(r"(.+?)\s\[(\d+)\]", line.lstrip("- ")):
            if ' says "' in sentence:  # a conflict note quotes the other source verbatim
                sentence = sentence.split(' says "', 1)[1]
            body = sentence.strip().split(": ", 1)[-1] if ": " in sentence[:40] else sentence.strip()
            cited = next(c for c in answer.citations if c.n == int(n))
            assert body.strip(' "') in cited.quote or body in source_text_of(cleaned_texts, cited)
    assert len(strip(answer.text)) <= 1700


def source_text_of(texts, citation):
    return texts[citation.source]


@pytest.mark.slow
@pytest.mark.parametrize("question", ["What is the capital of France?", "How do I reset my wifi router?",
                                      "Who won the football world cup in 2018?"])
def test_unrelated_questions_abstain(real_assistant, question):
    answer = real_assistant.ask(question)
    assert "out_of_scope" in answer.flags and answer.citations == []


@pytest.mark.slow
def test_conflict_answers_from_the_stronger_source_and_cites_both(real_assistant):
    answer = real_assistant.ask("Which hormone problem is the most common in POEMS?")
    assert "conflict" in answer.flags
    sources = {c.source for c in answer.citations}
    assert {"bare-your-rare-poems-guide.txt", "klarity-what-is-poems.txt"} <= sources
    assert "hypogonadism" in answer.text and "differs" in answer.text
    assert answer.text.index("hypogonadism") < answer.text.index("hypothyroidism")


@pytest.mark.slow
def test_a_stronger_sentence_that_only_introduces_its_groups_does_not_lead(real_assistant):
    # "A formal diagnosis requires meeting all three groups below." was put first by the criteria conflict
    answer = real_assistant.ask("what tests do i ask for if i think i might have poems")
    assert not answer.text.startswith("A formal diagnosis")


def test_sentence_vector_cache_is_bounded_and_refetches_what_it_dropped():
    calls = []

    def fetch(ids):
        calls.append(list(ids))
        return {i: np.full((2, 3), float(ord(i))) for i in ids}

    composer = Composer(None, fetch, vector_cache_chunks=2)
    composer._vectors(["a", "b"])
    composer._vectors(["a"])  # a is now the most recently used, so b goes first
    composer._vectors(["c"])
    assert calls == [["a", "b"], ["c"]]
    got = composer._vectors(["b", "a"])
    assert calls[-1] == ["b"] and list(got) == ["b", "a"] and got["a"][0, 0] == ord("a")
    assert len(composer._vec_cache) == 2


@pytest.mark.parametrize("sentence", ["This is often the single most impactful step.", "At follow-up, that number was zero.",
                                      "Ask your hematologist for a consultation from one of these centers.",
                                      "When that happens, VEGF levels fall rapidly.",
                                      "In a second hospital's records, the proportion was 40%."])
def test_a_sentence_that_needs_the_one_before_it_leans_back(sentence):
    from assistant.answer_shape import leans_back

    assert leans_back(sentence)


def test_a_sentence_that_introduces_what_it_points_at_stands_on_its_own():
    from assistant.answer_shape import leans_back

    assert not leans_back("The tests include SPEP; these tests miss cases.")


def test_a_measure_said_with_what_it_measures_stands_on_its_own():
    from assistant.answer_shape import leans_back

    assert not leans_back("The rate of thrombosis in the registry was 30%.")


def test_a_heading_or_callout_title_is_not_a_statement():
    from assistant.quotable import quotable as _usable

    assert not _usable("The central clinical truth of POEMS")


def test_a_short_statistic_line_is_still_a_statement():
    from assistant.quotable import quotable as _usable

    assert _usable("~90% hematologic response rate with ASCT")


def test_a_letter_is_no_definition_focus():
    from assistant.answer_shape import definition_focus as _definition_focus

    assert _definition_focus("what does the P mean") == ""


def test_a_question_about_what_the_name_stands_for_prefers_the_sentence_that_spells_it_out():
    from assistant.answer_shape import fit as _fit
    from assistant.question import AnswerKind

    spelled = "POEMS syndrome is an acronym for polyneuropathy, organomegaly, endocrinopathy, monoclonal protein, and skin changes."
    assert _fit(AnswerKind.DEFINITION, spelled, "poems", expansion=True) == 1.0


def test_a_number_asked_as_a_time_prefers_a_sentence_that_gives_one():
    from assistant.answer_shape import fit as _fit
    from assistant.question import AnswerKind

    assert _fit(AnswerKind.NUMBER, "The time from first symptom to diagnosis is typically 13 to 18 months.", duration=True) == 1.0


def test_a_number_asked_as_a_time_does_not_prefer_a_share():
    from assistant.answer_shape import fit as _fit
    from assistant.question import AnswerKind

    assert _fit(AnswerKind.NUMBER, "POEMS is rare, and more common than the published numbers suggest.", duration=True) == 0.0


def test_how_long_asks_for_a_time():
    from assistant.answer_shape import ASKS_DURATION

    assert ASKS_DURATION.search("how long is the delay usually")


def test_a_question_about_what_the_name_stands_for_does_not_prefer_a_sentence_about_the_disease():
    from assistant.answer_shape import fit as _fit
    from assistant.question import AnswerKind

    assert _fit(AnswerKind.DEFINITION, "POEMS is one of the rare diseases where treatment can reverse disability.",
                "poems", expansion=True) == 0.0


def test_a_part_of_daily_life_the_guides_never_name_is_a_word_for_refusing():
    from assistant.text import life_topic

    assert life_topic("beers")


def _opens(section: str, i: int, subject: list[str]) -> float:
    from assistant.answer_shape import opens_section_on as _opens_section_on
    from assistant.text import tokens

    return _opens_section_on(i, tokens(section), subject)


def test_the_opening_of_a_section_named_by_the_question_subject_leads():
    from assistant.text import stem

    assert _opens("Treatment — First-Line Options", 0, [stem("treated")]) == 1.0


def test_a_subsection_opening_counts_through_its_parent_heading():
    from assistant.text import stem

    assert _opens("Treatment — First-Line Options › Localized Disease", 1, [stem("treated")]) == 1.0


def test_a_sentence_deep_inside_the_section_gets_no_section_bonus():
    from assistant.text import stem

    assert _opens("Treatment — First-Line Options", 4, [stem("treated")]) == 0.0


def test_a_heading_that_misses_a_subject_word_gets_no_section_bonus():
    from assistant.text import stem

    assert _opens("Treatment — First-Line Options", 0, [stem("treated"), stem("pregnancy")]) == 0.0


def _sentence(i: int, text: str) -> Candidate:
    chunk = Chunk(id="risk", source_id="s", title="t", section="Prognosis", start=0, end=4, text="Text")
    return Candidate(chunk, i, text, 0.5, 0.5, 0.5, np.zeros(2, dtype=np.float32))


def test_a_lead_leaning_on_a_list_follows_the_whole_list_from_its_lead_in():
    lead_in = _sentence(3, "Risk factors include:")
    items = [_sentence(i, f"- factor {i}") for i in range(4, 7)]
    lead = _sentence(7, "Patients with none of these features can expect long survival.")
    ordered = answer_order([items[-1], lead, lead_in, *items[:-1]], lead)
    assert [c.i for c in ordered] == [3, 4, 5, 6, 7]


def test_a_list_led_by_a_later_item_is_read_in_the_guides_order():
    lead_in = _sentence(2, "What recovery looks like:")
    items = [_sentence(i, f"- stage {i}") for i in range(3, 7)]
    ordered = answer_order([items[1], items[2], items[3], lead_in, items[0]], items[1], whole_list=True)
    assert [c.i for c in ordered] == [2, 3, 4, 5, 6]


@pytest.mark.slow
@pytest.mark.parametrize("question", ["can she still drive", "how much does a stem cell transplant cost"])
def test_a_guide_word_in_another_sense_is_no_evidence(real_assistant, question):
    # "drive" meets "VEGF drives …", "cost" meets "the costs — in disability, time, and money"
    assert "out_of_scope" in real_assistant.ask(question).flags


@pytest.mark.slow
def test_a_life_word_that_qualifies_a_guide_term_is_answered(real_assistant):
    assert "out_of_scope" not in real_assistant.ask("is baby aspirin enough to stop clots").flags


def test_a_chain_of_leaning_sentences_is_read_from_what_it_leans_on():
    first = _sentence(5, "The neuropathy of POEMS is the feature that drives most patients to a doctor.")
    middle = _sentence(6, "It typically begins as numbness and tingling in both feet.")
    lead = _sentence(7, "It is symmetrical and distal.")
    assert [c.i for c in answer_order([lead, middle, first], lead)] == [5, 6, 7]


@pytest.mark.slow
def test_a_follow_up_is_answered_on_its_own_subject(real_assistant):
    from core.types import Turn

    history = [Turn("user", "What tests should be done to check for POEMS?"),
               Turn("assistant", real_assistant.ask("What tests should be done to check for POEMS?").text)]
    # the earlier question's words ("tests", "check") brought back its test list; "heart ultrasound" is the subject
    assert "pulmonary hypertension" in real_assistant.ask("why the heart ultrasound?", history).text


@pytest.mark.slow
@pytest.mark.parametrize(("question", "heading"), [("whats the O in poems", "O — Organomegaly"),
                                                   ("what does the E stand for", "E — Endocrinopathy")])
def test_a_letter_of_the_acronym_is_answered_by_its_heading_first(real_assistant, question, heading):
    assert real_assistant.ask(question).text.startswith(heading)


def test_fillers_do_not_change_the_thing_a_definition_asks_about():
    from assistant.answer_shape import definition_focus as _definition_focus

    assert _definition_focus("what even is poems syndrome") == "poems"


@pytest.mark.slow
def test_the_stronger_source_leads_among_answers_of_the_asked_shape(real_assistant):
    # two guides define POEMS in a sentence opening "POEMS syndrome is …"; the referenced guide (authority 1) leads
    answer = real_assistant.ask("what even is poems syndrome, in plain english please")
    assert answer.text.startswith("POEMS syndrome is a rare disorder caused by a tiny population of abnormal plasma cells")


def test_a_lead_in_left_after_its_items_is_not_shown():
    from assistant.candidate import without_dangling_lead_ins

    items = [_sentence(4, "- stroke"), _sentence(5, "- limb ischemia")]
    lead_in = _sentence(3, "Arterial events are more common than venous:")
    assert [c.i for c in without_dangling_lead_ins([*items, lead_in])] == [4, 5]


def test_a_sentence_pointing_below_is_a_lead_in():
    from assistant.answer_shape import is_lead_in

    assert is_lead_in("A formal diagnosis requires meeting all three groups below.")


@pytest.mark.parametrize("text", ["Here's what each one actually means in a person's body.", "Here are the main tests."])
def test_a_sentence_announcing_what_follows_is_a_lead_in(text):
    from assistant.answer_shape import is_lead_in

    assert is_lead_in(text)


def test_a_sentence_ending_in_a_time_is_no_lead_in():
    from assistant.answer_shape import is_lead_in

    assert not is_lead_in("It is shown below the knee.")


def test_a_lead_in_pointing_below_without_its_groups_is_not_shown():
    from assistant.candidate import without_dangling_lead_ins

    below = _sentence(3, "A formal diagnosis requires meeting all three groups below.")
    assert [c.i for c in without_dangling_lead_ins([_sentence(1, "The criteria are the global standard."), below])] == [1]


def test_a_lead_in_before_its_items_stays():
    from assistant.candidate import without_dangling_lead_ins

    lead_in = _sentence(3, "Arterial events are more common than venous:")
    assert [c.i for c in without_dangling_lead_ins([lead_in, _sentence(4, "- stroke")])] == [3, 4]


def test_a_section_headed_by_the_asked_term_opens_with_its_definition():
    from assistant.answer_shape import heading_defines

    assert heading_defines("Novel Therapies › Pomalidomide", 0, "pomalidomide")


def test_a_later_sentence_of_that_section_is_not_its_definition():
    from assistant.answer_shape import heading_defines

    assert not heading_defines("Novel Therapies › Pomalidomide", 2, "pomalidomide")


def test_a_dash_after_the_asked_term_defines_it():
    from assistant.answer_shape import fit as _fit
    from assistant.question import AnswerKind

    glossary = "IFE (Immunofixation Electrophoresis) — A more sensitive test that identifies the type of M-protein."
    assert _fit(AnswerKind.DEFINITION, glossary, "immunofixation electrophoresis") == 1.0


def test_a_compound_of_the_asked_term_does_not_define_it():
    from assistant.answer_shape import fit as _fit
    from assistant.question import AnswerKind

    assert _fit(AnswerKind.DEFINITION, "- Bortezomib-based regimens — effective but watch the nerves", "bortezomib") == 0.0


def test_a_superlative_is_not_a_number():
    from assistant.answer_shape import fit as _fit
    from assistant.question import AnswerKind

    assert _fit(AnswerKind.NUMBER, "This is the option with the most robust evidence behind it.") == 0.0


def test_most_of_the_patients_is_a_number():
    from assistant.answer_shape import fit as _fit
    from assistant.question import AnswerKind

    assert _fit(AnswerKind.NUMBER, "Most patients see their skin changes fade.") == 1.0


@pytest.mark.parametrize(("question", "focus"), [
    ("papilledema??", "papilledema"),
    ("what kind of medicine is lenalidomide", "lenalidomide"),
    ("whats a plasmacytoma, the report mentions one", "plasmacytoma"),
    ("what r glomeruloid hemangiomas", "glomeruloid hemangiomas"),
])
def test_the_thing_a_definition_asks_about_is_found_in_patients_wording(question, focus):
    from assistant.answer_shape import definition_focus as _definition_focus

    assert _definition_focus(question) == focus


@pytest.mark.slow
def test_a_drug_the_guides_head_a_section_with_is_defined_by_that_section(real_assistant):
    assert real_assistant.ask("whats carfilzomib").text.startswith("Carfilzomib: A second-generation proteasome inhibitor.")


def test_the_asking_part_of_a_message_names_the_term_to_define():
    from assistant.answer_shape import defines_own_term

    assert defines_own_term("hypertrichosis?? the dermatologist wrote that") == "hypertrichosis??"


@pytest.mark.parametrize("message", [
    "my husband is on lenalidomide, what kind of drug is it",  # "it" names nothing in the asking part
    "just been diagnosed, what should i do first",  # no term at all
    "recovery stalled for months. normal?",  # a judgement asked of what was told
])
def test_a_message_that_names_no_term_in_its_asking_part_defines_nothing(message):
    from assistant.answer_shape import defines_own_term

    assert defines_own_term(message) == ""


@pytest.mark.slow
def test_tripping_over_a_dragging_foot_is_answered_not_refused(real_assistant):
    answer = real_assistant.ask("my dads foot drags when he walks and he keeps tripping, anything that helps")
    assert "foot drop" in answer.text


@pytest.mark.slow
def test_a_slang_word_in_the_asking_part_is_not_searched_alone(real_assistant):
    # "diff" is no term of the guides: the whole message is searched, as before
    answer = real_assistant.ask("dad was told cidp but the ivig did nothing. could it be poems? whats the diff")
    assert "IVIG" in answer.text


def _weights_file(tmp_path, features):
    import json

    path = tmp_path / "lead_weights.json"
    path.write_text(json.dumps({"features": list(features), "weights": [0.0] * len(features), "meaning": [1.0, 2.0]}))
    return path


def test_lead_weights_trained_for_other_features_say_how_to_retrain(tmp_path):
    from assistant.candidate import LeadWeightsError, packaged_lead_weights

    with pytest.raises(LeadWeightsError, match="lead-train"):
        packaged_lead_weights(_weights_file(tmp_path, ["score", "sim"]))


def test_lead_weights_for_these_features_load_with_their_meaning_weights(tmp_path):
    from assistant.candidate import LEAD_FEATURES, packaged_lead_weights

    assert packaged_lead_weights(_weights_file(tmp_path, LEAD_FEATURES)).meaning == (1.0, 2.0)


def test_no_lead_weights_file_means_the_hand_weights(tmp_path):
    from assistant.candidate import packaged_lead_weights

    assert packaged_lead_weights(tmp_path / "none.json") is None


def test_the_packaged_lead_weights_fit_the_composer():
    from assistant.candidate import LEAD_FEATURES, packaged_lead_weights

    weights = packaged_lead_weights()
    assert weights is not None and len(weights.features) == len(LEAD_FEATURES)


def test_the_meaning_features_sum_to_the_cosine_similarity():
    from assistant.candidate import meaning_features

    q = np.array([0.6, 0.8, 0.0])
    cand = Candidate(_sentence(0, "A.").chunk, 0, "A.", 0.0, 0.0, 0.0, np.array([0.8, 0.6, 0.0]))
    assert meaning_features([cand], q).sum() == pytest.approx(0.96)


def _two_candidates():
    chunk = Chunk("c", "g.txt", "Guide", "Other", 0, 40, "Early sentence here. Later sentence here.",
                  sentences=((0, 20), (21, 41)))
    early = Candidate(chunk, 0, "Early sentence here.", 0.9, 0.9, 0.0, np.array([1.0, 0.0]))
    late = Candidate(chunk, 1, "Later sentence here.", 0.5, 0.5, 0.0, np.array([0.0, 1.0]))
    return [early, late]


def test_the_hand_weights_lead_with_the_best_scored_sentence():
    from assistant.compose_settings import ComposerSettings

    composer = Composer(None, sentence_vectors=lambda ids: {}, settings=ComposerSettings())
    assert composer.select(_two_candidates(), "what is it like", np.array([0.0, 1.0]))[0].text == "Early sentence here."


def test_learned_meaning_weights_choose_the_lead():
    from assistant.candidate import LEAD_FEATURES, LeadWeights
    from assistant.compose_settings import ComposerSettings

    weights = LeadWeights(tuple(1.0 if n == "score" else 0.0 for n in LEAD_FEATURES), (0.0, 10.0))
    composer = Composer(None, sentence_vectors=lambda ids: {}, settings=ComposerSettings.learned(weights))
    assert composer.select(_two_candidates(), "what is it like", np.array([0.0, 1.0]))[0].text == "Later sentence here."


def test_a_follow_ups_lead_is_ranked_by_the_hand_weights():
    from assistant.candidate import LEAD_FEATURES, LeadWeights
    from assistant.compose_settings import ComposerSettings

    weights = LeadWeights(tuple(1.0 if n == "score" else 0.0 for n in LEAD_FEATURES), (0.0, 10.0))
    composer = Composer(None, sentence_vectors=lambda ids: {}, settings=ComposerSettings.learned(weights))
    chosen = composer.select(_two_candidates(), "what is it like", np.array([0.0, 1.0]), follow_up=True)
    assert chosen[0].text == "Early sentence here."


@pytest.mark.slow
def test_a_list_asked_by_its_section_heading_is_answered_from_that_section(real_assistant):
    answer = real_assistant.ask("which are the minor criteria")
    assert answer.text.startswith("- Minor Criteria")


def test_an_item_opening_a_section_named_by_the_list_asked_for_opens_it():
    from assistant.candidate import opens_asked_list, question_subject

    chunk = Chunk(id="m", source_id="s", title="t", section="Diagnostic Criteria › Minor Criteria — At Least ONE Required",
                  start=0, end=4, text="Text")
    assert opens_asked_list(Candidate(chunk, 0, "- Organomegaly", 0.5, 0.5, 0.5, np.zeros(2)),
                            question_subject("what are the minor criteria"))


def test_an_item_of_a_part_of_the_section_named_does_not_open_the_list_asked_for():
    from assistant.candidate import opens_asked_list, question_subject

    chunk = Chunk(id="o", source_id="s", title="t", section="Treatment — First-Line Options › Older Patients",
                  start=0, end=4, text="Text")
    assert not opens_asked_list(Candidate(chunk, 0, "- Melphalan", 0.5, 0.5, 0.5, np.zeros(2)),
                                question_subject("what are the treatment options"))


def _checklist_item(section: str) -> Candidate:
    chunk = Chunk(id="k", source_id="s", title="t", section=f"Your Action Checklist › {section}", start=0, end=4, text="Text")
    return Candidate(chunk, 0, "- Request a remote consultation", 0.5, 0.5, 0.5, np.zeros(2))


def test_a_message_telling_its_situation_and_asking_what_to_do_opens_the_checklist_for_it():
    from assistant.candidate import situation_openings

    assert situation_openings([_checklist_item("If You Have Just Been Diagnosed")],
                              "my dad was just diagnosed, what should we do now") == [True]


@pytest.mark.parametrize("message", [
    "how is it diagnosed",  # no "what to do" asked
    "what should we do about the swelling",  # no situation told
    "she cries a lot since the diagnosis, what can we do",  # no "just": not newly diagnosed
])
def test_a_situation_not_told_or_nothing_asked_to_do_opens_no_checklist(message):
    from assistant.candidate import situation_openings

    assert situation_openings([_checklist_item("If You Have Just Been Diagnosed")], message) == [False]


def test_a_section_headed_by_the_disease_alone_is_no_situation():
    from assistant.candidate import situation_openings

    assert situation_openings([_checklist_item("If You Think You Might Have POEMS")], "i have poems, what should i do") == [False]


def test_a_term_named_before_what_is_it_is_the_term_to_define():
    from assistant.answer_shape import defines_own_term

    assert defines_own_term("organomegaly?? thats the O right. what is it") == "organomegaly??"


def test_the_disease_named_before_what_is_it_is_no_term_of_its_own():
    from assistant.answer_shape import defines_own_term

    assert defines_own_term("poems?? what is it") == ""


@pytest.mark.parametrize(("message", "focus"), [
    ("what is VEGF and why do they keep testing it on my dad", "vegf"),  # the second question is not the term
    ("vegf?? what is it and why does everyone keep testing it", "vegf"),  # the term named first
    ("what is a plasmacytoma anyway, its on my report", "plasmacytoma"),  # a filler word after the term
])
def test_the_focus_of_a_definition_is_the_term_asked_about(message, focus):
    from assistant.answer_shape import message_focus

    assert message_focus(message) == focus


def test_a_definition_asked_before_a_second_question_is_a_definition():
    from assistant.question import AnswerKind, answer_kind

    assert answer_kind("what is VEGF and why do they keep testing it on my dad") is AnswerKind.DEFINITION


def test_a_list_asked_before_a_second_question_is_still_a_list():
    from assistant.question import AnswerKind, answer_kind

    assert answer_kind("what are the treatment options and how do they work") is not AnswerKind.DEFINITION


@pytest.mark.parametrize(("sentence", "focus"), [
    ("VEGF (Vascular Endothelial Growth Factor) — A signaling protein that regulates blood vessel growth.", "vegf"),
    ("VEGF (Vascular Endothelial Growth Factor) — A signaling protein that regulates blood vessel growth.",
     "vascular endothelial growth factor"),
    ("Organomegaly — Enlargement of internal organs, most often liver, spleen, or lymph nodes.", "organomegaly"),
])
def test_a_glossary_entry_defines_its_term_or_its_spelled_out_name(sentence, focus):
    from assistant.answer_shape import glossary_defines

    assert glossary_defines(sentence, focus)


def test_a_glossary_entry_does_not_define_another_term():
    from assistant.answer_shape import glossary_defines

    assert not glossary_defines("Organomegaly — Enlargement of internal organs.", "vegf")


@pytest.mark.slow
@pytest.mark.parametrize("message", [
    "what is VEGF and why do they keep testing it on my dad",
    # told first, then asked with a filler ("what even is"): searched whole, it led with the workup list
    "just diagnosed w poems at 34 lol. what even is vegf and why does everyone keep testing it",
])
def test_a_definition_asked_with_a_second_question_leads_with_the_definition(real_assistant, message):
    answer = real_assistant.ask(message)
    assert "signaling protein" in answer.text.split("[1]")[0]


def test_another_acronym_is_no_answer_to_what_a_name_stands_for():
    from assistant.answer_shape import fit
    from assistant.question import AnswerKind

    pest = "Some clinicians use a second acronym — PEST — to capture features that the POEMS name misses."
    assert fit(AnswerKind.LIST, pest, expansion=True) == 0.0


def test_the_name_spelled_out_answers_what_it_stands_for():
    from assistant.answer_shape import fit
    from assistant.question import AnswerKind

    spelled = "POEMS syndrome is an acronym for Polyneuropathy, Organomegaly, Endocrinopathy, Monoclonal Protein, and Skin changes."
    assert fit(AnswerKind.LIST, spelled, expansion=True) == 1.0


@pytest.mark.slow
def test_what_follows_the_call_now_line_is_the_passage_the_emergency_hint_names(real_assistant):
    # the message's own words ("chest", "arm") had led with the skin passage's "hair growth on the face, arms, chest"
    answer = real_assistant.ask("my chest feels like someone is sitting on it and its going down my left arm")
    assert "arterial" in answer.text and "hair growth" not in answer.text


@pytest.mark.slow
def test_a_question_after_an_emergency_answer_does_not_take_the_symptom_as_its_topic(real_assistant):
    from core.types import Turn

    first = "my chest feels like someone is sitting on it and its going down my left arm"
    history = [Turn("user", first), Turn("assistant", real_assistant.ask(first).text)]
    # alone, the guides do not cover heredity; searched with "chest … arm" it had been answered with skin findings
    assert "hair growth" not in real_assistant.ask("is it hereditary? could my kids get it", history).text


def test_a_short_sentence_ending_inside_a_closing_quote_is_a_statement():
    from assistant.quotable import quotable as _usable

    assert _usable('At follow-up, that number was zero."')


@pytest.mark.parametrize("question", ["no transplant for him. what else is there to treat it", "what else can they try"])
def test_asking_what_else_there_is_asks_for_a_list(question):
    from assistant.answer_shape import asks_list

    assert asks_list(question)


@pytest.mark.slow
def test_a_lead_completed_by_a_short_leaning_sentence_comes_with_it(real_assistant):
    answer = real_assistant.ask("he used a wheelchair before, is it realistic hell walk again after the transplant")
    assert "that number was zero" in answer.text


@pytest.mark.slow
def test_a_follow_up_naming_a_topic_the_guides_never_mention_is_refused_as_if_asked_alone(real_assistant):
    from assistant.compose import ABSTAIN_TEXT
    from core.types import Turn

    history = [Turn("user", "my wife is on lenalidomide for her poems, what does it do"),
               Turn("assistant", real_assistant.ask("my wife is on lenalidomide for her poems, what does it do").text)]
    assert ABSTAIN_TEXT in real_assistant.ask("can she have a glass of wine while shes on it", history).text


@pytest.mark.slow
def test_asking_what_the_letters_stand_for_is_answered_by_the_sentence_that_spells_them_out(real_assistant):
    assert "Polyneuropathy, Organomegaly" in real_assistant.ask("what do all the letters stand for").text.split("\n")[0]


def test_a_sentence_that_only_says_there_are_letters_spells_nothing_out():
    from assistant.answer_shape import spells_out_name

    assert not spells_out_name("Five letters, five clinical fingerprints.")


@pytest.mark.slow
def test_a_question_ending_for_this_after_a_feeling_is_tried_alone(real_assistant):
    from assistant.compose import ABSTAIN_TEXT
    from core.types import Turn

    first = "im so worn out, i dont know how to act around her anymore"
    history = [Turn("user", first), Turn("assistant", real_assistant.ask(first).text)]
    assert ABSTAIN_TEXT not in real_assistant.ask("where are the best places to go for this in the us", history).text


@pytest.mark.parametrize("question", ["what should we ask the doctor at our next appointment?", "what questions to ask at his first visit"])
def test_what_to_ask_asks_for_a_list(question):
    from assistant.answer_shape import asks_list

    assert asks_list(question)


@pytest.mark.slow
def test_what_to_ask_the_doctor_is_answered_from_the_action_checklist(real_assistant):
    assert "Your Action Checklist" in real_assistant.ask("what should we ask the doctor at our next appointment?").citations[0].section


def _two_sentence_chunk():
    text = "Papilledema is present in up to 30% of patients. Papilledema improves within three months."
    return Chunk(id="eye", source_id="a.txt", title="T", section="S", start=0, end=len(text), text=text,
                 sentences=((0, 48), (49, len(text))))


def test_a_sentence_of_the_answer_just_read_is_found_in_its_text():
    from assistant.candidate import shown_in

    chunk = _two_sentence_chunk()
    before = "Papilledema is present in up to 30% of patients. [1]\n\nEducational information, not medical advice."
    assert shown_in([_cand(chunk, 0), _cand(chunk, 1)], before) == {("eye", 0)}


def test_nothing_is_shown_before_a_first_question():
    from assistant.candidate import shown_in

    assert shown_in([_cand(_two_sentence_chunk(), 0)], "") == set()


def _after(assistant, first_q, then_q):
    """The first answer, and the answer to a follow-up asked right after it."""
    first = assistant.ask(first_q)
    return first, assistant.ask(then_q, [{"role": "user", "content": first_q}, {"role": "assistant", "content": first.text}])


@pytest.mark.slow
def test_a_follow_up_does_not_lead_with_the_sentence_just_read(real_assistant):
    first, then = _after(real_assistant, "eye doc found swollen optic nerves on my dad and he has headaches. is that poems",
                         "will his eyes get better")
    assert then.text.split(". ")[0] != first.text.split(". ")[0]


@pytest.mark.slow
def test_a_follow_up_may_lead_with_a_sentence_just_read_that_names_what_it_asks(real_assistant):
    _, then = _after(real_assistant, "What is the treatment for a single bone lesion?", "how much radiation do they give")
    assert "40–50 Gy" in then.text.split("[1]")[0]


class _WordSearch:
    """The keyword side of the search, reduced to its stemmed words: enough for the composer's own-word rules."""

    chunks: list = []

    def query_terms(self, text: str) -> list[str]:
        from assistant.text import tokens

        return tokens(text)


def _outcome_candidates():
    text = "Radiation is the first treatment for one lesion. Radiation can sometimes cure the disease."
    chunk = Chunk("r", "g.txt", "Guide", "Radiation", 0, len(text), text, sentences=((0, 48), (49, len(text))))
    first = Candidate(chunk, 0, "Radiation is the first treatment for one lesion.", 0.9, 0.9, 0.0, np.array([1.0, 0.0]))
    cure = Candidate(chunk, 1, "Radiation can sometimes cure the disease.", 0.5, 0.5, 0.0, np.array([0.0, 1.0]))
    return [first, cure]


def test_a_follow_up_asking_an_outcome_leads_with_the_sentence_that_says_it():
    from assistant.compose_settings import ComposerSettings

    composer = Composer(_WordSearch(), sentence_vectors=lambda ids: {}, settings=ComposerSettings())
    chosen = composer.select(_outcome_candidates(), "does it cure it", np.array([0.0, 1.0]), follow_up=True)
    assert chosen[0].text == "Radiation can sometimes cure the disease."


def test_the_same_words_asked_alone_keep_the_best_scored_lead():
    from assistant.compose_settings import ComposerSettings

    composer = Composer(_WordSearch(), sentence_vectors=lambda ids: {}, settings=ComposerSettings())
    chosen = composer.select(_outcome_candidates(), "does it cure it", np.array([0.0, 1.0]))
    assert chosen[0].text == "Radiation is the first treatment for one lesion."


def test_a_definition_goes_on_in_the_sentence_that_leans_on_it():
    from assistant.compose_settings import ComposerSettings

    text = ("Poems is a disorder caused by plasma cells. Those cells flood the body with a messenger protein called VEGF. "
            "Poems was also called Crow-Fukase.")
    chunk = Chunk("d", "g.txt", "Guide", "What it is", 0, len(text), text, sentences=((0, 43), (44, 108), (109, len(text))))
    cands = [Candidate(chunk, 0, "Poems is a disorder caused by plasma cells.", 0.9, 0.9, 0.0, np.array([1.0, 0.0])),
             Candidate(chunk, 1, "Those cells flood the body with a messenger protein called VEGF.", 0.2, 0.2, 0.0, np.array([0.6, 0.8])),
             Candidate(chunk, 2, "Poems was also called Crow-Fukase.", 0.6, 0.6, 0.0, np.array([0.8, 0.6]))]
    composer = Composer(None, sentence_vectors=lambda ids: {}, settings=ComposerSettings())
    chosen = composer.select(cands, "what is poems", np.array([1.0, 0.0]))
    assert [c.text for c in chosen[:2]] == ["Poems is a disorder caused by plasma cells.", "Those cells flood the body with a messenger protein called VEGF."]


def test_the_last_line_of_a_quotation_set_apart_is_no_statement():
    from assistant.quotable import quotable as _usable

    line = 'A profound recovery — if caught in time."'
    assert not _usable(line, line)


def test_a_sentence_reporting_similar_outcomes_leans_on_the_one_it_compares_with():
    from assistant.answer_shape import leans_back

    assert leans_back("Chiba University reported similar outcomes — chairbound patients walking again.")


@pytest.mark.slow
def test_why_they_scan_the_heart_leads_with_the_echocardiogram(real_assistant):
    # with the meaning weights in full share the blood count led (t21 dev); at half, the echocardiogram line
    answer = real_assistant.ask("also why would they scan her heart if this is a nerve thing")
    assert answer.text.lstrip("- ").startswith("Echocardiogram")


def _list_chunk(*lines: str) -> Chunk:
    text, spans = "", []
    for line in lines:
        spans.append((len(text), len(text) + len(line)))
        text += line + "\n"
    return Chunk(id="vegf", source_id="s", title="t", section="VEGF", start=0, end=len(text), text=text, sentences=tuple(spans))


def _in(chunk: Chunk, i: int) -> Candidate:
    return Candidate(chunk, i, chunk.sentence_texts()[i], 0.5, 0.5, 0.5, np.zeros(2, dtype=np.float32))


def test_a_lead_in_followed_by_a_later_item_of_its_own_list_stays():
    from assistant.candidate import without_dangling_lead_ins

    chunk = _list_chunk("The excess VEGF produces the features:", "- Nerve edema", "- Volume overload — ascites.")
    assert [c.i for c in without_dangling_lead_ins([_in(chunk, 0), _in(chunk, 2)])] == [0, 2]


def test_a_lead_in_with_prose_between_it_and_the_next_sentence_is_not_shown():
    from assistant.candidate import without_dangling_lead_ins

    chunk = _list_chunk("The excess VEGF produces the features:", "- Nerve edema", "Other cytokines matter.", "- Ascites")
    assert [c.i for c in without_dangling_lead_ins([_in(chunk, 0), _in(chunk, 3)])] == [3]


@pytest.mark.slow
def test_a_why_answered_by_a_list_item_comes_with_what_the_list_comes_from(real_assistant):
    # (a why the list's lead-in answers: "why are her legs and belly so swollen with fluid" is answered by the guide's
    # own sentence on leaky vessels since the memory of questions asked before took every measured set)
    answer = real_assistant.ask("why has fluid collected around his lungs")
    assert answer.text.startswith("The excess VEGF produces most of the characteristic features:")


def _voted_candidates(voted_text: str = "Survival has improved greatly since then.", then: str = "", sep: str = " "):
    """A lead on the topic, and a sentence far under the topic bar and the keep gap that the questions asked
    before voted for; with `then`, a third sentence after it (`sep` apart) that nobody voted for."""
    lead_text = "Diagnosis takes over a year."
    text = f"{lead_text} {voted_text}" + (f"{sep}{then}" if then else "")
    spans = [(0, len(lead_text)), (len(lead_text) + 1, len(lead_text) + 1 + len(voted_text))]
    if then:
        spans.append((len(text) - len(then), len(text)))
    chunk = Chunk("v", "g.txt", "Guide", "Outlook", 0, len(text), text, sentences=tuple(spans))
    cands = [Candidate(chunk, 0, lead_text, 0.9, 0.9, 0.5, np.array([1.0, 0.0]), asked=1.0),
             Candidate(chunk, 1, voted_text, 0.1, 0.1, 0.0, np.array([0.0, 1.0]), asked=0.9)]
    if then:
        cands.append(Candidate(chunk, 2, then, 0.1, 0.1, 0.0, np.array([0.6, 0.8])))
    return cands


def test_a_sentence_the_questions_asked_before_voted_for_supports_below_the_topic_bar():
    from assistant.compose_settings import ComposerSettings

    composer = Composer(None, sentence_vectors=lambda ids: {}, settings=ComposerSettings())
    chosen = composer.select(_voted_candidates(), "how long do people live", np.array([1.0, 0.0]))
    assert [c.i for c in chosen] == [0, 1]


def test_a_vote_under_the_support_share_adds_nothing():
    from assistant.compose_settings import ComposerSettings

    composer = Composer(None, sentence_vectors=lambda ids: {}, settings=ComposerSettings(asked_support=0.95))
    chosen = composer.select(_voted_candidates(), "how long do people live", np.array([1.0, 0.0]))
    assert [c.i for c in chosen] == [0]


def test_a_voted_lead_in_does_not_bring_its_list_in():
    from assistant.compose_settings import ComposerSettings

    cands = _voted_candidates("A diagnosis requires all of the following:", "- Polyneuropathy in both feet and legs", "\n")
    composer = Composer(None, sentence_vectors=lambda ids: {}, settings=ComposerSettings())
    chosen = composer.select(cands, "how long do people live", np.array([1.0, 0.0]))
    assert [c.i for c in chosen] == [0]


def test_a_voted_side_of_a_known_conflict_does_not_support_under_the_topic_bar():
    from assistant.compose_settings import ComposerSettings
    from core.conflicts import Conflict, Passage

    cands = _voted_candidates()
    search = _WordSearch()
    search.chunks = [cands[0].chunk]
    disputed = Conflict("survival", Passage("g.txt", "Survival has improved greatly since then."), Passage("k.txt", "Survival is poor."))
    composer = Composer(search, sentence_vectors=lambda ids: {}, conflicts=[disputed], settings=ComposerSettings())
    chosen = composer.select(cands, "how long do people live", np.array([1.0, 0.0]))
    assert [c.i for c in chosen] == [0]


def test_a_support_sentence_comes_with_the_short_sentence_that_completes_it():
    from assistant.compose_settings import ComposerSettings

    cands = _voted_candidates("Of them, 45% needed a wheelchair.", "At follow-up, that number was zero.")
    composer = Composer(None, sentence_vectors=lambda ids: {}, settings=ComposerSettings())
    chosen = composer.select(cands, "will i end up in a wheelchair", np.array([1.0, 0.0]))
    assert [c.i for c in chosen] == [0, 1, 2]


@pytest.mark.slow
def test_a_timeline_row_leads_with_its_sentence_that_answers(real_assistant):
    answer = real_assistant.ask("will the feeling in his feet ever come back completely")
    assert answer.text.startswith("- 2–5 years: Distal sensation")


@pytest.mark.slow
def test_a_story_told_before_the_question_does_not_get_it_refused(real_assistant):
    answer = real_assistant.ask("the burning in her feet at night is unbearable, shes not sleeping. what medicines help nerve pain")
    assert "gabapentin" in answer.text.lower()


@pytest.mark.slow
def test_what_works_after_a_story_is_searched_with_the_story(real_assistant):
    # "what actually works" had been read as a definition asked of the word "works" and answered
    # "Understanding the mechanism explains why treatment works."
    answer = real_assistant.ask("tylenol and advil do nothing for the burning nerve pain. what actually works")
    assert "gabapentin" in answer.text.lower()


@pytest.mark.slow
def test_a_reason_told_after_the_question_does_not_get_it_refused(real_assistant):
    # "why not thalidomide instead, its cheaper where we live" had been refused for "cheaper" (conversations_t29 dev)
    answer = real_assistant.ask("why dont they use thalidomide, its way cheaper in our country")
    assert "thalidomide" in answer.text.lower()


@pytest.mark.slow
def test_a_question_about_what_no_guide_names_is_refused_whatever_story_follows(real_assistant):
    answer = real_assistant.ask("could lyme disease be behind his numbness, he got a tick bite in june")
    assert answer.text.startswith("The guides I answer from do not cover this question")


def test_a_sentence_giving_a_reason_told_before_it_leans_back():
    from assistant.answer_shape import leans_back

    assert leans_back("Radiation is usually chosen for this reason.")


def test_a_sentence_giving_its_own_reason_stands_alone():
    from assistant.answer_shape import leans_back

    assert not leans_back("Radiation is usually chosen when there are one or two lesions.")


@pytest.mark.slow
def test_a_preference_for_a_reason_comes_with_the_reason(real_assistant):
    answer = real_assistant.ask("lenalidomide or thalidomide, which do they prefer")
    assert "neuropathy" in answer.text.lower()


@pytest.mark.slow
def test_what_a_question_sets_aside_does_not_lead_its_answer(real_assistant):
    # (probe written by hand after t30 dev: "besides cidp what other things …" had led with the CIDP comparison table)
    answer = real_assistant.ask("apart from cidp, what else do doctors confuse this with")
    assert "CIDP" not in answer.blocks[0].text


@pytest.mark.slow
def test_what_is_left_once_something_is_set_aside_is_what_is_searched(real_assistant):
    answer = real_assistant.ask("besides cidp what else do doctors mistake it for")
    assert "diabetic neuropathy" in answer.blocks[0].text


@pytest.mark.slow
def test_a_question_naming_the_disease_beside_its_topic_is_not_answered_with_what_the_disease_is(real_assistant):
    # (t30 dev: the questions asked before that name POEMS most ask what it is, and their votes had led the answer)
    answer = real_assistant.ask("are there any new treatments being tried for poems syndrome")
    assert not answer.blocks[0].text.startswith("POEMS syndrome is a rare disorder")


def _para_chunk(text: str, *sentences: str) -> Chunk:
    spans = tuple((text.index(s), text.index(s) + len(s)) for s in sentences)
    return Chunk(id="p", source_id="s", title="t", section="Misdiagnosis", start=0, end=len(text), text=text, sentences=spans)


def test_the_sentence_before_is_the_one_just_before_in_its_paragraph():
    from assistant.candidate import sentence_before

    chunk = _para_chunk("The commonest is CIDP. The two look alike.\n\nOthers include MGUS.",
                        "The commonest is CIDP.", "The two look alike.", "Others include MGUS.")
    assert sentence_before(_in(chunk, 1)) == "The commonest is CIDP."


def test_a_sentence_opening_a_paragraph_has_none_before_it():
    from assistant.candidate import sentence_before

    chunk = _para_chunk("The commonest is CIDP. The two look alike.\n\nOthers include MGUS.",
                        "The commonest is CIDP.", "The two look alike.", "Others include MGUS.")
    assert sentence_before(_in(chunk, 2)) == ""


@pytest.mark.parametrize("question", ["is that rare", "is it common in men", "does that happen often"])
def test_a_yes_or_no_about_how_common_asks_for_a_share(question):
    from assistant.answer_shape import ASKS_HOW_COMMON

    assert ASKS_HOW_COMMON.search(question)


def test_is_it_curable_does_not_ask_for_a_share():
    from assistant.answer_shape import ASKS_HOW_COMMON

    assert not ASKS_HOW_COMMON.search("is it curable")


@pytest.mark.slow
def test_how_common_asked_after_an_answer_leads_with_the_share_it_just_read(real_assistant):
    from core.types import Turn

    first = "the eye specialist found swelling at the back of her eye, could poems do that"
    before = real_assistant.ask(first)
    history = [Turn("user", first), Turn("assistant", before.text, tuple(before.cited_ids))]
    assert "30%" in real_assistant.ask("is that rare", history).text.split("[")[0]


def _dose_candidates():
    text_a, text_b = "Transplant uses a high dose of melphalan.", "Radiation is given at curative doses of 40 Gy."
    a = Chunk("t", "g.txt", "Guide", "Transplant", 0, len(text_a), text_a, sentences=((0, len(text_a)),))
    b = Chunk("r", "g.txt", "Guide", "Radiation", 0, len(text_b), text_b, sentences=((0, len(text_b)),))
    return [Candidate(a, 0, text_a, 0.9, 0.9, 0.0, np.array([1.0, 0.0])), Candidate(b, 0, text_b, 0.5, 0.5, 0.0, np.array([0.0, 1.0]))]


def test_a_follow_up_asking_after_a_word_of_the_answer_just_read_may_lead_with_its_sentence():
    from assistant.compose_settings import ComposerSettings

    composer = Composer(_WordSearch(), sentence_vectors=lambda ids: {}, settings=ComposerSettings())
    echoed = composer._echoed(_dose_candidates(), "Radiation is given at curative doses of 40 Gy. [1]", "what dose would they give")
    assert echoed == {("r", 0)}


def test_an_everyday_word_asked_after_counts_too():
    from assistant.compose_settings import ComposerSettings

    text = "Hormone changes differ in men and in women."
    chunk = Chunk("h", "g.txt", "Guide", "Hormones", 0, len(text), text, sentences=((0, len(text)),))
    composer = Composer(_WordSearch(), sentence_vectors=lambda ids: {}, settings=ComposerSettings())
    cands = [Candidate(chunk, 0, text, 0.9, 0.9, 0.0, np.array([1.0, 0.0]))]
    assert composer._echoed(cands, f"{text} [1]", "what about for women") == {("h", 0)}


def test_a_word_of_no_sentence_just_read_leaves_the_lead_to_the_scores():
    from assistant.compose_settings import ComposerSettings

    composer = Composer(_WordSearch(), sentence_vectors=lambda ids: {}, settings=ComposerSettings())
    assert composer._echoed(_dose_candidates(), "Radiation is given once a day. [1]", "what dose would they give") == set()


def _centre(text: str, region: str) -> Candidate:
    chunk = Chunk(id=f"c{region}", source_id="s", title="t", section=f"Expert Centers › {region}", start=0, end=4, text="Text")
    return Candidate(chunk, 0, text, 0.5, 0.5, 0.5, np.zeros(2))


def test_a_centre_in_the_place_a_question_names_leads():
    from assistant.candidate import forced_leads

    cands = [_centre("Big City Hospital (Lisbon) — A strong program.", "Europe"), _centre("Small Clinic (Porto) — Another.", "Europe")]
    assert forced_leads(cands, "which hospitals in porto know this", np.zeros((2, 1))).tolist() == [False, True]


def test_a_place_named_with_the_question_told_first_or_through_the_guides_term_for_it_leads():
    from assistant.candidate import forced_leads

    cands = [_centre("Big City Hospital (Lisbon) — A strong program.", "Europe")]
    assert forced_leads(cands, "we live in portugal, is there anyone who knows it", np.zeros((1, 1)),
                        lambda w: "lisbon" if w == "portugal" else "").tolist() == [True]


def test_a_sentence_that_names_the_place_in_passing_is_no_centre_to_lead():
    from assistant.candidate import forced_leads

    cands = [_centre("The largest cohorts were published in Portugal and Spain (Lisbon Clinic).", "Who Gets It")]
    assert forced_leads(cands, "which hospitals in portugal know this", np.zeros((1, 1))).tolist() == [False]


def test_a_question_naming_no_place_forces_no_centre():
    from assistant.candidate import forced_leads

    cands = [_centre("Big City Hospital (Lisbon) — A strong program.", "Europe")]
    assert forced_leads(cands, "which hospitals know this disease", np.zeros((1, 1))).tolist() == [False]


@pytest.mark.slow
def test_a_question_after_centres_in_a_country_names_them_all_first(real_assistant):
    answer = real_assistant.ask("which hospitals in japan know about this")
    assert answer.text.startswith(("Chiba University", "National Cancer Center")) and "Chiba University" in answer.text


@pytest.mark.slow
def test_a_question_after_centres_in_a_country_names_no_centre_elsewhere(real_assistant):
    assert "Beijing" not in real_assistant.ask("which hospitals in japan know about this").text


def test_a_region_asked_by_name_brings_every_centre_under_its_heading():
    from assistant.candidate import forced_leads

    cands = [_centre("Big City Hospital (Lisbon) — A strong program.", "Europe"), _centre("Far Clinic (Lima) — Another.", "South America")]
    assert forced_leads(cands, "we live in europe, which centres know this", np.zeros((2, 1))).tolist() == [True, False]


def test_a_countrys_wider_region_in_the_guides_terms_brings_no_centre_of_another_country():
    from assistant.candidate import forced_leads

    cands = [_centre("Big City Hospital (Lisbon) — A strong program.", "Europe")]
    assert forced_leads(cands, "which centres in spain know this", np.zeros((1, 1)),
                        lambda w: "europe" if w == "spain" else "").tolist() == [False]
