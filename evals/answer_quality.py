"""What a patient reads: per-answer measures of whether an answer answers the question it was asked.

Pure functions over an Answer, the case's facts and gold passages and the cleaned guide texts; the
one model-backed measure (cosine similarity for `on_topic`) comes in as a function, so tests run
without a model. Fact matching and gold-passage locating are `evals.metrics`' own.

- **direct**: the first statement of the answer body (its first cited sentence, markers stripped;
  a lead-in ending in ":" is read together with the item after it) matches the first fact group,
  which the set's authors wrote as the core answer.
- **on topic**: a cited sentence is about the question when (a) it lies in the paragraph of one of
  the case's gold passages in the cleaned guide (a paragraph ending in ":" reaches into the list it
  introduces), or (b) it matches one of the case's fact patterns, or (c) the embedder puts it at
  cosine ≥ ON_TOPIC_COSINE from the question. (a) uses the guide's own structure: a paragraph is
  one point. (b) accepts the answer stated anywhere. (c) accepts relevant sentences the authors did
  not list, and only those: see ON_TOPIC_COSINE.
- **orphan**: a cited sentence that starts by leaning on something not shown ("This", "It", "For
  this reason", "However", …) while the sentence before it in the answer is not the one before it
  in the guide. A leaning sentence that cannot be found in its guide counts as an orphan: nothing
  shows that its referent came with it.
- **blank**: no text or no citation, and neither a refusal nor a flag: the reader got nothing.
- **refused**: the answer says the guides do not cover it or gives a safety reply instead of guide
  text (the `out_of_scope` flag, a refusal block, or flags with no citation).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from core.sentences import split_sentences
from evals import metrics as M

# Measured with all-MiniLM-L6-v2 on the OLD gold set's dev split (not the patient set): of 48,315
# question–sentence pairs whose sentence lies outside every gold paragraph of that question, 2.4%
# reach 0.55 (4.8% reach 0.50, 8.3% reach 0.45); of the 476 sentences inside gold paragraphs,
# 14.9% reach 0.55. The cosine path is a fallback for relevant sentences the authors did not list,
# so its threshold is set where it rarely lets an unrelated sentence through.
ON_TOPIC_COSINE = 0.55

ABSTAIN_FLAG = "out_of_scope"
CITED_ROLES = ("claim", "conflict")
# Sentence openings that point back at something said before them.
LEANING = re.compile(
    r"^[\"'“‘(]*(?:for this reason|for these reasons|as a result|because of this|in addition|on the other hand|"
    r"the latter|the former|that number|this number|this|these|that|those|it|its|they|their|them|such|"
    r"however|therefore|thus|hence|also|but|both|otherwise|instead)\b",
    re.IGNORECASE,
)
_HEADING_PREFIX = re.compile(r"^[^:\n]{1,60}:\s+(?=\S)")
_ITEM = re.compile(r"^\s*[-•*]\s+")
# a run of citation markers: "[1]", "[1][3]", "[1, 3]"
_MARKERS = re.compile(r"(?:\s*\[\d+(?:\s*[,;\u2013-]\s*\d+)*\])+")

Region = tuple[str, int, int]  # (source id, start, end) in the cleaned source text
Similarity = Callable[[str, Sequence[str]], Sequence[float]]


@dataclass(frozen=True)
class AnswerSentence:
    """One sentence as the reader sees it (no markers, no list dash), its role and the passages it cites."""

    text: str
    role: str = "claim"  # claim | conflict | safety | care | refusal | note
    cited: tuple[Region, ...] = ()

    @property
    def is_cited(self) -> bool:
        return self.role in CITED_ROLES and bool(self.cited)


def _clean(text: str) -> str:
    return _ITEM.sub("", M.strip_markers(text)).strip()


def _region(c: Any) -> Region:
    return (c.source, int(getattr(c, "start", 0) or 0), int(getattr(c, "end", 0) or 0))


def answer_sentences(answer: Any) -> list[AnswerSentence]:
    """The answer's sentences in reading order: from its blocks when it has them, else from its text.

    From text, a sentence followed by markers is a claim citing those numbers; the rest are notes.
    """
    citations = list(getattr(answer, "citations", []) or [])
    blocks = list(getattr(answer, "blocks", []) or [])
    out: list[AnswerSentence] = []
    if blocks:
        by_chunk = {c.chunk_id: _region(c) for c in citations}
        for b in blocks:
            cited = tuple(by_chunk[cid] for cid in b.chunk_ids if cid in by_chunk)
            role = b.role if cited or b.role not in CITED_ROLES else "note"
            for a, z in split_sentences(b.text) or [(0, len(b.text))]:
                text = _clean(b.text[a:z])
                if text:
                    out.append(AnswerSentence(text, role, cited))
        return out
    by_n = {c.n: _region(c) for c in citations}
    text = getattr(answer, "text", "") or ""
    pos = 0
    for m in _MARKERS.finditer(text):
        pieces = [text[pos:m.start()][a:z] for a, z in split_sentences(text[pos:m.start()])]
        cited = tuple(by_n[n] for n in M.marker_numbers(m.group(0)) if n in by_n)
        for i, piece in enumerate(pieces):
            last = i == len(pieces) - 1
            if _clean(piece):
                out.append(AnswerSentence(_clean(piece), "claim" if last and cited else "note", cited if last else ()))
        pos = m.end()
    for a, z in split_sentences(text[pos:]):
        if _clean(text[pos:][a:z]):
            out.append(AnswerSentence(_clean(text[pos:][a:z]), "note"))
    return out


# ---------------------------------------------------------------- where a sentence sits in its guide


class SourceIndex:
    """The cleaned guide texts with their sentence spans (the splitter the chunks were cut with)."""

    def __init__(self, texts: Mapping[str, str]):
        self.texts = dict(texts)
        self._spans = {s: split_sentences(t) for s, t in self.texts.items()}
        self._starts = {s: [a for a, _ in spans] for s, spans in self._spans.items()}

    def locate(self, sentence: AnswerSentence) -> Region | None:
        """Where the sentence's words are in the passages it cites (else anywhere in their guides)."""
        candidates = [sentence.text]
        unprefixed = _HEADING_PREFIX.sub("", sentence.text)
        if unprefixed != sentence.text:
            candidates.append(unprefixed)  # the answerer may put a short heading before a fragment
        for whole_guide in (False, True):
            for source, start, end in sentence.cited:
                text = self.texts.get(source, "")
                lo, hi = (0, len(text)) if whole_guide or end <= start else (start, end)
                for cand in candidates:
                    found = M.locate(text[lo:hi], cand)
                    if found:
                        a, z = found[0]
                        return (source, lo + a, lo + z)
        return None

    def sentence_index(self, region: Region) -> int | None:
        """Index of the guide sentence that holds the start of `region`."""
        source, start, _ = region
        i = bisect_right(self._starts.get(source, []), start) - 1
        return i if i >= 0 else None

    def previous(self, region: Region) -> Region | None:
        """The guide sentence just before the one that holds `region`."""
        i = self.sentence_index(region)
        if i is None or i == 0:
            return None
        a, z = self._spans[region[0]][i - 1]
        return (region[0], a, z)

    def paragraph(self, source: str, start: int, end: int) -> Region:
        """The blank-line-delimited paragraph around [start, end); one ending in ':' takes the next one too."""
        text = self.texts.get(source, "")
        a = text.rfind("\n\n", 0, start)
        a = 0 if a < 0 else a + 2
        z = text.find("\n\n", end)
        z = len(text) if z < 0 else z
        if text[a:z].rstrip().endswith(":"):
            nxt = text.find("\n\n", z + 2)
            z = len(text) if nxt < 0 else nxt
        return (source, a, z)

    def gold_regions(self, gold: Sequence[Mapping]) -> list[Region]:
        """The paragraphs of the case's gold snippets (a snippet found twice gives both)."""
        return [self.paragraph(s.source, s.start, s.end) for spans in M.gold_spans(gold, self.texts) for s in spans]


def _overlaps(a: Region, b: Region) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


# ---------------------------------------------------------------- the measures


def first_statement(sentences: Sequence[AnswerSentence]) -> str:
    """The answer body's first cited sentence; a lead-in ending in ':' is read with the item after it."""
    cited = [s for s in sentences if s.is_cited]
    if not cited:
        return ""
    first = cited[0].text
    if first.rstrip().endswith(":") and len(cited) > 1:
        first = f"{first} {cited[1].text}"
    return first


def is_direct(facts: Sequence[Sequence[str]], sentences: Sequence[AnswerSentence]) -> bool:
    """The first statement gives the core answer (the first fact group)."""
    return bool(facts) and M.fact_met(facts[0], first_statement(sentences))


def orphans(sentences: Sequence[AnswerSentence], index: SourceIndex) -> list[str]:
    """Cited sentences that lean on a sentence the answer does not show right before them."""
    cited = [s for s in sentences if s.is_cited]
    found = [index.locate(s) for s in cited]
    out = []
    for i, s in enumerate(cited):
        if not LEANING.match(s.text):
            continue
        here = found[i]
        before = index.previous(here) if here else None
        shown = found[i - 1] if i > 0 else None
        if here is None or before is None or shown is None or not _overlaps(shown, before):
            out.append(s.text)
    return out


def on_topic(question: str, facts: Sequence[Sequence[str]], sentences: Sequence[AnswerSentence], index: SourceIndex,
             gold_regions: Sequence[Region], similarity: Similarity | None = None) -> list[bool]:
    """For each cited sentence, whether it is about the question (see the module docstring)."""
    cited = [s for s in sentences if s.is_cited]
    flags = []
    for s in cited:
        where = index.locate(s)
        flags.append(bool(where and any(_overlaps(where, g) for g in gold_regions))
                     or any(M.fact_met(alts, s.text) for alts in facts))
    rest = [i for i, ok in enumerate(flags) if not ok]
    if rest and similarity is not None:
        for i, cos in zip(rest, similarity(question, [cited[i].text for i in rest]), strict=True):
            flags[i] = float(cos) >= ON_TOPIC_COSINE
    return flags


def is_refusal(answer: Any) -> bool:
    """The answer declines (not covered, or a safety reply) instead of giving guide text."""
    flags = list(getattr(answer, "flags", []) or [])
    blocks = list(getattr(answer, "blocks", []) or [])
    cited = bool(getattr(answer, "citations", None))
    return ABSTAIN_FLAG in flags or any(b.role == "refusal" for b in blocks) or (not cited and bool(flags))


def is_blank(answer: Any) -> bool:
    """No text or no citation, with neither a refusal nor a flag to say why."""
    text = (getattr(answer, "text", "") or "").strip()
    empty = not text or not getattr(answer, "citations", None)
    return empty and not is_refusal(answer) and not getattr(answer, "flags", None)


# ---------------------------------------------------------------- one answer, scored


@dataclass
class PatientResult:
    """Everything measured for one patient question or conversation turn; `reasons` empty = passed."""

    id: str
    question: str
    answer_kind: str
    answerable: bool
    split: str
    turn_type: str = "first"
    answer: str = ""
    flags: list[str] = field(default_factory=list)
    n_citations: int = 0
    refused: bool = False
    blank: bool = False
    facts_total: int = 0
    facts_met: int = 0
    direct: bool = False
    first_statement: str = ""
    sentences: int = 0  # cited sentences
    on_topic: int = 0
    off_topic: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    grade: float | None = None
    retrieval: dict = field(default_factory=dict)
    latency_ms: float = 0.0
    reasons: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def facts_all(self) -> bool:
        return self.answerable and not self.refused and not self.blank and self.facts_met == self.facts_total

    @property
    def completeness(self) -> float:
        return self.facts_met / self.facts_total if self.facts_total else float(not self.refused)

    @property
    def on_topic_share(self) -> float | None:
        return self.on_topic / self.sentences if self.sentences else None

    @property
    def score(self) -> float:
        """One number per answer, for comparing a turn with the same question asked alone:
        fact completeness when the guides answer it, 1 for a refusal when they do not."""
        if self.answerable:
            return 0.0 if self.refused or self.blank else self.completeness
        return float(self.refused)

    @property
    def passed(self) -> bool:
        return not self.reasons

    def to_dict(self) -> dict:
        return asdict(self) | {"facts_all": self.facts_all, "on_topic_share": self.on_topic_share,
                               "score": self.score, "passed": self.passed}


def score_patient_answer(case: Any, answer: Any, index: SourceIndex, similarity: Similarity | None = None,
                         grade: Callable[[str], float | None] | None = None, latency_ms: float = 0.0) -> PatientResult:
    """Score one answer to a PatientCase; every way it falls short is a reason."""
    text = getattr(answer, "text", "") or ""
    res = PatientResult(case.id, case.question, case.answer_kind, case.answerable, case.split, case.turn_type,
                        answer=text, flags=list(getattr(answer, "flags", []) or []),
                        n_citations=len(getattr(answer, "citations", []) or []), latency_ms=latency_ms)
    res.blank = is_blank(answer)
    res.refused = not res.blank and is_refusal(answer)
    sentences = answer_sentences(answer)
    cited = [s for s in sentences if s.is_cited]
    res.sentences = len(cited)
    res.orphans = orphans(sentences, index)
    if res.blank:
        res.reasons.append("blank answer: no text or no citation, and no refusal or flag")
    if res.orphans:
        res.reasons.append(f"{len(res.orphans)} orphan sentence(s), e.g. {res.orphans[0][:90]!r}")
    if not case.answerable:
        if not res.refused and not res.blank:
            res.reasons.append(f"answered a question the guides do not cover ({res.n_citations} citations)")
        return res
    quotes = [c.quote for c in getattr(answer, "citations", []) or []]
    fr = M.score_facts(case.facts, text, quotes)
    res.facts_total = fr.total
    res.facts_met = 0 if res.refused or res.blank else len(fr.met)  # uncited words answer nothing
    res.first_statement = first_statement(sentences)
    res.direct = not res.refused and is_direct(case.facts, sentences)
    topical = on_topic(case.question, case.facts, sentences, index, index.gold_regions(case.gold), similarity)
    res.on_topic = sum(topical)
    res.off_topic = [s.text for s, ok in zip(cited, topical, strict=True) if not ok]
    if res.refused:
        res.reasons.append(f"refused a question the guides answer (flags {res.flags or 'none'})")
        return res
    if grade is not None and not res.blank:
        res.grade = grade(text)
    for i in fr.missing:
        res.reasons.append(f"missing fact {list(case.facts[i])}")
    if not res.direct and not res.blank:
        res.reasons.append(f"first statement does not give the core answer: {res.first_statement[:90]!r}")
    if res.off_topic:
        res.reasons.append(f"{len(res.off_topic)} of {res.sentences} sentences off topic, e.g. {res.off_topic[0][:90]!r}")
    return res
