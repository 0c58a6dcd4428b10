"""Ingest: corpus folder → cleaned chunks → embeddings → a new index version, swapped in at the end."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.config import Config
from core.conflicts import check_conflicts, read_conflicts
from core.errors import IndexDamaged, NothingIngested
from index.embed import Embedder
from index.health import move_aside, probe
from index.store import ChunkStore, forget_client
from ingest.chunk import Chunk, chunk_document
from ingest.load import corpus_files, load_corpus

# Bump when what gets embedded changes (chunk text wrapping, sentence context), so an index made
# the old way is re-embedded instead of mixing two kinds of vectors.
EMBED_RECIPE = "3:section-prefixed-chunks:plain-sentences"


@dataclass
class IngestReport:
    """What one ingest did; printed by the CLI."""

    files: int = 0
    sections: int = 0
    chunks: int = 0
    embedded: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. a conflicts.toml quote no longer in its guide
    seconds: float = 0.0
    version: int = 0

    def summary(self) -> str:
        return (
            f"files {self.files}, sections {self.sections}, chunks {self.chunks}, embedded {self.embedded}, "
            f"unchanged {self.unchanged}, removed {self.removed}, skipped {len(self.skipped)}, "
            f"time {self.seconds:.2f} s"
        )


def build_chunks(corpus_dir: Path, chunk_words: int, allow_unlisted: bool = False
                 ) -> tuple[list[Chunk], dict[str, str], IngestReport]:
    """Load, clean and chunk the corpus; returns chunks, file hashes and a partial report."""
    report = IngestReport()
    docs, warnings = load_corpus(corpus_dir, allow_unlisted)
    report.skipped = warnings
    report.warnings = check_conflicts(read_conflicts(corpus_dir), docs)
    report.files = len(docs)
    chunks: list[Chunk] = []
    for doc in docs:
        report.sections += len(doc.sections)
        chunks.extend(chunk_document(doc, chunk_words))
    shas = {d.meta.source_id: d.raw_sha for d in docs}
    return chunks, shas, report


def ingest(
    config: Config,
    embedder: Embedder | None = None,
    *,
    rebuild: bool = False,
    store: ChunkStore | None = None,
    make_embedder: Callable[[], Embedder] | None = None,
) -> IngestReport:
    """Bring the index in line with the corpus folder, embedding only what changed.

    >>> report = ingest(Config.from_env())
    >>> report.summary()  # doctest: +SKIP
    'files 3, sections 88, chunks 160, embedded 0, unchanged 160, ...'
    """
    t0 = time.perf_counter()
    corpus_files(config.corpus_dir)  # raises CorpusNotFound with a one-line message
    # A rebuild is the way back from a damaged index: move the damaged folder aside, start afresh.
    recovery = recover_damaged(config) if rebuild and store is None else None
    try:
        report = _ingest(config, embedder, rebuild=rebuild, store=store, make_embedder=make_embedder, t0=t0)
    except IndexDamaged:
        if not (rebuild and store is None and recovery is None and not config.chroma_url):
            raise
        # the probe read it fine, but writing to it failed: the same way back
        recovery = _moved_note(config, "it failed while being rebuilt", move_aside(config.index_dir))
        report = _ingest(config, embedder, rebuild=rebuild, store=None, make_embedder=make_embedder, t0=t0)
    if recovery:
        report.warnings.insert(0, recovery)
    return report


def recover_damaged(config: Config) -> str | None:
    """Move a damaged embedded index folder aside; a one-line note saying so, or None when it is fine."""
    if config.chroma_url or not config.index_dir.exists():
        return None
    reason = probe(config.index_dir, config.collection)
    if reason is None:
        return None
    return _moved_note(config, reason, move_aside(config.index_dir))


def _moved_note(config: Config, reason: str, moved: Path) -> str:
    forget_client(config.index_dir)  # a client opened on the old folder must not serve the new one
    return f"the index at {config.index_dir} was damaged ({reason}); moved it to {moved} and built a fresh one"


def _ingest(config: Config, embedder: Embedder | None, *, rebuild: bool, store: ChunkStore | None,
            make_embedder: Callable[[], Embedder] | None, t0: float) -> IngestReport:
    chunks, shas, report = build_chunks(config.corpus_dir, config.chunk_words, config.allow_unlisted)
    if not chunks:
        raise NothingIngested(
            f"Nothing could be ingested from {config.corpus_dir}: "
            + ("; ".join(report.skipped) if report.skipped else "the folder has no guide files")
        )
    report.chunks = len(chunks)
    store = store or ChunkStore.from_config(config)
    live = store.active()
    # An index made with another embedding recipe or model cannot be reused chunk by chunk.
    stale = live is not None and not live.recipe.startswith(EMBED_RECIPE)
    if embedder is not None and live is not None and live.recipe != _recipe(embedder):
        stale = True
    rebuild = rebuild or stale
    existing = set(store.ids(live)) if live and not rebuild else set()
    wanted = {c.id for c in chunks}
    new = [c for c in chunks if c.id not in existing]
    report.unchanged = len(wanted & existing)
    report.removed = len(existing - wanted) if live and not rebuild else 0
    kept = [c for c in chunks if c.id in existing]
    if live and not new and not report.removed and not rebuild and not store.stale_metadata(live, kept, shas):
        report.version = live.n
        report.seconds = time.perf_counter() - t0
        return report

    # Embed before touching the store: the slow part happens while the old index still answers.
    if embedder is None:
        from index.embed import load_embedder

        embedder = make_embedder() if make_embedder else load_embedder(config)
    vectors = embedder.embed([c.embed_text() for c in new], progress=True) if new else np.zeros((0, embedder.dim))
    sentences = [s for c in new for s in c.sentence_embed_texts()]
    sentence_vectors = embedder.embed(sentences, progress=True) if sentences else np.zeros((0, embedder.dim))
    report.embedded = len(new)

    version = store.begin()
    if live and not rebuild:
        store.copy_unchanged(live, version, kept, shas)
    store.add_chunks(version, new, vectors, shas, sentence_vectors)
    store.commit(version, _recipe(embedder))
    report.version = version.n
    report.seconds = time.perf_counter() - t0
    return report


def _recipe(embedder: Embedder) -> str:
    return f"{EMBED_RECIPE}:{embedder.name}:{embedder.dim}"


def ensure_index(config: Config, embedder: Embedder | None = None, *, on_note: Callable[[str], None] = print,
                 store: ChunkStore | None = None) -> IngestReport | None:
    """Build the index from the corpus when there is none yet (first run); None when one exists."""
    store = store or ChunkStore.from_config(config)
    if store.active() is not None:
        return None
    on_note(f"No index yet: building it from {config.corpus_dir} (first run only)…")
    report = ingest(config, embedder, store=store)
    on_note(f"Index built: {report.summary()}")
    return report
