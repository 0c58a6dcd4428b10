"""Is an index folder's database structurally sound? SQLite's quick check, and the one-line damage error.

Chroma reports a damaged `chroma.sqlite3` in many ways: "database disk image is malformed", "file is
not a database", a Rust panic (pyo3's PanicException, which is not an Exception), or, for some
damage, by aborting the whole process. Measured on the real index with random byte damage (61
seeds): 4 PanicExceptions, 48 Chroma errors, 2 KeyError/JSONDecodeError from our own metadata,
and earlier an abort. SQLite's own quick_check, run here before Chroma touches the file, catches
the structural damage in 5–16 ms; index.health's child-process probe catches the rest without
risking the caller (an abort ends only the child).

This sits below index.store, which raises these errors; index.health reads through the store.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from core.errors import IndexDamaged

SQLITE_FILE = "chroma.sqlite3"


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
