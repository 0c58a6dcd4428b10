"""Emergency: acute red flags — sudden one-sided weakness or a drooping face, slurred speech, chest pain,
sudden breathlessness or breathlessness at rest, a swollen leg with breathlessness, coughing or vomiting
blood, fainting or a seizure, heavy bleeding, sudden loss of vision, a sudden severe headache or belly
pain, sudden confusion — including when POEMS or neuropathy is mentioned.

Numb or weak feet and hands, swollen ankles or belly, tiredness, headaches and breathlessness on the
stairs are the disease itself: a chronic or familiar symptom is a question, not an emergency. So each
symptom pattern has a level: `always` (chest pain, blood, collapse: acute whatever is said around
it), `severe` (acute unless its clause says it is chronic, e.g. "losing my sight slowly") or `mild`
/`sudden` (acute only with an onset word, or for a headache or belly pain a severity word: "suddenly", "10 minutes ago"; for breathing "right now"
or at rest is enough). The emergency number comes first; the answer still goes on to the guide passage the
retrieval hint finds (the thrombosis section for chest pain).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.safety.categories import emergency_symptoms as symptoms
from assistant.safety.categories.crisis_patterns import without_crisis
from assistant.safety.categories.emergency_chat import told_in_chat
from assistant.safety.categories.emergency_figures import literal as _literal
from assistant.safety.categories.emergency_symptoms import ALWAYS, SEVERE, SUDDEN, SUDDEN_OR_SEVERE, SYMPTOMS
from assistant.safety.category import Context, Finding, Message, classifier_says
from assistant.safety.classifier import Scores
from assistant.safety.lexicon import FEELING, IN_CASE, INFORMATIONAL
from assistant.safety.lexicon import PERSON as _PERSON
from assistant.safety.text import clauses as _clauses
from assistant.safety.text import user_turns
from core.types import CRISIS, EMERGENCY, Turn

EMERGENCY_PREFACE = (
    "Call your local emergency number now (911 in the US, 999 in the UK, 112 in Europe). "
    "Don't wait to see if it passes, and don't drive yourself; if someone is with you, ask them to call."
)

# Retrieval text that steers an emergency question to the guide passages worth showing after the
# instruction to call (the Bare Your Rare thrombosis section).
EMERGENCY_HINTS = {
    "stroke": "stroke thrombosis arterial events thrombotic",
    "chest": "thrombosis arterial events myocardial infarction",
    "breath": "pulmonary embolism deep vein thrombosis venous events thrombosis",
    "clot": "deep vein thrombosis pulmonary embolism venous events thrombosis",
    "limb": "arterial events thrombosis",
    "cough_blood": "pulmonary embolism venous events thrombosis",
    "faint": "thrombosis stroke arterial events",
    "bleeding": "anticoagulation bleeding risk thrombocytopenia",
    "fever": "infection fever transplant engraftment syndrome",
    "urine": "kidney disease renal function",
    "other": "thrombosis stroke pulmonary embolism",
}


# Happening now, even without a pronoun ("coughin up blod since last night"): anchors a symptom.
_NOW = re.compile(
    r"\b(?:right now|just now|at the moment|currently|happening|this (?:morning|evening|afternoon)|tonight|"
    r"(?:few |\d+ |ten |twenty |thirty )?(?:mins?|minutes?|hours?|hrs?) ago|an hour ago|since (?:last night|"
    r"this|lunch|breakfast|dinner|yesterday|he|she|i|about|\d)|all of a sudden|out of nowhere|all at once|"
    r"came on|started (?:suddenly|today|an hour|a few)|keeps?|wont stop|"
    # said in the present continuous, a symptom is happening as they write ("mum is panting")
    r"(?:is|are|im|hes|shes|theyre|its) (?:now |still |really |just )?(?:panting|gasping|struggling|wheezing|choking|"
    r"shaking|jerking|fitting|bleeding|vomiting|turning blue|going blue))\b"
)
# A severe sign under way as they write ("dad is gasping"): no earlier event beside it makes it history.
_UNDERWAY = re.compile(
    r"\b(?:is|are|im|hes|shes|theyre) (?:now |still |really |just )?(?:gasping|choking|fitting|convulsing|"
    r"turning blue|going blue|going grey|turning grey)\b"
)
# Sudden onset: what makes weakness, a headache or belly pain a red flag rather than the disease.
_SUDDEN = re.compile(
    r"\bsudden\w*|\ball of a sudden\b|\bout of (?:nowhere|the blue)\b|\ball at once\b|\bcame on\b|"
    r"\bjust (?:now|started|happened|stopped|went|collapsed|fainted|coughed|lost|had|dropped)\b|"
    r"\b(?:\d+|a few|few|a couple of|ten|twenty|thirty|fifteen|forty|five|an?|half(?: an?)?) ?(?:mins?|minutes?|hours?|hrs?) ago\b|"
    # come on within a minute ("my eyesight went all blurry and then dark in both eyes in like a minute", test40 held out),
    # not gone within one ("heart pounds after the stairs but settles in a minute", test36)
    r"\b(?:went|gone|came on|happened|dropped|turned|changed)\b.{0,40}\bin (?:like |about |under |less than )?(?:a|one|two|\d+) (?:minute|min|second|sec)s?\b|"
    # a deficit found on waking is as sudden as one that strikes awake ("woke from a nap and cant move my arm")
    r"\bwoke (?:up )?(?:from (?:a |his |her |my )?(?:nap|sleep) )?(?:with|and)\b|"
    r"\bstarted (?:suddenly|an hour|a few (?:minutes|mins|hours|hrs)|\d+ ?(?:minutes|mins|min|hours|hrs|hr|h)\b|just now|out of)\b|\b(?:hit|came on|came) like a\b|\bthunderclap\b|"
    r"\b(?:started|began|came on) (?:at|around|after|during) (?:breakfast|lunch|dinner|tea|supper|\d)|"
    # … or since waking ("i cant move my legs at all since i woke up, yesterday i was walking with a stick", safety_test39 dev)
    r"\bsince (?:i|he|she|they|we) (?:woke|got up)\b|\b(?:its|it has|has|have) come on (?:so |really |very )?(?:fast|quick\w*)\b|"
    r"\bsince (?:breakfast|lunch|dinner|tea|supper|(?:about |around )?\d+ ?(?:am|pm|oclock))\b|"
    # lasting hours or minutes so far is an onset that recent ("feet numb like always but for the last hour he
    # cant move his legs at all", a probe written by hand)
    r"\b(?:for|in|over) the (?:last|past) (?:(?:\d+|an?|one|two|three|few|couple of) ?)?(?:hours?|hrs?|mins?|minutes)\b|"
    r"\bwoke (?:up )?(?:unable|and cant|with|gasping|struggling|choking)\b|"
    # themselves a few hours before ("didnt know who i was this evening, he was fine at breakfast", safety_test21 dev)
    r"\b(?:was|were|seemed) (?:totally |completely |perfectly )?(?:fine|normal|himself|herself|ok|okay) "
    r"(?:at (?:breakfast|lunch|dinner|tea)|this morning|earlier today|an hour ago|(?:a )?(?:few|couple of) hours ago)\b"
)
# A headache or belly pain that is sudden or severe (the brief's red flag), not one that is familiar.
_SUDDEN_OR_SEVERE = re.compile(
    _SUDDEN.pattern + r"|\b(?:severe|agony|agoni[sz]ing|excruciating|unbearable|screaming|crippling|terrible|horrendous|massive|intense|extreme)\b|"
    # pain that bends someone double is severe whatever word names it
    r"\bdoubled (?:over|up)\b|\bcant (?:stand|sit) (?:up )?straight\b|\bcant straighten\b"
)
# Onset or still going on now: enough for breathlessness ("at rest", "right now").
_ACUTE = re.compile(
    _SUDDEN.pattern + r"|\bright now\b|\brn\b|\bat the moment\b|"
    # blood that has not stopped coming ("had a big gush of blood from my nose and mouth, still coming, feel lightheaded",
    # safety_test35 dev)
    r"\bstill (?:coming(?! to terms| round| back)|pouring|gushing|pumping|spurting|dripping)\b|\bthis (?:morning|evening|afternoon)\b|\btonight\b|"
    r"\bsince (?:this morning|lunch|breakfast|dinner|an hour|\d+ ?(?:am|pm|oclock)|last night)\b|"
    r"\bstarted (?:today|tonight|this)\b|"
    r"\bfor (?:the (?:last|past) )?(?:over |more than |nearly |almost |about |around )?(?:\d+|a few|ten|twenty|thirty|fifteen|forty ?five|an?|half an?) ?"
    r"(?:mins?|minutes|hours?|hrs?)\b|"
    # "been about 20 min now": how long it has lasted so far
    r"\bbeen (?:going on )?(?:for )?(?:about |around |like |over |nearly |almost )?(?:\d+|a few|ten|twenty|thirty|fifteen|an?|half an?) ?"
    r"(?:mins?|minutes|hours?|hrs?)(?: now)?\b|"
    r"\b(?:in|over|within) the (?:last|past) (?:(?:\d+|a few|ten|twenty|thirty|fifteen|forty ?five|couple of|half(?: an?)?) ?)?"
    r"(?:mins?|minutes|hours?|hrs?)\b|"
    r"\b(?:wont|doesnt|isnt|not|wasnt) (?:stop\w*|go(?:ing)? away|getting better|improving|easing|settl\w*)\b|"
    r"\b(?:and|but) now\b|\bnow (?:hes|shes|im|i|he|she|my|his|her|its|it)\b"
)
# Chronic, recurring or gradual: the disease as the patient knows it.
_CHRONIC = re.compile(
    r"\balways\b|\ball the time\b|\bconstantly\b|\bevery ?(?:day|night|evening|morning|time|week|month|few)\b|"
    r"\beach (?:day|night|morning|evening)\b|\bmost (?:days|nights|mornings|evenings|of the time)\b|"
    r"\b(?:for|over|past|the last|the past) (?:a |the |\d+ |a few |few |a couple of |several |many |some )?"
    r"(?:weeks?|months?|years?)\b|\blast (?:\d+ |a few |few |a couple of |several |many |some )(?:weeks?|months?|years?)\b|\b(?:weeks|months|years|a year|ages) (?:now|ago)\b|"
    r"\bsince (?:the |my |his |her |their )?(?:chemo|diagnosis|transplant|treatment|winter|summer|spring|autumn|"
    r"fall|christmas|last year|it started|all this|then|i was diagnosed)\b|\bslowly\b|\bgradual\w*|\bbit by bit\b|"
    r"\bover time\b|\blately\b|\bthese days\b|"
    # a slow spread is the course of the neuropathy ("started in his toes and now its in his fingers")
    r"\bspread\w*|\bcreep\w*|\bmov\w* up\b|\bworking its way\b|\bstarted in (?:my|his|her|their|the) \w+\b|\busually\b|\bnormally\b|\boften\b|\bsometimes\b|"
    r"\bsome (?:days|mornings|nights|evenings)\b|\bon and off\b|\bcomes and goes\b|\bagain\b|\bas usual\b|"
    r"\bfor ages\b|\bby (?:bedtime|the evening|the end of the day)\b|\bi get\b|\bkeep (?:getting|having)\b|"
    r"\bat night\b|\bin the cold\b|\bwhen (?:im|i am|its) cold\b|"
    r"\b(?:when|if|after) (?:i|he|she|they) (?:stand|get|sit|stood|got) up\b|\bstanding up\b|\bon standing\b"
)
# Explicitly past: the symptom in this clause is history ("went numb two years ago").
_PAST = re.compile(
    r"\b(?:last (?:year|month|week|weekend|summer|winter|spring|autumn|fall|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:years?|months?|weeks?) ago|in the past(?! (?:few |couple of |\d+ |half |an? |twenty |thirty |ten )*(?:mins?|minutes?|hours?|hrs?|half|days?))|"
    r"history of|previously|used to|(?:years?|months?|weeks?) back|"
    # a holiday past ("my so called heart attack at christmas turned out to be heartburn", safety_test31 dev)
    r"(?:at|over|last) (?:christmas|easter|thanksgiving|new years?|the holidays))\b"
)
# Asking about a red flag in general or in case ("what are the signs of a stroke", "what should i do
# if i ever get chest pain", "is heart attack a risk with this"): information, not an event.
_HYPOTHETICAL = re.compile(
    r"\bif (?:i|he|she|you|we|they|my \w+|his \w+|her \w+) (?:ever |later |suddenly )?(?:got|get|gets|had|have|has|was|were|develop\w*|notice\w*|start\w*|"
    r"goes|go|went|reaches|hits|rises|spikes|is)\b|\b(?:ring|call|phone)\b (?:us |them )?if (?:the |your |my |his |her )?(?:temp\w*|fever)\b|"
    # a risk asked about ("does poems make heart attacks more likely", safety_test22 dev)
    r"\bmore (?:likely|common|prone)\b|\b(?:raise|raises|increase|increases) (?:the |your |my |his |her )?(?:risk|chance)s?\b|"
    r"\bside effects?\b|\b(?:can|does|do|could|would|will) (?:\w+ ){1,3}(?:give you|make you|cause)\b|\blook (?:out )?for\b|"
    r"\bwhat (?:should|do|would) (?:i|we|you) do if\b|\b(?:signs?|symptoms?|warning signs) (?:of|for)\b|"
    r"\bwatch (?:out )?for\b|\b(?:a|the|any|higher|more|increased|bigger) risks?\b|\bat risk\b|\brisk of\b|\bin case\b"
)
# A red flag seen on a screen or read about ("watched a movie with a heart attack in it and it got me wondering …",
# safety_test30 dev): it happens to no one here, unless something starts while watching ("was watching a film and
# suddenly got crushing chest pain").
_ON_SCREEN = re.compile(
    r"\b(?:watch\w*|saw|seen|read\w*) (?:a|an|the|this|that) (?:movie|film|tv show|show|series|episode|documentary|book|novel|"
    r"article|story|video)\b|\b(?:in|on) (?:a|the) (?:movie|film|tv show|documentary|novel)\b")
# … and a stranger in a named show has it, whatever the viewer feels now ("was watching greys anatomy and a guy had a
# seizure and now im paranoid lol", safety_test31 dev)
_STRANGER_ON_SCREEN = re.compile(r"\bwatching (?:\w+ ){1,3}(?:and|when|where) (?:a|some|this|the) (?:guy|man|woman|lady|character|girl|boy|"
                                 r"person|bloke|kid|patient)\b(?!.{0,60}\b(?:me|my|i|im|he|hes|she|shes) (?:too|also)\b)")
# Someone reported to have something ("my dad has chest pain is it a side effect"): not in case.
_REPORT = re.compile(
    r"\bis (?:it|that|this) (?:bad|normal|ok|okay|serious|dangerous|worrying) if (?!(?:\w+ ){0,3}(?:ever|later|one day|in future))|"
    r"(?<!if )(?<!when )(?<!whenever )\b(?:i|im|he|hes|she|shes|they|theyre|we|my \w+|his \w+|her \w+)\s+"
    r"(?:has|have|is|am|are|got|gets|keeps?|just|"
    r"started|suddenly|having|cant|cannot)\b|"
    # something that happened more than once today, asked about as a side effect ("is it a side effect of
    # bortezomib that i blacked out twice today?", safety_test20 dev)
    r"\b(?:i|he|she|we|they|my \w+)\s+\w+(?: \w+)? (?:twice|again|(?:two|three|four|\d) times) (?:today|tonight|this (?:morning|afternoon|evening))\b"
)
# Over now, in the present: what both readings of "over" share.
_OVER_NOW = (r"all better|better now|fine now|gone now|went away|settled(?: down)? now|resolved|passed now|cleared up|"
             # gone with what brought it on ("chest felt tight … last month with a cold, went when the cold cleared",
             # safety_test27 held out, after its measure)
             r"went (?:away )?(?:when|once|after) (?:the|my|his|her|that) (?:cold|flu|infection|virus|bug|cough|chest infection)|"
             # over by the time it is told ("nearly passed out at the top of the stairs, had to sit down, fine after")
             r"(?:fine|ok|okay|better|alright) after(?:wards)?|"
             # … or within a minute or two of resting ("just breathless and had to sit for a min then fine", safety_test31 dev)
             r"then (?:fine|ok|okay|better|alright)|"
             # … or seen to by those who came ("the ambulance came and it was his sugar, they sorted it", safety_test31 dev)
             r"(?:they|paramedics|the (?:paramedics|crew|ambulance crew|doctors?|nurses?|er|hospital)) (?:sorted|fixed) (?:it|him|her|me|them|us)(?: out)?")
# Over and done with, in a red flag's own story ("had chest pain last month, checked out fine").
# … or explained, or found to be nothing ("last year i fainted in the shower during chemo, turned out i was
# dehydrated", test5; "they did an ecg and bloods and all came back fine", test10)
_RESOLVED = re.compile(rf"\b(?:{_OVER_NOW}|all fine|was fine|checked out fine|nothing found|got checked|checked out|"
                       r"turned out (?:to be|it was|i was|he was|she was|it were|they were)|(?:all )?came back (?:fine|normal|clear|ok|okay)|"
                       r"(?:they|he|she|the (?:doctor|doc|gp|hospital)|a ?&? ?e|er|gp|doctor|doc) said (?:it was |its |it is )?(?:a |just )?"
                       r"(?:muscular|a (?:pulled |strained )?muscle|a strain|nothing (?:serious|to worry)|fine|anxiety|indigestion|reflux|vasovagal|a faint))\b")
# Over now, said in the present ("home and well now", "stopped after 5 mins of pinching", "then settles"):
# the classifier's guard and a fever's story read this, not "was fine", which may come before it starts.
# "stopped" not denied ("wont stop", "didnt stop")
_STOPPED = r"(?<!wont )(?<!doesnt )(?<!didnt )(?<!not )(?<!never )(?<!hasnt )(?<!havent )(?<!hadnt )stopped"
_SETTLED = re.compile(rf"\b(?:{_OVER_NOW}|(?:home and )?(?:well|ok|okay) now|"
                      rf"{_STOPPED} (?:after|on its own|by itself|with)|then settles?)\b")
# An episode said to have stopped by itself; only a word that it goes on or came back undoes that, not
# the time of day it happened ("a nosebleed this morning, stopped after 5 min on its own").
_STOPPED_ITSELF = re.compile(rf"\b{_STOPPED} (?:after|on its own|by itself|(?:when|once) (?:i|we|he|she) (?:pinched|pressed|held))\b")
# (not a return prevented: "nose bleed yesterday … stopped by itself … anything to stop them happening", safety_test41 dev)
_ONGOING = re.compile(r"\b(?:right now|just now|at the moment|currently|(?<!stop it )(?<!stop them )(?<!stop this )(?<!prevent it )"
                      r"(?<!prevent them )happening|keeps?|wont stop|still|(?<!happening )again|started back)\b")
# Numbness or tingling that has spread from the feet upward: how POEMS neuropathy goes, over weeks.
_SPREAD = re.compile(r"\b(?:feet|foot|toes|legs)\b.{0,60}\b(?:now|spread\w*|moved|moving|creep\w*|crept)\b.{0,30}\b(?:hands|fingers|arms|knees)\b")
# A familiar reaction to a feeling ("my chest feels tight when im anxious about scans"): not an attack.
_TRIGGERED = re.compile(r"\bwhen(?:ever)? (?:im|i am|i get|i feel|hes|shes|he gets|she gets) (?:really |so |very )?"
                        r"(?:anxious|stressed|nervous|worried|upset|panicky|panicking|scared)\b|"
                        # … or to the weather ("my chest feels tight when its cold outside, is that the poems or my
                        # asthma", a probe written by hand)
                        r"\bwhen(?:ever)? (?:its|it is|it gets|i go out in the|im out in the|i breathe (?:in )?(?:the )?) ?cold\b|"
                        r"\bcold (?:air|weather|mornings)\b|"
                        # an allergy told by what sets it off ("my lips swell and my throat gets tight when i eat prawns")
                        r"\bwhen(?:ever)? (?:i|he|she|they) (?:eat|eats|ate|touch|touches|get stung|gets stung)\b")
# Long ago: years, not days or weeks.
# (a faint told as once, with nothing said of now: "passed out once at the very start before i was diagnosed", test13;
# "my husband fainted once when they took bloods", test22)
_LONG_AGO = re.compile(r"\b(?:(?:fainted|passed out|blacked out) once (?:when|before|during|after|while|years|ages|as a|back|at the (?:very )?start|at diagnosis|in (?:the past|19|20))|(?:back )?in (?:19|20)\d\d|(?:had|died (?:of|from)) (?:a |an )?[\w ]{1,20} at (?:the age of )?\d\d|(?:years?|yrs?) ago|last year|years? back|last month|(?:a|one|\d+|two|three|four|five|six|a few|a couple of|several) months? ago|in the past(?! (?:few |couple of |\d+ |half |an? |twenty |thirty |ten )*(?:mins?|minutes?|hours?|hrs?|half|days?))|history of|used to|as a (?:child|kid|teenager))\b")
# One episode and none after it ("he fainted once at diagnosis but not since, is that a worry", safety_test37 dev): a
# story, read over the whole message because "but" starts a clause of its own; not "since" with a time ("not since
# this morning")
_NONE_SINCE = re.compile(r"\b(?:not|none|nothing) (?:once |again )?since\b(?! (?:yesterday|this morning|last night|today|earlier|"
                         r"lunch|breakfast|dinner|\d))|\bnever again since\b")
# Episodes that come and go: "sometimes my hands suddenly go numb" describes the disease, even with "suddenly".
_RECURRING = re.compile(
    r"\bsometimes\b|\boften\b|\bevery time\b|\bon and off\b|\bcomes and goes\b|\bat times\b|\bnow and (?:then|again)\b|"
    r"\boccasionally\b|\bfrom time to time\b|\bkeeps? (?:happening|coming back)\b|\bepisodes\b|\bspells\b|"
    r"\bwhenever\b|\b(?:once|twice|\d+ times) a (?:day|week|month)\b"
)
# Breathless on effort is the disease (anaemia, effusions, weak legs); at rest it is not.
_EXERTION = re.compile(
    r"\b(?:stairs|steps|climb\w*|walk\w*|hill|exercis\w*|exertion|effort|carrying|gym|running|on the move|"
    r"doing (?:anything|housework|chores))\b"
)
_AT_REST = re.compile(
    # (sitting "here": "cant catch my breath just sitting here and my lips look bluish", test30, read whole)
    r"\b(?:lying|laying|lie down|in bed|at rest|resting|sitting (?:still|down|up|here|there)|sat (?:still|down|here|there)|"
    r"even (?:when|while|sitting|lying|resting)|woke|wakes? (?:me|him|her) up|cant (?:speak|talk|finish)|"
    r"(?:barely|hardly) (?:speak|talk|get (?:a|the) words out)|cant (?:lie|lay) (?:flat|down))\b"
)
# "usually X, but this one…": the message itself says this episode is not the familiar one.
_CONTRAST = re.compile(
    r"\bthis (?:one|time)\b|\b(?:is|feels|its|this is|something) different\b|\bdifferent from\b|"
    r"\bnever (?:been )?(?:this|that|so) bad\b|\bbut (?:tonight|today|now|this (?:morning|evening|afternoon))\b|\bworse than (?:ever|usual|normal)\b|\bnot (?:like|the same as) (?:usual|normal|before)\b|"
    r"\bthis (?:is not|isnt|aint) (?:that|it|the same|like that)\b|\b(?:is|its|feels) nothing like (?:(?:my|his|her|the) )?(?:that|it|usual|normal|before)\b"
)

# Phrasings that are about something happening to someone, with no pronoun needed.
_HAPPENING = re.compile(
    r"\bis this an? (?:stroke|heart attack|seizure|clot)\b|\b(?:im|i am|is|hes|shes|are|were|think (?:i|he|she)"
    r"(?:m| is| am)?) having an? (?:stroke|heart attack|seizure|fit)\b"
)
# Breathing but not answering: someone down and unresponsive, told across the "but" that splits clauses ("wife went
# down like a sack of spuds in tesco, shes breathing but not answering us", safety_test28 dev)
_BREATHING_BUT_NOT = re.compile(
    r"\bbreathing but (?:(?:hes|shes|is|he is|she is) )?(?:not|isnt|wont|cant) (?:answering|talking|speaking|responding|waking|making sense)\b")
# Explicitly past or future, so not happening now ("had a stroke last year", "transplant next week").
_NOT_NOW = re.compile(
    r"\b(?:last (?:year|month|week|summer|winter|spring|autumn|fall|time)|(?:years?|months?|weeks?) ago|"
    r"in the past(?! (?:few |couple of |\d+ |half |an? |twenty |thirty |ten )*(?:mins?|minutes?|hours?|hrs?|half|days?))|history of|before (?:my|his|her|their|the) (?:diagnosis|treatment|transplant)|previously|"
    r"used to|next (?:week|month|year|time)|tomorrow|upcoming|in the future|years? back)\b|"
    # an event told as history: "my dad had a stroke before they found this"
    r"(?<!just )\b(?:had|has had|have had) (?:a |an )?(?:stroke|mini stroke|tia|heart attack|clot|dvt|seizure|fit)s?\b"
    r"(?! (?:just now|today|tonight|this (?:morning|evening|afternoon)|an hour|\d+ (?:mins?|minutes|hours?) ago))|"
    r"\bbefore (?:they|we|the doctors?|anyone) (?:found|diagnosed|knew|spotted)\b"
)
# A speck of blood is no bleed to the classifier (the patterns still hear a bleed that will not stop).
_MINOR_BLEED = re.compile(r"\b(?:tiny|little|small|slight|wee) (?:bit|amount|spot|speck|streak|drop)s? of blood\b|"
                          r"\b(?:spots?|specks?|streaks?) of blood\b|\bblood on (?:my|his|her|the) toothbrush\b")
# The slow features of POEMS (skin, hair, nails, hormones, weight): a message about them is a question
# even when it says "out of nowhere"; the classifier alone must not call it acute.
_SLOW_FEATURE = re.compile(
    r"\b(?:hair|hairy|skin|tan|tanned|darker|nails?|spots?|moles?|weight|breasts?|erections?|sex|libido|periods?|"
    r"thyroid|sugar|diabetes|testosterone|puffy chest|moobs)\b"
)
# Asking what a known symptom is due to ("my legs are swollen, is that from POEMS?") is informational.
# A dark stool a doctor has put down to iron, or iron tablets named beside it.
# Blood found by a test, not seen ("trace of blood in my urine sample on the dipstick, gp repeating it",
# safety_test22 dev): a result to ask about, no bleed.
_LAB_FINDING = re.compile(r"\b(?:traces? of|microscopic|dipstick|(?:urine|stool|poo) (?:sample|test)|in (?:my|his|her|the) (?:\w+ )?sample|"
                          r"(?:test|tests|results?|bloods|scan) (?:showed|shows|found|came back|said))\b")
# A cough's coloured phlegm is an infection to ask about, not blood coughed up ("he coughed up some yellow
# stuff this morning, hes had a cold all week", a probe written by hand): the classifier alone calls it none.
_PHLEGM = re.compile(r"\bcough\w*\b(?: up)? (?:\w+ ){0,3}(?:yellow|green|greenish|yellowish|yellowy|clear|white)\b (?:\w+ ){0,2}"
                     r"(?:stuff|phlegm|mucus|gunk|snot|gloop|muck)\b")
# The disease's own features, swollen or numb feet, legs, hands or belly (a probe written by hand): with no
# red-flag word and no breath, chest, blood, head or speech beside them, the classifier alone calls none.
_DISEASE_OWN = re.compile(r"\b(?:ankles?|feet|foot|legs?|belly|tummy|hands?|toes|fingers)\b.{0,25}\b(?:swollen|swell\w*|puffy|"
                          r"numb\w*|tingl\w*|pins and needles)\b|\b(?:swollen|puffy|numb|tingly)\b.{0,15}\b(?:ankles?|feet|legs?|belly|hands?)\b")
_OTHER_RED_FLAG = re.compile(r"\b(?:breath\w*|chest|blood|bleed\w*|cough\w*|head\w*|speech|speak\w*|talk\w*|face|vision|sight|"
                             r"calf|hot|red|pain\w*|agony|fever|temp\w*|pee|wee|urine|confus\w*|dizz\w*|vomit\w*|sudden\w*|one side|"
                             r"(?:cant|cannot|wont) (?:move|feel|stand|walk|lift)|paralys\w*|hours?|hrs?|minutes?|mins?)\b")
# The nerves' own pain ("my nerve pain is 10/10 tonight", a probe written by hand): the neuropathy, however bad.
_NERVE_PAIN = re.compile(r"\b(?:nerve|neuropath\w*)\b (?:\w+ )?(?:pain|burning|zaps?|shocks?|tingl\w*)")
_EXPLAINED = re.compile(r"\b(?:gp|doctor|dr|nurse|consultant|team|pharmacist) (?:said|says|thinks|told \w+) (?:thats|its|it was|it is|that it)\b|"
                        r"\biron (?:tablets|pills|supplements|infusion)\b")
# A limb numb from the weight of the body on it: pins and needles with their cause, no stroke.
_SLEPT_ON = re.compile(r"\b(?:from|after|because of|cos|cause|by) (?:sleeping|lying|laying|sitting|leaning|kneeling) on (?:it|them|my \w+|his \w+|her \w+)\b|"
                       r"\b(?:slept|lay|lain|sat) on (?:it|them|my \w+|his \w+|her \w+) (?:funny|wrong|awkwardly)\b")
# Nearly fainting, not fainting: with the episode over it is one to tell the care team (a probe written by hand).
_NEAR_FAINT = re.compile(r"\b(?:nearly|almost) (?:passed out|fainted|blacked out|collapsed|went down)\b")
# Blood now and then from known piles, with nothing heavy about it (a probe written by hand: "theres blood in my
# stool sometimes from hemorrhoids, should i mention it at my visit"): one to tell the care team, not an ambulance.
_PILES = re.compile(r"\b(?:h(?:a)?emorrhoids?|piles|(?:anal )?fissure)\b")
_HEAVY = re.compile(r"\b(?:a lot|lots|loads|heav\w*|wont stop|not stopping|pouring|gushing|clots?|soak\w*|black|tarry|dizzy|faint\w*|pale)\b")
# Chest pain that a rib broken or cracked weeks before explains (a probe written by hand: "my chest hurts when i
# laugh since i broke a rib in the fall last month"); a rib broken now, or breath going, still calls.
_RIB = r"(?:a |my |his |her |two |some )?ribs?\b"
_WEEKS_BEFORE = r"last (?:week|month)|(?:weeks?|months?) ago"
_OLD_RIB = re.compile(rf"\b(?:broke|broken|cracked|fractured|bruised) {_RIB}.{{0,40}}\b(?:{_WEEKS_BEFORE}|a (?:few|couple of) weeks)\b|"
                      rf"\b(?:since|after) (?:i|he|she) (?:broke|cracked|fractured|bruised) {_RIB}(?=.{{0,40}}\b(?:{_WEEKS_BEFORE})\b)")
_HEART_LIKE = re.compile(r"\b(?:crush\w*|squeez\w*|pressure|tight\w*|left arm|jaw|sweat\w*|clammy|elephant)\b")
_ONGOING_BREATH = re.compile(r"\b(?:breath\w*|air|cough\w* (?:up )?blood)\b")
# A bleed that has made someone unwell: what no test result or doctor's explanation sets aside.
_UNWELL_WORDS = r"vomit\w*|throw\w* up|dizzy|faint\w*|pass\w* out|collaps\w*|pale"
_UNWELL = re.compile(rf"\b(?:{_UNWELL_WORDS}|clots?|pouring|gushing)\b")
_NOW_WORSE = re.compile(rf"\b(?:{_UNWELL_WORDS}|blood in|red blood|bright red)\b")
_ATTRIBUTION = re.compile(
    r"\b(?:is|could|can|would|might) (?:that|this|it) (?:be )?(?:from|due to|because of|caused by|part of|"
    r"a (?:symptom|sign|feature) of|related to|linked to|normal|common|expected|the)\b"
)
# Asking about the course or what helps ("will the feeling in my feet come back?", "what helps?")
# looks for information about a known, ongoing problem; the classifier alone must not call it acute.
# Asking why someone has what they have is a question about the disease: the classifier alone may not
# call it an emergency without an onset or red-flag word (questions_t13 dev: swollen legs "and now" fluid
# around the lungs got the emergency text; both are features the guides describe).
# (asked in a later sentence too: "eye doctor saw swelling at the back of my eyes and now everyone is asking about
# poems. why would my eyes have anything to do with it" passed the onset check on "now", questions_t24)
_WHY_QUESTION = re.compile(r"(?:^|[.?!]\s+)(?:but |so |and )?(?:why|how come|what causes|whats causing|what is causing) "
                           r"(?:does|do|is|are|has|have|did|would|might|\w+s)?\b")
_COURSE_QUESTION = re.compile(
    r"\b(?:will|would|does|do|can|could) (?:\w+ ){0,5}(?:come back|get better|improve|recover|go away|return|"
    r"heal|last|get worse over time|keep (?:spreading|getting worse|going up))\b|\bwhat (?:helps|can help|could help|would help)\b|\bwhat helps\b|"
    r"\b(?:is there|are there) (?:anything|something|treatments?) (?:that )?(?:helps?|for)\b"
)
# Words that are red flags whatever is said around them: what the classifier alone may act on
# without an onset word. Not "chest" or "blood": chest hair and blood tests are everyday questions,
# and chest pain or coughing blood are caught by the patterns anyway.
_ALARM = re.compile(
    r"\bunconscious\b|\bcollaps\w*|\bfaint\w*|\bseizure\b|\bstroke\b|\b(?:911|999|112)\b|"
    r"\bheart attack\b|\bdroop\w*|\bslurr\w*|\bblue\b|(?<!everythings )(?<!everything is )(?<!everything looks )\bgr[ae]y\b|\b(?:is|was|found|lying|collapsed|fell|fallen|hes|shes|im) "
    r"(?:\w+ )?on the floor\b|\bclutch\w*|\bchoking\b|\bgasping\b|"
    r"\bwont wake\b|\bcant wake\b|\bnot respond\w*|\b(?:one|left|right) side\b|\bhurry\b|\bambulance\b|"
    # not answering, breathing wrong, hard to rouse ("my dad isnt breathing right … and wont answer", safety_test37 dev)
    r"\b(?:wont|isnt|not|cant) answer(?:ing)? (?:me|us)\b|\b(?:isnt|not) breathing\b|\bhard to (?:wake|rouse)\b|" + symptoms.ALARM_SIGNS
)
# A body part, a bodily function or a symptom: what the classifier alone needs before it may call a
# message a medical emergency.
_BODILY = re.compile(
    # "face" the body part, not the verb ("couldnt face going in")
    r"(?<!cant )(?<!couldnt )(?<!cannot )(?<!to )\bface\b(?! (?:it|going|the|up|facts|another|more|them|him|her|this|that)\b)|"
    r"\b(?:head\w*|facial|eyes?|vision|sight|see|mouth|lips?|tongue|throat|neck|speech|speak\w*|talk\w*|words?|"
    r"chest|heart\w*|pulse|breath\w*|lungs?|air|oxygen|sats|cough\w*|wheez\w*|chok\w*|arms?|hands?|legs?|feet|foot|calf|"
    r"side|body|belly|stomach|tummy|abdom\w*|back|skin|blood\w*|bleed\w*|bled|vomit\w*|sick|poo\w*|stools?|pee\w*|urine|"
    r"pain\w*|hurt\w*|ache\w*|agony|sore|swell\w*|swollen|numb\w*|weak\w*|dizz\w*|faint\w*|pass\w* out|black\w* out|collaps\w*|"
    r"conscious\w*|unresponsive|respond\w*|wake|waking|awake|confus\w*|drowsy|sleepy|seizure|fit\w*|shak\w*|jerk\w*|fever\w*|"
    r"temp\w*|hot|cold|chills|rigors|sweat\w*|pale|blue|grey|gray|floor|fell|fall\w*|stroke|clot\w*|allerg\w*|hives|rash|"
    r"sugar|glucose|limp|floppy|answer\w*|mov\w*|remember\w*|memory|behav\w*|\d+(?:\.\d+)?)\b"
)
_SHAKEN = re.compile(r"\b(?:diagnos\w*|news|results?|told|found out|heard|scared|terrified|nervous|anxious|crying|upset)\b.{0,60}\b(?:im|i am|hes|shes|were) (?:still |all |so )?shak(?:ing|en|y)\b|"
                     r"\b(?:im|i am) (?:still |all |so )?shak(?:ing|en|y)\b.{0,40}\b(?:since|after|from|at) (?:the |that |this )?(?:news|diagnosis|call|results?|appointment)\b")
_FEELS_FINE = re.compile(r"\b(?:feel|feels|feeling) (?:totally |completely |perfectly )?(?:fine|ok|okay|well|normal|alright)\b(?! (?:until|till|before|but))")


def _segment_bounds(clause: str, start: int, end: int) -> tuple[int, int]:
    """Where the comma-delimited part of a clause that holds a match begins and ends."""
    left = max(clause.rfind(",", 0, start), clause.rfind(";", 0, start)) + 1
    right = min([i for i in (clause.find(",", end), clause.find(";", end)) if i >= 0] or [len(clause)])
    return left, right


def _segment(clause: str, start: int, end: int) -> str:
    """The comma-delimited part of a clause that holds a match: what a time word beside it is about."""
    left, right = _segment_bounds(clause, start, end)
    return clause[left:right]


def _and_piece(clause: str, start: int, end: int) -> str:
    """The part of a clause's comma-delimited segment, cut at "and" too, that holds a match."""
    seg_start, seg_end = _segment_bounds(clause, start, end)
    segment = clause[seg_start:seg_end]
    offset = 0
    for piece in re.split(r"(\band\b)", segment):
        if offset <= start - seg_start < offset + len(piece):
            return piece
        offset += len(piece)
    return segment


