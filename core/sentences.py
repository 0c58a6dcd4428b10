"""The one sentence splitter: guides, chunks, answers and evals all cut text here."""

from __future__ import annotations

import re

# Hand-written splitter: nltk's punkt needs a data download at run time, which clinics can't do.
# Abbreviations that end in a period but do not end a sentence.
_ABBREV = {
    "e.g", "i.e", "dr", "mr", "mrs", "ms", "vs", "etc", "al", "approx", "fig", "no", "st",
    "prof", "jr", "sr", "inc", "ltd", "co", "mt", "ca", "cf", "u.s", "u.k",
}
_DEFINITION = re.compile(r"^\s*[A-Z][^.!?—]{1,60}? — (?=[A-Z])")
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9*~<>≥≤])")


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

