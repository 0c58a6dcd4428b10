"""Thumbs up/down store (SQLite) and the export that turns complaints into draft eval cases."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from core.errors import PoemsError

log = logging.getLogger("poems.feedback")

# Only what is needed to reproduce a complaint: the question, the conversation before it (a
# follow-up means nothing without it), the answer and its sources. No IP, user agent or session id.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations_json TEXT NOT NULL DEFAULT '[]',
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT '',
    history_json TEXT NOT NULL DEFAULT '[]'
)
"""
# Databases made before the conversation was kept get the column on first use.
_MIGRATIONS = {"history_json": "ALTER TABLE feedback ADD COLUMN history_json TEXT NOT NULL DEFAULT '[]'"}

MAX_COMMENT_CHARS = 2000
# Ratings and comments quote what a patient asked: only the owner may read the files.
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
# A rating is written while the reader waits, so a lock (another process exporting, a backup) gets
# a few short tries rather than one long wait: at most ~5 s in all, then the reader is told plainly.
LOCK_WAIT_S = 1.0
LOCK_RETRY_SLEEPS_S = (0.2, 0.5, 1.0)
DRAFTS_NAME = "feedback_drafts.jsonl"


def default_export_path(db_path: Path | str) -> Path:
    """Where `feedback export` writes by default: beside the database (under .poems/), never in the repository."""
    return Path(db_path).parent / DRAFTS_NAME


