"""Hybrid retrieval: Chroma dense search fused with BM25 (relative-score or reciprocal-rank fusion),
plus the votes of questions asked before (assistant.asked) when a memory is given.

The LangChain face of it is `assistant.langchain_retriever.PoemsRetriever`: langchain_core costs
half a second to import, which a one-question CLI run should not pay.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from functools import cached_property

import numpy as np
from rank_bm25 import BM25Okapi

from assistant.asked import Anchor, AskedMemory, vote_shares
from assistant.text import LayTerms, Vocabulary, tokens, unknown_terms, without_asked_time
from core.types import Chunk, Hit
from index.embed import Embedder
from index.store import Version
from index.vector_store import VectorStore

MODES = ("hybrid", "dense", "bm25")


class HybridSearch:
    """Dense (Chroma) + keyword (BM25) search over one index version; built once, queried many times.

    >>> search = HybridSearch(store.chunks(), store, store.active(), embedder)
    >>> [h.chunk.section for h in search.search("what is VEGF", k=3)]  # doctest: +SKIP
    """

    def __init__(self, chunks: Sequence[Chunk], store: VectorStore | None, version: Version | None,
                 embedder: Embedder, mode: str = "hybrid", pool: int = 30, rrf_k: int = 60,
                 memory: AskedMemory | None = None):
        if mode not in MODES:
            raise ValueError(f"retrieval mode must be one of {MODES}, not {mode!r}")
        self.chunks = list(chunks)
        self.by_id = {c.id: c for c in self.chunks}
        self.store, self.version, self.embedder = store, version, embedder
        self.mode, self.pool, self.rrf_k = mode, pool, rrf_k
        self.dense_weight = 0.3  # share of the fused vote for dense search; 0.3 beat 0.5 on dev MRR
        self.fusion = "relative"  # dev: hit@5 0.949 vs 0.907 and MRR 0.789 vs 0.764 for RRF
        self._docs = [tokens(c.embed_text()) for c in self.chunks]
        self.bm25 = BM25Okapi(self._docs) if self.chunks else None
        self.vocab = Vocabulary(c.embed_text() for c in self.chunks)
        self.lay = LayTerms()
        self._matrix: np.ndarray | None = None
        # chunk ids by the words of their section heading, in corpus order: a query compares its
        # words with each heading once (about 90 here), not with each chunk (10k in the scale test)
        self._by_heading: dict[frozenset[str], list[str]] = {}
        for c in self.chunks:
            leaf = frozenset(tokens(c.section.split(" › ")[-1]))
            if leaf:
                self._by_heading.setdefault(leaf, []).append(c.id)
        self.heading_boost = 0.25
        self.memory = memory
        # added to the fused score (about 0-1.3) at full vote: leave-one-set-out MRR 0.862 at 0.8,
        # 0.882 at 1.2, 0.890 at 2.0; 1.0 lets a strong keyword-and-dense match still outrank a
        # neighbour's passage when the neighbour asked something else
        self.memory_weight = 2.0
        self._by_source: dict[str, list[Chunk]] = {}
        for c in self.chunks:
            self._by_source.setdefault(c.source_id, []).append(c)
        self._anchor_chunks: dict[Anchor, list[str]] = {}

    # -------------------------------------------------------------- parts
    def idf(self, term: str) -> float:
        """BM25's idf for a stemmed term (0 for terms the corpus lacks)."""
        return float(self.bm25.idf.get(term, 0.0)) if self.bm25 else 0.0

    def dense(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """(chunk id, cosine) from Chroma, or from an in-memory matrix when no store is attached."""
        if self.store is not None and self.version is not None:
            return self.store.query(self.version, vector, min(k, len(self.chunks)))
        if self._matrix is None:
            self._matrix = self.embedder.embed([c.embed_text() for c in self.chunks])
        sims = self._matrix @ vector
        order = np.argsort(-sims)[:k]
        return [(self.chunks[i].id, float(sims[i])) for i in order]

    def dense_sentences(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Chunks ranked by their best sentence: small passages match precise questions better."""
        if self.store is None or self.version is None:
            return []
        return self.store.query_sentences(self.version, vector, k)

    def query_terms(self, query: str) -> list[str]:
        """Stemmed keyword-search terms: typo-corrected, plus clinical terms for plain words."""
        own, extra = self.split_terms(query)
        return own + extra

    def split_terms(self, query: str) -> tuple[list[str], list[str]]:
        """(the query's own stemmed terms after typo correction, the clinical terms its plain words add)."""
        fixed = self.vocab.correct_text(query)
        fixed = without_asked_time(fixed)
        own = tokens(fixed)
        return own, [t for t in tokens(self.lay.expand(fixed)) if t not in own]

    @property
    def known_terms(self) -> Container[str]:
        """Every stemmed term of the corpus, for membership tests (BM25's own table: no copy per question)."""
        return self.bm25.idf if self.bm25 else frozenset()

    def uses_word(self, word: str) -> bool:
        """Whether a guide uses this (lower-case) word as it is."""
        return word in self.vocab.words

    @cached_property
    def _names_text(self) -> str:
        """Every chunk's text in lower case, hyphens and dashes as spaces, for name lookups (built on first use)."""
        return re.sub(r"\s+", " ", re.sub(r"[\u2010-\u2015-]", " ", " ".join(c.text for c in self.chunks).lower()))

    def mentions(self, name: str) -> bool:
        """Whether a guide names this lower-case name ("plasma exchange", "vitamin b12") as a whole word or phrase."""
        return re.search(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", self._names_text) is not None

    def unknown_terms(self, question: str) -> list[str]:
        """Question words absent from the whole corpus (see assistant.text.unknown_terms)."""
        return unknown_terms(question, self.known_terms, self.vocab, self.lay)

    def keyword(self, query: str, k: int) -> list[tuple[str, float]]:
        """(chunk id, BM25 score) for the query after typo correction; zero scores dropped."""
        if not self.bm25:
            return []
        q = self.query_terms(query)
        if not q:
            return []
        scores = self.bm25.get_scores(q)
        order = np.argsort(-scores)[:k]
        return [(self.chunks[i].id, float(scores[i])) for i in order if scores[i] > 0]

    def _fuse_scores(self, ranked: list[tuple[str, float]]) -> list[float]:
        """Each list's contribution per hit: reciprocal rank, or the score scaled to [0, 1] within
        the list ('relative'), which keeps a far-ahead keyword match ahead (RRF flattens 13.5 vs 6)."""
        if self.fusion == "rrf":
            return [1.0 / (self.rrf_k + rank + 1) for rank in range(len(ranked))]
        scores = [s for _, s in ranked]
        if not scores:
            return []
        lo, hi = min(scores), max(scores)
        return [(s - lo) / (hi - lo) if hi > lo else 1.0 for s in scores]

    def _tie_break(self, ranking: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """Equal scores (the same sentence in two guides) rank the stronger source first."""
        return sorted(ranking, key=lambda t: (-round(t[1], 6), self.by_id[t[0]].authority if t[0] in self.by_id else 9))

    def _heading_matches(self, q_terms: set[str]) -> list[str]:
        """Chunks whose section heading and the question share most of their words (Jaccard ≥ 0.6)."""
        if not q_terms:
            return []
        return [cid for leaf, ids in self._by_heading.items()
                if len(leaf & q_terms) / len(leaf | q_terms) >= 0.6 for cid in ids]

    def anchor_chunks(self, anchor: Anchor) -> list[str]:
        """Ids of the chunks holding an anchor's text (or, for one that spans a chunk border, its start
        or end); none when the guide changed since the anchor was taken."""
        if anchor not in self._anchor_chunks:
            head, tail = anchor.text[:40], anchor.text[-40:]
            chunks = self._by_source.get(anchor.source, [])
            found = [c.id for c in chunks if anchor.text in c.text]
            if not found and len(anchor.text) > 40:
                found = [c.id for c in chunks if head in c.text or tail in c.text]
            self._anchor_chunks[anchor] = found
        return self._anchor_chunks[anchor]

    def asked_votes(self, vector: np.ndarray, follow_up: bool = False) -> dict[str, float]:
        """Chunk id → share of the memory's vote in [0, 1]: the nearest earlier questions' passages."""
        if self.memory is None:
            return {}
        votes: dict[str, float] = {}
        for anchor, v in self.memory.votes(vector, follow_up).items():
            for cid in self.anchor_chunks(anchor):
                votes[cid] = votes.get(cid, 0.0) + v
        return vote_shares(votes, self.memory.floor)

    # -------------------------------------------------------------- fused
    def search(self, query: str, k: int = 6, vector: np.ndarray | None = None,
               carry: Sequence[str] = (), asked: bool = True, follow_up: bool = False,
               memory_vector: np.ndarray | None = None) -> list[Hit]:
        """Top-k hits by fused score; `carry` ids (the previous answer's passages) join the pool; the
        memory of questions asked before votes when `asked` and nothing is carried."""
        if not self.chunks:
            return []
        hits: dict[str, Hit] = {}
        rankings: list[tuple[float, list[tuple[str, float]]]] = []
        vec = None
        use_memory = asked and self.memory is not None
        if self.mode in ("hybrid", "dense") or use_memory:
            vec = vector if vector is not None else self.embedder.embed([query])[0]
        if self.mode in ("hybrid", "dense") and vec is not None:
            # One dense ranking: a chunk counts by its own match or its best sentence's, whichever
            # is closer. (Measured on the dev split: two separate dense lists, weighted or not,
            # outvote BM25 and lose hit@5 0.87 -> 0.78.)
            dense: dict[str, float] = {}
            for cid, sim in self.dense(vec, self.pool) + self.dense_sentences(vec, self.pool * 3):
                dense[cid] = max(dense.get(cid, -1.0), sim)
            ranked = self._tie_break(list(dense.items()))[: self.pool]
            for cid, sim in ranked:
                if cid in self.by_id:
                    hits.setdefault(cid, Hit(self.by_id[cid], 0.0)).dense = sim
            rankings.append((self.dense_weight if self.mode == "hybrid" else 1.0, ranked))
        if self.mode in ("hybrid", "bm25"):
            ranked = self._tie_break(self.keyword(query, self.pool))
            for cid, score in ranked:
                hits.setdefault(cid, Hit(self.by_id[cid], 0.0)).bm25 = score
            rankings.append((1.0 - self.dense_weight if self.mode == "hybrid" else 1.0, ranked))
        for weight, ranked in rankings:
            for cid, part in zip([c for c, _ in ranked], self._fuse_scores(ranked), strict=True):
                if cid in hits:
                    hits[cid].score += weight * part
        for cid in carry:
            if cid in self.by_id:
                h = hits.setdefault(cid, Hit(self.by_id[cid], 0.0))
                h.carried = True
        # Authority breaks near-ties: a 3% nudge per rank step, far less than one RRF rank gap at the top.
        for h in hits.values():
            h.score *= 1.0 + 0.03 * (5 - h.chunk.authority) / 4
        # A passage under a heading that says what the question says ("What POEMS Syndrome Is" for
        # "what is poems syndrome?") is the guide's own answer to it.
        q_terms = set(tokens(query))
        for cid in self._heading_matches(q_terms):
            h = hits.setdefault(cid, Hit(self.by_id[cid], 0.0))
            h.score = max(h.score, 0.0) * (1.0 + self.heading_boost) + self.heading_boost * 0.5
        if vec is not None and use_memory:
            # (a follow-up hears the follow-up turns asked before, reworded to stand alone; a question that
            # stands alone hears only its like)
            for cid, vote in self.asked_votes(memory_vector if memory_vector is not None else vec, follow_up).items():
                if cid in self.by_id:
                    h = hits.setdefault(cid, Hit(self.by_id[cid], 0.0))
                    h.score += self.memory_weight * vote
                    h.asked = self.memory_weight * vote
        ordered = sorted(hits.values(), key=lambda h: (-h.score, h.chunk.authority, h.chunk.position))
        # bibliographies and cover pages name every drug and disease but state nothing: they would
        # take answer slots (three of six for "What is POEMS syndrome?")
        top = [h for h in _merge_overlaps(ordered) if not states_nothing(h.chunk.section)][:k]
        # carried passages stay candidates even when the new query ranks them low
        extra = [hits[c] for c in carry if c in hits and hits[c] not in top]
        return top + extra


_STATEMENTLESS = re.compile(r"\b(?:references?|bibliography|key sources|further reading)\b|^front page$", re.I)


def states_nothing(section: str) -> bool:
    """A reference list or a guide's cover (the loader's "Front page"): nothing to quote as an answer."""
    return bool(_STATEMENTLESS.search(section))


def _merge_overlaps(hits: list[Hit]) -> list[Hit]:
    """Drop hits whose span overlaps a better hit from the same source (e.g. two index versions)."""
    kept: list[Hit] = []
    for h in hits:
        c = h.chunk
        if any(k.chunk.source_id == c.source_id and k.chunk.start < c.end and c.start < k.chunk.end for k in kept):
            continue
        kept.append(h)
    return kept
