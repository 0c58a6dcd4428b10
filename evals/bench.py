"""`poems-assistant bench`: latency, cold start, ingest, memory and load, as medians with spreads.

Every figure of issue #7 is measured here and printed beside its target. Nothing touches the
user's index: the corpus is copied and indexed in a temporary folder. Timings on a shared machine
are noisy, so each figure is a median over repeated runs with its range, and the load average is
printed with the table. Tests never assert on these numbers; a miss is reported, not raised.

    poems-assistant bench                 # full run, about 5 minutes on 2 cores
    poems-assistant bench --quick         # CI smoke, fewer repetitions
    poems-assistant bench --scale --out bench-out   # adds the 1k-10k chunk growth table (slow)
    .venv/bin/python -m evals.bench --quick          # same without the CLI install
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from evals import metrics as M
from evals.run import GOLD_PATH, load_gold
from core.config import PROJECT_ROOT, Config, apply_offline_env

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


# ---------------------------------------------------------------- statistics


def percentile(values: Iterable[float], p: float) -> float | None:
    """metrics.percentile, but None when empty (a figure not measured is not 0 ms) and p checked."""
    xs = [float(v) for v in values]
    if not xs:
        return None
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be within 0..100, not {p}")
    return M.percentile(xs, p)


def summarize(values: Sequence[float]) -> dict:
    """n, min, p50, p95, max and mean of a sample (None fields when it is empty)."""
    xs = [float(v) for v in values]
    return {
        "n": len(xs),
        "min": min(xs) if xs else None,
        "p50": percentile(xs, 50),
        "p95": percentile(xs, 95),
        "max": max(xs) if xs else None,
        "mean": sum(xs) / len(xs) if xs else None,
    }


def spread(values: Sequence[float], unit: str = "s", digits: int = 2) -> str:
    """'median 1.23 s (1.10–1.40, n=3)': how a repeated measurement is reported."""
    s = summarize(values)
    if not s["n"]:
        return "no runs"
    if s["n"] == 1:
        return f"1 run: {s['p50']:.{digits}f} {unit}"
    return f"median {s['p50']:.{digits}f} {unit} ({s['min']:.{digits}f}–{s['max']:.{digits}f}, n={s['n']})"


# ---------------------------------------------------------------- memory and machine


def _status_kb(field_name: str, pid: int | str = "self") -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return float(line.split()[1])
    except OSError:
        return None
    return None


def peak_rss_mb(pid: int | str = "self") -> float | None:
    """Peak resident memory (VmHWM) in MiB; getrusage's maxrss where /proc is missing."""
    kb = _status_kb("VmHWM", pid)
    if kb is None and pid == "self":
        import resource

        kb = float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux
    return kb / 1024.0 if kb is not None else None


def rss_mb(pid: int | str = "self") -> float | None:
    """Current resident memory (VmRSS) in MiB."""
    kb = _status_kb("VmRSS", pid)
    return kb / 1024.0 if kb is not None else None