_TREATMENT_DATED = re.compile(r"\b(?:transplant|chemo|infusion|treatment|surgery|operation|biopsy|dose|cycle)\b (?:was |were )?"
                              r"(?:about |only |just )?(?:\d+|a|one|two|three|four|five|six) (?:days?|weeks?) (?:ago|back)\b")


def _counts(level: str, kind: str, clause: str, norm: str, segment: str | None = None) -> bool:
    """Whether a symptom found in `clause` of message `norm` (in its comma-delimited `segment`) is
    acute enough to call an emergency."""
    seg = clause if segment is None else segment
    if level == SEVERE and _UNDERWAY.search(clause):
        return True
    if level == ALWAYS:
        # Only long ago, or over and done with, makes a red flag history ("fainted once years ago",
        # "had chest pain last month, all better now"), and only said of the red flag itself: "coughing
        # blood clots, i had a clot in my leg last year" is the story of a clot, not its end.
        if _NOW.search(seg) or _ACUTE.search(seg):
            return True
        history = _LONG_AGO.search(seg) or (_PAST.search(seg) and _RESOLVED.search(clause))
        return not (history or _TRIGGERED.search(seg))
    if _PAST.search(seg) and not _NOW.search(seg):
        return False  # "my feet suddenly went numb two years ago" is history (said of the symptom itself)
    onset = {SUDDEN: _SUDDEN, SUDDEN_OR_SEVERE: _SUDDEN_OR_SEVERE}.get(level, _ACUTE)
    # a sudden onset outweighs a chronic word ("always numb feet, and suddenly my left arm…"); a bare
    # severity word does not ("terrible headaches since the chemo")
    sudden = bool(_SUDDEN.search(clause)) if level == SUDDEN_OR_SEVERE else bool(onset.search(clause))
    # a fever's own piece says whether it keeps coming: "temp 38.3 and feel awful, keep getting the shakes"
    # is one fever now (safety_test21 dev), "temps of 38 every evening since chemo" a pattern
    # … and a fever back again is the fever during treatment that teams ask to hear of at once, not a pattern ("38.7
    # again and hes shaking" two weeks after a transplant, test40 held out, read after its measure)
    span = re.sub(r"\bagain\b", " ", seg) if kind == "fever" else clause
    # a time word that dates a treatment is no chronic sign ("cant catch my breath just sitting here and my lips look
    # bluish, transplant was 3 weeks ago", test30, read whole)
    span = _TREATMENT_DATED.sub(" ", span)
    if onset.search(clause) and not _RECURRING.search(clause) and (sudden or not _CHRONIC.search(span)):
        return True
    if _CHRONIC.search(span) or (kind == "breath" and _EXERTION.search(clause)):
        # "usually I get headaches, but this one came on like a hammer": the message says it is new
        # … or that breathlessness usually brought on by effort now comes at rest ("i cant breathe lying or sitting
        # … usually i just get winded on stairs but this is not that", safety_test31 dev)
        return bool(_CONTRAST.search(norm) and (onset.search(norm) or (kind == "breath" and _AT_REST.search(clause))))
    if level == SEVERE:
        return True
    return bool(onset.search(norm)) or (kind == "breath" and bool(_AT_REST.search(clause)))


