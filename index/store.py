"""Chroma storage: embedded PersistentClient by default, HttpClient when a server URL is configured.

Each ingest that changes anything writes a new *version* of the collection beside the live one
and then flips a one-record pointer, so an ingest interrupted half-way leaves the previous index
answering, and readers never see a half-written collection.

Readers that stay open (the chat) *lease* the version they read; an old version is deleted only
when no fresh lease holds it, so a running chat can finish its answers and then move to the new
version (assistant/live.py). Every failure of Chroma, Rust panics included, leaves this module as
one typed error that names the index and the fix.
"""

from __future__ import annotations

import atexit
import functools
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from core.config import Config, apply_offline_env
from core.errors import ChromaUnreachable, IndexChanged, IndexNotBuilt, PoemsError, StoreError
from core.types import Chunk
from index.damage import damaged, first_line, quick_check

log = logging.getLogger("poems.index")

_POINTER_ID = "active"
_LEASE_PREFIX = "reader:"
# A lease not refreshed for this long belongs to a reader that died; its version may go. Readers
# refresh every LEASE_REFRESH_S, so a live reader's lease is never older than a fifth of this.
LEASE_TTL_S = 300.0
LEASE_REFRESH_S = 60.0
# Never caught, never translated: the user or the interpreter asked to stop.
_PASS_THROUGH = (KeyboardInterrupt, SystemExit, GeneratorExit, PoemsError)


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
    index_dir = config.index_dir
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Cannot create the index folder {index_dir} ({exc.strerror}); "
                         "set POEMS_INDEX_DIR to a writable folder.") from None
    quick_check(index_dir)
    try:
        return chromadb.PersistentClient(path=str(index_dir), settings=settings)
    except _PASS_THROUGH:
        raise
    except BaseException as exc:  # noqa: BLE001 - a Rust panic is not an Exception
        forget_client(index_dir)
        if "readonly" not in str(exc).lower():
            raise damaged(index_dir, first_line(exc)) from exc
    # Chroma writes to its database even to read it. A read-only folder (a shared install, a
    # read-only mount) is answered from a private copy; ingest still needs the folder writable.
    copy = _private_copy(index_dir)
    log.warning("index folder %s is read-only: answering from a copy in %s (ingest needs write access)",
                index_dir, copy)
    try:
        return chromadb.PersistentClient(path=str(copy), settings=settings)
    except _PASS_THROUGH:
        raise
    except BaseException as exc:  # noqa: BLE001
        raise damaged(index_dir, first_line(exc)) from exc


