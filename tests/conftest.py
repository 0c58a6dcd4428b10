"""Shared fixtures: every test gets its own data folders; the real model and index load once per session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

ROOT = Path(__file__).resolve().parent.parent
# The ONNX export of the model is derived data: made once per test session in tmp, never in the
# repo, and removed at the end (90 MB a run would pile up in /tmp).
_MODEL_CACHE = None if "POEMS_MODEL_CACHE" in os.environ else tempfile.mkdtemp(prefix="poems-models-")
if _MODEL_CACHE:
    os.environ["POEMS_MODEL_CACHE"] = _MODEL_CACHE
CORPUS = ROOT / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"


def pytest_sessionfinish(session, exitstatus):
    if _MODEL_CACHE:
        shutil.rmtree(_MODEL_CACHE, ignore_errors=True)


def pytest_addoption(parser):
    parser.addoption("--require-browser", action="store_true", help="fail instead of skipping when Chromium is missing")


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path, monkeypatch):
    """Point every data folder at tmp so tests never touch the developer's index or feedback."""
    monkeypatch.setenv("POEMS_INDEX_DIR", str(tmp_path / "chroma"))
    monkeypatch.setenv("POEMS_FEEDBACK_DB", str(tmp_path / "feedback.sqlite3"))
    monkeypatch.delenv("POEMS_CHROMA_URL", raising=False)
    monkeypatch.delenv("POEMS_CORPUS_DIR", raising=False)
    yield


@pytest.fixture
def fake_embedder():
    from tests.fakes import FakeEmbedder

    return FakeEmbedder()


def fake_assistant(index_dir: Path, safety: bool):
    """The real assistant over the real guides, indexed with the fake embedder into `index_dir`:
    fast, offline, the same seams as production (modules build one per module-scoped fixture)."""
    from assistant import Assistant
    from core.config import Config
    from ingest.pipeline import ingest
    from tests.fakes import FakeEmbedder

    emb = FakeEmbedder()
    cfg = Config.from_env(corpus_dir=CORPUS, index_dir=index_dir)
    ingest(cfg, emb)
    return Assistant.from_config(cfg, embedder=emb, safety=safety)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the real corpus."""
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    return dst


@pytest.fixture(scope="session")
def real_embedder():
    """The default (onnxruntime) embedder, as the CLI and the chat load it."""
    from core.config import Config
    from index.embed import load_embedder

    return load_embedder(Config.from_env())


@pytest.fixture(scope="session")
def real_index(tmp_path_factory, real_embedder):
    """The real corpus ingested once with the real model; returns its Config."""
    from core.config import Config
    from ingest.pipeline import ingest

    config = Config.from_env(index_dir=tmp_path_factory.mktemp("real-index"), corpus_dir=CORPUS)
    ingest(config, real_embedder)
    return config


@pytest.fixture(scope="session")
def real_assistant(real_index, real_embedder):
    from assistant import Assistant

    return Assistant.from_config(real_index, embedder=real_embedder)
