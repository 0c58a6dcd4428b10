"""The sentence verifier: a generated sentence is shown only when the passage it cites says it.

Rules, in order (the first that fails names the reason):
1. it cites a passage it was given ("[n]");
2. every number in it (with its unit: %, months, mg, Gy …) occurs in the sentences of the cited
   passage that it aligns with;
3. every drug or test name in it occurs there too, and the best-aligned passage sentence does not
   name a different drug or test in its place (a swapped name);
4. its polarity (a negation such as "not", "never", "without", "insufficient") agrees with the
   best-aligned passage sentence;
5. its content is supported: a weighted sum of embedding similarity to the best passage sentence
   and lexical coverage of its words (and of its weakest clause) by the aligned sentences reaches a
   threshold calibrated on the dev split of evals/verifier.jsonl (`python -m evals.verifier_eval`).

"Aligned sentences" are the passage sentences closest to the generated one (by embedding) and the
best one's neighbours, so a paraphrase that joins two adjacent sentences is still checked against
both, while a number or name from elsewhere in the passage does not count.
"""

from __future__ import annotations

import re
import threading
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np

from assistant.text import STOPWORDS, LayTerms, stem
from core import citations as cite_grammar
from core.types import Chunk, Cite

DATA = Path(__file__).parent / "data" / "medical_names.toml"


@dataclass(frozen=True)
class VerifierSettings:
    """Weights and thresholds of the support score.

    Calibrated with `python -m evals.verifier_eval --calibrate` on the dev split of
    evals/verifier.jsonl only (the heldout split is scored, never tuned on).
    """

    # Dev split (110 faithful, 101 unfaithful): these caught 90.1% with 2.7% false drops; heldout
    # 77.3% caught, 11.7% false drops (see README). Sentence-level similarity got weight 0 in the
    # grid: it still chooses which passage sentences a sentence is checked against.
    w_sim: float = 0.0  # weight of embedding similarity to the best passage sentence
    w_cov: float = 0.0  # weight of lexical coverage of the sentence by the aligned sentences
    w_clause: float = 0.9  # weight of the weakest clause's coverage (an added claim lowers it)
    w_csim: float = 0.1  # weight of the weakest clause's similarity to its best passage sentence
    w_foreign: float = 0.2  # penalty for a specific guide word the cited passage lacks
    accept_at: float = -0.148  # support score needed to show the sentence
    window_gap: float = 0.08  # passage sentences this close to the best similarity are aligned too
    window_max: int = 3  # at most this many aligned sentences (plus the best one's neighbours)


@dataclass(frozen=True)
class SentenceCheck:
    """The verdict on one generated sentence."""

    text: str  # the sentence without its [n] markers
    cited: tuple[int, ...]  # passage numbers it cited
    supported: bool
    reason: str = ""  # empty when supported; otherwise which rule failed, in words
    score: float = 0.0
    sim: float = 0.0
    coverage: float = 0.0
    clause_coverage: float = 0.0
    cites: tuple[Cite, ...] = ()  # cited chunks with the spans of the sentences that support it
    features: dict = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict:
        return {"text": self.text, "cited": list(self.cited), "supported": self.supported, "reason": self.reason,
                "score": round(self.score, 4), "sim": round(self.sim, 4), "coverage": round(self.coverage, 4),
                "clause_coverage": round(self.clause_coverage, 4)}


# ---------------------------------------------------------------- numbers

