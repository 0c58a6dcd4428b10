"""Safety gate: flags emergencies, personal medical instructions, out-of-scope questions and prompt
injection before retrieval, and strips doses, individual instructions and unsupported claims from the
composed answer after. It never raises: every failure degrades to a plainer, safer verdict.

Detection is high-precision regular expressions OR a softmax-regression classifier over the same
offline sentence embeddings the retriever uses (fitted on assistant/safety_data/exemplars.jsonl at
construction). Thresholds are calibrated on the dev split of evals/safety.jsonl only
(`python -m evals.safety_eval --calibrate`); the heldout split is for measuring.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

import numpy as np

from core.types import EMERGENCY, INJECTION, OUT_OF_SCOPE, PERSONAL_ADVICE, Answer, Turn
from index.embed import Embedder

log = logging.getLogger(__name__)

ORDINARY = "ordinary"
CATEGORIES = (EMERGENCY, PERSONAL_ADVICE, OUT_OF_SCOPE, INJECTION)
LABELS = (ORDINARY, *CATEGORIES)

DEFAULT_EXEMPLARS = Path(__file__).resolve().parent / "safety_data" / "exemplars.jsonl"

# Classifier probability needed to flag a category on its own (patterns flag regardless).
# Calibrated with all-MiniLM-L6-v2 on the dev split only (`python -m evals.safety_eval --calibrate`).
# Emergency sits lowest on purpose: a needless "call 911" line costs little, a missed one a life.
DEFAULT_THRESHOLDS: dict[str, float] = {
    EMERGENCY: 0.30,
    PERSONAL_ADVICE: 0.50,
    OUT_OF_SCOPE: 0.50,
    INJECTION: 0.45,
}

# Pattern scanning is linear, but embedding a megabyte of text is not: cap both.
MAX_SCAN_CHARS = 4000
MAX_EMBED_CHARS = 1000

EMERGENCY_PREFACE = (
    "Call your local emergency number now (911 in the US, 999 in the UK, 112 in Europe). "
    "Don't wait to see if it passes, and don't drive yourself; if someone is with you, ask them to call."
)
SELF_HARM_PREFACE = (
    "Call your local emergency number now (911 in the US, 999 in the UK, 112 in Europe) if you might act "
    "on these thoughts or are in danger. You can also talk to a crisis line right now: call or text 988 in "
    "the US, or call Samaritans on 116 123 in the UK and Ireland. You are not alone, and you deserve support."
)
CARE_TEAM_NOTE = (
    "Decisions about your own treatment, such as doses or starting, stopping or changing a medicine, "
    "belong with your hematologist or care team, so please ask them; they know your full situation."
)
INJECTION_REPLY = (
    "I can't change my instructions or my role, but I'm glad to answer questions about POEMS syndrome "
    "from the guides."
)
NOTHING_SUPPORTED = "I couldn't find a passage in the guides that answers this safely."

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


@dataclass
class SafetyVerdict:
    """What the gate decided about one question, and what the assistant must do because of it."""

    flags: list[str]
    preface: str = ""
    reply: str = ""
    question: str = ""
    retrieval_hint: str = ""
    care_team_note: str = ""
    scores: dict[str, float] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Text normalisation


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
# Invisible characters would split words ("bre\u200bathe") if turned into spaces; lone surrogates
# cannot be encoded for the tokenizer.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\ud800-\udfff]")
_NEGATED_ABILITY = re.compile(
    r"\b(?:can ?not|cant|couldnt|could not|cnt|unable to|not able to|isnt able to|struggling to|struggles to)\b"
)


def clean_text(text: object, limit: int = MAX_SCAN_CHARS) -> str:
    """Any input → a printable, bounded str (control characters removed, whitespace collapsed)."""
    if text is None:
        return ""
    if not isinstance(text, str):
        try:
            text = str(text)
        except Exception:
            return ""
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text[: limit * 2]))
    text = _CONTROL.sub(" ", text)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\s*\n\s*", "\n", text).strip()
    return text[:limit]


def light_normalise(text: str) -> str:
    """Lower-case and apostrophe-free, word for word: same words in the same places as `text`."""
    t = re.sub(r"[\u2018\u2019\u02bc`´']", "", text.lower())
    t = t.replace("\u201c", '"').replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", t).strip()


def normalise(text: str) -> str:
    """The form the symptom and advice patterns are written against ("can't", "unable to" → "cant")."""
    t = light_normalise(text)
    # One spelling for "cannot" and friends keeps the symptom patterns short.
    t = _NEGATED_ABILITY.sub("cant", t)
    t = re.sub(r"\b(?:will not|wouldnt|would not)\b", "wont", t)
    t = re.sub(r"\b(?:do not)\b", "dont", t)
    t = re.sub(r"\b(?:does not)\b", "doesnt", t)
    return re.sub(r"\s+", " ", t).strip()


def _clauses(norm: str) -> list[str]:
    """Split normalised text into sentence-like clauses, so a subject and a symptom must co-occur."""
    return [c.strip() for c in re.split(r"[.?!;\n]+|\s-\s|\bbut\b", norm) if c.strip()]


# --------------------------------------------------------------------------------------------
# Patterns. Each is written against normalise()d text.

_PEOPLE = (
    r"dad|father|daddy|papa|mum|mom|mother|mam|mama|mummy|mommy|husband|wife|partner|son|daughter|brother|"
    r"sister|friend|grandma|grandmother|grandpa|grandfather|gran|granny|nan|nana|grandad|granddad|boyfriend|"
    r"girlfriend|spouse|uncle|aunt|auntie|child|kid|baby|patient|neighbou?r|fiancee?|roommate|flatmate|"
    r"parent|relative|cousin|nephew|niece|client|carer|caregiver|colleague|coworker"
)
# Someone real is involved: a pronoun or a named relative. "people with POEMS" or "you" are not.
_PERSON = re.compile(
    rf"\b(?:i|im|ive|id|ill|me|my|myself|we|were|weve|us|our|he|hes|him|his|she|shes|her|hers|they|theyre|"
    rf"them|their|(?:{_PEOPLE})s?)\b"
)
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
# Personal advice asks for a decision, an amount or a judgement about someone's care.
_DECISION = re.compile(
    r"\b(?:should|shall|can|could|may|must|need|needs|ok|okay|safe|safely|right|best|better|worth|enough|"
    r"too (?:much|high|low)|dose|dosage|how much|how many|how long|which|stop|start|skip|switch|take|give|"
    r"eligible|candidate|qualify|have poems|worried|mean)\b"
)
_ADDRESSES_ASSISTANT = re.compile(
    r"\b(?:you|your|yourself|youre|u|ur|assistant|ai|bot|chatbot|model|gpt|system|prompt|instructions?|rules?|"
    r"mode|guidelines?|persona|character|pretend|roleplay|act as|ignore|disregard|override|bypass)\b"
)
# Follow-ups that keep an emergency from the previous user turn alive.
_STILL_URGENT = re.compile(
    r"\b(?:its happening|happening again|getting worse|worse now|what do i do|what should i do|help|hurry|"
    r"still (?:cant|has|is|wont)|again)\b"
)

_ME = r"(?:i|we|he|she|they|my \w+|our \w+|mum|mom|dad|ill|id)"
_MED_VERB = (
    r"(?:take|taking|stop|stopping|start|starting|skip|skipping|double|doubling|halve|halving|increase|"
    r"decrease|reduce|lower|raise|up|change|switch|come off|go off|get off|quit|continue|keep taking|keep|"
    r"restart|resume|cut|give|miss|refuse|drop|combine|try|go back on)"
)
_PERSONAL_PATTERNS = [
    rf"\b(?:should|can|could|may|must|shall|do|would it be (?:ok|okay|safe|fine) (?:if|to)) {_ME} "
    rf"(?:still |just |also |safely )?{_MED_VERB}\b",
    rf"\b(?:should|do|can|could|would|will) {_ME} (?:get|have|go for|undergo|need|be on|be having) (?:a |an |the |"
    rf"more )?(?:transplant|radiation|radiotherapy|chemo\w*|asct|stem cell|treatment|cpap|surgery|"
    rf"anticoagula\w*|blood thinner|aspirin|maintenance|lenalidomide|thalidomide|dexamethasone|dex|steroids?)",
    rf"\b(?:what|which|how much|how many)\b.{{0,40}}\b(?:dose|dosage|doses|mg|milligrams?|pills?|tablets?|"
    rf"capsules?|units?|amount)\b.{{0,40}}\b(?:should|do|can|must|would|will|to) {_ME}\b"
    # "what dose do they (usually) use/give for it" asks what doctors do in general: informational
    r"(?!\s+(?:usually\s+|normally\s+|typically\s+|generally\s+)?(?:use|give|prescribe|recommend)\b)",
    r"\bhow much (?:\w+ ){0,3}(?:should|do|can|must|will) (?:i|we|he|she|they|my \w+)\b",
    r"\bhow much (?:\w+ ){0,4}(?:will|would) they give (?:me|him|her)\b",
    r"\b(?:tell me|what|which|how much)\b.{0,30}\b(?:dose|dosage|amount)\b.{0,30}\bto (?:take|give)\b",
    r"\b(?:my|his|her|their|our) (?:\w+ )?(?:dose|dosage)\b",
    r"\b(?:dose|dosage|amount) (?:for|is right for|is best for|be for) (?:me|him|her|them|my \w+)\b",
    r"\b(?:right|correct|best|safe|proper) (?:dose|dosage|amount)\b.{0,20}\b(?:for|should)\b",
    r"\bwhat should (?:my|his|her) \w+ (?:dose|dosage) be\b",
    r"\b(?:missed|forgot|forgotten|skipped) (?:to take )?(?:my|his|her|their|a|the) (?:\w+ )?(?:dose|pill|"
    r"pills|tablet|tablets|medicine|medication|meds|injection|dex|morning|evening)\b",
    r"\b(?:accidentally|by accident) took\b|\btook (?:double|twice|two)\b",
    r"\b(?:is|would|are|will|was) (?:\w+ ){0,4}(?:right|suitable|safe|good|best|appropriate|ok|okay|worth it|"
    r"a good (?:idea|option|choice)|the right (?:choice|option|treatment)|too (?:much|high|low|strong)|"
    r"work|working) for (?:me|my \w+|him|her|us|them)\b",
    r"\b(?:am i|is he|is she|are we|is my \w+) (?:a |too |fit |eligible|suitable|good |candidate|old|young)",
    r"\b(?:do|does) (?:i|we|he|she|my \w+) (?:need|qualify)\b",
    r"\bis it (?:safe|ok|okay|alright|fine|dangerous|bad) (?:for (?:me|my \w+|him|her|us)|if (?:i|we|he|she)|"
    r"to (?:take|stop|skip|drink|fly|combine|mix))",
    r"\b(?:do|could|might|can|may) (?:i|he|she|my \w+) (?:have|has|got) poems\b|\b(?:could|is) (?:this|it|"
    r"that) (?:be )?poems\b|\bbased on my (?:symptoms|results)\b|\bwhat stage is my\b",
    r"\b(?:my|his|her) (?:\w+ ){0,2}(?:results?|levels?|vegf|platelets|count|m-?protein|light chains?|scan|"
    r"echo|biopsy|numbers)\b.{0,80}\b(?:should (?:i|we|he|she)|do (?:i|we|he|she) need|mean for|failing|"
    r"working|worried)\b",
    r"\bwhat should (?:i|we|he|she) (?:take|use|do about)\b",
    r"\bhow long should (?:i|we|he|she|my \w+) (?:stay|be|keep|remain|continue)\b",
    r"\b(?:can|should|may|could) (?:i|he|she|we|my \w+) (?:still )?(?:drink|fly|travel|get pregnant|breastfeed|"
    r"get vaccinated|have (?:my |a )?vaccin\w*|drive)\b",
    r"\b(?:should|can|do|would) (?:i|we|he|she|my \w+) (?:ask to )?(?:refuse|decline|wait and see|go natural)",
    r"\b(?:should|would) (?:i|we) (?:get|choose|pick|go with|opt for)\b",
    r"\bwhich (?:treatment|drug|option|regimen|medicine|therapy) (?:would be|is|should) .{0,20}\bfor (?:me|my|him|her)\b",
]
_PERSONAL = re.compile("|".join(f"(?:{p})" for p in _PERSONAL_PATTERNS))

_INJECTION_PATTERNS = [
    r"\b(?:ignore|disregard|forget|override|bypass|skip|abandon|discard|set aside|(?:dont|do not) follow|stop following|"
    r"break|drop|disobey|ignora|olvida)\b.{0,40}\b(?:instructions?|instrucciones|rules?|guidelines?|prompts?|"
    r"directions?|directives?|restrictions?|constraints?|polic(?:y|ies)|programming|guardrails?|safety|"
    r"filters?|system (?:message|prompt)|training|limitations?|protocols?|everything you were told|"
    r"the (?:above|guides?|documents?|sources?|source documents)|your (?:guides?|documents?|sources?)|"
    r"citations?|disclaimer|warnings?)\b",
    r"\b(?:ignore|disregard|forget) (?:the |everything |all )?(?:above|previous|prior|earlier|before)\b",
    r"\b(?:you are|youre|ur|you re) (?:now|no longer|not bound)\b",
    r"\bfrom now on\b|\bfor the rest of (?:this|the) (?:chat|conversation)\b",
    r"\b(?:act|behave|respond|answer|reply|speak|talk) (?:as|like) (?:if you (?:were|are) )?(?:a |an |my |the )?"
    r"(?:unfiltered|unrestricted|uncensored|human|doctor|physician|hematologist|evil|jailbroken|different|"
    r"pirate|model|ai|version|normal person)",
    r"\bpretend (?:to be|youre|you are|you were|that you|the guides?|the documents?|you have)\b",
    r"\bpretend (?:you|to)\b.{0,20}\b(?:doctor|physician|hematologist|no (?:rules|limits|restrictions))",
    r"\brole ?-?play\b|\bplay the role\b|\bbreak character\b|\bsimulate (?:a|an) (?:version|ai|model)",
    r"\b(?:developer|dev|god|admin|debug|jailbreak|unrestricted|unfiltered|dan) mode\b|\bjailbr\w*|"
    r"\bdo anything now\b",
    r"\b(?:reveal|show|print|repeat|output|leak|display|dump|translate|list|tell me|give me|share|what (?:are|were))"
    r"\b.{0,25}\b(?:system prompt|initial prompt|hidden (?:rules|instructions|text|prompt)|your (?:instructions|"
    r"rules|prompt|configuration|config|hidden files)|(?:original|secret) (?:instructions|rules)|"
    r"every rule you|text above)\b",
    r"\bnew (?:instructions|rules?|role|persona|task)\b",
    r"(?:^|\s)(?:system|assistant)\s*:|\[system\]|<\|?(?:im_start|system)|###\s*(?:system|instruction)|"
    r"</?(?:guide|system|document|context)>",
    r"\bwithout (?:the |any |your |a )?(?:disclaimers?|warnings?|safety|restrictions|caveats|citations|"
    r"censorship|filters?|limits)\b",
    r"\b(?:no|(?:dont|do not) (?:add|include|give|put|show)) (?:the |a |any )?disclaimers?\b|\bignore the disclaimer\b",
    r"\b(?:i am|im) (?:your|the) (?:developer|creator|admin|administrator|programmer|owner|system)\b|"
    r"\bthe (?:admin|developers?|devs) (?:says?|said)\b|\btest by the devs\b",
    r"\b(?:your|the) (?:real|true|new) (?:task|job|purpose|instructions|role)\b",
    r"\bswitch (?:to|into) .{0,20}\bmode\b|\benter .{0,20}\bmode\b|\bstop being\b",
    r"\b(?:i|we) (?:give|grant) you permission\b|\bauthori[sz]e you\b|\byou (?:are|re) allowed to\b",
    r"\bno (?:rules|restrictions|limits|filters|safety polic\w*)\b|\bhave no rules\b",
    r"\b(?:make (?:something|it|stuff) up|make up an answer)\b",
    r"\brespond only (?:with|in)\b|\bdisable (?:the |your )?(?:emergency|safety|warnings|filters)",
    r"\bnever says?\b.{0,30}\b(?:care team|doctor|disclaimer)",
]
_INJECTION = re.compile("|".join(f"(?:{p})" for p in _INJECTION_PATTERNS))
# Where a mixed message's legitimate request starts after an injected instruction.
_INJECTION_JOINER = re.compile(
    r"(?:,|:|;|\band then\b|\bthen\b|\band\b|\bjust\b)\s*(?=(?:please |can you |could you )?(?:tell|answer|"
    r"explain|say|give|list|describe|what|how|why|when|where|who|which|is|are|does|do|can|define|summari[sz]e)\b)"
)

_OUT_OF_SCOPE = re.compile(
    r"\b(?:write|compose|draft|generate)\b.{0,30}\b(?:poem|haiku|verse|story|essay|song|letter|email|code|"
    r"function|script|program|joke|limerick|copy)\b|\b(?:python|javascript|typescript|java|sql|css|html|"
    r"regex|c\+\+|golang|excel formula|linked list|for loop)\b|\b(?:recipe|bake|baking|weather|forecast|"
    r"stock price|bitcoin|crypto\w*|invest\w*|taxes|football|soccer|cricket|world cup|movie|novel|"
    r"itinerary|flights?|hotel|sourdough|laptop|smartphone|iphone)\b|\b(?:capital of|who (?:won|painted|"
    r"wrote|invented|is the president)|how many moons|translate)\b|\btell me a (?:joke|fun fact)\b"
)
# Words that put a question inside the guides' subject, whatever the classifier thinks.
_DOMAIN = re.compile(
    r"\bpoems\b|\bvegf\b|neuropath|\bnerves?\b|plasma|m-?protein|monoclonal|castlem|lenalidomide|"
    r"thalidomide|pomalidomide|melphalan|dexamethasone|\bdex\b|bortezomib|carfilzomib|daratumumab|"
    r"bevacizumab|\bdrd\b|transplant|\basct\b|stem cell|radiation|radiotherapy|\bgy\b|h(?:a)?ematolog|"
    r"myeloma|thrombo|\bstrokes?\b|\bclots?\b|embolism|\bdvt\b|papill(?:o)?edema|\bo?edema\b|endocrin|"
    r"testosterone|hyperpigment|hypertrichosis|hemangioma|\bspep\b|immunofixation|light chain|bone marrow|"
    r"sclerotic|lesions?|plasmacytoma|pulmonary|echocardiogra|\bcidp\b|guillain|\bmgus\b|\bmgcs\b|amyloid|"
    r"organomegaly|relapse|remission|cytokine|\bil-?6\b|crow|fukase|takatsuki|\bpest\b|\bmayo\b|\buclh\b|"
    r"bare your rare|klarity|diseasemaps|\bguides?\b|caregiver|anticoagula|demyelin|paraneoplastic|"
    r"engraft|bcma|cm336|car-?t\b|orthotic|foot drop|albumin|prognos|polycyth|gynecomastia|ascites|"
    r"pleural|lambda|spap|cpap|bipap|thromboprophylaxis|induction|chemo|hypogonad|prolactin|\bj-?post\b|"
    r"\bnails?\b|tingling|numbness|hair growth|clubb|skin (?:changes|darken)|darker skin"
)
_FOLLOW_UP = re.compile(
    r"^(?:and|but|so|also|ok|okay|thanks|what about|how about)\b|\b(?:it|that|this|those|these|they|them|"
    r"the same|the other|the second|the first|more)\b"
)


def _emergency_kinds(norm: str) -> list[str]:
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


def _strip_injection(text: str) -> str:
    """Remove the injected instruction(s) from a message and return whatever legitimate request is left."""
    kept: list[str] = []
    for sentence in re.split(r"(?<=[.?!\n])\s+", text):
        norm = light_normalise(sentence)
        if not _INJECTION.search(norm):
            kept.append(sentence)
            continue
        # Keep what follows the injected instruction when it is joined to a real request.
        last = None
        for m in _INJECTION.finditer(norm):
            last = m
        tail_norm = norm[last.end():] if last else ""
        # "…: is POEMS curable?" — after a colon comes the actual question; otherwise the first joiner.
        joins = list(_INJECTION_JOINER.finditer(tail_norm))
        colon = [j for j in joins if j.group(0).lstrip().startswith(":")]
        j = colon[-1] if colon else (joins[0] if joins else None)
        if j is None:
            continue
        tail = _tail_of(sentence, len(norm) - len(tail_norm) + j.end())
        if tail and not _INJECTION.search(light_normalise(tail)):
            kept.append(tail)
    return " ".join(s.strip() for s in kept if s.strip())


def _tail_of(sentence: str, norm_offset: int) -> str:
    """Map an offset in light_normalise(sentence) back to the original sentence by counting words."""
    norm = light_normalise(sentence)
    words_before = len(norm[:norm_offset].split())
    words = sentence.split()
    tail = " ".join(words[words_before:]).strip(" ,:;-")
    return tail[:1].upper() + tail[1:] if tail else ""


# --------------------------------------------------------------------------------------------
# Classifier


def load_exemplars(path: Path) -> list[dict]:
    """Read the exemplar JSONL ({"text", "label", optional "kind"}); bad lines are skipped."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(row, dict) and row.get("label") in LABELS and isinstance(row.get("text"), str):
                rows.append(row)
    return rows


