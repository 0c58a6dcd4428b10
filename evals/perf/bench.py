"""The in-process benchmarks (ingest, warm answers, cold CLI) and the figures table they fill.

Every figure of issue #7 is a `Figure` printed beside its target. Nothing touches the user's
index: the corpus is copied and indexed in a temporary folder. Timings on a shared machine are
noisy, so each figure is a median over repeated runs with its range. Tests never assert on these
numbers; a miss is reported, not raised. `evals.perf.suite` runs these with the load test and
the scale run (`poems-assistant bench`).
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.config import Config
from evals.perf.measure import (
    TimedEmbedder,
    answer_latencies,
    child_env,
    cli_command,
    load_questions,
    spread,
    summarize,
    timed_run,
)

COLD_QUESTION = "Why does it take so long to diagnose POEMS syndrome?"

# Targets from issue #7 (2 cores, offline default answerer). All are upper bounds.
TARGETS = {
    "warm_p50_ms": 30.0,
    "warm_p95_ms": 100.0,
    "cold_cli_s": 4.0,
    "ingest_cold_s": 5.0,
    "ingest_unchanged_s": 1.0,
    "scale_ingest_s": 180.0,
    "scale_query_p95_ms": 150.0,
    "serve_rss_mb": 1024.0,
    "load_p95_s": 1.0,
    "load_errors": 0.0,
}


# ---------------------------------------------------------------- the figures table


@dataclass
class Figure:
    """One measured number, its target (an upper bound) and how it was measured."""

    key: str
    label: str
    value: float | None
    unit: str
    target: float | None = None
    detail: str = ""
    samples: list[float] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.value is None:
            return "not run"
        if self.target is None:
            return "info"
        return "pass" if self.value <= self.target else "MISS"


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "":
        return f"{value:g}"
    return f"{value:.1f} {unit}"


def format_table(figures: Sequence[Figure]) -> str:
    """A fixed-width table: figure, value, target, result, how it was measured."""
    rows = [("Figure", "Value", "Target", "Result", "How")]
    for f in figures:
        target = f"≤ {_fmt(f.target, f.unit)}" if f.target is not None else ""
        rows.append((f.label, _fmt(f.value, f.unit), target, f.status, f.detail))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for n, r in enumerate(rows):
        lines.append("  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4])
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 3)
    return "\n".join(line.rstrip() for line in lines)


def markdown_table(figures: Sequence[Figure]) -> str:
    """The same table as Markdown, for the README."""
    out = ["| Figure | Value | Target | Result | How |", "|---|---|---|---|---|"]
    for f in figures:
        target = f"≤ {_fmt(f.target, f.unit)}" if f.target is not None else ""
        out.append(f"| {f.label} | {_fmt(f.value, f.unit)} | {target} | {f.status} | {f.detail} |")
    return "\n".join(out)


# ---------------------------------------------------------------- measurements


@dataclass
class Reps:
    """How many times each measurement repeats."""

    ingest_cold: int = 3
    ingest_warm: int = 3
    ingest_unchanged: int = 5
    latency_passes: int = 3
    cold_cli: int = 3
    cli_unchanged: int = 3
    breakdown: bool = True
    load_per_user: int = 4
    serve_warmup: int | None = None  # gold questions the chat answers before the load; None = all

    @classmethod
    def quick(cls) -> Reps:
        return cls(ingest_cold=1, ingest_warm=1, ingest_unchanged=3, latency_passes=1, cold_cli=1,
                   cli_unchanged=1, breakdown=False, load_per_user=2, serve_warmup=40)


def _change_one_file(corpus: Path, n: int) -> str:
    """Append a short new section to the smallest guide: an edit that touches one file's tail."""
    guides = sorted((p for p in corpus.iterdir() if p.suffix in (".txt", ".md")), key=lambda p: p.stat().st_size)
    target = guides[0]
    original = corpus.parent / f"{target.name}.orig"  # outside the corpus, or ingest would warn about it
    if not original.exists():
        shutil.copy2(target, original)
    text = original.read_text(encoding="utf-8")
    target.write_text(
        text.rstrip() + f"\n\nUpdate {n}\n\nThis paragraph was added by the benchmark (edit number {n}) to "
        "simulate a maintainer revising one guide. Only the changed passage needs new embeddings.\n",
        encoding="utf-8",
    )
    return target.name


