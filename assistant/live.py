"""A long-running answerer that follows the index: it moves to a new version between requests.

An ingest writes a new version and flips the pointer (index/store.py). The chat notices within
POLL_S, opens an Assistant over the new version off the request path, and swaps it in; requests
already running finish on the old one. The old version stays leased until its last request ends,
so the ingest never deletes what the chat is reading, and no request fails because of an ingest.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.errors import IndexChanged, PoemsError
from index.store import LEASE_REFRESH_S, ChunkStore, Version

log = logging.getLogger("poems.live")

# How often the pointer is read: one tiny Chroma read (~2 ms), so a new version is live within a
# second or two of the ingest finishing, for well under 1% of one core.
POLL_S = 1.0
OPEN_ATTEMPTS = 5


@dataclass
class _Loaded:
    """One opened index version and the requests still running on it."""

    bot: Any
    version: Version
    in_flight: int = 0
    retired: bool = False


class LiveAssistant:
    """Answers like an Assistant, always from the newest index version, never failing a request over a swap.

    `open_assistant()` must return an Assistant over the version active at that moment (its
    `search.version` says which); it is called again for each new version.
    """

    def __init__(self, open_assistant: Callable[[], Any], store: ChunkStore, *, poll_s: float = POLL_S,
                 reader: str | None = None, watch: bool = True):
        self._open_assistant = open_assistant
        self.store = store
        self.poll_s = poll_s
        self.reader = reader or f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._lock = threading.Lock()
        self._refresh_lock = threading.Lock()
        self._stop = threading.Event()
        self._leased_at = time.monotonic()
        self._current = self._open()
        self._thread: threading.Thread | None = None
        if watch:
            self._thread = threading.Thread(target=self._watch, name="poems-index-watch", daemon=True)
            self._thread.start()

    # ---------------------------------------------------------------- answering
    @property
    def version(self) -> Version:
        """The index version new requests are answered from."""
        return self._current.version

    def ask(self, *args, **kwargs):
        """Answer on the current version; if that version vanished mid-answer, move on and answer once more."""
        loaded = self._enter()
        try:
            return loaded.bot.ask(*args, **kwargs)
        except IndexChanged:
            # Only an ingest that ignores leases (an older release, a hand-deleted collection) gets here.
            log.warning("index version %d vanished while answering; moving to the newest and asking again",
                        loaded.version.n)
        finally:
            self._leave(loaded)
        self.refresh()
        retry = self._enter()
        try:
            return retry.bot.ask(*args, **kwargs)
        finally:
            self._leave(retry)

    def ask_stream(self, *args, **kwargs):
        """Stream an answer (a language model's checked sentences) on the version current when it starts."""
        loaded = self._enter()
        try:
            yield from loaded.bot.ask_stream(*args, **kwargs)
        finally:
            self._leave(loaded)

    def __getattr__(self, name: str):
        # Everything else an Assistant offers (embedder, search, retriever…) comes from the current one.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._current.bot, name)

    def _enter(self) -> _Loaded:
        with self._lock:
            loaded = self._current
            loaded.in_flight += 1
            return loaded

    def _leave(self, loaded: _Loaded) -> None:
        with self._lock:
            loaded.in_flight -= 1
            done = loaded.retired and loaded.in_flight == 0
        if done:
            self._retire(loaded)

    # ---------------------------------------------------------------- following the pointer
    def refresh(self) -> bool:
        """Move to the active version if it changed; True when a new version was swapped in."""
        with self._refresh_lock:
            active = self.store.active()
            if active is None or active.n == self._current.version.n:
                return False
            new = self._open()
            with self._lock:
                old, self._current = self._current, new
                old.retired = True
                idle = old.in_flight == 0
            log.info("index version %d is live (was %d)", new.version.n, old.version.n)
            if idle:
                self._retire(old)
            return True

    def _open(self) -> _Loaded:
        # Lease first, then check the version is still the active one, then read: an ingest only
        # deletes versions that are not active, so one found active after leasing cannot go.
        for _ in range(OPEN_ATTEMPTS):
            version = self.store.require_active()
            self.store.lease(self.reader, version)
            active = self.store.active()
            if active is None or active.n != version.n:
                self.store.release(self.reader, version)
                continue
            bot = self._open_assistant()
            opened = _opened_version(bot)
            if opened is not None and opened != version.n:  # another ingest finished in between
                self.store.release(self.reader, version)
                continue
            return _Loaded(bot, version)
        raise IndexChanged("The index kept changing while it was being opened (several ingests at once?); try again.")

    def _retire(self, loaded: _Loaded) -> None:
        try:
            self.store.release(self.reader, loaded.version)
            self.store.collect()
        except PoemsError as exc:  # the next ingest collects it instead; answering goes on
            log.warning("could not release index version %d: %s", loaded.version.n, exc)

    def _watch(self) -> None:
        while not self._stop.wait(self.poll_s):
            try:
                self.refresh()
                if time.monotonic() - self._leased_at >= LEASE_REFRESH_S:
                    self._refresh_leases()
            except PoemsError as exc:
                # e.g. the new version is damaged: keep answering from the one already open
                log.warning("index watch: %s", exc)
            except Exception:  # noqa: BLE001 - the watcher must outlive any one failure
                log.exception("index watch failed; still answering from version %d", self._current.version.n)

    def _refresh_leases(self) -> None:
        with self._lock:
            held = {self._current.version.n: self._current.version}
        for version in held.values():
            self.store.lease(self.reader, version)
        self._leased_at = time.monotonic()

    def close(self) -> None:
        """Stop following the pointer and give up the lease (the chat is shutting down)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        try:
            self.store.release(self.reader, self._current.version)
        except PoemsError as exc:
            log.warning("could not release the index lease: %s", exc)


def _opened_version(bot: Any) -> int | None:
    search = getattr(bot, "search", None)
    version = getattr(search, "version", None)
    return getattr(version, "n", None)
