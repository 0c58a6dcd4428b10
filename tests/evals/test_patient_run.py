"""The patient-voice eval end to end on a scripted assistant: history, switch ratio, aggregates, gate, report."""

from __future__ import annotations

import json

import pytest

from core.types import Answer, Block, Citation, Cite
from evals.gate import applicable, check_gate, propose
from evals.patient_run import PatientRunner, summarise, switch_summary
from evals.patient_set import Conversation, PatientCase
from evals.runner import run_eval

GUIDE = ("Radiation is the first-line treatment for a single lesion.\n\n"
         "Distal sensation in the feet is often the last to return.\n\n"
         "Mayo Clinic and UCLH accept remote consultations.")
SOURCE = "g.txt"


class ScriptedAssistant:
    """Answers from a table of question → guide sentence; with any history, it answers the first
    turn's question again (a follow-up resolver that never lets go), so switches score worse."""

    def __init__(self, answers: dict[str, str | None]):
        self.answers = answers
        self.calls: list[tuple[str, list]] = []

    def ask(self, question, history=()):
        self.calls.append((question, list(history)))
        asked = history[0].content if history else question
        sentence = self.answers.get(asked)
        if sentence is None:
            return Answer(text="The guides do not cover this.", flags=["out_of_scope"],
                          blocks=[Block("The guides do not cover this.", role="refusal")])
        start = GUIDE.index(sentence)
        cite = Citation(1, SOURCE, "Guide", "", sentence, "c1", start=start, end=start + len(sentence))
        return Answer(text=f"{sentence} [1]", citations=[cite], blocks=[Block(sentence, cites=(Cite("c1"),))])


ANSWERS = {
    "what is the first treatment": "Radiation is the first-line treatment for a single lesion.",
    "will the feeling in my feet come back": "Distal sensation in the feet is often the last to return.",
    "where can we get a second opinion": "Mayo Clinic and UCLH accept remote consultations.",
}


def _turn(cid, n, question, kind, facts, turn_type, answerable=True):
    return PatientCase(f"{cid}/{n}", question, kind, answerable, facts=facts, turn_type=turn_type, standalone=question)


def test_turns_are_asked_with_the_real_history_and_switches_again_alone():
    bot = ScriptedAssistant(ANSWERS)
    conv = Conversation("c-x", (
        _turn("c-x", 1, "what is the first treatment", "definition", (("first-line",),), "first"),
        _turn("c-x", 2, "where can we get a second opinion", "who_where", (("mayo",),), "switch"),
    ))
    turns, switches = PatientRunner(bot, {SOURCE: GUIDE}, retrieval=False).conversations([conv])
    second_history = bot.calls[1][1]
    assert [t.role for t in second_history] == ["user", "assistant"]
    assert second_history[0].content == "what is the first treatment"
    assert second_history[1].content.startswith("Radiation is the first-line treatment")
    assert bot.calls[2] == ("where can we get a second opinion", []), "the switch is asked again alone"
    assert [t.score for t in turns] == [1.0, 0.0]
    assert switches[0]["in_conversation"] == 0.0
    assert switches[0]["alone"] == 1.0


def test_switch_ratio_is_total_in_conversation_over_total_alone():
    rows = [{"in_conversation": 1.0, "alone": 1.0}, {"in_conversation": 0.5, "alone": 1.0},
            {"in_conversation": 1.0, "alone": 0.5}]
    s = switch_summary(rows)
    assert s["ratio"] == pytest.approx(2.5 / 2.5)
    assert s["worse"] == 1
    assert s["better"] == 1
    assert switch_summary([{"in_conversation": 0.5, "alone": 1.0}])["ratio"] == 0.5
    assert switch_summary([])["ratio"] == 1.0


def test_summary_counts_wrong_and_correct_refusals():
    bot = ScriptedAssistant(ANSWERS)
    runner = PatientRunner(bot, {SOURCE: GUIDE}, retrieval=False)
    cases = [
        PatientCase("a", "what is the first treatment", "definition", True, facts=(("first-line",),)),
        PatientCase("b", "is it curable", "yesno", True, facts=(("cure",),)),  # scripted to refuse
        PatientCase("c", "what should he eat", "list", False),
    ]
    s = summarise(runner.questions(cases, on_note=lambda _m: None))
    assert s["n_answerable"] == 2
    assert s["wrong_refusals"] == 1
    assert s["wrong_refusal_rate"] == 0.5
    assert s["correct_refusal_rate"] == 1.0
    assert s["facts_all"] == 0.5
    assert s["direct"] == 0.5
    assert s["blank"] == 0
    assert s["denominators"]["facts_all"] == 2


def test_patient_thresholds_gate_only_the_patient_dev_split():
    th = {"min": {"patient.questions.direct": 0.5, "retrieval.hit@5": 0.9}, "max": {"patient.questions.blank_rate": 0.0}}
    dev, skipped = applicable(th, ("gold", "patient"), "dev")
    assert dev == th
    assert skipped == []
    held, skipped = applicable(th, ("gold", "patient"), "heldout")
    assert held == {"min": {"retrieval.hit@5": 0.9}, "max": {}}
    assert "heldout" in skipped[0]
    patient_only, skipped = applicable(th, ("patient",), "dev")
    assert patient_only == {"min": {"patient.questions.direct": 0.5}, "max": {"patient.questions.blank_rate": 0.0}}
    assert skipped == ["gold set (not run)"]


