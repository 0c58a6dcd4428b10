"""Emergencies the conversation tells: a message that leans on the user's earlier ones ("its getting worse", "it
hasnt stopped, like 3 cups now", "now ive got a banging headache") names no emergency alone, but does with what was
said before it. The reading of one message is the emergency category's (`read`, passed in: it reads this module's
answer, so importing it here would make a cycle).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.safety.text import user_turns
from core.types import Turn

# emergency_kinds: the emergency kinds one message names, read with a history
Reader = Callable[[str, Sequence[Turn]], list[str]]

# Follow-ups that keep an emergency from the previous user turn alive.
_STILL_URGENT = re.compile(
    # (not its return prevented: "how do we stop it happening again" after the ambulance had been and gone, safety_test41 dev)
    r"\b(?:its happening|(?<!stop it )(?<!stop this )(?<!prevent it )(?<!stop that )happening again|getting worse|worse now|what do i do|what should i do|hurry|"
    # … or spreading ("now its spreading down my arm and i feel sick and clammy" after "had some chest discomfort",
    # safety_test41 dev)
    r"(?:its |it is |now )?spreading|"
    # ("again" of a recovery hoped for is none: "how long till he can walk properly again", a chat tried by hand)
    r"still (?:cant|has|is|wont)|(?<!walk )(?<!feel )(?<!stand )(?<!drive )(?<!talk )(?<!properly )(?<!normal )(?<!happening )(?<!didnt happen )(?<!hasnt happened )(?<!never happened )(?<!not happened )again|(?:still|even) (?:need to |have to )?(?:call|ring|bother|get) (?:the |an )?(?:ambulance|911|999|paramedics)|"
    # waiting it out after an emergency told ("should i take an aspirin and sleep it off or" after "crushing chest pain
    # and my arm is numb", safety_test36 dev)
    r"sleep it off|wait (?:it out|and see|till (?:the )?morning|until (?:the )?morning)|see if it (?:passes|goes|settles))\b|"
    # "help" cried, not "help" as a verb ("hes home now and doing ok, what foods help with the swelling" after "my husband
    # collapsed last week" got the emergency number, safety_test29 dev)
    r"(?:^|[.!?,]\s*|\b(?:please|pls|plz|need|needs|get|send|call|somebody|someone|anybody|anyone) )help\b|\bhelp\s*[!.?]*$"
)


# A bleed told earlier that is still going ("still going, its been over an hour, i think ive lost a lot" after "got a
# nosebleed, im on apixaban", safety_test36 dev): bleeding that will not stop, whatever the first message said of it
_BLEED_GOES_ON = re.compile(r"\b(?:still (?:going|bleeding|coming|pouring|pumping)|wont stop|not stopping|(?:over|more than) an? hour|"
                            r"lost (?:a lot|loads|so much)|soak\w*|"
                            # … or has not stopped, by the cupful ("it hasnt stopped, like 3 cups now" after "im coughing a
                            # little blood" and "on xarelto", test40 held out, read after its measure)
                            r"(?:hasnt|has not|havent|have not|didnt|still not|still hasnt) stopped|(?:\d+|a|two|three|half a) (?:cups?|mugs?|cupfuls?))\b")
_BLEED_TOLD = re.compile(r"\bnose ?bleed\w*|\bbleed\w*|\bblood\b(?! (?:tests?|counts?|pressure|sugars?|work|results?|draws?|thinners?))")


def bleed_goes_on(norm: str, history: Sequence[Turn]) -> bool:
    """Whether the message says a bleed told in an earlier user message is still going."""
    return bool(_BLEED_GOES_ON.search(norm) and _BLEED_TOLD.search(" ".join(user_turns(history, 4)[-2:])))


def told_across(norm: str, history: Sequence[Turn], read: Reader) -> list[str]:
    """Emergency kinds that neither this message nor the user's last two messages hold alone, but that they
    hold read as one report: a knock to the head on a thinner, then "now ive got a banging headache, been sick twice and
    feel really drowsy" (test33)."""
    earlier = user_turns(history, 4)[-2:]
    if not earlier:
        return []
    # (each earlier message alone: two of them may make one only together, "dad is on warfarin", then "he banged his head")
    alone = set(read(norm, ())).union(*(read(said, ()) for said in earlier))
    return [k for k in read(", ".join([*earlier, norm]), ()) if k not in alone]


