"""`poems-assistant eval`: score the assistant on the gold set, beside a default LangChain RAG and ablations.

Writes report.json, report.md and per_kind.png to --out, and returns non-zero when any metric in
evals/thresholds.toml is crossed, so CI can gate on the dev split.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tomllib
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Sequence

from evals import metrics as M

HERE = Path(__file__).resolve().parent
GOLD_PATH = HERE / "gold.jsonl"
THRESHOLDS_PATH = HERE / "thresholds.toml"

KINDS = ["fact", "list", "followup", "conflict", "abstain", "emergency", "personal_advice", "injection", "out_of_scope"]
ANSWERABLE = {"fact", "list", "followup", "conflict"}
SAFETY_FLAGS = ["emergency", "personal_advice", "injection", "out_of_scope", "conflict"]
# An answer is a refusal when it carries no cited guide text, or says outright it can't answer.
# Other safety flags may ride along with a real answer ("here is what the guide says; ask your
# doctor about your dose"), so they are scored as flags (precision/recall), not as refusals.
ABSTAIN_FLAG = "out_of_scope"
K_LIST = (1, 3, 5)
DEPTH = 10  # retrieve this deep so recall@10 and nDCG@10 can be computed
ABLATION_CHUNK_WORDS = (60, 90, 130)
ABLATION_MODES = ("dense", "bm25", "hybrid")


# ---------------------------------------------------------------- gold


@dataclass(frozen=True)
class Case:
    """One gold question with what its answer must contain."""

    id: str
    kind: str
    question: str
    history: tuple = ()
    facts: tuple = ()
    gold: tuple = ()
    expect_flags: tuple = ()
    allow_flags: tuple = ()  # flags this case may raise without counting as a false alarm
    split: str = "dev"

    @classmethod
    def from_dict(cls, d: dict) -> "Case":
        return cls(
            id=d["id"], kind=d["kind"], question=d["question"],
            history=tuple(dict(t) for t in d.get("history", [])),
            facts=tuple(tuple(f) for f in d.get("facts", [])),
            gold=tuple(dict(g) for g in d.get("gold", [])),
            expect_flags=tuple(d.get("expect_flags", [])), allow_flags=tuple(d.get("allow_flags", [])),
            split=d.get("split", "dev"),
        )


def load_gold(path: Path = GOLD_PATH, split: str = "dev") -> list[Case]:
    """Cases of one split ('dev', 'heldout' or 'all'), in file order."""
    if split not in ("dev", "heldout", "all"):
        raise ValueError(f"split must be dev, heldout or all, not {split!r}")
    cases = [Case.from_dict(json.loads(line)) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [c for c in cases if split == "all" or c.split == split]


# ---------------------------------------------------------------- per-case results


@dataclass
class CaseResult:
    """Everything measured for one case; `reasons` is empty exactly when the case passed."""

    id: str
    kind: str
    split: str
    question: str
    answer: str = ""
    flags: list[str] = field(default_factory=list)
    expected_flags: list[str] = field(default_factory=list)
    allowed_flags: list[str] = field(default_factory=list)
    n_citations: int = 0
    latency_ms: float = 0.0
    retrieval_query: str = ""
    retrieval: dict = field(default_factory=dict)
    facts_total: int = 0
    facts_met: int = 0
    facts_supported: int = 0
    citations_valid: int = 0
    refused: bool = False
    words: int = 0
    grade: float | None = None
    reasons: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def passed(self) -> bool:
        return not self.reasons

    def to_dict(self) -> dict:
        return asdict(self) | {"passed": self.passed}


def retrieval_scores(ranked: Sequence[M.Span], gold: Sequence[Sequence[M.Span]], n_relevant: int) -> dict:
    """hit@k, recall@5/10, reciprocal rank and nDCG@10 for one ranked list against one case's gold."""
    cover = M.coverage(ranked, gold)
    first = next((i + 1 for i, c in enumerate(cover) if c), None)
    out = {f"hit@{k}": M.hit_at_k(cover, k) for k in K_LIST}
    out |= {
        "recall@5": M.recall_at_k(cover, len(gold), 5),
        "recall@10": M.recall_at_k(cover, len(gold), DEPTH),
        "mrr": M.reciprocal_rank(cover, DEPTH),
        "ndcg@10": M.ndcg_at_k([bool(c) for c in cover], DEPTH, n_relevant),
        "first_rank": first,
    }
    return out


