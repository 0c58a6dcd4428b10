"""The chat's messages as Turns for follow-up questions: what each side said, without the UI's decoration."""

from __future__ import annotations

import re
from typing import Any

from chat.render import EMERGENCY_HEADING, LONG_NOTE
from core.types import Turn


def content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text", "")) if content.get("type", "text") == "text" else ""
    if isinstance(content, (list, tuple)):
        return "\n\n".join(t for t in (content_text(c) for c in content) if t)
    return ""


def message_field(msg: Any, name: str) -> Any:
    return msg.get(name) if isinstance(msg, dict) else getattr(msg, name, None)


# The UI adds a leading long-message note and a trailing italic disclaimer; the answerer never
# writes a paragraph that is entirely italic, so these shapes identify our own decoration.
_TRAILING_ITALIC = re.compile(r"(?:^|\n\n)\*[^*\n]+\*\s*$")
_LEADING_NOTE = re.compile(r"^\*" + re.escape(LONG_NOTE.split("{")[0]) + r"[^*\n]*\*\s*")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# How an answer was made (e.g. a fallback to the guides' own words): a parenthesised italic first line.
_ANSWER_NOTE = re.compile(r"^\*\([^*\n]+\)\*\s*")


def _plain_assistant_text(text: str) -> str:
    text = _ANSWER_NOTE.sub("", _LEADING_NOTE.sub("", text.strip()))
    text = _TRAILING_ITALIC.sub("", text)
    text = _TAG.sub("", text).replace(f"**{EMERGENCY_HEADING}**", "")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def history_to_turns(history: list | None, records: dict | None = None) -> list[Turn]:
    """Gradio messages → Turns for follow-ups: text without source panels, notes or disclaimers, and
    each answer's cited chunk ids from the chat's own records (never re-read from its text)."""
    turns: list[Turn] = []
    asked_at: int | None = None
    for index, msg in enumerate(history or []):
        role = message_field(msg, "role")
        if role == "user":
            asked_at = index
        if role not in ("user", "assistant"):
            continue
        if (message_field(msg, "metadata") or {}).get("title"):
            continue  # a Sources panel, not something either side said
        text = content_text(message_field(msg, "content")).strip()
        if role == "assistant":
            text = _plain_assistant_text(text)
        if not text:
            continue
        cited = _cited_ids((records or {}).get(str(asked_at))) if role == "assistant" else ()
        if turns and turns[-1].role == role:
            # The emergency box and the answer body are two bubbles of one reply.
            turns[-1] = Turn(role, turns[-1].content + "\n\n" + text, turns[-1].cited or cited)
        else:
            turns.append(Turn(role, text, cited))
    return turns


def _cited_ids(record: dict | None) -> tuple[str, ...]:
    if not isinstance(record, dict):
        return ()
    return tuple(str(c["chunk_id"]) for c in record.get("citations") or [] if isinstance(c, dict) and c.get("chunk_id"))