def _make_private(path: Path) -> None:
    """Create `path` if missing, owner-only; tighten an existing file that others can read."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE)
    try:
        if os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)


def _is_locked(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


class FeedbackError(PoemsError):
    """The feedback database could not be written or read."""


@dataclass(frozen=True)
class FeedbackRow:
    """One stored rating."""

    id: int
    ts: str
    question: str
    answer: str
    citations: list
    rating: int
    comment: str
    history: list = field(default_factory=list)


class FeedbackStore:
    """SQLite file of ratings; opens a connection per call so any thread may use it."""

    def __init__(self, path: Path | str, *, lock_wait_s: float = LOCK_WAIT_S,
                 retry_sleeps_s: tuple[float, ...] = LOCK_RETRY_SLEEPS_S):
        self.path = Path(path)
        self.lock_wait_s = lock_wait_s
        self.retry_sleeps_s = retry_sleeps_s
        self._ready = False
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        # Created lazily so that building the app (e.g. in tests) never writes a file.
        try:
            if not self._ready:
                with self._lock:
                    if not self.path.parent.exists():
                        self.path.parent.mkdir(parents=True, mode=PRIVATE_DIR_MODE)
                    _make_private(self.path)
                    with closing(sqlite3.connect(self.path, timeout=self.lock_wait_s)) as conn, conn:
                        conn.execute(_SCHEMA)
                        have = {r[1] for r in conn.execute("PRAGMA table_info(feedback)")}
                        for column, sql in _MIGRATIONS.items():
                            if column not in have:
                                conn.execute(sql)
                    self._ready = True
            return sqlite3.connect(self.path, timeout=self.lock_wait_s)
        except (sqlite3.Error, OSError) as exc:
            if isinstance(exc, sqlite3.Error) and _is_locked(exc):
                raise
            raise FeedbackError(
                f"Cannot open the feedback database {self.path}: {exc}. "
                "Check that the folder is writable or set POEMS_FEEDBACK_DB to another file."
            ) from exc

    def _write(self, sql: str, params: tuple) -> int:
        for attempt, pause in enumerate((*self.retry_sleeps_s, None)):
            try:
                with closing(self._connect()) as conn, conn:
                    cur = conn.execute(sql, params)
                    return int(cur.lastrowid or 0) if sql.lstrip().upper().startswith("INSERT") else cur.rowcount
            except sqlite3.Error as exc:
                if _is_locked(exc) and pause is not None:
                    log.info("feedback database locked (try %d); retrying in %.1f s", attempt + 1, pause)
                    time.sleep(pause)
                    continue
                hint = " Another program is holding it; try again in a moment." if _is_locked(exc) else ""
                raise FeedbackError(f"Cannot write to the feedback database {self.path}: {exc}.{hint}") from exc
        raise AssertionError("unreachable: the last try either returns or raises")

    def record(self, question: str, answer: str, citations: list, rating: int, comment: str = "",
               history: list | None = None) -> int:
        """Store one rating (+1 or -1) with the conversation before the question; returns its row id.

        `history` is the earlier turns as {"role", "content"} dicts, as a draft eval case takes them.
        """
        if rating not in (1, -1):
            raise FeedbackError(f"rating must be +1 or -1, not {rating!r}.")
        ts = datetime.now(UTC).isoformat(timespec="seconds")
        return self._write(
            "INSERT INTO feedback (ts, question, answer, citations_json, rating, comment, history_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (ts, question, answer, json.dumps(citations, ensure_ascii=False), rating, comment[:MAX_COMMENT_CHARS],
             json.dumps(_turns(history), ensure_ascii=False)),
        )

    def set_rating(self, row_id: int, rating: int) -> bool:
        """Change a rating, e.g. when the reader flips thumbs up to down; False if the row is gone."""
        if rating not in (1, -1):
            raise FeedbackError(f"rating must be +1 or -1, not {rating!r}.")
        return self._write("UPDATE feedback SET rating = ? WHERE id = ?", (rating, row_id)) > 0

    def set_comment(self, row_id: int, comment: str) -> bool:
        """Attach the optional free-text comment to a stored rating; False if the row is gone."""
        return self._write(
            "UPDATE feedback SET comment = ? WHERE id = ?", (comment.strip()[:MAX_COMMENT_CHARS], row_id)
        ) > 0

    def delete(self, row_id: int) -> bool:
        """Forget a rating the reader took back."""
        return self._write("DELETE FROM feedback WHERE id = ?", (row_id,)) > 0

    def rows(self, rating: int | None = None) -> list[FeedbackRow]:
        """All stored ratings, oldest first, optionally only one rating."""
        sql = "SELECT id, ts, question, answer, citations_json, rating, comment, history_json FROM feedback"
        params: tuple = ()
        if rating is not None:
            sql += " WHERE rating = ?"
            params = (rating,)
        try:
            with closing(self._connect()) as conn:
                fetched = conn.execute(sql + " ORDER BY id", params).fetchall()
        except sqlite3.Error as exc:
            raise FeedbackError(f"Cannot read the feedback database {self.path}: {exc}.") from exc
        return [
            FeedbackRow(id=r[0], ts=r[1], question=r[2], answer=r[3], citations=json.loads(r[4] or "[]"),
                        rating=r[5], comment=r[6] or "", history=json.loads(r[7] or "[]"))
            for r in fetched
        ]


def draft_case(row: FeedbackRow) -> dict:
    """A disliked answer as a draft eval case: facts and gold are left for a maintainer to fill."""
    return {
        "id": f"feedback-{row.id}",
        "kind": "followup" if row.history else "fact",
        "question": row.question,
        "history": row.history,
        "facts": [],
        "gold": [],
        "expect_flags": [],
        "split": "dev",
        "draft": True,
        "complaint": row.comment,
        "answer_given": row.answer,
        "citations_given": row.citations,
    }


def export_disliked(store: FeedbackStore, out_path: Path | str) -> int:
    """Write every thumbs-down as a JSONL draft eval case to out_path; returns how many."""
    out = Path(out_path)
    cases = [draft_case(row) for row in store.rows(rating=-1)]
    try:
        if not out.parent.exists():
            out.parent.mkdir(parents=True, mode=PRIVATE_DIR_MODE)
        _make_private(out)  # the drafts quote patients' questions: owner-only, like the database
        with out.open("w", encoding="utf-8") as fh:
            for case in cases:
                fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise FeedbackError(f"Cannot write {out}: {exc}. Choose another path with --out.") from exc
    return len(cases)


def _turns(history: list | None) -> list[dict]:
    """Earlier turns as plain {"role", "content"} dicts (Turns, dicts or nothing accepted)."""
    out = []
    for t in history or []:
        role = t.get("role") if isinstance(t, dict) else getattr(t, "role", None)
        content = t.get("content") if isinstance(t, dict) else getattr(t, "content", None)
        if role in ("user", "assistant") and isinstance(content, str):
            out.append({"role": role, "content": content})
    return out
