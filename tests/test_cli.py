"""The poems-assistant CLI: one-line errors, ingest report, ask output formats."""

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from poems_cli import app
from tests.conftest import ROOT

runner = CliRunner()


def test_help_lists_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for cmd in ("ingest", "ask", "serve", "eval", "safety-eval", "safety-cache", "bench", "loadtest", "scale",
                "calibrate", "thresholds", "feedback"):
        assert cmd in result.output


@pytest.mark.parametrize(
    "module, command, option",
    [
        ("ingest", "ingest", "--rebuild"),
        ("evals.run", "eval", "--no-gate"),
        ("evals.calibrate", "calibrate", "--help"),
        ("evals.thresholds", "thresholds", "--write"),
        ("evals.bench", "bench", "--users"),
        ("evals.loadtest", "loadtest", "--per-user"),
        ("evals.scale", "scale", "probe"),
    ],
)
def test_module_entry_points_are_the_cli_commands(module, command, option):
    # one CLI: `python -m X` hands its arguments to the poems-assistant command of the same name
    result = subprocess.run([sys.executable, "-m", module, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"poems-assistant {command}" in result.stdout
    assert option in result.stdout


def test_thresholds_refuses_a_heldout_report_in_one_line(tmp_path):
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"meta": {"split": "heldout"}, "metrics": {}}), encoding="utf-8")
    result = runner.invoke(app, ["thresholds", str(report)])
    assert result.exit_code == 2
    assert "dev runs only" in result.output
    assert "Traceback" not in result.output


