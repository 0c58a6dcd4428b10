"""Benchmark helpers: statistics, the figures table, timing wrappers and the ingest harness.

No test here asserts on how fast anything is; timings on a shared machine are noise.
"""

from __future__ import annotations

import hashlib
import json
import random

import numpy as np
import pytest

from evals.bench import (
    GOLD_PATH,
    TARGETS,
    Figure,
    Reps,
    TimedEmbedder,
    answer_latencies,
    bench_ingest,
    child_env,
    clear_embed_cache,
    format_table,
    load_questions,
    markdown_table,
    peak_rss_mb,
    percentile,
    rss_mb,
    spread,
    summarize,
)
from core.config import Config
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
    assert summarize([])["p50"] is None and summarize([])["n"] == 0
    assert spread([3.0, 1.0, 2.0]) == "median 2.00 s (1.00–3.00, n=3)"
    assert spread([0.5], unit="ms", digits=1) == "1 run: 0.5 ms"
    assert spread([]) == "no runs"


def test_figure_status_against_an_upper_bound():
    assert Figure("a", "A", 30.0, "ms", 30.0).status == "pass"  # the target itself meets it
    assert Figure("a", "A", 30.1, "ms", 30.0).status == "MISS"
    assert Figure("a", "A", 5.0, "s").status == "info"
    assert Figure("a", "A", None, "s", 1.0).status == "not run"
    assert Figure("e", "errors", 0.0, "", 0.0).status == "pass"
    assert Figure("e", "errors", 1.0, "", 0.0).status == "MISS"


def test_every_issue_target_is_present():
    assert TARGETS == {
        "warm_p50_ms": 30.0, "warm_p95_ms": 100.0, "cold_cli_s": 4.0, "ingest_cold_s": 5.0,
        "ingest_unchanged_s": 1.0, "scale_ingest_s": 180.0, "scale_query_p95_ms": 150.0,
        "serve_rss_mb": 1024.0, "load_p95_s": 1.0, "load_errors": 0.0,
    }


def test_format_table_lines_up_values_targets_and_results():
    figures = [
        Figure("warm_p50_ms", "Warm answer p50", 12.345, "ms", 30.0, "179 questions"),
        Figure("cold_cli_s", "First answer, cold CLI", 6.5, "s", 4.0, "3 runs"),
        Figure("serve_rss_mb", "Peak RSS while serving", 812.4, "MB", 1024.0),
        Figure("model_load_s", "Model load", 2.0, "s"),
        Figure("scale", "Scale", None, "s", 180.0),
    ]
    table = format_table(figures)
    lines = table.splitlines()
    assert lines[0].startswith("Figure") and set(lines[1].replace(" ", "")) == {"-"}
    assert len(lines) == 2 + len(figures)
    row = {line.split("  ")[0]: line for line in lines[2:]}
    assert "12.3 ms" in row["Warm answer p50"] and "≤ 30.0 ms" in row["Warm answer p50"]
    assert "pass" in row["Warm answer p50"] and "179 questions" in row["Warm answer p50"]
    assert "MISS" in row["First answer, cold CLI"] and "≤ 4.00 s" in row["First answer, cold CLI"]
    assert "812 MB" in row["Peak RSS while serving"]
    assert "info" in row["Model load"] and "not run" in row["Scale"]
    # the Result column starts at the same offset on every row
    starts = {line.index(word) for line, word in zip(lines[2:], ["pass", "MISS", "pass", "info", "not run"])}
    assert len(starts) == 1
    md = markdown_table(figures).splitlines()
    assert len(md) == 2 + len(figures) and md[3].startswith("| First answer, cold CLI | 6.50 s | ≤ 4.00 s | MISS |")


def test_memory_readings_are_plausible():
    peak, now = peak_rss_mb(), rss_mb()
    assert peak is not None and peak > 10
    if now is not None:  # VmRSS exists only on Linux
        assert peak >= now


