"""Thumbs up/down store (SQLite) and the export that turns complaints into draft eval cases."""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from core.errors import PoemsError

# Only what is needed to reproduce a complaint: no IP, user agent, session id or history.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations_json TEXT NOT NULL DEFAULT '[]',
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT ''
)
"""

MAX_COMMENT_CHARS = 2000


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


class FeedbackStore:
    """SQLite file of ratings; opens a connection per call so any thread may use it."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._ready = False
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        # Created lazily so that building the app (e.g. in tests) never writes a file.
        try:
            if not self._ready:
                with self._lock:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    with closing(sqlite3.connect(self.path, timeout=10)) as conn, conn:
                        conn.execute(_SCHEMA)
                    self._ready = True
            return sqlite3.connect(self.path, timeout=10)
        except (sqlite3.Error, OSError) as exc:
            raise FeedbackError(
                f"Cannot open the feedback database {self.path}: {exc}. "
                "Check that the folder is writable or set POEMS_FEEDBACK_DB to another file."
            ) from exc

    def _write(self, sql: str, params: tuple) -> int:
        try:
            with closing(self._connect()) as conn, conn:
                cur = conn.execute(sql, params)
                return int(cur.lastrowid or 0) if sql.lstrip().upper().startswith("INSERT") else cur.rowcount
        except sqlite3.Error as exc:
            raise FeedbackError(f"Cannot write to the feedback database {self.path}: {exc}.") from exc

    def record(self, question: str, answer: str, citations: list, rating: int, comment: str = "") -> int:
        """Store one rating (+1 or -1) and return its row id."""
        if rating not in (1, -1):
            raise FeedbackError(f"rating must be +1 or -1, not {rating!r}.")
        ts = datetime.now(timezone.utc).isoformat(timespec="seconds")
        return self._write(
            "INSERT INTO feedback (ts, question, answer, citations_json, rating, comment) VALUES (?, ?, ?, ?, ?, ?)",
            (ts, question, answer, json.dumps(citations, ensure_ascii=False), rating, comment[:MAX_COMMENT_CHARS]),
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
        sql = "SELECT id, ts, question, answer, citations_json, rating, comment FROM feedback"
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
                        rating=r[5], comment=r[6] or "")
            for r in fetched
        ]


def draft_case(row: FeedbackRow) -> dict:
    """A disliked answer as a draft eval case: facts and gold are left for a maintainer to fill."""
    return {
        "id": f"feedback-{row.id}",
        "kind": "fact",
        "question": row.question,
        "history": [],
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
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for case in cases:
                fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise FeedbackError(f"Cannot write {out}: {exc}. Choose another path with --out.") from exc
    return len(cases)