def loadavg() -> str:
    """The 1/5/15-minute load averages: a figure taken under load 5 on 2 cores means little alone."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def machine() -> dict:
    """What the numbers were measured on."""
    info = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    try:
        import onnxruntime

        info["onnxruntime"] = onnxruntime.__version__
    except Exception:  # noqa: BLE001 - informational only
        pass
    return info


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


# ---------------------------------------------------------------- questions and timing helpers


def load_questions(path: Path = GOLD_PATH) -> list[tuple[str, list[dict]]]:
    """(question, history) of every gold case, in file order."""
    return [(c.question, [dict(t) for t in c.history]) for c in load_gold(path, split="all")]


def clear_embed_cache(embedder) -> None:
    """Forget cached query vectors, so a repeated gold question costs what a new one would."""
    # SentenceEmbedder keeps an lru_cache of single-text embeddings; reusing it across passes
    # would time dictionary lookups instead of the model.
    cached = getattr(embedder, "_cached", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()


def answer_latencies(bot, questions: Sequence[tuple[str, list]], passes: int = 3, warmup: bool = True,
                     fresh: bool = True) -> tuple[list[float], list[dict]]:
    """Wall ms of bot.ask per question over `passes` passes (after one warm-up pass).

    fresh=True clears the query-embedding cache before every pass, so each answer pays for its
    embedding like a question never seen before. Returns all latencies and a summary per pass.
    """
    if warmup:
        for q, h in questions:
            bot.ask(q, h)
    all_ms: list[float] = []
    per_pass: list[dict] = []
    for _ in range(passes):
        if fresh:
            clear_embed_cache(bot.embedder)
        ms = []
        for q, h in questions:
            t = time.perf_counter()
            bot.ask(q, h)
            ms.append((time.perf_counter() - t) * 1000.0)
        all_ms.extend(ms)
        per_pass.append(summarize(ms))
    return all_ms, per_pass


class TimedEmbedder:
    """Wraps an embedder to add up the time spent in the model (ingest = model + everything else)."""

    def __init__(self, inner):
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.seconds = 0.0
        self.texts = 0
        self.distinct = 0  # what the model really sees: embedders run identical texts of a call once

    def embed(self, texts, *, progress: bool = False):
        t = time.perf_counter()
        out = self.inner.embed(texts, progress=False)  # progress bars would garble the table
        self.seconds += time.perf_counter() - t
        self.texts += len(texts)
        self.distinct += len(set(texts))
        return out

    def reset(self) -> None:
        self.seconds, self.texts, self.distinct = 0.0, 0, 0


def child_env(config: Config, **extra: str) -> dict:
    """Environment for a measured subprocess: offline, telemetry off, pointed at the bench's folders."""
    apply_offline_env()
    env = dict(os.environ)
    env.update(
        POEMS_CORPUS_DIR=str(config.corpus_dir),
        POEMS_INDEX_DIR=str(config.index_dir),
        POEMS_CHROMA_URL=config.chroma_url,
        POEMS_COLLECTION=config.collection,
        POEMS_FEEDBACK_DB=str(config.feedback_db),
        POEMS_MODEL_DIR=config.model_dir,
        POEMS_MODEL_CACHE=str(config.model_cache_dir),
        POEMS_EMBED_BACKEND=config.embed_backend,
        POEMS_CHUNK_WORDS=str(config.chunk_words),
        POEMS_TOP_K=str(config.top_k),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def cli_command() -> list[str]:
    """The installed `poems-assistant` script next to this Python, else `python -m poems_cli`."""
    script = Path(sys.executable).parent / "poems-assistant"
    return [str(script)] if script.exists() else [sys.executable, "-m", "poems_cli"]


def timed_run(cmd: list[str], env: dict, timeout: float) -> tuple[float, subprocess.CompletedProcess]:
    """Run a command to completion (bounded by timeout) and return its wall seconds."""
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout)
    return time.perf_counter() - t, proc


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
    def quick(cls) -> "Reps":
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
    for i in range(reps.ingest_unchanged):
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


