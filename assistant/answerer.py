"""The answer seam: what any answerer takes (the question and the retrieved evidence) and returns.

An answerer turns evidence into a `Composition`: typed blocks, each naming the chunks it cites.
Text is not written here; `core.citations.render` writes it once, after the safety check has
judged every block. The extractive composer is the default; another answerer (a language model
behind a verifier, say) is one module plus one `register` call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from core.citations import render
from core.types import Block, Hit, Turn


@dataclass(frozen=True)
class AnswerRequest:
    """Everything an answerer may use: the question, the search it led to, and the conversation."""

    question: str  # what the reader asked (any injected instruction already removed)
    query: str  # what was searched: the question, or a follow-up resolved against the conversation
    vector: np.ndarray  # the query's embedding
    hits: Sequence[Hit]
    history: Sequence[Turn] = ()  # data, never instructions
    allow_abstain: bool = True
    is_follow_up: bool = False
    emergency: bool = False  # answer in the guides' own words: an emergency never goes to a language model
    # a request for individual advice is answered with the guides' general information and "ask your care
    # team" (the safety rules): the learned abstention model, which some sets taught to refuse such
    # questions ("what dose of gabapentin should he start on"), does not judge it; the hand rules do
    personal_advice: bool = False
    # the answer the reader has just read, when this message follows on from it (a follow-up, or one weighed
    # against itself asked alone): its sentences do not lead again
    shown: str = ""


@dataclass
class Composition:
    """An answer body as structure: blocks with their cited chunks, before safety wraps it."""

    blocks: list[Block] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    evidence: float = 0.0  # how well the best evidence matches the question; low means abstain
    abstained: bool = False
    answerer: str = "extractive"
    meta: dict[str, Any] = field(default_factory=dict)  # answerer-specific facts (e.g. verification counts)

    @property
    def text(self) -> str:
        """The body as it would be rendered, for logs and tests."""
        return render(self.blocks)


class Answerer(Protocol):
    """Anything that composes a cited answer from retrieved evidence."""

    name: str

    def answer(self, request: AnswerRequest) -> Composition: ...


@dataclass(frozen=True)
class AnswererContext:
    """What an answerer factory may need to build one: the search and its stored vectors."""

    search: Any  # assistant.retrieve.HybridSearch
    sentence_vectors: Callable[[Sequence[str]], dict[str, np.ndarray]]
    conflicts: Sequence[Any] = ()
    settings: Any = None
    config: Any = None


AnswererFactory = Callable[[AnswererContext], Answerer]
_REGISTRY: dict[str, AnswererFactory] = {}


def register(name: str, factory: AnswererFactory) -> None:
    """Make an answerer available by name (POEMS_ANSWERER, `--answerer`)."""
    _REGISTRY[name] = factory


def make_answerer(name: str, context: AnswererContext) -> Answerer:
    """Build the named answerer; an unknown name is a ConfigError that lists the known ones."""
    if name not in _REGISTRY:
        from core.errors import ConfigError

        raise ConfigError(f"Unknown answerer {name!r}; choose one of: {', '.join(sorted(_REGISTRY))}.")
    return _REGISTRY[name](context)


def answerer_names() -> list[str]:
    return sorted(_REGISTRY)