def vectors_cache_path(exemplars: Path) -> Path:
    """Where the precomputed exemplar vectors for an exemplar file live (next to it)."""
    return exemplars.with_name(exemplars.stem + ".vectors.npz")


def _cache_key(embedder: Embedder, texts: Sequence[str]) -> str:
    """Identifies vectors by model, dimension and the exact exemplar texts."""
    h = hashlib.sha256(f"{getattr(embedder, 'name', '')}\x1f{getattr(embedder, 'dim', '')}".encode())
    for t in texts:
        h.update(b"\x1e" + t.encode("utf-8"))
    return h.hexdigest()


def exemplar_vectors(embedder: Embedder, texts: Sequence[str], exemplars: Path) -> np.ndarray:
    """Exemplar embeddings, from the shipped cache when it matches the model and texts.

    Embedding ~450 exemplars takes 0.5 s on an idle 2-core CPU but several seconds on a busy one;
    the cache keeps gate construction well under a second. A one-text spot check guards against a
    same-named model with different weights.
    """
    cache = vectors_cache_path(exemplars)
    if cache.exists():
        try:
            with np.load(cache, allow_pickle=False) as z:
                if str(z["key"]) == _cache_key(embedder, texts):
                    X = z["vectors"].astype(np.float32)
                    probe = np.asarray(embedder.embed([texts[0]]), dtype=np.float32)[0]
                    if float(probe @ X[0]) > 0.99:
                        return X
                    log.warning("exemplar vector cache %s disagrees with the model; re-embedding", cache)
        except Exception:
            log.warning("unreadable exemplar vector cache %s; re-embedding", cache, exc_info=True)
    return np.asarray(embedder.embed(list(texts)), dtype=np.float32)


