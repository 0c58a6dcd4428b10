"""The answer check: drops individual instructions, doses (on personal questions) and unsupported
sentences from a composed answer, puts the safety preface first and the care-team note last.

Moved here verbatim from the old assistant/safety.py; it is being rewritten to work on structured
answer blocks, so keep changes out of it until then.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import replace
from typing import Sequence

from assistant.safety.text import _CONTROL, _INVISIBLE
from assistant.safety.verdict import SafetyVerdict
from core.types import PERSONAL_ADVICE, Answer

log = logging.getLogger(__name__)

NOTHING_SUPPORTED = "I couldn't find a passage in the guides that answers this safely."


def check_answer(answer: Answer, verdict: SafetyVerdict) -> Answer:
    """Drop doses/instructions and unsupported sentences, put the preface first, add the care note."""
    try:
        return _check_answer(answer, verdict)
    except Exception:
        log.exception("safety check_answer failed; returning the answer with its safety lines")
        try:
            text = answer.text or ""
            if verdict.preface and not text.startswith(verdict.preface):
                text = f"{verdict.preface}\n\n{text}".strip()
            return replace(answer, text=text, flags=_merge_flags(answer.flags, verdict.flags))
        except Exception:
            return answer


def _check_answer(answer: Answer, verdict: SafetyVerdict) -> Answer:
    flags = _merge_flags(answer.flags, verdict.flags)
    personal = PERSONAL_ADVICE in flags
    body = _clean_body(answer.text)
    if verdict.preface and body.startswith(verdict.preface):
        body = body[len(verdict.preface):].lstrip()
    if verdict.care_team_note:
        body = body.replace(verdict.care_team_note, "").rstrip()
    quotes = {c.n: _norm_quote(c.quote) for c in (answer.citations or [])}
    context = {
        c.n: " ".join(str(x or "") for x in (c.section, c.publisher, c.title, c.date))
        for c in (answer.citations or [])
    }

    lines: list[str] = []
    dropped = kept_claims = 0
    for line in body.split("\n"):
        kept = []
        for sentence in split_answer_sentences(line):
            if is_individual_instruction(sentence) or (personal and states_dose(sentence)):
                dropped += 1
                continue
            refs = citation_numbers(sentence)
            if refs:
                cited = [n for n in refs if n in quotes]
                if not is_supported(sentence, [quotes[n] for n in cited], [context[n] for n in cited]):
                    dropped += 1
                    continue
                kept_claims += 1
            kept.append(sentence)
        if kept:
            lines.append(" ".join(kept))
        elif not line.strip():
            lines.append("")
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if dropped and not kept_claims and not verdict.reply:
        text = f"{text}\n\n{NOTHING_SUPPORTED}".strip() if text else NOTHING_SUPPORTED

    parts = [verdict.preface, text, verdict.care_team_note if personal else ""]
    text = "\n\n".join(p for p in parts if p)
    return replace(answer, text=text, flags=flags)



def _clean_body(text: object, limit: int = 200_000) -> str:
    """Answer text without control or invisible characters; unlike clean_text it keeps the layout."""
    body = text if isinstance(text, str) else ("" if text is None else str(text))
    body = _CONTROL.sub(" ", _INVISIBLE.sub("", body[:limit])).replace("\r\n", "\n")
    return re.sub(r"[ \t]+\n", "\n", body).strip()


def _merge_flags(a: Sequence[str] | None, b: Sequence[str] | None) -> list[str]:
    """Union of two flag lists, keeping first-seen order."""
    return list(dict.fromkeys([*(a or []), *(b or [])]))


# --------------------------------------------------------------------------------------------
# Answer helpers (public so the composer and the evals can reuse them)

_MARKERS = re.compile(r"\[(\d+(?:\s*[,;\u2013-]\s*\d+)*)\]")
_ANSWER_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019)*]*((?:\s*\[\d+(?:\s*[,;\u2013-]\s*\d+)*\])*)(?:\s+|$)"
)
_AFTER_MARKER = re.compile(r"(?<=\d\])\s+(?=[A-Z0-9\"'\u201c(\u2022*-])")
_ABBREV = {"e.g", "i.e", "dr", "mr", "mrs", "ms", "vs", "etc", "al", "approx", "fig", "no", "st", "u.s", "u.k"}


def split_answer_sentences(line: str) -> list[str]:
    """Split one line of an answer into sentences, keeping each sentence's trailing [n] markers."""
    # The composer ends every sentence with its marker, even after "include:", so a marker is a boundary.
    out: list[str] = []
    for piece in _AFTER_MARKER.split(line):
        out.extend(_split_on_punctuation(piece))
    return out


def _split_on_punctuation(line: str) -> list[str]:
    """Sentence split at . ! ? (not after common abbreviations), markers staying with their sentence."""
    out, start = [], 0
    for m in _ANSWER_BOUNDARY.finditer(line):
        before = line[start:m.start()].rstrip(".!?")
        last_word = before.split()[-1].lower() if before.split() else ""
        if last_word in _ABBREV or re.fullmatch(r"[a-z]", last_word):
            continue
        seg = line[start:m.end(1)]
        if seg.strip():
            out.append(seg.strip())
        start = m.end()
        if start >= len(line):
            break
    if line[start:].strip():
        out.append(line[start:].strip())
    return out


