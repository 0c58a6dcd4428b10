"""Plain words: the guides' own glossary, used to explain a clinical term an answer leans on.

A guide section titled "Glossary" holds lines of the form "Term (Long Name) — definition". When an
answer uses such a term and the question did not, the answer adds that line, cited like any other
sentence, so "endocrinopathy" or "ASCT" never stands unexplained.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.types import Chunk

_ENTRY = re.compile(r"^\s*(?P<term>[^—]{2,80}?)\s+—\s+(?P<definition>\S.*)$")
_GLOSSARY_SECTION = re.compile(r"\bglossary\b", re.I)


@dataclass(frozen=True)
class Entry:
    """One glossary line: the names it defines, and where it sits (chunk, sentence index)."""

    names: tuple[str, ...]
    chunk: Chunk
    i: int
    pattern: re.Pattern[str]

    @property
    def text(self) -> str:
        return self.chunk.sentence_texts()[self.i]


def _names(term: str) -> tuple[str, ...]:
    """'ASCT (Autologous Stem Cell Transplant)' → ('ASCT', 'Autologous Stem Cell Transplant')."""
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", term)
    parts = [m.group(1), m.group(2)] if m else [term]
    return tuple(p.strip() for p in parts if len(p.strip()) >= 3)


def _pattern(names: Sequence[str]) -> re.Pattern[str]:
    # Acronyms match as written ("ASCT"); words match in any case and with a plural ("lesions").
    alts = [re.escape(n) if n.isupper() else f"(?i:{re.escape(n)})s?" for n in names]
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")


class Glossary:
    """Every glossary entry of the indexed guides, found by section title, not by guide."""

    def __init__(self, chunks: Iterable[Chunk]):
        self.entries: list[Entry] = []
        for c in chunks:
            if not _GLOSSARY_SECTION.search(c.section.split(" › ")[-1]):
                continue
            for i, s in enumerate(c.sentence_texts()):
                m = _ENTRY.match(s)
                if m:
                    names = _names(m.group("term"))
                    if names:
                        self.entries.append(Entry(names, c, i, _pattern(names)))

    def terms_in(self, text: str, exclude: str = "") -> list[Entry]:
        """Entries whose term appears in `text` but not in `exclude` (the question), in text order."""
        found: list[tuple[int, Entry]] = []
        for e in self.entries:
            m = e.pattern.search(text)
            if m and not e.pattern.search(exclude):
                found.append((m.start(), e))
        return [e for _, e in sorted(found, key=lambda p: p[0])]