def write_exemplar_cache(embedder: Embedder, exemplars: Path = DEFAULT_EXEMPLARS) -> Path:
    """Embed the exemplars and store them next to the file (float16 halves the size, not the accuracy)."""
    texts = [clean_text(r["text"], MAX_EMBED_CHARS) for r in load_exemplars(exemplars)]
    X = np.asarray(embedder.embed(texts), dtype=np.float32)
    cache = vectors_cache_path(exemplars)
    np.savez_compressed(cache, key=np.array(_cache_key(embedder, texts)), vectors=X.astype(np.float16))
    return cache


class SoftmaxRegression:
    """Multinomial logistic regression with L2, fitted by full-batch gradient descent in numpy.

    sklearn's LogisticRegression does the same but its import alone costs about a second.
    """

    def __init__(self, l2: float = 1e-3, lr: float = 2.0, steps: int = 400):
        self.l2, self.lr, self.steps = l2, lr, steps
        self.W: np.ndarray | None = None
        self.b: np.ndarray | None = None

    def fit(self, X: np.ndarray, y: np.ndarray, n_classes: int) -> "SoftmaxRegression":
        n, d = X.shape
        Y = np.eye(n_classes, dtype=np.float32)[y]
        # Balanced class weights, so the big "ordinary" class doesn't drown the rare ones.
        counts = np.bincount(y, minlength=n_classes).astype(np.float32)
        w = (n / (n_classes * np.maximum(counts, 1)))[y][:, None]
        W = np.zeros((d, n_classes), dtype=np.float32)
        b = np.zeros(n_classes, dtype=np.float32)
        for _ in range(self.steps):
            G = (self._softmax(X @ W + b) - Y) * w / n
            W -= self.lr * (X.T @ G + self.l2 * W)
            b -= self.lr * G.sum(axis=0)
        self.W, self.b = W, b
        return self

    @staticmethod
    def _softmax(Z: np.ndarray) -> np.ndarray:
        Z = Z - Z.max(axis=1, keepdims=True)
        E = np.exp(Z)
        return E / E.sum(axis=1, keepdims=True)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return self._softmax(X @ self.W + self.b)


