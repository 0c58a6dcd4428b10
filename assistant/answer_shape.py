"""What a sentence that answers looks like: the shape of answer a question asks for (a number, a cause,
a place…), the opening of a section whose heading names the question's subject, and a sentence that
leans on the one before it. The composer ranks its lead by these; they read text, not the index."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.question import BARE_TERM, FILLERS, AnswerKind, answer_kind, asked_part, leans_on_context, reported_term, unquoted
from assistant.text import everyday

LIST_Q = re.compile(
    r"\b(list|what are( all)? the|which|what (tests|signs|symptoms|features|criteria|options|treatments|steps|drugs|medicines|centers|centres|findings|complications|risk factors)|"
    r"symptoms|signs|criteria|checklist|steps|options|types|kinds|complications|tests|risk factors|features|alternatives|"
    # what else there is asks for the other options ("no transplant. what else is there to treat it")
    r"what else (?:is there|are there|can|could|do|does|would)|anything else (?:they|we|he|she) (?:can|could) (?:try|do|give)|"
    # what to ask or ask for is the guides' checklist ("what should we ask the doctor at our next appointment")
    r"what (?:should|do|can) (?:i|we) (?:be )?ask(?:ing)?|what to ask|questions to ask)\b",
    re.I,
)


def asks_list(question: str, kind: AnswerKind | None = None) -> bool:
    """Whether a question asks for a list ("what are the minor criteria"); `kind`: its answer kind, when known."""
    return (kind or answer_kind(question)) is AnswerKind.LIST or bool(LIST_Q.search(question))
# A sentence opening like this leans on the one before it ("This is often the single most
# impactful step…", "At follow-up, that number was zero.").
_LEANS_BACK = re.compile(
    r"^(it|its|this|these|that|those|they|their|such|however|but|because of this|for this reason|as a result|"
    r"in addition|also|at follow-up|even so|instead|here|both|neither|the result|similarly|likewise|then|"
    # an event told before ("When that happens, VEGF levels fall rapidly" follows the clone being treated)
    r"(?:when|once|if|after|as soon as|until) (?:that|this) (?:happens|happened|is done|occurs|is achieved|works))\b", re.I)


# ...or names, mid-sentence, something only an earlier sentence introduced ("from one of these
# centers", "that number"), unless the sentence introduced it itself.
# "similar outcomes" too ("Chiba University reported similar outcomes" compares with the Mayo series before it;
# leading alone, it left the wheelchair question without "that number was zero")
_POINTS_BACK = re.compile(r"\b(?:these|those|that|this|such|similar)\s+([a-z]+)", re.I)
# … or gives a reason that an earlier sentence told ("Lenalidomide is generally preferred for this reason." had been the
# whole answer to "thalidomide or lenalidomide which ones better", without the neuropathy it points at)
_REASON_BEFORE = re.compile(r"\b(?:for (?:this|that|these|those) reasons?|because of (?:this|that|these|those))\b", re.I)
_POINTED = frozenset("""centers centres criteria features steps drugs tests symptoms findings options changes
    regimens agents therapies treatments complications patients number numbers results outcomes signs studies
    trials lesions cases problems conditions medicines""".split())


# A measure named bare, as the subject of its own clause ("In a Mayo Clinic cohort of 230 patients, the rate was 27%."
# led "whats the success rate with it" after a transplant question, t32 dev): the rate of what the sentence before says.
_BARE_MEASURE = re.compile(r"(?:^|,\s+)the (?:rate|number|figure|proportion|percentage|share|incidence|frequency) (?:was|is|were|rose|fell)\b",
                           re.I)


def leans_back(text: str) -> bool:
    """Whether a sentence needs the one before it to make sense."""
    body = text.lstrip("- ")
    if _LEANS_BACK.match(body) or _REASON_BEFORE.search(body) or _BARE_MEASURE.search(body):
        return True
    for m in _POINTS_BACK.finditer(body):
        noun = m.group(1).lower()
        if noun in _POINTED and noun.rstrip("s") not in body[: m.start()].lower():
            return True
    return False


# A sentence that introduces what follows it: a list's lead-in ("Common signs include:") or one that points
# below ("A formal diagnosis requires meeting all three groups below." led "what tests do i ask for" and
# "skin signs of poems?" in t15's dev half: alone it answers nothing).
_POINTS_AHEAD = re.compile(r"(?::|\b(?:below|the following)\s*:?)\s*\d*\s*\.?\s*$", re.I)


# … or one that announces it ("Here's what each one actually means in a person's body." was the whole answer to
# "what does each letter mean", with the letters left behind: questions_t24 dev)
_ANNOUNCES = re.compile(r"^\s*(?:here(?:'s|’s| is| are)|below (?:is|are)|the following)\b", re.I)


def is_lead_in(text: str) -> bool:
    """Whether a sentence only introduces the list or section after it."""
    return bool(_POINTS_AHEAD.search(text.rstrip()) or _ANNOUNCES.match(text))


_THE_DISEASE = re.compile(r"^(?:this|that|the|my|his|her|our)?\s*(?:disease|condition|illness|syndrome|thing|it)$|^poems(?: syndrome)?$")


def definition_focus(question: str) -> str:
    """The thing a definition question asks about ('what is a glomeruloid hemangioma' → its words);
    'what is this disease' asks what POEMS syndrome is."""
    focus = _focus(question)
    if len(focus.replace(" ", "")) < 2:
        return ""  # "what does the P mean": a letter is no focus ("Pain can be severe" starts with one)
    return "poems" if _THE_DISEASE.match(focus) else focus


# A term named before the question that points at it ("organomegaly?? thats the O right. what is it")
_TERM_FIRST = re.compile(r"^\s*([a-z][\w\-]+(?: [a-z][\w\-]+)?)\s*\?+", re.I)
_WHAT_IS_IT = re.compile(r"^\s*(?:so )?(?:what|whats|what's)(?: is| does)? (?:it|that|this)(?: mean)?\s*(?:[?!.]*\s*$|,? and (?:why|how|is it|does it|can it|could it)\b)", re.I)


def message_focus(message: str) -> str:
    """The thing a message's definition question asks about: the asked part's focus, or, when that part
    only points back ("what is it"), the term the message opened with."""
    asked = asked_part(message)
    if asked != message and _WHAT_IS_IT.match(asked):
        term = defines_own_term(message)
        # or the thing someone named to them ("my hematologist mentioned carfilzomib … what is it?")
        return definition_focus(term) if term else (reported_term(message) or definition_focus(asked))
    return definition_focus(asked)


# A glossary entry: the term, its spelled-out name or abbreviation in brackets, a dash, the definition
# ("VEGF (Vascular Endothelial Growth Factor) — A signaling protein …")
_GLOSSARY_ENTRY = re.compile(r"^([A-Za-z][\w\-/ ]{1,50}?)(?: \(([^)]{1,60})\))? — ")


def glossary_defines(text: str, focus: str) -> bool:
    """Whether a sentence is the guides' glossary-style entry for the asked term (singular or plural)."""
    m = _GLOSSARY_ENTRY.match(text.lstrip("- "))
    if not (m and focus):
        return False
    names = {n.strip().lower().replace("-", " ") for n in m.groups() if n}  # "M-protein" is the "m protein" asked
    focus = focus.replace("-", " ")
    wanted = {focus, focus.rstrip("s"), f"{focus}s"}
    return bool(names & wanted)


