"""Emergency: acute red flags (stroke signs, chest pain, sudden breathlessness, a swollen leg with
breathlessness, coughing or vomiting blood, fainting, heavy bleeding) and thoughts of self-harm.

The emergency number comes first; the answer still goes on to the guide passage its retrieval hint
finds (the thrombosis section for chest pain). A symptom counts when its clause names a real person or
says it is happening now; the classifier catches paraphrases, guarded against informational,
past and "is this from POEMS?" questions.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from assistant.safety.category import Context, Finding, Message, classifier_says
from assistant.safety.classifier import Scores
from assistant.safety.lexicon import PERSON as _PERSON
from assistant.safety.text import clauses as _clauses
from assistant.safety.text import clean_text, normalise
from core.types import EMERGENCY, Turn

EMERGENCY_PREFACE = (
    "Call your local emergency number now (911 in the US, 999 in the UK, 112 in Europe). "
    "Don't wait to see if it passes, and don't drive yourself; if someone is with you, ask them to call."
)
SELF_HARM_PREFACE = (
    "Call your local emergency number now (911 in the US, 999 in the UK, 112 in Europe) if you might act "
    "on these thoughts or are in danger. You can also talk to a crisis line right now: call or text 988 in "
    "the US, or call Samaritans on 116 123 in the UK and Ireland. You are not alone, and you deserve support."
)

# Retrieval text that steers an emergency question to the guide passages worth showing after the
# instruction to call (the Bare Your Rare thrombosis section, or the mental-health lines).
EMERGENCY_HINTS = {
    "stroke": "stroke thrombosis arterial events thrombotic",
    "chest": "thrombosis arterial events myocardial infarction",
    "breath": "pulmonary embolism deep vein thrombosis venous events thrombosis",
    "clot": "deep vein thrombosis pulmonary embolism venous events thrombosis",
    "cough_blood": "pulmonary embolism venous events thrombosis",
    "faint": "thrombosis stroke arterial events",
    "bleeding": "anticoagulation bleeding risk thrombocytopenia",
    "self_harm": "mental health depression anxiety support",
    "other": "thrombosis stroke pulmonary embolism",
}

# Happening now, even without a pronoun ("coughin up blod since last night").
_NOW = re.compile(
    r"\b(?:right now|just now|at the moment|currently|happening|this (?:morning|evening|afternoon)|tonight|"
    r"(?:few |\d+ |ten |twenty |thirty )?(?:mins?|minutes?|hours?|hrs?) ago|an hour ago|since (?:last night|"
    r"this|lunch|breakfast|dinner|yesterday|he|she|i|about|\d)|all of a sudden|out of nowhere|all at once|"
    r"came on|started (?:suddenly|today|an hour|a few)|keeps?|wont stop)\b"
)

_LIMB = r"(?:arm|arms|hand|hands|leg|legs|side|fingers|grip|foot)"
_BREATH = (
    r"(?:cant (?:catch (?:my|his|her|their|a) )?breath[e]?|cant get (?:enough |any )?air|(?:struggling|"
    r"fighting|gasping) for (?:air|breath)|gasping|short(?:ness)? of breath|out of breath|breathless|"
    r"barely breath[e]?|hard to breath[e]?|trouble breathing|difficulty breathing|not breathing|"
    r"stopped breathing|cant breath(?:e|ing)?|breathing (?:really |very )?(?:fast|hard|strangely|funny|weird)|"
    r"panting|(?:lips|face) (?:is |are |look |looks |turning |gone |going )?(?:blue|grey|gray)|drowning)"
)

# (kind, pattern): a symptom counts when its clause names a person or says it is happening now.
_SYMPTOMS: list[tuple[str, re.Pattern]] = [
    ("stroke", re.compile(
        r"\b(?:face|mouth|smile|lip|cheek|eyelid|eye lid)s?\b.{0,30}\b(?:droop\w*|sag\w*|lopsided|crooked|"
        r"uneven|slack|fallen|dropp?(?:ed|ing)?|numb|pulling|twisted|wont move)|\b(?:droop\w*|lopsided|crooked)"
        r"\b.{0,20}\b(?:face|mouth|smile|eyelid|eye)")),
    ("stroke", re.compile(
        rf"\bcant (?:lift|raise|move|feel|hold|grip|use|squeeze|stand|walk)\b.{{0,25}}\b{_LIMB}\b|"
        rf"\b{_LIMB}\b.{{0,25}}\b(?:went|gone|going|is|are|feels?|felt|suddenly|just|has|have)\b.{{0,15}}"
        rf"\b(?:weak|numb|limp|dead|heavy|floppy|flops?|useless|paralys\w*|gave way|buckl\w*)|"
        rf"\b(?:one|left|right) side\b.{{0,25}}\b(?:weak|numb|limp|wont move|cant move|paralys\w*|droop\w*)|"
        rf"\bcant move (?:his|her|my|their|the) (?:left |right )?(?:side|{_LIMB})|\barm (?:just )?flops|"
        rf"\b(?:half|one side) of (?:my|his|her|their|the) (?:body|face)")),
    ("stroke", re.compile(
        r"\bslurr\w*|\bgibberish\b|\bgarbled\b|\bjumbled\b|\bmumbling nonsense\b|\bnot making sense\b|"
        r"\bcant (?:talk|speak|get (?:his|her|my|their|the) words|find (?:simple |the |his |her |my )?words|"
        r"understand (?:what|me|anything))|\bwords (?:come|came|are coming) out (?:wrong|weird|funny|jumbled)|"
        r"\bspeech (?:is |went |has gone |sounds |got )?(?:weird|strange|slurred|garbled|off|funny|thick)|"
        r"\bspeech\b.{0,20}\b(?:weird|strange|garbled)")),
    ("stroke", re.compile(
        r"\b(?:lost|losing|loss of) (?:the |my |his |her )?(?:vision|sight)|\b(?:went|gone|going) blind\b|"
        r"\bblind in (?:one|my|his|her|the|an) (?:left |right )?eye|\bcant see (?:out of|anything|from|properly)|"
        r"\b(?:vision|sight|everything) (?:went|has gone|is going|suddenly|just)\b.{0,15}(?:black|dark|blurry|"
        r"dim|grey|gray|double)?|\bcurtain (?:came|coming|come) down|\bsees? double\b|\bdouble vision\b")),
    ("stroke", re.compile(
        r"\b(?:having|just had|might be having|think .{0,20}(?:having|had)) a (?:stroke|mini stroke|tia)\b|"
        r"\bis this a stroke\b|\bstroke (?:right now|happening)")),
    ("stroke", re.compile(
        r"\bworst headache\b|\bthunderclap\b|\b(?:suddenly|very|really) confused\b|\bconfused all of a sudden|"
        r"\bdoesnt know where (?:he|she|they) (?:is|are)\b")),
    ("chest", re.compile(
        r"\bchest\b.{0,25}\b(?:pain|pains|hurts?|hurting|pressure|tight\w*|crush\w*|squeez\w*|heav\w*|"
        r"aches?|aching|burn\w*|killing|elephant)|\b(?:pain|pressure|tightness|crushing|squeezing)\b.{0,20}"
        r"\bchest\b|\bclutching (?:his|her|my|their) chest|\bheart attack\b")),
    ("breath", re.compile(rf"\b{_BREATH}\b")),
    ("breath", re.compile(
        r"\bheart (?:is )?(?:racing|pounding)\b.{0,40}\b(?:air|breath\w*|faint|dizzy)|"
        r"\bthroat (?:is )?(?:swelling|closing)")),
    ("cough_blood", re.compile(
        r"\bcough\w*\b.{0,15}\b(?:blood|blod|bloody)\b|\bblood\b.{0,20}\bcough\w*|\bspit\w* (?:up )?blood|"
        r"\bh(?:a)?emoptysis\b")),
    ("faint", re.compile(
        r"\bfainted\b|\bfainting\b|\bpass(?:ed|es|ing)? out\b|\bcollaps\w*|\bblack(?:ed|ing|s)? out\b|"
        r"\bunconscious\b|\bunresponsive\b|\bnot respond\w*|\bisnt respond\w*|\bwont wake\b|\bcant wake\b|"
        r"\bnot waking\b|\blost consciousness\b|\bkeeled over\b|\bon the floor\b|\bseizure\b|\bfitting\b|"
        r"\bconvuls\w*")),
    ("bleeding", re.compile(
        r"\bbleed\w*\b.{0,30}\b(?:wont stop|doesnt stop|not stopping|cant stop|heavily|a lot|badly|everywhere)|"
        r"\b(?:cant|wont) stop (?:the )?bleed\w*|\b(?:heavy|severe|uncontrolled|so much|lots of) bleed\w*|"
        r"\bblood everywhere\b|\b(?:vomit\w*|throw\w* up|throwing up) blood|\bblood in (?:my |his |her |the )?"
        r"(?:vomit|stool|poo|pee|urine|sick)|\b(?:black|tarry) (?:and tarry )?stool|\bstool is black|"
        r"\bnosebleed\b.{0,30}\b(?:wont|doesnt|not) stop|\bsoak\w* (?:the |through )|"
        r"\blot of blood\b|\bpassing (?:a lot of )?blood\b")),
    ("clot", re.compile(
        r"\b(?:calf|leg|thigh|legs|ankle)\b.{0,40}\b(?:swollen|swell\w*|puffy|red|hot|painful|sore|hurts?|"
        r"throbbing|tender)\b|\b(?:swollen|swelling|puffy|painful|sore|hot)\b.{0,30}\b(?:calf|leg|thigh)\b|"
        r"\bclot in (?:my|his|her|their|the) (?:leg|calf|thigh|arm|lung)")),
]
# Phrasings that are about something happening to someone, with no pronoun needed.
_HAPPENING = re.compile(
    r"\bis this an? (?:stroke|heart attack|seizure|clot)\b|\b(?:im|i am|is|hes|shes|are|were|think (?:i|he|she)"
    r"(?:m| is| am)?) having an? (?:stroke|heart attack|seizure|fit)\b"
)
# A swollen, painful leg alone is usually the edema POEMS is known for; with breathlessness or
# chest pain it may be a clot that has reached the lungs.
_NEEDS_PARTNER = {"clot": {"breath", "chest", "cough_blood"}}

_SELF_HARM = re.compile(
    r"\bsuicid\w*|\bkill(?:ing)? (?:my|him|her|them|your)sel(?:f|ves)\b|\bend(?:ing)? (?:my|his|her|their) "
    r"(?:own )?life\b|\btak(?:e|ing) (?:my|his|her|their) (?:own )?life\b|\bend(?:ing)? it all\b|"
    r"\bwant(?:s|ed|ing)? to die\b|\bwish(?:es)? (?:i|he|she|they) (?:was|were) dead\b|\bbetter off "
    r"(?:dead|without me|without him|without her)\b|\bno (?:reason|point) (?:to|in) (?:live|living|go on|"
    r"going on|carry on|carrying on|keep living)\b|\b(?:whats|what is) the point (?:of|in) (?:going on|living|"
    r"carrying on|anything)\b|\bdont want to (?:live|be alive|be here|wake up|go on)\b|\bself ?-?harm\w*|"
    r"\b(?:hurt|hurting|harm|harming|cut|cutting|burn|burning) (?:my|him|her|them)sel(?:f|ves)\b|"
    r"\b(?:take|taking|took|swallow\w*) all (?:of )?(?:my|his|her|their|the) (?:pills|tablets|meds|medication)|"
    r"\boverdos\w*|\bnever wake up\b|\bgiv(?:e|ing) up on life\b|\bnobody would miss me\b|\bcant go on\b|"
    r"\bplan to (?:end|kill)\b|\bsav(?:e|ing) up (?:my|his|her) (?:pills|tablets|meds)|"
    r"\bcant (?:do|take|cope with|handle) (?:this|it|any more of this) any ?more\b|"
    r"\bwant (?:it all|everything|it) to (?:stop|end)\b|\bdont want to be (?:here|around) any ?more\b|"
    r"\bno (?:way out|hope left)\b|"
    # warning signs people give instead of saying it outright
    r"\bsaid (?:my |his |her |their )?goodbyes?\b|\bsaying goodbye to (?:everyone|everybody|my family)\b|"
    r"\b(?:pills|tablets|meds) (?:are )?(?:ready|lined up|saved up)\b|\bgiv(?:e|ing|en) away (?:all )?"
    r"(?:my|his|her|their) (?:things|stuff|belongings|possessions)\b|\bgoodbye (?:letters?|notes?)\b|"
    r"\bsuicide note\b"
)
# Informational framing ("what are the signs of a stroke?"): with no real person in the message the
# classifier alone may not call it an emergency; the patterns still can.
_GENERIC_QUESTION = re.compile(
    r"^(?:what (?:are|is|does|do|causes|happens|counts)|whats|which|how (?:common|often|is|are|do|does|can|"
    r"likely|much|many|quickly|long)|why|can poems|does poems|do poems|is (?:an? )?[\w ]{1,30} (?:a sign|a "
    r"symptom|common|linked|related|part of|normal)|are [\w ]{1,30} (?:common|linked|related)|tell me about|"
    r"explain|describe|list|define)\b|\b(?:signs? of|symptoms? of|warning signs|risk of|chance of)\b"
)
# Explicitly past or future, so not happening now ("had a stroke last year", "transplant next week").
_NOT_NOW = re.compile(
    r"\b(?:last (?:year|month|week|summer|winter|spring|autumn|fall|time)|(?:years?|months?|weeks?) ago|"
    r"in the past|history of|before (?:my|his|her|their|the) (?:diagnosis|treatment|transplant)|previously|"
    r"used to|next (?:week|month|year|time)|tomorrow|upcoming|in the future|years? back)\b"
)
# Asking what a known symptom is due to ("my legs are swollen, is that from POEMS?") is informational.
_ATTRIBUTION = re.compile(
    r"\b(?:is|could|can|would|might) (?:that|this|it) (?:be )?(?:from|due to|because of|caused by|part of|"
    r"a (?:symptom|sign|feature) of|related to|linked to|normal|common|expected|the)\b"
)
# Asking about the course or what helps ("will the feeling in my feet come back?", "what helps?")
# looks for information about a known, ongoing problem; the classifier alone must not call it acute.
_COURSE_QUESTION = re.compile(
    r"\b(?:will|would|does|do|can|could) (?:\w+ ){0,5}(?:come back|get better|improve|recover|go away|return|"
    r"heal|last|get worse over time)\b|\bwhat (?:helps|can help|could help|would help)\b|\bwhat helps\b|"
    r"\b(?:is there|are there) (?:anything|something|treatments?) (?:that )?(?:helps?|for)\b"
)
# Follow-ups that keep an emergency from the previous user turn alive.
_STILL_URGENT = re.compile(
    r"\b(?:its happening|happening again|getting worse|worse now|what do i do|what should i do|help|hurry|"
    r"still (?:cant|has|is|wont)|again)\b"
)


def emergency_kinds(norm: str) -> list[str]:
    """Emergency kinds present in the text: symptoms with a real person or 'now', plus self-harm."""
    kinds: list[str] = []
    if _SELF_HARM.search(norm):
        kinds.append("self_harm")
    seen: set[str] = set()
    for clause in _clauses(norm):
        anchored = bool(_PERSON.search(clause) or _NOW.search(clause))
        for kind, pat in _SYMPTOMS:
            if pat.search(clause):
                seen.add(kind)
                if anchored and kind not in kinds:
                    kinds.append(kind)
    # Partner symptoms may sit in another clause of the same message.
    for kind, partners in _NEEDS_PARTNER.items():
        if kind in kinds and not (partners & seen):
            kinds.remove(kind)
    m = _HAPPENING.search(norm)
    if m and not kinds:
        kinds.append("chest" if "heart" in m.group(0) else "stroke" if "stroke" in m.group(0) else "faint")
    return kinds


def last_user_emergency(history: Sequence[Turn]) -> list[str]:
    """Emergency kinds in the most recent user turn, for 'it's getting worse'-style follow-ups."""
    for turn in reversed(list(history or ())[-4:]):
        if getattr(turn, "role", "") == "user":
            return emergency_kinds(normalise(clean_text(getattr(turn, "content", ""))))
    return []


