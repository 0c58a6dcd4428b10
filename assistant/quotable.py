"""Which sentences of a guide may be quoted as an answer: statements only, never a question, a reference
entry, a heading, a fragment, or a sentence that tries to instruct the assistant (text in a guide is data).
"""

from __future__ import annotations

import re

from core.types import Chunk

_REFERENCE = re.compile(r"(\bet al\b|\[cited|available from:|\bdoi\b|https?://|\bpmid\b|^\d{1,2}\.\s+[A-Z][a-z]+ [A-Z]{1,3}[,.])", re.I)

# Text in a guide is data: a sentence that tries to instruct the assistant is never copied into an answer.
_INSTRUCTION_TO_ASSISTANT = re.compile(
    r"\b(?:ignore|disregard|forget|override) (?:all |any |the |your )?(?:previous |prior |above |earlier |other )?"
    r"(?:instructions|rules|prompts?|guidelines)\b|\byou are now\b|\bsystem prompt\b|\bas an ai\b|"
    r"\b(?:assistant|chatbot|ai) (?:must|should) (?:now |always )?(?:say|tell|recommend|answer)\b",
    re.I,
)


def line_of(chunk: Chunk, i: int) -> str:
    """The whole line a sentence sits on (a reference entry spans several 'sentences')."""
    a, b = chunk.sentences[i]
    start = chunk.text.rfind("\n", 0, a) + 1
    end = chunk.text.find("\n", b)
    return chunk.text[start : end if end != -1 else len(chunk.text)]


def quotable(text: str, line: str = "") -> bool:
    """Statements only: no questions, references, bare numbers or dangling fragments."""
    t = text.strip()
    if t.endswith("?") or _REFERENCE.search(t) or (line and _REFERENCE.search(line)):
        return False
    if not re.search(r"[a-z]", t):
        return False  # all-caps cover lines and callout titles ("PATIENT & CAREGIVER GUIDE") state nothing
    if _INSTRUCTION_TO_ASSISTANT.search(t):
        return False
    words = t.lstrip("- ").split()
    if line and len(re.findall(r"[A-Za-z]+", t)) < 8 and re.search(r"[\"”]\W*$", line.strip()) and not re.search(r"[\"“]", line.strip()[:-2]):
        return False  # the last line of a quotation set apart ("A profound recovery — if caught in time.\""): an epigraph

    if not t.startswith("- ") and len(words) < 8 and not re.search(r"[.!?:;][\"'”’)]*$|\d", t):  # a closing quote may end it
        return False  # a heading or callout title ("The central clinical truth of POEMS") states nothing
    return len(words) >= 3 or (t.startswith("- ") and len(words) >= 1)
