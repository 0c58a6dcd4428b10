"""Chroma storage: embedded PersistentClient by default, HttpClient when a server URL is configured.

Each ingest that changes anything writes a new *version* of the collection beside the live one
and then flips a one-record pointer, so an ingest interrupted half-way leaves the previous index
answering, and readers never see a half-written collection.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Iterable, Sequence
from urllib.parse import urlparse

import numpy as np

from core.types import Chunk
from core.config import Config, apply_offline_env
from core.errors import ChromaUnreachable, IndexNotBuilt

_POINTER_ID = "active"


def make_client(config: Config):
    """A Chroma client for the configured mode, with telemetry off."""
    apply_offline_env()
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    if config.chroma_url:
        url = urlparse(config.chroma_url if "://" in config.chroma_url else f"http://{config.chroma_url}")
        try:
            client = chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=settings,
            )
            client.heartbeat()
        except Exception as exc:  # connection refused, DNS, timeouts all mean the same to a user
            raise ChromaUnreachable(
                f"Chroma server at {config.chroma_url} is not reachable ({type(exc).__name__}); "
                "start it with `chroma run --path DIR --host 127.0.0.1 --port N` or unset POEMS_CHROMA_URL."
            ) from None
        return client
    config.index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(config.index_dir), settings=settings)


def _chunk_meta(c: Chunk, file_sha: str) -> dict:
    return {
        "source_id": c.source_id,
        "title": c.title,
        "section": c.section,
        "start": c.start,
        "end": c.end,
        "position": c.position,
        "authority": c.authority,
        "publisher": c.publisher,
        "date": c.date,
        "url": c.url,
        "sentences": json.dumps(c.sentences),
        "file_sha": file_sha,
    }


def chunk_from_record(cid: str, text: str, meta: dict) -> Chunk:
    """Rebuild a Chunk from what Chroma stores."""
    return Chunk(
        id=cid,
        source_id=meta["source_id"],
        title=meta.get("title", ""),
        section=meta.get("section", ""),
        start=int(meta["start"]),
        end=int(meta["end"]),
        text=text,
        position=int(meta.get("position", 0)),
        authority=int(meta.get("authority", 5)),
        publisher=meta.get("publisher", ""),
        date=meta.get("date", ""),
        url=meta.get("url", ""),
        sentences=tuple(tuple(s) for s in json.loads(meta.get("sentences", "[]"))),
    )


@dataclass
class Version:
    """Names of one version's two collections: chunks and their sentences."""

    base: str
    n: int
    recipe: str = ""  # how the embeddings were made; a different recipe forces a full re-embed

    @property
    def chunks(self) -> str:
        return f"{self.base}__v{self.n}"

    @property
    def sentences(self) -> str:
        return f"{self.base}__v{self.n}_sent"