def bench_serving(config: Config, reps: Reps, log: Callable[[str], None], users: int = 20) -> tuple[list[Figure], dict]:
    """Serve the chat from a subprocess, drive it with `users` gradio_client users, read its peak RSS."""
    from evals.loadtest import load_test_with_server

    result = load_test_with_server(config, users=users, per_user=reps.load_per_user, log=log, warmup=reps.serve_warmup)
    lat = summarize(result["latencies_s"])
    how = (f"{users} gradio_client users at once, {reps.load_per_user} gold questions each, /ask API; "
           f"queue default_concurrency_limit={result.get('concurrency')}")
    paced = result.get("paced") or {}
    pl = summarize(paced.get("latencies_s", []))
    cpu = (f"; CPU per request: server {result.get('server_cpu_ms_per_request') or 0:.0f} ms, "
           f"gradio_client users {result.get('client_cpu_ms_per_request') or 0:.0f} ms")
    errors = result["errors"] + paced.get("errors", 0)
    samples = result["error_samples"] + paced.get("error_samples", [])
    figures = [
        Figure("load_p95_s", f"{users} concurrent users p95 (burst)", lat["p95"], "s", TARGETS["load_p95_s"],
               f"{how}, all fired at once; p50 {lat['p50'] or 0:.3f} s, max {lat['max'] or 0:.3f} s, "
               f"{result['throughput_rps']:.1f} req/s{cpu}", result["latencies_s"]),
        Figure("load_paced_p95_s", f"{users} concurrent users p95 (paced)", pl["p95"], "s", TARGETS["load_p95_s"],
               f"same users pausing {paced.get('think_s')} s before each question; p50 {pl['p50'] or 0:.3f} s, "
               f"max {pl['max'] or 0:.3f} s", paced.get("latencies_s", [])),
        Figure("load_errors", f"{users} concurrent users errors", float(errors), "",
               TARGETS["load_errors"], f"{result['requests'] + paced.get('requests', 0)} requests (both runs); "
               + ("; ".join(samples[:2]) if errors else "none failed")),
        Figure("serve_rss_mb", "Peak RSS while serving", result.get("server_peak_rss_mb"), "MB", TARGETS["serve_rss_mb"],
               "VmHWM of the chat process: model, index, Gradio, "
               f"{'every' if reps.serve_warmup is None else reps.serve_warmup} gold question(s) answered, then the load test"),
        Figure("serve_load_s", "Chat process start to ready", result.get("server_ready_s"), "s", None,
               "imports, model, index, safety fit and Gradio launch"),
    ]
    return figures, result


# ---------------------------------------------------------------- main


