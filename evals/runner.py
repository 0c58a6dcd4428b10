"""`poems-assistant eval`: ask the gold set (beside a default LangChain RAG and ablations) and/or the
patient-voice set through the assistant.

Writes report.json, report.md and per_kind.png to the output folder, and returns non-zero when any
metric in evals/thresholds.toml is crossed, so CI can gate on the dev split.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals import metrics as M
from evals.context import Context, hit_spans, index_spans, searcher
from evals.gate import THRESHOLDS_PATH, applicable, check_gate, flatten, load_thresholds
from evals.gold import ANSWERABLE, GOLD_PATH, history_turns, load_gold
from evals.patient_run import PatientRunner, embedder_similarity, patient_report
from evals.patient_set import (
    ANSWER_SETS,
    CONVERSATIONS_PATH,
    EVAL_SETS,
    PATIENT_DIR,
    QUESTIONS_PATH,
    READ_WHOLE,
    load_conversations,
)
from evals.patient_set import load_questions as load_patient_questions
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


SETS = EVAL_SETS


def run_eval(split: str = "dev", out: Path = Path("eval-out"), config: Any = None, baseline: bool = True,
             ablations: bool = True, gate: bool = True, *, eval_set: str = "gold", embedder: Any = None,
             assistant: Any = None, gold_path: Path = GOLD_PATH, thresholds_path: Path = THRESHOLDS_PATH,
             questions_path: Path = QUESTIONS_PATH, conversations_path: Path = CONVERSATIONS_PATH,
             assistant_options: dict | None = None, on_note: Callable[[str], None] = print) -> int:
    """Run the eval on one set (gold, patient or all) and write the report; returns 0, or 1 when the
    gate fails (2 on a setup error).

    `assistant`/`embedder` replace the real ones (tests pass fakes); `assistant_options` go to every
    Assistant.from_config call, so the ablation variants are built like the main assistant. The
    baseline and the ablations belong to the gold set and run only with it.
    """
    from core.config import Config, apply_offline_env
    from core.errors import PoemsError

    if eval_set not in SETS:
        raise ValueError(f"set must be one of {SETS}, not {eval_set!r}")
    if eval_set in ANSWER_SETS:
        # a later patient-voice set, scored like the first; evals/thresholds.toml was set on the first sets,
        # so the gate does not apply to it; a test set is read whole whatever split is asked for
        questions_file, conversations_file = ANSWER_SETS[eval_set]
        questions_path, conversations_path = PATIENT_DIR / questions_file, PATIENT_DIR / conversations_file
        split = "all" if eval_set in READ_WHOLE else split
        measured, eval_set, gate = eval_set, "patient", False
    else:
        measured = "first"  # the gold set asks no patient set's questions; "patient" and "all" ask the first's
    sets = ("gold", "patient") if eval_set == "all" else (eval_set,)
    apply_offline_env()
    out = Path(out)
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    t_start = time.perf_counter()
    config = config or Config.from_env()
    cases = load_gold(gold_path, split) if "gold" in sets else []
    if "gold" in sets and not cases:
        on_note(f"No gold cases in split {split!r}.")
        return 2
    p_questions = load_patient_questions(questions_path, split) if "patient" in sets else []
    p_convs = load_conversations(conversations_path, split) if "patient" in sets else []
    if "patient" in sets and not (p_questions or p_convs):
        on_note(f"No patient questions or conversations in split {split!r} (looked in {questions_path.parent}).")
        return 2
    baseline = baseline and "gold" in sets
    ablations = ablations and "gold" in sets
    timings: dict[str, float] = {}
    results: list[CaseResult] = []
    base_summary, base_rows, abl, patient = None, None, None, None
    try:
        from ingest.load import load_corpus

        docs, _warnings = load_corpus(config.corpus_dir)
        texts = {d.meta.source_id: d.text for d in docs}
        ctx = Context(cases, texts, {c.id: M.gold_spans(c.gold, texts) for c in cases})
        _warn_unlocated([(c.id, c.gold) for c in cases] + [(c.id, c.gold) for c in p_questions]
                        + [(t.id, t.gold) for conv in p_convs for t in conv.turns], texts, on_note)

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
            # the set measured lends retrieval none of its own questions (assistant.asked)
            options = {"asked_without": (measured,)} | dict(assistant_options or {})
            assistant = Assistant.from_config(config, embedder=embedder, retrieval_mode="hybrid", **options)
        if cases:
            t0 = time.perf_counter()
            on_note(f"Asking {len(cases)} {split} cases…")
            results = run_project(assistant, ctx, config, on_note)
            timings["project_s"] = round(time.perf_counter() - t0, 1)

        if baseline:
            from evals.baseline import run_baseline

            t0 = time.perf_counter()
            on_note("Baseline: default LangChain RAG…")
            base_summary, base_rows = run_baseline(ctx, docs, embedder)
            timings["baseline_s"] = round(time.perf_counter() - t0, 1)

        if ablations:
            from evals.ablations import run_ablations

            t0 = time.perf_counter()
            on_note("Ablations: retrieval modes and chunk sizes…")
            queries = {r.id: r.retrieval_query or r.question for r in results}
            with tempfile.TemporaryDirectory(prefix="poems-eval-") as tmp:
                abl = run_ablations(ctx, config, embedder, assistant, queries, Path(tmp), on_note, assistant_options)
            timings["ablations_s"] = round(time.perf_counter() - t0, 1)

        if "patient" in sets:
            t0 = time.perf_counter()
            n_turns = sum(len(c.turns) for c in p_convs)
            on_note(f"Patient set: asking {len(p_questions)} {split} questions and {len(p_convs)} conversations ({n_turns} turns)…")
            similarity = embedder_similarity(getattr(assistant, "embedder", None) or embedder)
            runner = PatientRunner(assistant, texts, config, similarity)
            q_results = runner.questions(p_questions, on_note)
            turn_results, switches = runner.conversations(p_convs)
            patient = patient_report(q_results, turn_results, switches)
            timings["patient_s"] = round(time.perf_counter() - t0, 1)
    except PoemsError as exc:
        on_note(f"eval could not run: {exc}")
        return 2

    report: dict[str, Any] = {
        "meta": {
            "split": split, "sets": list(sets), "n_cases": len(cases), "n_answerable": len(ctx.answerable()),
            "started": started, "seconds": round(time.perf_counter() - t_start, 1), "timings": timings,
            "config": {"chunk_words": config.chunk_words, "top_k": config.top_k, "collection": config.collection,
                       "index_dir": str(config.index_dir), "corpus_dir": str(config.corpus_dir)},
            "embedder": getattr(embedder, "name", type(embedder).__name__) if embedder is not None else None,
        },
    }
    if "gold" in sets:
        report |= _gold_sections(results, base_summary, base_rows, abl)
    if patient is not None:
        report["meta"]["patient"] = {"n_questions": len(p_questions), "n_conversations": len(p_convs),
                                     "n_turns": sum(len(c.turns) for c in p_convs)}
        report["patient"] = patient

    flat = flatten(report)
    skipped = [] if baseline or "gold" not in sets else ["gain."]
    thresholds, not_gated = applicable(load_thresholds(thresholds_path), sets, split) if gate else ({}, [])
    problems = check_gate(flat, thresholds, skip_prefixes=skipped) if gate else []
    report["metrics"] = flat
    report["gate"] = {"enabled": gate, "passed": not problems, "failures": problems,
                      "skipped": [s.rstrip(".") for s in skipped] + not_gated,
                      "thresholds": str(thresholds_path) if gate else None}
    write_report(report, out)

    if "project" in report:
        project = report["project"]
        a = project["answers"]
        on_note(
            f"{split}: hit@5 {project['retrieval']['hit@5']:.3f}, MRR {project['retrieval']['mrr']:.3f}, "
            f"facts {a['fact_completeness']:.3f}, citations valid {a['citation_validity']:.3f}, "
            f"abstention {project['abstention']['accuracy']:.3f}, over-refusal {project['abstention']['over_refusal']:.3f}, "
            f"p95 {project['latency']['p95_ms']:.0f} ms; {len(report['failures'])} failures. Report: {out / 'report.md'}"
        )
    if patient is not None:
        q, c = patient["questions"]["summary"], patient["conversations"]["summary"]
        on_note(
            f"patient {split}: questions facts_all {q['facts_all']:.3f}, direct {q['direct']:.3f}, on-topic {q['on_topic']:.3f}, "
            f"orphans {q['orphans']}, blank {q['blank']}, wrong refusals {q['wrong_refusals']}/{q['n_answerable']}, "
            f"correct refusals {q['correct_refusal_rate']:.3f}, median grade {q['reading_grade_median']}; conversations "
            f"follow-up facts_all {c['followup_facts_all']:.3f}, switch ratio {c['switch']['ratio']:.3f}. Report: {out / 'report.md'}"
        )
    if problems:
        on_note("Gate FAILED:\n  " + "\n  ".join(problems))
        return 1
    return 0


def _warn_unlocated(golds: list[tuple[str, tuple]], texts: dict[str, str], on_note: Callable[[str], None]) -> None:
    """Gold snippets that are not in the cleaned corpus measure nothing: say so before the run."""
    unlocated = [(cid, g["quote"]) for cid, gold in golds for g, s in zip(gold, M.gold_spans(gold, texts), strict=True) if not s]
    if unlocated:
        on_note(f"warning: {len(unlocated)} gold snippets not found in the cleaned corpus, e.g. {unlocated[:3]}")


def _gold_sections(results: list[CaseResult], base_summary: dict | None, base_rows: dict | None, abl: dict | None) -> dict:
    """The gold set's part of the report."""
    project = summarise(results)
    sections: dict[str, Any] = {
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
        sections["gain"] = {
            f"{k}_vs_baseline": round(project["retrieval"][k] - base_summary["retrieval"][k], 4)
            for k in ("hit@1", "hit@5", "mrr", "ndcg@10")
        } | {"fact_completeness_vs_baseline": round(project["answers"]["fact_completeness"] - base_summary["answers"]["fact_completeness"], 4)}
    return sections