RETRIEVAL_KEYS = ("hit@1", "hit@3", "hit@5", "recall@5", "recall@10", "mrr", "ndcg@10")


def mean_retrieval(rows: Sequence[dict]) -> dict:
    """Average each retrieval metric over the cases that have gold passages."""
    rows = [r for r in rows if r]
    return {k: round(M.mean(r[k] for r in rows), 4) for k in RETRIEVAL_KEYS} | {"n": len(rows)}


@lru_cache(maxsize=1)
def _textstat():
    """textstat counting syllables with pyphen only.

    textstat 0.7.13 looks words up in NLTK's cmudict first and calls nltk.download() when it is
    missing: a network call at run time, which fails offline. Its own fallback for words cmudict
    lacks is pyphen, whose dictionaries ship inside the wheel, so we make that the only path.
    """
    import textstat
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = lambda lang: None
    return textstat


def _reading_grade(text: str) -> float | None:
    textstat = _textstat()
    plain = M.strip_markers(text)
    if len(plain.split()) < 5:
        return None
    return float(textstat.flesch_kincaid_grade(plain))


def _history(case: Case) -> list:
    from core.types import Turn

    return [Turn(t["role"], t["content"]) for t in case.history]


def score_answer(case: Case, answer: Any, texts: dict[str, str], latency_ms: float) -> CaseResult:
    """Score one Answer: facts, citations (verbatim and supporting), refusal and flags, with reasons."""
    flags = list(getattr(answer, "flags", []) or [])
    citations = list(getattr(answer, "citations", []) or [])
    text = getattr(answer, "text", "") or ""
    res = CaseResult(case.id, case.kind, case.split, case.question, answer=text, flags=flags,
                     expected_flags=list(case.expect_flags), allowed_flags=list(case.allow_flags),
                     n_citations=len(citations), latency_ms=latency_ms,
                     retrieval_query=getattr(answer, "retrieval_query", "") or "")
    res.refused = not citations or ABSTAIN_FLAG in flags
    plain = M.strip_markers(text)
    res.words = len(plain.split())

    checks = [M.check_citation(c.n, c.source, c.quote, texts, getattr(c, "start", 0), getattr(c, "end", 0)) for c in citations]
    res.citations_valid = sum(ch.valid for ch in checks)
    for ch in checks:
        if not ch.valid:
            res.reasons.append(f"citation [{ch.n}] invalid: {ch.reason}")
    dangling = M.dangling_markers(text, len(citations))
    if dangling:
        res.reasons.append(f"markers {dangling} point at no citation")

    missing_flags = [f for f in case.expect_flags if f not in flags]
    if case.kind in ANSWERABLE:
        fr = M.score_facts(case.facts, text, [c.quote for c in citations])
        res.facts_total, res.facts_met, res.facts_supported = fr.total, len(fr.met), len(fr.supported)
        if res.refused:
            res.reasons.append(f"refused an answerable question (flags {flags or 'none'}, {len(citations)} citations)")
        for i in fr.missing:
            res.reasons.append(f"missing fact {list(case.facts[i])}")
        for i in fr.unsupported:
            res.reasons.append(f"fact {list(case.facts[i])} is in the answer but in no cited quote")
        if not res.refused:
            res.grade = _reading_grade(text)
    elif case.kind == "abstain":
        if not res.refused:
            res.reasons.append(f"answered instead of abstaining ({len(citations)} citations)")
    for f in missing_flags:
        if case.kind == "abstain" and f == "out_of_scope" and res.refused:
            continue  # an abstention without the flag still abstained; the flag's recall shows the gap
        res.reasons.append(f"expected flag {f!r} not raised (got {flags or 'none'})")
    return res


# ---------------------------------------------------------------- running things


def _hit_spans(hits: Sequence[Any]) -> list[M.Span]:
    return [M.Span(h.chunk.source_id, h.chunk.start, h.chunk.end) for h in hits]


def _searcher(assistant: Any) -> Any:
    """The object with `.search(query, k) -> list[Hit]`: the assistant's HybridSearch.

    `assistant.retriever` is the LangChain face (returns Documents); its `.search` field holds the
    same HybridSearch, so either route ends at the one the assistant itself uses.
    """
    for obj in (getattr(assistant, "search", None), getattr(getattr(assistant, "retriever", None), "search", None),
                getattr(assistant, "retriever", None)):
        if obj is not None and callable(getattr(obj, "search", None)):
            return obj
    raise TypeError("the assistant exposes no searcher with .search(query, k)")


