"""Clauses and what they say: negation and opposites, overclaiming words, and how much of a
sentence (and of its weakest clause) the aligned passage sentences cover."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.text import STOPWORDS, LayTerms, stem
from assistant.verify.quantities import _NUMBER_WORDS, _fold
from core import citations as cite_grammar
from core.types import Chunk

_CLAUSE_SPLIT = re.compile(
    r"\s*(?:[,;:()]|\s[-\u2013\u2014]\s|\u2014|(?<=[.!?])\s+(?=[A-Z]))\s*"
    r"|\s+(?=(?:but|while|whereas|although|though|because|since|unlike|however|yet|so that|which|who|"
    r"meaning|especially|even if|even though|so (?:other|they|it|the|a|an|we|you|this|these|those)|so that)\b)",
    re.I,
)
# Explicit negators. Their scope runs to the end of the clause, or to the first word of the
# lexicon below (the negation attaches to it: "not common", "never fully").
_NEGATOR = re.compile(
    r"\b(?:not|no|never|none|nothing|nobody|neither|nor|without|cannot|no longer|instead of|rather than|"
    r"[a-z]+n't|cant|wont|dont|doesnt|isnt|arent|didnt|wasnt|werent|hasnt|havent|shouldnt|wouldnt|couldnt)\b",
    re.I,
)
_NOT_NEGATING = re.compile(r"\bnot (?:only|just)\b|\bno (?:doubt|matter)\b", re.I)

# Opposites in general English: each concept has words that say it (+1) and words that say its
# opposite (-1). "spared" is the opposite of "damaged", "insufficient" of "enough", so a plain
# paraphrase with "not" agrees with a passage that uses the opposite word, and a flipped one does not.
_CONCEPTS: dict[str, tuple[str, str]] = {
    "frequency": ("common commonly often frequent frequently seen occur occurs happen happens observed", "rare rarely uncommon seldom infrequent infrequently hardly"),
    "amount": ("most many majority much lot lots", "few little minority"),
    "size": ("large larger big bigger huge enlarged enlarge enlargement massive bulky grow grew grown",
             # (support that fades against support that grows: a probe written by hand after verifier_v31 dev, whose own
             # "interest … is fading" says "little" beside it and is still missed)
             "small smaller tiny shrunk shrink shrinks shrinking shrank shrunken fading waning dwindling"),
    "severity": ("severe serious bad badly dangerous", "mild slight slightly minor light subtle"),
    "level": ("high higher elevated raised raise raises increase increased increases rise rises rising more "
              "greater above",
              "low lower lowers lowered reduce reduced reduces decrease decreased decreases drop drops dropped fall "
              "falls falling less fewer below declining decline"),
    "outcome": ("better improve improves improved improvement improving good encouraging effective hopeful "
                "promising helpful benefit benefits excellent",
                "worse worsen worsens worsened worsening poor poorly discouraging disappointing ineffective harmful"),
    "speed": ("fast faster quick quickly rapid rapidly immediate immediately sudden suddenly soon promptly",
              "slow slowly slower gradual gradually"),
    "order": ("before prior", "after afterwards"),
    "rank": ("first", "last"),
    "timing": ("early earlier", "late later"),
    "likeness": ("alike same similar similarly", "unlike different differently differs contrast distinct"),
    "whole": ("all every always everyone everybody entire entirely completely complete fully full whole totally",
              "some sometimes partial partially partly incomplete occasionally"),
    "ease": ("easy easily simple straightforward", "hard difficult difficulty challenging notoriously"),
    "malignancy": ("cancer cancerous malignant", "benign harmless noncancerous"),
    "need": ("must should required require requires need needed needs necessary essential mandatory warrants",
             "optional unnecessary needless"),
    "harm": ("damaged affected affect affects harmed involved involvement injured",
             "spared unaffected unharmed uninvolved intact"),
    "inclusion": ("include included includes including count counts counted", "exclude excluded excludes excluding"),
    "detection": ("find finds found detect detects detected detectable catch catches caught picks shows visible",
                  "miss misses missed undetected undetectable"),
    "presence": ("present", "absent missing lacking lacks lack"),
    "knowledge": ("known understood clear certain", "unknown unclear uncertain"),
    "sufficiency": ("enough sufficient adequate", "insufficient inadequate"),
    "ability": ("able", "unable"),
    "likelihood": ("likely probable", "unlikely improbable"),
    "endorsement": ("recommended recommend recommends advised preferred prefer prefers favoured favored",
                    "discouraged avoid avoided"),
    "success": ("works worked succeeds succeeded", "fails failed failure"),
    "sex": ("men male males man", "women female females woman"),
    "reversal": ("reversible reversed reverses reverse", "permanent irreversible"),
    "tolerance": ("tolerated tolerable", "intolerable"),
    "strength": ("strong stronger strength strengthen", "weak weaker weakness weaken weakens"),
    "continuation": ("ongoing continue continues continued continuing", "stopped halted ended discontinued"),
    "status": ("approved licensed standard routine established", "experimental investigational trial trials studied"),
    "duration": ("long lasting prolonged chronic lifelong long-lasting", "short brief temporary short-lived transient"),
    # bone that hardens or thins ("make bones thinner and weaker" against "cause your bones to harden or thicken",
    # verifier_v28 dev)
    "density": ("harden hardened hardening hardens thicken thickened thickening thickens thicker sclerotic dense denser",
                "thin thinner thinned thinning thins soften softened softening brittle fragile"),
}
# Phrases read as one word first, so their parts do not count on their own.
_PHRASES = [
    (r"\bright away\b", "immediately"), (r"\bjust like\b", "alike"),
    # "most of all" is "especially", no claim about all ("The pain can be very bad, most of all at night" for "Pain can be
    # severe, especially at night", verifier_v33 dev)
    (r"\bmost of all\b", "especially"),
    (r"\bruled? out\b|\brules out\b|\bruling out\b", "excluded"), (r"\bleft out\b|\bleaves? out\b", "excluded"),
    (r"\bfree of\b", "without"), (r"\bin contrast\b", "contrast"), (r"\bnon-?cancerous\b", "noncancerous"),
    (r"\bwell tolerated\b", "tolerated"), (r"\bhard to tolerate\b", "intolerable"),
    (r"\bmore often\b", "frequently"), (r"\bless often\b", "rarely"), (r"\bmost often\b", "frequently"),
    (r"\bless common\b", "uncommon"), (r"\bmore common\b", "frequent"),
    # everywhere is no claim about every one ("found all over the world" for "reported globally"), and not needing
    # all of them is "not all … must" said the other way round (verifier_v8-v27, faithful paraphrases dropped)
    (r"\ball (?:over|around|across) the (?:world|globe)\b", "worldwide"),
    (r"\b(?:do|does|did)(?:n't|nt| not) (?:need|have) to (?:have|show|meet) all\b", "need not all"),
    # a condition named in plain words is no level said of something ("a low red blood cell count is fairly uncommon"
    # for "Anemia is relatively uncommon"; "less extra fluid" for "a decrease in … excess fluid buildup")
    (r"\blow (?:red )?blood(?: cell)? counts?\b|\blow red (?:blood )?cells?\b|\blow haemoglobin\b|\blow hemoglobin\b", "anemia"),
    # a kind of disease, not how often one is met ("burnout is uncommon in rare diseases" against "real and common in
    # rare disease" had both signs of frequency, verifier_v28 dev)
    (r"\b(?:in|with|of|for|across) rare diseases?\b", "in raredisease"),
    (r"\bnone of (?:these|those|the|them|their)\b", "no"), (r"\buntreated\b", "not treated"), (r"\bundiagnosed\b", "not diagnosed"), (r"\bunexplained\b", "not explained"),
    (r"\bunable to\b", "cannot"), (r"\bfail(?:s|ed)? to\b", "not"), (r"\bpart of\b", "included in"),
    # chosen case by case is no one way for all ("the same no matter where the cells are" against "chosen depending on
    # how localised", verifier_v22 dev)
    (r"\bdepend(?:s|ing|ent)? (?:on|upon)\b", "differs"),
]
_POLAR: dict[str, tuple[str, int]] = {}
for _concept, (_pos, _neg) in _CONCEPTS.items():
    for _w in _pos.split():
        _POLAR[_w] = (_concept, 1)
    for _w in _neg.split():
        _POLAR[_w] = (_concept, -1)
# Other forms of the same words ("improvements", "lowering", "worsened"), made by adding an ending,
# so "several" is not read as "severe" nor "option" as "optional".
_POLAR_FORMS: dict[str, tuple[str, int]] = {}
for _w, _cs in list(_POLAR.items()):
    _bases = {_w, _w[:-1]} if _w.endswith("e") else {_w}
    if _w.endswith("y"):
        _bases.add(_w[:-1] + "i")
    for _b in _bases:
        for _end in ("s", "es", "d", "ed", "ing", "ment", "ments", "er", "est", "ly"):
            _POLAR_FORMS.setdefault(_b + _end, _cs)


def _polar(word: str) -> tuple[str, int] | None:
    """The concept and sign of a word of the lexicon (or of another form of one), else None."""
    return _POLAR.get(word) or _POLAR_FORMS.get(word)
# A negation reaching one of these keeps going: "not all patients are cancerous" negates both.
_QUANTIFIERS = {"all", "every", "always", "everyone", "everybody", "each"}
# Function words: never the word a negation is about.
_FUNCTION = frozenset("""a an the this that these those it its they them their there here he she his her we our us you
your i me my is are was were be been being am do does did doing have has had having will would shall should can could
may might must of in on at by for with to from into onto over under about as than then so and or if when whether
any some such very just also too even still yet ever much more most quite rather what which who whom whose how why
where get gets got go goes going but because while through via across along among within upon per toward towards against between
both either other others another like only one up""".split())
# Words that say something is not so, for `negated` (the rule itself works through the lexicon).
_NEGATIVE_WORDS = {w for w, (_, s) in _POLAR.items() if s < 0 and _ in (
    "frequency", "harm", "inclusion", "detection", "presence", "knowledge", "sufficiency", "ability", "likelihood",
    "success")} | {"spared", "insufficient", "unable", "unlikely", "fails", "failed", "preclude", "precludes",
                    "precluded", "zero", "minimal", "unexplained", "untreated"}


def _polar_text(text: str) -> str:
    t = _fold(cite_grammar.strip(text))
    t = re.sub(r"(?<=\w)n't\b", " not", t)
    for pattern, word in _PHRASES:
        t = re.sub(pattern, word, t)
    # "Like bortezomib, …" compares; "drugs like lenalidomide" only gives an example
    t = re.sub(r"^\s*like\b", "alike", t)
    return t


def negated(text: str) -> bool:
    """Whether a text says something is not so ("not", "never", "without", "insufficient", "spared" …)."""
    t = _polar_text(text)
    if _NEGATOR.search(_NOT_NEGATING.sub(" ", t)):
        return True
    return any(w in _NEGATIVE_WORDS for w in re.findall(r"[a-z]+", t))


@dataclass(frozen=True)
class Clause:
    """One clause: its content stems, which of them a negation is about, and its polar words."""

    text: str
    stems: frozenset[str]  # content-word stems (with plain-word equivalents), polar words left out
    negated: frozenset[str]  # the stems a negation is about (none when it is about a polar word)
    polar: tuple[tuple[str, int], ...]  # (concept, +1/-1) after negation
    has_negator: bool = False  # an explicit "not", "no", "never" … in the clause
    literal: frozenset[str] = frozenset()  # the stems of its own words, without plain-word equivalents
    negates_polar: bool = False  # a negation here is about a polar word ("not common", "no longer recommended")
    heads: frozenset[str] = frozenset()  # stems of the plain words a negation is first about ("cause" of "does not cause")


def split_clauses(text: str) -> list[str]:
    """Clauses of a text (sentence or passage sentence). A one-word piece is a list item and joins
    the next one: "Gabapentin, pregabalin, duloxetine, or tricyclic antidepressants for pain" is one."""
    parts = [p.strip(" .-\u2013\u2014") for p in _CLAUSE_SPLIT.split(cite_grammar.strip(text)) if p]
    parts = [p for p in parts if p and re.search(r"[A-Za-z]{2}", p)]
    out: list[str] = []
    carry = ""
    for p in parts:
        last = re.findall(r"[a-z]+", _fold(p))[-2:]
        # a list item of one word, or "a small, biologically quiet clone": an adjective list cut by a comma
        if len(p.split()) == 1 or (len(last) == 2 and last[0] in ("a", "an", "the") and _polar(last[1])):
            carry = f"{carry}, {p}" if carry else p
            continue
        out.append(f"{carry}, {p}" if carry else p)
        carry = ""
    if carry:
        if out and len(carry.split()) == 1:
            out[-1] = f"{out[-1]}, {carry}"
        else:
            out.append(carry)
    return out


@lru_cache(maxsize=8192)
def clause_of(text: str) -> Clause:
    """A clause's content stems, the stems its negations are about, and its polar words.

    "not", "never", "none" … are about the first word of the lexicon among the next three content
    words ("not considered enough" is about "enough"), else about the next content word ("does not
    cause"); hedging adverbs ("typically") are skipped. "no" and "without" are about the noun
    phrase that follows ("no disseminated bone marrow involvement" is about "involvement", "without
    further workup" about "further workup"). "Not all X are Y" says some X are not Y, so a negated
    "all" flips the clause's other polar words too.
    """
    t = _NOT_NEGATING.sub(" ", _polar_text(text))
    tokens = re.findall(r"[a-z0-9][a-z0-9\-]*", t)
    joined = " ".join(tokens)
    neg_at: dict[int, int] = {}  # token index of a negator -> its length in tokens
    for m in _NEGATOR.finditer(joined):
        neg_at[len(joined[: m.start()].split())] = len(m.group(0).split())
    inside = {i for a, n in neg_at.items() for i in range(a, a + n)}
    polar_at: dict[int, tuple[str, int]] = {i: p for i, tok in enumerate(tokens) if i not in inside and (p := _polar(tok))}
    content = [i for i, tok in enumerate(tokens) if i not in inside and len(tok) > 1
               and (i in polar_at or tok not in _FUNCTION)]
    flip: set[int] = set()  # token indices a negation is about
    first: set[int] = set()  # the first plain word each negation is about
    all_negated = False
    for a, n in sorted(neg_at.items()):
        nxt = [i for i in content if i >= a + n]
        if not nxt:
            continue
        if tokens[a] in _DETERMINER_NEGATORS:
            phrase = []
            for i in range(a + n, len(tokens)):
                if i not in content:
                    break
                phrase.append(i)
            # "without more tests": a quantity word inside the phrase does not take the negation
            polar_in = [i for i in phrase if i in polar_at and polar_at[i][0] not in ("level", "amount")]
            if polar_in:
                flip.add(polar_in[-1])
            else:
                flip.update(phrase)
                first.update(phrase)
            continue
        # "not considered enough" is about "enough"; "does not cause a lot of" is about "cause"
        ahead = [i for i in nxt[:3] if i in polar_at and polar_at[i][0] not in ("level", "amount")]
        if ahead:
            flip.add(ahead[0])
            all_negated |= tokens[ahead[0]] in _QUANTIFIERS
            continue
        heads = [i for i in nxt if not (tokens[i].endswith("ly") and i not in polar_at)]
        if heads and heads[0] in polar_at:
            flip.add(heads[0])
        elif heads:
            # the word it is about and what follows it in the clause: "does not cause symptoms"
            # and "causes no symptoms" then agree on "symptoms"
            flip.update(i for i in heads if i not in polar_at)
            first.add(heads[0])
    stems, literal, negs, polar, head_stems = set(), set(), set(), [], set()
    for i in content:
        tok = tokens[i]
        if i in polar_at:
            concept, sign = polar_at[i]
            negated_here = (i in flip) != (all_negated and tok not in _QUANTIFIERS)
            polar.append((concept, -sign if negated_here else sign))
            continue
        if tok in _TOPIC_WORDS:
            continue
        literal.add(stem(tok))
        for st in {stem(tok)} | _lay_stems(tok):
            stems.add(st)
            if i in flip:
                negs.add(st)
            if i in first:
                head_stems.add(st)
    return Clause(text, frozenset(stems), frozenset(negs), tuple(polar), bool(neg_at), frozenset(literal),
                  any(i in polar_at for i in flip), frozenset(head_stems))


_TOPIC_WORDS = {"poems", "syndrome", "patient", "patients", "people", "person"}
_DETERMINER_NEGATORS = {"no", "without"}


def _near(clause: str, concept: str, lay: bool = True) -> set[str]:
    """Content stems (with plain-word equivalents) within three content words of a polar word of
    the concept: what the polar word is said of. A clause of five content words or fewer is all near."""
    toks = [w for w in re.findall(r"[a-z0-9][a-z0-9\-]*", _polar_text(clause))
            if (w not in _FUNCTION or _polar(w)) and not _NEGATOR.fullmatch(w) and w not in _TOPIC_WORDS]
    plain = [w for w in toks if not _polar(w)]
    out: set[str] = set()
    for i, tok in enumerate(toks):
        if (_polar(tok) or ("", 0))[0] != concept:
            continue
        around = plain if len(plain) <= 5 else [w for w in toks[max(0, i - 3): i + 4] if not _polar(w)]
        for w in around:
            out.add(stem(w))
            if lay:
                out |= _lay_stems(w)
    return out


def polarity_conflict(sentence: str, evidence: Sequence[str]) -> str:
    """How the sentence's polarity disagrees with the evidence ('' when it does not).

    Each clause of the sentence is matched with the evidence clauses that share two or more of its
    content words (and with the single best one): a shared word that one side negates and the other
    states plainly — with no well-matched evidence clause agreeing with the sentence on it — is a
    disagreement; so is a clause that negates something where its best counterpart negates nothing,
    unless another clause on that side negates about the same words ("start early instead of
    waiting" against "begin early — don't wait"). A negation about a polar word on one side and
    about a plain word on the other is compared through the lexicon only: "cannot have a transplant
    right away" and "not immediately transplant-eligible" word their negations differently.

    Opposites are compared with the best-matched evidence clause and with every evidence clause
    whose words around the polar word share two or more with the sentence's (or whose sentences do,
    when both clauses are short): a concept the sentence gives one sign where the evidence gives
    only the other is a disagreement.
    """
    ev = [(clause_of(c), s) for s in evidence for c in split_clauses(s)]
    if not ev:
        return ""
    own = [clause_of(p) for p in split_clauses(sentence)]
    for mine in own:
        if not mine.stems and not mine.polar:
            continue
        concepts = {c for c, _ in mine.polar}
        best, key = None, (0.0, 0)
        for k, (c, _) in enumerate(ev):
            shared = mine.stems & c.stems
            if not shared:
                continue
            weight = len(mine.literal & c.literal) + 0.5 * len(shared - (mine.literal & c.literal)) \
                + 1.25 * len(concepts & {cc for cc, _ in c.polar})
            if (weight, -k) > key:
                best, key = c, (weight, -k)
        matched = [c for c, _ in ev if c is best or len(mine.literal & c.literal) >= 2]
        # what one side's negation is first about, stated plainly on the other side (unless that side
        # negates too, through a polar word: "not part of the name" and "aren't in the name")
        if best is not None and mine.heads and not (best.negates_polar and not best.heads):
            for st in sorted(mine.heads & best.stems - best.negated):
                if mine.negated & best.negated or any(st in o.negated for o in matched):
                    continue
                return f"not {st!r} disagrees with the cited passage"
        for c in matched:
            if not c.heads or (mine.negated & c.negated) or (mine.negates_polar and not mine.heads):
                continue
            for st in sorted(c.heads & mine.stems - mine.negated):
                if any(st in o.negated for o in own):
                    continue
                return f"{st!r} disagrees with the cited passage, which says not"
        if best is not None and len(mine.stems & best.stems) >= 2 and mine.has_negator != best.has_negator:
            neg, others = (mine, [c for c, _ in ev]) if mine.has_negator else (best, own)
            plain = best if neg is mine else mine
            if (neg is mine or neg.negated & plain.stems) and neg.negated and not any(c.has_negator and c.stems & neg.stems for c in others if c is not neg):
                return "the sentence says 'not' where the cited passage does not" if neg is mine else \
                    "the cited passage says 'not' where the sentence does not"
        for concept in concepts:
            signs_here = {sg for c, sg in mine.polar if c == concept}
            if len(signs_here) > 1:
                continue
            (sign,) = signs_here
            near, near_lit = _near(mine.text, concept), _near(mine.text, concept, lay=False)
            signs = set()
            for c, s in ev:
                if concept not in {cc for cc, _ in c.polar}:
                    continue
                if c is best:
                    related = bool(near & _near(c.text, concept))
                elif len(mine.stems) <= 2 and len(c.stems) <= 3:
                    related = len(_sentence_stems(sentence) & _sentence_stems(s)) >= 2
                else:
                    # another clause about the same words, unless the best-matched one already says
                    # something of the same sign ("leaves out" against "misses")
                    related = len(near_lit & _near(c.text, concept, lay=False)) >= 2 and not (
                        best is not None and any(sg == sign for _, sg in best.polar))
                if related:
                    signs |= {sg for cc, sg in c.polar if cc == concept}
            if signs == {-sign}:
                return f"the cited passage says the opposite ({concept})"
    return ""


@lru_cache(maxsize=8192)
def _sentence_stems(text: str) -> frozenset[str]:
    return frozenset(st for c in split_clauses(text) for st in clause_of(c).stems)


# Words that claim more than a hedge, and the words in a passage that carry the same strength.
_STRONG = {
    "always": "always all every everyone invariably", "every": "every all each everyone always",
    "everyone": "everyone every all each always", "all": "all every each both everyone whole always",
    "only": "only alone sole solely single just exclusively specific",
    "cure": "cure cures cured curative", "cures": "cure cures cured curative", "cured": "cure cures cured curative",
    "completely": "completely complete fully full entirely totally zero", "entirely": "entirely completely fully",
    "fully": "fully full completely entirely", "guaranteed": "guaranteed", "certainly": "certainly definitely",
    "definitely": "definitely certainly", "permanently": "permanently permanent forever", "forever": "forever permanent",
}


def overclaim(sentence: str, evidence: str) -> str:
    """A strong word of the sentence ("always", "only", "cure") with nothing as strong in the evidence."""
    t = _polar_text(sentence)
    if _NEGATOR.search(t):
        t = re.sub(r"\b(?:not|never|no)\s+(?:\w+\s+)?(?:all|every|always|only|completely|fully|entirely)\b", " ", t)
    # "every 3 months", "in every 100,000" count; "different for everyone" quantifies nothing
    t = re.sub(r"\bevery\s+(?=\d|other\b|few\b|(?:" + "|".join(_NUMBER_WORDS) + r")\b)", " ", t)
    # "for every woman who develops it, roughly two men do" gives a ratio ("2:1 male-to-female", verifier_v32 dev)
    t = re.sub(r"\bfor every\b(?=[^.;]{0,60}\b(?:\d+|" + "|".join(_NUMBER_WORDS) + r")\b)", " ", t)
    t = re.sub(r"\b(?:all|every|everyone)\b(?=\s*(?:[.,;:!?]|$))", " ", t)
    # "only 33 months" says how little, not that nothing else is so
    t = re.sub(r"\bonly\s+(?=\d|(?:about|around|a few|" + "|".join(_NUMBER_WORDS) + r")\b)", " ", t)
    mine = set(re.findall(r"[a-z]+", t))
    theirs = set(re.findall(r"[a-z]+", _fold(evidence)))
    # "not … outside of trials" says "only inside them": a negated exception is as strong as "only"
    if re.search(r"\b(?:not|never|no)\b.{0,40}\b(?:outside|except|unless|other than)\b", _fold(evidence)):
        theirs.add("only")
    for w in sorted(mine & _STRONG.keys()):
        if not set(_STRONG[w].split()) & theirs:
            return w
    return ""


# ---------------------------------------------------------------- words

_WORD = re.compile(r"[a-z0-9][a-z0-9\-]*[a-z0-9]|[a-z0-9]")
# Words that frame a plain-language sentence without carrying its claim.
_FRAME = STOPWORDS | {"guide", "guides", "passage", "doctor", "doctors", "patient", "patients", "people", "person",
                      "poems", "syndrome", "often", "usually", "may", "can", "also", "called", "known", "mean",
                      "means", "help", "helps", "important", "some", "most", "many", "cause", "causes",
                      "according", "says", "say"}


def _content(text: str) -> list[str]:
    words = []
    for w in _WORD.findall(_fold(cite_grammar.strip(text))):
        if w in _FRAME or len(w) < 2:
            continue
        words.append(w)
    return words


@lru_cache(maxsize=1)
def _lay() -> LayTerms:
    return LayTerms()


@lru_cache(maxsize=16384)
def _lay_stems(text: str) -> frozenset[str]:
    extra = _lay().expand(text)
    return frozenset(stem(w) for w in re.findall(r"[a-z0-9]+", extra.lower()))


def _covered(word: str, pool: set[str]) -> bool:
    if stem(word) in pool:
        return True
    if "-" in word and all(stem(p) in pool for p in word.split("-") if p):
        return True
    return bool(_lay_stems(word) & pool)


def _pool(text: str) -> set[str]:
    pool = set()
    for w in _WORD.findall(_fold(text)):
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


def clauses(sentence: str) -> list[str]:
    """The clauses of a sentence that carry at least two content words (none when it has only one)."""
    parts = [c for c in split_clauses(sentence) if len(_content(c)) >= 2]
    return parts if len(parts) > 1 else []


def clause_coverage(sentence: str, evidence: str) -> float:
    """Coverage of the weakest clause with at least two content words: a claim added to a faithful
    sentence ("…, and it goes away without treatment") sits in a clause of its own."""
    pool = _pool(evidence)
    scores = []
    for clause in re.split(r"\s+(?:and|or)\s+", " ; ".join(split_clauses(sentence))):
        for part in clause.split(" ; "):
            words = _content(part)
            if len(words) >= 2:
                scores.append(sum(_covered(w, pool) for w in words) / len(words))
    return min(scores) if scores else coverage(sentence, evidence)


def unsupported_clause(sentence: str, evidence: str, min_words: int = 4) -> str:
    """A clause of `min_words` or more content words none of which the evidence has (by stem or lay
    term): a claim added to a faithful sentence ("…, and you will need to fast beforehand") says
    nothing the passage says. '' when every clause shares a word with it. (Four words: at three, 31-40
    more unfaithful sentences were caught on the verifier sets but 23-29 more faithful ones dropped.)"""
    pool = _pool(evidence)
    for clause in split_clauses(sentence):
        words = _content(clause)
        if len(words) >= min_words and not any(_covered(w, pool) for w in words):
            return clause.strip()
    return ""


# ---------------------------------------------------------------- the verifier


def corpus_idf(chunks: Sequence[Chunk]) -> dict[str, float]:
    """Inverse document frequency of each word stem over the chunks (BM25's smoothed form)."""
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


