"""Follow-up questions: resolve 'what dose do they use for it?' against the conversation, with no LLM."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.answer_shape import defines_own_term
from assistant.question import has_pronoun, leans_on_context, leans_only_at_its_end, stands_alone, topic_words, without_asides
from assistant.text import content_words, without_asked_time
from core.errors import BadQuestion
from core.types import Turn

MAX_TURN_CHARS = 20_000


@dataclass
class Resolved:
    """The question as retrieval should see it."""

    query: str
    is_follow_up: bool = False
    carry_ids: list[str] = field(default_factory=list)
    certain: bool = True  # False: it may stand alone; the assistant tries it alone first


def normalise_history(history) -> list[Turn]:
    """Accept Turns or {'role','content'} dicts; anything else is a BadQuestion with the expected shape."""
    if history is None:
        return []
    if not isinstance(history, (list, tuple)):
        raise BadQuestion('history must be a list of {"role": "user"|"assistant", "content": "..."} objects')
    turns = []
    for i, item in enumerate(history):
        role: object
        content: object
        cited: object = ()
        if isinstance(item, Turn):
            role, content, cited = item.role, item.content, item.cited
        elif isinstance(item, dict):
            role, content, cited = item.get("role"), item.get("content"), item.get("cited") or ()
        else:
            raise BadQuestion(f"history item {i} must be an object with role and content, not {type(item).__name__}")
        if not isinstance(role, str) or role not in ("user", "assistant"):
            raise BadQuestion(f'history item {i} has role {role!r}; use "user" or "assistant"')
        if not isinstance(content, str):
            raise BadQuestion(f"history item {i} content must be text")
        if not isinstance(cited, (list, tuple)) or not all(isinstance(c, str) for c in cited):
            raise BadQuestion(f"history item {i} cited must be a list of chunk ids")
        turns.append(Turn(role, content[:MAX_TURN_CHARS], tuple(cited)))
    return turns


def is_follow_up(question: str, history: Sequence[Turn]) -> bool:
    """A message that cannot stand alone after an earlier question (see question.stands_alone)."""
    if not any(t.role == "user" for t in history):
        return False
    # "organomegaly?? her scan report says that": the "that" is in what the message tells; what it
    # asks names its own subject
    return not (stands_alone(question, content_words(question)) or defines_own_term(question))


def resolve(question: str, history: Sequence[Turn], carried: Callable[[Turn], list[str]] | None = None,
            assume: bool = False) -> Resolved:
    """Expand a follow-up with the earlier user turns' words and carry the last answer's passages forward;
    `assume`: read the message as a follow-up even though it may stand alone (when, alone, the guides do not answer it)."""
    if not (assume and any(t.role == "user" for t in history)) and not is_follow_up(question, history):
        return Resolved(query=question)
    asked = _since_topic(history)
    # the earlier questions as they were asked, without "hi, my mum was told last week she has poems." or
    # "in plain english": those words name no topic and pull the follow-up's search away
    context = " ".join(without_asides(part) for part in asked)
    words = " ".join(dict.fromkeys(content_words(without_asked_time(context))))
    # what "is it X?" asked of POEMS says of it is no referent ("how do they treat it" after "is it cancer"
    # had been searched as "how do they treat it cancer", in a ten-turn chat tried by hand)
    referents = _PREDICATE.sub(" ", context)
    if not leans_on_context(question) and not topic_words(referents, content_words(referents)):
        # after "what actually is it", "is it a kind of cancer?" has no other referent: "it" is POEMS
        return Resolved(query=question)
    last_turn = next((t for t in reversed(history) if t.role == "assistant"), None)
    carry = carried(last_turn) if (carried and last_turn is not None) else []
    # The follow-up's own subject words count twice: they say what is asked, the earlier questions only what about
    # ("what would we notice if it did" after "can it come back after the radiation worked" had been answered from
    # the radiation passages). On the read conversations (t12-t26 whole, t27 dev; 1,184 turns), follow-ups' facts
    # all 0.604 -> 0.626, the turns' on-topic share 0.572 -> 0.582. All its content words twice: 0.628, but the
    # gold set's dev follow-ups asked in generic words ("how common is that in poems?") lost 3 of 12 (facts 0.958
    # -> 0.933); thrice, 0.622; only the earlier questions' subject words, 0.606; no passages carried, 0.600.
    own = " ".join(topic_words(question, content_words(question)))
    return Resolved(query=f"{question} {own} {words}".strip(), is_follow_up=True, carry_ids=carry,
                    certain=(leans_on_context(question) or has_pronoun(question)) and not leans_only_at_its_end(question))


# (a question that opens so, not "what is poems most often misdiagnosed as", whose rest is its topic)
# ("… has poems, is it a cancer" asks it after a comma: "how do they treat it" after it had been searched with "cancer"
# and led with the cancer centres, in a ten-turn chat tried by hand)
_PREDICATE = re.compile(r"(?:^|[.?!,]\s*)(?:(?:so|and|but|then|ok|okay) )?(?:is|isnt|was) (?:it|this|that|poems)(?: syndrome)? "
                        r"(?:a |an )?(?:(?:kind|type|form|sort) of )?[^?.!,]*", re.IGNORECASE)


# How far back a chain of follow-ups is followed to the question that opened its topic: on the read conversations
# (t12-t27 whole, t28 dev; 1,295 turns) 3 turns found every fact in 8 more turns and lost 2 switches against 2 (the
# old rule: a follow-up to a follow-up took the last two), turns' facts 0.702 -> 0.707; 4 lost one more.
CHAIN_TURNS = 3


def _since_topic(history: Sequence[Turn]) -> list[str]:
    """The user's questions since the one that opened the topic: a follow-up to a follow-up still needs the
    original topic ("if it doesnt work whats next" after "whats the dose they use" and "and how often does it
    work", all about the radiation asked of first, had been searched with only the last two: conversations_t28 dev)."""
    users = [i for i, t in enumerate(history) if t.role == "user"]
    start = len(users) - 1
    while start > 0 and len(users) - start < CHAIN_TURNS and is_follow_up(history[users[start]].content, history[: users[start]]):
        start -= 1
    return [history[i].content for i in users[start:]]


def last_answer(history: Sequence[Turn]) -> str:
    """The text of the conversation's last answer ("" when there is none)."""
    return next((t.content for t in reversed(history) if t.role == "assistant"), "")
