"""A candidate sentence and how it is ranked to lead an answer: the features the lead score weighs,
and the weights learned for them (`poems-assistant lead-train`, evals/lead_train.py).

The composer (assistant/compose.py) scores every usable sentence of the retrieved passages as a
Candidate; the one that leads is the first by LEAD_FEATURES · weights plus, with learned weights,
the meaning features · their weights.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.answer_shape import (
    ASKS_DURATION,
    ASKS_EXPANSION,
    asks_list,
    asks_own_name_spelled_out,
    defines_own_term,
    fit,
    glossary_defines,
    heading_defines,
    is_lead_in,
    leans_back,
    message_focus,
    opens_letter_section,
    opens_section_on,
    spells_out_name,
)
from assistant.asked import Anchor, vote_shares
from assistant.packaged import read_packaged
from assistant.question import AnswerKind, acronym_letter, answer_kind, asked_part, topic_words
from assistant.text import content_words, stem
from core.conflicts import norm
from core.types import Chunk


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
    prior: float = 0.0  # the hit's retrieval score relative to the best hit's
    authority: float = 0.0  # (5 - the guide's authority) / 4: 1 for the strongest source
    dense: float = 0.0  # the whole passage's closeness in meaning to the question
    heading_sim: float = 0.0  # its section heading's closeness in meaning to the question
    asked: float = 0.0  # in [0, 1]: how strongly the nearest questions asked before were answered by it
    searched_score: float = 0.0  # `score` with the prior its hit earned without the memory's vote

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


# What the lead score weighs, per candidate sentence: its candidate score (the weighted sum of the next
# four, as retrieval evidence weighs them), its closeness in meaning and in words to the
# question, its hit's retrieval score, its guide's authority, whether it has the shape of the answer
# asked for (and that times authority), whether it leans on a sentence that cannot be shown, its length
# past 25 words, whether it opens the section the question names, whether it is a bare list item, the
# first of its chunk, a lead-in (":"), a sentence leaning back, and how far it is from the best
# candidate's similarity and keyword coverage, its passage's and its heading's closeness in meaning to
# the question, whether its first words name the question's subject, and how far into its chunk it is.
LEAD_FEATURES = ("score", "sim", "kw", "prior", "authority", "fit", "fit_authority", "orphan", "long", "section",
                 "bare_item", "chunk_first", "lead_in", "leans", "sim_gap", "kw_gap", "dense", "heading_sim",
                 "subject_first", "position")

LEAD_WEIGHTS_FILE = Path(__file__).resolve().parent / "data" / "lead_weights.json"


@dataclass(frozen=True)
class LeadWeights:
    """Learned weights of the lead ranking: one per LEAD_FEATURES name, one per embedding dimension."""

    features: tuple[float, ...]
    meaning: tuple[float, ...]
    embedder: str = ""  # the name of the embedder whose vectors they were learned on


class LeadWeightsError(ValueError):
    """The packaged lead weights do not fit this composer's features."""


def packaged_lead_weights(path: Path = LEAD_WEIGHTS_FILE) -> LeadWeights | None:
    """The learned lead weights (`poems-assistant lead-train` writes them); None when there are none."""
    data = read_packaged(path, LEAD_FEATURES, LeadWeightsError, "lead-train", "the hand weights")
    if data is None:
        return None
    return LeadWeights(tuple(float(v) for v in data["weights"]), tuple(float(v) for v in data.get("meaning", ())),
                       str(data.get("embedder", "")))


