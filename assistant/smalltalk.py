"""Messages that ask nothing: a greeting, thanks, a plain "ok", a goodbye.

Tried in the chat as a user: "thank you, this helped" was answered with a passage on kidney disease (it
leaned on the answer before it), "thanks" with "Concrete, ordered steps — for wherever you are in the
journey", and "hi" with "the guides do not cover this question". Such a message gets a short reply of
its own, with no guide text and no citation. It is read after the safety gate, so a goodbye that the
gate hears as a farewell still gets the crisis lines, and only a message that is nothing but the
courtesy is taken: "thanks, and how long does recovery take" is a question.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Courtesy(StrEnum):
    GREETING = "greeting"
    THANKS = "thanks"
    ACKNOWLEDGEMENT = "acknowledgement"
    GOODBYE = "goodbye"


_POLITE = r"(?:\s+(?:so much|very much|a lot|loads|heaps|again|all|everyone|there|x+|:\)|!+))*"
_PATTERNS: tuple[tuple[Courtesy, re.Pattern[str]], ...] = (
    (Courtesy.GREETING, re.compile(
        r"^(?:hi|hello|hey|hiya|howdy|good (?:morning|afternoon|evening))" + _POLITE + r"$")),
    (Courtesy.THANKS, re.compile(
        r"^(?:(?:ok|okay|great|brilliant|lovely|perfect|right|ah|oh)\s+)?"
        r"(?:(?:thanks|thank you|thank u|thankyou|thx|ty|cheers|much appreciated)" + _POLITE +
        r"(?:\s+for (?:this|that|the (?:help|info|information|answer)|your help|helping|explaining))?"
        r"(?:\s+(?:this|that|it|you) (?:helped|helps|has helped|was helpful|is helpful|makes sense|made sense))?)"
        + _POLITE + r"$")),
    (Courtesy.ACKNOWLEDGEMENT, re.compile(
        r"^(?:ok|okay|got it|i see|understood|that makes sense|makes sense|that helps|that helped|this helped|"
        r"very helpful|that was helpful|great|brilliant|perfect|good to know)(?:\s+(?:ok|okay|great|thanks|then))?" + _POLITE + r"$")),
    (Courtesy.GOODBYE, re.compile(r"^(?:bye|bye bye|see you|see ya|take care|thats all(?: for now)?|night night)" + _POLITE + r"$")),
)

REPLIES = {
    Courtesy.GREETING: ("Hello. I answer questions about POEMS syndrome from the patient guides, and show the passage "
                        "each statement comes from. What would you like to know?"),
    Courtesy.THANKS: ("You're welcome. Ask another question about POEMS whenever you like; for your own care, your "
                      "hematologist or care team is the one to ask."),
    Courtesy.ACKNOWLEDGEMENT: ("Ask another question about POEMS whenever you like; for your own care, your hematologist "
                               "or care team is the one to ask."),
    Courtesy.GOODBYE: "Take care. For your own care, talk to your hematologist or care team.",
}


def courtesy(message: str) -> Courtesy | None:
    """The courtesy a message is, when it is nothing else ("thank you, this helped"); None for a question."""
    text = re.sub(r"[^\w\s:)']+", " ", message.lower().replace("’", "'")).replace("'", "")
    text = re.sub(r"\s+", " ", text).strip()
    for kind, pattern in _PATTERNS:
        if pattern.match(text):
            return kind
    return None
