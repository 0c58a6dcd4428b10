"""What a question asks for: the kind of answer it wants, and whether it can stand alone.

Patients ask "how long till it works", "is it cancer", "whats the difference between poems and
cidp": the kind decides which sentence should lead the answer (a duration, a yes or no, a
definition), and a message that stands on its own is answered exactly as if it were asked alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from enum import StrEnum

from assistant.text import STOPWORDS, everyday


class AnswerKind(StrEnum):
    """The shape of answer a question wants; decides which sentence leads."""

    COMPARISON = "comparison"
    NUMBER = "number"  # a number, percentage, age, time or duration
    WHO_WHERE = "who_where"
    CAUSE = "cause"
    DEFINITION = "definition"
    LIST = "list"
    HOW = "how"
    EXPECT = "expect"
    YESNO = "yesno"
    GENERAL = "general"


# Checked in this order: the first that matches wins ("how long will recovery take" is a number
# question before it is an expectation).
# "what is VEGF and why do they keep testing it": a definition asked first, then a second question
DEFINITION_THEN = re.compile(
    r"^\s*(so )?(what|whats|what's)( even| actually| exactly| really)? (is (a |an |the )?|are (?!the )(a |an )?|r )[\w\-/]+( [\w\-/]+){0,2},? and (why|how)\b", re.I)
_KIND_PATTERNS: list[tuple[AnswerKind, re.Pattern[str]]] = [
    # two questions in one ("what is VEGF and why do they keep testing it"): the first one asked leads
    (AnswerKind.DEFINITION, DEFINITION_THEN),
    (AnswerKind.COMPARISON, re.compile(
        r"\b(difference|differ|vs\.?|versus|compared?|same (thing )?as|better than|tell (them|it) apart|or is it)\b")),
    (AnswerKind.NUMBER, re.compile(
        r"\bhow (many|much|common|rare|often|long|likely|soon|fast|quickly|high|low|old|effective|successful)\b|"
        r"\bhow well (does|do|did|will|would|can|is|are)\b|\bwhat (percent|percentage|"
        r"age|number|level|proportion|ratio|are the (odds|chances))\b|\b(survival rate|success rate|life expectancy|"
        r"odds|chances?|ratio|percent)\b|\bwhen (will|does|do|can|should|is)\b|\bhow long (till|until|before)\b")),
    (AnswerKind.WHO_WHERE, re.compile(
        r"^\s*(who|where)\b|\bwhere (can|do|should|is|are)\b|\bwhich (hospital|hospitals|center|centers|centre|centres|"
        r"doctor|doctors|specialist|specialists|clinic|clinics)\b|\bsecond opinion\b|\b(expert|experts|specialist)s? "
        r"(in|for|near)\b")),
    (AnswerKind.CAUSE, re.compile(r"^\s*(why|how come)\b|\bwhat (causes|caused|triggers|drives)\b|\bcause[sd]? (of|by)\b|"
                                  r"\breason\b|\bwhy (do|does|is|are|would|did)\b")),
    (AnswerKind.LIST, re.compile(
        r"\b(list|what are (all )?the|which|what (other )?(tests|signs|symptoms|features|criteria|options|treatments|steps|"
        r"drugs|medicines|pills|centers|centres|findings|complications|problems|risk factors|questions|things|factors)|symptoms|signs|"
        # what makes it worse: the factors, in the guide's list ("what things make the outlook worse" had led with the
        # list's last item, read before its own lead-in: t20 dev)
        r"what (?:else )?makes? (?:it|things|the \w+|(?:his|her|my) \w+) (?:worse|better)|"
        r"criteria|checklist|options|types|kinds|complications|risk factors|features)\b")),
    (AnswerKind.DEFINITION, re.compile(
        r"^\s*(so )?(what|whats|what's) (is|are|r|does|do)? ?(a |an |the )?[\w\- ]{1,40}?\b(mean|means|stand for|stands for)\b|"
        # (not "what actually works" or "whats usually next" after a story: they ask what helps, or what comes next,
        # and read as definitions they were searched as the bare words, t29 dev)
        r"^\s*(so )?(what|whats|what's)(?!'?s? (?:should|can|could|do|does|did|will|would|if|happens?|helps?|works?|next|else|now|then)\b)"
        r"(?!'?s? (?:actually|really|usually|normally|typically|generally|exactly) (?!is\b|are\b)\w)( is| are| r|s)? "
        r"(a |an |the )?[\w\-/]+( [\w\-/]+){0,3}\s*(?:[?!.]*\s*$|,)|"
        r"\b(meaning of|define|definition of|what is meant by)\b|"
        # "what kind of drug is daratumumab": the class of a named thing is its definition
        r"^\s*(so )?what (kind|type|sort) of (drug|medicine|medication|treatment|therapy|test|scan|doctor) (is|are) (a |an |the )?[\w\-]+")),
    (AnswerKind.HOW, re.compile(
        r"^\s*how (do|does|can|should|is|are|to|would)\b|\bwhat (should|can|could|do) (i|we|he|she|they|you)\b|"
        r"\bwhat helps?\b|\bwhat to do\b|\bwhat (is|are) the (treatment|treatments)\b|\bhow (is|are) .* treated\b")),
    (AnswerKind.EXPECT, re.compile(
        r"\bwill (i|he|she|it|my|we|they|the)\b|\bwhat (happens|will happen|to expect)\b|\b(recover|recovery|outlook|"
        r"prognosis|get better|go away|come back|walk again|back to normal|clear up|fade|settle down|pick back up|bounce back)\b")),
    (AnswerKind.YESNO, re.compile(
        r"^\s*(so )?(is|are|can|could|does|do|did|will|would|should|has|have|was|were|am)\b")),
]


QUESTION_WORD = re.compile(r"(?i)(what|whats|what's|how|why|when|where|who|which|is|are|can|could|does|do|will|should)\b")


def asked_part(message: str) -> str:
    """The sentence that asks, in a message that first tells ('i just got diagnosed. what is this
    disease??' asks the second): the last one with a question mark or a question word; in a message
    with no full stops, the last comma-separated part that starts with a question word ('my dad just
    got told he has poems, what is it'). "this transplant" there is the one the message named before
    it ('doctor tell stem cell transplant. what is this transplant exactly')."""
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+", message.strip()) if p.strip()]
    for part in reversed(parts):
        if "?" in part and not QUESTION_WORD.match(part):
            piece = _asking_piece(part)
            if piece:
                return _without_whose_word(_named_before(piece, message))
        if "?" in part or QUESTION_WORD.match(part):
            return _without_whose_word(_named_before(before_story(part) or part, message))
    return _without_whose_word(_asking_piece(message) or message)


# who keeps bringing the thing up is not what is asked: "what is this transplant they keep talking about"
# asks what the transplant is (a definition), not about their talking
_WHOSE_WORD = re.compile(
    r"\s+(?:that |which )?(?:they|the (?:docs?|doctors?|drs?|nurses?|team|consultant|specialists?|hospital)|"
    r"(?:my|his|her|our) (?:doc|doctor|dr|nurse|team|consultant|specialist|neuro|hematologist|haematologist|oncologist|gp)|"
    r"he|she|everyone|people)\s+(?:keeps? |kept |were |was |are |is |have |has )?(?:talk(?:s|ing|ed)? about|mention(?:s|ed|ing)?|"
    r"brought up|bring(?:s|ing)? up|(?:went|go|going|goes) on about|on about|suggest(?:s|ed|ing)?|recommend(?:s|ed|ing)?|"
    r"sa(?:y|ys|id|ying)|told (?:me|us|him|her)(?: about)?)\s*([?!.]*)\s*$", re.I)


def _without_whose_word(part: str) -> str:
    """The asked part without a closing clause saying who keeps bringing the thing up."""
    out = _WHOSE_WORD.sub(lambda m: m.group(1), part)
    if len(out.split()) < 3 or re.search(r"\b(?:what|how|which|who|whatever)\W*$", out, re.I):
        return part  # "is it safe what they recommended": the clause is what is asked about
    return out


# words that tell who said what, never part of the name said ("doctor tell stem cell transplant")
_TELLING = frozenset("""tell tells told telling say says said saying mention mentions mentioned talk talked talking
    recommend recommended recommends suggest suggested suggests want wants wanted need needs needed start started
    doing get getting got give gives gave having has have had called call calls""".split())
_THIS_NOUN = re.compile(r"\b(?:this|that|these|those) ([a-z][a-z\-]{3,})\b", re.I)


def after_story(message: str) -> str:
    """The question a message asks after telling a story ("hes on gabapentin and still in agony. when does the nerve
    pain usually ease up after treatment" had been refused for "agony"); '' when it tells nothing first, or asks
    something there too ("is it hereditary? could my kids get it too" asks both)."""
    asked = asked_part(message)
    return "" if asked == message or "?" in _told_before(asked, message) else asked


# A clause told after the question, asking nothing ("why not thalidomide instead, its cheaper where we live" was
# refused for "cheaper", conversations_t29 dev): a reason or a circumstance, not what is asked.
_TOLD_AFTER = re.compile(r"^(?P<asked>[^,?]*?\b(?:what|whats|why|how|when|where|who|which|is|are|can|could|does|do|will|should|would)\b"
                         r"[^,?]*)\??\s*,\s*(?P<told>[^?]+?)[.!\s]*$", re.I)


_TELLS = re.compile(r"\b(?:i|im|ive|id|we|were|weve|he|hes|she|shes|they|theyre|it|its|my|his|her|our|their|is|are|was|"
                    r"sounds?|says?|said|has|have|had|keeps?|got|gets|seems?|looks?|feels?|whatever|something)\b", re.I)


def before_story(message: str) -> str:
    """The question a message asks before telling why or of whom, in one sentence ("why not thalidomide instead,
    its cheaper where we live" asks "why not thalidomide instead"); '' when nothing is told after it, or what
    follows asks too ("… , or is it forever") or leans on the question ("… , is that normal")."""
    m = _TOLD_AFTER.match(message.strip())
    if not m or "." in m.group("asked") or QUESTION_WORD.match(m.group("told").strip()):
        return ""
    told = m.group("told").strip()
    if re.match(r"(?:or|and|but|so|then|if|because|cos|coz|since|like|eg|e\.g\.)\b", told, re.I):
        return ""  # a second question or the condition of the first ("…, or is it forever", "…, if he gets worse")
    # only a clause that tells something: "what are the symptoms, treatments and outlook" lists what it asks
    return m.group("asked").strip() if _TELLS.search(told) else ""


def without_story(message: str, unknown: Callable[[str], Sequence[str]]) -> str:
    """The question a message asks around a story told before or after it ('' when it tells none), when the
    question itself names nothing the guides never do (`unknown`: such words of a text): then the story's words
    are not why the guides seem not to answer it ("could lyme disease be causing my numbness instead, i got bitten
    by a tick last summer" asks about lyme disease, which no guide names)."""
    asked = after_story(message) or before_story(message)
    return asked if asked and not unknown(asked) else ""


def _told_before(part: str, message: str) -> str:
    """What a message says before its part `part` (the asked part): '' when the message is only that part."""
    return message[: max(0, message.lower().rfind(part.lower()))]


def _named_before(part: str, message: str) -> str:
    """The asked part with "this X" spelled out as the message named X before it, up to two words in
    front of it ("stem cell transplant"); the part unchanged when the message named no such X."""
    words = re.findall(r"[a-z][a-z\-]*", _told_before(part, message).lower())
    if not words:
        return part

    def spelled(m: re.Match[str]) -> str:
        noun = m.group(1).lower()
        at = max((i for i, w in enumerate(words) if w in (noun, f"{noun}s")), default=-1)
        if at < 0:
            return m.group(0)
        start = at
        while start > 0 and at - start < 2 and words[start - 1] not in STOPWORDS and words[start - 1] not in _TELLING:
            start -= 1
        return " ".join(words[start:at + 1]) if start < at else m.group(0)

    return _THIS_NOUN.sub(spelled, part)


def _asking_piece(text: str) -> str:
    """The last comma-separated piece after the first that starts with a question word, if any; a
    piece that points back ("why dont they just use that") needs what it points at, so it is none."""
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    asking = [p for p in pieces[1:] if QUESTION_WORD.match(p) and not _POINTS_BACK.search(p)]
    return asking[-1] if asking else ""


_POINTS_BACK = re.compile(r"\b(?:that|this|these|those|them|they|he|she|his|her)\b", re.I)


# "and the S?", "what about the O": a letter of POEMS named after a question about another letter
_BARE_LETTER = re.compile(r"^\s*(?:and|what about|how about|ok|so|then)?\s*(?:the\s+)?['\"]?([a-z])['\"]?\s*(?:one)?\s*[?.!]*\s*$", re.I)


def bare_letter(question: str) -> str | None:
    """The letter a bare follow-up names ('and the S?' → 'S'), if any."""
    m = _BARE_LETTER.match(question)
    letter = m.group(1).upper() if m else ""
    return letter if letter and letter not in ("I", "A") else None


# Words that soften or stress a question without changing what it asks ("what even is poems syndrome",
# "what is an autologous stem cell transplant exactly")
FILLERS = re.compile(r"\b(?:actually|even|exactly|really|basically|just|precisely|anyway)\b\s*", re.I)


# A term asked about on its own ("organomegaly??"); an everyday word so asked ("anyone?") is no term
BARE_TERM = re.compile(
    r"\s*(?!(?:is|are|can|could|does|do|did|will|would|should|has|have|was|were|am|how|why|when|where|who|which|"
    r"what|whats|i|my|he|she|it|and|but|so|or|"
    # a judgement asked of what was just told ("stopped for months. normal?") is a yes/no question
    r"normal|ok|okay|serious|bad|common|dangerous|safe|worse|better|true|possible|contagious|curable|treatable|"
    r"fatal|deadly|rare|hereditary|genetic|permanent|reversible|painful|related|linked|fine|right|sure|typical|"
    r"usual|expected|worrying|urgent)\b)([a-z][\w\-]+(?: [\w\-]+)?)\s*\?+\s*")


# Quotes around a term ("what is an 'M protein'?"), and apostrophes, which the patterns do without.
_QUOTES = re.compile(r"[\"'“”‘’]")


# Question words as they are texted ("wht is vegf" was read as no question at all: t15 dev)
_TEXTED = {"wht": "what", "wat": "what", "wot": "what", "whta": "what", "waht": "what", "whts": "whats",
           "wats": "whats", "hw": "how", "wen": "when", "wich": "which", "whr": "where"}
_TEXTED_WORD = re.compile(r"\b(" + "|".join(sorted(_TEXTED, key=len, reverse=True)) + r")\b", re.I)


def unquoted(text: str) -> str:
    """The text as the question grammar reads it: without quote marks or apostrophes ("what is an
    'M protein'?" → "what is an M protein?"), question words texted short spelled out ("wht is vegf")."""
    return _TEXTED_WORD.sub(lambda m: _TEXTED[m.group(1).lower()], _QUOTES.sub("", text))


def answer_kind(question: str) -> AnswerKind:
    """The kind of answer a question wants ('how long till it works' → NUMBER)."""
    q = FILLERS.sub("", unquoted(question).lower()).strip()
    bare = BARE_TERM.fullmatch(q)
    if bare and any(not everyday(w) for w in re.findall(r"[a-z]+", bare.group(1))):
        return AnswerKind.DEFINITION
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(q):
            return kind
    return AnswerKind.GENERAL


# Words that name the subject every question here is about, or nothing: they do not make a
# message stand on its own ("is it curable" is about POEMS; "what about that?" is about nothing).
GENERIC_WORDS = frozenset("""poems syndrome disease condition illness thing things stuff it its normal
    guide guides doctor doctors question questions answer info information though away again anyway
    still ever even usually already soon later now back long well right sure actually kind type sort""".split())

# A message leaning on the one before: a leading connective, or a bare demonstrative pronoun
# ("why does that happen?", "how long does that take?"), or "the … ones".
_CONNECTIVE = re.compile(r"^\s*(and|but|also|then|or|what about|how about|what else|anything else|ok so|okay so|same)\b", re.I)
_BARE_DEMONSTRATIVE = re.compile(
    r"\b(that|this|these|those|them)\b(?!\s+(?:disease|condition|syndrome|illness|diagnosis|poems)\b)"
    r"(?=\s*(?:[?.!,]|$|\s+(?:is|are|was|were|does|do|did|happen|happens|take|takes|mean|means|work|works|help|helps|"
    r"one|ones|come|comes|cause|causes|go|goes|get|gets|hurt|hurts|last|lasts|too|also|again|for|with|in|on|at|"
    # … or as much again ("how many poems patients have that as well" after castleman disease, conversations_t27 dev)
    r"as well|either)\b))",
    re.I,
)
# A condition with no question of its own ("and if he gets new stuff between visits?" after what to track at
# checkups, t21 dev: answered alone, it was refused): the question it belongs to is the one before.
_ELLIPTIC_IF = re.compile(r"^\s*(?:(?:and|but|so|or|ok so|okay so)\s+)?(?:even\s+)?if\b"
                          r"(?!.*\b(?:what|how|when|where|why|who|should|can|could|will|would|does|do|did|then)\b)", re.I)
# A thing that is always of something else, named with "the" and nothing after it ("whats the dose they use" after "… they
# can treat my dads poems with just radiation. when is that an option" was answered alone with the induction regimens, and
# the next two follow-ups chained on "dose": conversations_t28 dev), or asked of what someone will be given ("what dose would
# they give" after the radiation answer, t36 dev). The disease's own outlook is no such thing: "whats the prognosis" is POEMS'.
_BARE_RELATIONAL = re.compile(
    r"\bthe (?:usual |normal |typical |right |main |standard |real )?(?:dose|doses|dosage|side ?effects|success rate|"
    r"response rate|risks?|odds|chances?|downsides?|cost|schedule|recovery time|waiting list|wait)\b"
    r"(?!\s+(?:of|for|with|from|after|on|to|in|during|if|when|like)\b)|"
    r"^\W*(?:and |so |ok )?what (?:dose|doses|dosage|amount|strength)\b(?=\s+(?:would|will|do|does|did|should|can|could|might)\s+"
    r"(?:they|he|she|you|we|i)\b)", re.I)
# (or both things just spoken of: "whats the connection between the two" after castleman disease and poems, t40 dev)
_ONES = re.compile(r"\b(ones|one of them|the other one|the others|those ones|of them|the two|(?:between|of) (?:the )?two of them|between them)\b", re.I)
# A comparison with its second side left to the conversation ("what test is better then", after "does a
# normal spep mean its not poems", had been answered alone with the endocrine panel: t20 dev); not getting
# better or making worse ("will his eyes get better", "what makes it worse")
_DANGLING_COMPARISON = re.compile(
    r"\b(?:is|are|be|s)\s+(?:\w+\s+)?(?:better|worse|safer|more (?:accurate|reliable|sensitive|effective|common)|"
    r"less (?:common|risky)|quicker|faster)(?:\s+(?:then|instead))?\s*[?.!]*\s*$", re.I)
_ACRONYM_LETTER = re.compile(r"(?:^|\s)(?:the\s+)?['\"]?([a-z])['\"]?\s+(?:in\s+poems\s+)?(?:stand|stands|mean|means|for)\b|"
                             r"\bthe ([a-z])\s+(?:in|of)\s+poems\b|"
                             # a letter asked of alone ("whats the P", then "will that get better", then "and the S?":
                             # the S was refused, conversations_t20)
                             r"^\s*(?:(?:so|and|ok|okay)\s+)?(?:whats|what\s+is|what's|what\s+about)\s+(?:the\s+)?['\"]?([a-z])['\"]?\s*[?.!]*\s*$",
                             re.I)


def acronym_letter(question: str) -> str | None:
    """The letter a question asks about ('what does the M in poems mean' → 'M'), if any."""
    m = _ACRONYM_LETTER.search(question)
    if not m:
        return None
    letter = (m.group(1) or m.group(2) or m.group(3) or "").upper()
    return letter if letter and letter not in ("I", "A") else None


def topic_words(question: str, content_words: list[str]) -> list[str]:
    """The question's own subject words: content words that are not generic."""
    return [w for w in content_words if w not in GENERIC_WORDS and len(w) > 2]


# "he", "she" name the patient, not a topic: "should he get the flu shot" is a new question
_PRONOUN = re.compile(r"\b(it|its|they|them|their|this|that|these|those)\b", re.I)


# Said to change the subject: what follows is a new question, whatever pronoun it uses ("ok other
# question, can being pregnant set it off": "it" is POEMS, not the last topic).
_SWITCH = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|so|right|also|and|hi|hey|sorry)\b[\s,.:;-]*)*"
    r"(?:(?:a |one |my |another |an )?(?:totally |completely |entirely |slightly )?(?:different|other|another|new|separate|unrelated|random|quick|last|next|"
    r"diff(?:erent)?)\s+(?:question|q|thing|topic|one|subject)s?|unrelated(?:\s+question)?|(?:changing|change|switching|switch)(?: of)? "
    r"(?:the )?(?:subject|topics?|gears)|on (?:a|an) (?:different|other|another|separate) note|on another note|btw|by the way|"
    r"different topic|new topic|off topic|random(?:ly)?|totally different|something else)\b(?:\s+but\b|\s+though\b)?[\s,.:;!?-]*",
    re.I,
)
# Leading words that join a message to the talk without making it lean on the last answer when the
# rest names its own subject ("also whats the chance of getting a blood clot with this disease").
_WEAK_LEAD = re.compile(r"^\s*(?:and|but|also|then|ok so|okay so|so|ok|okay)\b[\s,]*", re.I)
# How to say it, or how the asker feels about asking: no topic in them, and they pull a search away
# from it ("what is vegf in plain english", "how long do people live with it, be honest").
_ASIDES = re.compile(
    r"\b(?:in (?:plain|simple|normal|everyday|basic|layman'?s?|laymans|non[- ]medical|easy|real) (?:english|words|terms|language)|"
    r"in (?:plain|simple) english|(?:like|as if) (?:i'?m|im|i am) (?:5|five|a child|a kid|stupid|dumb)|for (?:a )?dummies|"
    r"(?:please )?be (?:honest|straight|blunt|frank)(?: with me)?|(?:tbh|honestly|seriously|pls|please|thanks|thank you|thx)|"
    r"(?:can|could) you (?:please )?(?:tell|explain to) me|i (?:cant|can't|cannot|dont|don't) (?:make sense of|understand) "
    r"(?:the|this|that|his|her|my) (?:letter|leaflet|report|jargon|words)|in a nutshell|briefly|simply put|"
    # how long a story has gone on, not what is asked ("my wifes legs have gone really puffy over the last few months":
    # its "months" led with the recovery timeline's "6–12 months" line, questions_t19 dev)
    r"(?:over|in|for|during) the (?:last|past) (?:few |couple of |several |\d+ |two |three |four |six )?(?:days?|weeks?|months?|years?)(?=\s*[.,;!]\s*\w)|"
    # … or "for a year and now …" ("pins and needles in both feet for a year and now its in my hands too")
    r"for (?:about |around |over |nearly |almost )?(?:a|an|one|two|three|four|five|six|\d+|a couple of|a few|several) "
    r"(?:days?|weeks?|months?|years?)(?=\s*(?:[.,;!]\s*\w|(?:and|but) (?:now|since)\b))|"
    # how the asker heard it, not what they ask ("what do the letters stand for, the dr said it so fast")
    r"(?:the |my |his |her |our )?(?:dr|doc|doctor|nurse|consultant|gp|specialist|hematologist|haematologist|neurologist|he|she|they) "
    r"(?:said|say|says|explained|went (?:through|over)|rattled off|read out) (?:it|them|that|this|everything|it all) "
    r"(?:so |too |really |way too )?(?:fast|quick(?:ly)?)|"
    r"i (?:didnt|did not|couldnt|could not) (?:catch|follow|keep up with|take in) (?:it|that|them|any of it|what (?:\w+ )?said))\b[\s,.!]*",
    re.I,
)


# A sentence that only says someone has the disease ("my husband was just diagnosed with POEMS.")
# names no topic: it pulls a search towards the diagnosis passages when the question is elsewhere.
# When the diagnosis came: "last week", "today", and a span ago ("a month ago", "3 weeks ago": "my wife was
# diagnosed with poems a month ago. what does the treatment usually look like" kept the news and was answered
# with what POEMS is and the diagnostic criteria).
_WHEN = (
    r"(?:(?:last|this) (?:week|month|year)|today|yesterday|(?:a|an|one|two|three|four|five|six|a few|a couple of|"
    r"\d+) (?:days?|weeks?|months?|years?) ago)"
)
_ONLY_DIAGNOSED = re.compile(
    r"^\s*(?:(?:so|hi|hello|ok|well)\W+)?(?:(?:i|we|my \w+|he|she|they)(?:'?m|'?s| am| is| are| was| were| have| has| had| got|"
    r"'?ve)? )?(?:just |recently |finally |only )?(?:been |got |was |were )?(?:just |recently )?(?:diagnosed|told (?:(?:last|this) (?:week|month) |"
    r"today |yesterday |recently )?(?:that )?(?:i|he|she|they|we) (?:might |may |could |probably |likely )?ha(?:ve|s|d))"
    # (the time before or after what: "diagnosed last week with poems. what are the treatments", conversations_t17)
    rf"(?: {_WHEN})?"
    rf"(?:(?: with)? (?:poems syndrome|poems|it|this))?(?: {_WHEN})?\s*(?:[.!]+|,(?=\s*(?:what|whats|why|how|when|where|who|which|is|are|can|could|does|do|will|should)\b))\s*",
    re.I,
)


def only_diagnosis_news(message: str) -> bool:
    """Whether a message only says someone was diagnosed, or may have it, and asks nothing ("my dad has
    been told he might have poems", "just diagnosed with poems"): what a newly diagnosed family first
    needs is what the disease is (it had led with the misdiagnoses)."""
    m = _ONLY_DIAGNOSED.match(message.rstrip() + ".")
    return bool(m and not message.rstrip()[m.end() - 1:].strip(" .!"))


def without_diagnosis_news(question: str) -> str:
    """The message without a leading sentence that only says someone was diagnosed, when a question follows."""
    m = _ONLY_DIAGNOSED.match(question)
    rest = question[m.end():] if m else ""
    asked = rest.strip()
    if m is None or not (asked and QUESTION_WORD.match(asked)) or (asks_what_poems_is(asked, question) and not asks_what_poems_is(asked)):
        return question  # "… she has poems. what does that actually mean": the news is what "that" points at
    # after a comma the news is one sentence with the question: it goes only when the question names its own
    # subject (a full stop was the only way before; "my dad was told he might have poems, why would they scan
    # his heart" was searched whole and led with what POEMS is)
    return rest if not m.group(0).rstrip().endswith(",") or _names_own_subject(rest) else question


def _names_own_subject(question: str) -> bool:
    """Whether a question names a subject of its own in two or more words ("why would they scan his heart");
    "what should we do first" after the news asks what to do about the diagnosis, so the news stays."""
    words = re.findall(r"[a-z]+", question.lower())
    return len([w for w in words if len(w) > 2 and w not in STOPWORDS and w not in GENERIC_WORDS]) >= 2


def switches_topic(question: str) -> bool:
    """Whether the message says it changes the subject ("ok other question, …", "unrelated but …")."""
    m = _SWITCH.match(question)
    return bool(m and m.group(0).strip() and question[m.end():].strip())


def without_asides(question: str) -> str:
    """The question without a topic-switch marker or an aside about how to answer; the original when
    nothing would be left."""
    q = question
    if switches_topic(q):
        q = q[_SWITCH.match(q).end():]  # type: ignore[union-attr]
    q = without_diagnosis_news(q)
    q = re.sub(r"\s{2,}", " ", _ASIDES.sub(" ", q)).strip(" ,.;:-")
    q = re.sub(r"(?:[\s,]+(?:and|but|so))+$", "", q, flags=re.I)
    q = _without_whose_word(q)  # "… they keep talking about": who says it is no topic
    return q if re.search(r"\w", q) else question


def leans_on_context(question: str) -> bool:
    """Certainly a follow-up: a leading connective ("and the S?", "what about asia"), a bare
    demonstrative ("why does that happen?"), "the other ones", or a pronoun in a message too short
    to name its own subject ("how well does it work?")."""
    return bool(_CONNECTIVE.search(question) or _BARE_DEMONSTRATIVE.search(question) or _ONES.search(question)
                or _DANGLING_COMPARISON.search(question) or _ELLIPTIC_IF.search(question))


# "is it ok to …", "is it normal that …": an "it" that stands for what follows, not for a topic before
_DUMMY_IT = re.compile(r"\b(?:is|was|would|will) it (?:be )?(?:\w+ )?(?:ok|okay|safe|normal|possible|true|bad|good|worth|fine|"
                       r"likely|common|wise|dangerous|risky|better|worse|alright|all right) (?:to|that|if|for)\b", re.I)


def has_pronoun(question: str) -> bool:
    return bool(_PRONOUN.search(_DUMMY_IT.sub(" ", question)))


# "it" or "this" left at the end as what the question is about ("where are the best places to go for
# this in the us", "go back to his job after all this"): with no other referent it is POEMS, so such a
# message may well stand alone, and is no trivia question (the out-of-scope category reads it too)
# ("we are in china, where is best place for this illness" was refused as trivia: t15 dev)
DISEASE_AT_END = re.compile(r"\b(?:for|about|with|of|from|on|in|after|through|since) (?:all )?(?:it|this(?: (?:illness|disease|condition|sickness))?)\b"
                            r"(?:\s+(?:in|at|near) (?:the )?\w+)?\s*[?.!]*$", re.I)


def leans_only_at_its_end(question: str) -> bool:
    """Whether the message's only word pointing back is a trailing "for this" / "about it", which may
    mean POEMS itself: the assistant then tries it alone too (resolve's `certain` is False)."""
    rest = DISEASE_AT_END.sub("", question.strip())
    return rest != question.strip() and not (leans_on_context(rest) or has_pronoun(rest))


_NAMES_POEMS = re.compile(r"\bpoems\b", re.I)


# A question whose subject is a word pointing back, asked first ("does that need sorting out separately" after the spleen,
# "does it count towards getting diagnosed" after kidney disease, "is that why they took a lymph node out": t40 dev, each
# answered alone on its other words); "it" with no other referent may still be POEMS, so such a message is undecided and
# the assistant tries it alone first (assistant.ask); not "they", who are the doctors ("can they test my genes …")
_SUBJECT_POINTS_BACK = re.compile(
    r"^\W*(?:(?:so|and|but|ok|okay|then|hang on|wait|right)\W+)*(?:does|do|did|is|was|are|were|will|would|can|could|should|has|"
    r"have|might|may)\s+(?:that|this|those|these|it)\b(?!\s+(?:disease|condition|syndrome|illness|poems)\b)", re.I)


# A place named as where to look ("where in the uk", "which hospitals in japan", "any specialist near boston"), not a part
# of the body or of a life ("in the body", "in her case")
_IN_A_PLACE = re.compile(r"\b(?:where|which|what|any)\b[^?.!]{0,40}\b(?:in|near|around|across) (?:the )?"
                         r"(?!(?:the|it|that|this|there|them|those|these|his|her|my|our|their|your|a|an|body|blood|case|meantime|future|"
                         r"long|short|end|past|morning|evening|night|day|week|month|year)\b)[a-z]{2,}", re.I)


_BESIDE_POEMS = re.compile(r"\b(?:it|they|them|this|that)\b.{0,40}\b(?:with|alongside|along with|as well as|besides|plus|on top of) "
                           r"(?:the )?poems\b", re.IGNORECASE)


def stands_alone(question: str, content_words: list[str]) -> bool:
    """Whether a message reads as complete without the conversation before it.

    Not when it leans on context (above). Yes when it asks what a letter of POEMS means, when it
    names its own subject in three or more words ("what are the treatment options"), or when it asks
    what one thing is or how two differ ("what is vegf"). Anything shorter ("is it curable", "so
    what do they use instead?") is undecided here: the assistant answers it alone when the guides
    answer it clearly better alone than in the conversation's context, since "it" with no other
    referent means POEMS.
    """
    if switches_topic(question):
        return True
    if leans_on_context(question):
        rest = _WEAK_LEAD.sub("", question, count=1)
        if rest == question or leans_on_context(rest) or len(topic_words(rest, content_words)) < 3:
            return False
    if answer_kind(question) is AnswerKind.WHO_WHERE and _IN_A_PLACE.search(question) and not _PRONOUN.search(question):
        # where care is, in a place it names ("where in the uk can she be seen" after a talk about CIDP had been answered
        # with the conversation's topic, not the London centre: a ten-turn chat tried by hand); "he" and "she" are the patient
        return True
    if acronym_letter(question) or _names_the_disease_asked(question):
        return True
    if _BARE_RELATIONAL.search(question) and not _NAMES_POEMS.search(question):
        return False  # "whats the dose they use": of what the conversation was about
    if _BESIDE_POEMS.search(_DUMMY_IT.sub(" ", question)):
        # "it" with the disease named beside it is something else the conversation holds ("how often does it show up
        # along with poems" after "what is castleman exactly" had been answered with how rare POEMS is, conversations_t42
        # dev) — not the "it" of "is it true that people with poems get clots"
        return False
    if _NAMES_POEMS.search(question) and not has_pronoun(question):
        # the disease named, and nothing pointing back: its subject is in it ("how rare is poems anyway",
        # "is poems hereditary" were searched with the topic before them; in the read conversation sets
        # 18 switch turns read so and 2 follow-ups, both answerable alone)
        return True
    if _SUBJECT_POINTS_BACK.search(_DUMMY_IT.sub(" ", question)):
        return False  # its words say what is asked of a subject the conversation holds ("does that need sorting out separately")
    topic = topic_words(question, content_words)
    if len(topic) >= 3:
        return True
    kind = answer_kind(question)
    if kind in (AnswerKind.LIST, AnswerKind.HOW) and len(topic) >= 2:
        return True  # "what are the treatment options", "how is it diagnosed"-style requests
    return bool(topic) and kind in (AnswerKind.DEFINITION, AnswerKind.COMPARISON, AnswerKind.WHO_WHERE)


# fillers that do not change what is asked: "what actually is it", "what even is poems exactly"
_FILLER = r"(?:\s+(?:actually|even|exactly|really|basically|just|precisely))?"
_THE_DISEASE = re.compile(
    r"^\s*(?:so\s+)?(?:what|whats|what's)" + _FILLER + r"\s*(?:is|s)?" + _FILLER + r"\s+(?:this|that|the|my|his|her|our)?\s*"
    r"(?:disease|condition|illness|syndrome|thing|poems|poems syndrome|it|(?:(?<=this)|(?<=that))(?P<bare>))" + _FILLER +
    # a second question about the same "it" may follow ("what even is that, is it like a poem")
    r"\s*(?:,\s*(?:is|does|can) it\b[^?]*)?[?!.]*\s*$", re.I)


def _names_the_disease_asked(question: str) -> bool:
    """'what is poems', 'so what actually is this syndrome': what POEMS is, by name, needs no context.
    (After "my mum has pins and needles in her feet", "what is poems" was searched with the feet and
    led with "POEMS is one of the rare diseases where early, accurate diagnosis …".) "what is it" and
    "what is this thing" may still mean the last answer's term."""
    m = _THE_DISEASE.match(question)
    return m is not None and re.search(r"\b(?:poems|syndrome|disease|condition|illness)\b", m.group(0), re.I) is not None


# a thing someone named to the patient ("the doctor mentioned carfilzomib", "they put him on dara")
_REPORTED_TERM = re.compile(
    r"\b(?:mentioned|mentions|called|prescribed|suggested|suggests|recommended|recommends|talked about|talking about|"
    r"started (?:him|her|me|us) on|put (?:him|her|me) on|wants? (?:him|her|me) (?:to have|on))\s+(?:a |an |the |something called )?"
    r"([a-z][\w\-]{2,})", re.I)


def reported_term(message: str) -> str:
    """The thing someone named to the patient before the asked part ("carfilzomib" in "my hematologist
    mentioned carfilzomib for my relapse. what is it?"); '' when none, or it is the disease itself."""
    return _reported_in(_told_before(asked_part(message), message))


def _reported_in(told: str) -> str:
    m = _REPORTED_TERM.search(told)
    term = m.group(1).lower() if m else ""
    return "" if term in ("poems", "it", "this", "that") else term


def asks_what_poems_is(question: str, message: str = "") -> bool:
    """'what is this disease??', 'whats poems', 'what is it': the question is what POEMS itself is. A bare
    "that" or "this" only when the message named the disease before it ("he has poems syndrome?? what
    even is that"): after an answer, "what is that" asks about the answer's term."""
    m = _THE_DISEASE.match(question)
    if m is None:
        # (only after news of the diagnosis: "the echo showed my husband has pulmonary hypertension on top of the
        # poems. what does that mean" asks about the hypertension, conversations_t13)
        told = _told_before(question, message).strip()
        return bool(_WHAT_IT_MEANS.match(question) and told and only_diagnosis_news(told)) and _disease_named_last(question, message)
    if m.group("bare") is None:
        # "my hematologist mentioned carfilzomib for my relapse. what is it?": "it" is what was mentioned
        return not (re.search(r"\bit\b", m.group(0), re.I) and _reported_in(_told_before(question, message)))
    return _disease_named_last(question, message)


# "what does that actually mean" right after the news of the diagnosis ("my mum was told she has poems. what does
# that actually mean") asks what the disease is; alone, or after anything else, it asks about that
_WHAT_IT_MEANS = re.compile(r"^\s*(?:so\s+)?(?:what|whats|what's) (?:does|do|would) (?:that|this|it)" + _FILLER +
                            r"\s+mean(?: for (?:her|him|them|us|me|my \w+))?" + _FILLER + r"\s*[?!.]*\s*$", re.I)


def _disease_named_last(question: str, message: str) -> bool:
    """Whether the message named the disease last before its asked part: nothing but filler between them."""
    # the disease must be the last thing named before it ("poems is now classed as an mgcs. whats that"
    # asks about the MGCS)
    before = _told_before(question, message)
    named = list(re.finditer(r"\bpoems\b(?:\s+(?:syndrome|disease))?", before, re.I))
    if not named:
        return False
    after = re.sub(r"\b(?:apparently|now|today|yesterday|lol|omg|ok|okay|so|and|um+|(?:last|this) (?:week|month|year)|"
                   r"(?:a|one|two|three|few) (?:days?|weeks?|months?) ago)\b", " ", before[named[-1].end():], flags=re.I)
    return not re.search(r"[a-z]", after, re.I)