def _index_spans(assistant: Any, config: Any) -> list[M.Span]:
    """Every chunk of the assistant's index, for nDCG's ideal ranking."""
    chunks = getattr(_searcher(assistant), "chunks", None)
    if not chunks:
        from ingest.pipeline import build_chunks

        chunks, _, _ = build_chunks(config.corpus_dir, config.chunk_words)
    return [M.Span(c.source_id, c.start, c.end) for c in chunks]


@dataclass
class Context:
    """What every stage shares: cleaned texts, gold spans per case and the run's cases."""

    cases: list[Case]
    texts: dict[str, str]
    gold: dict[str, list[list[M.Span]]]

    def answerable(self) -> list[Case]:
        return [c for c in self.cases if c.kind in ANSWERABLE and c.gold]


def run_project(assistant: Any, ctx: Context, config: Any, on_note: Callable[[str], None]) -> list[CaseResult]:
    """Ask every case through the assistant and score answers and the retrieval behind them."""
    index_spans = _index_spans(assistant, config)
    results = []
    for i, case in enumerate(ctx.cases, 1):
        t0 = time.perf_counter()
        try:
            answer = assistant.ask(case.question, _history(case))
        except Exception as exc:  # one crashing case must show up as a failure, not end the run
            res = CaseResult(case.id, case.kind, case.split, case.question, expected_flags=list(case.expect_flags),
                             error=f"{type(exc).__name__}: {exc}")
            res.reasons.append(f"ask() raised {type(exc).__name__}: {exc}")
            res.refused = True
            results.append(res)
            continue
        wall = (time.perf_counter() - t0) * 1000
        res = score_answer(case, answer, ctx.texts, wall)
        if case.kind in ANSWERABLE and case.gold:
            query = res.retrieval_query or case.question
            hits = _searcher(assistant).search(query, k=DEPTH)
            gold = ctx.gold[case.id]
            res.retrieval = retrieval_scores(_hit_spans(hits), gold, M.count_relevant(index_spans, gold))
            if not res.passed and not res.retrieval["hit@5"]:
                res.reasons.insert(0, "retrieval: no gold passage in the top 5")
        results.append(res)
        if i % 25 == 0:
            on_note(f"  asked {i}/{len(ctx.cases)}")
    return results


def summarise(results: Sequence[CaseResult]) -> dict:
    """Aggregate per-case results into the report's answer, abstention, safety and latency sections."""
    ans = [r for r in results if r.kind in ANSWERABLE]
    answered = [r for r in ans if not r.refused]
    abstain = [r for r in results if r.kind == "abstain"]
    n_cit = sum(r.n_citations for r in results)
    grades = [r.grade for r in answered if r.grade is not None]
    latencies = [r.latency_ms for r in results if not r.error]
    expected = [set(r.expected_flags) for r in results]
    actual = [set(r.flags) for r in results]
    allowed = [set(r.allowed_flags) for r in results]
    safety = {f: M.flag_prf(expected, actual, f, allowed).to_dict() for f in SAFETY_FLAGS}
    return {
        "retrieval": mean_retrieval([r.retrieval for r in ans]),
        "answers": {
            "n": len(ans),
            "fact_completeness": round(M.mean(r.facts_met / r.facts_total if r.facts_total else 1.0 for r in ans), 4),
            "all_facts_rate": round(M.mean(float(r.facts_met == r.facts_total) for r in ans), 4),
            "citation_validity": round(sum(r.citations_valid for r in results) / n_cit, 4) if n_cit else 1.0,
            "citation_support": round(sum(r.facts_supported for r in ans) / max(1, sum(r.facts_met for r in ans)), 4),
            "mean_words": round(M.mean(r.words for r in answered), 1),
            "p95_words": round(M.percentile([r.words for r in answered], 95), 1),
            "reading_grade": round(M.mean(grades), 2),
            "pass_rate": round(M.mean(float(r.passed) for r in ans), 4),
        },
        "abstention": {
            "n": len(abstain),
            "accuracy": round(M.mean(float(r.refused) for r in abstain), 4) if abstain else 1.0,
            "over_refusal": round(M.mean(float(r.refused) for r in ans), 4),
        },
        "safety": safety,
        "latency": {
            "p50_ms": round(M.percentile(latencies, 50), 1),
            "p95_ms": round(M.percentile(latencies, 95), 1),
            "max_ms": round(max(latencies), 1) if latencies else 0.0,
        },
        "pass_rate": round(M.mean(float(r.passed) for r in results), 4),
        "errors": sum(bool(r.error) for r in results),
    }


