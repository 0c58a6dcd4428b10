"""Measurement helpers shared by the benchmarks, the load test and the scale run.

Statistics over repeated timings, process memory and CPU, the machine, the questions every
measurement asks (the gold set's), and how measured child processes are started.
"""

from __future__ import annotations

import os
import platform
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from core.config import PROJECT_ROOT, Config, apply_offline_env
from evals import metrics as M
from evals.gold import GOLD_PATH, load_gold

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


# ---------------------------------------------------------------- memory, CPU and machine


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


def cpu_seconds(pid: int | str = "self") -> float | None:
    """User + system CPU seconds a process has used so far (from /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


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


def free_port() -> int:
    """A port that was free on 127.0.0.1 a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- questions and timing


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


# ---------------------------------------------------------------- measured child processes


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


def module_cli_command() -> list[str]:
    """`python -m poems_cli` with this interpreter: the CLI of the code being measured, never an installed copy."""
    return [sys.executable, "-m", "poems_cli"]


def timed_run(cmd: list[str], env: dict, timeout: float) -> tuple[float, subprocess.CompletedProcess]:
    """Run a command to completion (bounded by timeout) and return its wall seconds."""
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout)
    return time.perf_counter() - t, proc
