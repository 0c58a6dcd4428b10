"""The side-by-side eval asks the set it is given and scores both answerers on the same cases."""

from __future__ import annotations

import json

import pytest

from core.types import Answer, Block, Citation
from evals.side_by_side import load_cases, main, subset


class ScriptedAssistant:
    """Answers every question with the same one-sentence, one-citation answer; records what was asked."""

    def __init__(self, sentence: str, answerer: str = "extractive", verification: dict | None = None) -> None:
        self.sentence, self.answerer = sentence, answerer
        self.verification = verification or {"sentences": 0, "supported": 0, "dropped": 0}
        self.asked: list[str] = []

    def ask_stream(self, question, history):
        self.asked.append(question)
        cite = Citation(n=1, source="guide.txt", title="A guide", section="", quote=self.sentence, chunk_id="c1")
        yield Answer(text=f"{self.sentence} [1]", citations=[cite], blocks=[Block(role="claim", text=self.sentence)],
                     answerer=self.answerer, verification=dict(self.verification))


def test_a_patient_set_gives_its_answerable_questions():
    cases = load_cases("t20", "dev")
    assert cases and all(c.id.startswith("q20-") for c in cases)


def test_gold_is_still_the_default_set():
    assert all(not c.id.startswith("q") for c in load_cases())


def test_an_unknown_set_is_refused():
    with pytest.raises(ValueError, match="t999"):
        load_cases("t999")


def test_both_answerers_are_asked_the_patient_set_questions(tmp_path):
    extractive, llm = ScriptedAssistant("VEGF drives the swelling."), ScriptedAssistant("x", "llm")
    main(split="dev", out=tmp_path, eval_set="t20", limit=3, assistants=(extractive, llm), on_note=lambda m: None)
    assert extractive.asked == llm.asked == [c.question for c in subset(load_cases("t20", "dev"), 3)]


def test_the_report_names_the_set_it_measured(tmp_path):
    pair = (ScriptedAssistant("a"), ScriptedAssistant("b", "llm"))
    main(split="dev", out=tmp_path, eval_set="t20", limit=2, assistants=pair, on_note=lambda m: None)
    assert json.loads((tmp_path / "side_by_side.json").read_text())["meta"]["set"] == "t20"