def per_kind(results: Sequence[CaseResult], baseline_rows: dict[str, dict] | None = None) -> dict:
    """Pass rate and the kind's headline scores, for the breakdown table and the chart."""
    out = {}
    for kind in KINDS:
        rows = [r for r in results if r.kind == kind]
        if not rows:
            continue
        entry = {"n": len(rows), "pass_rate": round(M.mean(float(r.passed) for r in rows), 4)}
        if kind in ANSWERABLE:
            entry["fact_completeness"] = round(M.mean(r.facts_met / r.facts_total if r.facts_total else 1.0 for r in rows), 4)
            entry["hit@5"] = round(M.mean(r.retrieval.get("hit@5", 0.0) for r in rows), 4)
            entry["over_refusal"] = round(M.mean(float(r.refused) for r in rows), 4)
            if baseline_rows:
                b = [baseline_rows[r.id] for r in rows if r.id in baseline_rows]
                entry["baseline_fact_completeness"] = round(M.mean(x["fact_completeness"] for x in b), 4)
                entry["baseline_hit@5"] = round(M.mean(x["retrieval"]["hit@5"] for x in b), 4)
        else:
            entry["refused"] = round(M.mean(float(r.refused) for r in rows), 4)
            if kind != "abstain":
                entry["flag_recall"] = round(M.mean(float(kind in r.flags) for r in rows), 4)
        out[kind] = entry
    return out


def run_baseline(ctx: Context, docs: Sequence[Any], embedder: Any) -> tuple[dict, dict[str, dict]]:
    """The default LangChain RAG on the same cases: retrieval on the question alone, top chunk as answer."""
    from evals.baseline import DefaultLangChainRAG

    rag = DefaultLangChainRAG(docs, embedder)
    try:
        spans = [M.Span(h.source, h.start, h.end) for h in rag.spans()]
        rows: dict[str, dict] = {}
        latencies = []
        for case in ctx.cases:
            t0 = time.perf_counter()
            hits = rag.search(case.question, k=DEPTH)
            latencies.append((time.perf_counter() - t0) * 1000)
            if case.kind not in ANSWERABLE:
                continue
            answer = hits[0].text if hits else ""
            fr = M.score_facts(case.facts, answer)
            gold = ctx.gold[case.id]
            rows[case.id] = {
                "kind": case.kind,
                "retrieval": retrieval_scores([M.Span(h.source, h.start, h.end) for h in hits], gold, M.count_relevant(spans, gold)),
                "fact_completeness": fr.completeness,
                "all_facts": float(fr.completeness == 1.0),
                "words": len(answer.split()),
            }
        n_abstain = sum(c.kind not in ANSWERABLE for c in ctx.cases)
        summary = {
            "pipeline": "RecursiveCharacterTextSplitter(1000, 200) + Chroma similarity_search, question only; answer = top chunk",
            "chunks": len(spans),
            "build_seconds": round(rag.build_seconds, 2),
            "retrieval": mean_retrieval([r["retrieval"] for r in rows.values()]),
            "answers": {
                "n": len(rows),
                "fact_completeness": round(M.mean(r["fact_completeness"] for r in rows.values()), 4),
                "all_facts_rate": round(M.mean(r["all_facts"] for r in rows.values()), 4),
                "mean_words": round(M.mean(r["words"] for r in rows.values()), 1),
            },
            # It has no refusal path: every abstain or safety question gets a chunk back.
            "abstention": {"n": n_abstain, "accuracy": 0.0 if n_abstain else 1.0},
            "latency": {"p50_ms": round(M.percentile(latencies, 50), 1), "p95_ms": round(M.percentile(latencies, 95), 1)},
        }
        return summary, rows
    finally:
        rag.close()


def retrieval_only(assistant: Any, ctx: Context, queries: dict[str, str], config: Any, with_answers: bool) -> dict:
    """Retrieval metrics (and optionally fact completeness) of one assistant variant on the answerable cases."""
    spans = _index_spans(assistant, config)
    rows, completeness = [], []
    for case in ctx.answerable():
        hits = _searcher(assistant).search(queries.get(case.id, case.question), k=DEPTH)
        gold = ctx.gold[case.id]
        rows.append(retrieval_scores(_hit_spans(hits), gold, M.count_relevant(spans, gold)))
        if with_answers:
            answer = assistant.ask(case.question, _history(case))
            completeness.append(M.score_facts(case.facts, answer.text).completeness)
    out = mean_retrieval(rows) | {"chunks": len(spans)}
    if with_answers:
        out["fact_completeness"] = round(M.mean(completeness), 4)
    return out


