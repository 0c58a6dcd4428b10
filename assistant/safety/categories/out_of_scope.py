"""Out of scope: a question with nothing to do with POEMS and its care (recipes, code, trivia).

A one-line scope statement, naming the guides, replaces the answer. A domain word keeps a message in
scope whatever the classifier thinks, and a short follow-up after a POEMS answer inherits its topic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.answer_shape import asks_own_name_spelled_out
from assistant.question import DISEASE_AT_END, acronym_letter
from assistant.safety.category import Context, Finding, Message, classifier_says
from assistant.safety.classifier import Scores
from assistant.safety.lexicon import DOMAIN as _DOMAIN
from assistant.safety.text import clean_text, normalise
from core.types import INJECTION, OUT_OF_SCOPE, Turn

_OUT_OF_SCOPE = re.compile(
    r"\b(?:write|compose|draft|generate)\b.{0,30}\b(?:poem|haiku|verse|story|essay|song|letter|email|code|"
    r"function|script|program|joke|limerick|copy)\b|\b(?:python|javascript|typescript|java|sql|css|html|"
    r"regex|c\+\+|golang|excel formula|linked list|for loop)\b|\b(?:recipe|bake|baking|weather|forecast|"
    r"stock price|bitcoin|crypto\w*|invest\w*|taxes|tax (?:return|returns|form|forms|code)|football|soccer|cricket|world cup|movie|novel|"
    # a flight to book, not one climbed ("puffed out on the two flights up to my flat", safety_test16 dev)
    r"itinerary|flights?(?!\s+(?:of\s+(?:stairs|steps)|up\b|down\b))|hotel|sourdough|laptop|smartphone|iphone)\b|\b(?:capital of|who (?:won|painted|"
    # (not who wrote the rules the doctors go by: "who wrote the rules doctors use to diagnose it", questions_t25 dev)
    r"wrote(?! (?:the|these|those|that) (?:rules|criteria|guidelines?|guides?|definition|paper|study|studies))|invented|is the president)|"
    r"how many moons|translate)\b|\btell me a (?:joke|fun fact)\b"
)
_FOLLOW_UP = re.compile(
    r"^(?:and|but|so|also|ok|okay|thanks|what about|how about)\b|\b(?:it|that|this|those|these|they|them|"
    r"the same|the other|the second|the first|more)\b"
)



_ABOUT_IT = re.compile(r"^(?:(?!\b(?:you|your)\b).)*\b(?:is|does|can|will|was|how \w+ is|what causes|why is|is there)\s+(?:it|this)\b|"
                       # what is done to the disease or how one comes by it: "how do they treat it", "can
                       # you cure it", "how did he get it" ("how do they treat it" was refused as trivia)
                       r"\b(?:treat|treated|treating|cure|cured|curing|diagnose|diagnosed|test for|manage|managed|"
                       r"get|got|catch|caught|inherit|inherited|pass on|spread|prevent|stop|slow|beat|fight|survive|"
                       r"live with|detect|find|found|confirm|monitor|control|research|researching|studying|study)\s+(?:it|this)\b(?!\s+(?:code|recipe|"
                       r"file|program|app|movie|song|game))|"
                       # where to go or whom to see for it ("we're in the states - where are the good places to go for
                       # this", questions_t23 dev, was refused as trivia), and the disease's own cells ("where in the
                       # body do the bad cells actually live")
                       r"\b(?:go|going|get seen|be seen|see someone|ask|travel|fly|drive)\s+(?:for|about|with)\s+(?:it|this)\b(?!\s+(?:code|recipe|"
                       r"file|program|app|movie|song|game|trip|holiday|vacation))|\bthe (?:bad|abnormal|rogue|faulty|sick|diseased) cells\b|"
                       # care sought with no one named ("where is the best place in the uk to be seen", 0.48 on the
                       # classifier, and "whats the best place to get seen in canada", 0.68: a ten-turn chat tried by hand)
                       r"\b(?:to be|to get|get|getting|be|being) (?:seen|treated|assessed|diagnosed|tested|checked|referred)\b(?! (?:to|by) (?:a |the )?"
                       r"(?:barber|hairdresser|vet|mechanic|dentist))")




# The body and its care: a question about hands, skin, legs or a specialist is a patient's question whatever the
# classifier thinks. Measured on every safety set and the answerable patient questions: the classifier alone
# had refused 21 everyday messages ("what skin stuff should i be looking for on him", questions_t22 dev; "dropping
# cups bc my hands are weak, any tips"; "ive been saving up for a trip to see a specialist in the states, how do
# i get a referral"). Only the classifier is overruled, and only for someone's own body or care (a person
# named: "What are the symptoms of lupus?" and "how to treat a sprained ankle" stay out of scope); a scope
# pattern ("write a poem about my hands") still refuses.
_SOMEONE = re.compile(r"\b(?:i|im|ive|my|me|he|hes|him|his|she|shes|her|we|were|weve|our|us|they|them|their|theyre)\b")
_BODY_OR_CARE = re.compile(
    r"\b(?:skin|bumps?|spots?|rash\w*|hands?|fingers?|grip\w*|wrists?|arms?|legs?|knees?|feet|foot|toes?|ankles?|"
    r"chest|eyes?|taste\w*|swell\w*|swollen|pins and needles|numb\w*|weak\w*|body|bodies|cells?|hormones?|"
    r"specialists?|referral|results|brace|afo|physio\w*|occupational therap\w*|symptoms?|side effects?|"
    r"explain (?:it|this|poems|that) to|"
    # how long someone has left ("how long has he got" was refused as trivia: a hand probe after questions_t27 dev)
    r"how long (?:have|has|do|does|will|would) (?:\w+ )?(?:got|have|has|left|live|survive)|life expectancy|(?:his|her|my|our|their|the) (?:outlook|prognosis)|"
    # where to be seen, asked with nothing else named ("we live in beijing, where is best to go", questions_t24 dev;
    # "we're in the states - where are the good places", questions_t23 dev: refused as travel trivia)
    r"(?:best|good|right|top) (?:places?|hospitals?|centres?|centers?|clinics?|doctors?|to go)|hospitals?|clinics?|doctors?|"
    # … or which centres or experts, anywhere ("we live in asia, which centres there know this disease", t38 dev, refused
    # as trivia at 0.43 on the classifier)
    r"centres?|centers?|experts?|"
    # (the one who goes named in two words: "my family are in china, where should my mother go", t40 dev)
    r"where (?:is|are|should|do|can|could|would) (?:\w+ ){0,2}(?:best |good )?(?:to )?go|who (?:should|do|can|could) (?:i|we|he|she|they) see)\b")
# Where care is found — a specialist, a centre, a second opinion — is asked of POEMS with no one named too ("any specialist
# centre in france", t40 dev, refused as trivia)
_CARE_PLACE = re.compile(r"\b(?:specialists?|expert (?:centres?|centers?)|second opinions?|referrals?)\b")


def scope_reply(guide_names: Sequence[str] = ()) -> str:
    """The one-line scope statement, naming the guides when their publishers are known."""
    names = [n for n in guide_names if n]
    where = f"the POEMS patient guides ({', '.join(names)})" if names else "the POEMS patient guides I was given"
    return (
        f"I can only answer questions about POEMS syndrome and its care, from {where}, "
        "so I can't help with this one."
    )


def history_in_domain(history: Sequence[Turn]) -> bool:
    """Whether the recent conversation was about POEMS (so a short follow-up inherits its topic)."""
    for turn in list(history or ())[-4:]:
        if _DOMAIN.search(normalise(clean_text(getattr(turn, "content", ""), 2000))):
            return True
    return False


class OutOfScope:
    """The scope statement replaces the answer."""

    flag: str = OUT_OF_SCOPE
    label: str = str(OUT_OF_SCOPE)
    default_threshold: float = 0.50
    reply_rank: int = 1
    sticky: bool = False  # a refusal, not a caution: only the full decision may make it

    def guard(self, norm: str) -> bool:
        return not _DOMAIN.search(norm)

    def detect(self, msg: Message, scores: Scores, found: Mapping[str, Finding], ctx: Context) -> Finding | None:
        norm = msg.legit_norm
        if not norm or any(f.in_scope for f in found.values()):
            return None
        if INJECTION in found:
            # Once an injection is ignored, leftovers like "answer everything I ask" are not trivia questions.
            oos = bool(_OUT_OF_SCOPE.search(norm))
        else:
            oos = self._out_of_scope(norm, scores.p, msg.history, ctx)
        if not oos or _DOMAIN.search(norm):
            return None
        return Finding(reply=ctx.scope_reply)

    def _out_of_scope(self, norm: str, p: Mapping[str, float], history: Sequence[Turn], ctx: Context) -> bool:
        """Unrelated to POEMS: no domain word, and a scope pattern or a confident classifier."""
        if _DOMAIN.search(norm):
            return False
        pattern = bool(_OUT_OF_SCOPE.search(norm))
        # (a letter of the name asked about: "whats the E" was refused as trivia, "whats the P" not)
        if (_ABOUT_IT.search(norm) or DISEASE_AT_END.search(norm) or acronym_letter(norm) or asks_own_name_spelled_out(norm)
                or (_BODY_OR_CARE.search(norm) and _SOMEONE.search(norm)) or _CARE_PLACE.search(norm)) and not pattern:
            return False  # "how rare is it", "is it curable": "it" with no other referent means POEMS
        if history_in_domain(history):
            # Mid-conversation about POEMS, a message with no off-topic word is about POEMS ("where are
            # they running?", "what number would count as high", "anything in europe?": 12 follow-ups
            # of the three patient conversation sets were refused on the classifier alone); if the
            # guides do not cover it, the answerer says so.
            return pattern and (classifier_says(self, norm, p, ctx.thresholds) or not _FOLLOW_UP.search(norm))
        return pattern or classifier_says(self, norm, p, ctx.thresholds)


CATEGORY = OutOfScope()
