"""Where the asker lives: a leading sentence that only says so ("we live in ohio.") is no part of what is asked."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.question import QUESTION_WORD
from assistant.text import everyday

# A sentence that only says where someone lives ("we live in ohio.", "im in the uk,"): where the asker is, not what
# is asked. It leaves the search when the guides never name the place ("we live in ohio. where should my father go
# to get poems looked at by people who know it" was refused, t22 dev); a place they name ("we are in china") stays.
_HOME = re.compile(
    r"^\s*(?:(?:so|hi|hello|ok|well)\W+)?(?:we|i|he|she|they|my \w+|our family)(?:'?re|'?m| are| am| is)?"
    r"(?: (?:live|lives|living|based|staying|stay|stays|over|out|originally))? (?:in|from|near|outside) (?:the )?"
    r"(?P<place>[a-z][a-z .]{1,30}?)\s*(?:[.!]+|,(?=\s*(?:what|whats|why|how|when|where|who|which|is|are|can|could|does|do|will|should|any)\b))\s*",
    re.I)


_POINTS_HOME = re.compile(r"\b(?:(?<!from )here|there|near(?:by)?|local(?:ly)?|close by|in (?:this|our|my) (?:country|state|area|city))\b", re.I)


# The countries of the guides' expert centers under the names patients use for them (the guides say "United States",
# "United Kingdom", "London"): "were in the uk, how do i get a second opinion" is answered with UCLH. Hand-written
# from the guides' list of centers (Rochester, Boston, London, Paris, Beijing, Chiba, Tokyo).
_CENTRES_COUNTRIES = frozenset("""us usa america states uk england britain scotland wales london minnesota massachusetts
    boston france paris japan tokyo china beijing""".split())


_STATES_OF_MIND = frozenset("bits pieces tears shock limbo denial agony bed trouble mess daze fog despair".split())


def without_home(question: str, named: Callable[[str], bool]) -> str:
    """The message without a leading sentence that only says where someone lives, when the guides never name the
    place (`named`: whether a word is one the guides use) and a question follows."""
    m = _HOME.match(question)
    rest = question[m.end():] if m else ""
    if not (m and rest.strip() and QUESTION_WORD.match(rest.strip())) or _POINTS_HOME.search(rest):
        return question  # "does anywhere here actually know about it" asks about the place ("from here": from afar)
    place = re.findall(r"[a-z]+", m.group("place").lower())
    # a state of mind is no place ("were in bits, what do we do", "im in tears, …"): only words no everyday
    # English or the guides use, as the names of places are
    if any(named(w) or w in _CENTRES_COUNTRIES or everyday(w) or w in _STATES_OF_MIND for w in place):
        return question
    return rest
