"""The trainer of the questions-asked-before memory: where gold quotes land, and which sets lend questions."""

from assistant.asked import Anchor
from evals.asked_train import NOT_YET, anchors_of, collect
from evals.patient_set import PatientCase

TEXT = "Intro.\nThe **most common** pattern is hypogonadism — low testosterone.\nMore."


def _case(quotes, answerable=True):
    return PatientCase(id="q", question="q", answer_kind="list", answerable=answerable,
                       gold=tuple({"source": "g.txt", "quote": q} for q in quotes))


def test_a_quote_is_stored_as_the_cleaned_text_it_matches():
    assert anchors_of(_case(["The most common pattern is hypogonadism"]), {"g.txt": TEXT}) == (
        Anchor("g.txt", "The **most common** pattern is hypogonadism"),)


def test_a_quote_not_in_the_guide_is_dropped():
    assert anchors_of(_case(["a sentence nobody wrote"]), {"g.txt": TEXT}) == ()


def _texts():
    from evals.patient_set import PATIENT_DIR
    from ingest.load import load_corpus

    return {d.meta.source_id: d.text for d in load_corpus(PATIENT_DIR.parents[1] / "corpus")[0]}


def test_the_set_being_measured_lends_no_questions():
    sets = {asked.set for asked, _ in collect(_texts())}
    assert sets and not sets & NOT_YET


def test_every_question_collected_has_anchors_in_the_guides():
    rows = collect(_texts(), sets=["t16"])
    assert rows and all(asked.anchors and asked.set == "t16" for asked, _ in rows)
