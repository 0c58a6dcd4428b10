"""The SQLite feedback store and the disliked-answer export."""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest

from feedback import FeedbackError, FeedbackStore, default_export_path, export_disliked

CITES = [{"n": 1, "title": "Guide", "section": "Overview", "quote": "A quote.", "chunk_id": "c1"}]


def test_constructing_the_store_writes_nothing(tmp_path):
    FeedbackStore(tmp_path / "sub" / "fb.sqlite3")
    assert not (tmp_path / "sub").exists()


def test_record_and_read_back(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    up = store.record("What is POEMS?", "A rare disorder [1].", CITES, 1)
    down = store.record("Why so slow?", "Because [1].", CITES, -1, "Too vague")
    rows = store.rows()
    assert [r.id for r in rows] == [up, down]
    assert rows[0].rating == 1 and rows[0].comment == ""
    assert rows[1].question == "Why so slow?" and rows[1].answer == "Because [1]."
    assert rows[1].citations == CITES and rows[1].comment == "Too vague"
    assert rows[1].ts.endswith("+00:00")
    assert [r.id for r in store.rows(rating=-1)] == [down]


def test_only_the_allowed_columns_are_stored(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    store.record("q", "a", [], 1)
    with sqlite3.connect(tmp_path / "fb.sqlite3") as conn:
        cols = [r[1] for r in conn.execute("PRAGMA table_info(feedback)")]
    assert cols == ["id", "ts", "question", "answer", "citations_json", "rating", "comment", "history_json"]


def test_flip_comment_and_delete(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    row = store.record("q", "a", [], 1)
    assert store.set_rating(row, -1)
    assert store.set_comment(row, "  wrong guide quoted  ")
    (got,) = store.rows()
    assert (got.rating, got.comment) == (-1, "wrong guide quoted")
    assert store.delete(row)
    assert store.rows() == []
    assert not store.set_comment(row, "gone")


def test_bad_rating_is_a_typed_error(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    with pytest.raises(FeedbackError, match=r"\+1 or -1"):
        store.record("q", "a", [], 0)


def test_unwritable_location_says_how_to_fix(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = FeedbackStore(blocker / "fb.sqlite3")
    with pytest.raises(FeedbackError, match="POEMS_FEEDBACK_DB"):
        store.record("q", "a", [], 1)


def test_concurrent_writes_from_many_threads(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    threads = [threading.Thread(target=store.record, args=(f"q{i}", "a", [], 1)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.question for r in store.rows()) == sorted(f"q{i}" for i in range(20))


def test_export_writes_only_disliked_as_draft_eval_cases(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    store.record("liked?", "yes", [], 1)
    bad = store.record("What does recovery look like?", "Fast [1].", CITES, -1, "Recovery is slow, not fast")
    out = tmp_path / "out" / "drafts.jsonl"
    assert export_disliked(store, out) == 1
    (line,) = out.read_text(encoding="utf-8").splitlines()
    case = json.loads(line)
    assert case == {
        "id": f"feedback-{bad}",
        "kind": "fact",
        "question": "What does recovery look like?",
        "history": [],
        "facts": [],
        "gold": [],
        "expect_flags": [],
        "split": "dev",
        "draft": True,
        "complaint": "Recovery is slow, not fast",
        "answer_given": "Fast [1].",
        "citations_given": CITES,
    }


def test_export_with_no_feedback_writes_an_empty_file(tmp_path):
    out = tmp_path / "drafts.jsonl"
    assert export_disliked(FeedbackStore(tmp_path / "fb.sqlite3"), out) == 0
    assert out.read_text() == ""


HISTORY = [{"role": "user", "content": "What is the treatment for a single bone lesion?"},
           {"role": "assistant", "content": "Radiation therapy to the lesion is the first-line treatment [1]."}]


def test_a_disliked_follow_up_exports_with_its_conversation(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    row = store.record("and what dose do they use?", "It depends [1].", CITES, -1, history=HISTORY)
    out = tmp_path / "drafts.jsonl"
    export_disliked(store, out)
    case = json.loads(out.read_text())
    assert case["history"] == HISTORY
    assert case["kind"] == "followup"
    assert case["id"] == f"feedback-{row}"


def test_a_database_from_before_history_was_kept_is_migrated(tmp_path):
    db = tmp_path / "fb.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, ts TEXT NOT NULL, question TEXT NOT NULL,"
                     " answer TEXT NOT NULL, citations_json TEXT NOT NULL DEFAULT '[]', rating INTEGER NOT NULL,"
                     " comment TEXT NOT NULL DEFAULT '')")
        conn.execute("INSERT INTO feedback (ts, question, answer, rating) VALUES ('t', 'old q', 'old a', -1)")
    store = FeedbackStore(db)
    store.record("new q", "new a", [], -1, history=HISTORY)
    assert [r.history for r in store.rows()] == [[], HISTORY]


def test_the_database_and_the_export_are_private_to_their_owner(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    store.record("q", "a", [], -1)
    out = tmp_path / "drafts.jsonl"
    export_disliked(store, out)
    assert (tmp_path / "fb.sqlite3").stat().st_mode & 0o777 == 0o600
    assert out.stat().st_mode & 0o777 == 0o600


def test_an_existing_world_readable_database_is_made_private(tmp_path):
    db = tmp_path / "fb.sqlite3"
    FeedbackStore(db).record("q", "a", [], 1)
    db.chmod(0o644)
    FeedbackStore(db).record("q2", "a", [], 1)
    assert db.stat().st_mode & 0o777 == 0o600


def test_the_default_export_goes_beside_the_database_not_into_the_repository(tmp_path):
    from core.config import Config

    assert default_export_path(tmp_path / "fb.sqlite3") == tmp_path / "feedback_drafts.jsonl"
    default = default_export_path(Config().feedback_db)
    assert default.parent.name == ".poems"


def _hold_lock(db, seconds: float, held: threading.Event):
    conn = sqlite3.connect(db)
    conn.execute("BEGIN EXCLUSIVE")
    held.set()
    threading.Event().wait(seconds)
    conn.rollback()
    conn.close()


def test_a_briefly_locked_database_is_retried_and_the_rating_kept(tmp_path):
    db = tmp_path / "fb.sqlite3"
    store = FeedbackStore(db, lock_wait_s=0.1, retry_sleeps_s=(0.3, 0.3, 0.3, 0.3))
    store.record("first", "a", [], 1)  # the database exists before it is locked
    held = threading.Event()
    locker = threading.Thread(target=_hold_lock, args=(db, 0.5, held))
    locker.start()
    held.wait(5)
    store.record("during the lock", "a", [], -1)
    locker.join()
    assert [r.question for r in store.rows()] == ["first", "during the lock"]


def test_a_database_locked_for_good_is_a_plain_error(tmp_path):
    db = tmp_path / "fb.sqlite3"
    store = FeedbackStore(db, lock_wait_s=0.05, retry_sleeps_s=(0.05,))
    store.record("first", "a", [], 1)
    held = threading.Event()
    locker = threading.Thread(target=_hold_lock, args=(db, 2.0, held))
    locker.start()
    held.wait(5)
    try:
        with pytest.raises(FeedbackError, match="try again in a moment"):
            store.record("lost?", "a", [], -1)
    finally:
        locker.join()