class Emergency:
    """Call-now preface (a crisis line for self-harm) and a retrieval hint towards the guides' passage."""

    flag = EMERGENCY
    label = str(EMERGENCY)
    # Emergency sits lowest on purpose: a needless "call 911" line costs little, a missed one a life.
    default_threshold = 0.30
    reply_rank = 0  # never replies: the answer goes on after the preface
    sticky = True

    def guard(self, norm: str) -> bool:
        if (_NOT_NOW.search(norm) or _ATTRIBUTION.search(norm) or _COURSE_QUESTION.search(norm)) and not _NOW.search(norm):
            return False
        return bool(_PERSON.search(norm)) or not _GENERIC_QUESTION.search(norm)

    def detect(self, msg: Message, scores: Scores, found: Mapping[str, Finding], ctx: Context) -> Finding | None:
        # Patterns on the current message; the classifier for paraphrases the patterns miss.
        kinds = emergency_kinds(msg.norm)
        if not kinds and _STILL_URGENT.search(msg.norm):
            kinds = last_user_emergency(msg.history)
        if not kinds and classifier_says(self, msg.norm, scores.p, ctx.thresholds):
            kinds = [ctx.nearest_kind(self.label, scores.vector)]
        if not kinds:
            return None
        return Finding(
            kinds=tuple(kinds),
            preface=SELF_HARM_PREFACE if "self_harm" in kinds else EMERGENCY_PREFACE,
            retrieval_hint=" ".join(dict.fromkeys(EMERGENCY_HINTS.get(k, "") for k in kinds)).strip(),
        )


CATEGORY = Emergency()