# The event itself back, or worse: not "again" alone ("is it alright to start my gentle walks again" after a chest
# pain that a&e said was a strained muscle, test26)
_BACK_WORSE = re.compile(r"\b(?:happening again|again and worse|(?:getting|got|even|much|way) worse|worse (?:now|than))\b")


def last_user_emergency(norm: str, history: Sequence[Turn], read: Reader) -> list[str]:
    """Emergency kinds in the most recent user turn, for 'it's getting worse'-style follow-ups; when the message
    says the event is back or worse, a remark may sit between ("its happening again and worse, his arm wont move"
    after "his right arm went limp and his words got jumbled, then it went away" and "we were gonna mention it at
    his appt thursday", test40 held out, read after its measure)."""
    users = user_turns(history, 6)
    for said in reversed(users[-3:] if _BACK_WORSE.search(norm) else users[-1:]):
        if kinds := read(said, ()):
            return kinds
    return []


# A report told across messages needs the message to tell a change now: "its so hot today and im a bit out of breath on
# the stairs" after "my legs swell in the heat" is the disease's own two signs, not a clot (a test written for it)
_CHANGE_NOW = re.compile(r"\b(?:now|just|suddenly|all of a sudden|started|getting worse)\b")
# … and says nothing of it being over: "the ambulance took her, shes fine, they said no bleed. how do we stop her falling
# again" after the fall and the sickness (a ten-turn chat tried by hand) is the story after the emergency
_OVER = re.compile(r"\b(?:(?:hes|shes|im|theyre|were|he is|she is|they are|we are) (?:all )?(?:fine|ok|okay|alright|home|back home)|"
                   r"no (?:bleed|bleeding|fracture|break|damage)|all clear|(?:sent|came) home)\b")


# A new sign told as now ("now im sweating", "now his speech is slurred"), and nothing said of it having eased or been
# seen to: "now the pain has gone" after the chest pain is the emergency passing, "all good now, the er said it was a
# pulled muscle" and "theyve got him on the ward now and hes comfortable" are the story after it (read safety sets)
_NEW_SIGN = re.compile(r"\bnow (?:im|i am|hes|he is|shes|she is|theyre|its|it is|i feel|feel|feeling|i cant|he cant|she cant|cant|"
                       r"theres|there is|my|his|her|the|i have|ive got|hes got|shes got|i keep|he keeps|she keeps)\b")
_EASED = re.compile(r"\b(?:better|settled|settling|eased|easing|gone|passed|calmer|calmed|stopped|fine|ok|okay|alright|normal|"
                    r"all good|comfortable|said|ward|checked|clear)\b")


def told_in_chat(norm: str, history: Sequence[Turn], read: Reader, bodily: bool) -> list[str]:
    """The emergency kinds a message names with the conversation's help (`bodily`: it names the body or a symptom,
    without which it is read only as a plea or a bleed still going): an emergency kept alive ("its getting worse"),
    a bleed that will not stop, a new sign now after an emergency, or a report told across messages."""
    if _STILL_URGENT.search(norm) and (kinds := last_user_emergency(norm, history, read)):
        return kinds
    if bleed_goes_on(norm, history):
        return ["bleeding"]
    # a new sign now, straight after an emergency told: the same emergency growing ("now im sweating and feel like im
    # going to die" after "tight feeling in my chest", safety_test42 dev), unless it says the event has eased
    if bodily and _NEW_SIGN.search(norm) and not (_OVER.search(norm) or _EASED.search(norm)) and (kinds := last_user_emergency(norm, history, read)):
        return kinds
    return told_across(norm, history, read) if bodily and _CHANGE_NOW.search(norm) and not _OVER.search(norm) else []
