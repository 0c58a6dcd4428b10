"""The answer check: every block of a composed answer is judged before any text is written.

A block is dropped when it tells the reader to start, stop or change a medicine, when it states a
dose in an answer to a personal question, or when what it says is not found in the passage it
cites. Then the safety lines go around what is left: the call-now preface first, the care-team
note last. The checks themselves (`is_supported`, `states_dose`, `is_individual_instruction`) live
with the safety rules.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from assistant.safety import (
    NOTHING_SUPPORTED,
    SafetyVerdict,
    _norm_quote,
    is_individual_instruction,
    is_supported,
    states_dose,
)
from core.types import PERSONAL_ADVICE, Block, BlockKind, Citation


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
    quotes = [_norm_quote(c.quote) for c in cited]
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