# --------------------------------------------------------------------------------------------
# The gate


class SafetyGate:
    """Checks a question before retrieval and the composed answer after; never raises.

    >>> from index.embed import SentenceEmbedder
    >>> gate = SafetyGate(SentenceEmbedder())
    >>> v = gate.check_question("my dad suddenly can't lift his arm")
    >>> v.flags, v.preface.startswith("Call your local emergency number now")
    (['emergency'], True)
    >>> gate.check_question("why is lenalidomide preferred over thalidomide?").flags
    []
    """

    def __init__(
        self,
        embedder: Embedder,
        exemplars: Path | None = None,
        thresholds: dict | None = None,
        *,
        guide_names: Sequence[str] = (),
    ):
        self.embedder = embedder
        self.thresholds = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
        names = [n for n in guide_names if n]
        where = f"the POEMS patient guides ({', '.join(names)})" if names else "the POEMS patient guides I was given"
        self.scope_reply = (
            f"I can only answer questions about POEMS syndrome and its care, from {where}, "
            "so I can't help with this one."
        )
        self._model: SoftmaxRegression | None = None
        self._em_vecs: np.ndarray | None = None
        self._em_kinds: list[str] = []
        try:
            self._fit(Path(exemplars) if exemplars else DEFAULT_EXEMPLARS)
        except Exception:
            # Patterns alone still catch the clear cases; a broken exemplar file must not take the app down.
            log.exception("safety classifier unavailable; using patterns only")
            self._model = None

    def _fit(self, path: Path) -> None:
        rows = load_exemplars(path)
        labels = sorted({r["label"] for r in rows})
        if len(rows) < 2 or len(labels) < 2:
            log.warning("safety exemplars %s hold fewer than two labels; using patterns only", path)
            return
        X = exemplar_vectors(self.embedder, [clean_text(r["text"], MAX_EMBED_CHARS) for r in rows], path)
        y = np.array([LABELS.index(r["label"]) for r in rows])
        self._model = SoftmaxRegression().fit(np.asarray(X, dtype=np.float32), y, len(LABELS))
        em = [i for i, r in enumerate(rows) if r["label"] == EMERGENCY]
        self._em_vecs = np.asarray(X[em], dtype=np.float32) if em else None
        self._em_kinds = [rows[i].get("kind", "other") for i in em]

    # ---- question ----------------------------------------------------------------------------

    def check_question(self, question: str, history: Sequence[Turn] = ()) -> SafetyVerdict:
        """Flag the user's current message; history is context only, never instructions."""
        try:
            return self._check_question(question, history)
        except Exception:
            log.exception("safety check_question failed; answering without flags")
            return SafetyVerdict(flags=[], question=clean_text(question))

    def _check_question(self, question: str, history: Sequence[Turn]) -> SafetyVerdict:
        text = clean_text(question)
        if not text:
            return SafetyVerdict(flags=[], question="")
        norm = normalise(text)

        inj_pattern = bool(_INJECTION.search(light_normalise(text)))
        legit = _strip_injection(text) if inj_pattern else text
        legit_norm = normalise(legit)

        probs, probs_legit, qvec = self._classify(text, legit if legit != text else None)
        scores = {c: float(probs.get(c, 0.0)) for c in CATEGORIES} if probs else {}
        p = probs_legit or probs or {}

        flags: list[str] = []
        # Emergency: patterns on the current message; the classifier for paraphrases the patterns miss.
        kinds = _emergency_kinds(norm)
        if not kinds and _STILL_URGENT.search(norm) and self._last_user_emergency(history):
            kinds = self._last_user_emergency(history)
        if not kinds and self._classifier_says(EMERGENCY, norm, p):
            kinds = [self._nearest_emergency_kind(qvec)]
        if kinds:
            flags.append(EMERGENCY)

        injection = inj_pattern or self._classifier_says(INJECTION, norm, probs or {})
        if injection:
            flags.append(INJECTION)

        personal = bool(legit_norm) and (
            bool(_PERSONAL.search(legit_norm)) or self._classifier_says(PERSONAL_ADVICE, legit_norm, p)
        )
        if personal:
            flags.append(PERSONAL_ADVICE)

        if legit_norm and not kinds and not personal:
            # Once an injection is ignored, leftovers like "answer everything I ask" are not trivia questions.
            oos = bool(_OUT_OF_SCOPE.search(legit_norm)) if injection else self._out_of_scope(legit_norm, p, history)
            if oos and not _DOMAIN.search(legit_norm):
                flags.append(OUT_OF_SCOPE)

        verdict = SafetyVerdict(flags=flags, question=legit if INJECTION in flags else text, scores=scores)
        if kinds:
            verdict.preface = SELF_HARM_PREFACE if "self_harm" in kinds else EMERGENCY_PREFACE
            verdict.retrieval_hint = " ".join(dict.fromkeys(EMERGENCY_HINTS.get(k, "") for k in kinds)).strip()
        if PERSONAL_ADVICE in flags:
            verdict.care_team_note = CARE_TEAM_NOTE
        if OUT_OF_SCOPE in flags:
            verdict.reply = self.scope_reply
        elif INJECTION in flags and not kinds and not self._has_request(legit, legit_norm, inj_pattern):
            verdict.reply = INJECTION_REPLY
            verdict.question = ""
        return verdict

    def _classify(self, text: str, legit: str | None):
        """Class probabilities for the message (and its de-injected part), one embedding call."""
        if self._model is None:
            return None, None, None
        try:
            batch = [text[:MAX_EMBED_CHARS]] + ([legit[:MAX_EMBED_CHARS]] if legit else [])
            V = np.asarray(self.embedder.embed(batch), dtype=np.float32)
            P = self._model.predict_proba(V)
        except Exception:
            log.exception("safety classifier failed on a question; using patterns only")
            return None, None, None

        def as_dict(row: np.ndarray) -> dict[str, float]:
            return {lab: float(row[i]) for i, lab in enumerate(LABELS)}

        return as_dict(P[0]), (as_dict(P[1]) if legit else None), V[-1]

    def classify(self, text: str) -> dict[str, float]:
        """Classifier probabilities per label for one message ({} when the classifier is off)."""
        probs, _, _ = self._classify(clean_text(text), None)
        return probs or {}

    @staticmethod
    def in_domain(text: str) -> bool:
        """Whether a message names something from the guides' subject (POEMS, its tests, drugs, care)."""
        return bool(_DOMAIN.search(normalise(clean_text(text))))

    def _nearest_emergency_kind(self, qvec) -> str:
        """The kind of the closest emergency exemplar, to pick the preface (crisis line) and hint."""
        if qvec is None or self._em_vecs is None:
            return "other"
        return self._em_kinds[int(np.argmax(self._em_vecs @ qvec))]

    @staticmethod
    def _last_user_emergency(history: Sequence[Turn]) -> list[str]:
        """Emergency kinds in the most recent user turn, for 'it's getting worse'-style follow-ups."""
        for turn in reversed(list(history or ())[-4:]):
            if getattr(turn, "role", "") == "user":
                return _emergency_kinds(normalise(clean_text(getattr(turn, "content", ""))))
        return []

    def _classifier_says(self, category: str, norm: str, p: dict) -> bool:
        """The classifier's own decision for one category, with the guards that keep it honest."""
        if p.get(category, 0.0) < self.thresholds.get(category, 1.0):
            return False
        if category == EMERGENCY:
            if (_NOT_NOW.search(norm) or _ATTRIBUTION.search(norm) or _COURSE_QUESTION.search(norm)) and not _NOW.search(norm):
                return False
            return bool(_PERSON.search(norm)) or not _GENERIC_QUESTION.search(norm)
        if category == PERSONAL_ADVICE:
            # Advice is personal only when it is about someone and asks for a decision:
            # "is it normal to feel low?" and "I'm tired all the time, is that normal?" are not.
            return bool(_PERSON.search(norm)) and bool(_DECISION.search(norm))
        if category == OUT_OF_SCOPE:
            return not _DOMAIN.search(norm)
        if category == INJECTION:
            # An attempt to re-program the assistant talks to it or about its rules; "hello" does not.
            return bool(_ADDRESSES_ASSISTANT.search(norm))
        return True

    def classifier_flags(self, text: str, probs: dict | None = None) -> list[str]:
        """Categories the classifier alone would flag (no patterns): what calibration tunes."""
        norm = normalise(clean_text(text))
        p = self.classify(text) if probs is None else probs
        return [c for c in CATEGORIES if self._classifier_says(c, norm, p)]

    def _out_of_scope(self, norm: str, p: dict, history: Sequence[Turn]) -> bool:
        """Unrelated to POEMS: no domain word, and a scope pattern or a confident classifier."""
        if _DOMAIN.search(norm):
            return False
        pattern = bool(_OUT_OF_SCOPE.search(norm))
        by_classifier = self._classifier_says(OUT_OF_SCOPE, norm, p)
        if self._history_in_domain(history) and _FOLLOW_UP.search(norm):
            # "what about the skin?" after a POEMS answer is a follow-up, not trivia.
            return pattern and by_classifier
        return pattern or by_classifier

    @staticmethod
    def _history_in_domain(history: Sequence[Turn]) -> bool:
        """Whether the recent conversation was about POEMS (so a short follow-up inherits its topic)."""
        for turn in list(history or ())[-4:]:
            if _DOMAIN.search(normalise(clean_text(getattr(turn, "content", ""), 2000))):
                return True
        return False

    @staticmethod
    def _has_request(legit: str, legit_norm: str, stripped: bool) -> bool:
        """Whether anything worth retrieving for is left once the injected instruction is ignored."""
        if not legit_norm or len(re.findall(r"[a-z]{2,}", legit_norm)) < 2:
            return False
        return bool(_DOMAIN.search(legit_norm)) or (stripped and "?" in legit)

    # ---- answer ------------------------------------------------------------------------------

    def check_answer(self, answer: Answer, verdict: SafetyVerdict) -> Answer:
        """Drop doses/instructions and unsupported sentences, put the preface first, add the care note."""
        try:
            return self._check_answer(answer, verdict)
        except Exception:
            log.exception("safety check_answer failed; returning the answer with its safety lines")
            try:
                text = answer.text or ""
                if verdict.preface and not text.startswith(verdict.preface):
                    text = f"{verdict.preface}\n\n{text}".strip()
                return replace(answer, text=text, flags=_merge_flags(answer.flags, verdict.flags))
            except Exception:
                return answer

    def _check_answer(self, answer: Answer, verdict: SafetyVerdict) -> Answer:
        flags = _merge_flags(answer.flags, verdict.flags)
        personal = PERSONAL_ADVICE in flags
        body = _clean_body(answer.text)
        if verdict.preface and body.startswith(verdict.preface):
            body = body[len(verdict.preface):].lstrip()
        if verdict.care_team_note:
            body = body.replace(verdict.care_team_note, "").rstrip()
        quotes = {c.n: _norm_quote(c.quote) for c in (answer.citations or [])}
        context = {
            c.n: " ".join(str(x or "") for x in (c.section, c.publisher, c.title, c.date))
            for c in (answer.citations or [])
        }

        lines: list[str] = []
        dropped = kept_claims = 0
        for line in body.split("\n"):
            kept = []
            for sentence in split_answer_sentences(line):
                if is_individual_instruction(sentence) or (personal and states_dose(sentence)):
                    dropped += 1
                    continue
                refs = citation_numbers(sentence)
                if refs:
                    cited = [n for n in refs if n in quotes]
                    if not is_supported(sentence, [quotes[n] for n in cited], [context[n] for n in cited]):
                        dropped += 1
                        continue
                    kept_claims += 1
                kept.append(sentence)
            if kept:
                lines.append(" ".join(kept))
            elif not line.strip():
                lines.append("")
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
        if dropped and not kept_claims and not verdict.reply:
            text = f"{text}\n\n{NOTHING_SUPPORTED}".strip() if text else NOTHING_SUPPORTED

        parts = [verdict.preface, text, verdict.care_team_note if personal else ""]
        text = "\n\n".join(p for p in parts if p)
        return replace(answer, text=text, flags=flags)