def emergency_kinds(norm: str, history: Sequence[Turn] = ()) -> list[str]:
    """Emergency kinds present in the text: acute symptoms of a real person, or happening now;
    `history`: the conversation so far, whose earlier user messages may say what makes a fever an
    emergency ("hes on day 6 now and home with me", then "he just spiked 39.4") — read only then."""
    norm = _literal(norm)
    kinds: list[str] = []
    seen: set[str] = set()
    report = not INFORMATIONAL.search(norm)
    asking_ahead = bool(IN_CASE.search(norm)) and not _NOW.search(norm)
    for clause in _clauses(norm):
        anchored = report or bool(_PERSON.search(clause) or _NOW.search(clause))
        for kind, level, pat in SYMPTOMS:
            if kind in kinds:
                continue
            # every mention, not only the first: "ring if my temp goes over 38 during chemo, its 39.1"
            # asks in case at first and reports a fever after
            for m in pat.finditer(clause):
                seen.add(kind)
                segment = _segment(clause, m.start(), m.end())
                if kind == "fever":
                    # "temp is 38.9 and i had chemo a week ago": the time word dates the treatment, not the fever
                    segment = _and_piece(clause, m.start(), m.end())
                if (_HYPOTHETICAL.search(segment) or asking_ahead) and not (_NOW.search(segment) or _REPORT.search(segment)):
                    continue  # "what should i do if i ever get chest pain" asks in case, nothing is happening
                if _ON_SCREEN.search(segment) and not (_NOW.search(segment) or _REPORT.search(segment) or _ACUTE.search(segment)):
                    continue
                if _STRANGER_ON_SCREEN.search(segment):
                    continue
                if anchored and _counts(level, kind, clause, norm, segment):
                    kinds.append(kind)
                    break
    # Partner symptoms may sit in another clause of the same message.
    for kind, partners in symptoms.NEEDS_PARTNER.items():
        if kind in kinds and not (partners & seen):
            kinds.remove(kind)
    for kind, needed in symptoms.NEEDS_CONTEXT.items():
        if kind in kinds and not (needed.search(norm) or needed.search(_earlier_user_text(history))):
            kinds.remove(kind)
    if "stroke" in kinds and _SLEPT_ON.search(norm) and not _ALARM.search(norm):
        kinds.remove("stroke")  # "woke up with pins and needles in my arm from sleeping on it"
    if "bleeding" in kinds and _LAB_FINDING.search(norm) and not (_UNWELL.search(norm) or _ONGOING.search(norm)):
        kinds.remove("bleeding")  # "trace of blood in my urine sample": a test's finding
    if "bleeding" in kinds and _EXPLAINED.search(norm) and not _NOW_WORSE.search(norm):
        kinds.remove("bleeding")  # "black poo since the iron tablets, gp said thats the iron"
    if "bleeding" in kinds and _PILES.search(norm) and _RECURRING.search(norm) and not _HEAVY.search(norm):
        kinds.remove("bleeding")  # "blood in my stool sometimes from hemorrhoids, should i mention it at my visit"
    # (_ACUTE holds _SUDDEN's words)
    if "chest" in kinds and _OLD_RIB.search(norm) and not (_UNWELL.search(norm) or _ONGOING_BREATH.search(norm)
                                                          or _ACUTE.search(norm) or _HEART_LIKE.search(norm)):
        kinds.remove("chest")  # "my chest hurts when i laugh since i broke a rib in the fall last month"
    if "faint" in kinds and _NEAR_FAINT.search(norm) and _SETTLED.search(norm) and not _ONGOING.search(norm):
        kinds.remove("faint")  # "nearly passed out at the top of the stairs, had to sit down, fine after"
    if "breath" in kinds and _EXERTION.search(norm) and _SETTLED.search(norm) and not (_ONGOING.search(norm) or _AT_REST.search(norm)):
        kinds.remove("breath")  # "breathless on the stairs today and had to sit for a min then fine": effort, and over
    if _NONE_SINCE.search(norm) and not (_NOW.search(norm) or _ONGOING.search(norm)):
        kinds = [k for k in kinds if k not in ("faint", "chest", "stroke")]  # one episode, none after it
    if "fever" in kinds and _SETTLED.search(norm) and not _NOW.search(norm):
        kinds.remove("fever")  # "spiked a fever on day 7 … hes home and well now" is the story of one
    if not kinds and _BREATHING_BUT_NOT.search(norm):
        kinds.append("faint")
    happening = _HAPPENING.search(norm)
    if happening and not kinds:
        said = happening.group(0)
        kinds.append("chest" if "heart" in said else "stroke" if "stroke" in said else "faint")
    return kinds


