"""Pure scoring functions for the eval: retrieval ranks, fact patterns, citations, percentiles."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# [n] markers (also "[1, 2]" or "[1][2]") that tie answer sentences to citations.
MARKER_RE = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")

# Characters the cleaner may rewrite; the gold snippets were copied from raw files, so matching
# treats these as equal instead of failing on a typographic difference.
_CHAR_MAP = {"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " ", "\u2009": " ", "\u202f": " "}


@dataclass(frozen=True)
class Span:
    """A character range [start, end) in one source's cleaned text."""

    source: str
    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.source == other.source and self.start < other.end and other.start < self.end


@dataclass
class FactResult:
    """Which required facts an answer contains, and which of those its citations back up."""

    total: int
    met: list[int] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)
    supported: list[int] = field(default_factory=list)
    unsupported: list[int] = field(default_factory=list)

    @property
    def completeness(self) -> float:
        return len(self.met) / self.total if self.total else 1.0

    @property
    def support(self) -> float:
        return len(self.supported) / len(self.met) if self.met else 1.0


# ---------------------------------------------------------------- locating gold snippets


def _normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Drop markdown '*', collapse whitespace and straighten quotes, remembering original offsets."""
    out: list[str] = []
    index: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        if ch == "*":
            continue
        ch = _CHAR_MAP.get(ch, ch)
        if ch.isspace():
            if prev_space:
                continue
            ch = " "
            prev_space = True
        else:
            prev_space = False
        out.append(ch)
        index.append(i)
    return "".join(out), index


def locate(text: str, quote: str) -> list[tuple[int, int]]:
    """All places `quote` occurs in `text`: exact first, else ignoring markup/whitespace/quote style."""
    quote = quote.strip()
    if not quote:
        return []
    spans = []
    pos = text.find(quote)
    while pos != -1:
        spans.append((pos, pos + len(quote)))
        pos = text.find(quote, pos + 1)
    if spans:
        return spans
    norm_text, index = _normalise_with_map(text)
    norm_quote, _ = _normalise_with_map(quote)
    norm_quote = norm_quote.strip()
    pos = norm_text.find(norm_quote)
    while pos != -1:
        spans.append((index[pos], index[pos + len(norm_quote) - 1] + 1))
        pos = norm_text.find(norm_quote, pos + 1)
    if not spans and "\t" in quote:
        spans = _locate_table_row(text, [c for c in quote.split("\t") if c.strip()])
    return spans


def _locate_table_row(text: str, cells: Sequence[str]) -> list[tuple[int, int]]:
    """A table row copied from a raw file (cells split by tabs): the cleaner writes a row as one line
    ("Row — Column: cell; Column: cell."), so the row is found where its cells occur in order on one line."""
    spans = []
    for a, _ in locate(text, cells[0]):
        line_end = text.find("\n", a)
        line_end = len(text) if line_end == -1 else line_end
        pos, end = a, None
        for cell in cells[1:]:
            found = locate(text[pos:line_end], cell)
            if not found:
                break
            pos, end = pos + found[0][1], pos + found[0][1]
        else:
            spans.append((a, end if end is not None else a + len(cells[0])))
    return spans


def gold_spans(gold: Sequence[Mapping], texts: Mapping[str, str]) -> list[list[Span]]:
    """For each gold entry, every span where its quote occurs; an entry not found gets []."""
    out = []
    for entry in gold:
        text = texts.get(entry["source"], "")
        out.append([Span(entry["source"], a, b) for a, b in locate(text, entry["quote"])])
    return out


# ---------------------------------------------------------------- retrieval


def coverage(retrieved: Sequence[Span], gold: Sequence[Sequence[Span]]) -> list[set[int]]:
    """For each retrieved chunk (in rank order), the indices of the gold entries it overlaps."""
    return [{g for g, spans in enumerate(gold) if any(chunk.overlaps(s) for s in spans)} for chunk in retrieved]


def hit_at_k(cover: Sequence[set[int]], k: int) -> float:
    """1.0 when any of the top-k chunks overlaps any gold passage."""
    return 1.0 if any(cover[:k]) else 0.0


def recall_at_k(cover: Sequence[set[int]], n_gold: int, k: int) -> float:
    """Share of gold passages that at least one of the top-k chunks overlaps."""
    if n_gold == 0:
        return 0.0
    found: set[int] = set().union(*cover[:k]) if cover[:k] else set()
    return len(found) / n_gold


def reciprocal_rank(cover: Sequence[set[int]], k: int | None = None) -> float:
    """1/rank of the first relevant chunk (0 when none is in the list, or in the top k)."""
    for rank, hit in enumerate(cover[:k] if k else cover, start=1):
        if hit:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(relevant: Sequence[bool], k: int, n_relevant: int) -> float:
    """Binary-relevance nDCG@k; n_relevant is how many chunks in the whole index are relevant."""
    dcg = sum(1.0 / math.log2(i + 2) for i, r in enumerate(relevant[:k]) if r)
    # The index may hold fewer relevant chunks than were counted (e.g. a stale count), never more
    # than retrieved-and-relevant: clamp so nDCG stays within [0, 1].
    ideal_n = min(k, max(n_relevant, sum(bool(r) for r in relevant[:k])))
    idcg = sum(1.0 / math.log2(i + 2) for i in range(ideal_n))
    return dcg / idcg if idcg else 0.0


def count_relevant(chunks: Iterable[Span], gold: Sequence[Sequence[Span]]) -> int:
    """How many chunks of an index overlap at least one gold passage (the ideal-ranking size)."""
    flat = [s for spans in gold for s in spans]
    return sum(1 for c in chunks if any(c.overlaps(s) for s in flat))


# ---------------------------------------------------------------- answers


def strip_markers(text: str) -> str:
    """Answer text without [n] citation markers (they would confuse patterns and reading grade)."""
    return re.sub(r"\s+([.,;:!?])", r"\1", MARKER_RE.sub("", text)).strip()


def marker_numbers(text: str) -> list[int]:
    """Citation numbers referenced in the answer text, in order of appearance."""
    out: list[int] = []
    for m in MARKER_RE.finditer(text):
        out.extend(int(n) for n in re.split(r"\s*,\s*", m.group(1)))
    return out


def fact_met(alternatives: Sequence[str], text: str) -> bool:
    """True when any alternative (a case-insensitive regex) matches `text`."""
    return any(re.search(p, text, re.IGNORECASE) for p in alternatives)


def score_facts(facts: Sequence[Sequence[str]], answer_text: str, cited_quotes: Sequence[str] = ()) -> FactResult:
    """Match each fact against the answer; a met fact is supported when some cited quote holds it too."""
    plain = strip_markers(answer_text)
    result = FactResult(total=len(facts))
    for i, alts in enumerate(facts):
        if fact_met(alts, plain):
            result.met.append(i)
            if any(fact_met(alts, q) for q in cited_quotes):
                result.supported.append(i)
            else:
                result.unsupported.append(i)
        else:
            result.missing.append(i)
    return result


@dataclass
class CitationCheck:
    """Verbatim check of one citation against the cleaned source text."""

    n: int
    valid: bool
    reason: str = ""


def check_citation(n: int, source: str, quote: str, texts: Mapping[str, str], start: int = 0, end: int = 0) -> CitationCheck:
    """A citation is valid when its quote is a verbatim substring of the named source's cleaned text."""
    text = texts.get(source)
    if text is None:
        return CitationCheck(n, False, f"unknown source {source!r}")
    if not quote.strip():
        return CitationCheck(n, False, "empty quote")
    if quote not in text:
        return CitationCheck(n, False, "quote is not verbatim source text")
    # Offsets are optional in the interface (0/0 = not given); when given they must point at the quote.
    if end > start and text[start:end] != quote:
        return CitationCheck(n, False, f"offsets {start}:{end} do not hold the quote")
    return CitationCheck(n, True)


