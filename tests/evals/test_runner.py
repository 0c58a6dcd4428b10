"""The eval runner end to end on a scripted assistant: scoring, gate and report files, no model needed."""

import json
import re

import pytest

from core.types import Answer, Citation, Hit
from evals.gate import check_gate, propose, render
from evals.runner import run_eval
from tests.conftest import CORPUS, ROOT


class KeywordSearch:
    """Ranks real chunks by shared words with the query, so retrieval metrics have something to score."""

    def __init__(self, chunks):
        self.chunks = chunks

    def search(self, query, k=6):
        words = set(re.findall(r"[a-z0-9]+", query.lower()))
        scored = sorted(self.chunks, key=lambda c: -len(words & set(re.findall(r"[a-z0-9]+", c.text.lower()))))
        return [Hit(c, 1.0) for c in scored[:k]]


class ScriptedAssistant:
    """Answers with the top chunk's first sentence cited verbatim; refuses what it is told to refuse."""

    def __init__(self, refuse_ids=(), bad_quote=False):
        from ingest.pipeline import build_chunks

        chunks, _, _ = build_chunks(CORPUS, 90)
        self.search = KeywordSearch(chunks)
        self.refuse = set(refuse_ids)
        self.bad_quote = bad_quote
        self.questions = {}

    def ask(self, question, history=()):
        if question in self.refuse:
            return Answer(text="I can't answer that from the guides.", flags=["out_of_scope"], question=question)
        hit = self.search.search(question, k=1)[0]
        a, b = hit.chunk.sentences[0]
        quote = hit.chunk.text[a:b]
        if self.bad_quote:
            quote = quote + " (paraphrased)"
        cite = Citation(1, hit.chunk.source_id, hit.chunk.title, hit.chunk.section, quote, hit.chunk.id,
                        start=hit.chunk.start + a, end=hit.chunk.start + b)
        return Answer(text=f"{quote} [1]", citations=[cite], question=question, retrieval_query=question)


@pytest.fixture(scope="module")
def gold_file(tmp_path_factory):
    cases = [json.loads(x) for x in (ROOT / "evals" / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    picked = [c for c in cases if c["id"] in {"who-04", "acr-m-01", "abs-01", "emg-01", "conf-01"}]
    path = tmp_path_factory.mktemp("gold") / "gold.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in picked) + "\n", encoding="utf-8")
    return path, {c["id"]: c for c in picked}


def _run(tmp_path, gold_path, assistant, thresholds_text):
    th = tmp_path / "thresholds.toml"
    th.write_text(thresholds_text, encoding="utf-8")
    code = run_eval("all", tmp_path / "out", baseline=False, ablations=False, gate=True, assistant=assistant,
                  embedder=object(), gold_path=gold_path, thresholds_path=th, on_note=lambda _m: None)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    return code, report


def test_report_files_and_scores(tmp_path, gold_file):
    path, cases = gold_file
    refuse = {cases["abs-01"]["question"], cases["emg-01"]["question"]}
    code, report = _run(tmp_path, path, ScriptedAssistant(refuse_ids=refuse), '[min]\n"answers.citation_validity" = 1.0\n')
    assert code == 0
    out = tmp_path / "out"
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# POEMS assistant eval")
    assert (out / "per_kind.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    by_id = {c["id"]: c for c in report["cases"]}
    assert report["project"]["answers"]["citation_validity"] == 1.0
    assert by_id["abs-01"]["refused"]
    assert by_id["abs-01"]["passed"]
    # the emergency case was refused but without the emergency flag: a failure with that reason
    assert not by_id["emg-01"]["passed"]
    assert any("emergency" in r for r in by_id["emg-01"]["reasons"])
    assert report["project"]["safety"]["emergency"]["recall"] == 0.0
    # conflict flag was never raised
    assert any("'conflict'" in r for r in by_id["conf-01"]["reasons"])
    assert set(report["per_kind"]) == {"fact", "abstain", "emergency", "conflict"}
    assert report["project"]["retrieval"]["n"] == 3
    for key in ("hit@1", "hit@5", "mrr", "ndcg@10"):
        assert 0.0 <= report["project"]["retrieval"][key] <= 1.0
    assert {f["id"] for f in report["failures"]} == {c for c, v in by_id.items() if not v["passed"]}


def test_gate_fails_on_invalid_citations(tmp_path, gold_file):
    path, _ = gold_file
    code, report = _run(tmp_path, path, ScriptedAssistant(bad_quote=True), '[min]\n"answers.citation_validity" = 1.0\n')
    assert code == 1
    assert report["project"]["answers"]["citation_validity"] == 0.0
    assert not report["gate"]["passed"]
    assert "citation_validity" in report["gate"]["failures"][0]
    assert any("not verbatim" in r for c in report["cases"] for r in c["reasons"])


def test_calibrated_thresholds_pass_the_run_they_came_from(tmp_path, gold_file):
    path, _ = gold_file
    _code, report = _run(tmp_path, path, ScriptedAssistant(), "")
    report["meta"]["split"] = "dev"  # the fixture runs 'all'; calibrate only accepts dev reports
    th = propose(report)
    assert check_gate(report["metrics"], th) == []
    for name, limit in th["min"].items():
        assert limit <= report["metrics"][name]
    # a one-case regression must trip the gate
    worse = dict(report["metrics"], **{"answers.fact_completeness": report["metrics"]["answers.fact_completeness"] - 0.01})
    assert check_gate(worse, th)
    import tomllib

    assert tomllib.loads(render(th, report)) == th
    report["meta"]["split"] = "heldout"
    with pytest.raises(ValueError):
        propose(report)