def bench_ingest(config: Config, embedder, reps: Reps, work: Path, log: Callable[[str], None]) -> tuple[list[Figure], Config]:
    """Cold (fresh index), warm (one file edited) and unchanged ingests of a copy of the corpus."""
    from ingest.pipeline import ingest

    corpus = work / "corpus"
    shutil.copytree(config.corpus_dir, corpus)
    timed = TimedEmbedder(embedder)
    cold, cold_embed, warm, warm_embedded, unchanged = [], [], [], [], []
    report = None
    for i in range(reps.ingest_cold):
        cfg = Config.from_env(corpus_dir=corpus, index_dir=work / f"index-cold-{i}", chroma_url="",
                              model_cache_dir=config.model_cache_dir, embed_backend=config.embed_backend,
                              chunk_words=config.chunk_words, model_dir=config.model_dir, collection=config.collection)
        timed.reset()
        report = ingest(cfg, timed)
        cold.append(report.seconds)
        cold_embed.append(timed.seconds)
        log(f"ingest cold {i + 1}/{reps.ingest_cold}: {report.summary()} (model {timed.seconds:.2f} s)")
    live = cfg  # the last cold index carries on as the warm and unchanged one
    for i in range(reps.ingest_warm):
        _change_one_file(corpus, i + 1)
        r = ingest(live, timed)
        warm.append(r.seconds)
        warm_embedded.append(r.embedded)
        log(f"ingest warm {i + 1}/{reps.ingest_warm}: {r.summary()}")
    for _ in range(reps.ingest_unchanged):
        r = ingest(live, timed)
        if r.embedded:
            raise RuntimeError(f"an unchanged corpus re-embedded {r.embedded} chunks")
        unchanged.append(r.seconds)
    log(f"ingest unchanged: {spread(unchanged)}")
    chunks = report.chunks if report else 0
    figures = [
        Figure("ingest_cold_s", f"Ingest {report.files if report else '?'} guides, cold (model loaded)", summarize(cold)["p50"], "s",
               TARGETS["ingest_cold_s"],
               f"{spread(cold)}; {chunks} chunks; model time median {summarize(cold_embed)['p50']:.2f} s", cold),
        Figure("ingest_warm_s", "Ingest, one guide edited", summarize(warm)["p50"], "s", None,
               f"{spread(warm)}; re-embedded {int(summarize(warm_embedded)['p50'] or 0)} chunk(s)", warm),
        Figure("ingest_unchanged_s", "Ingest, nothing changed", summarize(unchanged)["p50"], "s",
               TARGETS["ingest_unchanged_s"], spread(unchanged, digits=3), unchanged),
    ]
    return figures, live


def bench_warm_latency(config: Config, embedder, reps: Reps, log: Callable[[str], None]) -> tuple[list[Figure], object]:
    """Warm answer latency over every gold question, plus the cached-question case for contrast."""
    from assistant import Assistant

    t = time.perf_counter()
    bot = Assistant.from_config(config, embedder=embedder)
    load_s = time.perf_counter() - t
    questions = load_questions()
    fresh, per_pass = answer_latencies(bot, questions, passes=reps.latency_passes, warmup=True, fresh=True)
    cached, _ = answer_latencies(bot, questions, passes=1, warmup=False, fresh=False)
    s = summarize(fresh)
    p50s = [p["p50"] for p in per_pass]
    p95s = [p["p95"] for p in per_pass]
    how = (f"{len(questions)} gold questions x {reps.latency_passes} pass(es) after a warm-up pass, "
           f"query-embedding cache cleared per pass")
    log(f"warm latency: p50 {s['p50']:.1f} ms, p95 {s['p95']:.1f} ms, max {s['max']:.1f} ms")
    figures = [
        Figure("warm_p50_ms", "Warm answer p50", s["p50"], "ms", TARGETS["warm_p50_ms"],
               f"{how}; per-pass p50 {min(p50s):.1f}–{max(p50s):.1f} ms", fresh),
        Figure("warm_p95_ms", "Warm answer p95", s["p95"], "ms", TARGETS["warm_p95_ms"],
               f"per-pass p95 {min(p95s):.1f}–{max(p95s):.1f} ms; max {s['max']:.1f} ms"),
        Figure("warm_cached_p50_ms", "Warm answer p50, repeated question", summarize(cached)["p50"], "ms", None,
               f"same questions again with the embedding cache warm; p95 {summarize(cached)['p95']:.1f} ms", cached),
        Figure("assistant_load_s", "Assistant load (index, BM25, safety)", load_s, "s", None,
               "Assistant.from_config with the model already loaded"),
    ]
    return figures, bot


