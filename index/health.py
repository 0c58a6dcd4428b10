"""Is an embedded index folder readable? A quick check before Chroma opens it, a full probe, moving it aside.

Chroma reports a damaged `chroma.sqlite3` in many ways: "database disk image is malformed", "file is
not a database", a Rust panic (pyo3's PanicException, which is not an Exception), or, for some
damage, by aborting the whole process. Measured on the real index with random byte damage (61
seeds): 4 PanicExceptions, 48 Chroma errors, 2 KeyError/JSONDecodeError from our own metadata,
and earlier an abort. SQLite's own quick_check, run here before Chroma touches the file, catches
the structural damage in 5–16 ms; the child-process probe catches the rest without risking the
caller (an abort ends only the child).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from core.errors import IndexDamaged

SQLITE_FILE = "chroma.sqlite3"
PROBE_TIMEOUT_S = 120


def rebuild_hint(index_dir: Path) -> str:
    """The fix, in the words every damage message ends with."""
    return f"run `poems-assistant ingest --rebuild` to move {index_dir} aside and build a fresh index"


def damaged(index_dir: Path, reason: str) -> IndexDamaged:
    """The one-line error for a damaged index folder: which folder, why, and the fix."""
    return IndexDamaged(f"The index at {index_dir} is damaged ({reason}); {rebuild_hint(index_dir)}.")


def first_line(exc: BaseException, limit: int = 160) -> str:
    """`Type: first line of the message`, short enough for one line of output."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:limit]}" if text else type(exc).__name__


def quick_check(index_dir: Path) -> None:
    """Raise IndexDamaged when SQLite finds the folder's database structurally broken.

    Opens read-only and never writes, so a read-only folder passes; a database another process
    is writing right now ("locked", "busy") is not damage and is left to Chroma.
    """
    path = Path(index_dir) / SQLITE_FILE
    if not path.exists():
        return
    try:
        with _closing_ro(path) as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.OperationalError as exc:
        if any(word in str(exc).lower() for word in ("locked", "busy")):
            return
        raise damaged(index_dir, f"{SQLITE_FILE}: {exc}") from exc
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise damaged(index_dir, f"{SQLITE_FILE}: {exc}") from exc
    verdict = str(rows[0][0]) if rows else "no answer from quick_check"
    if verdict != "ok":
        raise damaged(index_dir, f"{SQLITE_FILE}: {verdict[:120]}")


class _closing_ro:
    def __init__(self, path: Path):
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, *exc) -> None:
        self.conn.close()


def probe(index_dir: Path, collection: str) -> str | None:
    """Read the whole live index in a child process; None when healthy, else the reason it is not.

    The child does what answering does (pointer, every chunk record, a dense and a sentence
    query), so damage that would crash the chat crashes only the child.
    """
    if not (Path(index_dir) / SQLITE_FILE).exists():
        return None
    env = {**os.environ, "POEMS_INDEX_DIR": str(index_dir), "POEMS_COLLECTION": collection,
           "POEMS_CHROMA_URL": "", "RUST_BACKTRACE": "0"}
    root = Path(__file__).resolve().parent.parent
    try:
        done = subprocess.run([sys.executable, "-m", "index.health"], cwd=root, env=env, capture_output=True,
                              text=True, timeout=PROBE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return f"reading it took over {PROBE_TIMEOUT_S} s"
    if done.returncode == 0:
        return None
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if lines:
        return json.loads(lines[-1]).get("reason") or "unreadable"
    if done.returncode < 0:
        return f"reading it crashed the process (signal {-done.returncode})"
    return f"reading it failed (exit {done.returncode})"


def move_aside(index_dir: Path) -> Path:
    """Rename a damaged folder to `<name>.damaged-<time>` beside it, keeping it for inspection."""
    index_dir = Path(index_dir)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = index_dir.with_name(f"{index_dir.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = index_dir.with_name(f"{index_dir.name}.damaged-{stamp}-{n}")
    index_dir.rename(target)
    return target


def _probe_main() -> int:
    """Child side of probe(): exit 0 when the live index reads end to end, else print the reason."""
    import numpy as np

    from core.config import Config
    from index.store import ChunkStore

    config = Config.from_env()
    try:
        quick_check(config.index_dir)
        store = ChunkStore.from_config(config)
        version = store.active()
        if version is not None:
            chunks = store.chunks(version)
            if chunks:
                dim = store.dimension(version)
                vector = np.full(dim, 1.0 / np.sqrt(dim), dtype=np.float32)
                hits = store.query(version, vector, min(10, len(chunks)))
                store.query_sentences(version, vector, 30)
                store.sentence_vectors(version, [cid for cid, _ in hits])
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - a Rust panic is not an Exception; reporting it is the point
        # the store's own message names the folder and the fix already; the caller wants the cause
        print(json.dumps({"reason": first_line(exc.__cause__ or exc)}), flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_probe_main())
