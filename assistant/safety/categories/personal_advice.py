"""Personal advice: a decision, an amount or a judgement about someone's own care ("should I stop my
lenalidomide?", "how many mg should my husband take?").

General information from the guides is still given; the answer check drops doses from it and the
care-team note goes after it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.safety.category import Context, Finding, Message, classifier_says
from assistant.safety.classifier import Scores
from assistant.safety.lexicon import PERSON as _PERSON
from core.types import CRISIS, PERSONAL_ADVICE

CARE_TEAM_NOTE = (
    "Decisions about your own treatment, such as doses or starting, stopping or changing a medicine, "
    "belong with your hematologist or care team, so please ask them; they know your full situation."
)

# Personal advice asks for a decision, an amount or a judgement about someone's care.
_DECISION = re.compile(
    r"\b(?:should|shall|can|could|may|must|need|needs|ok|okay|safe|safely|right|best|better|worth|enough|"
    r"too (?:much|high|low)|dose|dosage|how much|how many|how long|which|stop|start|skip|switch|take|give|"
    r"eligible|candidate|qualify|have poems|worried|mean)\b"
)

# Asking why something is done, or what doctors usually do, is a question about care in general.
_WHY_OR_USUAL = re.compile(
    r"\bwhy (?:do|does|would|did) (?:i|we|he|she|they|you|my \w+) (?:need|have to|get)\b|"
    r"\bwhat do (?:i|we) need to know\b|"
    r"\b(?:do|does|would|will) (?:they|doctors|hematologists|people|patients)\b.{0,60}\b(?:usually|normally|"
    r"typically|generally|routinely|in general)\b"
)

_POPULATION = re.compile(r"\b(?:patients|people|persons|someone|anyone|everyone|caregivers|carers)\b")

_ME = r"(?:i|we|he|she|they|my \w+|our \w+|mum|mom|dad|ill|id)"
_MED_VERB = (
    r"(?:take|taking|stop|stopping|start|starting|skip|skipping|double|doubling|halve|halving|increase|"
    r"decrease|reduce|lower|raise|up|change|switch|come off|go off|get off|quit|continue|keep taking|keep|"
    r"restart|resume|cut|give|miss|refuse|drop|combine|try|go back on)"
)
_PERSONAL_PATTERNS = [
    # ("do they give …" asks what doctors do in general; "should they give him …" is about him)
    rf"\b(?:should|can|could|may|must|shall|do(?! they\b)|would it be (?:ok|okay|safe|fine) (?:if|to)) {_ME} "
    rf"(?:still |just |also |safely )?{_MED_VERB}\b",
    rf"\b(?:should|do|can|could|would|will) {_ME} (?:get|have|go for|undergo|need|be on|be having) (?:a |an |the |"
    rf"more )?(?:transplant|radiation|radiotherapy|chemo\w*|asct|stem cell|treatment|cpap|surgery|"
    rf"anticoagula\w*|blood thinner|aspirin|maintenance|lenalidomide|thalidomide|dexamethasone|dex|steroids?)",
    rf"\b(?:what|which|how much|how many)\b.{{0,40}}\b(?:dose|dosage|doses|mg|milligrams?|pills?|tablets?|"
    rf"capsules?|units?|amount)\b.{{0,40}}\b(?:should|do|can|must|would|will|to) {_ME}\b"
    # "what dose do they (usually) use/give for it" asks what doctors do in general: informational
    r"(?!\s+(?:usually\s+|normally\s+|typically\s+|generally\s+)?(?:use|give|prescribe|recommend)\b)",
    # ("how much radiation do they give" asks what doctors do in general: informational)
    r"\bhow much (?:\w+ ){0,3}(?:should|do|can|must|will) (?:i|we|he|she|my \w+)\b|\bhow much (?:\w+ ){0,3}(?:should|can|must|will) they\b",
    r"\bhow much (?:\w+ ){0,4}(?:will|would|do|are) they (?:give|giving) (?:me|him|her)\b",
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


def asks_about_own_care(norm: str) -> bool:
    """A question asking for a decision about someone's own medicine or care ("should i double up today",
    "can i just stop the lenalidomide for a week")."""
    return bool(_PERSONAL.search(norm)) and not _WHY_OR_USUAL.search(norm)


class PersonalAdvice:
    """A care-team note after a general, dose-free answer."""

    flag: str = PERSONAL_ADVICE
    label: str = str(PERSONAL_ADVICE)
    default_threshold: float = 0.50
    reply_rank: int = 0  # never replies
    sticky: bool = True

    def guard(self, norm: str) -> bool:
        # Advice is personal only when it is about someone and asks for a decision:
        # "is it normal to feel low?" and "I'm tired all the time, is that normal?" are not.
        # "should patients with POEMS take aspirin?" asks about patients in general, not about someone
        someone = _PERSON.search(_POPULATION.sub(" ", norm))
        return bool(someone) and bool(_DECISION.search(norm)) and not _WHY_OR_USUAL.search(norm)

    def detect(self, msg: Message, scores: Scores, found: Mapping[str, Finding], ctx: Context) -> Finding | None:
        norm = msg.legit_norm
        if not norm or CRISIS in found:  # a crisis is not a question about dosing
            return None
        if not (asks_about_own_care(norm) or classifier_says(self, norm, scores.p, ctx.thresholds)):
            return None
        return Finding(care_team_note=CARE_TEAM_NOTE)


CATEGORY = PersonalAdvice()
