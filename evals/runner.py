"""`poems-assistant eval`: ask the gold set through the assistant, beside a default LangChain RAG and ablations.

Writes report.json, report.md and per_kind.png to the output folder, and returns non-zero when any
metric in evals/thresholds.toml is crossed, so CI can gate on the dev split.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from evals import metrics as M
from evals.context import Context, hit_spans, index_spans, searcher
from evals.gate import THRESHOLDS_PATH, check_gate, flatten, load_thresholds
from evals.gold import ANSWERABLE, GOLD_PATH, history_turns, load_gold
from evals.report import write_report
from evals.scoring import DEPTH, CaseResult, per_kind, retrieval_scores, score_answer, summarise


def run_project(assistant: Any, ctx: Context, config: Any, on_note: Callable[[str], None]) -> list[CaseResult]:
    """Ask every case through the assistant and score answers and the retrieval behind them."""
    spans = index_spans(assistant, config)
    results = []
    for i, case in enumerate(ctx.cases, 1):
        t0 = time.perf_counter()
        try:
            answer = assistant.ask(case.question, history_turns(case.history))
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
            hits = searcher(assistant).search(query, k=DEPTH)
            gold = ctx.gold[case.id]
            res.retrieval = retrieval_scores(hit_spans(hits), gold, M.count_relevant(spans, gold))
            if not res.passed and not res.retrieval["hit@5"]:
                res.reasons.insert(0, "retrieval: no gold passage in the top 5")
        results.append(res)
        if i % 25 == 0:
            on_note(f"  asked {i}/{len(ctx.cases)}")
    return results


def run_eval(split: str = "dev", out: Path = Path("eval-out"), config: Any = None, baseline: bool = True,
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
            from evals.baseline import run_baseline

            t0 = time.perf_counter()
            on_note("Baseline: default LangChain RAG…")
            base_summary, base_rows = run_baseline(ctx, docs, embedder)
            timings["baseline_s"] = round(time.perf_counter() - t0, 1)

        abl = None
        if ablations:
            from evals.ablations import run_ablations

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