def lead_features(cands: Sequence[Candidate], question: str,
                  heading_terms: Callable[[str], set[str]]) -> np.ndarray:
    """One row of LEAD_FEATURES per candidate: what the lead score weighs (see LEAD_FEATURES);
    `heading_terms`: the stemmed terms of a section heading path (the composer caches them)."""
    message, question = question, asked_part(question)
    kind = answer_kind(question)
    by_key = {c.key: c for c in cands}
    focus = message_focus(message) if kind is AnswerKind.DEFINITION else ""
    expansion = bool(ASKS_EXPANSION.search(question)) and not acronym_letter(question)
    duration = bool(ASKS_DURATION.search(question))
    subject = question_subject(question)
    letter = acronym_letter(question)
    first_of: dict[str, int] = {}
    for c in cands:
        first_of[c.chunk.id] = min(c.i, first_of.get(c.chunk.id, c.i))
    subject_set = set(subject)
    top_sim = max((c.sim for c in cands), default=0.0)
    top_kw = max((c.kw for c in cands), default=0.0)
    rows = []
    for c in cands:
        shaped = 1.0 if heading_defines(c.chunk.section, c.i, focus) else fit(kind, c.text, focus, expansion, duration)
        words = len(c.text.split())
        # the whole heading path: "Treatment — First-Line Options › Localized Disease" opens a part
        # of the treatment section (its terms cached per section, as the leaf's are)
        section = (opens_letter_section(c.chunk.section, c.i, letter, first_of[c.chunk.id]) if letter else
                   opens_section_on(c.i, heading_terms(c.chunk.section), subject))
        rows.append((c.score, c.sim, c.kw, c.prior, c.authority, shaped, shaped * c.authority, orphan(c, by_key),
                     max(0, words - 25) / 25, section,
                     float(c.is_item and words < 8), float(c.i == first_of[c.chunk.id]),
                     # the learned weights read "ends with a colon", as they were trained (answer_shape.is_lead_in,
                     # which also counts "… all three groups below.", moved one conflict sentence to the front)
                     float(c.text.rstrip().endswith(":")), float(bool(leans_back(c.text))),
                     c.sim - top_sim, c.kw - top_kw, c.dense, c.heading_sim,
                     float(bool(subject_set & {stem(w) for w in content_words(" ".join(c.text.split()[:6]))})),
                     min(c.i, 10) / 10))
    return np.asarray(rows, dtype=np.float64).reshape(len(cands), len(LEAD_FEATURES))


# Capitalised words of a centre's line that are no place: its kind of institution and the disease
_NOT_PLACE = frozenset(stem(w) for w in ("clinic", "hospital", "hospitals", "university", "center", "centre", "centers", "medical",
                                         "college", "institute", "national", "cancer", "poems", "union", "program", "registry",
                                         "expert", "the", "assistance", "publique", "maintains", "published", "leading",
                                         "strong", "active", "plasma"))


# a place not wanted ("without flying to america", "apart from mayo"): the next three words
_NOT_THERE = re.compile(r"\b(?:without|apart from|other than|besides|except|outside(?: of)?|instead of|not in|rather than)\b((?:\W+\w+){1,3})")
# a heading of centres ("Expert Centers › Europe")
_CENTRES = re.compile(r"\bcent(?:re|er)s\b", re.I)
# a question after a centre, whatever its form ("any specialist centre in france", "is there anywhere in the uk that knows
# about this": a general question and a yes/no one to answer_kind)
_WHERE_CARE = re.compile(r"\b(?:specialists?|cent(?:re|er)s?|hospitals?|clinics?|experts?|anywhere|where|who)\b", re.I)


def names_asked_place(c: Candidate, places: set[str], own: set[str]) -> bool:
    """Whether a centre's entry ("Chiba University (Japan) — Leading center for …") names, in a capitalised word of its
    name or of its section's last heading ("North America"), a place the question names (`places`: the stems of the
    question's words and of the guides' terms for them; `own`: the question's words alone). Only an entry: "POEMS has been reported globally, with the
    largest cohorts published in Japan …" names Japan, and no place to go."""
    name, dash, _ = c.text.partition(" — ")
    if not dash:
        return False
    heading = c.chunk.section.split(" › ")[-1]
    proper = {stem(w.lower()) for w in re.findall(r"\b[A-Z][a-z]{2,}", name)}
    # a region heading answers only the region asked by name ("we are in europe"), not a country's wider region
    # ("any specialist centre in france" is the Paris centre's, not London's too)
    region = {stem(w.lower()) for w in re.findall(r"\b[A-Z][a-z]{2,}", heading)}
    return bool((proper - _NOT_PLACE) & places) or bool((region - _NOT_PLACE) & own)


