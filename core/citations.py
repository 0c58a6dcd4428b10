"""The one citation grammar: how answers are built from cited blocks and how `[n]` markers read.

Answers travel as structure (`Block`s that name the chunks they cite); text with `[n]` markers is
rendered once, here, when an Answer leaves the assistant. Everything that must read markers back
(the evals, API clients that send text history) uses `parse` and `strip` from this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from core.types import Block, BlockKind, Chunk, Citation

# "[1]", "[1, 3]", "[2–4]": one marker group; several groups may follow a sentence ("[1][3]").
MARKER = re.compile(r"\[(\d+(?:\s*[,;\u2013-]\s*\d+)*)\]")
_MARKER_WITH_SPACE = re.compile(r"\s*\[\d+(?:\s*[,;\u2013-]\s*\d+)*\]")


def numbering(blocks: Iterable[Block]) -> dict[str, int]:
    """Citation numbers by chunk id, in order of first appearance."""
    order: dict[str, int] = {}
    for b in blocks:
        for cid in b.chunk_ids:
            order.setdefault(cid, len(order) + 1)
    return order


def marker(numbers: Sequence[int]) -> str:
    """The marker text for a block citing these numbers: "[1]", "[1][3]"."""
    return "".join(f"[{n}]" for n in numbers)


# Safety lines (a call-now preface, the care-team note) always stand as paragraphs of their own.
OWN_PARAGRAPH_ROLES = frozenset({"safety", "care"})


def render(blocks: Sequence[Block], number: Mapping[str, int] | None = None) -> str:
    """Answer text: each cited block ends with its markers; layout follows each block's kind."""
    number = dict(number) if number is not None else numbering(blocks)
    out = ""
    prev: Block | None = None
    for b in blocks:
        nums = [number[c] for c in b.chunk_ids if c in number]
        line = f"{b.text} {marker(nums)}" if nums else b.text
        if prev is None:
            out = f"- {line}" if b.kind is BlockKind.ITEM else line
        elif b.role in OWN_PARAGRAPH_ROLES or prev.role in OWN_PARAGRAPH_ROLES:
            out += f"\n\n- {line}" if b.kind is BlockKind.ITEM else f"\n\n{line}"
        elif b.kind is BlockKind.ITEM:
            out += f"\n- {line}"
        elif b.kind is BlockKind.PARAGRAPH:
            out += f"\n\n{line}"
        elif b.kind is BlockKind.LINE:
            out += f"\n{line}"
        elif prev.kind is BlockKind.ITEM:
            out += f"\n\n{line}"
        else:
            out += f" {line}"
        prev = b
    return out.strip()


def parse(text: str) -> list[int]:
    """The citation numbers in a piece of answer text, in order, each once ("[1, 3]" → [1, 3])."""
    nums: list[int] = []
    for m in MARKER.finditer(text):
        for part in re.split(r"[,;\u2013-]", m.group(1)):
            part = part.strip()
            if part.isdigit():
                nums.append(int(part))
    return list(dict.fromkeys(nums))


def strip(text: str) -> str:
    """Answer text without its markers."""
    return _MARKER_WITH_SPACE.sub("", text)


def build_citations(blocks: Sequence[Block], chunks: Mapping[str, Chunk],
                    number: Mapping[str, int] | None = None) -> list[Citation]:
    """One Citation per cited chunk, numbered as rendered, quoting the span of the sentences used
    (from the first used sentence to the last, so the quote reads as one passage)."""
    number = dict(number) if number is not None else numbering(blocks)
    spans: dict[str, list[tuple[int, int]]] = {}
    for b in blocks:
        for c in b.cites:
            spans.setdefault(c.chunk_id, []).extend(c.spans)
    out: list[Citation] = []
    for cid, n in sorted(number.items(), key=lambda kv: kv[1]):
        ch = chunks.get(cid)
        if ch is None:
            continue
        used = spans.get(cid) or [(0, len(ch.text))]
        first, last = min(s[0] for s in used), max(s[1] for s in used)
        out.append(Citation(n=n, source=ch.source_id, title=ch.title, section=ch.section, quote=ch.text[first:last],
                            chunk_id=ch.id, publisher=ch.publisher, date=ch.date, url=ch.url,
                            start=ch.start + first, end=ch.start + last))
    return out
