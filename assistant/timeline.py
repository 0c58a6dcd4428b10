"""Rows of the guides' timelines ("**2–5 years** Slow ongoing gains. Distal sensation … is often the last to return"):
a span of time, then what happens in it. Ingest keeps the words, not the bold; an answer that leads with a row shows
its span, then the row's sentence that answers, then the rest of it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from assistant.candidate import Candidate
from core.sentences import split_sentences

SPAN_LABEL = re.compile(r"^(\d+\s*[–-]\s*\d+\s+(?:days|weeks|months|years))\s+(?=[A-Z])")
# How much closer (cosine plus word coverage) a timeline row's best sentence must be than its first to go first. On
# the read sets (t12-t27 whole, t28 dev): 0.15 raised direct answers 0.730 -> 0.752 (questions) and 0.405 -> 0.439
# (follow-ups) with no fact lost; 0.05 reached 0.447 on follow-ups but lost a turn's facts ("what happens in the first
# three months" put "Fatigue may still be severe." first); 0.3, 0.750 and 0.424.
ROW_MARGIN = 0.15


def labelled_row(body: str) -> tuple[str, str] | None:
    """(the time span, what follows it) of a timeline row; None for any other text."""
    m = SPAN_LABEL.match(body)
    return (m.group(1), body[m.end():]) if m else None


def lead_row_parts(chosen: Sequence[Candidate], closeness: Callable[[list[str]], list[float]]) -> dict[tuple[str, int], str]:
    """A timeline row that leads shows its time span, then the sentence of it closest to the question when that
    is not the row's first, then the rest of the row (`closeness`: each sentence's cosine plus word coverage):
    "will the numbness in her feet ever fully go away" is answered "2–5 years: Distal sensation (especially in the
    feet) is often the last to return and may remain incomplete. Slow ongoing gains.", not first with "2–5 years Slow
    ongoing gains." (rows had led 102 of the 853 answers of the read sets whose first sentence did not answer).
    Rows further down stay whole: they are the rest of the timeline."""
    if not chosen or (row := labelled_row(chosen[0].text[2:] if chosen[0].is_item else chosen[0].text)) is None:
        return {}
    parts = [row[1][a:b].strip() for a, b in split_sentences(row[1])]
    if len(parts) < 2:
        return {}
    near = closeness(parts)
    best = int(np.argmax(near))
    if best == 0 or near[best] - near[0] < ROW_MARGIN:
        return {}
    # the rest of the row follows in the guide's order: "is that it for good" after years of numb feet needs its
    # "Slow ongoing gains." too (leading alone, the best sentence lost 3 answers' facts of the read sets)
    return {chosen[0].key: f"{row[0]}: " + " ".join([parts[best], *(p for k, p in enumerate(parts) if k != best)])}