def forced_leads(cands: Sequence[Candidate], question: str, feats: np.ndarray,
                 expand: Callable[[str], str] | None = None, placed: Sequence[bool] | None = None) -> np.ndarray:
    """Which candidates lead whatever the weights say: the opening of a section the guides head with the
    asked term ("whats carfilzomib": "Carfilzomib", then "A second-generation proteasome inhibitor.",
    whose own words score low) or with the asked letter ("whats the O in poems": "O — Organomegaly",
    whatever the weights make of the glossary's "Organomegaly — …"), and for a who-or-where question, a
    centre in the place it names ("which hospitals in japan" had led with the Beijing centre); `feats`: their
    lead_features; `expand`: the guides' terms for a plain word (the lay terms); `placed`: asked_place_entries, when the
    caller has them already."""
    message, question = question, asked_part(question)
    # ("castleman disease?? … what is it and is it related" asks what the term it opened with is)
    focus = message_focus(message) if answer_kind(question) is AnswerKind.DEFINITION or defines_own_term(message) else ""
    # the guides' own definition of the asked term leads: its section opening, or its glossary entry
    # ("what is VEGF and why do they keep testing it" had led with the workup list's "Serum VEGF")
    forced = np.array([heading_defines(c.chunk.section, c.i, focus) or glossary_defines(c.text, focus) for c in cands],
                      dtype=bool)
    if acronym_letter(question):
        forced |= feats[:, LEAD_FEATURES.index("section")] > 0
    elif asks_own_name_spelled_out(question):
        # the sentence that spells the name out leads (the acronym section's "Five letters, five clinical
        # fingerprints." had led "what do all the letters stand for", and said none of them)
        forced |= np.array([spells_out_name(c.text) for c in cands], dtype=bool)
    if asks_list(question):
        subject = question_subject(question)
        forced |= np.array([opens_asked_list(c, subject) for c in cands], dtype=bool)
    forced |= np.array(asked_place_entries(cands, message, expand) if placed is None else placed, dtype=bool)
    return forced | np.array(situation_openings(cands, message), dtype=bool)


def asked_place_entries(cands: Sequence[Candidate], message: str, expand: Callable[[str], str] | None = None) -> list[bool]:
    """Which candidates are the entries of centres in the place a question after care names ("which hospitals in japan"
    had led with the Beijing centre; `expand`: the guides' terms for a plain word, "china": Beijing)."""
    if not (answer_kind(asked_part(message)) is AnswerKind.WHO_WHERE or _WHERE_CARE.search(message)):
        return [False] * len(cands)
    # ("we're in boston, who knows about this": the place is told before the question; "without flying to america" and
    # "apart from mayo" name a place not wanted: t39 dev)
    unwanted = {w for m in _NOT_THERE.finditer(message.lower()) for w in content_words(m.group(1))}
    words = [w for w in content_words(message) if w not in unwanted]
    own = {stem(w) for w in words}
    places = own | {stem(w) for w in content_words(" ".join(expand(w) for w in words) if expand else "")}
    return [centre_entry(c) and names_asked_place(c, places, own) for c in cands]


def centre_entry(c: Candidate) -> bool:
    """Whether a line is a centre's entry, "Name (Place) — what it does": a centre's name in its shape, or under a heading
    of centres ("Assistance Publique – Hôpitaux de Paris" has no English institution word)."""
    return " — " in c.text and (bool(fit(AnswerKind.WHO_WHERE, c.text)) or bool(_CENTRES.search(c.chunk.section)))


# A checklist's sections are headed by the reader's situation ("If You Have Just Been Diagnosed", "For Family &
# Caregivers"); a message that tells that situation and asks what to do ("just diagnosed with poems, what are the
# first steps" had the checklist's one-line intro, "my wife was just diagnosed, what should we do first" one item of
# that list and the diagnostic criteria: t32 dev) is answered by its list, whole.
_SITUATION_HEADING = re.compile(r"^(?:if you|for )", re.I)
_WHAT_TO_DO = re.compile(r"\b(?:should (?:i|we|he|she|they)\b|(?:do|can) (?:i|we) do\b|(?:first|next) steps?\b|what now\b|"
                         r"do (?:now|next|first)\b|need to (?:know|do)\b|where (?:do|should) (?:i|we) (?:start|begin))", re.I)
