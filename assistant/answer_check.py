"""The answer check: every block of a composed answer is judged before any text is written.

A block is dropped when it tells the reader to start, stop or change a medicine, when it states a
dose in an answer to a personal question, or when what it says is not found in the passage it
cites. Then the safety lines go around what is left: the call-now preface first, the care-team
note last. The checks themselves (`is_supported`, `states_dose`, `is_individual_instruction`) live
with the safety rules.
"""

from __future__ import annotations

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
    if is_individual_instruction(b.text) or (personal and states_dose(b.text)):
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
