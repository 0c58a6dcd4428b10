"""Drug, test and condition names, abbreviations a passage defines, and which class a name is."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from assistant.text import stem
from assistant.verify.clauses import _covered
from assistant.verify.quantities import _fold
from core import citations as cite_grammar

DATA = Path(__file__).resolve().parent.parent / "data" / "medical_names.toml"
# The classes of names in that file; a swap is one name in place of another of the same class.
_CLASSES = ("drugs", "tests", "anatomy", "conditions", "treatments", "centres")


@lru_cache(maxsize=1)
def _data() -> dict:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[str, ...], re.Pattern]:
    data = _data()
    names = sorted({_name_text(n) for key in _CLASSES for n in data.get(key, {}).get("names", [])}, key=len, reverse=True)
    suffixes = "|".join(data["drugs"].get("suffixes", []))
    return tuple(names), re.compile(rf"\b[a-z]{{3,}}(?:{suffixes})\b") if suffixes else re.compile(r"(?!x)x")


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, tuple[str, ...]]:
    return {_name_text(k): tuple(_name_text(x) for x in v) for k, v in _data().get("same", {}).items()}


def _name_text(text: str) -> str:
    """Lower case, markers gone, hyphens and dashes as spaces: "M-protein" and "M protein" meet."""
    t = _fold(cite_grammar.strip(text))
    t = re.sub(r"[\u2010-\u2015-]", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def names_in(text: str) -> set[str]:
    """Drug and test names in a text: the listed ones (assistant/data/medical_names.toml), and any
    word with a drug-name ending (-mab, -mide, -zomib …), so an invented drug is caught too."""
    listed, suffix = _names()
    low = f" {_name_text(text)} "
    found: set[str] = set()
    for n in listed:
        # the plural too: "T cells", "kidneys" and "motor nerves" name what "t cell", "kidney" and "motor nerve" do
        if re.search(rf"(?<![a-z0-9]){re.escape(n)}(?:e?s)?(?![a-z0-9])", low):
            if not any(n in f for f in found):  # "serum vegf" already covers "vegf"
                found.add(n)
    found.update(m.group(0) for m in suffix.finditer(low) if not any(m.group(0) in f for f in found))
    return found


def drugs_in(text: str) -> set[str]:
    """Drug names in a text: the listed drugs (not tests or anatomy), and any word with a drug-name ending."""
    return {n for n in names_in(text) if name_class(n) == "drugs"}


def kin(name: str) -> set[str]:
    """The names that say what this one does, by the [same] table both ways ("prednisone": "steroids")."""
    same = _synonyms()
    n = _name_text(name)
    return set(same.get(n, ())) | {k for k, v in same.items() if n in v}


# Words that name a condition by their ending (amyloidosis, neuropathy, hepatomegaly, sclerosis …).
_CONDITION = re.compile(r"\b[a-z]{3,}(?:osis|oses|itis|emia|aemia|pathy|pathies|omegaly|plasia|trophy|oma|omas)\b")
# Shapes of a specific name in running text: acronyms and mixed-case codes (CM336, IgA, TNF, DRd),
# numbered names (interleukin-2), and a capitalised word naming a disease ("Kahler disease").
_ACRONYM = re.compile(r"(?<![\w-])(?:[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*|[A-Za-z]+-\d+[A-Za-z]*)(?![\w])")
_EPONYM = re.compile(r"(?<!^)\b([A-Z][a-z]{2,}(?:[-\u2013][A-Z][a-z]+)?)\s+(?:disease|syndrome|phenomenon)\b")
# What every sentence about these guides may say without the passage naming it.
_TOPIC = {"poems", "pest", "i"}
# Words with a condition's ending that name no condition.
_NOT_CONDITIONS = {"diagnosis", "diagnoses", "prognosis", "prognoses", "empathy", "sympathy", "apathy", "diploma",
                   "aroma", "academia", "hypnosis"}


def specific_terms(text: str) -> set[str]:
    """Condition words, acronyms, codes and eponyms in a text, folded to lower case."""
    t = cite_grammar.strip(text)
    out = {m.group(0) for m in _CONDITION.finditer(_fold(t)) if m.group(0) not in _NOT_CONDITIONS}
    out |= {_fold(m.group(0)) for m in _ACRONYM.finditer(t)}
    out |= {_fold(m.group(1)) for m in _EPONYM.finditer(t)}
    return {w for w in out if w not in _TOPIC}


def abbreviations(text: str) -> dict[str, str]:
    """Abbreviations a passage defines, both ways: "serum protein electrophoresis (SPEP)" gives
    {'spep': 'serum protein electrophoresis', 'serum protein electrophoresis': 'spep'}.

    The long form is the shortest run of words before the brackets in which the abbreviation's
    letters occur in order, its first letter starting the first word (Schwartz and Hearst's rule).
    """
    out: dict[str, str] = {}
    for m in re.finditer(r"((?:[A-Za-z][\w'\u2010-\u2015-]*\s+){1,8})\(([A-Za-z][A-Za-z0-9\-]{1,9})\)", text):
        words, abbr = m.group(1).split(), m.group(2)
        letters = [c.lower() for c in abbr if c.isalnum()]
        for k in range(1, len(words) + 1):
            run = " ".join(words[-k:]).lower()
            if run[0] != letters[0] or not _in_order(letters, run):
                continue
            if k < len([c for c in abbr if c.isupper()]) - 2:
                continue
            long = _name_text(run)
            out[_name_text(abbr)] = long
            out[long] = _name_text(abbr)
            break
    return out


def _in_order(letters: Sequence[str], text: str) -> bool:
    pos = 0
    for ch in letters:
        pos = text.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def with_long_forms(text: str, abbr: Mapping[str, str]) -> str:
    """The text with the long form of every abbreviation in it that the passage defines, so a
    plain "stem cell transplant" is covered by a sentence that only says "ASCT"."""
    low = _name_text(text)
    extra = [long for short, long in abbr.items()
             if len(short) < len(long) and re.search(rf"(?<![a-z0-9]){re.escape(short)}(?![a-z0-9])", low)]
    return f"{text} {' '.join(extra)}" if extra else text


def names_said(text: str, abbr: Mapping[str, str]) -> set[str]:
    """The names in a text, a name said only in the long form the passage abbreviates counted too: a clause
    cut before its brackets ("The single most common misdiagnosis is chronic inflammatory demyelinating
    polyradiculoneuropathy") names CIDP."""
    low = _name_text(text)
    shorts = [short for long, short in abbr.items()
              if len(short) < len(long) and re.search(rf"(?<![a-z0-9]){re.escape(long)}(?![a-z0-9])", low)]
    return names_in(" ".join([text, *shorts]))


def _has_name(name: str, text: str, extra: Mapping[str, str] | None = None) -> bool:
    """The name (or its plural), or a listed way of saying the same ("heart ultrasound" for
    "echocardiogram"), or the passage's own abbreviation of it, is in the text."""
    low = _name_text(text)
    forms = {name, *_synonyms().get(name, ())}
    if extra and name in extra:
        forms.add(extra[name])
    # the plural in the sentence, the singular in the passage ("x rays" against "X-ray scans")
    forms |= {re.sub(r"(?:es|s)$", "", f) for f in forms if len(f) > 4 and f.endswith("s")} - {""}
    if any(re.search(rf"(?<![a-z0-9]){re.escape(n)}(?:e?s)?(?![a-z0-9])", low) is not None for n in forms):
        return True
    # … or the same word with another ending ("nerve damage from diabetes" against "diabetic neuropathy", verifier_v33
    # dev): a one-word name of six letters or more whose stem, of five letters or more, opens a word of the text with at
    # most four letters after it; names that share only a prefix still differ ("hypothyroidism" against "hyperthyroidism")
    if " " not in name and len(name) >= 6:
        root = stem(name)
        return len(root) >= 5 and re.search(rf"(?<![a-z0-9]){re.escape(root)}[a-z]{{0,4}}(?![a-z0-9])", low) is not None
    return False


@lru_cache(maxsize=1)
def _drugs() -> frozenset[str]:
    return frozenset(_name_text(n) for n in _data()["drugs"]["names"])


# Names of a kind of treatment or test rather than one: "targeted drugs such as lenalidomide" is
# not a swap for a passage that also says "chemotherapy".
_GENERIC = {"chemotherapy", "radiation therapy", "radiotherapy", "steroids", "corticosteroids", "opioids",
            "tricyclic antidepressants", "immunoglobulin", "blood test", "urine test", "biopsy", "genetic test"}


@lru_cache(maxsize=1)
def _class_of() -> dict[str, str]:
    data = _data()
    return {_name_text(n): key for key in _CLASSES for n in data.get(key, {}).get("names", [])}


def name_class(name: str) -> str:
    """'drugs', 'tests', 'anatomy', 'conditions' or 'treatments': a swap is a name put in place of another of its class."""
    _, suffix = _names()
    return "drugs" if name in _drugs() or suffix.fullmatch(name) else _class_of().get(name, "tests")


def _term_in(term: str, text: str, pool: set[str], abbr: Mapping[str, str]) -> bool:
    """A specific term is in the passage: as a word, inside a longer word ("neuropathy" in
    "polyneuropathy"), as the passage's abbreviation, a listed way of saying it, or through a plain-word
    equivalent."""
    low = _fold(text)
    t = term.replace("\u2013", "-")
    if re.search(rf"(?<![a-z0-9]){re.escape(t)}(?:e?s)?(?![a-z0-9])", low) or (len(t) >= 6 and t in low):
        return True
    if _name_text(t) in abbr or _has_name(_name_text(t), text):  # a listed way of saying it ("UK": "United Kingdom")
        return True
    return _covered(t, pool)


# ---------------------------------------------------------------- clauses and polarity

# Clause boundaries: punctuation, dashes, brackets, and the conjunctions that start a new claim
# (kept at the start of the clause they open, so "unlike" stays with its clause).
