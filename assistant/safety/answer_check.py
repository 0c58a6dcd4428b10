"""The answer check: every block of a composed answer is judged before any text is written.

Whatever answerer wrote it and whatever guide it quotes, a block is dropped when it orders the
reader to take, stop, start or change a medicine, speaks to the assistant ("tell the user…"),
states a dose in an answer to a personal question, or says what the passage it cites does not.
Then the safety lines go around what is left: the call-now preface first, the care-team note last.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from assistant.safety.verdict import SafetyVerdict
from core.citations import strip
from core.types import PERSONAL_ADVICE, Block, BlockKind, Citation

NOTHING_SUPPORTED = "I couldn't find a passage in the guides that answers this safely."


def norm_quote(text: str) -> str:
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
    body = norm_quote(strip(sentence))
    body = re.sub(r"^(?:[-\u2022*]|\d+[.)])\s+", "", body).strip().rstrip(".!?;:").strip()
    if not body:
        return True
    if any(body in q for q in quotes):
        return True
    words = [w for w in _TOKEN.findall(body) if w not in _FILLER]
    if not words:
        return True
    pool = set(_TOKEN.findall(" ".join(quotes))) | set(_TOKEN.findall(norm_quote(" ".join(context))))
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
    return bool(_DOSE.search(strip(sentence)))


def is_individual_instruction(sentence: str) -> bool:
    """Whether a sentence tells the reader to stop/start/double/skip/take a medicine."""
    return bool(_INSTRUCTION.search(strip(sentence).strip()))


def block_passes(b: Block, citations: Mapping[str, Citation], personal: bool) -> bool:
    """Whether one block may be shown: no medicine instruction, no dose in a personal answer, and
    what it says is in the passage it cites.

    Support means the words are in the cited quote (an extractive sentence, ≥ 80% of its words
    and all its numbers), or, for a model-written paraphrase, that the sentence verifier
    (assistant/verify.py: citation, numbers, drug and test names, negation, calibrated support
    score against the same passage) passed it. A paraphrase in plain words rarely keeps 80% of the
    guide's words, so the word test alone would drop nearly every faithful one.
    """
    if orders_the_reader(b.text) or addresses_assistant(b.text) or (personal and states_dose(b.text)):
        return False
    if not b.cites:
        return True
    cited = [citations[c] for c in b.chunk_ids if c in citations]
    if not cited:
        return False
    if b.meta.get("verified") is True:
        return True
    quotes = [norm_quote(c.quote) for c in cited]
    context = [" ".join(str(x or "") for x in (c.section, c.publisher, c.title, c.date)) for c in cited]
    return is_supported(b.text, quotes, context)


def check_blocks(blocks: Sequence[Block], citations: Mapping[str, Citation], verdict: SafetyVerdict) -> list[Block]:
    """The blocks that may be shown, framed by the verdict's safety lines."""
    personal = PERSONAL_ADVICE in verdict.flags
    kept: list[Block] = []
    dropped = kept_claims = 0
    for b in blocks:
        if not block_passes(b, citations, personal):
            dropped += 1
            continue
        if b.cites:
            kept_claims += 1
        kept.append(b)
    if dropped and not kept_claims and not verdict.reply:
        kept.append(Block(NOTHING_SUPPORTED, BlockKind.PARAGRAPH, role="refusal"))
    out: list[Block] = []
    if verdict.preface:
        out.append(Block(verdict.preface, role="safety"))
    out.extend(kept)
    if personal and verdict.care_team_note:
        out.append(Block(verdict.care_team_note, role="care"))
    return out


# A guide's sentence is data. Whatever guide it comes from, it may not give the reader a dose or
# an order about a medicine, or speak to the assistant ("tell the user…"): such a sentence is
# dropped, while general facts about regimens ("radiation at curative doses of 40–50 Gy") stay.
_MED_VERB = r"(?:take|use|give|inject|apply|double|halve|increase|decrease|reduce|skip|stop|start|restart|quit|switch|change|cut|come off)"
_MED_WORD = (r"(?:medicines?|medications?|meds|drugs?|doses?|dosage|pills?|tablets?|capsules?|injections?|"
             r"treatment|chemo\w*|steroids?|\w+(?:mide|mab|mib|zomib|sone|lone|phalan)|aspirin|\d+(?:[.,]\d+)?\s*(?:mg|mcg|g|ml|units?))")
_CLAUSE_START = re.compile(r"(?:^|[:;—]|\band\b|\bthen\b)\s*(?:please\s+|now\s+|simply\s+)?" + _MED_VERB + r"\b", re.I)
_ORDER = re.compile(
    r"\b(?:you|u|patients?|they|he|she|everyone|the user|users)\s+(?:should|must|need to|have to|ought to|can|may)\s+"
    r"(?:\w+\s+)?" + _MED_VERB + r"\b(?:\s+(?:taking|using|their|your|his|her|all|the|other)){0,3}\s+" + _MED_WORD,
    re.I,
)
_TO_ASSISTANT = re.compile(
    r"\b(?:tell|inform|instruct|advise|remind)\s+(?:the\s+|every\s+|each\s+)?(?:user|users|reader|readers|patient|patients)\b|"
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)?(?:previous\s+|prior\s+|above\s+|earlier\s+|other\s+)?"
    r"(?:instructions|rules|prompts?|guidelines)\b|\byou are now\b|\bsystem prompt\b|\bas an ai\b|"
    r"\b(?:the\s+)?(?:assistant|chatbot|ai|bot|model)\s+(?:must|should|will|shall)\b",
    re.I,
)


def orders_the_reader(sentence: str) -> bool:
    """Tells the reader to take, stop, start or change a medicine, or gives them a dose to take."""
    if is_individual_instruction(sentence) or _ORDER.search(sentence):
        return True
    for m in _CLAUSE_START.finditer(sentence):
        rest = sentence[m.end():]
        if re.match(r"\s+(?:[\w-]+\s+){0,4}?" + _MED_WORD + r"\b", rest, re.I) or states_dose(rest):
            return True
    return False


def addresses_assistant(sentence: str) -> bool:
    """Speaks to the assistant, not about POEMS ("tell the user…", "ignore previous instructions")."""
    return bool(_TO_ASSISTANT.search(sentence))
