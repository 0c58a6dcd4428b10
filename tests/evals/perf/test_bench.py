"""The benchmark's figures table and its ingest harness.

No test here asserts on how fast anything is; timings on a shared machine are noise.
"""

from __future__ import annotations

import hashlib

from core.config import Config
from evals.perf.bench import TARGETS, Figure, Reps, bench_ingest, format_table, markdown_table
from tests.conftest import CORPUS


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
    assert lines[0].startswith("Figure")
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert len(lines) == 2 + len(figures)
    row = {line.split("  ")[0]: line for line in lines[2:]}
    assert "12.3 ms" in row["Warm answer p50"]
    assert "≤ 30.0 ms" in row["Warm answer p50"]
    assert "pass" in row["Warm answer p50"]
    assert "179 questions" in row["Warm answer p50"]
    assert "MISS" in row["First answer, cold CLI"]
    assert "≤ 4.00 s" in row["First answer, cold CLI"]
    assert "812 MB" in row["Peak RSS while serving"]
    assert "info" in row["Model load"]
    assert "not run" in row["Scale"]
    # the Result column starts at the same offset on every row
    starts = {line.index(word) for line, word in zip(lines[2:], ["pass", "MISS", "pass", "info", "not run"], strict=True)}
    assert len(starts) == 1
    md = markdown_table(figures).splitlines()
    assert len(md) == 2 + len(figures)
    assert md[3].startswith("| First answer, cold CLI | 6.50 s | ≤ 4.00 s | MISS |")


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
    assert by_key["ingest_cold_s"].target == 5.0
    assert by_key["ingest_unchanged_s"].target == 1.0
    assert all(f.value is not None for f in figures)
    assert all(f.value > 0 for f in figures)
    assert len(by_key["ingest_warm_s"].samples) == 2
    assert len(by_key["ingest_unchanged_s"].samples) == 2
    # an edit to one guide re-embeds a few chunks, not the corpus
    warm_detail = by_key["ingest_warm_s"].detail
    reembedded = int(warm_detail.split("re-embedded ")[1].split()[0])
    cold_chunks = int(by_key["ingest_cold_s"].detail.split("; ")[1].split()[0])
    assert 1 <= reembedded < cold_chunks / 4
    assert live.index_dir.parent == tmp_path
    assert live.corpus_dir == tmp_path / "corpus"
    assert any("ingest cold" in n for n in notes)
