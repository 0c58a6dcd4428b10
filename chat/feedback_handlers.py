"""Thumbs up/down: store, flip or withdraw a rating, and draw the thumbs from what the database holds."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from chat.history import history_to_turns, message_field
from feedback import FeedbackError, FeedbackStore

if TYPE_CHECKING:
    import gradio as gr

log = logging.getLogger("poems.app")

FEEDBACK_SAVED = "Thanks, your feedback was saved."
THUMBS_REDRAWING = "redrawing"  # not a feedback option: both thumbs show unselected for a moment
FEEDBACK_NOT_SAVED = "Sorry, your rating could not be saved, so it is not shown. Please try again in a moment."
FEEDBACK_NOT_REMOVED = "Sorry, your rating could not be removed, so it is still shown. Please try again in a moment."
# a saved rating as the Chatbot's feedback value; anything else in browser storage shows no thumb
RATING_LABELS: dict[object, str] = {1: "Like", -1: "Dislike"}


def _owner_index(chat: list, liked_index: Any) -> int | None:
    # Like events carry the index of the first bubble of the rated reply; its question is the user
    # message just before it.
    i = liked_index[0] if isinstance(liked_index, (list, tuple)) else liked_index
    if not isinstance(i, int):
        return None
    for j in range(min(i, len(chat) - 1), -1, -1):
        if message_field(chat[j], "role") == "user":
            return j
    return None


def handle_like(store: FeedbackStore, chat: list, records: dict, rated: dict, data: gr.LikeData) -> tuple[dict, int | None, str]:
    """Store, flip or withdraw a thumbs up/down; returns (rated, row for a comment, status text).

    `rated` maps the rated question's position to {"id": row, "rating": ±1}, and changes only once
    the database has taken the change: it is the true state the thumbs are redrawn from.
    """
    rated = dict(rated or {})
    owner = _owner_index(chat or [], data.index)
    record = (records or {}).get(str(owner)) if owner is not None else None
    if record is None:
        return rated, None, "Sorry, that answer could not be found. Please try again."
    key = str(owner)
    if data.liked not in (True, False):
        # The reader clicked the same thumb again: they took the rating back.
        if key in rated:
            try:
                store.delete(_row_id(rated[key]))
            except FeedbackError as exc:
                log.warning("removing a rating failed: %s", exc)
                return rated, None, FEEDBACK_NOT_REMOVED
            rated.pop(key)
        return rated, None, "Your rating was removed."
    rating = 1 if data.liked is True else -1
    try:
        if key in rated and store.set_rating(_row_id(rated[key]), rating):
            row_id = _row_id(rated[key])
        else:
            # The conversation before the question goes with the rating: a rated follow-up means
            # nothing without it. (Taken from the chat, not kept per answer: that grew as n².)
            history = [{"role": t.role, "content": t.content} for t in history_to_turns((chat or [])[:owner])]
            row_id = store.record(record["question"], record["answer"], record["citations"], rating, history=history)
    except FeedbackError as exc:
        log.warning("saving a rating failed: %s", exc)
        return rated, None, FEEDBACK_NOT_SAVED
    rated[key] = {"id": row_id, "rating": rating}
    if rating < 0:
        return rated, row_id, FEEDBACK_SAVED[:-1] + ". You can tell us what was wrong below (optional)."
    return rated, None, FEEDBACK_SAVED


def _row_id(entry: Any) -> int:
    return int(entry["id"]) if isinstance(entry, dict) else int(entry)


def feedback_state(chat: list, rated: dict) -> list[str | None]:
    """The thumbs to draw, one per assistant reply in order: what the database holds, nothing more."""
    values: list[str | None] = []
    previous = None
    for i, msg in enumerate(chat or []):
        role = message_field(msg, "role")
        if role == "assistant" and previous != "assistant":
            owner = _owner_index(chat, i)
            entry = (rated or {}).get(str(owner)) if owner is not None else None
            rating = entry.get("rating") if isinstance(entry, dict) else None
            values.append(RATING_LABELS.get(rating))
        previous = role
    return values
