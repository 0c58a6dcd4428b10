"""Embeddings of fixed texts shipped beside the data they embed, keyed by model and exact texts.

The safety exemplars and the questions asked before (assistant.asked) are embedded once, at training
time; loading them then embeds one probe text instead of hundreds (0.5 s on an idle 2-core CPU,
several seconds on a busy one).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.embed import Embedder

log = logging.getLogger(__name__)


def cache_key(embedder: Embedder, texts: Sequence[str]) -> str:
    """Identifies vectors by model, dimension and the exact texts."""
    h = hashlib.sha256(f"{getattr(embedder, 'name', '')}\x1f{getattr(embedder, 'dim', '')}".encode())
    for t in texts:
        h.update(b"\x1e" + t.encode("utf-8"))
    return h.hexdigest()


def cached_vectors(embedder: Embedder, texts: Sequence[str], cache: Path) -> np.ndarray:
    """The texts' embeddings, from `cache` when it matches the model and texts, else embedded now.

    A one-text spot check guards against a same-named model with different weights.
    """
    if not texts:
        return np.zeros((0, getattr(embedder, "dim", 0) or 0), dtype=np.float32)
    if cache.exists():
        try:
            with np.load(cache, allow_pickle=False) as z:
                if str(z["key"]) == cache_key(embedder, texts):
                    X = z["vectors"].astype(np.float32)
                    probe = np.asarray(embedder.embed([texts[0]]), dtype=np.float32)[0]
                    if float(probe @ X[0]) > 0.99:
                        return X
                    log.warning("vector cache %s disagrees with the model; re-embedding", cache)
        except Exception:
            log.warning("unreadable vector cache %s; re-embedding", cache, exc_info=True)
    return np.asarray(embedder.embed(list(texts)), dtype=np.float32)


def write_vectors(embedder: Embedder, texts: Sequence[str], cache: Path) -> Path:
    """Embed the texts and store them at `cache` (float16 halves the size, not the accuracy)."""
    X = np.asarray(embedder.embed(list(texts)), dtype=np.float32)
    np.savez_compressed(cache, key=np.array(cache_key(embedder, texts)), vectors=X.astype(np.float16))
    return cache
