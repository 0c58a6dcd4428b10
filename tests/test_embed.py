"""The embedders: onnxruntime gives sentence-transformers' vectors, without torch at answer time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from core.config import Config
from core.errors import ConfigError, ModelExportFailed
from index.embed import _QueryCache, default_model_dir, onnx_file

ROOT = Path(__file__).resolve().parent.parent


class CountingEmbedder(_QueryCache):
    """Vectors from character counts; records what reached the 'model'."""

    name = "counting"
    dim = 4

    def __init__(self):
        self.seen: list[list[str]] = []
        self._setup_cache()

    def _encode(self, texts, progress):
        self.seen.append(list(texts))
        v = np.array([[len(t), t.count("a"), t.count(" "), 1.0] for t in texts], dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_identical_texts_reach_the_model_once_and_keep_their_order():
    emb = CountingEmbedder()
    texts = ["ask your care team", "a b", "ask your care team", "banana", "a b"]
    out = emb.embed(texts)
    assert sorted(emb.seen[0]) == sorted(set(texts))
    expected = emb._encode(texts, False)
    np.testing.assert_allclose(out, expected)


def test_a_single_query_is_cached():
    emb = CountingEmbedder()
    first = emb.embed(["what is POEMS?"])
    emb.embed(["what is POEMS?"])
    assert len(emb.seen) == 1 and first.shape == (1, 4)


def test_the_export_is_named_by_the_weights_it_came_from(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    (model / "model.safetensors").write_bytes(b"x" * 10)
    before = onnx_file(model, tmp_path / "cache")
    (model / "model.safetensors").write_bytes(b"y" * 11)  # new weights → a new export
    after = onnx_file(model, tmp_path / "cache")
    assert before != after and before.parent == tmp_path / "cache" and before.suffix == ".onnx"


def test_an_unwritable_model_cache_says_which_setting_to_change(tmp_path):
    from index.embed import export_onnx

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(ModelExportFailed, match="POEMS_MODEL_CACHE") as err:
        export_onnx(default_model_dir(), blocker / "models" / "m.onnx")
    assert str(blocker / "models") in str(err.value) and "\n" not in str(err.value)


def test_unknown_backend_is_a_config_error():
    with pytest.raises(ConfigError, match="POEMS_EMBED_BACKEND"):
        Config.from_env({"POEMS_EMBED_BACKEND": "gpu"})


@pytest.mark.slow
def test_onnx_vectors_match_sentence_transformers(real_embedder):
    from index.embed import OnnxEmbedder, SentenceEmbedder

    assert isinstance(real_embedder, OnnxEmbedder)
    texts = [
        "What is POEMS syndrome?",
        "Peripheral neuropathy is numbness, tingling and weakness that usually starts in the feet. " * 20,  # > 256 tokens
        "VEGF 1,200 pg/mL — ¿dolor?",
        "",
    ]
    ours = real_embedder.embed(texts)
    reference = SentenceEmbedder().embed(texts)
    assert ours.dtype == np.float32 and ours.shape == (4, 384)
    assert (ours * reference).sum(axis=1).min() > 0.99999
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_the_export_is_made_once_and_reused(tmp_path, real_embedder):
    from index.embed import OnnxEmbedder

    cached = onnx_file(default_model_dir(), Path(os.environ["POEMS_MODEL_CACHE"]))
    assert cached.exists() and real_embedder.onnx_path == cached
    stamp = cached.stat().st_mtime_ns
    again = OnnxEmbedder(cache_dir=cached.parent)
    assert again.onnx_path.stat().st_mtime_ns == stamp
    assert not list(cached.parent.glob("*.part"))  # no half-written leftovers


@pytest.mark.slow
def test_answering_never_imports_torch(real_index, real_embedder):
    """Cold start is the price of imports; torch alone was 4 of 7 seconds."""
    code = (
        "import sys, json\n"
        "from core.config import Config\n"
        "from assistant import Assistant\n"
        "bot = Assistant.from_config(Config.from_env())\n"
        "a = bot.ask('Why does it take so long to diagnose POEMS syndrome?')\n"
        "print(json.dumps({'torch': 'torch' in sys.modules, 'st': 'sentence_transformers' in sys.modules,"
        " 'cited': len(a.citations)}))\n"
    )
    env = dict(os.environ, POEMS_INDEX_DIR=str(real_index.index_dir), POEMS_CORPUS_DIR=str(real_index.corpus_dir))
    proc = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen == {"torch": False, "st": False, "cited": seen["cited"]} and seen["cited"] > 0