def citation_numbers(sentence: str) -> list[int]:
    """The [n] citation numbers a sentence carries ("[1]", "[1, 3]", "[2][4]")."""
    nums: list[int] = []
    for m in _MARKERS.finditer(sentence):
        for part in re.split(r"[,;\u2013-]", m.group(1)):
            part = part.strip()
            if part.isdigit():
                nums.append(int(part))
    return list(dict.fromkeys(nums))


def _norm_quote(text: str) -> str:
    """Whitespace-, markup- and quote-insensitive form used to compare answer text with sources."""
    t = unicodedata.normalize("NFKC", text or "")
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    t = t.replace("\u2013", "-").replace("\u2014", "-").replace("**", "").replace("*", "")
    return re.sub(r"\s+", " ", t).strip().lower()


_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)?")
_FILLER = {"the", "a", "an", "of", "and", "or", "to", "in", "is", "are", "for", "with", "on", "that", "this",
           "it", "as", "be", "by", "at", "guide", "guides", "says", "say", "according", "source"}


def is_supported(sentence: str, quotes: Sequence[str], context: Sequence[str] = ()) -> bool:
    """A cited sentence is supported when its text is in a cited quote, or ≥ 80% of its words are
    and every number in it appears there (numbers are where invented claims do most harm).

    `context` (section, publisher, date of the cited passages) may supply words such as the heading
    the composer puts before a fragment or the date of a differing source, never the claim itself.
    """
    quotes = [q for q in quotes if q]
    if not quotes:
        return False
    body = _norm_quote(_MARKERS.sub(" ", sentence))
    body = re.sub(r"^(?:[-\u2022*]|\d+[.)])\s+", "", body).strip().rstrip(".!?;:").strip()
    if not body:
        return True
    if any(body in q for q in quotes):
        return True
    words = [w for w in _TOKEN.findall(body) if w not in _FILLER]
    if not words:
        return True
    pool = set(_TOKEN.findall(" ".join(quotes))) | set(_TOKEN.findall(_norm_quote(" ".join(context))))
    numbers = [w for w in words if w[0].isdigit()]
    if any(n not in pool for n in numbers):
        return False
    return sum(w in pool for w in words) / len(words) >= 0.8


_DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:[-\u2013]|to)?\s*(?:\d+(?:[.,]\d+)?\s*)?(?:mg/kg|mg/m2|mg/m\u00b2|mg|mcg|\u00b5g|ug|"
    r"gy|grays?|iu|units?|ml|milligrams?|micrograms?|tablets?|pills?|capsules?|puffs?|drops?|doses?)\b"
    r"|\b(?:once|twice|three times|four times|\d+ times)\s+(?:a|per|each|every)\s+(?:day|week|month|hour)\b"
    r"|\bevery \d+ (?:hours|days)\b|\b(?:double|half|halve) (?:the |your )?dose\b",
    re.IGNORECASE,
)
_MEDICINE = (
    r"(?:medicines?|medications?|meds|drugs?|doses?|dosage|pills?|tablets?|capsules?|injections?|infusions?|"
    r"treatment|(?<!physical )(?<!occupational )therapy|regimen|steroids?|chemo\w*|blood thinners?|"
    r"anticoagula\w*|aspirin|\w+(?:mide|mab|mib|zomib|sone|lone|pentin|balin|xetine|farin|xaban|parin)|"
    r"melphalan|dex|tramadol|insulin|testosterone|\d+(?:[.,]\d+)?)"
)
_MED_ACTION = (
    r"(?:stop|start|skip|double|halve|increase|decrease|reduce|take|lower|raise|come off|quit|restart|resume|"
    r"change|switch|cut)"
)
# Telling the reader to do something to a medicine; "you can take care of yourself" is not that.
_INSTRUCTION = re.compile(
    rf"\b(?:you|u) (?:should|must|need to|have to|can|could|may|ought to)\s+(?:\w+\s+)?{_MED_ACTION}\b"
    rf"(?:\s+(?:taking|using|on|off))?\s+(?:[\w-]+\s+){{0,3}}?{_MEDICINE}\b"
    rf"|^(?:[-\u2022*]\s*)?(?:please\s+)?{_MED_ACTION}\s+(?:taking\s+)?(?:[\w-]+\s+){{0,3}}?{_MEDICINE}\b"
    rf"|\b(?:double|skip|halve|stop|increase) (?:your|his|her) (?:\w+ )?{_MEDICINE}\b",
    re.IGNORECASE,
)


def states_dose(sentence: str) -> bool:
    """Whether a sentence states an amount or schedule of a treatment (mg, Gy, units, 'twice a day')."""
    return bool(_DOSE.search(_MARKERS.sub(" ", sentence)))


def is_individual_instruction(sentence: str) -> bool:
    """Whether a sentence tells the reader to stop/start/double/skip/take a medicine."""
    return bool(_INSTRUCTION.search(_MARKERS.sub(" ", sentence).strip()))
