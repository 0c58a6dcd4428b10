"""Chroma server mode: ingest and ask through a real `chroma run` on loopback; a dead server is one clear line."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from core.config import Config
from core.errors import ChromaUnreachable
from evals.perf.measure import free_port
from tests.conftest import CORPUS

CHROMA = Path(sys.executable).parent / "chroma"
START_TIMEOUT_S = 60


def dead_url() -> str:
    """A loopback URL nobody listens on (the port was free a moment ago)."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture
def chroma_server(tmp_path):
    """`chroma run` on a free 127.0.0.1 port with its own data folder; stopped however the test ends."""
    if not CHROMA.exists():
        pytest.skip(f"no chroma CLI at {CHROMA}")
    import chromadb

    port = free_port()
    data = tmp_path / "server-data"
    log = (tmp_path / "chroma.log").open("w")
    proc = subprocess.Popen([str(CHROMA), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited with {proc.returncode}: {(tmp_path / 'chroma.log').read_text()[-500:]}")
            try:
                chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
                break
            except Exception:
                if time.monotonic() > deadline:
                    pytest.fail(f"chroma run did not answer within {START_TIMEOUT_S} s")
                time.sleep(0.25)
        yield f"http://127.0.0.1:{port}", port, data
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


@pytest.mark.slow
def test_ingest_and_ask_through_a_chroma_server(chroma_server, fake_embedder):
    import chromadb

    from assistant import Assistant
    from ingest.pipeline import ingest

    url, port, data = chroma_server
    config = Config.from_env(chroma_url=url, corpus_dir=CORPUS, collection="poems-server-test")
    report = ingest(config, fake_embedder)
    assert report.chunks > 50
    assert report.embedded == report.chunks
    again = ingest(config, fake_embedder)
    assert again.embedded == 0
    assert again.unchanged == report.chunks

    # A second, independent client sees what ingest wrote: the chunks live on the server.
    other = chromadb.HttpClient(host="127.0.0.1", port=port)
    names = {c if isinstance(c, str) else c.name for c in other.list_collections()}
    assert f"poems-server-test__v{report.version}" in names
    assert other.get_collection(f"poems-server-test__v{report.version}").count() == report.chunks
    assert not config.index_dir.exists(), "server mode must not create a local index folder"
    assert any(data.iterdir()), "the server persisted to its --path folder"

    bot = Assistant.from_config(config, embedder=fake_embedder, safety=False)
    answer = bot.ask("What is VEGF in POEMS syndrome?")
    assert answer.text
    assert answer.citations
    assert {c.source for c in answer.citations} <= {p.name for p in CORPUS.iterdir()}


@pytest.mark.slow
def test_ask_builds_the_index_on_the_server_when_it_is_empty(chroma_server, fake_embedder):
    from bootstrap import open_assistant

    url, port, _ = chroma_server
    notes = []
    config = Config.from_env(chroma_url=url, corpus_dir=CORPUS)
    bot = open_assistant(config, embedder=fake_embedder, safety=False, on_note=notes.append)
    assert any("Index built" in n for n in notes)
    assert bot.ask("How is POEMS syndrome diagnosed?").citations


@pytest.mark.parametrize("form", ["http://127.0.0.1:{port}", "127.0.0.1:{port}"])
def test_unreachable_server_raises_a_one_line_error_naming_the_url(form):
    from index.store import make_client

    url = form.format(port=free_port())
    with pytest.raises(ChromaUnreachable) as info:
        make_client(Config.from_env(chroma_url=url))
    message = str(info.value)
    assert url in message
    assert "\n" not in message
    assert "chroma run" in message, "the message says how to fix it"


def test_assistant_with_an_unreachable_server_raises_the_same_error(fake_embedder):
    from assistant import Assistant

    url = dead_url()
    with pytest.raises(ChromaUnreachable, match=url.replace(".", r"\.")):
        Assistant.from_config(Config.from_env(chroma_url=url, corpus_dir=CORPUS), embedder=fake_embedder, safety=False)


def _error_lines(result) -> list[str]:
    text = result.stderr if result.stderr is not None else result.output
    return [line for line in text.splitlines() if line.strip()]


def test_ingest_cli_with_a_dead_server_prints_one_line_naming_the_url(monkeypatch):
    from poems_cli import app

    url = dead_url()
    monkeypatch.setenv("POEMS_CHROMA_URL", url)
    result = CliRunner().invoke(app, ["ingest"])
    assert result.exit_code == 1
    lines = _error_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    assert url in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_ask_cli_with_a_dead_server_prints_one_line_naming_the_url(monkeypatch):
    from poems_cli import app

    url = dead_url()
    monkeypatch.setenv("POEMS_CHROMA_URL", url)
    result = CliRunner().invoke(app, ["ask", "What is POEMS syndrome?"])
    assert result.exit_code == 1
    lines = _error_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    assert url in lines[0]
