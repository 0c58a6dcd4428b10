"""The kernel's shared types: documents and chunks from ingest, hits, citations and answers.

Everything above the kernel passes these between stages; text is rendered from them once, at the edge.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class SourceMeta:
    """Provenance of one guide, from corpus/manifest.toml (or defaults for an unlisted file)."""

    source_id: str  # file name inside the corpus, stable across re-ingests
    title: str
    publisher: str = ""
    date: str = ""
    url: str = ""
    authority: int = 5  # 1 = strongest source; ties in retrieval break towards lower numbers


@dataclass(frozen=True)
class Section:
    """A titled span of the cleaned document text: text == doc.text[start:end]."""

    path: tuple[str, ...]
    start: int
    end: int
    text: str

    @property
    def title(self) -> str:
        return " › ".join(self.path) if self.path else ""


@dataclass
class SourceDoc:
    """A cleaned document with its sections; every section's text is a slice of `text`."""

    meta: SourceMeta
    text: str
    sections: list[Section] = field(default_factory=list)
    raw_sha: str = ""  # hash of the raw file bytes, so an unchanged file can be spotted cheaply


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: `text` is exactly `doc.text[start:end]` of the cleaned source."""

    id: str
    source_id: str
    title: str
    section: str
    start: int
    end: int
    text: str
    position: int = 0
    authority: int = 5
    publisher: str = ""
    date: str = ""
    url: str = ""
    # sentence spans relative to `text`, so the answerer can quote single sentences verbatim
    sentences: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    def sentence_texts(self) -> list[str]:
        return [self.text[a:b] for a, b in self.sentences]

    def embed_text(self) -> str:
        """What the embedder sees: the section heading gives short passages their topic."""
        return f"{self.section}: {self.text}" if self.section else self.text

    def sentence_embed_texts(self) -> list[str]:
        """Sentences as written: a heading prefix would drown short sentences in their section's topic."""
        return self.sentence_texts()


class Flag(StrEnum):
    """Flags an Answer may carry. A StrEnum: each flag is its plain string in JSON and comparisons."""

    EMERGENCY = "emergency"
    CRISIS = "crisis"  # thoughts of suicide or self-harm: crisis lines first
    DISTRESS = "distress"  # fear, sadness, exhaustion with no danger: a warm acknowledgement, then the guides
    PERSONAL_ADVICE = "personal_advice"
    OUT_OF_SCOPE = "out_of_scope"
    INJECTION = "injection"
    CONFLICT = "conflict"


EMERGENCY = Flag.EMERGENCY
CRISIS = Flag.CRISIS
DISTRESS = Flag.DISTRESS
PERSONAL_ADVICE = Flag.PERSONAL_ADVICE
OUT_OF_SCOPE = Flag.OUT_OF_SCOPE
INJECTION = Flag.INJECTION
CONFLICT = Flag.CONFLICT

DISCLAIMER = (
    "Educational information from the POEMS patient guides listed in the sources, "
    "not medical advice. Talk to your hematologist or care team about your own situation."
)
# A refusal, a safety reply or an out-of-scope line quotes no guide: its disclaimer says so.
NO_SOURCES_DISCLAIMER = (
    "This reply quotes no guide and is not medical advice. Talk to your hematologist or care team "
    "about your own situation."
)


@dataclass(frozen=True)
class Turn:
    """One message of a conversation."""

    role: str  # "user" | "assistant"
    content: str
    # chunk ids an assistant turn cited, when the caller kept them (the chat does); a follow-up
    # carries these passages forward instead of re-finding them in the text
    cited: tuple[str, ...] = ()


@dataclass
class Hit:
    """A retrieved chunk with the evidence of how it was found."""

    chunk: Chunk
    score: float  # fused score, higher is better
    dense: float = 0.0  # cosine similarity to the query (0 when only BM25 found it)
    bm25: float = 0.0  # raw BM25 score (0 when only dense found it)
    carried: bool = False  # brought forward from the previous answer's citations
    asked: float = 0.0  # the part of `score` that questions asked before voted (assistant.asked)

    @property
    def searched(self) -> float:
        """The score the question's own words and meaning earned, without the memory's vote."""
        return self.score - self.asked


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


class BlockKind(StrEnum):
    """How a block joins the text before it."""

    SENTENCE = "sentence"  # runs on after a space (after a list, starts a new paragraph)
    ITEM = "item"  # a list item on its own line, "- text"
    PARAGRAPH = "paragraph"  # starts a new paragraph
    LINE = "line"  # starts a new line


@dataclass(frozen=True)
class Cite:
    """Where a block's words come from: a chunk and the sentence spans (relative to its text) used."""

    chunk_id: str
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Block:
    """One sentence, list item or note of an answer, with what it cites (nothing for safety lines)."""

    text: str
    kind: BlockKind = BlockKind.SENTENCE
    cites: tuple[Cite, ...] = ()
    role: str = "claim"  # claim | conflict | safety | care | refusal | note — for checks and display
    meta: dict = field(default_factory=dict, compare=False)

    @property
    def chunk_ids(self) -> list[str]:
        return list(dict.fromkeys(c.chunk_id for c in self.cites))


@dataclass
class Answer:
    """What the assistant returns for one question; a refusal is an Answer too."""

    text: str  # rendered once from `blocks` (core.citations.render) when the answer is finished
    citations: list[Citation] = field(default_factory=list)
    disclaimer: str = DISCLAIMER
    flags: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    question: str = ""
    retrieval_query: str = ""
    evidence: float = 0.0  # best sentence score; below the calibrated threshold the assistant abstains
    blocks: list[Block] = field(default_factory=list)  # the structure `text` was rendered from
    answerer: str = "extractive"  # who wrote the body: extractive | llm | safety (a safety reply) | courtesy ("thanks")
    # generated sentences checked against their passages (all 0 when no model wrote the answer)
    verification: dict = field(default_factory=lambda: {"sentences": 0, "supported": 0, "dropped": 0})
    note: str = ""  # one line on how the answer was made, e.g. that it fell back to the guides' words

    @property
    def cited_ids(self) -> tuple[str, ...]:
        """Chunk ids of the citations, in number order: what a follow-up carries forward."""
        return tuple(c.chunk_id for c in self.citations)

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