def _clean_body(text: object, limit: int = 200_000) -> str:
    """Answer text without control or invisible characters; unlike clean_text it keeps the layout."""
    body = text if isinstance(text, str) else ("" if text is None else str(text))
    body = _CONTROL.sub(" ", _INVISIBLE.sub("", body[:limit])).replace("\r\n", "\n")
    return re.sub(r"[ \t]+\n", "\n", body).strip()


def _merge_flags(a: Sequence[str] | None, b: Sequence[str] | None) -> list[str]:
    """Union of two flag lists, keeping first-seen order."""
    return list(dict.fromkeys([*(a or []), *(b or [])]))


# --------------------------------------------------------------------------------------------
# Answer helpers (public so the composer and the evals can reuse them)

_MARKERS = re.compile(r"\[(\d+(?:\s*[,;\u2013-]\s*\d+)*)\]")
_ANSWER_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019)*]*((?:\s*\[\d+(?:\s*[,;\u2013-]\s*\d+)*\])*)(?:\s+|$)"
)
_AFTER_MARKER = re.compile(r"(?<=\d\])\s+(?=[A-Z0-9\"'\u201c(\u2022*-])")
_ABBREV = {"e.g", "i.e", "dr", "mr", "mrs", "ms", "vs", "etc", "al", "approx", "fig", "no", "st", "u.s", "u.k"}


