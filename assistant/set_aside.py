"""What a question sets aside: "besides cidp, what else does it get mistaken for" asks about everything but CIDP.

The words set aside name what the asker already has, so they are no part of what to search for: left in, "cidp"
was the rarest word of "besides cidp what other things does this get mistaken for" and the answer was the POEMS
and CIDP comparison table, not the other misdiagnoses (t30 dev).
"""

from __future__ import annotations

import re

from assistant.text import content_words

_SHORT = 8  # content words left: a longer question is searched whole
_BESIDES = r"(?:besides|apart from|aside from|other than|except for|except)"
# (not "tell it apart from": that compares)
_NOT_TELLING = r"(?<!\bapart )(?<!\btell it )(?<!\btell them )(?<!\btell poems )"
_ASKING = r"(?:what|whats|which|how|are|is|does|do|can|could|any|anything|who|where|why|will|should|would)\b"
# "besides vegf, are there other …", "besides cidp what else …": up to the comma or the question word
_LEADING = re.compile(rf"^\s*(?:(?:so|and|ok|okay|also)\s+)?{_BESIDES}\s+(?P<what>[^,?.!]{{1,50}}?)(?:\s*,\s*|\s+)(?={_ASKING})", re.I)
# "… mistaken for besides cidp", "any heart stuff other than the lung pressure": to the end of the sentence, or up to
# the question word after it ("what eye problems besides papilledema can happen"), never over it ("different question,
# besides the numbness what else should we watch for at home" had set aside everything after "besides")
_TRAILING = re.compile(rf"\s*,?\s*{_NOT_TELLING}\b{_BESIDES}\s+(?P<what>(?:(?!\b{_ASKING})[^,?.!]){{1,50}}?)\s*(?=[?.!]|$|\b{_ASKING})",
                       re.I)
# "what else besides that helps him walk": a pronoun set aside in the middle
_POINTED = re.compile(rf"\s*\b{_BESIDES}\s+(?:that|this|those|these|it|them)\b\s*,?", re.I)


def set_aside(question: str) -> str:
    """What the question sets aside ("cidp" in "besides cidp what else …"), or "" (nothing, or only "that")."""
    return _split(question)[1]


def without_set_aside(question: str) -> str:
    """The question without what it sets aside ("besides cidp what else …" → "what else …"); unchanged when
    nothing is set aside or nothing would be left to ask."""
    return _split(question)[0]


def _split(question: str) -> tuple[str, str]:
    for pattern, by in ((_LEADING, ""), (_POINTED, " "), (_TRAILING, " ")):
        m = pattern.search(question)
        if m is None:
            continue
        rest = re.sub(r"\s{2,}", " ", question[:m.start()] + by + question[m.end():]).strip(" ,;:-")
        # "is there anything other than a transplant" keeps its subject; and a long question names its own well
        # enough that what it sets aside is no rival ("besides the two mandatory criteria, is having just one of
        # castleman, high VEGF or bone lesions enough … or do you need a minor feature as well" is still about the
        # criteria: stripped, the criteria passages and the guides' disagreement over them were lost, gold dev)
        words = content_words(rest)
        return (rest, m.groupdict().get("what") or "") if 0 < len(words) <= _SHORT else (question, "")
    return question, ""