def run_ablations(ctx: Context, config: Any, embedder: Any, main_assistant: Any, queries: dict[str, str],
                  workdir: Path, on_note: Callable[[str], None], options: dict | None = None) -> dict:
    """Dense vs BM25 vs hybrid on the default index, and hybrid at three chunk sizes (separate indexes)."""
    from assistant import Assistant
    from ingest.pipeline import ensure_index

    out: dict[str, dict] = {"retrieval_mode": {}, "chunk_words": {}}
    quiet = lambda _msg: None  # noqa: E731 - index-building chatter would drown the eval's own notes
    for mode in ABLATION_MODES:
        t0 = time.perf_counter()
        asst = main_assistant if mode == "hybrid" else Assistant.from_config(config, embedder=embedder, retrieval_mode=mode, **(options or {}))
        out["retrieval_mode"][mode] = retrieval_only(asst, ctx, queries, config, with_answers=True)
        on_note(f"  ablation mode={mode}: {time.perf_counter() - t0:.1f} s")
    for words in ABLATION_CHUNK_WORDS:
        t0 = time.perf_counter()
        if words == config.chunk_words:
            asst, cfg = main_assistant, config
        else:
            cfg = replace(config, chunk_words=words, index_dir=workdir / f"chroma-cw{words}",
                          collection=f"{config.collection}_eval_cw{words}", chroma_url="")
            ensure_index(cfg, embedder, on_note=quiet)
            asst = Assistant.from_config(cfg, embedder=embedder, retrieval_mode="hybrid", **(options or {}))
        out["chunk_words"][str(words)] = retrieval_only(asst, ctx, queries, cfg, with_answers=True)
        on_note(f"  ablation chunk_words={words}: {time.perf_counter() - t0:.1f} s")
    return out


# ---------------------------------------------------------------- gate


def flatten(report: dict) -> dict[str, float]:
    """The gated numbers, as dotted names (the keys thresholds.toml uses)."""
    p = report["project"]
    flat: dict[str, float] = {}
    for k in RETRIEVAL_KEYS:
        flat[f"retrieval.{k}"] = p["retrieval"][k]
    for k in ("fact_completeness", "all_facts_rate", "citation_validity", "citation_support", "mean_words",
              "p95_words", "reading_grade", "pass_rate"):
        flat[f"answers.{k}"] = p["answers"][k]
    flat["abstention.accuracy"] = p["abstention"]["accuracy"]
    flat["abstention.over_refusal"] = p["abstention"]["over_refusal"]
    for f, prf in p["safety"].items():
        flat[f"safety.{f}.precision"] = prf["precision"]
        flat[f"safety.{f}.recall"] = prf["recall"]
    flat["latency.p50_ms"] = p["latency"]["p50_ms"]
    flat["latency.p95_ms"] = p["latency"]["p95_ms"]
    flat["errors"] = p["errors"]
    for kind, entry in report["per_kind"].items():
        flat[f"kinds.{kind}.pass_rate"] = entry["pass_rate"]
    if report.get("gain"):
        for k, v in report["gain"].items():
            flat[f"gain.{k}"] = v
    return flat


def check_gate(flat: dict[str, float], thresholds: dict, skip_prefixes: Sequence[str] = ()) -> list[str]:
    """Each crossed threshold as a line; a gated metric missing from the report fails too (no silent pass)."""
    problems = []
    for bound, table in (("min", thresholds.get("min", {})), ("max", thresholds.get("max", {}))):
        for name, limit in table.items():
            if name not in flat:
                if not any(name.startswith(p) for p in skip_prefixes):
                    problems.append(f"{name}: not measured (threshold {bound} {limit})")
                continue
            value = flat[name]
            if bound == "min" and value < limit:
                problems.append(f"{name} = {value} is below the minimum {limit}")
            if bound == "max" and value > limit:
                problems.append(f"{name} = {value} is above the maximum {limit}")
    return problems


def load_thresholds(path: Path = THRESHOLDS_PATH) -> dict:
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- report files


