"""The vector-store seam: what search and the assistant need from an index, and an in-memory one.

`index.store.ChunkStore` (Chroma, a folder or a server) is the product's store. `InMemoryStore`
holds one version's chunks and vectors in numpy arrays: fast tests and throwaway indexes use it
through the same seam, with no Chroma at all. Another store is one module with these methods.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from core.types import Chunk
from index.embed import Embedder
from index.store import Version


class VectorStore(Protocol):
    """The reads an answering process makes of an index version."""

    def active(self) -> Version | None: ...

    def chunks(self, version: Version | None = None) -> list[Chunk]: ...

    def query(self, version: Version, vector: np.ndarray, k: int) -> list[tuple[str, float]]: ...

    def query_sentences(self, version: Version, vector: np.ndarray, k: int) -> list[tuple[str, float]]: ...

    def sentence_vectors(self, version: Version, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]: ...


class InMemoryStore:
    """One version of chunks with chunk and sentence vectors in memory; cosine by dot product."""

    def __init__(self, chunks: Sequence[Chunk], embedder: Embedder, name: str = "memory"):
        self._chunks = list(chunks)
        self.version = Version(name, 1, recipe=f"memory:{embedder.name}")
        self._chunk_vecs = embedder.embed([c.embed_text() for c in self._chunks]) if self._chunks else np.zeros((0, embedder.dim))
        self._sent_vecs: dict[str, np.ndarray] = {}
        owners: list[str] = []
        texts: list[str] = []
        for c in self._chunks:
            for s in c.sentence_embed_texts():
                owners.append(c.id)
                texts.append(s)
        flat = embedder.embed(texts) if texts else np.zeros((0, embedder.dim))
        for c in self._chunks:
            rows = [i for i, o in enumerate(owners) if o == c.id]
            self._sent_vecs[c.id] = flat[rows] if rows else np.zeros((0, embedder.dim))
        self._sent_owner = owners
        self._sent_flat = flat

    def active(self) -> Version | None:
        return self.version if self._chunks else None

    def chunks(self, version: Version | None = None) -> list[Chunk]:
        return list(self._chunks)

    def query(self, version: Version, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        sims = self._chunk_vecs @ vector
        order = np.argsort(-sims)[:k]
        return [(self._chunks[i].id, float(sims[i])) for i in order]

    def query_sentences(self, version: Version, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        if not len(self._sent_flat):
            return []
        sims = self._sent_flat @ vector
        best: dict[str, float] = {}
        for i in np.argsort(-sims)[:k]:
            best.setdefault(self._sent_owner[i], float(sims[i]))
        return list(best.items())

    def sentence_vectors(self, version: Version, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        return {cid: self._sent_vecs[cid] for cid in chunk_ids if cid in self._sent_vecs}
