"""Answer blocks: the chosen sentences as cited blocks, in the guide's own shape.

One block per sentence, citing the sentence it copies. A sentence that names its subject only by its
section heading ("A second-generation proteasome inhibitor.") is introduced by that heading; a lead-in
whose list is the sections under it ("A formal diagnosis requires meeting all three groups below.")
is followed by those sections, each under its heading, in the guide's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from assistant.answer_shape import is_lead_in
from assistant.candidate import Candidate
from core.types import Block, BlockKind, Chunk, Cite

_FRAGMENT = re.compile(r"^(A|An|The)\s+[a-z]")

# the most sections one lead-in brings: the guides' longest such run is the three criteria groups
MAX_GROUPS = 4


def _is_list(chunk: Chunk) -> bool:
    texts = chunk.sentence_texts()
    return bool(texts) and all(t.lstrip().startswith("- ") for t in texts)


# a directory entry: a name, a dash, what it is ("Cleveland Clinic — Active consultative hematology program …")
_ENTRY = re.compile(r"^[A-Z][^.!?—]{1,80} — \S")


def _is_entries(chunk: Chunk) -> bool:
    texts = chunk.sentence_texts()
    return bool(texts) and all(_ENTRY.match(t.strip()) for t in texts)


def groups_below(chunk: Chunk, following: Sequence[Chunk], entries: bool = False) -> list[Chunk]:
    """The lists a passage's last sentence points ahead to, when they are the sections right under its
    heading (`following`: the passages after it in its guide, in order): 'Diagnostic Criteria' ends "… all three groups below." and its next three sections
    ('Mandatory Criteria — BOTH Must Be Present', 'Other Major Criteria …', 'Minor Criteria …') are
    lists. The run stops at the first section under it that is not a list ('The Castleman Disease
    Variant'); more than MAX_GROUPS, or none, and there is nothing to bring.

    `entries`: the question asks who or where, and a passage that ends its section's opening brings the
    directory under it, whatever its last sentence: 'Expert Centers' ends "Every patient should be seen,
    at least once, at a center with a dedicated POEMS program." and its next sections ('North America',
    'Europe', 'Asia') are entries, "Name — what it is"."""
    texts = chunk.sentence_texts()
    if not texts or not (entries or is_lead_in(texts[-1])):
        return []
    prefix = f"{chunk.section} › "
    out: list[Chunk] = []
    for c in following:
        if c.source_id != chunk.source_id or not c.section.startswith(prefix) or " › " in c.section[len(prefix):]:
            break
        if not (_is_list(c) or (entries and _is_entries(c))):
            break
        out.append(c)
    return out if len(out) <= MAX_GROUPS else []


def to_blocks(chosen: Sequence[Candidate], differing: Sequence[Candidate] = (),
              headed: Iterable[tuple[str, int]] = (), below: Mapping[tuple[str, int], Sequence[Chunk]] | None = None,
              rows: Mapping[tuple[str, int], str] | None = None) -> list[Block]:
    """One block per chosen sentence citing its chunk, then the differing source's sentences; a sentence
    in `headed` is introduced by its section's heading; a sentence in `below` is followed by its groups;
    a timeline row in `rows` is shown as given there (assistant.timeline: its span, then its sentences reordered)."""
    headed = set(headed)
    below = below or {}
    rows = rows or {}

    def cite(c: Candidate) -> tuple[Cite, ...]:
        return (Cite(c.chunk.id, (c.chunk.sentences[c.i],)),)

    blocks: list[Block] = []
    # a sentence of a group is shown in its group, in the guide's order
    in_groups = {g.id for groups in below.values() for g in groups}
    for c in chosen:
        if c.chunk.id in in_groups:
            continue
        body = rows.get(c.key) or (c.text[2:] if c.is_item else c.text)
        leaf = c.chunk.section.split(" › ")[-1]
        if c.key in headed or (c.i == 0 and _FRAGMENT.match(body) and leaf and len(leaf.split()) <= 4):
            # "A second-generation proteasome inhibitor." needs its heading to say what it describes
            body = f"{leaf}: {body}"
        blocks.append(Block(body, BlockKind.ITEM if c.is_item else BlockKind.SENTENCE, cite(c)))
        blocks.extend(group_blocks(below.get(c.key, ())))
    if differing:
        for d in differing:
            src = d.chunk.publisher or d.chunk.title
            said = d.text.rstrip().rstrip(":")
            blocks.append(Block(f'Another source differs: {src} ({d.chunk.date}) says "{said}"',
                                BlockKind.PARAGRAPH, cite(d), role="conflict"))
        if chosen:
            lead = chosen[0].chunk
            blocks.append(Block(f"This answer follows {lead.publisher or lead.title} ({lead.date}), "
                                "the newer guide that cites its medical references.", BlockKind.LINE, role="note"))
    return blocks


def group_blocks(groups: Sequence[Chunk]) -> list[Block]:
    """Each group's heading on its own line, then its items, every block citing the group's passage."""
    out: list[Block] = []
    shown = ""
    for g in groups:
        leaf = g.section.split(" › ")[-1]
        if leaf != shown:
            # the heading as the guide writes it (every block's words are the guide's own)
            out.append(Block(leaf, BlockKind.PARAGRAPH, (Cite(g.id, g.sentences),)))
            shown = leaf
        for span in g.sentences:
            text = g.text[span[0]:span[1]].strip()
            out.append(Block(text[2:] if text.startswith("- ") else text, BlockKind.ITEM, (Cite(g.id, (span,)),)))
    return out
