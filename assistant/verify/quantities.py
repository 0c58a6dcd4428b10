"""Numbers, units and durations in a sentence and in the passage it cites."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from core import citations as cite_grammar


def _fold(text: str) -> str:
    """Lower case without accents or curly quotes: "Guillain-Barré" meets "Guillain-Barre"."""
    t = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'"))
    return "".join(ch for ch in t if not unicodedata.combining(ch)).lower()


# ---------------------------------------------------------------- numbers

_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "twice": 2, "half": 0.5,
    "third": 1 / 3, "quarter": 0.25, "dozen": 12,
    # a share as a fraction is a number ("skin is affected in roughly a fifth of patients" against "roughly half" had
    # passed once "a fifth" stopped counting as an ordinal, v29)
    "fifth": 0.2, "tenth": 0.1,
}
# "one" is left out on purpose: "one of the first trials" is not a quantity, and counting it made
# faithful sentences fail the number rule. "a month", "one year" are read as durations below.
_UNITS = {
    "%": "%", "percent": "%", "per cent": "%",
    "month": "month", "months": "month", "year": "year", "years": "year", "week": "week", "weeks": "week",
    "day": "day", "days": "day", "hour": "hour", "hours": "hour", "minute": "minute", "minutes": "minute",
    "mg": "mg", "g/dl": "g/dl", "gy": "gy", "pg/ml": "pg/ml", "mmhg": "mmhg", "cm": "cm", "times": "times",
}
# durations in days, so "1 to 2 years" meets "12–24 months"
_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}
_MEASURES = {"mg", "g/dl", "gy", "pg", "ml", "pg/ml", "mmhg", "cm", "dl"}
_UNIT_RE = r"(?:%|per ?cent\b|months?\b|years?\b|weeks?\b|days?\b|hours?\b|minutes?\b|mg\b|g/dl\b|gy\b|pg/ml\b|mmhg\b|cm\b|times\b)"
_NUM_RE = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
# a number, optionally a range ("13 to 18", "27-48"), optionally a unit ("months", "%", "-year")
_QUANTITY = re.compile(
    rf"(?<![a-z]-)(?<![\w.])({_NUM_RE})s?(?:\s*(?:-|to|and)\s*({_NUM_RE}))?(?:\s*-?\s*({_UNIT_RE}))?(?![\w])",
    re.IGNORECASE,
)
_DURATION_WORD = re.compile(r"\b(hour|day|week|month|year)s?\b|\b(hourly|daily|weekly|monthly|yearly|annually)\b", re.I)
_ADVERB_UNIT = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year"}


def _value(token: str) -> str:
    t = token.lower()
    v = _NUMBER_WORDS.get(t)
    if v is None:
        v = float(t)
    return f"{v:g}" if v != 1 / 3 else "1/3"


# the tens and units of _NUMBER_WORDS ("twice" is no unit of a compound), and "one", which only a compound counts
_TENS = {w: int(v) for w, v in _NUMBER_WORDS.items() if v in range(20, 100, 10)}
_ONES = {"one": 1, **{w: int(v) for w, v in _NUMBER_WORDS.items() if v in range(2, 10) and w != "twice"}}
# "fifty-nine" is one number, 59 (it had been read as 50: "Fifty-nine members share their experiences" was dropped, v27 dev)
_COMPOUND = re.compile(r"\b(" + "|".join(_TENS) + r")[- ](" + "|".join(_ONES) + r")\b", re.I)
# "a year and a half" is 1.5 years, not a half of something ("… to a year and a half from your first symptom" against
# "13 to 18 months" was dropped for its "0.5", v27 dev)
_AND_A_HALF = re.compile(r"\b(a|an|one|two|three|four|five|six|\d+) (hour|day|week|month|year)s? and a half\b", re.I)


def _and_a_half(m: re.Match[str]) -> str:
    n = m.group(1).lower()
    whole = 1 if n in ("a", "an", "one") else _ONES.get(n) or int(n)
    return f"{whole + 0.5:g} {m.group(2)}s"


def _normalise_numbers(text: str) -> str:
    t = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    t = re.sub(r"(?<=\d),(?=\d{3}\b)", "", t)  # 1,000 -> 1000
    t = _COMPOUND.sub(lambda m: str(_TENS[m.group(1).lower()] + _ONES[m.group(2).lower()]), t)
    t = _AND_A_HALF.sub(_and_a_half, t)
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


def _same_amount(value: str, unit: str, have: Iterable[tuple[str, str]]) -> bool:
    """The quantity is in `have`: same value (and unit when both give one), or the same duration in
    another unit ("2 years" and "24 months")."""
    for v, u in have:
        if v == value and (not unit or not u or u == unit):
            return True
        if unit in _DAYS and u in _DAYS and "/" not in v + value:
            a, b = float(value) * _DAYS[unit], float(v) * _DAYS[u]
            if abs(a - b) <= 0.03 * max(a, b):
                return True
    return False


# ---------------------------------------------------------------- proportions
# Plain-language writing gives a share as a natural frequency or a fraction word ("about 1 in 4",
# "15 to 25 out of every 100", "almost half", "3 in a million") where a guide gives "27%", "15–25%"
# or "0.3 in every 100,000". Measured on the fifth verifier set: 15 of its 35 false drops were such
# shares. A share in the sentence is checked against the evidence's shares, to within a few points.

# the words a share's base or count may be: the number words above, "one", and "(a) million"
_SCALE = {**_NUMBER_WORDS, "a hundred": 100, "a thousand": 1000, "million": 1e6, "a million": 1e6}
_FRACTION_WORDS = {"half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3, "a quarter": 0.25,
                   "one quarter": 0.25, "three quarters": 0.75, "a fifth": 0.2, "one fifth": 0.2, "a tenth": 0.1,
                   "one in two": 0.5}
_COUNT = r"(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)"
_OUT_OF = re.compile(
    rf"\b{_COUNT}(?:\s*(?:-|to)\s*{_COUNT})?\s+(?:in|out of|of)\s+(?:every\s+|each\s+)?"
    r"(\d+(?:\.\d+)?|a hundred|a thousand|a million|hundred|thousand|million|two|three|four|five|six|seven|eight|nine|ten|twenty)\b"
    r"(?:\s+(?:thousand|million))?",
    re.IGNORECASE,
)
_FRACTION = re.compile(r"\b(" + "|".join(sorted(_FRACTION_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?:\s*(?:-|to)\s*(\d+(?:\.\d+)?))?\s*(?:%|per ?cent\b)", re.IGNORECASE)
_COUNT_WORDS = {"one": 1, **_NUMBER_WORDS}


def _count(token: str) -> float:
    return float(_COUNT_WORDS.get(token.lower(), token))


def proportions(text: str, *, percents: bool = True) -> list[tuple[float, tuple[int, int]]]:
    """Shares a text states, as fractions with the span that says each: "1 in 4" → 0.25, "27%" → 0.27,
    "15 to 25 out of every 100" → 0.15 and 0.25, "almost half" → 0.5, "0.3 in every 100,000" → 3e-6."""
    t = _normalise_numbers(text)
    out: list[tuple[float, tuple[int, int]]] = []
    for m in _OUT_OF.finditer(t):
        token = m.group(3).lower()
        base = float(token) if token[0].isdigit() else float(_SCALE[token])
        base *= {"thousand": 1000.0, "million": 1e6}.get(t[m.end(3):m.end()].strip().lower(), 1.0)
        if not base:
            continue
        for g in (m.group(1), m.group(2)):
            if g:
                out.append((_count(g) / base, m.span()))
    for m in _PERCENT.finditer(t) if percents else ():
        for g in (m.group(1), m.group(2)):
            if g:
                out.append((float(g) / 100, m.span()))
    for m in _FRACTION.finditer(t):
        if not any(a <= m.start() < b for _, (a, b) in out):
            out.append((_FRACTION_WORDS[m.group(1).lower()], m.span()))
    return out


def _near(a: float, b: float, coarse: bool = False) -> bool:
    """Two shares are the same claim within 3 points (5 for a fraction word such as "half"), or 15%
    of each other for rare rates. Wider let "62%" pass for "60%" and "about half" for "15–25%" beside "48%"."""
    if max(a, b) < 0.01:
        return abs(a - b) <= 0.15 * max(a, b)
    return abs(a - b) <= (0.05 if coarse else 0.03)


def without_matched_shares(sentence: str, evidence: str) -> str:
    """The sentence with each share the evidence states (to within a few points) blanked out, so that
    its numbers are not checked one by one ("1 in 4" against "27%")."""
    t = _normalise_numbers(sentence)
    theirs = [v for v, _ in proportions(evidence)]
    # a percentage the sentence gives in digits must be the passage's own number (the number rule)
    spans = [span for v, span in proportions(t, percents=False)
             if any(_near(v, w, coarse=bool(_FRACTION.fullmatch(t[span[0]:span[1]]))) for w in theirs)]
    # … or the fraction the evidence says in words, to within a point ("roughly 50%" against "about half", v30 dev); a
    # digit against a digit stays the number rule's
    words = [_FRACTION_WORDS[m.group(1).lower()] for m in _FRACTION.finditer(_normalise_numbers(evidence))]
    spans += [span for v, span in proportions(t) if _PERCENT.fullmatch(t[span[0]:span[1]])
              and any(abs(v - w) <= 0.01 for w in words)]
    for a, b in sorted(set(spans), reverse=True):
        t = t[:a] + " " + t[b:]
    return t


def missing_quantity(sentence: str, evidence: str) -> str:
    """The first number of `sentence` that `evidence` lacks (same value; same unit when both have one);
    a share the evidence states in other words ("1 in 4" for "27%") is not missing."""
    have = quantities(evidence)
    for value, unit in quantities(without_matched_shares(sentence, evidence)):
        if not _same_amount(value, unit, have):
            return value + (f" {unit}" if unit else "")
    return ""


def durations(text: str) -> set[str]:
    """The time units a text speaks of, with or without a number: {'week', 'year'}."""
    out = set()
    t = re.sub(r"\b(?:years?|months?)[ -]old\b|\baged?\b|\b(?:these|those|nowadays|in the old) days\b", " ",
               cite_grammar.strip(text), flags=re.I)
    # a unit with a number is the number rule's to check ("5-year", "13 to 18 months")
    t = _QUANTITY.sub(" ", _normalise_numbers(t))
    for m in _DURATION_WORD.finditer(t):
        out.add(m.group(1).lower() if m.group(1) else _ADVERB_UNIT[m.group(2).lower()])
    return out


def missing_duration(sentence: str, evidence: str) -> str:
    """A time unit the sentence uses without a number that the evidence never speaks of ("within
    hours" against "within weeks", "a month before a transplant" against a passage with no time)."""
    theirs = durations(evidence) | {u for _, u in quantities(evidence) if u in _DAYS}
    for unit in sorted(durations(sentence) - theirs):
        # a duration the evidence gives in other units ("in the first year" against "first 12 months")
        if any(u in _DAYS for u in theirs) and unit in ("year", "month") and ({"year", "month"} & theirs):
            continue
        # … or as one of it in a smaller unit ("collect urine over a whole day" against "a 24-hour urine study", v30 dev)
        if unit in _DAYS and any(u in _DAYS and "/" not in v and abs(float(v) * _DAYS[u] - _DAYS[unit]) <= 0.03 * _DAYS[unit]
                                 for v, u in quantities(evidence)):
            continue
        return unit
    return ""


# ---------------------------------------------------------------- names




# Ordinals past the first ("a second-generation proteasome inhibitor", "third-line"): a changed
# generation or line of treatment is a changed fact. "first" is left out, as "one" is: "the first
# sign", "first-line" are how paraphrases say "early" and "initial".
_ORDINAL = re.compile(r"\b(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|2nd|3rd|4th|5th)\b", re.I)
# A share said as a fraction ("roughly a third to nearly half", "almost a third had", "two fifths") is no ordinal: the
# shares rule checks it ("a third" against "30–46%" had been dropped as a changed ordinal, v30 dev); "a third-generation
# drug" and "a second biopsy" are ordinals still.
_FRACTION_SAID = re.compile(
    r"\b(?:(?:almost|nearly|roughly|about|around|over|under|more than|less than|up to|just) (?:a|one)|two|three|four) "
    r"(?:third|fifth|tenth)s?\b(?!-)|\b(?:a|one) (?:third|fifth|tenth)\b(?=\s+(?:of|to|or)\b)", re.I)
_ORDINAL_SAME = {"2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth"}


def missing_ordinal(text: str, evidence: str) -> str:
    """An ordinal of the sentence that the evidence does not give ('' when all are there)."""
    have = {_ORDINAL_SAME.get(m.lower(), m.lower()) for m in _ORDINAL.findall(_FRACTION_SAID.sub(" ", evidence))}
    for m in _ORDINAL.findall(_FRACTION_SAID.sub(" ", text)):
        if _ORDINAL_SAME.get(m.lower(), m.lower()) not in have:
            return m.lower()
    return ""