def test_thresholds_missing_report_is_one_line(tmp_path):
    result = runner.invoke(app, ["thresholds", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "not found" in result.output


def test_eval_rejects_an_unknown_split():
    result = runner.invoke(app, ["eval", "--split", "train"])
    assert result.exit_code == 2
    assert "--split must be dev, heldout or all" in result.output


def test_loadtest_refuses_a_remote_url():
    result = runner.invoke(app, ["loadtest", "--url", "http://example.org/"])
    assert result.exit_code == 1
    assert "loopback" in result.output


def test_ingest_missing_corpus_is_one_line(tmp_path):
    result = runner.invoke(app, ["ingest", "--corpus", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.output.strip().startswith("error: Corpus folder")
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_ingest_with_only_bad_files_fails(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"")
    result = runner.invoke(app, ["ingest", "--corpus", str(tmp_path)])
    assert result.exit_code == 1
    assert "Nothing could be ingested" in result.output


def test_ask_needs_a_question():
    result = runner.invoke(app, ["ask"])
    assert result.exit_code == 2
    assert "give a question" in result.output


def test_ask_jsonl_missing_file(tmp_path):
    result = runner.invoke(app, ["ask", "--jsonl", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 1
    assert "not found" in result.output


def _cli(*args, env_extra=None, input_text=None, timeout=600):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "poems_cli", *args], cwd=ROOT, env=env, input=input_text,
                          capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_ingest_then_ask_json_and_jsonl_offline(tmp_path):
    env = {"POEMS_INDEX_DIR": str(tmp_path / "idx"), "HF_HUB_OFFLINE": "1"}
    first = _cli("ingest", env_extra=env)
    assert first.returncode == 0, first.stderr
    assert "chunks:" in first.stdout
    assert "embedded: 0" not in first.stdout
    second = _cli("ingest", env_extra=env)
    assert "embedded: 0" in second.stdout
    assert "unchanged:" in second.stdout
    asked = _cli("ask", "--json", "What is VEGF?", env_extra=env)
    assert asked.returncode == 0, asked.stderr
    obj = json.loads(asked.stdout)
    assert obj["citations"]
    assert obj["disclaimer"]
    assert "timings_ms" in obj
    batch = '{"id": 1, "question": "What is CIDP?"}\n{broken\n{"id": 3, "question": "what causes it?", "history": [{"role": "user", "content": "What is CIDP?"}]}\n'
    out = _cli("ask", "--jsonl", "-", env_extra=env, input_text=batch)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r.get("id") for r in rows] == [1, None, 3]
    assert "error" in rows[1]
    assert out.returncode == 1
    plain = _cli("ask", "How is POEMS treated?", env_extra=env)
    assert "Sources:" in plain.stdout
    assert "[1]" in plain.stdout
    assert "not medical advice" in plain.stdout


@pytest.mark.slow
def test_ask_builds_a_missing_index_and_says_so(tmp_path):
    result = _cli("ask", "What is POEMS?", env_extra={"POEMS_INDEX_DIR": str(tmp_path / "new"), "HF_HUB_OFFLINE": "1"})
    assert result.returncode == 0
    assert "No index yet" in result.stderr


@pytest.mark.parametrize("args,fragment", [
    (["ask", "--json", ""], "empty"),
    (["ask", "--json", "   "], "empty"),
    (["ask", "--json"], "give a question"),
    (["ask", "--jsonl", "/nonexistent/batch.jsonl"], "not found"),
])
def test_ask_json_errors_are_one_json_object_on_stdout(args, fragment):
    result = CliRunner().invoke(app, args)
    (line,) = result.stdout.strip().splitlines()
    assert fragment in json.loads(line)["error"]
    assert result.exit_code != 0


def test_ask_json_error_is_json_even_when_the_config_is_bad(monkeypatch):
    monkeypatch.setenv("POEMS_TOP_K", "many")
    result = CliRunner().invoke(app, ["ask", "--json", "What is POEMS?"])
    assert "POEMS_TOP_K" in json.loads(result.stdout)["error"]


def test_plain_ask_errors_stay_on_stderr():
    result = CliRunner().invoke(app, ["ask", ""])
    assert result.stdout == ""
    assert result.stderr.strip().startswith("error: The question is empty")


@pytest.fixture
def damaged_index(tmp_path, fake_embedder):
    from core.config import Config
    from ingest.pipeline import ingest
    from tests.conftest import CORPUS

    config = Config.from_env(corpus_dir=CORPUS)  # the test's own POEMS_INDEX_DIR (conftest)
    ingest(config, fake_embedder)
    db = config.index_dir / "chroma.sqlite3"
    db.write_bytes(db.read_bytes()[:20_000])
    return config.index_dir


@pytest.mark.parametrize("args", [["ask", "What is POEMS?"], ["ingest"]])
def test_a_damaged_index_is_one_line_with_the_fix(damaged_index, args):
    result = CliRunner().invoke(app, args)
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: The index at {damaged_index} is damaged")
    assert "poems-assistant ingest --rebuild" in line
    assert result.exit_code == 1


def test_a_damaged_index_as_json(damaged_index):
    result = CliRunner().invoke(app, ["ask", "--json", "What is POEMS?"])
    assert "--rebuild" in json.loads(result.stdout)["error"]


def test_debug_shows_the_whole_traceback(damaged_index, monkeypatch):
    monkeypatch.setenv("POEMS_DEBUG", "1")
    result = CliRunner().invoke(app, ["ask", "What is POEMS?"])
    assert "Traceback" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: The index at")


@pytest.mark.slow
def test_ingest_rebuild_recovers_a_damaged_index_from_the_command_line(damaged_index):
    result = _cli("ingest", "--rebuild", env_extra={"POEMS_INDEX_DIR": str(damaged_index), "HF_HUB_OFFLINE": "1"})
    assert result.returncode == 0, result.stderr
    assert f"warning: the index at {damaged_index} was damaged" in result.stderr
    asked = _cli("ask", "--json", "What is VEGF?", env_extra={"POEMS_INDEX_DIR": str(damaged_index), "HF_HUB_OFFLINE": "1"})
    assert json.loads(asked.stdout)["citations"]


def test_feedback_export_defaults_beside_the_database(tmp_path):
    from feedback import FeedbackStore

    FeedbackStore(tmp_path / "feedback.sqlite3").record("q", "a", [], -1)  # conftest's POEMS_FEEDBACK_DB
    result = CliRunner().invoke(app, ["feedback", "export"])
    assert result.exit_code == 0
    out = tmp_path / "feedback_drafts.jsonl"
    assert f"to {out}" in result.stdout
    assert out.stat().st_mode & 0o777 == 0o600


def test_safety_eval_names_the_sets_it_knows_when_given_another():
    from typer.testing import CliRunner

    from poems_cli import app

    result = CliRunner().invoke(app, ["safety-eval", "--set", "test99"])
    assert "test14" in result.output