def split_answer_sentences(line: str) -> list[str]:
    """Split one line of an answer into sentences, keeping each sentence's trailing [n] markers."""
    # The composer ends every sentence with its marker, even after "include:", so a marker is a boundary.
    out: list[str] = []
    for piece in _AFTER_MARKER.split(line):
        out.extend(_split_on_punctuation(piece))
    return out


def _split_on_punctuation(line: str) -> list[str]:
    """Sentence split at . ! ? (not after common abbreviations), markers staying with their sentence."""
    out, start = [], 0
    for m in _ANSWER_BOUNDARY.finditer(line):
        before = line[start:m.start()].rstrip(".!?")
        last_word = before.split()[-1].lower() if before.split() else ""
        if last_word in _ABBREV or re.fullmatch(r"[a-z]", last_word):
            continue
        seg = line[start:m.end(1)]
        if seg.strip():
            out.append(seg.strip())
        start = m.end()
        if start >= len(line):
            break
    if line[start:].strip():
        out.append(line[start:].strip())
    return out


def citation_numbers(sentence: str) -> list[int]:
    """The [n] citation numbers a sentence carries ("[1]", "[1, 3]", "[2][4]")."""
    nums: list[int] = []
    for m in _MARKERS.finditer(sentence):
        for part in re.split(r"[,;\u2013-]", m.group(1)):
            part = part.strip()
            if part.isdigit():
                nums.append(int(part))
    return list(dict.fromkeys(nums))