_NOT_SITUATION = {stem(w) for w in ("poems", "syndrome", "disease", "have", "been", "just")}
# a heading's "just" asks the message for its recency ("she cries a lot since the diagnosis, … what can we do" and a carer
# "full time since the poems diagnosis" had the newly diagnosed list: pooled read sets)
_JUST = re.compile(r"\bjust\b", re.I)
_RECENT = re.compile(r"\b(?:just|newly|recently|new|last (?:week|month)|yesterday|today|this (?:week|month)|(?:few|couple of) "
                     r"(?:days|weeks) ago)\b", re.I)


def situation_openings(cands: Sequence[Candidate], message: str) -> list[bool]:
    """Which candidates open a list headed by the situation the message tells, when it asks what to do: the
    first item of a section headed "If you …" or "For …" whose every content word the message holds."""
    if not _WHAT_TO_DO.search(message):
        return [False] * len(cands)
    said = {stem(w) for w in content_words(message)}
    out = []
    for c in cands:
        leaf = c.chunk.section.split(" › ")[-1]
        terms = {stem(w) for w in content_words(leaf) if len(w) >= 4} - _NOT_SITUATION
        out.append(bool(c.is_item and c.i == 0 and _SITUATION_HEADING.match(leaf) and terms and terms <= said
                        and (_RECENT.search(message) or not _JUST.search(leaf))))
    return out


def question_subject(question: str) -> list[str]:
    """The stems of the words that say what a question is about (four letters or more)."""
    return [stem(w) for w in topic_words(question, content_words(question)) if len(w) >= 4]


def opens_asked_list(c: Candidate, subject: Sequence[str]) -> bool:
    """Whether this item opens the list a list question asks for (`subject`: its question_subject): "what
    are the minor criteria" and the section headed "Minor Criteria — At Least ONE Required", whose heading
    is its lead-in (the item leads, introduced by the heading). The section's own heading, not a larger
    one's ("what are the treatment options" is not "Older Patients")."""
    if not (c.is_item and c.i == 0):
        return False
    return bool(opens_section_on(0, {stem(w) for w in content_words(c.chunk.section.split(" › ")[-1])}, subject))


def meaning_features(cands: Sequence[Candidate], qvec: np.ndarray) -> np.ndarray:
    """Each candidate's embedding times the question's, dimension by dimension: the cosine similarity
    before it is summed, so that learned weights can count the dimensions in which a question and
    the sentence that answers it agree more than those in which a question and a sentence merely
    share a topic."""
    if not cands:
        return np.zeros((0, len(qvec)))
    return np.stack([c.vec for c in cands]).astype(np.float64) * np.asarray(qvec, dtype=np.float64)[None, :]


def orphan(c: Candidate, by_key: Mapping[tuple[str, int], Candidate]) -> float:
    """1 when a sentence leans on one before it that is not available to show with it."""
    return float(bool(leans_back(c.text)) and (c.chunk.id, c.i - 1) not in by_key)


def mark_asked(cands: Sequence[Candidate], votes: Mapping[Anchor, float], floor: float) -> None:
    """Set each candidate's `asked`: the votes (AskedMemory.votes) of the anchors it is part of or
    holds, scaled as retrieval scales a chunk's (the strongest in full when its votes sum to 1 - floor,
    the others in proportion: capped each at 1, "what else does poems get mixed up with" gave its
    neighbours' acronym sentences the same bonus as the misdiagnosis ones)."""
    got = {}
    for c in cands:
        text = (c.text[2:] if c.is_item else c.text).strip()
        got[c.key] = sum(w for a, w in votes.items() if a.source == c.chunk.source_id and (text in a.text or a.text in text))
    shares = vote_shares(got, floor)
    for c in cands:
        c.asked = shares.get(c.key, c.asked)


def sentence_before(c: Candidate) -> str:
    """The sentence just before `c` in its paragraph ("" when `c` opens one)."""
    if c.i == 0:
        return ""
    a, b = c.chunk.sentences[c.i - 1]
    return "" if "\n\n" in c.chunk.text[b:c.chunk.sentences[c.i][0]] else c.chunk.text[a:b]