_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "twice": 2, "half": 0.5,
    "third": 1 / 3, "quarter": 0.25, "dozen": 12,
}
# "one" is left out on purpose: "one of the first trials" is not a quantity, and counting it made
# faithful sentences fail the number rule on the dev split.
_UNITS = {
    "%": "%", "percent": "%", "per cent": "%",
    "month": "month", "months": "month", "year": "year", "years": "year", "week": "week", "weeks": "week",
    "day": "day", "days": "day", "hour": "hour", "hours": "hour", "minute": "minute", "minutes": "minute",
    "mg": "mg", "g/dl": "g/dl", "gy": "gy", "pg/ml": "pg/ml", "mmhg": "mmhg", "cm": "cm", "times": "times",
}
_MEASURES = {"mg", "g/dl", "gy", "pg", "ml", "pg/ml", "mmhg", "cm", "dl"}
_UNIT_RE = r"(?:%|per ?cent\b|months?\b|years?\b|weeks?\b|days?\b|hours?\b|minutes?\b|mg\b|g/dl\b|gy\b|pg/ml\b|mmhg\b|cm\b|times\b)"
_NUM_RE = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
# a number, optionally a range ("13 to 18", "27-48"), optionally a unit ("months", "%", "-year")
_QUANTITY = re.compile(
    rf"(?<![a-z]-)(?<![\w.])({_NUM_RE})s?(?:\s*(?:-|to|and)\s*({_NUM_RE}))?(?:\s*-?\s*({_UNIT_RE}))?(?![\w])",
    re.IGNORECASE,
)


def _value(token: str) -> str:
    t = token.lower()
    v = _NUMBER_WORDS.get(t)
    if v is None:
        v = float(t)
    return f"{v:g}" if v != 1 / 3 else "1/3"


def _normalise_numbers(text: str) -> str:
    t = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    t = re.sub(r"(?<=\d),(?=\d{3}\b)", "", t)  # 1,000 -> 1000
    return re.sub(r"(?<=\d)\s*-\s*(?=[a-z])", "-", t)


def quantities(text: str) -> list[tuple[str, str]]:
    """(value, unit) pairs in a text; a range gives each end the range's unit; unit '' when none."""
    out: list[tuple[str, str]] = []
    for m in _QUANTITY.finditer(_normalise_numbers(cite_grammar.strip(text))):
        unit = _UNITS.get(re.sub(r"\s+", " ", (m.group(3) or "").lower()).replace(" ", "") or "", "")
        if m.group(3) and not unit:
            unit = _UNITS.get(m.group(3).lower().strip(), "")
        for g in (m.group(1), m.group(2)):
            if g:
                out.append((_value(g), unit))
    return out


def missing_quantity(sentence: str, evidence: str) -> str:
    """The first number of `sentence` that `evidence` lacks (same value; same unit when both have one)."""
    have = quantities(evidence)
    values = {v for v, _ in have}
    for value, unit in quantities(sentence):
        if value not in values:
            return value + (f" {unit}" if unit else "")
        if unit and not any(v == value and (u == unit or not u) for v, u in have):
            return f"{value} {unit}"
    return ""


# ---------------------------------------------------------------- names


@lru_cache(maxsize=1)
def _data() -> dict:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[str, ...], re.Pattern]:
    data = _data()
    names = sorted({_name_text(n) for key in ("drugs", "tests") for n in data[key]["names"]}, key=len, reverse=True)
    suffixes = "|".join(data["drugs"].get("suffixes", []))
    return tuple(names), re.compile(rf"\b[a-z]{{3,}}(?:{suffixes})\b") if suffixes else re.compile(r"(?!x)x")


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, tuple[str, ...]]:
    return {_name_text(k): tuple(_name_text(x) for x in v) for k, v in _data().get("same", {}).items()}


