"""Injection: a message that tries to re-program the assistant ("ignore your rules…", "you are now…").

The injected instruction is set aside; a legitimate request in the same message is still answered,
and a message with nothing else in it gets a polite refusal. Text in the chat history or in a guide is
data, never an instruction, so only the current message is read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.safety.category import Context, Finding, Message, classifier_says
from assistant.safety.classifier import Scores
from assistant.safety.lexicon import DOMAIN as _DOMAIN
from assistant.safety.text import light_normalise
from core.types import CRISIS, EMERGENCY, INJECTION

INJECTION_REPLY = (
    "I can't change my instructions or my role, but I'm glad to answer questions about POEMS syndrome "
    "from the guides."
)

# Talk about the assistant's rules, role or workings. A plain "can you help me…" is a request, not
# an attempt to re-program it, so "you" alone is not enough.
_ADDRESSES_ASSISTANT = re.compile(
    r"\b(?:your (?:rules|instructions|prompt|programming|filters?|guidelines|training|creators?|developers?|"
    r"system|settings|restrictions|limits|role|real)|yourself|assistant|ai|bot|chatbot|gpt|system prompt|prompt|"
    r"(?:no|new|all|any|those|these|previous|above|hidden|original|secret|safety) (?:rules|instructions|guidelines)|"
    r"(?:rules|instructions) (?:you|above|given)|\w+ mode|persona|character|pretend|roleplay|role ?play|act as|"
    r"ignore|disregard|override|bypass|filters?|unlock\w*|jailbr\w*|developer|admin|restrictions?|censor\w*|"
    r"unfiltered|unrestricted|disclaimers?|above|verbatim|word for word)\b"
)

# Confiding in the assistant: a person talking to it about themselves, no instruction
_CONFIDED = re.compile(r"\b(?:telling|told|tell|talking to|talk to|typing (?:this )?(?:to|into)|writing (?:this )?to|confiding in|"
                       r"speaking to|venting to|chatting (?:to|with)|opening up to) (?:a |an |the |this |some )?(?:chatbot|bot|ai|computer|"
                       r"machine|robot|app)\b")

_INJECTION_PATTERNS = [
    r"\b(?:ignore|disregard|forget|override|bypass|skip|abandon|discard|set aside|(?:dont|do not) follow|stop following|"
    r"break|drop|disobey|ignora|olvida)\b.{0,40}\b(?:instructions?|instrucciones|rules?|guidelines?|prompts?|"
    r"directions?|directives?|restrictions?|constraints?|polic(?:y|ies)|programming|guardrails?|safety|"
    r"filters?|system (?:message|prompt)|training|limitations?|protocols?|everything you were told|"
    r"the (?:above|guides?|documents?|sources?|source documents)|your (?:guides?|documents?|sources?)|"
    r"citations?|disclaimer|warnings?)\b",
    r"\b(?:ignore|disregard|forget) (?:the |everything |all )?(?:above|previous|prior|earlier|before)\b",
    r"\b(?:you are|youre|ur|you re) (?:now|no longer|not bound)\b",
    # "from now on" told to the assistant, not of the patient's own care ("how often should i get my eyes looked at
    # from now on" had been refused as an injection, questions_t19 dev)
    r"\bfrom now on\b,? (?!(?:i|im|ill|he|she|we|they|my|his|her|our)\b)(?:\w+ )?(?:you|your|answer|reply|respond|act|only|always|never|"
    r"ignore|forget|dont|do not|speak|talk|pretend|be|call|refer|use|write|say|tell|stop|skip|leave|give)\b|"
    r"\b(?:you|answer|reply|respond|act|speak|talk|say|write)\b.{0,40}\bfrom now on\b|"
    r"\bfor the rest of (?:this|the) (?:chat|conversation)\b",
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
    # being told to stop being what it is, not a symptom hoped to stop ("will my feet stop being numb after that"
    # was refused as an injection in a ten-turn chat tried by hand)
    r"\bswitch (?:to|into) .{0,20}\bmode\b|\benter .{0,20}\bmode\b|\b(?:stop|quit) being (?:a |an |the |so |such an? )?"
    r"(?:\w+ ){0,2}(?:assistant|ai|bot|chatbot|model|helpful|careful|cautious|safe|polite|boring|restricted|limited|you)\b",
    r"\b(?:i|we) (?:give|grant) you permission\b|\bauthori[sz]e you\b|\byou (?:are|re) allowed to\b",
    r"\bno (?:rules|restrictions|limits|filters|safety polic\w*)\b|\bhave no rules\b",
    r"\b(?:make (?:something|it|stuff) up|make up an answer)\b",
    r"\brespond only (?:with|in)\b|\bdisable (?:the |your )?(?:emergency|safety|warnings|filters)",
    r"\bnever says?\b.{0,30}\b(?:care team|doctor|disclaimer)",
    # well-known families: a spoofed role tag, switching a safeguard off, hiding the answer from it,
    # asking for the text that came before the conversation
    r"\[(?:admin|system|developer|dev|root|sudo|override)\]",
    r"\b(?:disable|turn off|switch off|deactivate|remove)\b.{0,25}\b(?:safety|filters?|guardrails?|restrictions?|"
    r"warnings?|censorship)\b",
    r"\b(?:so|that) (?:the |your )?(?:filters?|safety|moderat\w*|guardrails?) (?:dont|doesnt|wont|cant|do not|will not)\b|"
    r"\b(?:in|as|using) base ?64\b|\bencode (?:it|the answer|your answer)\b",
    r"\brepeat (?:everything|all|the text|the words|what was written) (?:above|before)\b",
    r"\bunlock\w*\b.{0,30}\b(?:mode|dose|dosing|advice|answers?|restrictions?|you)\b",
]
_INJECTION = re.compile("|".join(f"(?:{p})" for p in _INJECTION_PATTERNS))
# Where a mixed message's legitimate request starts after an injected instruction.
_INJECTION_JOINER = re.compile(
    r"(?:,|:|;|\band then\b|\bthen\b|\band\b|\bjust\b)\s*(?=(?:please |can you |could you )?(?:tell|answer|"
    r"explain|say|give|list|describe|what|how|why|when|where|who|which|is|are|does|do|can|define|summari[sz]e)\b)"
)


def injected(text: str) -> bool:
    """Whether a message carries an injection pattern."""
    return bool(_INJECTION.search(light_normalise(text)))


def strip_injection(text: str) -> str:
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



def has_request(legit: str, legit_norm: str, stripped: bool) -> bool:
    """Whether anything worth retrieving for is left once the injected instruction is ignored."""
    if not legit_norm or len(re.findall(r"[a-z]{2,}", legit_norm)) < 2:
        return False
    return bool(_DOMAIN.search(legit_norm)) or (stripped and "?" in legit)


class Injection:
    """The legitimate part goes on to retrieval; with none, a polite refusal replaces the answer."""

    flag: str = INJECTION
    label: str = str(INJECTION)
    default_threshold: float = 0.45
    reply_rank: int = 2  # a scope statement says more than the injection refusal
    sticky: bool = True

    def guard(self, norm: str) -> bool:
        # An attempt to re-program the assistant talks to it or about its rules; "hello" does not, nor does telling it
        # something ("i dont even know why im telling a chatbot this, i just have no one else" got "I can't change my
        # instructions", safety_test43 dev).
        return bool(_ADDRESSES_ASSISTANT.search(_CONFIDED.sub(" ", norm)))

    def detect(self, msg: Message, scores: Scores, found: Mapping[str, Finding], ctx: Context) -> Finding | None:
        # the whole message's probabilities: the legitimate part carries no instruction by construction
        if not (msg.injected or classifier_says(self, msg.norm, scores.full or {}, ctx.thresholds)):
            return None
        finding = Finding(question=msg.legit, in_scope=False)
        if EMERGENCY not in found and CRISIS not in found and not has_request(msg.legit, msg.legit_norm, msg.injected):
            finding.reply = INJECTION_REPLY
        return finding


CATEGORY = Injection()