def defines_own_term(message: str) -> str:
    """The part of a message that asks what a named term is, when the rest only tells where it was met
    ("organomegaly?? her scan report says that" → "organomegaly??"); '' otherwise. The term must be no
    everyday word ("what should i do first" names nothing) and the asking part must not lean on
    context ("what is that")."""
    asked = asked_part(message)
    if asked != message and _WHAT_IS_IT.match(asked):
        # "organomegaly?? thats the O right. what is it": the "it" is the term the message opened with
        m = _TERM_FIRST.match(message)
        term = m.group(1).lower() if m else ""
        return m.group(0).strip() if m and not _THE_DISEASE.match(term) and any(not everyday(w) for w in re.findall(r"[a-z]+", term)) else ""
    if asked == message or leans_on_context(asked) or answer_kind(asked) is not AnswerKind.DEFINITION:
        return ""
    words = re.findall(r"[a-z]+", definition_focus(asked))
    named = all(w in asked.lower() for w in words)  # "what kind of drug is it": "it" names nothing here
    return asked if named and any(not everyday(w) for w in words) else ""


def _focus(question: str) -> str:
    question = FILLERS.sub("", question)  # "what even is poems syndrome" asks what POEMS syndrome is
    question = unquoted(question)  # "what is an 'M protein'?" asks about M protein
    bare = BARE_TERM.fullmatch(question.lower())
    if bare:  # "organomegaly??"
        return bare.group(1)
    # "what r sclerotic bone lesions, they found 2 on his pet scan": the question ends at the comma
    question = re.sub(r"^(\s*(?:so )?(?:what|whats|what's)\b[^,]*),.*$", r"\1", question, flags=re.I | re.S)
    # "what is VEGF and why do they keep testing it": the term ends where the second question starts
    question = re.sub(r"^(\s*(?:so )?(?:what|whats|what's)\b.*?)\s+and (?:why|how|what|when|where|who|is|are|does|do|can)\b.*$",
                      r"\1", question, flags=re.I | re.S)
    question = re.sub(r"^(\s*(?:so )?(?:what|whats|what's)) r\b", r"\1 are", question, flags=re.I)
    kind_of = re.search(r"^\s*(?:so )?what (?:kind|type|sort) of \w+ (?:is|are) (?:a |an |the )?([\w\-]+)", question.lower())
    if kind_of:
        return kind_of.group(1)
    m = re.search(r"(?:what|whats|what's)\s*(?:is|are|s|does|do)?\s*(?:a |an |the )?([\w\- ]{2,40}?)\s*(?:mean|means|stand for|stands for)?\s*[?!.]*\s*$",
                  question.lower())
    return m.group(1).strip() if m else ""


