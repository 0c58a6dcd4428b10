"""Sentence-aware chunking inside sections; chunk ids are hashes of source, position and text."""

from __future__ import annotations

import hashlib

from core.sentences import split_sentences
from core.types import Chunk, Section, SourceDoc


def chunk_id(source_id: str, position: str, text: str) -> str:
    """Stable id: same source, place and text → same id, so re-ingest upserts instead of duplicating."""
    h = hashlib.sha256(f"{source_id}\x1f{position}\x1f{text}".encode()).hexdigest()
    return h[:24]



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
