"""Dataclasses at the assistant's boundaries: retrieval hits, citations and answers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ingest.chunk import Chunk

# Flags an Answer may carry. Plain strings so JSON consumers need no enum.
EMERGENCY = "emergency"
PERSONAL_ADVICE = "personal_advice"
OUT_OF_SCOPE = "out_of_scope"
INJECTION = "injection"
CONFLICT = "conflict"

DISCLAIMER = (
    "Educational information from the POEMS patient guides listed in the sources, "
    "not medical advice. Talk to your hematologist or care team about your own situation."
)


@dataclass(frozen=True)
class Turn:
    """One message of a conversation."""

    role: str  # "user" | "assistant"
    content: str


@dataclass
class Hit:
    """A retrieved chunk with the evidence of how it was found."""

    chunk: Chunk
    score: float  # fused score, higher is better
    dense: float = 0.0  # cosine similarity to the query (0 when only BM25 found it)
    bm25: float = 0.0  # raw BM25 score (0 when only dense found it)
    carried: bool = False  # brought forward from the previous answer's citations


@dataclass
class Citation:
    """A numbered source: `quote` is copied verbatim from the cleaned source text."""

    n: int
    source: str
    title: str
    section: str
    quote: str
    chunk_id: str
    publisher: str = ""
    date: str = ""
    url: str = ""
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Answer:
    """What the assistant returns for one question; a refusal is an Answer too."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    disclaimer: str = DISCLAIMER
    flags: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    question: str = ""
    retrieval_query: str = ""
    evidence: float = 0.0  # best sentence score; below the calibrated threshold the assistant abstains

    def to_dict(self) -> dict:
        return {
            "answer": self.text,
            "citations": [
                {k: c.to_dict()[k] for k in ("n", "source", "title", "section", "quote", "chunk_id")}
                | {"publisher": c.publisher, "date": c.date}
                for c in self.citations
            ],
            "disclaimer": self.disclaimer,
            "flags": list(self.flags),
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }
