"""The default answerer: picks source sentences that answer the question and cites each one.

No language model: every sentence of an answer is copied verbatim from a guide, so an answer can
only be as right as its sources, and each claim is checkable against the passage it cites.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from assistant.answerer import AnswererContext, AnswerRequest, Composition, register
from assistant.retrieve import HybridSearch
from assistant.text import tokens
from core.conflicts import Conflict, norm
from core.types import CONFLICT, Block, BlockKind, Chunk, Cite, Hit

_LIST_Q = re.compile(
    r"\b(list|what are( all)? the|which|what (tests|signs|symptoms|features|criteria|options|treatments|steps|drugs|medicines|centers|centres|findings|complications|risk factors)|"
    r"symptoms|signs|criteria|checklist|steps|options|types|kinds|complications|tests|risk factors|features)\b",
    re.I,
)
_REFERENCE = re.compile(r"(\bet al\b|\[cited|available from:|\bdoi\b|https?://|\bpmid\b|^\d{1,2}\.\s+[A-Z][a-z]+ [A-Z]{1,3}[,.])", re.I)
_LEANS_BACK = re.compile(r"^(it|this|these|that|those|they|such|however|but|because of this|as a result|in addition|also)\b", re.I)

ABSTAIN_TEXT = (
    "The guides I answer from do not cover this question, so I can't answer it reliably. "
    "Please ask your hematologist or care team."
)


@dataclass
class Candidate:
    """One source sentence, scored against the question."""

    chunk: Chunk
    i: int
    text: str
    score: float
    sim: float
    kw: float
    vec: np.ndarray

    @property
    def start(self) -> int:
        return self.chunk.start + self.chunk.sentences[self.i][0]

    @property
    def end(self) -> int:
        return self.chunk.start + self.chunk.sentences[self.i][1]

    @property
    def is_item(self) -> bool:
        return self.text.startswith("- ")

    @property
    def key(self) -> tuple[str, int]:
        return (self.chunk.id, self.i)


@dataclass
class ComposerSettings:
    """Weights and limits of sentence selection; the abstention threshold is calibrated on the eval dev split."""

    w_sim: float = 0.55
    w_kw: float = 0.35
    w_prior: float = 0.10
    w_authority: float = 0.10
    # Calibrated on the eval dev split with `python -m evals.calibrate` (never on heldout):
    # the lowest values with the best dev abstention recall at zero over-refusal (err towards answering).
    abstain_below: float = 0.45
    abstain_unknown_below: float = 0.64
    keep_gap: float = 0.16
    neighbour_bonus: float = 0.06
    max_chars: int = 1000
    list_chars: int = 1600
    max_sentences: int = 5
    list_sentences: int = 12
    dup_cos: float = 0.9
    conflict_topic_sim: float = 0.45
    absent_term_weight: float = 2.0


class Composer:
    """Extractive, cited answer composition over HybridSearch hits (the default Answerer).

    >>> composer = Composer(search, sentence_vectors=lambda ids: store.sentence_vectors(version, ids))
    >>> composer.compose("What is VEGF?", "What is VEGF?", qvec, hits).text  # doctest: +SKIP
    'Vascular endothelial growth factor (VEGF) is a signaling protein ... [1]'
    """

    name = "extractive"

    def __init__(self, search: HybridSearch, sentence_vectors: Callable[[Sequence[str]], dict[str, np.ndarray]],
                 conflicts: Sequence[Conflict] = (), settings: ComposerSettings | None = None,
                 vector_cache_chunks: int = 2048):
        self.search = search
        self.sentence_vectors = sentence_vectors
        self.settings = settings or ComposerSettings()
        # Sentence vectors of recently answered chunks, least recently used out first: a 10k-chunk
        # library would otherwise pull ~90 MB of vectors into the chat process over a long day.
        self._vec_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._vec_cache_size = max(1, vector_cache_chunks)
        self._vec_lock = threading.Lock()  # chat workers compose in parallel
        self._topics: np.ndarray | None = None
        self._sentence_cache: dict[str, list] = {}
        self._leaf_cache: dict[str, set[str]] = {}
        self.conflicts = [(c, self._locate(c.stronger.source, c.stronger.quote), self._locate(c.weaker.source, c.weaker.quote))
                          for c in conflicts]

    # ------------------------------------------------------------ helpers
    def _locate(self, source: str, quote: str) -> tuple[str, int] | None:
        """(chunk id, sentence index) of the sentence holding a conflict quote."""
        q = norm(quote)
        for c in self.search.chunks:
            if c.source_id != source or q[:40] not in norm(c.text):
                continue
            for i, s in enumerate(c.sentence_texts()):
                if q[:40] in norm(s) or norm(s) in q:
                    return (c.id, i)
        return None

    def _term_weight(self, term: str) -> float:
        idf = self.search.idf(term)
        return max(idf, 0.05) if term in self.search.bm25.idf else self.settings.absent_term_weight

    def _sentences(self, chunk: Chunk) -> list[tuple[int, tuple[str, set[str]]]]:
        """Usable sentences of a chunk with their keyword terms, computed once per chunk."""
        cached = self._sentence_cache.get(chunk.id)
        if cached is None:
            cached = [(i, (t, set(tokens(t)))) for i, t in enumerate(chunk.sentence_texts()) if _usable(t, _line_of(chunk, i))]
            self._sentence_cache[chunk.id] = cached
        return cached

    def _leaf_terms(self, leaf: str) -> set[str]:
        if leaf not in self._leaf_cache:
            self._leaf_cache[leaf] = set(tokens(leaf))
        return self._leaf_cache[leaf]

    def _topic_vectors(self) -> np.ndarray:
        if self._topics is None:
            self._topics = self.search.embedder.embed([c.topic for c, _, _ in self.conflicts])
        return self._topics

    def _vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        with self._vec_lock:
            found = {i: self._vec_cache[i] for i in ids if i in self._vec_cache}
            for i in found:
                self._vec_cache.move_to_end(i)
        missing = [i for i in ids if i not in found]
        if missing:
            fetched = self.sentence_vectors(missing)
            found.update(fetched)
            with self._vec_lock:
                self._vec_cache.update(fetched)
                while len(self._vec_cache) > self._vec_cache_size:
                    self._vec_cache.popitem(last=False)
        return {i: found[i] for i in ids if i in found}

    def candidates(self, query: str, qvec: np.ndarray, hits: Sequence[Hit]) -> list[Candidate]:
        """Every usable sentence of the hit chunks, scored."""
        s = self.settings
        q_terms = set(self.search.query_terms(query))
        # A question word the guides never use is the most specific part of the question ("diet",
        # "acupuncture"); it weighs in the denominator so such questions cannot look well covered.
        q_weight = sum(self._term_weight(t) for t in q_terms) or 1.0
        vecs = self._vectors([h.chunk.id for h in hits])
        wants_list = bool(_LIST_Q.search(query))
        top = max((h.score for h in hits), default=1.0) or 1.0
        out = []
        for h in hits:
            mat = vecs.get(h.chunk.id)
            if mat is None:
                continue
            sims = mat @ qvec
            prior = h.score / top if not h.carried else 0.6
            if _REFERENCE_SECTION.search(h.chunk.section):
                continue  # bibliographies name drugs and diseases but state nothing
            authority = (5 - h.chunk.authority) / 4
            leaf = h.chunk.section.split(" › ")[-1]
            for i, (text, terms) in self._sentences(h.chunk):
                terms = terms | self._leaf_terms(leaf)
                kw = sum(max(self.search.idf(t), 0.05) for t in q_terms & terms) / q_weight
                sim = float(sims[i])
                if wants_list and text.startswith("- "):
                    # for a list question, an item ("- Papilledema") means what its passage is
                    # about: it inherits the passage's similarity (for other questions this
                    # flooded answers with items: dev fact completeness 0.80 -> 0.75)
                    sim = max(sim, h.dense)
                score = s.w_sim * sim + s.w_kw * kw + s.w_prior * prior + s.w_authority * authority
                out.append(Candidate(h.chunk, i, text, score, sim, kw, mat[i]))
        return out

    # ------------------------------------------------------------ selection
    def select(self, cands: list[Candidate], question: str) -> list[Candidate]:
        """Greedy pick of the best sentences within the length budget, skipping repeats."""
        s = self.settings
        if not cands:
            return []
        is_list = bool(_LIST_Q.search(question))
        budget = s.list_chars if is_list else s.max_chars
        limit = s.list_sentences if is_list else s.max_sentences
        ranked = sorted(cands, key=lambda c: -c.score)
        best = ranked[0].score
        by_key = {c.key: c for c in cands}
        chosen: dict[tuple[str, int], Candidate] = {}

        def size() -> int:
            return sum(len(c.text) + 5 for c in chosen.values())

        def add(c: Candidate) -> bool:
            if c.key in chosen or size() + len(c.text) > budget or len(chosen) >= limit:
                return False
            if any(float(c.vec @ o.vec) > s.dup_cos or norm(c.text) == norm(o.text) for o in chosen.values()):
                return False
            chosen[c.key] = c
            return True

        # Greedy with a coherence bonus: once a sentence is chosen, its neighbours in the same passage
        # gain a little, so answers read as connected text rather than scattered lines.
        bonus: dict[tuple[str, int], float] = {}
        pool = [c for c in ranked if c.score >= best - s.keep_gap]
        while pool:
            c = max(pool, key=lambda x: x.score + bonus.get(x.key, 0.0))
            pool.remove(c)
            if c.is_item and not is_list and len(c.text.split()) < 8 and not self._has_lead(c, by_key):
                continue  # a bare list item ("- Papilledema") says nothing without its lead-in
            if not add(c):
                continue
            for nb in ((c.chunk.id, c.i - 1), (c.chunk.id, c.i + 1)):
                bonus[nb] = bonus.get(nb, 0.0) + s.neighbour_bonus
            prev = by_key.get((c.chunk.id, c.i - 1))
            # a sentence that leans on the one before it needs that one to make sense
            if prev and _LEANS_BACK.match(c.text) and prev.key not in chosen:
                add(prev)
            if c.text.rstrip().endswith(":") or (is_list and c.is_item):
                self._add_list(c, by_key, add, is_list)
        return list(chosen.values())

    @staticmethod
    def _has_lead(c: Candidate, by_key) -> bool:
        i = c.i
        while (c.chunk.id, i - 1) in by_key and by_key[(c.chunk.id, i - 1)].is_item:
            i -= 1
        lead = by_key.get((c.chunk.id, i - 1))
        return bool(lead and lead.text.rstrip().endswith(":"))

    def _add_list(self, c: Candidate, by_key, add, is_list: bool) -> None:
        """Bring in the lead-in and the items of a list the chosen sentence belongs to."""
        i = c.i
        while c.is_item and (c.chunk.id, i - 1) in by_key and by_key[(c.chunk.id, i - 1)].is_item:
            i -= 1
        lead = by_key.get((c.chunk.id, i - 1))
        if lead and lead.text.rstrip().endswith(":"):
            add(lead)
        j = i if c.is_item else c.i + 1
        while (c.chunk.id, j) in by_key and by_key[(c.chunk.id, j)].is_item:
            if not add(by_key[(c.chunk.id, j)]) and not is_list:
                break
            j += 1

    # ------------------------------------------------------------ conflicts
    def _apply_conflicts(self, chosen: list[Candidate], cands: list[Candidate], query: str, qvec: np.ndarray
                         ) -> tuple[list[Candidate], list[Candidate]]:
        """Swap a weaker source's contradicted sentence for the stronger one; return (body, differing)."""
        differing: list[Candidate] = []
        keys = {c.key for c in chosen}
        best = max((c.score for c in cands), default=0.0)
        # a conflict is in play when either side is chosen or is a serious contender for this question
        contenders = keys | {c.key for c in cands if c.score >= best - self.settings.keep_gap}
        for n, (conflict, strong, weak) in enumerate(self.conflicts):
            if not strong or not weak or not (strong in contenders or weak in contenders):
                continue
            if float(self._topic_vectors()[n] @ qvec) < self.settings.conflict_topic_sim:
                continue  # the passage is nearby, but the question is not about what the guides dispute
            pool = {c.key: c for c in cands}
            need = [k for k in (strong, weak) if k not in pool]
            if need:
                extra = [Hit(self.search.by_id[k[0]], 0.0) for k in need if k[0] in self.search.by_id]
                for c in self.candidates(query, qvec, extra):
                    pool.setdefault(c.key, c)
            if strong not in pool or weak not in pool:
                continue
            chosen = [c for c in chosen if c.key != weak]
            if strong not in {c.key for c in chosen}:
                chosen.insert(0, pool[strong])
            differing.append(pool[weak])
            # a lead-in ("And 1 or more of these features:") means nothing without its list
            j = weak[1] + 1
            while pool[weak].text.rstrip().endswith(":") and (weak[0], j) in pool and pool[(weak[0], j)].is_item:
                differing.append(pool[(weak[0], j)])
                j += 1
            keys = {c.key for c in chosen}
        return chosen, differing

    def should_abstain(self, question: str, evidence: float) -> bool:
        """Weak evidence, or middling evidence for a question about something the guides never mention."""
        s = self.settings
        if evidence < s.abstain_below:
            return True
        return bool(self.search.unknown_terms(question)) and evidence < s.abstain_unknown_below

    # ------------------------------------------------------------ main
    def compose(self, question: str, query: str, qvec: np.ndarray, hits: Sequence[Hit],
                allow_abstain: bool = True) -> Composition:
        """Compose a cited answer, or abstain when the evidence is weak."""
        cands = self.candidates(query, qvec, hits)
        evidence = max((c.score for c in cands), default=0.0)
        if not cands or (allow_abstain and self.should_abstain(question, evidence)):
            return Composition([Block(ABSTAIN_TEXT, role="refusal")], evidence=evidence, abstained=True)
        chosen = self.select(cands, question)
        chosen, differing = self._apply_conflicts(chosen, cands, query, qvec)
        chosen.sort(key=lambda c: (c.chunk.authority, c.chunk.source_id, c.start))
        flags = [CONFLICT] if differing else []
        return Composition(to_blocks(chosen, differing), flags, evidence)

    def answer(self, request: AnswerRequest) -> Composition:
        """The Answerer seam: an extractive composition of the request's evidence."""
        return self.compose(request.question, request.query, request.vector, request.hits,
                            allow_abstain=request.allow_abstain)


# Text in a guide is data: a sentence that tries to instruct the assistant is never copied into an answer.
_INSTRUCTION_TO_ASSISTANT = re.compile(
    r"\b(?:ignore|disregard|forget|override) (?:all |any |the |your )?(?:previous |prior |above |earlier |other )?"
    r"(?:instructions|rules|prompts?|guidelines)\b|\byou are now\b|\bsystem prompt\b|\bas an ai\b|"
    r"\b(?:assistant|chatbot|ai) (?:must|should) (?:now |always )?(?:say|tell|recommend|answer)\b",
    re.I,
)
_REFERENCE_SECTION = re.compile(r"\b(references?|bibliography|key sources|further reading)\b", re.I)
_FRAGMENT = re.compile(r"^(A|An|The)\s+[a-z]")


def _line_of(chunk: Chunk, i: int) -> str:
    """The whole line a sentence sits on (a reference entry spans several 'sentences')."""
    a, b = chunk.sentences[i]
    start = chunk.text.rfind("\n", 0, a) + 1
    end = chunk.text.find("\n", b)
    return chunk.text[start : end if end != -1 else len(chunk.text)]


def _usable(text: str, line: str = "") -> bool:
    """Statements only: no questions, references, bare numbers or dangling fragments."""
    t = text.strip()
    if t.endswith("?") or _REFERENCE.search(t) or (line and _REFERENCE.search(line)):
        return False
    if not re.search(r"[a-z]", t):
        return False  # all-caps cover lines and callout titles ("PATIENT & CAREGIVER GUIDE") state nothing
    if _INSTRUCTION_TO_ASSISTANT.search(t):
        return False
    words = t.lstrip("- ").split()
    return len(words) >= 3 or (t.startswith("- ") and len(words) >= 1)


def to_blocks(chosen: Sequence[Candidate], differing: Sequence[Candidate] = ()) -> list[Block]:
    """One block per chosen sentence citing its chunk, then the differing source's sentences."""

    def cite(c: Candidate) -> tuple[Cite, ...]:
        return (Cite(c.chunk.id, (c.chunk.sentences[c.i],)),)

    blocks: list[Block] = []
    for c in chosen:
        body = c.text[2:] if c.is_item else c.text
        leaf = c.chunk.section.split(" › ")[-1]
        if c.i == 0 and _FRAGMENT.match(body) and leaf and len(leaf.split()) <= 4:
            # "A second-generation proteasome inhibitor." needs its heading to say what it describes
            body = f"{leaf}: {body}"
        blocks.append(Block(body, BlockKind.ITEM if c.is_item else BlockKind.SENTENCE, cite(c)))
    if differing:
        for d in differing:
            if d.is_item:
                blocks.append(Block(d.text[2:], BlockKind.ITEM, cite(d), role="conflict"))
                continue
            src = d.chunk.publisher or d.chunk.title
            blocks.append(Block(f'Another source differs: {src} ({d.chunk.date}) says "{d.text}"',
                                BlockKind.PARAGRAPH, cite(d), role="conflict"))
        if chosen:
            lead = chosen[0].chunk
            blocks.append(Block(f"This answer follows {lead.publisher or lead.title} ({lead.date}), "
                                "the newer guide that cites its medical references.", BlockKind.LINE, role="note"))
    return blocks


register("extractive", lambda ctx: Composer(ctx.search, ctx.sentence_vectors, ctx.conflicts, ctx.settings))
