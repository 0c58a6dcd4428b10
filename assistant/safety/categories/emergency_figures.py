"""What is not a red flag happening to the writer, though its words are: collapse said of veins or arches, a
shock at news, a figure of speech, someone in the news or in a support group. The emergency category reads a
message only once these are taken out (`literal`); in its own module so that the category keeps its rules
about time and context, and the symptoms module its words for the symptoms themselves.
"""

from __future__ import annotations

import re

from assistant.safety.lexicon import BLIND_WITH_RAGE

# Words of collapse said of something other than a person ("my veins keep collapsing when they take blood").
# and of the feet's arches, a podiatrist's word for flat feet ("said i have collapsed arches", safety_test19 dev)
_NOT_A_PERSON = re.compile(r"\bveins? (?:\w+ ){0,2}collaps\w*|\bcollaps\w* (?:foot |feet )?arch(?:es)?\b|\barch(?:es)? (?:have |has )?collaps\w*")
# A shock at news, not a body failing ("nearly fainted when she saw the parking charges lol").
_SHOCK_AT_NEWS = re.compile(r"\b(?:nearly|almost) (?:fainted|passed out|had a heart attack|collapsed|died)\b (?:when|at|over) (?:\w+ ){0,3}?"
                            r"(?:saw|heard|read|got|opened|found out|seeing|hearing|reading|the (?:bill|price|cost|charges|news))\b")


# A red flag named only as a figure of speech ("went blind with rage on the phone"), or asked and waved
# away by the writer ("worst headache ever? nah just the usual dull one") (safety_test15 dev).
# Collapse as a figure for tiredness or drink ("my dad collapsed into bed after chemo and slept 14 hours",
# "my partner passed out drunk at the wedding lol", probes written by hand): sleep, not a faint.
_FIGURE = re.compile(BLIND_WITH_RAGE + r"|[^.?!]*\?\s*(?:nah|nope|not really)\b|"
                     r"\bcollaps\w* (?:in a heap )?(?:into|onto|on) (?:the |my |his |her |their )?(?:bed|sofa|couch|settee)\b"
                     r"(?=.{0,80}\b(?:slept|sleep\w*|asleep|nap\w*|tired|exhausted|fatigue|knackered|shattered|haha|lol)\b)|"
                     r"\bpass\w* out (?:drunk|asleep)\b|"
                     # breathless with laughter ("cant breathe for laughing, my husband just tried the sock aid", safety_test38 dev)
                     r"\bcant (?:breathe|catch my breath) (?:for|from|with) (?:laughing|laughter|giggling)\b|"
                     # … a fright or a laugh told as a near faint or heart attack ("bp cuff flashed ERROR and i nearly had a
                     # heart attack lol", "nearly passed out laughing at my nurses jokes", read sets), a stroke of luck
                     r"\b(?:nearly|almost) (?:had a heart attack|passed out|fainted|died)\b(?: \w+){0,8}? (?:laughing|lol|haha\w*|lmao)\b|"
                     r"\bstroke of (?:luck|genius|fortune|good luck)\b|"
                     # … or a crash compared with one had ("i crash like id had a heart attack lol", safety_test39 dev): the
                     # past perfect of a comparison, not "it feels like im having a heart attack"
                     r"\b(?:like|as if|as though) (?:id|i had|hed|he had|shed|she had|youd|you had) (?:just )?(?:had|been through|survived) "
                     r"(?:a |another )?(?:heart attack|stroke)\b|"
                     # a risk asked about ("could my dad have a stroke from this", t37 dev, had been given the call-now text)
                     r"^\W*(?:could|can|will|would|might|does|do|is|are)\b (?:\w+ ){0,3}(?:have|get|cause|give \w+) (?:a |any )?"
                     r"(?:stroke|heart attack|clot|seizure)s? (?:from|because of|with|due to) (?:this|it|poems|that)\W*$|"
                     # … or whether it is a worry ("is stroke something we should worry about with my dad", t38)
                     r"^\W*(?:is|are) (?:a )?(?:stroke|heart attack|clot|seizure)s? (?:something|a thing|a (?:big )?risk|common|likely)\b(?!.{0,60}\b(?:now|right now|happening)\b)|"
                     # a stretch of time lost to memory ("she blacked out the whole week after diagnosis, cant remember any of it")
                     r"\bblack(?:ed|s)? out (?:the|that|most of the) (?:whole |entire )?(?:week|day|month|night|evening|appointment|conversation)\b|"
                     # a stroke or heart attack someone jokes or fears the writer will have ("my husband thinks ill
                     # stroke out from the stress of his snoring lmao", safety_test32 dev): a prediction, nothing happening
                     r"\b(?:thinks?|says?|reckons?|jok\w*|swears?)\b (?:that )?(?:i|ill|id|im|he|hes|hell|she|shes|shell)"
                     r"(?: will| would| am going to| is going to| gonna)? (?:\w+ )?(?:stroke out|have a (?:stroke|heart attack))\b|"
                     # choking as a habit of swallowing ("my dad keeps choking on his pills, he hates swallowing them", a
                     # probe written by hand): a swallowing problem to ask about; choking now, or on a breath, still calls
                     # ("she keeps choking on her big tablets, any tips", the ten-turn chat of the final check: a word
                     # may describe them)
                     r"\b(?:keeps?|kept|always|often|sometimes|tends? to) (?:\w+ )?chok\w* on (?:his |her |my |their |the )?(?:\w+ )?"
                     r"(?:pills?|tablets?|capsules?|meds|medicines?|food|drinks?|water|liquids?)\b|"
                     # a stroke or heart attack worried about ahead ("cant stop worrying hes going to have a stroke like
                     # the leaflet said", safety_test29 read whole): a fear of what may come, nothing happening
                     r"\b(?:worr\w*|scared|afraid|terrified|frightened|fear\w*|paranoid)\b.{0,30}\b(?:going to|gonna|will|might|could) "
                     r"(?:have|get) (?:a |another )?(?:stroke|heart attack|clot|seizure)\b")