def dangling_markers(answer_text: str, n_citations: int) -> list[int]:
    """Markers that point at no citation (e.g. [4] with three citations)."""
    return sorted({n for n in marker_numbers(answer_text) if n < 1 or n > n_citations})


# ---------------------------------------------------------------- aggregates


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100), as numpy's default; 0.0 for no values."""
    vals = sorted(values)
    if not vals:
        return 0.0
    if len(vals) == 1:
        return float(vals[0])
    pos = (len(vals) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(vals) - 1)
    return float(vals[lo] + (vals[hi] - vals[lo]) * (pos - lo))


def mean(values: Iterable[float]) -> float:
    """Arithmetic mean; 0.0 for no values so empty groups don't crash the report."""
    vals = list(values)
    return sum(vals) / len(vals) if vals else 0.0


@dataclass
class PRF:
    """Precision/recall for one flag across a set of cases."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4), "recall": round(self.recall, 4)}


def flag_prf(expected: Sequence[Iterable[str]], actual: Sequence[Iterable[str]], flag: str,
             allowed: Sequence[Iterable[str]] | None = None) -> PRF:
    """Precision/recall of one flag: expected[i] and actual[i] are the flag sets of case i.

    allowed[i] names flags that case i may raise without needing them (e.g. a conflict note on a
    question that touches a known disagreement); raising one is neither a hit nor a false alarm.
    """
    prf = PRF()
    for i, (exp, act) in enumerate(zip(expected, actual, strict=True)):
        e, a = flag in set(exp), flag in set(act)
        if a and not e and allowed is not None and flag in set(allowed[i]):
            continue
        prf.tp += e and a
        prf.fp += a and not e
        prf.fn += e and not a
    return prf