def _norm_quote(text: str) -> str:
    """Whitespace-, markup- and quote-insensitive form used to compare answer text with sources."""
    t = unicodedata.normalize("NFKC", text or "")
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    t = t.replace("\u2013", "-").replace("\u2014", "-").replace("**", "").replace("*", "")
    return re.sub(r"\s+", " ", t).strip().lower()


_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)?")
_FILLER = {"the", "a", "an", "of", "and", "or", "to", "in", "is", "are", "for", "with", "on", "that", "this",
           "it", "as", "be", "by", "at", "guide", "guides", "says", "say", "according", "source"}


def is_supported(sentence: str, quotes: Sequence[str], context: Sequence[str] = ()) -> bool:
    """A cited sentence is supported when its text is in a cited quote, or ≥ 80% of its words are
    and every number in it appears there (numbers are where invented claims do most harm).

    `context` (section, publisher, date of the cited passages) may supply words such as the heading
    the composer puts before a fragment or the date of a differing source, never the claim itself.
    """
    quotes = [q for q in quotes if q]
    if not quotes:
        return False
    body = _norm_quote(_MARKERS.sub(" ", sentence))
    body = re.sub(r"^(?:[-\u2022*]|\d+[.)])\s+", "", body).strip().rstrip(".!?;:").strip()
    if not body:
        return True
    if any(body in q for q in quotes):
        return True
    words = [w for w in _TOKEN.findall(body) if w not in _FILLER]
    if not words:
        return True
    pool = set(_TOKEN.findall(" ".join(quotes))) | set(_TOKEN.findall(_norm_quote(" ".join(context))))
    numbers = [w for w in words if w[0].isdigit()]
    if any(n not in pool for n in numbers):
        return False
    return sum(w in pool for w in words) / len(words) >= 0.8


_DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:[-\u2013]|to)?\s*(?:\d+(?:[.,]\d+)?\s*)?(?:mg/kg|mg/m2|mg/m\u00b2|mg|mcg|\u00b5g|ug|"
    r"gy|grays?|iu|units?|ml|milligrams?|micrograms?|tablets?|pills?|capsules?|puffs?|drops?|doses?)\b"
    r"|\b(?:once|twice|three times|four times|\d+ times)\s+(?:a|per|each|every)\s+(?:day|week|month|hour)\b"
    r"|\bevery \d+ (?:hours|days)\b|\b(?:double|half|halve) (?:the |your )?dose\b",
    re.IGNORECASE,
)
_MEDICINE = (
    r"(?:medicines?|medications?|meds|drugs?|doses?|dosage|pills?|tablets?|capsules?|injections?|infusions?|"
    r"treatment|(?<!physical )(?<!occupational )therapy|regimen|steroids?|chemo\w*|blood thinners?|"
    r"anticoagula\w*|aspirin|\w+(?:mide|mab|mib|zomib|sone|lone|pentin|balin|xetine|farin|xaban|parin)|"
    r"melphalan|dex|tramadol|insulin|testosterone|\d+(?:[.,]\d+)?)"
)
_MED_ACTION = (
    r"(?:stop|start|skip|double|halve|increase|decrease|reduce|take|lower|raise|come off|quit|restart|resume|"
    r"change|switch|cut)"
)
# Telling the reader to do something to a medicine; "you can take care of yourself" is not that.
_INSTRUCTION = re.compile(
    rf"\b(?:you|u) (?:should|must|need to|have to|can|could|may|ought to)\s+(?:\w+\s+)?{_MED_ACTION}\b"
    rf"(?:\s+(?:taking|using|on|off))?\s+(?:[\w-]+\s+){{0,3}}?{_MEDICINE}\b"
    rf"|^(?:[-\u2022*]\s*)?(?:please\s+)?{_MED_ACTION}\s+(?:taking\s+)?(?:[\w-]+\s+){{0,3}}?{_MEDICINE}\b"
    rf"|\b(?:double|skip|halve|stop|increase) (?:your|his|her) (?:\w+ )?{_MEDICINE}\b",
    re.IGNORECASE,
)


def states_dose(sentence: str) -> bool:
    """Whether a sentence states an amount or schedule of a treatment (mg, Gy, units, 'twice a day')."""
    return bool(_DOSE.search(_MARKERS.sub(" ", sentence)))


def is_individual_instruction(sentence: str) -> bool:
    """Whether a sentence tells the reader to stop/start/double/skip/take a medicine."""
    return bool(_INSTRUCTION.search(_MARKERS.sub(" ", sentence).strip()))


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Maintain the safety gate's package data.")
    parser.add_argument("--write-cache", action="store_true", help="re-embed exemplars.jsonl into its vector cache")
    if parser.parse_args().write_cache:
        from index.embed import SentenceEmbedder

        print(write_exemplar_cache(SentenceEmbedder()))
