"""Dataclasses for what loaders produce: a source document split into sections."""

from __future__ import annotations

from dataclasses import dataclass, field


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