def _write_set(tmp_path):
    questions = [
        {"id": "q-1", "question": "what is the first treatment", "answer_kind": "definition", "answerable": True,
         "facts": [["first-line"]], "gold": [{"source": "bare-your-rare-poems-guide.txt",
                                              "quote": "radiation therapy at curative doses"}]},
        {"id": "q-2", "question": "what should he eat", "answer_kind": "list", "answerable": False, "facts": [], "gold": []},
    ]
    convs = [{"id": "c-1", "turns": [
        {"question": "what is the first treatment", "type": "first", "standalone": "what is the first treatment",
         "answer_kind": "definition", "answerable": True, "facts": [["first-line"]], "gold": []},
        {"question": "where can we get a second opinion", "type": "switch", "standalone": "where can we get a second opinion",
         "answer_kind": "who_where", "answerable": True, "facts": [["mayo"]], "gold": []}]}]
    q, c = tmp_path / "questions.jsonl", tmp_path / "conversations.jsonl"
    q.write_text("\n".join(json.dumps(x) for x in questions) + "\n", encoding="utf-8")
    c.write_text("\n".join(json.dumps(x) for x in convs) + "\n", encoding="utf-8")
    return q, c


class _NoSearch:
    chunks = ()

    def search(self, query, k=6):
        return []


class CorpusScriptedAssistant(ScriptedAssistant):
    """Quotes the real corpus for two questions and refuses the rest; its searcher finds nothing
    (retrieval is not what these tests are about)."""

    def __init__(self, texts):
        super().__init__({})
        self.search = _NoSearch()
        self.texts = texts

    def ask(self, question, history=()):
        self.calls.append((question, list(history)))
        asked = history[0].content if history else question
        if asked not in ("what is the first treatment", "where can we get a second opinion"):
            return Answer(text="The guides do not cover this.", flags=["out_of_scope"])
        text = self.texts["bare-your-rare-poems-guide.txt"]
        quote = "radiation therapy at curative doses" if asked.startswith("what is") else "Mayo Clinic"
        start = text.index(quote)
        cite = Citation(1, "bare-your-rare-poems-guide.txt", "Guide", "", quote, "c1", start=start, end=start + len(quote))
        return Answer(text=f"The first-line treatment is {quote} at Mayo [1].", citations=[cite])


def test_run_eval_on_the_patient_set_writes_both_tables_and_gates(tmp_path):
    from ingest.load import load_corpus
    from tests.conftest import CORPUS

    docs, _ = load_corpus(CORPUS)
    bot = CorpusScriptedAssistant({d.meta.source_id: d.text for d in docs})
    q, c = _write_set(tmp_path)
    th = tmp_path / "thresholds.toml"
    th.write_text('[min]\n"patient.questions.facts_all" = 1.0\n"retrieval.hit@5" = 0.9\n', encoding="utf-8")
    notes = []
    code = run_eval("all", tmp_path / "out", baseline=False, ablations=False, eval_set="patient", assistant=bot,
                    embedder=object(), questions_path=q, conversations_path=c, thresholds_path=th, on_note=notes.append)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert code == 0, report["gate"]
    assert "project" not in report, "the gold set did not run"
    assert report["meta"]["sets"] == ["patient"]
    assert report["patient"]["questions"]["summary"]["facts_all"] == 1.0
    assert report["patient"]["questions"]["summary"]["correct_refusal_rate"] == 1.0
    assert report["patient"]["conversations"]["summary"]["switch"]["ratio"] == 1.0
    assert report["metrics"]["patient.questions.facts_all"] == 1.0
    assert "## Patient-voice questions" in md
    assert "## Patient-voice conversations" in md
    assert any(n.startswith("patient all:") for n in notes)
    # the split was 'all': the patient limits are for dev and did not gate it
    assert any("patient set" in s for s in report["gate"]["skipped"])


def test_proposed_patient_limits_pass_the_run_they_came_from(tmp_path):
    from ingest.load import load_corpus
    from tests.conftest import CORPUS

    docs, _ = load_corpus(CORPUS)
    bot = CorpusScriptedAssistant({d.meta.source_id: d.text for d in docs})
    q, c = _write_set(tmp_path)
    run_eval("all", tmp_path / "out", baseline=False, ablations=False, gate=False, eval_set="patient", assistant=bot,
             embedder=object(), questions_path=q, conversations_path=c, on_note=lambda _m: None)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    report["meta"]["split"] = "dev"
    th = propose(report)
    assert "patient.questions.facts_all" in th["min"]
    assert "patient.conversations.switch_ratio" in th["min"]
    assert "patient.questions.blank_rate" in th["max"]
    assert check_gate(report["metrics"], th) == []
    worse = dict(report["metrics"], **{"patient.questions.blank_rate": 1.0})
    assert check_gate(worse, th)
