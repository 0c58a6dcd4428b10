"""What every stage of an eval run shares: the cleaned guide texts, gold spans per case, the searcher."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from evals import metrics as M
from evals.gold import ANSWERABLE, Case


@dataclass
class Context:
    """What every stage shares: cleaned texts, gold spans per case and the run's cases."""

    cases: list[Case]
    texts: dict[str, str]
    gold: dict[str, list[list[M.Span]]]

    def answerable(self) -> list[Case]:
        return [c for c in self.cases if c.kind in ANSWERABLE and c.gold]


def searcher(assistant: Any) -> Any:
    """The object with `.search(query, k) -> list[Hit]`: the assistant's HybridSearch.

    `assistant.retriever` is the LangChain face (returns Documents); its `.search` field holds the
    same HybridSearch, so either route ends at the one the assistant itself uses.
    """
    for obj in (getattr(assistant, "search", None), getattr(getattr(assistant, "retriever", None), "search", None),
                getattr(assistant, "retriever", None)):
        if obj is not None and callable(getattr(obj, "search", None)):
            return obj
    raise TypeError("the assistant exposes no searcher with .search(query, k)")


def hit_spans(hits: Sequence[Any]) -> list[M.Span]:
    """Where each retrieved chunk sits in its cleaned source."""
    return [M.Span(h.chunk.source_id, h.chunk.start, h.chunk.end) for h in hits]


def index_spans(assistant: Any, config: Any) -> list[M.Span]:
    """Every chunk of the assistant's index, for nDCG's ideal ranking."""
    chunks = getattr(searcher(assistant), "chunks", None)
    if not chunks:
        from ingest.pipeline import build_chunks

        chunks, _, _ = build_chunks(config.corpus_dir, config.chunk_words)
    return [M.Span(c.source_id, c.start, c.end) for c in chunks]