def _name_text(text: str) -> str:
    """Lower case, markers gone, hyphens and dashes as spaces: "M-protein" and "M protein" meet."""
    t = cite_grammar.strip(text).lower()
    t = re.sub(r"[\u2010-\u2015-]", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def names_in(text: str) -> set[str]:
    """Drug and test names in a text: the listed ones (assistant/data/medical_names.toml), and any
    word with a drug-name ending (-mab, -mide, -zomib …), so an invented drug is caught too."""
    listed, suffix = _names()
    low = f" {_name_text(text)} "
    found: set[str] = set()
    for n in listed:
        if re.search(rf"(?<![a-z0-9]){re.escape(n)}(?![a-z0-9])", low):
            if not any(n in f for f in found):  # "serum vegf" already covers "vegf"
                found.add(n)
    found.update(m.group(0) for m in suffix.finditer(low) if not any(m.group(0) in f for f in found))
    return found


def _has_name(name: str, text: str) -> bool:
    """The name (or its plural), or a listed way of saying the same ("heart ultrasound" for
    "echocardiogram"), is in the text."""
    low = _name_text(text)
    return any(re.search(rf"(?<![a-z0-9]){re.escape(n)}(?:e?s)?(?![a-z0-9])", low) is not None
               for n in (name, *_synonyms().get(name, ())))


@lru_cache(maxsize=1)
def _drugs() -> frozenset[str]:
    return frozenset(_name_text(n) for n in _data()["drugs"]["names"])


def name_class(name: str) -> str:
    """'drug' or 'test': a swap is a drug named in place of another drug, or a test for a test."""
    _, suffix = _names()
    return "drug" if name in _drugs() or suffix.fullmatch(name) else "test"


# ---------------------------------------------------------------- negation

# Explicit negations, and words that carry a negative meaning on their own ("spared",
# "insufficient", "preclude"), so "not enough" agrees with "insufficient" and "usually enough" does not.
_EXPLICIT = (r"not|no|never|none|nothing|neither|nor|without|cannot|can't|won't|isn't|aren't|doesn't|don't|didn't|"
             r"wasn't|weren't|hasn't|haven't|shouldn't|wouldn't|couldn't|no longer")
_IMPLICIT = (r"spared|absent|lacks?|lacking|fails?|failed|insufficient|unable|unlikely|rarely|seldom|excluded|"
             r"excluding|free of|minimal|negative|preclude[sd]?|zero|misses|missed|miss|leaves? out|left out|"
             r"incomplete|uncommon|unexplained|untreated|unknown|unclear")
_NEGATION = re.compile(rf"\b(?:{_EXPLICIT}|{_IMPLICIT})\b", re.IGNORECASE)
_IMPLICIT_RE = re.compile(rf"^(?:{_IMPLICIT})$", re.IGNORECASE)
SCOPE_WORDS = 4  # content words a negation reaches (after "not"; around "spared", "insufficient")


def negated(text: str) -> bool:
    """Whether a text says something is not so."""
    return bool(_NEGATION.search(cite_grammar.strip(text).replace("\u2019", "'")))


def negation_scopes(text: str) -> list[set[str]]:
    """For each negation in a text, the stems of the content words it reaches within its clause:
    "does not cause heavy proteinuria" → {caus, heavi, proteinuria}. A word that is negative by
    itself ("spared", "insufficient") reaches the words before it as well."""
    t = cite_grammar.strip(text).replace("\u2019", "'")
    out = []
    for clause in _CLAUSE_FOR_SCOPE.split(t):
        for m in _NEGATION.finditer(clause):
            after = [stem(w) for w in _scope_words(clause[m.end():])][:SCOPE_WORDS]
            scope = set(after)
            if _IMPLICIT_RE.match(m.group(0)):
                scope |= set([stem(w) for w in _scope_words(clause[:m.start()])][-SCOPE_WORDS:])
            out.append(scope)
    return out


def negation_disagrees(sentence: str, best: str, window: str) -> bool:
    """The sentence says "not" where the aligned passage sentences say nothing of the kind, or the
    best-aligned passage sentence negates what the sentence states plainly.

    A passage negation counts only when it is about what the sentence says: its scope shares a
    word with the sentence, or it sits in the clause the sentence matches best. So "High blood
    pressure in the lungs makes survival worse" may cite "…54 months with PH versus not reached
    without PH", but "Patients can be ruled out" may not cite "should not be excluded".
    """
    if negated(sentence):
        if not negated(window):
            return True
        # both negate: the sentence must not negate something the passage mentions without negating
        # ("recovery takes weeks, not years" against "measured in years, not weeks")
        pool = _pool(window)
        theirs = [t for t in negation_scopes(window)]
        covered_by_neg = set().union(*theirs) if theirs else set()
        for scope in negation_scopes(sentence):
            named = {w for w in scope if w in pool}
            if named and not named & covered_by_neg:
                return True
        return False
    words = {stem(w) for w in _content(sentence)} | _lay_stems(sentence)
    clauses = [c for c in _CLAUSE_FOR_SCOPE.split(cite_grammar.strip(best)) if c.strip()]
    if not clauses:
        return False
    overlap = [len({stem(w) for w in _content(c)} & words) for c in clauses]
    best_clause = overlap.index(max(overlap))
    for k, clause in enumerate(clauses):
        for scope in negation_scopes(clause):
            if scope & words or (k == best_clause and max(overlap) > 0):
                return True
    return False


# Opposites that flip a claim without a "not": "more common" / "less common", "before" / "after".
_OPPOSITES = [
    ({"more", "higher", "greater"}, {"less", "lower", "fewer"}),
    ({"increase", "increases", "increased", "rise", "rises"}, {"decrease", "decreases", "decreased", "fall", "falls", "drop", "drops"}),
    ({"better", "improve", "improves", "improved"}, {"worse", "worsen", "worsens", "worsened"}),
    ({"before"}, {"after"}),
    ({"early", "earlier", "first"}, {"late", "later", "last"}),
    ({"common", "often", "frequent", "frequently"}, {"rare", "rarely", "uncommon", "seldom"}),
    ({"gradual", "gradually", "slow", "slowly"}, {"immediate", "immediately", "sudden", "suddenly", "fast", "quickly", "rapid", "rapidly"}),
    ({"men", "male", "males"}, {"women", "female", "females"}),
]


def opposite_in(sentence: str, best: str) -> str:
    """A word of the sentence whose opposite the best-aligned passage sentence uses instead."""
    mine = set(re.findall(r"[a-z]+", cite_grammar.strip(sentence).lower()))
    theirs = set(re.findall(r"[a-z]+", cite_grammar.strip(best).lower()))
    for a, b in _OPPOSITES:
        for x, y in ((a, b), (b, a)):
            if mine & x and not mine & y and theirs & y and not theirs & x:
                return sorted(mine & x)[0]
    return ""


def _scope_words(text: str) -> list[str]:
    """Words a negation can be about: no numbers or units ("~850 pg/mL" is what is measured, not negated)."""
    return [w for w in _content(text) if re.fullmatch(r"[a-z][a-z\-]{2,}", w) and w not in _MEASURES]


def _lay_stems(text: str) -> set[str]:
    extra = _lay().expand(cite_grammar.strip(text))
    return {stem(w) for w in re.findall(r"[a-z0-9]+", extra.lower())}


# ---------------------------------------------------------------- words

_WORD = re.compile(r"[a-z0-9][a-z0-9\-]*[a-z0-9]|[a-z0-9]")
# Words that frame a plain-language sentence without carrying its claim.
_FRAME = STOPWORDS | {"guide", "guides", "passage", "doctor", "doctors", "patient", "patients", "people", "person",
                      "poems", "syndrome", "often", "usually", "may", "can", "also", "called", "known", "mean",
                      "means", "help", "helps", "important", "some", "most", "many", "called", "cause", "causes"}


def _content(text: str) -> list[str]:
    words = []
    for w in _WORD.findall(cite_grammar.strip(text).lower().replace("\u2019", "'")):
        if w in _FRAME or len(w) < 2:
            continue
        words.append(w)
    return words


@lru_cache(maxsize=1)
def _lay() -> LayTerms:
    return LayTerms()


def _covered(word: str, pool: set[str]) -> bool:
    if stem(word) in pool:
        return True
    if "-" in word and all(stem(p) in pool for p in word.split("-") if p):
        return True
    extra = _lay().expand(word)
    return bool(extra) and any(stem(t) in pool for t in re.findall(r"[a-z0-9]+", extra.lower()))


def _pool(text: str) -> set[str]:
    pool = set()
    for w in _WORD.findall(text.lower()):
        pool.add(stem(w))
        if "-" in w:
            pool.update(stem(p) for p in w.split("-") if p)
    return pool


def coverage(sentence: str, evidence: str) -> float:
    """Share of the sentence's content words found in the evidence (by stem, or by a lay term's
    clinical equivalent: "nerve" is covered by "neuropathy")."""
    words = _content(sentence)
    if not words:
        return 1.0
    pool = _pool(evidence)
    return sum(_covered(w, pool) for w in words) / len(words)


_CLAUSE_FOR_SCOPE = re.compile(r",\s+|;\s+|:\s+|\s+[-\u2013\u2014]\s+|\s+(?:but|while|whereas|although|though)\s+", re.I)
_CLAUSE = re.compile(r",\s+|;\s+|:\s+|\s+-\s+|\s+(?:and|but|because|while|which|so|although|though|whereas)\s+", re.I)


def clauses(sentence: str) -> list[str]:
    """The clauses of a sentence that carry at least two content words (none when it has only one)."""
    parts = [c.strip() for c in _CLAUSE.split(cite_grammar.strip(sentence)) if len(_content(c)) >= 2]
    return parts if len(parts) > 1 else []


def clause_coverage(sentence: str, evidence: str) -> float:
    """Coverage of the weakest clause with at least two content words: a claim added to a faithful
    sentence ("…, and it goes away without treatment") sits in a clause of its own."""
    pool = _pool(evidence)
    scores = []
    for clause in _CLAUSE.split(cite_grammar.strip(sentence)):
        words = _content(clause)
        if len(words) >= 2:
            scores.append(sum(_covered(w, pool) for w in words) / len(words))
    return min(scores) if scores else coverage(sentence, evidence)


# ---------------------------------------------------------------- the verifier


def corpus_idf(chunks: Sequence[Chunk]) -> dict[str, float]:
    """Inverse document frequency of each word stem over the chunks (BM25's smoothed form)."""
    import math

    df: dict[str, int] = {}
    for c in chunks:
        for st in _pool(c.text):
            df[st] = df.get(st, 0) + 1
    n = len(chunks) or 1
    return {st: math.log((n - d + 0.5) / (d + 0.5) + 1.0) for st, d in df.items()}


def split_cited(text: str) -> list[tuple[str, tuple[int, ...]]]:
    """Generated text → (sentence, cited numbers) pairs. A marker written after the full stop
    ("… feet. [2]") belongs to the sentence before it, not to the next one."""
    from core.sentences import split_sentences

    out: list[tuple[str, tuple[int, ...]]] = []
    for a, b in split_sentences(text):
        piece = text[a:b]
        lead = re.match(r"^(\s*\[\d+(?:\s*[,;\u2013-]\s*\d+)*\]\s*)+", piece)
        if lead and out:
            prev, nums = out[-1]
            out[-1] = (prev, tuple(dict.fromkeys(nums + tuple(cite_grammar.parse(lead.group(0))))))
            piece = piece[lead.end():]
        if piece.strip():
            out.append((piece.strip(), tuple(cite_grammar.parse(piece))))
    return out


class Verifier:
    """Checks generated sentences against the numbered passages they cite.

    >>> v = Verifier(embedder)
    >>> v.check("Nerve damage usually starts in both feet [1].", {1: chunk}).supported  # doctest: +SKIP
    True
    """

    def __init__(self, embedder, settings: VerifierSettings | None = None,
                 sentence_vectors: Callable[[Sequence[str]], dict[str, np.ndarray]] | None = None,
                 idf: Mapping[str, float] | None = None):
        self.embedder = embedder
        self.settings = settings or VerifierSettings()
        self.sentence_vectors = sentence_vectors
        self.idf = dict(idf or {})  # stem -> inverse document frequency over the guides' chunks
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def _vectors(self, chunks: Sequence[Chunk]) -> dict[str, np.ndarray]:
        with self._lock:
            have = {c.id: self._cache[c.id] for c in chunks if c.id in self._cache}
        missing = [c for c in chunks if c.id not in have]
        if missing and self.sentence_vectors is not None:
            got = self.sentence_vectors([c.id for c in missing])
            have.update({k: v for k, v in got.items() if v is not None and len(v)})
            missing = [c for c in missing if c.id not in have]
        if missing:
            texts = [t for c in missing for t in c.sentence_texts()]
            mat = self.embedder.embed(texts) if texts else np.zeros((0, 1), dtype=np.float32)
            i = 0
            for c in missing:
                n = len(c.sentences)
                have[c.id] = mat[i:i + n]
                i += n
        with self._lock:
            self._cache.update(have)
            while len(self._cache) > 4096:
                self._cache.pop(next(iter(self._cache)))
        return have

    def check(self, sentence: str, passages: Mapping[int, Chunk], cited: Sequence[int] | None = None) -> SentenceCheck:
        """Verify one sentence. `cited` defaults to the [n] markers in it."""
        return self.check_many([(sentence, tuple(cited) if cited is not None else None)], passages)[0]

    def check_many(self, items: Sequence[tuple[str, Sequence[int] | None]], passages: Mapping[int, Chunk]) -> list[SentenceCheck]:
        """Verify several sentences with one embedding call."""
        texts = [cite_grammar.strip(s).strip() for s, _ in items]
        nums = [tuple(c) if c is not None else tuple(cite_grammar.parse(s)) for s, c in items]
        parts = [clauses(t) for t in texts]
        flat = texts + [c for ps in parts for c in ps]
        vecs = self.embedder.embed(flat) if flat else []
        chunks = list({c.id: c for c in passages.values()}.values())
        mats = self._vectors(chunks)
        out, k = [], len(texts)
        for i, (t, n) in enumerate(zip(texts, nums)):
            cvecs = vecs[k:k + len(parts[i])]
            k += len(parts[i])
            out.append(self._judge(t, n, vecs[i], passages, mats, cvecs))
        return out

    def _judge(self, text: str, nums: tuple[int, ...], vec: np.ndarray, passages: Mapping[int, Chunk],
               mats: Mapping[str, np.ndarray], clause_vecs: Sequence[np.ndarray] = ()) -> SentenceCheck:
        s = self.settings
        valid = tuple(n for n in nums if n in passages)
        if not valid:
            return SentenceCheck(text, nums, False, "cites no passage" if not nums else f"cites [{nums[0]}], which was not given")
        # align: every sentence of every cited passage, by meaning (embedding) and by words
        rows: list[tuple[float, float, Chunk, int]] = []
        for n in dict.fromkeys(valid):
            ch = passages[n]
            mat = mats.get(ch.id)
            if mat is None or not len(mat):
                continue
            sims = mat @ vec
            texts = ch.sentence_texts()
            for i in range(min(len(sims), len(texts))):
                sim = float(sims[i])
                rows.append((sim + coverage(text, texts[i]), sim, ch, i))
        if not rows:
            return SentenceCheck(text, valid, False, "the cited passage has no sentences")
        rows.sort(key=lambda r: -r[0])
        best_align, _, best_chunk, best_i = rows[0]
        best_sim = max(r[1] for r in rows)
        window = [(c, i) for al, _, c, i in rows[: s.window_max] if al >= best_align - s.window_gap]
        for j in (best_i - 1, best_i + 1):
            if 0 <= j < len(best_chunk.sentences) and (best_chunk, j) not in window:
                window.append((best_chunk, j))
        evidence = " ".join(c.sentence_texts()[i] for c, i in window)
        best_text = best_chunk.sentence_texts()[best_i]
        cited_chunks = list({passages[n].id: passages[n] for n in valid}.values())
        headings = " ".join(dict.fromkeys(c.section for c in cited_chunks))
        whole = " ".join(c.text for c in cited_chunks) + " " + headings
        cov = coverage(text, evidence + " " + headings)
        ccov = clause_coverage(text, evidence + " " + headings)
        foreign = self._foreign(text, whole)
        # the weakest clause's best match anywhere in the cited passages: an added claim matches nothing
        all_mats = [mats[c.id] for c in cited_chunks if mats.get(c.id) is not None and len(mats[c.id])]
        csim = min((float(max((m @ cv).max() for m in all_mats)) for cv in clause_vecs), default=best_sim) if all_mats else best_sim
        score = (s.w_sim * best_sim + s.w_cov * cov + s.w_clause * ccov + s.w_csim * csim - s.w_foreign * foreign)
        feats = {"sim": best_sim, "coverage": cov, "clause_coverage": ccov, "foreign": foreign, "clause_sim": csim}
        cites = self._cites(window)
        base = dict(text=text, cited=valid, score=score, sim=best_sim, coverage=cov, clause_coverage=ccov,
                    cites=cites, features=feats)

        missing = missing_quantity(text, evidence)
        if missing:
            return SentenceCheck(supported=False, reason=f"the number {missing} is not in the cited passage", **base)
        mine = names_in(text)
        absent = sorted(n for n in mine if not _has_name(n, whole))
        if absent:
            return SentenceCheck(supported=False, reason=f"{absent[0]} is not named in the cited passage", **base)
        theirs = {n for n in names_in(best_text) if not _has_name(n, text)}
        for n in sorted(n for n in mine if not _has_name(n, best_text)):
            other = sorted(t for t in theirs if name_class(t) == name_class(n))
            if other:
                return SentenceCheck(supported=False, reason=f"the cited sentence is about {other[0]}, not {n}", **base)
        if negation_disagrees(text, best_text, evidence):
            return SentenceCheck(supported=False, reason="a negation disagrees with the cited passage", **base)
        flipped = opposite_in(text, best_text) or opposite_in(text, evidence)
        if flipped:
            return SentenceCheck(supported=False, reason=f"the cited passage says the opposite of {flipped!r}", **base)
        if score < s.accept_at:
            return SentenceCheck(supported=False, reason=f"weak support ({score:.2f} < {s.accept_at:.2f})", **base)
        return SentenceCheck(supported=True, **base)

    def _foreign(self, text: str, passage: str) -> float:
        """How specific the most specific word is that the sentence brings and the passage lacks,
        counting only words the guides use elsewhere ("liver" cited to a passage about plasma
        cells): 0 when there is none. Words the guides never use are left to coverage, because
        plain-language paraphrases are full of them."""
        if not self.idf:
            return 0.0
        pool = _pool(passage)
        worst = 0.0
        for w in _content(text):
            st = stem(w)
            if st in self.idf and not _covered(w, pool):
                worst = max(worst, self.idf[st])
        top = max(self.idf.values()) or 1.0
        return worst / top

    @staticmethod
    def _cites(window: Sequence[tuple[Chunk, int]]) -> tuple[Cite, ...]:
        """The cited chunks, in order of alignment, each with the spans of its aligned sentences
        (only the best-aligned sentence's chunk and any others in the window)."""
        spans: dict[str, list[tuple[int, int]]] = {}
        for c, i in window[:1] + [w for w in window[1:]]:
            spans.setdefault(c.id, []).append(c.sentences[i])
        return tuple(Cite(cid, tuple(sorted(set(sp)))) for cid, sp in spans.items())
