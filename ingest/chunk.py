"""Sentence-aware chunking inside sections; chunk ids are hashes of source, position and text."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ingest.document import Section, SourceDoc

# Hand-written splitter: nltk's punkt needs a data download at run time, which clinics can't do.
# Abbreviations that end in a period but do not end a sentence.
_ABBREV = {
    "e.g", "i.e", "dr", "mr", "mrs", "ms", "vs", "etc", "al", "approx", "fig", "no", "st",
    "prof", "jr", "sr", "inc", "ltd", "co", "mt", "ca", "cf", "u.s", "u.k",
}
_DEFINITION = re.compile(r"^\s*[A-Z][^.!?—]{1,60}? — (?=[A-Z])")
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9*~<>≥≤])")


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


def chunk_id(source_id: str, position: str, text: str) -> str:
    """Stable id: same source, place and text → same id, so re-ingest upserts instead of duplicating."""
    h = hashlib.sha256(f"{source_id}\x1f{position}\x1f{text}".encode("utf-8")).hexdigest()
    return h[:24]


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Split into sentence spans (absolute offsets); list items and table rows are their own sentences."""
    spans: list[tuple[int, int]] = []
    for line_match in re.finditer(r"[^\n]+", text):
        line = line_match.group(0)
        base = line_match.start()
        if not line.strip():
            continue
        if line.lstrip().startswith("- ") or _DEFINITION.match(line):
            # a list item or a glossary-style "Term — definition" line is one unit: its later
            # sentences ("Present in 27–48% of patients.") make no sense without its head
            _append_span(spans, line, base, 0, len(line), offset)
            continue
        start = 0
        for m in _BOUNDARY.finditer(line):
            before = line[start : m.start()].rstrip()
            last_word = re.split(r"\s", before)[-1].rstrip(".").lower() if before else ""
            if last_word in _ABBREV or re.fullmatch(r"[a-z]", last_word):
                continue
            _append_span(spans, line, base, start, m.start(), offset)
            start = m.end()
        _append_span(spans, line, base, start, len(line), offset)
    return spans


def _append_span(spans, line, base, a, b, offset) -> None:
    seg = line[a:b]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg) - len(seg.rstrip())
    if seg.strip():
        spans.append((offset + base + a + lead, offset + base + b - trail))


def _words(s: str) -> int:
    return len(s.split())


def chunk_document(doc: SourceDoc, target_words: int = 90) -> list[Chunk]:
    """Chunk every section of `doc` on sentence boundaries, aiming at `target_words` per chunk."""
    chunks: list[Chunk] = []
    for section in doc.sections:
        chunks.extend(_chunk_section(doc, section, target_words, len(chunks)))
    return chunks


def _chunk_section(doc: SourceDoc, section: Section, target: int, first_position: int) -> list[Chunk]:
    spans = split_sentences(section.text, offset=section.start)
    if not spans:
        return []
    groups: list[list[tuple[int, int]]] = [[]]
    count = 0
    for span in spans:
        n = _words(doc.text[span[0] : span[1]])
        # Close the group once it is big enough, but never leave a tiny tail sentence alone.
        if groups[-1] and count + n > target * 1.3 and count >= target * 0.5:
            groups.append([])
            count = 0
        groups[-1].append(span)
        count += n
    if len(groups) > 1 and sum(_words(doc.text[a:b]) for a, b in groups[-1]) < target * 0.3:
        groups[-2].extend(groups.pop())

    out = []
    for i, group in enumerate(groups):
        start, end = group[0][0], group[-1][1]
        text = doc.text[start:end]
        position = f"{section.title}#{i}"
        out.append(
            Chunk(
                id=chunk_id(doc.meta.source_id, position, text),
                source_id=doc.meta.source_id,
                title=doc.meta.title,
                section=section.title,
                start=start,
                end=end,
                text=text,
                position=first_position + i,
                authority=doc.meta.authority,
                publisher=doc.meta.publisher,
                date=doc.meta.date,
                url=doc.meta.url,
                sentences=tuple((a - start, b - start) for a, b in group),
            )
        )
    return out