class ChunkStore:
    """Versioned chunk + sentence collections for one corpus."""

    def __init__(self, client, name: str):
        self.client = client
        self.name = name
        self._handles: dict = {}
        self._batch = max(1, min(5000, self._max_batch()))

    @classmethod
    def from_config(cls, config: Config) -> "ChunkStore":
        return cls(make_client(config), config.collection)

    def _max_batch(self) -> int:
        try:
            return int(self.client.get_max_batch_size())
        except Exception:
            return 1000

    def _collection(self, name: str, create: bool = False):
        if create:
            self._handles.pop(name, None)
            return self.client.get_or_create_collection(
                name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
            )
        # a lookup costs a round trip (2 ms embedded, more over HTTP): keep handles per question path
        if name not in self._handles:
            self._handles[name] = self.client.get_collection(name, embedding_function=None)
        return self._handles[name]

    def _drop(self, name: str) -> None:
        """Delete a collection if it exists, and forget its handle."""
        self._handles.pop(name, None)
        try:
            self.client.delete_collection(name)
        except Exception:  # already gone (a crashed run, another ingest): nothing to drop
            pass

    def _pointer(self):
        return self.client.get_or_create_collection(f"{self.name}__pointer", embedding_function=None)

    # ------------------------------------------------------------ versions
    def active(self) -> Version | None:
        """The live version, or None before the first ingest."""
        got = self._pointer().get(ids=[_POINTER_ID], include=["metadatas"])
        if not got["ids"]:
            return None
        meta = got["metadatas"][0]
        return Version(self.name, int(meta["version"]), str(meta.get("recipe", "")))

    def _all_versions(self) -> list[int]:
        names = [c if isinstance(c, str) else c.name for c in self.client.list_collections()]
        prefix = f"{self.name}__v"
        out = set()
        for n in names:
            if n.startswith(prefix):
                num = n[len(prefix) :].split("_")[0]
                if num.isdigit():
                    out.add(int(num))
        return sorted(out)

    def begin(self) -> Version:
        """Create fresh, empty collections for the next version (leftovers of a crashed run are dropped)."""
        versions = self._all_versions()
        nxt = Version(self.name, (max(versions) + 1) if versions else 1)
        for name in (nxt.chunks, nxt.sentences):
            self._drop(name)
        self._collection(nxt.chunks, create=True)
        self._collection(nxt.sentences, create=True)
        return nxt

    def commit(self, version: Version, recipe: str = "") -> None:
        """Flip the pointer to `version`, then drop every other version."""
        version.recipe = recipe
        self._pointer().upsert(ids=[_POINTER_ID], metadatas=[{"version": version.n, "recipe": recipe, "at": time.time()}],
                               documents=[""], embeddings=[[0.0]])
        for n in self._all_versions():
            if n != version.n:
                for name in (Version(self.name, n).chunks, Version(self.name, n).sentences):
                    self._drop(name)

    def require_active(self) -> Version:
        version = self.active()
        if version is None:
            raise IndexNotBuilt(f"No index '{self.name}' yet; run `poems-assistant ingest` first.")
        return version

    # ------------------------------------------------------------ reading
    def records(self, version: Version) -> dict:
        """All chunk records of a version: ids, documents, metadatas."""
        return self._collection(version.chunks).get(include=["documents", "metadatas"])

    def ids(self, version: Version) -> list[str]:
        return self._collection(version.chunks).get(include=[])["ids"]

    def chunks(self, version: Version | None = None) -> list[Chunk]:
        """Every chunk of the live index, in corpus order."""
        version = version or self.require_active()
        got = self.records(version)
        chunks = [chunk_from_record(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]
        return sorted(chunks, key=lambda c: (c.source_id, c.start))

    def count(self, version: Version | None = None) -> int:
        version = version or self.require_active()
        return self._collection(version.chunks).count()

    def query(self, version: Version, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Nearest chunks by cosine similarity: (chunk id, similarity)."""
        res = self._collection(version.chunks).query(query_embeddings=[vector.tolist()], n_results=k, include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0])]

    def query_sentences(self, version: Version, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Chunks ranked by their best-matching sentence: (chunk id, similarity)."""
        res = self._collection(version.sentences).query(
            query_embeddings=[vector.tolist()], n_results=k, include=["distances", "metadatas"]
        )
        best: dict[str, float] = {}
        for meta, d in zip(res["metadatas"][0], res["distances"][0]):
            best.setdefault(meta["chunk_id"], 1.0 - float(d))
        return list(best.items())

    def sentence_vectors(self, version: Version, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Sentence embeddings of the given chunks, each as an (n_sentences, dim) array in order."""
        if not chunk_ids:
            return {}
        got = self._collection(version.sentences).get(
            where={"chunk_id": {"$in": list(chunk_ids)}}, include=["embeddings", "metadatas"]
        )
        rows: dict[str, list[tuple[int, np.ndarray]]] = {}
        for meta, emb in zip(got["metadatas"], got["embeddings"]):
            rows.setdefault(meta["chunk_id"], []).append((int(meta["i"]), np.asarray(emb, dtype=np.float32)))
        return {cid: np.stack([v for _, v in sorted(items, key=lambda t: t[0])]) for cid, items in rows.items()}

    # ------------------------------------------------------------ writing
    def _add(self, name: str, ids, embeddings, documents, metadatas) -> None:
        col = self._collection(name)
        for i in range(0, len(ids), self._batch):
            col.add(
                ids=list(ids[i : i + self._batch]),
                embeddings=np.asarray(embeddings[i : i + self._batch], dtype=np.float32),
                documents=list(documents[i : i + self._batch]),
                metadatas=list(metadatas[i : i + self._batch]),
            )

    def copy_unchanged(self, src: Version, dst: Version, keep: Iterable[str]) -> None:
        """Copy chunk and sentence records (with their embeddings) that did not change."""
        keep = list(keep)
        if not keep:
            return
        for i in range(0, len(keep), self._batch):
            part = keep[i : i + self._batch]
            got = self._collection(src.chunks).get(ids=part, include=["documents", "metadatas", "embeddings"])
            self._add(dst.chunks, got["ids"], got["embeddings"], got["documents"], got["metadatas"])
            sent = self._collection(src.sentences).get(where={"chunk_id": {"$in": part}}, include=["documents", "metadatas", "embeddings"])
            if sent["ids"]:
                self._add(dst.sentences, sent["ids"], sent["embeddings"], sent["documents"], sent["metadatas"])

    def add_chunks(self, version: Version, chunks: Sequence[Chunk], vectors: np.ndarray, file_shas: dict[str, str],
                   sentence_vectors: np.ndarray) -> None:
        """Write new chunks and their sentences (sentence_vectors rows follow chunk/sentence order)."""
        self._add(version.chunks, [c.id for c in chunks], vectors, [c.text for c in chunks],
                  [_chunk_meta(c, file_shas.get(c.source_id, "")) for c in chunks])
        ids, docs, metas = [], [], []
        for c in chunks:
            for i, text in enumerate(c.sentence_texts()):
                ids.append(f"{c.id}:{i}")
                docs.append(text)
                metas.append({"chunk_id": c.id, "i": i})
        if ids:
            self._add(version.sentences, ids, sentence_vectors, docs, metas)
