"""Text normalisation for the safety gate: any input → bounded printable text → the form patterns read.

Every category's patterns are written against `normalise()`d text, so "can't", "cannot" and
"unable to" are one spelling ("cant") and each pattern stays short.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from assistant.safety.spelling import correct_typos

# Pattern scanning is linear, but embedding a megabyte of text is not: cap both.
MAX_SCAN_CHARS = 4000
MAX_EMBED_CHARS = 1000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
# Invisible characters would split words ("bre\u200bathe") if turned into spaces; lone surrogates
# cannot be encoded for the tokenizer.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\ud800-\udfff]")
_NEGATED_ABILITY = re.compile(
    r"\b(?:can ?not|cant|couldnt|could not|cnt|unable to|not able to|isnt able to|struggling to|struggles to)\b"
)


def clean_text(text: object, limit: int = MAX_SCAN_CHARS) -> str:
    """Any input → a printable, bounded str (control characters removed, whitespace collapsed)."""
    if text is None:
        return ""
    if not isinstance(text, str):
        try:
            text = str(text)
        except Exception:
            return ""
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text[: limit * 2]))
    text = _CONTROL.sub(" ", text)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\s*\n\s*", "\n", text).strip()
    return text[:limit]


def light_normalise(text: str) -> str:
    """Lower-case and apostrophe-free, word for word: same words in the same places as `text`."""
    t = re.sub(r"[\u2018\u2019\u02bc`´']", "", text.lower())
    t = t.replace("\u201c", '"').replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", t).strip()


def normalise(text: str) -> str:
    """The form the symptom and advice patterns are written against ("can't", "unable to" → "cant";
    typos of the words they key on corrected: "cant breth" → "cant breath")."""
    t = correct_typos(light_normalise(text))
    # One spelling for "cannot" and friends keeps the symptom patterns short.
    t = _NEGATED_ABILITY.sub("cant", t)
    t = re.sub(r"\b(?:will not|wouldnt|would not)\b", "wont", t)
    t = re.sub(r"\b(?:do not)\b", "dont", t)
    t = re.sub(r"\b(?:does not)\b", "doesnt", t)
    return re.sub(r"\s+", " ", t).strip()


def user_turns(history: Sequence[Any], last: int) -> list[str]:
    """The user's messages among the chat's last `last` turns, cleaned and normalised, oldest first: what a
    category reads of the conversation (chat history is data, never instructions)."""
    return [normalise(clean_text(getattr(t, "content", ""))) for t in list(history or ())[-last:]
            if getattr(t, "role", "") == "user"]


def clauses(norm: str) -> list[str]:
    """Split normalised text into sentence-like clauses, so a subject and a symptom must co-occur."""
    # a point between digits is a decimal ("39.2 and feel awful"), not the end of a clause
    return [c.strip() for c in re.split(r"(?:[?!;\n]|\.(?!\d))+|\s-\s|\bbut\b", norm) if c.strip()]