_BREAKDOWN = r"""
import json, sys, time
t0 = time.perf_counter()
marks = {}
def mark(name):
    global t0
    now = time.perf_counter(); marks[name] = now - t0; t0 = now
import poems_cli; mark("import_cli")
from core.config import Config
from assistant.assistant import Assistant; mark("import_assistant")
import onnxruntime, tokenizers; mark("import_onnxruntime")
import chromadb; mark("import_chromadb")
from index.embed import load_embedder
config = Config.from_env()
emb = load_embedder(config); mark("model_load")
bot = Assistant.from_config(config, embedder=emb, safety=False)
mark("index_bm25_load")
from assistant.safety import SafetyGate
bot.safety = SafetyGate(emb); mark("safety_fit")
bot.ask(sys.argv[1]); mark("first_answer")
print(json.dumps(marks))
"""


def bench_cold_cli(config: Config, reps: Reps, log: Callable[[str], None]) -> list[Figure]:
    """Index the corpus through the CLI, re-ingest unchanged, and time first answers of fresh processes."""
    env = child_env(config)
    cmd = cli_command()
    figures = []
    wall, proc = timed_run(cmd + ["ingest"], env, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"`poems-assistant ingest` failed: {proc.stderr.strip()[-500:]}")
    figures.append(Figure("cli_ingest_cold_s", "CLI ingest, cold process + empty index", wall, "s", None,
                          "`poems-assistant ingest` wall time, model load included"))
    log(f"CLI ingest cold: {wall:.2f} s")
    unchanged = []
    for _ in range(reps.cli_unchanged):
        wall, proc = timed_run(cmd + ["ingest"], env, timeout=300)
        if proc.returncode != 0 or "embedded: 0" not in proc.stdout:
            raise RuntimeError(f"unchanged `poems-assistant ingest` misbehaved: {proc.stdout[-300:]} {proc.stderr[-300:]}")
        unchanged.append(wall)
    figures.append(Figure("cli_ingest_unchanged_s", "CLI ingest, nothing changed (whole process)",
                          summarize(unchanged)["p50"], "s", None, spread(unchanged), unchanged))
    log(f"CLI ingest unchanged: {spread(unchanged)}")
    cold = []
    for i in range(reps.cold_cli):
        wall, proc = timed_run(cmd + ["ask", "--json", COLD_QUESTION], env, timeout=300)
        if proc.returncode != 0:
            raise RuntimeError(f"`poems-assistant ask` failed: {proc.stderr.strip()[-500:]}")
        answer = json.loads(proc.stdout.strip().splitlines()[-1])
        if not answer.get("answer"):
            raise RuntimeError("`poems-assistant ask` printed an empty answer")
        cold.append(wall)
        log(f"cold CLI answer {i + 1}/{reps.cold_cli}: {wall:.2f} s")
    figures.insert(0, Figure("cold_cli_s", "First answer, cold CLI", summarize(cold)["p50"], "s", TARGETS["cold_cli_s"],
                             f"`poems-assistant ask --json` wall time, index present; {spread(cold)}", cold))
    if reps.breakdown:
        wall, proc = timed_run([sys.executable, "-c", _BREAKDOWN, COLD_QUESTION], env, timeout=300)
        if proc.returncode == 0:
            marks = json.loads(proc.stdout.strip().splitlines()[-1])
            marks["interpreter_start"] = max(0.0, wall - sum(marks.values()))
            figures.insert(1, Figure("cold_breakdown_s", "Cold start breakdown (one run)", wall, "s", None,
                                     ", ".join(f"{k} {v:.2f} s" for k, v in marks.items())))
            log(f"cold breakdown: {marks}")
        else:
            log(f"breakdown run failed: {proc.stderr.strip()[-300:]}")
    return figures