# Someone in the news, not someone with the writer ("saw on the news a footballer collapsed on the pitch with
# a heart attack. does poems make heart attacks more likely", safety_test22 dev): the clause that tells it.
_HEARSAY = re.compile(r"[^.?!,;]*\b(?:on the news|in the (?:news|paper|papers)|on (?:the )?(?:tv|telly|radio)|"
                      # someone from a group met for support ("a lady in my support group went blind from the eye
                      # swelling, can that happen to me?", safety_test23 dev): their story, not an event beside the writer
                      r"(?:someone|somebody|a (?:lady|man|woman|guy|girl|member|person|patient)|one (?:lady|man|woman|guy|member)) "
                      r"(?:in|from|at|on) (?:my|our|the|a) (?:support |online |patient |facebook |fb )?(?:group|forum|chat)"
                      r"(?![^.?!]*\b(?:just|right now|now|isnt|is not|wont|cant|here|with me|at the meeting)\b)|"
                      r"(?:saw|seen|read|watched) (?:\w+ ){0,3}(?:online|on (?:facebook|instagram|tiktok|youtube|reddit|twitter|"
                      r"a forum|the internet))|"
                      # a story on screen or in a dream ("my 6 yr old saw someone collapse on a tv show", "dreamt i was having
                      # a heart attack last night lol, woke up totally fine", safety_test33 dev): nothing happening to anyone
                      r"(?:in|on) (?:a|the|some|this|that) (?:tv |telly )?(?:show|programme|program|series|film|movie|drama|soap|"
                      r"documentary|episode|cartoon)|dreamt|dreamed|dreaming|(?:a|bad|weird|horrible) dreams?|nightmares?|"
                      # … or watched ("watching greys anatomy and someone coughed up blood and collapsed", safety_test32 read)
                      r"(?:watching|watched) (?:\w+ ){1,4}(?:and|when|where) (?:someone|somebody|a (?:man|woman|guy|girl|character|patient|doctor|kid|child)))"
                      r"\b[^.?!,;]*")


# Once a message says it tells the news, a stranger in it is the news's, in whatever sentence ("yes it was on the
# news. a woman collapsed with a clot after a flight. can that happen to me", safety_test32 dev); a stranger beside
# the writer still calls ("a man collapsed in front of me at the bus stop" names no news).
_NEWS = re.compile(r"\b(?:on the news|in the (?:news|paper|papers)|on (?:the )?(?:tv|telly|radio)|news (?:story|report|article))\b")
_STRANGER = re.compile(r"[^.?!,;]*\b(?:a|some|this|one) (?:woman|man|lady|guy|girl|boy|footballer|player|celebrity|actor|actress|"
                       r"singer|athlete|runner|passenger|traveller|traveler|person|teenager|kid|child)\b"
                       r"(?![^.?!,;]*\b(?:in front of (?:me|us)|next to (?:me|us)|here|with (?:me|us)|right now|just now)\b)[^.?!,;]*")

# What a message starts with once a clause is taken out of its front: the punctuation that joined it to the rest.
_LEADING = re.compile(r"^[\s,;:.!?-]+")


def literal(norm: str) -> str:
    """The message without words of collapse said of veins, of a shock at news, in a figure of speech, or
    of someone in the news."""
    news = _NEWS.search(norm)
    norm = _HEARSAY.sub(" ", _FIGURE.sub(" ", _SHOCK_AT_NEWS.sub(" ", _NOT_A_PERSON.sub(" ", norm))))
    norm = _STRANGER.sub(" ", norm) if news else norm
    # what is left starts where a sentence would ("had a nightmare that my husband collapsed, can poems cause
    # collapses" leaves "can poems …", a question about the disease, which the category reads from the start)
    return _LEADING.sub("", norm)
