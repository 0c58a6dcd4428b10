"""The default answerer: picks source sentences that answer the question and cites each one.

No language model: every sentence of an answer is copied verbatim from a guide, so an answer can
only be as right as its sources, and each claim is checkable against the passage it cites.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Sequence

import numpy as np

from assistant.abstention import abstain_features, share_found, word_found
from assistant.answer_shape import ASKS_DURATION, ASKS_HOW_COMMON, LIST_Q, asks_list, fit, is_lead_in, leans_back
from assistant.answerer import AnswerRequest, Composition, register
from assistant.blocks import MAX_GROUPS, groups_below, to_blocks
from assistant.candidate import (
    LEAD_FEATURES,
    Candidate,
    answer_order,
    asked_place_entries,
    centre_entry,
    first_item_index,
    forced_leads,
    lead_features,
    lead_in_of,
    mark_asked,
    meaning_features,
    opens_asked_list,
    orphan,
    question_subject,
    sentence_before,
    shown_in,
    situation_openings,
    without_dangling_lead_ins,
)
from assistant.compose_settings import ComposerSettings
from assistant.glossary import Glossary
from assistant.question import AnswerKind, acronym_letter, answer_kind, asked_part, topic_words, without_story
from assistant.quotable import line_of, quotable
from assistant.relevance import about_question, closeness, covered_weight
from assistant.retrieve import HybridSearch, states_nothing
from assistant.set_aside import set_aside
from assistant.text import content_words, everyday, life_topic, life_words, outcome_word, outcome_words, tokens
from assistant.timeline import lead_row_parts
from assistant.unmentioned import DRUG_BAR_DROP, unmentioned_drugs
from core.conflicts import Conflict, norm
from core.types import CONFLICT, Block, BlockKind, Chunk, Cite, Hit

ABSTAIN_TEXT = ("The guides I answer from do not cover this question, so I can't answer it reliably. "
                "Please ask your hematologist or care team.")


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
        self.settings = settings or ComposerSettings.learned(embedder=getattr(getattr(search, "embedder", None), "name", None))
        # Sentence vectors of recently answered chunks, least recently used out first: a 10k-chunk
        # library would otherwise pull ~90 MB of vectors into the chat process over a long day.
        self._vec_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._vec_cache_size = max(1, vector_cache_chunks)
        self._vec_lock = threading.Lock()  # chat workers compose in parallel
        self._topics: np.ndarray | None = None
        self._sentence_cache: dict[str, list] = {}
        self._leaf_cache: dict[str, set[str]] = {}
        self._heading_cache: dict[str, np.ndarray] = {}
        self._in_order: list[Chunk] = sorted(search.chunks if search is not None else [], key=lambda ch: (ch.source_id, ch.start))
        self._place = {ch.id: k for k, ch in enumerate(self._in_order)}
        self.glossary = Glossary(search.chunks if search is not None else [])
        self.conflicts = [(c, self._locate(c.stronger.source, c.stronger.quote), self._locate(c.weaker.source, c.weaker.quote))
                          for c in conflicts]
        self._conflict_sides = {k for _c, strong, weak in self.conflicts for k in (strong, weak) if k is not None}

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
        bm25 = self.search.bm25
        return max(idf, 0.05) if bm25 is not None and term in bm25.idf else self.settings.absent_term_weight

    def _sentences(self, chunk: Chunk) -> list[tuple[int, tuple[str, set[str]]]]:
        """Usable sentences of a chunk with their keyword terms, computed once per chunk."""
        cached = self._sentence_cache.get(chunk.id)
        if cached is None:
            cached = [(i, (t, set(tokens(t)))) for i, t in enumerate(chunk.sentence_texts()) if quotable(t, line_of(chunk, i))]
            self._sentence_cache[chunk.id] = cached
        return cached

    def _own_terms(self, question: str) -> set[str]:
        """A follow-up's own subject: its topic words that are not everyday English ("swelling", "ankles"
        in "and the swelling in her ankles?"; nothing in "how well does it work?"), with their clinical terms."""
        words = [w for w in topic_words(question, content_words(question)) if not everyday(w) or outcome_word(w)]
        own, extra = self.search.split_terms(" ".join(words)) if words else ([], [])
        return set(own) | set(extra)

    def _shown(self, cands: Sequence[Candidate], before: str, question: str) -> set[tuple[str, int]]:
        """The sentences that may not lead: those of `before` (the answer just read) holding none of the message's own subject
        words ("will his eyes get better" not the papilledema line again), and those naming what the question sets aside
        ("besides cidp") or opening a list that does ("The distinguishing features are subtle:" before the CIDP table),
        or going on about it in the sentence after ("The neuropathies look similar …" after CIDP is named)."""
        shown = shown_in(cands, before)
        aside_text = set_aside(question)
        words = [w for w in topic_words(question, content_words(question)) if not everyday(w)] if shown or aside_text else []
        own, aside = (set(self.search.split_terms(" ".join(w))[0]) if any(w) else set() for w in (words, [aside_text]))
        own -= aside
        held = {c.key: self.search.split_terms(c.text) for c in cands if c.key in shown or aside}  # (a sentence's own words name)
        names = {k for k, (mine, _) in held.items() if aside & set(mine)}
        after = {c.key for c in cands if aside and (prev := sentence_before(c)) and aside & set(self.search.split_terms(prev)[0])
                 and not own & {*held[c.key][0], *held[c.key][1]}}
        # a number asked after ("how long is the delay usually", "is that common"): a sentence just read leads again only
        # if it holds one, and then it may, though the message names nothing of its own ("is that common" after the
        # papilledema line, whose "up to 30%" answers it, had led with "Other findings include …", t34 dev)
        duration = bool(ASKS_DURATION.search(question))
        wants_number = bool(shown) and (answer_kind(question) is AnswerKind.NUMBER or bool(ASKS_HOW_COMMON.search(question)))
        holds = {c.key for c in cands if wants_number and c.key in shown and fit(AnswerKind.NUMBER, c.text, duration=duration)}
        numbers = {c.key for c in cands if wants_number and c.key in shown and c.key not in holds}
        return {k for k, (mine, extra) in held.items() if k in shown and k not in holds and not own & {*mine, *extra}} | names | \
            after | numbers | {c.key for c in cands if (c.chunk.id, c.i + 1) in names and is_lead_in(c.text)}

    def _echoed(self, cands: Sequence[Candidate], before: str, question: str) -> set[tuple[str, int]]:
        """The sentences of the answer just read that hold a word the follow-up asks about, which may lead again:
        "what about for women" after the hormone answer asks about its line "… menstrual irregularity or early
        menopause in women", which _shown had held back ("women" is an everyday word). Put first, ahead of the
        ranking, they cost t34's follow-ups 4 first sentences (the radiation line again for "how much radiation
        would they aim at it"); allowed to lead, not made to, the read sets' follow-ups gained (t34 whole direct
        0.455 -> 0.466, t35 whole facts 0.650 -> 0.660, t36 dev 0.603 -> 0.621) and lost nothing."""
        shown = shown_in(cands, before)
        # (every subject word, everyday ones too: "what about for women" asks after the line that names them)
        words = topic_words(question, content_words(question)) if shown else []
        own = set(self.search.query_terms(" ".join(words))) if words else set()
        return {c.key for c in cands if c.key in shown and own & set(self.search.query_terms(c.text))} if own else set()

    def _leaf_terms(self, leaf: str) -> set[str]:
        if leaf not in self._leaf_cache:
            self._leaf_cache[leaf] = set(tokens(leaf))
        return self._leaf_cache[leaf]

    def _heading_vectors(self, sections: Iterable[str]) -> dict[str, np.ndarray]:
        """Section heading paths' embeddings, each computed once, the missing ones of a question in one batch."""
        wanted = list(dict.fromkeys(sections))
        missing = [h for h in wanted if h not in self._heading_cache]
        if missing:
            vecs = self.search.embedder.embed([h.replace(" › ", ". ") for h in missing])
            with self._vec_lock:
                self._heading_cache.update(zip(missing, vecs, strict=True))
        return {h: self._heading_cache[h] for h in wanted}

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

    def candidates(self, query: str, qvec: np.ndarray, hits: Sequence[Hit], own: Iterable[str] = (),
                   follow_up: bool = False) -> list[Candidate]:
        """Every usable sentence of the hit chunks, scored; `own`: the stemmed terms a follow-up names
        itself ("and the swelling in her ankles?"), which count more than the conversation's words."""
        s = self.settings
        q_terms = set(self.search.query_terms(query))
        boost = {t: s.w_own for t in own if t in q_terms}
        # A question word the guides never use ("diet", "acupuncture") weighs in the denominator,
        # so such questions cannot look well covered. (Weighting all of a follow-up's own words cost
        # "how well does it work?" its subject, gold dev facts 0.847 -> 0.831; weighting only those that
        # are not everyday English raised the read conversation sets' facts 0.557 -> 0.567, gold unchanged.)
        q_weight = sum(self._term_weight(t) * boost.get(t, 1.0) for t in q_terms) or 1.0
        vecs = self._vectors([h.chunk.id for h in hits])
        wants_list = bool(LIST_Q.search(query))
        top = max((h.score for h in hits), default=1.0) or 1.0
        top_searched = max((h.searched for h in hits), default=1.0) or 1.0
        headings = self._heading_vectors(h.chunk.section for h in hits)
        out = []
        for h in hits:
            mat = vecs.get(h.chunk.id)
            if mat is None:
                continue
            sims = mat @ qvec
            prior = h.score / top if not h.carried else 0.6
            if states_nothing(h.chunk.section):
                continue  # bibliographies and cover pages name things but state nothing
            authority = (5 - h.chunk.authority) / 4
            heading_sim = float(headings[h.chunk.section] @ qvec)
            leaf = h.chunk.section.split(" › ")[-1]
            for i, (text, terms) in self._sentences(h.chunk):
                terms = terms | self._leaf_terms(leaf)
                kw = covered_weight(self.search, q_terms & terms, boost) / q_weight
                sim = float(sims[i])
                if wants_list and text.startswith("- "):
                    # for a list question, an item ("- Papilledema") means what its passage is
                    # about: it inherits the passage's similarity (for other questions this
                    # flooded answers with items: dev fact completeness 0.80 -> 0.75)
                    sim = max(sim, h.dense)
                score = s.w_sim * sim + s.w_kw * kw + s.w_prior * prior + s.w_authority * authority
                searched = score + s.w_prior * ((h.searched / top_searched if not h.carried else 0.6) - prior)
                out.append(Candidate(h.chunk, i, text, score, sim, kw, mat[i], prior, authority, h.dense, heading_sim,
                                     searched_score=searched))
        if (memory := self.search.memory) is not None and any(h.asked for h in hits):  # the search heard it too
            mark_asked(out, memory.votes(qvec, follow_up), memory.floor)
        return out

    def about(self, query: str, qvec: np.ndarray, texts: Sequence[str]) -> list[bool]:
        """Whether each sentence is about the question at all (assistant/relevance.py), weighed as `candidates` weighs."""
        return about_question(self.search, query, qvec, texts, self._term_weight)

    # ------------------------------------------------------------ selection
    @property
    def _expand(self) -> Callable[[str], str] | None:
        """The guides' terms for a plain word (the lay terms), when the search holds them (a test's word search may not)."""
        lay = getattr(self.search, "lay", None)
        return lay.expand if lay is not None else None

    def select(self, cands: list[Candidate], question: str, qvec: np.ndarray | None = None,
               follow_up: bool = False, shown: Collection[tuple[str, int]] = ()) -> list[Candidate]:
        """Answer first: the sentence that best gives the kind of answer asked for leads (with the
        sentence it leans on, and the one that completes it), then the best on-topic support."""
        s = self.settings
        if not cands:
            return []
        message, question = question, asked_part(question)  # the features read the whole message's term
        kind = answer_kind(question)
        is_list = asks_list(question, kind) or any(situation_openings(cands, message))  # a checklist's list, whole
        budget = s.list_chars if is_list else s.max_chars
        limit = s.list_sentences if is_list else s.max_sentences
        by_key = {c.key: c for c in cands}
        feats = lead_features(cands, message, self._leaf_terms)
        keys = [c.key for c in cands]
        # the lead is the learned weights' first choice (LEAD_WEIGHTS_FILE); the support around it is
        # chosen by the hand weights' score, whose scale keep_gap was swept on
        lead_score = dict(zip(keys, (feats @ self._hand_weights()).tolist(), strict=True))
        # (learned on questions that stand alone: a follow-up's lead is ranked by the hand weights; on the
        # gold set's follow-ups the learned ones passed 9 of 12 where the hand weights pass 10, under the gate's 0.822)
        rank = feats @ (self._hand_weights() if follow_up else self._lead_weights())
        meaning = self.settings.lead_meaning
        # (learned on all-MiniLM-L6-v2's 384 dimensions: another embedder's vectors are left to the named features)
        if qvec is not None and meaning is not None and len(meaning) == len(qvec) and not follow_up:
            rank = rank + s.meaning_scale * (meaning_features(cands, qvec) @ np.asarray(self.settings.lead_meaning, dtype=np.float64))
        asked = np.asarray([c.asked for c in cands])  # the sentences that answered questions like it (assistant.asked)
        lead_rank = dict(zip(keys, (rank + s.w_asked_lead * asked).tolist(), strict=True))
        # a sentence the reader has just read does not lead again while another can: "how fast does that go down"
        # after the swelling answer led with that answer's swelling line, "will his eyes get better" with the papilledema one
        # and a follow-up asking an outcome leads with a sentence that says it when one can ("does it cure it"
        # after the radiation answer: the line with "cure" in it, not the transplant line the memory ranked
        # above it, t20 dev); any own subject word ("treatment" in "will that come back after treatment") was
        # too many: conversations t12-t19 facts 0.583 -> 0.575
        outcomes = outcome_words(question, topic_words(question, content_words(question))) if follow_up else []
        own = set(self.search.query_terms(" ".join(outcomes))) if outcomes else set()
        holds = {c.key for c in cands if own & set(self.search.query_terms(c.text))} if own else set()
        # (a glossary line kept from leading any question but a definition cost the first sentence of t34, t35 and t36 dev
        # questions: direct 0.767 -> 0.750, 0.719 -> 0.706, 0.694 -> 0.667; the authors' core answers are often its words)
        ranked = sorted(cands, key=lambda c: (c.key in shown, bool(holds) and c.key not in holds, -lead_rank[c.key]))
        # a section headed by the asked term or letter opens the answer (headed: to_blocks, compose)
        # (the centres in a place asked about are found once: they lead, and they follow the lead, below)
        in_place = asked_place_entries(cands, message, self._expand)
        forced = {c.key for c, f in zip(cands, forced_leads(cands, message, feats, placed=in_place), strict=True) if f}
        if forced:
            ranked.sort(key=lambda c: c.key not in forced)
        best = max(lead_score.values())
        chosen: dict[tuple[str, int], Candidate] = {}

        def size() -> int:
            return sum(len(c.text) + 5 for c in chosen.values())

        def add(c: Candidate, force: bool = False) -> bool:
            if c.key in chosen or (not force and (size() + len(c.text) > budget or len(chosen) >= limit)):
                return False
            if any(float(c.vec @ o.vec) > s.dup_cos or norm(c.text) == norm(o.text) for o in chosen.values()):
                return False
            chosen[c.key] = c
            return True

        # 1. the lead: never a bare list item without its lead-in
        # and never one leaning on a sentence that cannot be shown before it, when another can lead
        lead = next((c for c in ranked if (c.key in forced or not (c.is_item and len(c.text.split()) < 8 and not self._has_lead(c, by_key)))
                     and not orphan(c, by_key)), None) or next(
            (c for c in ranked if not (c.is_item and len(c.text.split()) < 8 and not self._has_lead(c, by_key))), ranked[0])
        prev = by_key.get((lead.chunk.id, lead.i - 1))
        leaning = lead
        while prev is not None and leans_back(leaning.text) and lead.i - prev.i <= 3:
            if prev.is_item:
                # "Patients with none of these features …" leans on the whole list before it, lead-in
                # and items, not on its last item ("- Reduced DLCO …" opened "am i going to die")
                self._add_list(prev, by_key, lambda c: add(c, force=True), True)
                break
            # "This is often the single most impactful step" needs its step; and a chain of them goes
            # back to what it is about ("It is symmetrical" ← "It typically begins" ← "The neuropathy of
            # POEMS is …": the middle one alone left "It" pointing at nothing)
            add(prev, force=True)
            leaning, prev = prev, by_key.get((prev.chunk.id, prev.i - 1))
        add(lead, force=True)
        # every centre in the place asked about comes after it, and no centre elsewhere ("which hospitals in japan": Chiba and
        # Tokyo, not Beijing, t39)
        placed = {c.key for c, p in zip(cands, in_place, strict=True) if p}
        for c in cands:
            if c.key in placed:
                add(c)
        # a "why" answered by a list item comes with the list's lead-in, which says what the items come from
        # ("The excess VEGF produces most of the characteristic features:" before "- Extravascular volume overload —
        # peripheral edema…"); pooled dev cause questions facts 0.521 -> 0.552, direct 0.552 -> 0.625, none worse.
        # For every kind: facts +0.001 but direct -0.002 (a lead-in apart from its item: "arterial events are …:")
        lead_in = lead_in_of(lead, by_key) if lead.is_item and not is_list and kind is AnswerKind.CAUSE else None
        if lead_in is not None:
            add(lead_in, force=True)
        nxt = by_key.get((lead.chunk.id, lead.i + 1))
        if nxt is not None and leans_back(nxt.text) and (nxt.sim >= lead.sim - s.continuation_gap or len(nxt.text.split()) <= 8
                                                         or kind is AnswerKind.DEFINITION):
            add(nxt)  # "At follow-up, that number was zero" completes the one before; "Those cells release … VEGF" a definition
        if is_lead_in(lead.text) or (is_list and lead.is_item):
            self._add_list(lead, by_key, add, is_list)
        # 2. support: close to the lead's score, on the question's topic, and standing on its own
        bonus: dict[tuple[str, int], float] = {}
        for c in chosen.values():
            for nb in ((c.chunk.id, c.i - 1), (c.chunk.id, c.i + 1)):
                bonus[nb] = bonus.get(nb, 0.0) + s.neighbour_bonus
        # a sentence of the asked-for shape (a centre's name, a number, a list item, a cause) may support
        # from further down: "where can we get a second opinion" needs the centres named (a cause: pooled dev +1 turn)
        shaped = kind in (AnswerKind.WHO_WHERE, AnswerKind.NUMBER, AnswerKind.LIST, AnswerKind.CAUSE)
        pool = [c for c in ranked if c.key not in chosen and not (placed and centre_entry(c)) and (
                (lead_score[c.key] >= best - s.keep_gap * (2 if shaped and fit(kind, c.text) else 1)
                 and (c.sim >= s.on_topic_sim or c.kw >= s.on_topic_kw)) or self._asked_support(c))]
        while pool and len(chosen) < limit:
            c = max(pool, key=lambda x: lead_score[x.key] + bonus.get(x.key, 0.0) + s.w_asked_support * x.asked)
            pool.remove(c)
            if c.is_item and not is_list and len(c.text.split()) < 8 and not self._has_lead(c, by_key):
                continue  # a bare list item ("- Papilledema") says nothing without its lead-in
            prev = by_key.get((c.chunk.id, c.i - 1))
            if leans_back(c.text) and (prev is None or prev.key not in chosen):
                continue  # it would lean on a sentence the reader is not shown
            if not add(c):
                continue
            for nb in ((c.chunk.id, c.i - 1), (c.chunk.id, c.i + 1)):
                bonus[nb] = bonus.get(nb, 0.0) + s.neighbour_bonus
            after = by_key.get((c.chunk.id, c.i + 1))
            if after is not None and leans_back(after.text) and len(after.text.split()) <= 8:
                add(after)  # "At follow-up, that number was zero" completes "… 45% required a wheelchair" as support too
            if is_lead_in(c.text) or (is_list and c.is_item):
                self._add_list(c, by_key, add, is_list)
        ordered = answer_order(list(chosen.values()), lead, is_list)
        below = self._expansions(ordered, kind is AnswerKind.WHO_WHERE)
        return without_dangling_lead_ins(ordered, lambda c: below.get(c.key, []))

    def _expansions(self, ordered: Sequence[Candidate], who_where: bool) -> dict[tuple[str, int], list[Chunk]]:
        """The chosen sentences to follow with the groups under them (to_blocks' `below`): none when the
        lead is itself one entry ("which hospital in china": that one answers, not the directory) or the
        sentences chosen from the groups all come from one ("what are the major ones": that group)."""
        below = {c.key: g for c in ordered if (g := self._groups_below(c, who_where))}
        ids = {g.id for groups in below.values() for g in groups}
        picked = {c.chunk.id for c in ordered if c.chunk.id in ids}
        if ordered and (ordered[0].chunk.id in ids or len(picked) == 1):
            return {}
        return below

    def _groups_below(self, c: Candidate, entries: bool = False) -> list[Chunk]:
        """The list sections a passage's closing lead-in points to ("all three groups below"); with
        `entries` (a who or where question), the directory under a section's opening too."""
        k = self._place.get(c.chunk.id)
        if c.i != len(c.chunk.sentences) - 1 or k is None:
            return []
        return groups_below(c.chunk, self._in_order[k + 1:k + 2 + MAX_GROUPS], entries)

    def _lead_weights(self) -> np.ndarray:
        """The weights that rank candidates for the lead: learned (settings.lead_weights), else the hand weights."""
        if self.settings.lead_weights is not None:
            return np.asarray(self.settings.lead_weights, dtype=np.float64)
        return self._hand_weights()

    def _hand_weights(self) -> np.ndarray:
        s = self.settings
        hand = {"score": 1.0, "fit": s.w_fit,
                "fit_authority": s.w_lead_authority, "orphan": -s.lean_penalty, "long": -s.w_long, "section": s.w_section}
        return np.asarray([hand.get(name, 0.0) for name in LEAD_FEATURES], dtype=np.float64)

    def _asked_support(self, c: Candidate) -> bool:
        """Whether the questions asked before vote for `c` enough to support without the topic bar: not a
        lead-in (it would bring a whole list: the diagnostic criteria under "what do doctors mistake it for")
        nor a side of a known conflict (on the gold set's dev half that raised the conflict note on two
        questions that were not about it, precision 0.80 -> 0.57)."""
        return c.asked >= self.settings.asked_support and not is_lead_in(c.text) and c.key not in self._conflict_sides

    @staticmethod
    def _has_lead(c: Candidate, by_key) -> bool:
        return lead_in_of(c, by_key) is not None

    def _add_list(self, c: Candidate, by_key, add, is_list: bool) -> None:
        """Bring in the lead-in and the items of a list the chosen sentence belongs to."""
        i = first_item_index(c, by_key) if c.is_item else c.i
        lead = by_key.get((c.chunk.id, i - 1))
        if lead and is_lead_in(lead.text):
            before = by_key.get((c.chunk.id, i - 2))
            if leans_back(lead.text) and before is not None:
                add(before)  # "They can be further subdivided …:" needs what "they" are
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
        # a conflict is in play when either side is chosen or is a serious contender for this question, on the
        # evidence of its own words (the memory's votes moved priors: "is thyroid the main gland problem" lost
        # the hypothyroidism sentence, and with it the conflict note and the hypogonadism answer)
        best = max((c.searched_score for c in cands), default=0.0)
        contenders = keys | {c.key for c in cands if c.searched_score >= best - self.settings.keep_gap}
        for n, (_conflict, strong, weak) in enumerate(self.conflicts):
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
            # in the weaker one's place, or first unless it only introduces its groups (t15 dev: "… groups below.")
            at = next((k for k, c in enumerate(chosen) if c.key == weak), len(chosen) if is_lead_in(pool[strong].text) else 0)
            chosen = [c for c in chosen if c.key != weak]
            if strong not in {c.key for c in chosen}:
                chosen.insert(at, pool[strong])
            # said once: the other source's own sentence, never its list again (a reader saw
            # the criteria listed twice when the weaker lead-in brought its items along)
            differing.append(pool[weak])
            # (its lead-in goes with its list: a dangling "The diagnosis must have all of the following:" had opened an answer)
            chosen = [c for c in chosen if c.chunk.id != weak[0] or not (c.is_item or is_lead_in(c.text))]
            keys = {c.key for c in chosen}
        return chosen, differing

    def should_abstain(self, question: str, evidence: float, follow_up: bool = False,
                       cands: Sequence[Candidate] = (), qvec: np.ndarray | None = None) -> bool:
        """A stand-alone question: the learned abstention model, when one is packaged for this embedder;
        otherwise, and for a follow-up, the hand rules (see abstention_row)."""
        rule, row = self.abstention_row(question, evidence, follow_up, cands)
        model = self.settings.abstain_model
        if model is None or row is None or qvec is None or not cands or not model.applies(qvec):
            return rule
        # a medicine no guide names lowers the bar, and is what is asked whatever story is told (assistant.unmentioned)
        if unmentioned_drugs(question, self.search.mentions, self.search.vocab.correct):
            return model.probability(row, qvec) > model.threshold - DRUG_BAR_DROP
        if not model.refuses(row, qvec):
            return False
        # a story told before or after the question is not what it asks (see question.without_story)
        asked = without_story(question, self.search.unknown_terms)
        return not asked or (row := self.abstention_row(asked, evidence, follow_up, cands)[1]) is None or model.refuses(row, qvec)

    def abstention_row(self, question: str, evidence: float, follow_up: bool = False,
                       cands: Sequence[Candidate] = ()) -> tuple[bool, np.ndarray | None]:
        """The hand rules' decision — weak evidence, or middling evidence for a question about something
        the guides never mention — and, for a stand-alone question with candidates, its ABSTAIN_FEATURES.
        A follow-up takes its subject from the conversation, so its own odd word ("and what helps in
        the meantime?") is how it is asked, not what it is about."""
        s = self.settings
        unknown = self.search.unknown_terms(question) if not follow_up else []
        found: set[str] = set()
        if cands and not follow_up:
            # a part of daily life that no passage found for the question mentions ("how much does a transplant
            # cost": "costs" is said once, of a late diagnosis) is unknown here; the chunks' terms are cached
            chunks = {c.chunk.id: c.chunk for c in cands}.values()
            found = {t for chunk in chunks for _, (_, terms) in self._sentences(chunk) for t in terms}
        life = [w for w in life_words(self.search.lay.without_phrases(question), self.search.known_terms) if w not in unknown
                and not word_found(w, found, self.search.lay.expand)] if found else []
        # a part of daily life the guides never name ("beers", "driving") is what the question is
        # about, so a drug or symptom named beside it does not make the guides answer it
        bar = s.abstain_life_below if any(life_topic(w) for w in unknown + life) else s.abstain_unknown_below
        rule = (evidence < s.abstain_below
                # words in common and nothing close in meaning: "can she still drive" met "VEGF drives …"
                or bool(cands and max(c.sim for c in cands) < s.abstain_far_below)
                or (bool(unknown + life) and evidence < bar))
        if follow_up or not cands:
            return rule, None
        own = content_words(question)
        row = abstain_features([c.score for c in cands], [c.sim for c in cands], [c.kw for c in cands],
                               max(c.dense for c in cands), max(c.heading_sim for c in cands), len(unknown), len(life),
                               share_found(own, found, self.search.lay.expand), len(own), rule)
        return rule, row

    # ------------------------------------------------------------ main
    def compose(self, question: str, query: str, qvec: np.ndarray, hits: Sequence[Hit],
                allow_abstain: bool = True, follow_up: bool = False, learned: bool = True, before: str = "") -> Composition:
        """Compose a cited answer, or abstain when the evidence is weak (`learned`: the abstention model may
        judge; `before`: the answer the reader has just read, whose sentences do not lead again)."""
        cands = self.candidates(query, qvec, hits, self._own_terms(question) if follow_up else (), follow_up)
        evidence = max((c.score for c in cands), default=0.0)
        if not cands or (allow_abstain and self.should_abstain(question, evidence, follow_up, cands, qvec if learned else None)):
            return Composition([Block(ABSTAIN_TEXT, role="refusal")], evidence=evidence, abstained=True)
        echoed = self._echoed(cands, before, question) if follow_up else set()
        chosen = self.select(cands, question, qvec, follow_up, self._shown(cands, before, question) - echoed)
        chosen, differing = self._apply_conflicts(chosen, cands, query, qvec)
        flags: list[str] = [CONFLICT] if differing else []
        asked = asked_part(question)
        letter, listed = acronym_letter(asked), (question_subject(asked) if asks_list(asked) else None)
        # "whats the O in poems": the guides' heading "O — Organomegaly" is the answer; it heads the section's first sentence
        headed = {c.key for c in chosen[:1] if (letter and c.chunk.section.split(" › ")[-1].startswith(f"{letter} — "))
                  or (listed is not None and opens_asked_list(c, listed))}
        below = self._expansions(chosen, answer_kind(asked) is AnswerKind.WHO_WHERE)
        blocks = to_blocks(chosen, differing, headed, below, self._row_parts(chosen, query, qvec))
        blocks[len(chosen):len(chosen)] = self._definitions(chosen, question)
        return Composition(blocks, flags, evidence)

    def _row_parts(self, chosen: Sequence[Candidate], query: str, qvec: np.ndarray) -> dict[tuple[str, int], str]:
        """The leading timeline row's sentence that answers, first (assistant.timeline)."""
        return lead_row_parts(chosen, lambda parts: [sim + kw for sim, kw in closeness(self.search, query, qvec, parts, self._term_weight)])

    def _definitions(self, chosen: Sequence[Candidate], question: str) -> list[Block]:
        """The glossary's plain definition of a term the first sentences use and the question did not."""
        if not chosen or self.settings.max_definitions <= 0:
            return []
        shown, lead_text, out = {c.key for c in chosen}, " ".join(c.text for c in chosen[:2]), []
        for e in self.glossary.terms_in(lead_text, exclude=question):
            if (e.chunk.id, e.i) in shown:
                continue
            out.append(Block(e.text, BlockKind.PARAGRAPH, (Cite(e.chunk.id, (e.chunk.sentences[e.i],)),), role="glossary"))
            if len(out) >= self.settings.max_definitions:
                break
        return out

    def answer(self, request: AnswerRequest) -> Composition:
        """The Answerer seam: an extractive composition of the request's evidence."""
        return self.compose(request.question, request.query, request.vector, request.hits, allow_abstain=request.allow_abstain,
                            follow_up=request.is_follow_up, learned=not request.personal_advice, before=request.shown)


register("extractive", lambda ctx: Composer(ctx.search, ctx.sentence_vectors, ctx.conflicts, ctx.settings))