def forget_client(index_dir: Path) -> None:
    """Drop Chroma's per-process client for a folder, so the next open reads the folder afresh.

    Chroma keeps one client per path for the life of the process and caches it even when it
    failed to start; after a failed open, or once a damaged folder has been moved aside and a new
    one made at the same path, the cached one would keep answering for the old files.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    systems = getattr(SharedSystemClient, "_identifier_to_system", {})
    system = systems.pop(str(index_dir), None)
    getattr(SharedSystemClient, "_identifier_to_refcount", {}).pop(str(index_dir), None)
    if system is not None:
        try:
            system.stop()
        except _PASS_THROUGH:
            raise
        except BaseException:  # noqa: BLE001 - stopping a client that never started may fail; it is dropped anyway
            pass


_COPIES: dict[Path, Path] = {}


def _private_copy(index_dir: Path) -> Path:
    """A writable copy of a read-only index folder, made once per process and removed at exit."""
    if index_dir in _COPIES:
        return _COPIES[index_dir]
    copy = Path(tempfile.mkdtemp(prefix="poems-index-copy-"))
    for root, _dirs, files in os.walk(index_dir):
        dst = copy / Path(root).relative_to(index_dir)
        dst.mkdir(parents=True, exist_ok=True)
        for name in files:
            shutil.copyfile(Path(root) / name, dst / name)  # contents only: the copy must be writable
    atexit.register(shutil.rmtree, copy, True)
    _COPIES[index_dir] = copy
    return copy


def _store_call(method):
    """Turn every failure inside a store method into one typed, one-line error."""

    @functools.wraps(method)
    def wrapper(self: ChunkStore, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except _PASS_THROUGH:
            raise
        except BaseException as exc:  # noqa: BLE001 - pyo3's PanicException derives from BaseException
            raise self.failure(exc) from exc

    return wrapper


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
    @_store_call
    def chunks(self) -> str:
        return f"{self.base}__v{self.n}"

    @property
    def sentences(self) -> str:
        return f"{self.base}__v{self.n}_sent"


class ChunkStore:
    """Versioned chunk + sentence collections for one corpus."""

    def __init__(self, client, name: str, location: str = "", embedded: bool = True):
        self.client = client
        self.name = name
        self.location = location or "the configured Chroma"  # folder or server URL, for messages
        self.embedded = embedded
        self._handles: dict = {}
        self._batch = max(1, min(5000, self._max_batch()))

    @classmethod
    def from_config(cls, config: Config) -> ChunkStore:
        embedded = not config.chroma_url
        return cls(make_client(config), config.collection,
                   str(config.index_dir) if embedded else config.chroma_url, embedded)

    def _max_batch(self) -> int:
        try:
            return int(self.client.get_max_batch_size())
        except _PASS_THROUGH:
            raise
        except BaseException:  # noqa: BLE001 - a default batch size is a fine answer to any failure here
            return 1000

    def failure(self, exc: BaseException) -> StoreError:
        """The one-line error for a failure of the store: what happened, to which index, and the fix."""
        if type(exc).__name__ == "NotFoundError":
            return IndexChanged(f"The index version being read in {self.location} was replaced by another "
                                "ingest; ask again.")
        if not self.embedded:
            return StoreError(f"The Chroma server at {self.location} failed ({first_line(exc)}); check the "
                              "server, or unset POEMS_CHROMA_URL to use the local index folder.")
        return damaged(Path(self.location), first_line(exc))

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
    @_store_call
    def active(self) -> Version | None:
        """The live version, or None before the first ingest."""
        got = self._pointer().get(ids=[_POINTER_ID], include=["metadatas"])
        if not got["ids"]:
            return None
        meta = got["metadatas"][0]
        return Version(self.name, int(meta["version"]), str(meta.get("recipe", "")))

    @_store_call
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

    @_store_call
    def begin(self) -> Version:
        """Create fresh, empty collections for the next version (leftovers of a crashed run are dropped)."""
        versions = self._all_versions()
        nxt = Version(self.name, (max(versions) + 1) if versions else 1)
        for name in (nxt.chunks, nxt.sentences):
            self._drop(name)
        self._collection(nxt.chunks, create=True)
        self._collection(nxt.sentences, create=True)
        return nxt

    @_store_call
    def commit(self, version: Version, recipe: str = "") -> None:
        """Flip the pointer to `version`, then drop the old versions no reader holds."""
        version.recipe = recipe
        self._pointer().upsert(ids=[_POINTER_ID], metadatas=[{"version": version.n, "recipe": recipe, "at": time.time()}],
                               documents=[""], embeddings=[[0.0]])
        self.collect()

    # ------------------------------------------------------------ leases
    @_store_call
    def lease(self, reader: str, version: Version) -> None:
        """Record that `reader` is reading `version` (or refresh that record): collect() keeps it.

        A reader leases first and then checks that the version is still the active one; only then
        does it read. collect() drops only versions that are not active, so a version a reader
        found active after leasing it stays until the reader releases it.
        """
        self._pointer().upsert(ids=[f"{_LEASE_PREFIX}{reader}:{version.n}"],
                               metadatas=[{"version": version.n, "at": time.time()}],
                               documents=[reader], embeddings=[[0.0]])

    @_store_call
    def release(self, reader: str, version: Version) -> None:
        """Forget `reader`'s lease on `version`."""
        self._pointer().delete(ids=[f"{_LEASE_PREFIX}{reader}:{version.n}"])

    @_store_call
    def leased(self, now: float | None = None) -> set[int]:
        """Versions held by a fresh lease; leases older than LEASE_TTL_S (a dead reader's) are deleted."""
        now = time.time() if now is None else now
        got = self._pointer().get(include=["metadatas"])
        fresh, stale = set(), []
        for rid, meta in zip(got["ids"], got["metadatas"], strict=True):
            if not rid.startswith(_LEASE_PREFIX):
                continue
            if now - float(meta.get("at", 0.0)) > LEASE_TTL_S:
                stale.append(rid)
            else:
                fresh.add(int(meta["version"]))
        if stale:
            self._pointer().delete(ids=stale)
        return fresh

    @_store_call
    def collect(self) -> list[int]:
        """Drop every version older than the active one that no reader holds; returns those dropped.

        Newer versions are left alone: another ingest may be writing one right now.
        """
        live = self.active()
        if live is None:
            return []
        keep = self.leased() | {live.n}
        dropped = []
        for n in self._all_versions():
            if n < live.n and n not in keep:
                for name in (Version(self.name, n).chunks, Version(self.name, n).sentences):
                    self._drop(name)
                dropped.append(n)
        return dropped

    @_store_call
    def exists(self, version: Version) -> bool:
        """Whether both collections of `version` are still there."""
        names = {c if isinstance(c, str) else c.name for c in self.client.list_collections()}
        return version.chunks in names and version.sentences in names

    def require_active(self) -> Version:
        version = self.active()
        if version is None:
            raise IndexNotBuilt(f"No index '{self.name}' yet; run `poems-assistant ingest` first.")
        return version

    # ------------------------------------------------------------ reading
    @_store_call
    def records(self, version: Version) -> dict:
        """All chunk records of a version: ids, documents, metadatas."""
        return self._collection(version.chunks).get(include=["documents", "metadatas"])

    @_store_call
    def ids(self, version: Version) -> list[str]:
        return self._collection(version.chunks).get(include=[])["ids"]

    @_store_call
    def stale_metadata(self, version: Version, chunks: Sequence[Chunk], file_shas: dict[str, str]) -> bool:
        """Whether any stored chunk's metadata (offsets, title, authority…) differs from what ingest made of it now."""
        now = {c.id: _chunk_meta(c, file_shas.get(c.source_id, "")) for c in chunks}
        ids = sorted(now)
        for i in range(0, len(ids), self._batch):  # in batches, as copy_unchanged reads them
            got = self._collection(version.chunks).get(ids=ids[i : i + self._batch], include=["metadatas"])
            if any(now.get(cid) != m for cid, m in zip(got["ids"], got["metadatas"], strict=True)):
                return True
        return False

    def chunks(self, version: Version | None = None) -> list[Chunk]:
        """Every chunk of the live index, in corpus order."""
        version = version or self.require_active()
        got = self.records(version)
        chunks = [chunk_from_record(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)]
        return sorted(chunks, key=lambda c: (c.source_id, c.start))

    @_store_call
    def dimension(self, version: Version) -> int:
        """Length of the version's chunk vectors (0 when it has none)."""
        got = self._collection(version.chunks).get(limit=1, include=["embeddings"])
        return len(got["embeddings"][0]) if len(got["ids"]) else 0

    @_store_call
    def count(self, version: Version | None = None) -> int:
        version = version or self.require_active()
        return self._collection(version.chunks).count()

    @_store_call
    def query(self, version: Version, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Nearest chunks by cosine similarity: (chunk id, similarity)."""
        res = self._collection(version.chunks).query(query_embeddings=[vector.tolist()], n_results=k, include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    @_store_call
    def query_sentences(self, version: Version, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Chunks ranked by their best-matching sentence: (chunk id, similarity)."""
        res = self._collection(version.sentences).query(
            query_embeddings=[vector.tolist()], n_results=k, include=["distances", "metadatas"]
        )
        best: dict[str, float] = {}
        for meta, d in zip(res["metadatas"][0], res["distances"][0], strict=True):
            best.setdefault(meta["chunk_id"], 1.0 - float(d))
        return list(best.items())

    @_store_call
    def sentence_vectors(self, version: Version, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Sentence embeddings of the given chunks, each as an (n_sentences, dim) array in order."""
        if not chunk_ids:
            return {}
        got = self._collection(version.sentences).get(
            where={"chunk_id": {"$in": list(chunk_ids)}}, include=["embeddings", "metadatas"]
        )
        rows: dict[str, list[tuple[int, np.ndarray]]] = {}
        for meta, emb in zip(got["metadatas"], got["embeddings"], strict=True):
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

    @_store_call
    def copy_unchanged(self, src: Version, dst: Version, keep: Sequence[Chunk], file_shas: dict[str, str]) -> None:
        """Copy the embeddings of chunks whose text did not change, with their metadata as it is now: an edit
        earlier in a guide moves the offsets of every chunk after it, and a manifest edit their authority (the
        old records had kept stale offsets, and every later citation pointed a character off)."""
        by_id = {c.id: c for c in keep}
        ids = sorted(by_id)
        if not ids:
            return
        for i in range(0, len(ids), self._batch):
            part = ids[i : i + self._batch]
            got = self._collection(src.chunks).get(ids=part, include=["embeddings"])
            chunks = [by_id[cid] for cid in got["ids"]]
            self._add(dst.chunks, got["ids"], got["embeddings"], [c.text for c in chunks],
                      [_chunk_meta(c, file_shas.get(c.source_id, "")) for c in chunks])
            sent = self._collection(src.sentences).get(where={"chunk_id": {"$in": part}}, include=["documents", "metadatas", "embeddings"])
            if sent["ids"]:
                self._add(dst.sentences, sent["ids"], sent["embeddings"], sent["documents"], sent["metadatas"])

    @_store_call
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
