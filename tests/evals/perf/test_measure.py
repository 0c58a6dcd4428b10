"""Measurement helpers: statistics, memory, the questions every measurement asks, timing wrappers.

No test here asserts on how fast anything is; timings on a shared machine are noise.
"""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from core.config import Config
from evals.gold import GOLD_PATH
from evals.perf.measure import (
    TimedEmbedder,
    answer_latencies,
    child_env,
    clear_embed_cache,
    load_questions,
    peak_rss_mb,
    percentile,
    rss_mb,
    spread,
    summarize,
)
from tests.conftest import CORPUS


@pytest.mark.parametrize("n", [1, 2, 7, 100])
def test_percentile_matches_numpy_linear_interpolation(n):
    rng = random.Random(n)
    xs = [rng.uniform(0, 500) for _ in range(n)]
    for p in (0, 5, 25, 50, 90, 95, 99, 100):
        assert percentile(xs, p) == pytest.approx(float(np.percentile(xs, p)))


def test_percentile_edge_cases():
    assert percentile([], 50) is None
    assert percentile([4.0], 95) == 4.0
    assert percentile([1, 2, 3, 4], 50) == 2.5
    with pytest.raises(ValueError):
        percentile([1, 2], 101)


def test_summarize_and_spread():
    s = summarize([3.0, 1.0, 2.0])
    assert (s["n"], s["min"], s["p50"], s["max"], s["mean"]) == (3, 1.0, 2.0, 3.0, 2.0)
    assert summarize([])["p50"] is None
    assert summarize([])["n"] == 0
    assert spread([3.0, 1.0, 2.0]) == "median 2.00 s (1.00–3.00, n=3)"
    assert spread([0.5], unit="ms", digits=1) == "1 run: 0.5 ms"
    assert spread([]) == "no runs"


def test_memory_readings_are_plausible():
    peak, now = peak_rss_mb(), rss_mb()
    assert peak is not None
    assert peak > 10
    if now is not None:  # VmRSS exists only on Linux
        assert peak >= now


def test_load_questions_reads_every_gold_case():
    lines = [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = load_questions()
    assert len(questions) == len(lines)
    assert all(isinstance(q, str) for q, _ in questions)
    assert all(q.strip() for q, _ in questions)
    assert all(isinstance(h, list) for _, h in questions)
    assert any(h for _, h in questions), "follow-up cases carry their history"


class _Cache:
    def __init__(self):
        self.cleared = 0

    def cache_clear(self):
        self.cleared += 1


class _Bot:
    def __init__(self):
        self.embedder = type("E", (), {})()
        self.embedder._cached = _Cache()
        self.calls = []

    def ask(self, question, history=()):
        self.calls.append((question, list(history)))


def test_answer_latencies_warms_up_then_clears_the_query_cache_each_pass():
    bot = _Bot()
    questions = [("q1", []), ("q2", [{"role": "user", "content": "hi"}])]
    ms, per_pass = answer_latencies(bot, questions, passes=3)
    assert len(bot.calls) == 2 * 4  # one warm-up pass plus three measured ones
    assert bot.calls[1] == ("q2", [{"role": "user", "content": "hi"}])
    assert len(ms) == 6
    assert [p["n"] for p in per_pass] == [2, 2, 2]
    assert bot.embedder._cached.cleared == 3
    ms, _ = answer_latencies(bot, questions, passes=1, warmup=False, fresh=False)
    assert len(ms) == 2
    assert bot.embedder._cached.cleared == 3


def test_clear_embed_cache_ignores_embedders_without_one(fake_embedder):
    clear_embed_cache(fake_embedder)  # FakeEmbedder has no cache; nothing to do, nothing raised


def test_timed_embedder_passes_through_and_counts(fake_embedder):
    timed = TimedEmbedder(fake_embedder)
    assert (timed.name, timed.dim) == (fake_embedder.name, fake_embedder.dim)
    out = timed.embed(["plasma cells", "VEGF levels", "nerve damage"], progress=True)
    assert out.shape == (3, fake_embedder.dim)
    np.testing.assert_allclose(out, fake_embedder.embed(["plasma cells", "VEGF levels", "nerve damage"]))
    assert timed.texts == 3
    timed.reset()
    assert (timed.texts, timed.seconds) == (0, 0.0)


def test_child_env_points_subprocesses_at_the_bench_folders(tmp_path):
    config = Config.from_env(index_dir=tmp_path / "idx", corpus_dir=CORPUS, feedback_db=tmp_path / "fb.sqlite3")
    env = child_env(config, EXTRA="1")
    assert env["POEMS_INDEX_DIR"] == str(tmp_path / "idx")
    assert env["POEMS_CORPUS_DIR"] == str(CORPUS)
    assert env["POEMS_FEEDBACK_DB"] == str(tmp_path / "fb.sqlite3")
    assert env["POEMS_CHROMA_URL"] == ""
    assert env["HF_HUB_OFFLINE"] == "1"
    assert env["EXTRA"] == "1"
    assert Config.from_env(env).index_dir == tmp_path / "idx"
