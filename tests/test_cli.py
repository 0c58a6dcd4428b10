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
    for cmd in ("ingest", "ask", "serve", "eval", "bench", "feedback"):
        assert cmd in result.output


def test_ingest_missing_corpus_is_one_line(tmp_path):
    result = runner.invoke(app, ["ingest", "--corpus", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.output.strip().startswith("error: Corpus folder") and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_ingest_with_only_bad_files_fails(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"")
    result = runner.invoke(app, ["ingest", "--corpus", str(tmp_path)])
    assert result.exit_code == 1 and "Nothing could be ingested" in result.output


def test_ask_needs_a_question():
    result = runner.invoke(app, ["ask"])
    assert result.exit_code == 2 and "give a question" in result.output


def test_ask_jsonl_missing_file(tmp_path):
    result = runner.invoke(app, ["ask", "--jsonl", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 1 and "not found" in result.output


def _cli(*args, env_extra=None, input_text=None, timeout=600):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "poems_cli", *args], cwd=ROOT, env=env, input=input_text,
                          capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_ingest_then_ask_json_and_jsonl_offline(tmp_path):
    env = {"POEMS_INDEX_DIR": str(tmp_path / "idx"), "HF_HUB_OFFLINE": "1"}
    first = _cli("ingest", env_extra=env)
    assert first.returncode == 0, first.stderr
    assert "chunks:" in first.stdout and "embedded: 0" not in first.stdout
    second = _cli("ingest", env_extra=env)
    assert "embedded: 0" in second.stdout and "unchanged:" in second.stdout
    asked = _cli("ask", "--json", "What is VEGF?", env_extra=env)
    assert asked.returncode == 0, asked.stderr
    obj = json.loads(asked.stdout)
    assert obj["citations"] and obj["disclaimer"] and "timings_ms" in obj
    batch = '{"id": 1, "question": "What is CIDP?"}\n{broken\n{"id": 3, "question": "what causes it?", "history": [{"role": "user", "content": "What is CIDP?"}]}\n'
    out = _cli("ask", "--jsonl", "-", env_extra=env, input_text=batch)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r.get("id") for r in rows] == [1, None, 3] and "error" in rows[1] and out.returncode == 1
    plain = _cli("ask", "How is POEMS treated?", env_extra=env)
    assert "Sources:" in plain.stdout and "[1]" in plain.stdout and "not medical advice" in plain.stdout


@pytest.mark.slow
def test_ask_builds_a_missing_index_and_says_so(tmp_path):
    result = _cli("ask", "What is POEMS?", env_extra={"POEMS_INDEX_DIR": str(tmp_path / "new"), "HF_HUB_OFFLINE": "1"})
    assert result.returncode == 0 and "No index yet" in result.stderr
