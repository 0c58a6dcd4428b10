"""The disease's own name, which in guides that are all about it says little about what a question asks.

To the embedder "poems" is a strong word, and the questions asked before that say it most ask what the disease is:
"are there any new treatments being tried for poems syndrome" heard them, and its answer led with what POEMS is.
The memory of questions asked before (assistant.asked) hears the question with the name said as "it" as well as
with it (search_vector). The dense search, keyword search and the answer's own sentence choice still read the name:
the name-free vector in the dense search as well lost the gold set's guides-disagree notes (conflict precision 0.80
-> 0.60, recall 1.00 -> 0.75 on its dev half, at every weight tried).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.answer_shape import ASKS_EXPANSION
from assistant.question import GENERIC_WORDS, acronym_letter, asks_what_poems_is
from assistant.text import content_words

NAME_FREE_WEIGHT = 2.0  # the name-free vector's weight beside the question's own (measured: search_vector)
# whether the disease kills, and how long people live with it, ask about the disease itself: without its name "is poems a
# death sentence" heard earlier questions about deaths and led with the bevacizumab trial's "at least three patient
# deaths have been reported"
_ITS_COURSE = re.compile(r"\b(?:die|dies|dying|died|death|deadly|fatal|terminal|survive|survival|life expectancy|outlook|"
                         r"prognosis|live|living|lives)\b|\bhow (?:many|long)\b.{0,30}\b(?:years|left|get)\b", re.I)
_NAME = re.compile(r"\bpoems?(?:[\s-]+syndrome)?\b", re.I)
_AS_MODIFIER = re.compile(r"\bpoems?(?:[\s-]+syndrome)? (?=(?:diagnosis|patients?|care|criteria|specialists?|doctors?|experts?|cent(?:er|re)s?|"
                          r"clinics?|treatments?|symptoms?|community|groups?|research|registry|cases?|nerve|neuropathy)\b)", re.I)
# words that ask about the disease as a whole ("can you explain poems to me"), as the generic ones do
_ABOUT_IT = GENERIC_WORDS | {"explain", "describe", "understand", "overview", "summary", "summarise", "summarize"}


def names_disease(text: str) -> bool:
    """Whether the text names POEMS (then it names its own subject)."""
    return bool(_NAME.search(text))


def without_disease_name(query: str) -> str:
    """The query with the disease's name said as "it" ("how is poems treated" → "how is it treated"); unchanged
    when the name is what it asks about ("what is poems", "what do the letters of poems stand for", "is poems a
    death sentence") or when nothing else would be left to search for."""
    if (not _NAME.search(query) or asks_what_poems_is(query) or ASKS_EXPANSION.search(query) or acronym_letter(query)
            or _ITS_COURSE.search(query)):
        return query
    # as a noun's modifier the name goes ("for a poems diagnosis" → "for a diagnosis"), elsewhere it is "it"
    named = _NAME.sub("it", _AS_MODIFIER.sub("", query))
    return named if [w for w in content_words(named) if w not in _ABOUT_IT] else query


def search_vector(vectors: Sequence[np.ndarray] | np.ndarray) -> np.ndarray:
    """The vector the memory hears: the question's own (`vectors[0]`) and, when the name was said as "it", that
    one's (`vectors[1]`) at NAME_FREE_WEIGHT, summed and normalised.

    On the read answer sets (t12-t29 whole, t30 dev; questions facts / direct / right refusals, conversation turns
    facts / direct): the name kept 0.856 / 0.756 / 0.830, 0.710 / 0.527; summed 2:1 towards the question's own
    (measured before _ITS_COURSE) 0.857 / 0.757 / 0.826, 0.710 / 0.530; 1:2 0.858 / 0.755 / 0.822, 0.713 / 0.537 (two
    questions the guides do not cover were answered: "are there any poems specialists in australia"). Gold dev facts
    0.955 -> 0.977."""
    if len(vectors) < 2:
        return vectors[0]
    mixed = np.asarray(vectors[0], dtype=np.float64) + NAME_FREE_WEIGHT * np.asarray(vectors[1], dtype=np.float64)
    return (mixed / (np.linalg.norm(mixed) or 1.0)).astype(np.asarray(vectors[0]).dtype)