_FIT = {
    # "most" as a share ("most patients", "most common"), not a superlative ("the most robust long-term data"
    # had led "how long do people live with it")
    AnswerKind.NUMBER: re.compile(r"\d|%|\b(half|third|quarter|most(?= (?:of|common|\w+s)\b)|majority|rare|common|months?|years?|weeks?|days?)\b", re.I),
    AnswerKind.CAUSE: re.compile(r"\b(because|caus\w*|due to|driv\w*|leads? to|result\w*|produc\w*|trigger\w*|respons\w*|through)\b", re.I),
    AnswerKind.WHO_WHERE: re.compile(r"\b[A-Z][a-z]+ (Clinic|Hospital|University|Institute|Center|Centre|College)\b|\bMayo\b|"
                                     # a place or a person named: "centers" alone ("most expert centers use
                                     # anticoagulation") is no answer to where
                                     r"\bUCLH\b|\bcent(er|re)s? (?:in|at|near|with a)\b|\bspecialists?\b|\bhematologist\b|\bneurologist\b"),
    AnswerKind.HOW: re.compile(r"\b(ask|get|request|begin|start|use|treat\w*|therap\w*|help\w*|manag\w*|support\w*|can)\b", re.I),
    AnswerKind.EXPECT: re.compile(r"\b(months?|years?|improv\w*|recover\w*|return\w*|better|regain\w*|walk\w*|resolv\w*|fade|expect\w*)\b", re.I),
    AnswerKind.COMPARISON: re.compile(r"\b(unlike|whereas|while|vs|compared|differ\w*|than)\b|;", re.I),
}


# "how long", "how soon": a time answers, not a share ("POEMS is rare, … more common than the published numbers suggest"
# led "how long is the delay usually", asked after "why is poems so hard to diagnose": t33 dev)
ASKS_DURATION = re.compile(r"\bhow (?:long|soon|quickly|fast)\b|\bhow many (?:months|years|weeks|days)\b", re.I)
# "is that common", "is it rare", "does it happen often": a yes or no that a share or a count answers, as "how common"
# does ("is that common" after the papilledema line led with "Other findings include cystoid macular edema …", t34 dev)
ASKS_HOW_COMMON = re.compile(r"\b(?:is|are|was|were|isnt|arent) (?:that|it|this|they|these|those|he|she)(?: \w+)? "
                             r"(?:common|rare|usual|unusual|typical|frequent|likely|unlikely)\b|"
                             r"\b(?:does|do|did) (?:that|it|this|they) (?:happen|occur|come) (?:\w+ )?(?:often|a lot|much)\b", re.I)
_DURATION = re.compile(r"\b(?:months?|years?|weeks?|days?|hours?|decades?)\b", re.I)