def main(config: Config | None = None, quick: bool = False, scale: bool = False, out: Path | None = None,
         *, users: int = 20, log: Callable[[str], None] | None = None) -> int:
    """Run every benchmark, print the figures against their targets; 0 unless a measurement broke."""
    apply_offline_env()
    config = config or Config.from_env()
    reps = Reps.quick() if quick else Reps()
    started = time.perf_counter()
    say = log or (lambda m: print(f"[bench] {m}", file=sys.stderr, flush=True))
    load_before = loadavg()
    work = Path(tempfile.mkdtemp(prefix="poems-bench-"))
    figures: list[Figure] = []
    extra: dict = {}
    failures: list[str] = []
    try:
        from index.embed import load_embedder

        load_embedder(config)  # a first run exports the model to ONNX (once, ~10 s); not what we time
        t = time.perf_counter()
        embedder = load_embedder(config)
        embedder.embed(["warm up", "the model"])
        figures.append(Figure("model_load_s", "Embedding model load (in process)", time.perf_counter() - t, "s", None,
                              f"{type(embedder).__name__} plus one tiny batch"))
        live = None
        try:
            got, live = bench_ingest(config, embedder, reps, work, say)
            figures += got
        except Exception as exc:  # noqa: BLE001 - one broken part must not hide the others
            failures.append(f"ingest: {type(exc).__name__}: {exc}")
        if live is not None:
            try:
                got, _bot = bench_warm_latency(live, embedder, reps, say)
                figures += got
                del _bot
            except Exception as exc:  # noqa: BLE001
                failures.append(f"warm latency: {type(exc).__name__}: {exc}")
        cli_config = Config.from_env(corpus_dir=config.corpus_dir, index_dir=work / "index-cli", chroma_url="",
                                     model_cache_dir=config.model_cache_dir, embed_backend=config.embed_backend,
                                     feedback_db=work / "feedback.sqlite3", model_dir=config.model_dir,
                                     chunk_words=config.chunk_words, collection=config.collection)
        try:
            figures += bench_cold_cli(cli_config, reps, say)
        except Exception as exc:  # noqa: BLE001
            failures.append(f"cold CLI: {type(exc).__name__}: {exc}")
        try:
            got, extra["load"] = bench_serving(cli_config, reps, say, users=users)
            figures += got
            failed = extra["load"]["errors"] + extra["load"].get("paced", {}).get("errors", 0)
            if failed:
                failures.append(f"load test: {failed} failed request(s)")
        except Exception as exc:  # noqa: BLE001
            failures.append(f"serving: {type(exc).__name__}: {exc}")
        if scale:
            from evals.scale import QUICK_SIZES, SIZES, run_scale

            try:
                rows = run_scale(QUICK_SIZES if quick else SIZES, embedder=embedder, corpus_dir=config.corpus_dir,
                                 work=work / "scale", log=say, chunk_words=config.chunk_words,
                                 reuse_embeddings=not quick)
                extra["scale"] = rows
                top = rows[-1]
                figures.append(Figure("scale_ingest_s", f"Ingest {top['chunks']:,} chunks, cold", top["cold_ingest_s"], "s",
                                      TARGETS["scale_ingest_s"] if top["target_size"] >= 10_000 else None,
                                      f"{top['chunks_per_s']:.1f} chunks/s; {top.get('distinct_texts', top['texts']):,} distinct of "
                                      f"{top['texts']:,} texts at "
                                      f"{top['model_texts_per_s'] or 0:.0f} texts/s through the model"
                                      + (" (model time estimated, see growth table)" if top.get("cold_estimated") else "")
                                      + f"; store {top['store_s']:.0f} s measured"))
                figures.append(Figure("scale_query_p95_ms", f"Query p95 at {top['chunks']:,} chunks", top["p95_ms"], "ms",
                                      TARGETS["scale_query_p95_ms"] if top["target_size"] >= 10_000 else None,
                                      f"p50 {top['p50_ms']:.1f} ms; serving RSS {top['peak_rss_mb']:.0f} MB"))
            except Exception as exc:  # noqa: BLE001
                failures.append(f"scale: {type(exc).__name__}: {exc}")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    elapsed = time.perf_counter() - started
    info = machine()
    header = (f"POEMS assistant benchmark ({'quick' if quick else 'full'}), {elapsed:.0f} s; {info.get('cpus')} CPUs, "
              f"onnxruntime {info.get('onnxruntime', '?')}, load average {load_before} before, {loadavg()} after")
    print(header)
    print(format_table(figures))
    if "scale" in extra:
        from evals.scale import growth_table

        print()
        print(growth_table(extra["scale"]))
    for f in failures:
        print(f"error: {f}")
    if out is not None:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        payload = {
            "quick": quick, "seconds": elapsed, "machine": machine(),
            "loadavg_before": load_before, "loadavg_after": loadavg(),
            "figures": [asdict(f) | {"status": f.status} for f in figures],
            "failures": failures, **{k: v for k, v in extra.items() if k != "load"},
            "load": {k: v for k, v in extra.get("load", {}).items()},
        }
        (out / "bench.json").write_text(json.dumps(payload, indent=2), encoding="utf-8")
        (out / "bench.md").write_text(header + "\n\n" + markdown_table(figures) + "\n", encoding="utf-8")
        print(f"wrote {out / 'bench.json'} and {out / 'bench.md'}")
    return 1 if failures else 0


def cli(argv: list[str] | None = None) -> int:
    """Entry point of `python -m evals.bench`."""
    parser = argparse.ArgumentParser(prog="python -m evals.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (CI smoke)")
    parser.add_argument("--scale", action="store_true", help="also run the 1k-10k chunk scale benchmark (slow)")
    parser.add_argument("--out", type=Path, default=None, help="folder for bench.json and bench.md")
    parser.add_argument("--users", type=int, default=20, help="simultaneous chat users in the load test")
    args = parser.parse_args(argv)
    return main(Config.from_env(), quick=args.quick, scale=args.scale, out=args.out, users=args.users)


if __name__ == "__main__":
    sys.exit(cli())