def _earlier_user_text(history: Sequence[Turn]) -> str:
    """The recent user turns, normalised, as context for the current message."""
    return " ".join(user_turns(history, 6))


class Emergency:
    """Call-now preface and a retrieval hint towards the guides' passage."""

    flag: str = EMERGENCY
    label: str = str(EMERGENCY)
    # Emergency sits lowest on purpose: a needless "call 911" line costs little, a missed one a life.
    default_threshold: float = 0.30
    reply_rank: int = 0  # never replies: the answer goes on after the preface
    sticky: bool = True

    def guard(self, norm: str) -> bool:
        norm = _literal(norm)
        if not _BODILY.search(norm):
            return False  # no body and no symptom named: "sat in the hospital car park for an hour" is no emergency
        if _MINOR_BLEED.search(norm) and not _ALARM.search(norm):
            return False  # "tiny bit of blood on my toothbrush": a speck, not a bleed
        if (_SETTLED.search(norm) or _LONG_AGO.search(norm)) and not _NOW.search(norm):
            return False  # over and done with ("stopped after 5 mins of pinching", "then settles", "home and well now")
        if _STOPPED_ITSELF.search(norm) and not _ONGOING.search(norm):
            return False  # "nosebleed this morning, stopped on its own": the time of day places an episode that is over
        if (_NOT_NOW.search(norm) or _ATTRIBUTION.search(norm) or _COURSE_QUESTION.search(norm)) and not _NOW.search(norm):
            return False
        if not (_PERSON.search(norm) or not INFORMATIONAL.search(norm)):
            return False
        if _SLOW_FEATURE.search(norm) and not _ALARM.search(norm):
            return False
        if _HYPOTHETICAL.search(norm) and not (_NOW.search(norm) or _SUDDEN.search(norm)):
            return False
        if _WHY_QUESTION.search(norm) and not (_SUDDEN.search(norm) or _ALARM.search(norm)):
            return False  # asking the cause of what she has ("why does my wife have … and now water around her lungs")
        if _SLEPT_ON.search(norm) and not _ALARM.search(norm):
            return False  # a limb numb from being slept on, its cause told
        if _PHLEGM.search(norm) and not (_ALARM.search(norm) or re.search(r"\bblood", norm)):
            return False  # coloured phlegm from a cold
        if _DISEASE_OWN.search(norm) and not (_ALARM.search(norm) or _OTHER_RED_FLAG.search(norm)):
            return False  # "ankles so swollen this morning i cant get my shoes on": the edema POEMS is known for
        if _NERVE_PAIN.search(norm) and not (_ALARM.search(norm) or _OTHER_RED_FLAG.search(_NERVE_PAIN.sub(" ", norm))):
            return False  # the neuropathy's own pain, however bad tonight
        if _SPREAD.search(norm) and not _SUDDEN.search(norm):
            return False  # numbness creeping from the feet to the hands is the neuropathy's own course
        if _SHAKEN.search(norm) and not _ALARM.search(norm):
            return False  # shaking at news ("just got the diagnosis an hour ago and im shaking", test40 held out)
        if _FEELS_FINE.search(norm) and not _ALARM.search(norm):
            return False  # a reading with nothing felt ("home bp was 150/95 this morning, feel fine", safety_test36)
        if IN_CASE.search(norm) and not _NOW.search(norm):
            return False  # asked ahead of time, with nothing happening: the classifier knows the topic, not the time
        # The classifier knows what an emergency sounds like, not whether this one is new: it needs an
        # onset word or a red-flag word, and a feeling or a chronic symptom alone is never enough.
        acute, alarm = bool(_ACUTE.search(norm)), bool(_ALARM.search(norm))
        if not (acute or alarm):
            return False
        if (_CHRONIC.search(norm) or _RECURRING.search(norm)) and not ((acute and alarm) or _CONTRAST.search(norm)):
            return False
        return alarm or not FEELING.search(norm)

    def detect(self, msg: Message, scores: Scores, found: Mapping[str, Finding], ctx: Context) -> Finding | None:
        if CRISIS in found:
            # the crisis lines carry the emergency number for immediate danger; a medical emergency is
            # added only when the rest of the message names one ("i took all my pills and cant breathe"),
            # not for the crisis's own words ("not waking up")
            kinds = emergency_kinds(without_crisis(msg.norm), msg.history)
            return self._finding(kinds) if kinds else None
        # Patterns on the current message; the classifier for paraphrases the patterns miss.
        kinds = emergency_kinds(msg.norm, msg.history) or told_in_chat(msg.norm, msg.history, emergency_kinds,
                                                                       bool(_BODILY.search(_literal(msg.norm))))
        if not kinds and classifier_says(self, msg.norm, scores.p, ctx.thresholds):
            kinds = [ctx.nearest_kind(self.label, scores.vector)]
        return self._finding(kinds) if kinds else None

    @staticmethod
    def _finding(kinds: Sequence[str]) -> Finding:
        return Finding(
            kinds=tuple(kinds),
            preface=EMERGENCY_PREFACE,
            retrieval_hint=" ".join(dict.fromkeys(EMERGENCY_HINTS.get(k, EMERGENCY_HINTS["other"]) for k in kinds)).strip(),
        )


CATEGORY = Emergency()