# "what does poems stand for", "what are the letters short for": the answer spells the name out
ASKS_EXPANSION = re.compile(r"\b(?:stand|stands|short) for\b|\bacronym\b|\bletters\b", re.I)
# (not "a second acronym — PEST": another name's letters are no answer to what this one's stand for)
_EXPANSION = re.compile(r"(?<!second )(?<!another )(?<!other )\b(?:acronym|named (?:for|after)|stands for|short for)\b", re.I)


def opens_section_on(i: int, heading_terms: Iterable[str], subject: Sequence[str]) -> float:
    """1 for the first sentences (i ≤ 1) of a section whose heading terms name every subject word of the
    question ("how is it treated" → "Treatment — First-Line Options"): the guide's own overview answers first."""
    if not subject or i > 1:
        return 0.0
    heading = [h for h in heading_terms if len(h) >= 4]
    return float(all(any(h.startswith(t) or t.startswith(h) for h in heading) for t in subject))


def opens_letter_section(section: str, i: int, letter: str, first: int) -> float:
    """1 for the first sentence (`first`: its index among the chunk's candidates) of the section the
    guides head with a letter of the acronym ("O — Organomegaly" for "whats the O in poems"): a letter
    has no words to match a heading by."""
    return float(i == first and section.split(" › ")[-1].startswith(f"{letter} — "))


# Asking what POEMS's own letters stand for ("what do all the letters stand for", "what does poems stand
# for"), not another name's ("saw MGCS on his chart. what does that stand for") nor whether all five are
# needed ("does someone have to have all five of the letters"): the sentence that spells the name out answers it.
# … or what each letter means ("the name is letters for something right? wat does each letter mean", questions_t25
# dev, was refused as trivia)
_STANDS_FOR = re.compile(r"\b(?:stand|stands|short) for\b|\bacronym\b|\bletters\b\s+(?:\w+\s+){0,2}mean\b|"
                         r"\b(?:each|every) (?:single )?letter\b\s+(?:\w+\s+){0,2}(?:mean|means|stand|stands)\b", re.I)
_OWN_NAME = re.compile(r"\b(?:poems|letters|acronym|(?:each|every) (?:single )?letter)\b", re.I)


def asks_own_name_spelled_out(question: str) -> bool:
    """Whether a question asks what the name POEMS stands for (see spells_out_name)."""
    return bool(_STANDS_FOR.search(question) and _OWN_NAME.search(question))


def spells_out_name(text: str) -> bool:
    """Whether a sentence says what a name stands for, word by word ("… is an acronym for Polyneuropathy,
    Organomegaly, …"), not only that it is one ("Five letters, five clinical fingerprints.")."""
    return bool(_EXPANSION.search(text)) and len(re.findall(r"\b[A-Z][a-z]+", text)) >= 4


def heading_defines(section: str, i: int, focus: str) -> bool:
    """Whether a sentence opens a section the guides head with the asked-about term ("Carfilzomib", then
    "A second-generation proteasome inhibitor."): the heading is that sentence's subject."""
    leaf = section.split(" › ")[-1].strip().lower()
    return bool(focus) and i == 0 and (leaf == focus or leaf.startswith(f"{focus} ") or leaf.startswith(f"{focus}:"))


def fit(kind: AnswerKind, text: str, focus: str = "", expansion: bool = False, duration: bool = False) -> float:
    """How well a sentence has the shape of the answer asked for (0 to 1); `duration`: a number asked as a time."""
    if expansion:
        return 1.0 if _EXPANSION.search(text) else 0.0
    if duration and kind is AnswerKind.NUMBER:
        return 1.0 if _DURATION.search(text) else 0.0
    if kind is AnswerKind.DEFINITION:
        if not focus:
            return 0.0
        head = text.lstrip("- ").lower()[: len(focus) + 40]
        # "ASCT (Autologous Stem Cell Transplant) — High-dose …": a dash or colon after the term defines it
        # too (the dash had sat between word boundaries, where a spaced dash never is)
        f = re.escape(focus)
        # the term itself, not a compound of it ("Daratumumab-based regimens — increasingly used")
        return 1.0 if re.match(rf"{f}(?![\w\-])", head) or re.search(rf"\b{f}\b[^.]{{0,30}}\b(?:is|are|means)\b|\b{f}\)?\s*(?:—|:)", head) else 0.0
    pattern = _FIT.get(kind)
    return 1.0 if pattern is not None and pattern.search(text) else 0.0