def shown_in(cands: Sequence[Candidate], answer: str) -> set[tuple[str, int]]:
    """The candidates the reader has just been shown: their sentence is in `answer`, the last answer's text."""
    seen = norm(answer)
    return {c.key for c in cands if len(c.text) > 20 and norm(c.text.removeprefix("- ")) in seen} if seen else set()


def first_item_index(c: Candidate, by_key: Mapping[tuple[str, int], Candidate]) -> int:
    """The index of the first item of the run of candidate list items that ends at `c`."""
    i = c.i
    while (c.chunk.id, i - 1) in by_key and by_key[(c.chunk.id, i - 1)].is_item:
        i -= 1
    return i


def lead_in_of(c: Candidate, by_key: Mapping[tuple[str, int], Candidate]) -> Candidate | None:
    """The lead-in line ("… options include:") of the list a candidate item belongs to, when it is a candidate
    and every item between them is too."""
    lead = by_key.get((c.chunk.id, first_item_index(c, by_key) - 1))
    return lead if lead is not None and is_lead_in(lead.text) else None


def without_dangling_lead_ins(ordered: list[Candidate], groups: Callable[[Candidate], list[Chunk]] = lambda c: []
                               ) -> list[Candidate]:
    """Leave out a lead-in ("… more common than venous:") not followed by its own list, or by the sections
    under it (`groups`, shown with it by to_blocks); never every sentence."""

    def followed_by_its_list(k: int) -> bool:
        if not (k + 1 < len(ordered) and ordered[k + 1].chunk.id == ordered[k].chunk.id):
            return False
        a, b = ordered[k], ordered[k + 1]
        # … or by one item of it, the items between left out ("The excess VEGF produces most of the characteristic
        # features:" before "- Extravascular volume overload — …", which it explains)
        return b.i == a.i + 1 or (b.is_item and b.i > a.i and all(
            t.lstrip().startswith("- ") for t in a.chunk.sentence_texts()[a.i + 1:b.i]))

    kept = [c for k, c in enumerate(ordered) if not is_lead_in(c.text) or followed_by_its_list(k) or groups(c)]
    return kept or ordered


def answer_order(chosen: list[Candidate], lead: Candidate, whole_list: bool = False) -> list[Candidate]:
    """The lead's passage first, in its own order; then the rest by source strength and place."""
    first = sorted((c for c in chosen if c.chunk.id == lead.chunk.id), key=lambda c: c.i)
    rest = sorted((c for c in chosen if c.chunk.id != lead.chunk.id),
                  key=lambda c: (c.chunk.authority, c.chunk.source_id, c.start))
    # within the lead's passage, start at the lead (or the sentence it leans on)
    start = next((k for k, c in enumerate(first) if c.key == lead.key), 0)
    if start and leans_back(lead.text) and first[start - 1].i == lead.i - 1:
        start -= 1
        while start and leans_back(first[start].text) and first[start - 1].i == first[start].i - 1:
            start -= 1  # back along a chain of sentences each leaning on the one before
        # leaning on a list: start at its lead-in
        while start and first[start].is_item and first[start - 1].i == first[start].i - 1:
            start -= 1
    elif start and is_lead_in(lead.text) and first[start - 1].i == lead.i - 1:
        start -= 1  # "… all three groups below." is read after the sentence that opens its paragraph
    elif lead.is_item and not whole_list and any(is_lead_in(c.text) and not c.is_item for c in first[:start]):
        start = max(k for k, c in enumerate(first[:start]) if is_lead_in(c.text) and not c.is_item)
    elif lead.is_item and whole_list:
        # a list asked for is read in the guide's order, from its lead-in or first item, even when
        # a later item matched best. (For every question it cost more than it gave: of 10 answers
        # whose first sentence changed on the read sets, 4 came to answer and 5 stopped — "when can
        # i go back to work" lost "Many return to work" from the front.)
        while start and first[start - 1].i == first[start].i - 1 and (
                first[start - 1].is_item or is_lead_in(first[start - 1].text)):
            start -= 1
    return first[start:] + rest + first[:start]
