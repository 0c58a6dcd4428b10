"""What a safety category is: one module under categories/ declares one, and the registry lists it.

A category reads a `Message` (the user's text, normalised, with any injected instruction set aside),
the classifier's `Scores` and what the categories before it found, and returns a `Finding` (or None):
its flag plus its answer policy — a preface before the answer, a reply that replaces it, a note after
it, a retrieval hint. The gate runs every category twice: once on patterns alone, outside the
classifier path, and once with the classifier; what a `sticky` category found on patterns survives
any failure of the second run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from assistant.safety.classifier import Scores
from core.types import Turn


@dataclass(frozen=True)
class Message:
    """One user message as every category reads it."""

    text: str  # cleaned (clean_text)
    norm: str  # normalise(text)
    legit: str  # the request once injected instructions are set aside (== text when there are none)
    legit_norm: str
    injected: bool  # an injection pattern matched the message
    history: Sequence[Turn] = ()


@dataclass
class Finding:
    """A category's decision about one message, and its answer policy."""

    kinds: tuple[str, ...] = ()  # e.g. which emergency ("stroke", "chest", …)
    preface: str = ""  # shown before the answer
    reply: str = ""  # replaces the answer (nothing is retrieved)
    question: str | None = None  # what goes on to retrieval instead of the message (None: the message)
    retrieval_hint: str = ""  # words added to the search, e.g. "thrombosis" for chest pain
    care_team_note: str = ""  # shown after the answer
    in_scope: bool = True  # a message with this finding is about the guides' subject, never out of scope


@dataclass(frozen=True)
class Context:
    """What the gate lends a category: thresholds, the classifier's nearest exemplar, its own wording."""

    thresholds: Mapping[str, float]
    scope_reply: str
    nearest_kind: Callable[[str, np.ndarray | None], str]


class Category(Protocol):
    """One kind of message the gate must treat differently from an ordinary question."""

    flag: str  # the Flag it raises on the answer
    label: str  # its class in the classifier's exemplars ("" = patterns only)
    default_threshold: float  # classifier probability needed, when safety_data/thresholds.toml has none
    reply_rank: int  # when two findings each carry a reply, the lower rank's reply is used
    sticky: bool  # found on patterns alone, it survives any failure in the classifier path

    def guard(self, norm: str) -> bool:
        """Whether the classifier's probability may count for this message (the guards that keep it honest)."""
        ...

    def detect(self, msg: Message, scores: Scores, found: Mapping[str, Finding], ctx: Context) -> Finding | None:
        """This category's finding, given the classifier's scores (NO_SCORES on patterns alone)
        and the findings of the categories registered before it."""
        ...


def classifier_says(category: Category, norm: str, p: Mapping[str, float], thresholds: Mapping[str, float]) -> bool:
    """The classifier's own decision for one category: its probability over threshold, and its guard."""
    if not category.label or p.get(category.label, 0.0) < thresholds.get(category.label, 1.0):
        return False
    return category.guard(norm)
