"""Ablations: dense vs BM25 vs hybrid retrieval, and hybrid at three chunk sizes, on the gold set."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from evals import metrics as M
from evals.context import Context, hit_spans, index_spans, searcher
from evals.gold import history_turns
from evals.scoring import DEPTH, mean_retrieval, retrieval_scores

ABLATION_CHUNK_WORDS = (60, 90, 130)
ABLATION_MODES = ("dense", "bm25", "hybrid")


def retrieval_only(assistant: Any, ctx: Context, queries: dict[str, str], config: Any, with_answers: bool) -> dict:
    """Retrieval metrics (and optionally fact completeness) of one assistant variant on the answerable cases."""
    spans = index_spans(assistant, config)
    rows, completeness = [], []
    for case in ctx.answerable():
        hits = searcher(assistant).search(queries.get(case.id, case.question), k=DEPTH)
        gold = ctx.gold[case.id]
        rows.append(retrieval_scores(hit_spans(hits), gold, M.count_relevant(spans, gold)))
        if with_answers:
            answer = assistant.ask(case.question, history_turns(case.history))
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