def test_load_questions_reads_every_gold_case():
    lines = [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = load_questions()
    assert len(questions) == len(lines)
    assert all(isinstance(q, str) and q and isinstance(h, list) for q, h in questions)
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
    assert len(ms) == 6 and all(m >= 0 for m in ms)
    assert [p["n"] for p in per_pass] == [2, 2, 2]
    assert bot.embedder._cached.cleared == 3
    ms, _ = answer_latencies(bot, questions, passes=1, warmup=False, fresh=False)
    assert len(ms) == 2 and bot.embedder._cached.cleared == 3


def test_clear_embed_cache_ignores_embedders_without_one(fake_embedder):
    clear_embed_cache(fake_embedder)  # FakeEmbedder has no cache; nothing to do, nothing raised


def test_timed_embedder_passes_through_and_counts(fake_embedder):
    timed = TimedEmbedder(fake_embedder)
    assert (timed.name, timed.dim) == (fake_embedder.name, fake_embedder.dim)
    out = timed.embed(["plasma cells", "VEGF levels", "nerve damage"], progress=True)
    assert out.shape == (3, fake_embedder.dim)
    np.testing.assert_allclose(out, fake_embedder.embed(["plasma cells", "VEGF levels", "nerve damage"]))
    assert timed.texts == 3 and timed.seconds >= 0
    timed.reset()
    assert (timed.texts, timed.seconds) == (0, 0.0)


def test_child_env_points_subprocesses_at_the_bench_folders(tmp_path):
    config = Config.from_env(index_dir=tmp_path / "idx", corpus_dir=CORPUS, feedback_db=tmp_path / "fb.sqlite3")
    env = child_env(config, EXTRA="1")
    assert env["POEMS_INDEX_DIR"] == str(tmp_path / "idx")
    assert env["POEMS_CORPUS_DIR"] == str(CORPUS)
    assert env["POEMS_FEEDBACK_DB"] == str(tmp_path / "fb.sqlite3")
    assert env["POEMS_CHROMA_URL"] == "" and env["HF_HUB_OFFLINE"] == "1" and env["EXTRA"] == "1"
    assert Config.from_env(env).index_dir == tmp_path / "idx"


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_bench_ingest_measures_cold_warm_and_unchanged_on_a_copy(tmp_path, fake_embedder):
    before = _digest(CORPUS)
    config = Config.from_env(corpus_dir=CORPUS)
    notes = []
    figures, live = bench_ingest(config, fake_embedder, Reps(ingest_cold=1, ingest_warm=2, ingest_unchanged=2),
                                 tmp_path, notes.append)
    assert _digest(CORPUS) == before, "the real corpus must never be edited"
    by_key = {f.key: f for f in figures}
    assert set(by_key) == {"ingest_cold_s", "ingest_warm_s", "ingest_unchanged_s"}
    assert by_key["ingest_cold_s"].target == 5.0 and by_key["ingest_unchanged_s"].target == 1.0
    assert all(f.value is not None and f.value > 0 for f in figures)
    assert len(by_key["ingest_warm_s"].samples) == 2 and len(by_key["ingest_unchanged_s"].samples) == 2
    # an edit to one guide re-embeds a few chunks, not the corpus
    warm_detail = by_key["ingest_warm_s"].detail
    reembedded = int(warm_detail.split("re-embedded ")[1].split()[0])
    cold_chunks = int(by_key["ingest_cold_s"].detail.split("; ")[1].split()[0])
    assert 1 <= reembedded < cold_chunks / 4
    assert live.index_dir.parent == tmp_path and live.corpus_dir == tmp_path / "corpus"
    assert any("ingest cold" in n for n in notes)


# ---------------------------------------------------------------- load test


def test_users_ask_distinct_slices_of_the_gold_set():
    from evals.loadtest import user_questions

    questions = [(f"q{i}", []) for i in range(10)]
    asked = [user_questions(questions, u, 3) for u in range(3)]
    assert [q for q, _ in asked[0]] == ["q0", "q1", "q2"] and [q for q, _ in asked[2]] == ["q6", "q7", "q8"]
    assert [q for q, _ in user_questions(questions, 3, 3)] == ["q9", "q0", "q1"]  # wraps around


def test_run_load_against_a_fake_chat_on_loopback(tmp_path):
    from app import build_app, launch
    from evals.loadtest import free_port, run_load
    from feedback import FeedbackStore
    from tests.fakes_app import FakeAssistant

    fake = FakeAssistant(delay_s=0.01)
    demo = build_app(fake, FeedbackStore(tmp_path / "fb.sqlite3"), stream_delay_s=0)
    _, url, _ = launch(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        questions = [("What is POEMS syndrome?", []),
                     ("And treatment?", [{"role": "user", "content": "What is POEMS?"},
                                         {"role": "assistant", "content": "A disorder [1]."}])]
        result = run_load(url, questions, users=4, per_user=2, timeout_s=60)
    finally:
        demo.close()
    assert result["errors"] == 0, result["error_samples"]
    assert result["requests"] == result["ok"] == 8 and len(result["latencies_s"]) == 8
    assert len(fake.calls) == 8
    assert sum(1 for _, history in fake.calls if history) == 4, "follow-ups arrive with their history"
    assert 0 < result["p50_s"] <= result["p95_s"] <= result["max_s"]
    assert result["think_s"] is None and result["client_cpu_ms_per_request"] is not None


def test_paced_users_pause_before_each_question(tmp_path):
    from app import build_app, launch
    from evals.loadtest import free_port, run_load
    from feedback import FeedbackStore
    from tests.fakes_app import FakeAssistant

    demo = build_app(FakeAssistant(), FeedbackStore(tmp_path / "fb.sqlite3"), stream_delay_s=0)
    _, url, _ = launch(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        result = run_load(url, [("What is POEMS syndrome?", [])], users=2, per_user=2, think_s=(0.3, 0.4), timeout_s=60)
    finally:
        demo.close()
    assert result["errors"] == 0 and result["ok"] == 4 and result["think_s"] == [0.3, 0.4]
    assert result["wall_s"] >= 0.6, "each user waited twice before asking"


def test_run_load_counts_an_unreachable_chat_as_errors_without_hanging():
    from evals.loadtest import free_port, run_load

    result = run_load(f"http://127.0.0.1:{free_port()}/", [("q", [])], users=2, per_user=2,
                      timeout_s=10, connect_timeout_s=10)
    assert result["ok"] == 0 and result["errors"] == 4
    assert result["error_samples"][0].startswith("connect:")
