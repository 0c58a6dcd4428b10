"""`poems-assistant eval --answerer llm`: the language-model answerer next to the extractive one,
on the same cases: the gold set's answerable cases, or (`--set patient`, `t3` … `t42`) a patient-voice
set's answerable stand-alone questions, written in the words patients use.

For each answerable case (fact, list, follow-up, conflict) both answerers answer through
`Assistant.ask_stream`, and the report gives, per answerer: fact completeness, directness (the
first sentence holds the case's first fact), reading grade, the share of generated sentences that
passed verification, fallbacks to the extractive answer (and why), and the time to the first shown
sentence and to the whole answer. `--limit N` runs a fixed subset (the first N cases by a hash of
their ids), for slow models on small machines.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals import metrics as M
from evals.gold import ANSWERABLE, GOLD_PATH, Case, load_gold
from evals.gold import history_turns as _history
from evals.scoring import reading_grade as _reading_grade


def load_cases(eval_set: str = "gold", split: str = "dev", gold_path: Path = GOLD_PATH) -> list[Case]:
    """The answerable cases of a set: gold's (with their histories), a patient set's stand-alone questions
    (as gold cases of their answer kind), or both for "all". A patient test set that was read whole is read
    whole, as `eval` reads it."""
    from evals.patient_set import ANSWER_SETS, EVAL_SETS, PATIENT_DIR, READ_WHOLE, load_questions

    if eval_set not in EVAL_SETS:
        raise ValueError(f"set must be one of {', '.join(EVAL_SETS)}, not {eval_set!r}")
    cases: list[Case] = []
    if eval_set in ("gold", "all"):
        cases += [c for c in load_gold(gold_path, split) if c.kind in ANSWERABLE]
    if eval_set != "gold":
        name = "first" if eval_set in ("patient", "all") else eval_set
        questions = PATIENT_DIR / ANSWER_SETS[name][0]
        cases += [Case(c.id, c.answer_kind, c.question, facts=c.facts, split=c.split)
                  for c in load_questions(questions, "all" if name in READ_WHOLE else split) if c.answerable]
    return cases


def subset(cases: list, limit: int | None) -> list:
    """The first `limit` cases in hash order: the same subset every run, spread over kinds and topics."""
    if not limit:
        return cases
    return sorted(cases, key=lambda c: hashlib.sha1(c.id.encode()).hexdigest())[:limit]


def _first_claim(answer: Any) -> str:
    for b in answer.blocks:
        if b.role in ("claim", "conflict"):
            return b.text
    return ""


def ask_timed(assistant: Any, case: Any) -> dict:
    """One case through ask_stream: the answer and when its first sentence and its end were shown."""
    t0 = time.perf_counter()
    first = None
    answer = None
    for item in assistant.ask_stream(case.question, _history(case.history)):
        now = (time.perf_counter() - t0) * 1000
        if hasattr(item, "citations"):
            answer = item
            if first is None and item.text:
                first = now
        elif first is None:
            first = now
    total = (time.perf_counter() - t0) * 1000
    if answer is None:
        raise RuntimeError(f"the assistant streamed no answer for case {case.id}")
    text = answer.text
    refused = not answer.citations or "out_of_scope" in answer.flags
    return {
        "id": case.id, "kind": case.kind, "answerer": answer.answerer, "note": answer.note,
        "verification": dict(answer.verification), "refused": refused,
        "facts": M.score_facts(case.facts, text).completeness if case.facts else 1.0,
        "direct": float(bool(case.facts) and M.fact_met(case.facts[0], _first_claim(answer))),
        "grade": None if refused else _reading_grade(text),
        "first_ms": round(first if first is not None else total, 1), "total_ms": round(total, 1),
        "answer": text[:600],
    }


def summarise(rows: list[dict], llm: bool) -> dict:
    grades = [r["grade"] for r in rows if r["grade"] is not None]
    sentences = sum(r["verification"]["sentences"] for r in rows)
    supported = sum(r["verification"]["supported"] for r in rows)
    fallbacks = [r for r in rows if llm and r["answerer"] == "extractive" and r["note"]]
    reasons: dict[str, int] = {}
    for r in fallbacks:
        reasons[r["note"]] = reasons.get(r["note"], 0) + 1
    return {
        "n": len(rows),
        "fact_completeness": round(M.mean(r["facts"] for r in rows), 4),
        "directness": round(M.mean(r["direct"] for r in rows), 4),
        "reading_grade": round(M.mean(grades), 2) if grades else None,
        "refused": sum(r["refused"] for r in rows),
        "generated_sentences": sentences,
        "verified_share": round(supported / sentences, 4) if sentences else None,
        "answered_by_model": sum(r["answerer"] == "llm" for r in rows),
        "fallbacks": len(fallbacks),
        "fallback_reasons": reasons,
        "first_sentence_ms": {"p50": round(M.percentile([r["first_ms"] for r in rows], 50), 1),
                              "p95": round(M.percentile([r["first_ms"] for r in rows], 95), 1)},
        "whole_answer_ms": {"p50": round(M.percentile([r["total_ms"] for r in rows], 50), 1),
                            "p95": round(M.percentile([r["total_ms"] for r in rows], 95), 1)},
    }


def render(report: dict) -> str:
    e, lm = report["extractive"], report["llm"]
    meta = report["meta"]

    def f(v):
        return "–" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))

    lines = [
        f"# Extractive vs language-model answerer — set `{meta.get('set', 'gold')}`, split `{meta['split']}`",
        "",
        f"{meta['n_cases']} answerable cases{' (subset of ' + str(meta['n_split']) + ' by hash)' if meta['subset'] else ''}; "
        f"model `{meta['model']}` at {meta['llm_url']}; {meta['seconds']:.0f} s.",
        "",
        "| metric | extractive | llm |",
        "|---|---|---|",
        f"| fact completeness | {f(e['fact_completeness'])} | {f(lm['fact_completeness'])} |",
        f"| directness (first sentence holds the first fact) | {f(e['directness'])} | {f(lm['directness'])} |",
        f"| reading grade (Flesch–Kincaid) | {f(e['reading_grade'])} | {f(lm['reading_grade'])} |",
        f"| answers written by the model | – | {lm['answered_by_model']} of {lm['n']} |",
        f"| generated sentences / share verified | – | {lm['generated_sentences']} / {f(lm['verified_share'])} |",
        f"| fallbacks to the extractive answer | – | {lm['fallbacks']} |",
        f"| refused (no cited answer) | {e['refused']} | {lm['refused']} |",
        f"| first shown sentence p50 / p95 ms | {e['first_sentence_ms']['p50']} / {e['first_sentence_ms']['p95']} | "
        f"{lm['first_sentence_ms']['p50']} / {lm['first_sentence_ms']['p95']} |",
        f"| whole answer p50 / p95 ms | {e['whole_answer_ms']['p50']} / {e['whole_answer_ms']['p95']} | "
        f"{lm['whole_answer_ms']['p50']} / {lm['whole_answer_ms']['p95']} |",
        "",
        "Fallback reasons: " + ("; ".join(f"{n}× {r}" for r, n in lm["fallback_reasons"].items()) or "none"),
        "",
    ]
    return "\n".join(lines)


def main(split: str = "dev", out: Path = Path("eval-out"), config: Any = None, limit: int | None = None, *,
         embedder: Any = None, assistants: tuple[Any, Any] | None = None, gold_path: Path = GOLD_PATH,
         eval_set: str = "gold", on_note: Callable[[str], None] = print) -> int:
    """Run both answerers on the same cases and write side_by_side.json and side_by_side.md."""
    from core.config import Config, apply_offline_env

    apply_offline_env()
    config = config or Config.from_env(answerer="llm")
    t_start = time.perf_counter()
    all_cases = load_cases(eval_set, split, gold_path)
    if not all_cases:
        on_note(f"No answerable cases in set {eval_set!r}, split {split!r}.")
        return 2
    cases = subset(all_cases, limit)
    if assistants is None:
        from assistant import Assistant
        from bootstrap import open_assistant
        from index.embed import load_embedder

        embedder = embedder or load_embedder(config)
        extractive = open_assistant(config, on_note=on_note, embedder=embedder, answerer="extractive")
        llm = Assistant.from_config(config, embedder=embedder, answerer="llm")
    else:
        extractive, llm = assistants
    rows: dict[str, list[dict]] = {"extractive": [], "llm": []}
    on_note(f"Asking {len(cases)} {split} cases of {len(all_cases)} with both answerers (the model is slow on 2 cores)…")
    for i, case in enumerate(cases, 1):
        rows["extractive"].append(ask_timed(extractive, case))
        rows["llm"].append(ask_timed(llm, case))
        r = rows["llm"][-1]
        on_note(f"  {i}/{len(cases)} {case.id}: {r['answerer']}, {r['verification']}, {r['total_ms'] / 1000:.1f} s")
    report = {
        "meta": {"set": eval_set, "split": split, "n_cases": len(cases), "n_split": len(all_cases), "subset": bool(limit),
                 "model": config.llm_model, "llm_url": config.llm_url, "seconds": round(time.perf_counter() - t_start, 1)},
        "extractive": summarise(rows["extractive"], llm=False),
        "llm": summarise(rows["llm"], llm=True),
        "cases": rows,
    }
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "side_by_side.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    (out / "side_by_side.md").write_text(render(report), encoding="utf-8")
    on_note(render(report))
    on_note(f"Report: {out / 'side_by_side.md'}")
    return 0