def write_report(report: dict, out: Path) -> None:
    """report.json, report.md and per_kind.png under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    (out / "report.md").write_text(render_markdown(report), encoding="utf-8")
    plot_per_kind(report, out / "per_kind.png")


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}"
    return str(v) if v is not None else "–"


def render_markdown(report: dict) -> str:
    """The human-readable report: headline table, side-by-side, ablations, per kind, gate, failures."""
    p, meta = report["project"], report["meta"]
    b = report.get("baseline")
    lines = [
        f"# POEMS assistant eval — split `{meta['split']}`",
        "",
        f"{meta['n_cases']} cases ({meta['n_answerable']} answerable), run {meta['started']}, {meta['seconds']:.0f} s. "
        f"Gate: **{'PASSED' if report['gate']['passed'] else 'FAILED'}**.",
        "",
        "## Retrieval (answerable cases, relevance = chunk overlaps a gold passage)",
        "",
        "| pipeline | hit@1 | hit@3 | hit@5 | recall@5 | recall@10 | MRR | nDCG@10 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    rows = [("project (hybrid)", p["retrieval"])]
    if b:
        rows.append(("default LangChain baseline", b["retrieval"]))
    for name, r in rows:
        lines.append(f"| {name} | " + " | ".join(_fmt(r[k]) for k in RETRIEVAL_KEYS) + " |")
    a = p["answers"]
    lines += [
        "",
        "## Answers",
        "",
        "| metric | project | baseline |",
        "|---|---|---|",
        f"| fact completeness | {_fmt(a['fact_completeness'])} | {_fmt(b['answers']['fact_completeness']) if b else '–'} |",
        f"| all facts present | {_fmt(a['all_facts_rate'])} | {_fmt(b['answers']['all_facts_rate']) if b else '–'} |",
        f"| citation validity (quote verbatim) | {_fmt(a['citation_validity'])} | – |",
        f"| citation support (cited quote holds the fact) | {_fmt(a['citation_support'])} | – |",
        f"| mean words / p95 words | {a['mean_words']} / {a['p95_words']} | {b['answers']['mean_words'] if b else '–'} / – |",
        f"| reading grade (Flesch–Kincaid) | {_fmt(a['reading_grade'])} | – |",
        f"| abstention accuracy | {_fmt(p['abstention']['accuracy'])} | {_fmt(b['abstention']['accuracy']) if b else '–'} |",
        f"| over-refusal on answerable | {_fmt(p['abstention']['over_refusal'])} | 0.000 |",
        f"| latency p50 / p95 ms | {p['latency']['p50_ms']} / {p['latency']['p95_ms']} | "
        f"{(str(b['latency']['p50_ms']) + ' / ' + str(b['latency']['p95_ms'])) if b else '–'} (retrieval only) |",
        "",
        "## Safety flags (precision / recall over all cases of the split)",
        "",
        "| flag | tp | fp | fn | precision | recall |",
        "|---|---|---|---|---|---|",
    ]
    for f, prf in p["safety"].items():
        lines.append(f"| {f} | {prf['tp']} | {prf['fp']} | {prf['fn']} | {_fmt(prf['precision'])} | {_fmt(prf['recall'])} |")
    if report.get("gain"):
        lines += ["", "## Gain over the default LangChain baseline", ""]
        lines += [f"- {k}: {v:+.3f}" for k, v in report["gain"].items()]
    abl = report.get("ablations")
    if abl:
        lines += ["", "## Ablations", "", "| variant | chunks | hit@1 | hit@5 | recall@5 | MRR | nDCG@10 | fact completeness |",
                  "|---|---|---|---|---|---|---|---|"]
        for group, label in (("retrieval_mode", "mode"), ("chunk_words", "hybrid, chunk_words")):
            for name, r in abl.get(group, {}).items():
                lines.append(f"| {label}={name} | {r['chunks']} | {_fmt(r['hit@1'])} | {_fmt(r['hit@5'])} | {_fmt(r['recall@5'])} | "
                             f"{_fmt(r['mrr'])} | {_fmt(r['ndcg@10'])} | {_fmt(r.get('fact_completeness'))} |")
    lines += ["", "## Per kind", "", "| kind | n | pass rate | fact completeness | hit@5 | baseline facts | flag recall / refused |",
              "|---|---|---|---|---|---|---|"]
    for kind, e in report["per_kind"].items():
        lines.append(f"| {kind} | {e['n']} | {_fmt(e['pass_rate'])} | {_fmt(e.get('fact_completeness'))} | {_fmt(e.get('hit@5'))} | "
                     f"{_fmt(e.get('baseline_fact_completeness'))} | {_fmt(e.get('flag_recall', e.get('refused')))} |")
    lines += ["", "![per-kind scores](per_kind.png)", "", "## Gate", ""]
    g = report["gate"]
    lines += [f"- {x}" for x in g["failures"]] or ["All thresholds met."]
    if g.get("skipped"):
        lines.append(f"\n(Not gated this run: {', '.join(g['skipped'])}.)")
    lines += ["", f"## Failures ({len(report['failures'])})", ""]
    for f in report["failures"]:
        lines.append(f"- **{f['id']}** ({f['kind']}) — {f['question']}")
        for r in f["reasons"]:
            lines.append(f"  - {r}")
    return "\n".join(lines) + "\n"


def plot_per_kind(report: dict, path: Path) -> None:
    """Grouped bars per kind: pass rate and fact completeness, with the baseline's completeness beside."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kinds = list(report["per_kind"])
    series = [("pass rate", [report["per_kind"][k]["pass_rate"] for k in kinds])]
    series.append(("fact completeness", [report["per_kind"][k].get("fact_completeness", float("nan")) for k in kinds]))
    if report.get("baseline"):
        series.append(("baseline fact completeness", [report["per_kind"][k].get("baseline_fact_completeness", float("nan")) for k in kinds]))
    fig, ax = plt.subplots(figsize=(11, 4.5))
    width = 0.8 / len(series)
    for i, (label, vals) in enumerate(series):
        ax.bar([x + i * width for x in range(len(kinds))], vals, width, label=label)
    ax.set_xticks([x + width * (len(series) - 1) / 2 for x in range(len(kinds))])
    ax.set_xticklabels([f"{k}\n(n={report['per_kind'][k]['n']})" for k in kinds], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score")
    ax.set_title(f"POEMS assistant eval, split {report['meta']['split']}: per-kind scores")
    ax.legend(fontsize=8, loc="lower left")
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


# ---------------------------------------------------------------- main


def main(split: str = "dev", out: Path = Path("eval-out"), config: Any = None, baseline: bool = True,
         ablations: bool = True, gate: bool = True, *, embedder: Any = None, assistant: Any = None,
         gold_path: Path = GOLD_PATH, thresholds_path: Path = THRESHOLDS_PATH,
         assistant_options: dict | None = None, on_note: Callable[[str], None] = print) -> int:
    """Run the eval and write the report; returns 0, or 1 when the gate fails (2 on a setup error).

    `assistant`/`embedder` replace the real ones (tests pass fakes); `assistant_options` go to every
    Assistant.from_config call, so the ablation variants are built like the main assistant.
    """
    from core.config import Config, apply_offline_env
    from core.errors import PoemsError

    apply_offline_env()
    out = Path(out)
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    t_start = time.perf_counter()
    config = config or Config.from_env()
    cases = load_gold(gold_path, split)
    if not cases:
        on_note(f"No gold cases in split {split!r}.")
        return 2
    try:
        from ingest.load import load_corpus

        docs, _warnings = load_corpus(config.corpus_dir)
        texts = {d.meta.source_id: d.text for d in docs}
        ctx = Context(cases, texts, {c.id: M.gold_spans(c.gold, texts) for c in cases})
        unlocated = [(c.id, g["quote"]) for c in cases for g, s in zip(c.gold, ctx.gold[c.id]) if not s]
        if unlocated:
            on_note(f"warning: {len(unlocated)} gold snippets not found in the cleaned corpus, e.g. {unlocated[:3]}")

        if embedder is None and (assistant is None or baseline or ablations):
            from index.embed import load_embedder

            embedder = load_embedder(config)
        if assistant is None:
            from assistant import Assistant
            from ingest.pipeline import ingest

            # Score what the code and corpus produce now: an index built by an older chunker or
            # cleaner would be measured instead. Incremental, so a current index costs a hash check.
            report_ingest = ingest(config, embedder)
            if report_ingest.embedded or report_ingest.removed:
                on_note(f"Index brought up to date: {report_ingest.summary()}")
            assistant = Assistant.from_config(config, embedder=embedder, retrieval_mode="hybrid",
                                              **(assistant_options or {}))
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        on_note(f"Asking {len(cases)} {split} cases…")
        results = run_project(assistant, ctx, config, on_note)
        timings["project_s"] = round(time.perf_counter() - t0, 1)

        base_summary, base_rows = None, None
        if baseline:
            t0 = time.perf_counter()
            on_note("Baseline: default LangChain RAG…")
            base_summary, base_rows = run_baseline(ctx, docs, embedder)
            timings["baseline_s"] = round(time.perf_counter() - t0, 1)

        abl = None
        if ablations:
            t0 = time.perf_counter()
            on_note("Ablations: retrieval modes and chunk sizes…")
            queries = {r.id: r.retrieval_query or r.question for r in results}
            with tempfile.TemporaryDirectory(prefix="poems-eval-") as tmp:
                abl = run_ablations(ctx, config, embedder, assistant, queries, Path(tmp), on_note, assistant_options)
            timings["ablations_s"] = round(time.perf_counter() - t0, 1)
    except PoemsError as exc:
        on_note(f"eval could not run: {exc}")
        return 2

    project = summarise(results)
    report: dict[str, Any] = {
        "meta": {
            "split": split, "n_cases": len(cases), "n_answerable": len(ctx.answerable()), "started": started,
            "seconds": round(time.perf_counter() - t_start, 1), "timings": timings,
            "config": {"chunk_words": config.chunk_words, "top_k": config.top_k, "collection": config.collection,
                       "index_dir": str(config.index_dir), "corpus_dir": str(config.corpus_dir)},
            "embedder": getattr(embedder, "name", type(embedder).__name__) if embedder is not None else None,
        },
        "project": project,
        "baseline": base_summary,
        "gain": None,
        "ablations": abl,
        "per_kind": per_kind(results, base_rows),
        "failures": [{"id": r.id, "kind": r.kind, "question": r.question, "reasons": r.reasons,
                      "answer": r.answer[:400]} for r in results if not r.passed],
        "cases": [r.to_dict() for r in results],
    }
    if base_summary:
        report["gain"] = {
            f"{k}_vs_baseline": round(project["retrieval"][k] - base_summary["retrieval"][k], 4)
            for k in ("hit@1", "hit@5", "mrr", "ndcg@10")
        } | {"fact_completeness_vs_baseline": round(project["answers"]["fact_completeness"] - base_summary["answers"]["fact_completeness"], 4)}

    flat = flatten(report)
    skipped = [] if baseline else ["gain."]
    thresholds = load_thresholds(thresholds_path) if gate else {}
    problems = check_gate(flat, thresholds, skip_prefixes=skipped) if gate else []
    report["metrics"] = flat
    report["gate"] = {"enabled": gate, "passed": not problems, "failures": problems,
                      "skipped": [s.rstrip(".") for s in skipped], "thresholds": str(thresholds_path) if gate else None}
    write_report(report, out)

    a = project["answers"]
    on_note(
        f"{split}: hit@5 {project['retrieval']['hit@5']:.3f}, MRR {project['retrieval']['mrr']:.3f}, "
        f"facts {a['fact_completeness']:.3f}, citations valid {a['citation_validity']:.3f}, "
        f"abstention {project['abstention']['accuracy']:.3f}, over-refusal {project['abstention']['over_refusal']:.3f}, "
        f"p95 {project['latency']['p95_ms']:.0f} ms; {len(report['failures'])} failures. Report: {out / 'report.md'}"
    )
    if problems:
        on_note("Gate FAILED:\n  " + "\n  ".join(problems))
        return 1
    return 0


def cli(argv: Sequence[str] | None = None) -> int:
    """`python -m evals.run` entry point."""
    ap = argparse.ArgumentParser(prog="python -m evals.run", description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "heldout", "all"], default="dev")
    ap.add_argument("--out", type=Path, default=Path("eval-out"))
    ap.add_argument("--no-baseline", action="store_true", help="skip the default LangChain baseline")
    ap.add_argument("--no-ablations", action="store_true", help="skip retrieval-mode and chunk-size ablations")
    ap.add_argument("--no-gate", action="store_true", help="report only; never exit non-zero on thresholds")
    ap.add_argument("--thresholds", type=Path, default=THRESHOLDS_PATH)
    args = ap.parse_args(argv)
    return main(args.split, args.out, baseline=not args.no_baseline, ablations=not args.no_ablations,
                gate=not args.no_gate, thresholds_path=args.thresholds)


if __name__ == "__main__":
    sys.exit(cli())
