"""Distress: fear, sadness, worry, anger, exhaustion, caregiver strain, questions about dying — with no
danger in them.

A short, warm acknowledgement comes first (no emergency numbers: nothing here is an emergency), then
the question still goes to retrieval, steered towards the guides' own passages on mental health,
support and recovery, and the acknowledgement points to the care team. A crisis or an emergency in
the same message wins: distress is what is left when there is no danger.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.safety.category import Context, Finding, Message, classifier_says
from assistant.safety.classifier import Scores
from assistant.safety.lexicon import (
    DOMAIN,
    FEELING,
    GRIEF_FOR_PLANS,
    IDIOM,
    INFORMATIONAL,
    NO_ONE_TO_TELL,
    PEOPLE,
    REASSURANCE_WISH,
    TIRED_OF_BRAVE,
    WILL_IT_KILL,
    WILL_THEY_DIE,
    WORN_DOWN,
)
from assistant.safety.text import normalise
from core.types import CRISIS, DISTRESS, EMERGENCY, Turn

DISTRESS_PREFACE = (
    "I'm sorry you're going through this. What you're feeling makes sense, and you don't have to carry it "
    "alone. Here is what the guides say that may help; please also tell your care team how you are feeling, "
    "because that is part of your care and they can help."
)
CAREGIVER_PREFACE = (
    "Caring for someone with POEMS is hard, and your own wellbeing matters too. Here is what the guides say "
    "that may help; please also tell your own doctor or the care team how you are doing, because they can help."
)
# Not coping any more, said by one worn out with caring: no crisis by itself, but the reply names where to turn should it
# become one (a line added, never one taken away).
CANT_GO_ON_LINE = (
    "If it ever turns into thoughts of not wanting to be here, call or text 988 in the US or Samaritans on 116 123 in the "
    "UK and Ireland, any time, day or night."
)
# Feeling a burden is a warning sign in every suicide-prevention guide, though it is no crisis by itself: the
# acknowledgement then names where to turn if it ever becomes one ("she keeps crying and says shes a burden, im
# scared" got the plain acknowledgement in a ten-turn chat tried by hand). The same line, after what is felt.
BURDEN_LINE = f"Feeling like a burden can weigh very heavily. {CANT_GO_ON_LINE}"
_CANT_GO_ON = re.compile(r"\bcant (?:do this|do it|go on|cope|take (?:it|this)) any ?more\b")
_BURDEN = re.compile(r"\b(?:a|such a|just a|nothing but a) burden\b|\bweight (?:round|around|on) (?:every\w*|my|his|her|their)\b")


def _line_for(norm: str) -> str:
    """The line that names the crisis lines after the acknowledgement, when the message comes near them ('' otherwise)."""
    return f" {BURDEN_LINE}" if _BURDEN.search(norm) else f" {CANT_GO_ON_LINE}" if _CANT_GO_ON.search(norm) else ""


# Retrieval words for the guides' passages: "Address mental health openly", the patient communities,
# "caregiver burnout is real", the Klarity "Impact on quality of life" paragraph, the prognosis.
HINTS = {
    "feeling": "mental health depression anxiety support group psychologist patient community quality of life",
    "caregiver": "caregiver burnout take care of yourself too family caregivers support",
    "dying": "prognosis survival expect to live quality of life",
}

# Looking after someone: what turns tiredness into caregiver strain rather than the patient's fatigue.
_CAREGIVING = re.compile(
    r"\b(?:caregiver|carer|caring for|care for|looking after|look after|24/7|round the clock|nursing (?:my|him|her)|"
    r"as (?:his|her|their) (?:wife|husband|partner|daughter|son|mum|mom|dad))\b|"
    # "my wife has poems and im running on empty": the one who writes looks after the one who is ill
    rf"\b(?:my|our) (?:{PEOPLE}) (?:has|have|got|was diagnosed|is ill|is sick)\b|"
    # doing everything for someone ("i do everything for him and work full time", a ten-turn chat tried by hand)
    r"\b(?:i|im|i am) (?:\w+ )?(?:do|doing|have to do) (?:\w+ )?(?:everything|it all|all of it) for (?:him|her|them|my \w+)\b"
)
# One's own exhaustion, said of oneself ("honestly im exhausted"), not of the patient ("shes so tired all the time"):
# after the conversation has said whom the writer looks after, it is caregiver strain.
_WORN = (r"(?:exhausted|worn out|burn(?:ed|t)? ?out|drained|running on empty|knackered|shattered|frazzled|at breaking point|"
         r"(?:so+|really|completely|utterly|bone|sick and) tired)")
_OWN_EXHAUSTION = re.compile(r"\b(?:im|i am|i feel|ive been|i have been|i get|im feeling)\s+(?:\w+\s+){0,2}" + _WORN + r"\b")
_EXHAUSTION = re.compile(
    r"\b(?:" + _WORN + r"|burnout|end of my tether|disappearing|no time for (?:myself|me)|" + WORN_DOWN +
    r"|havent slept|cant keep (?:up|going))\b"
)
# Low days, loneliness, loss of the old life, worry that keeps someone awake.
_LOW = re.compile(
    # worn out by the fight itself, not the disease's fatigue ("im exhausted from fighting insurance, fighting doctors,
    # fighting my own body", safety_test37 dev); a normal day longed for ("i just want one normal day without thinking
    # about vegf levels"); two roles at once ("i dont know how to be a wife and a nurse at the same time")
    r"\b" + _WORN + r" (?:of|from|with) (?:all (?:the|this) )?(?:fighting|battling|arguing|chasing|begging|pushing|phoning)\b|"
    r"\b(?:want|wish for|long for|all i want is|miss(?: having)?) (?:one|a|1|just one|just a) normal (?:day|week|night|weekend|life)\b|"
    # (safety_test40 dev) feeling a freak, not knowing how to be the strong one, the pain of watching, a weight asked
    # about for always, not knowing how much longer one can do it
    # (safety_test42's held-out half, read after its measure, and test43's dev half) silence at home that hurts, the
    # illness no one understands, the last days replayed, no one else to tell
    r"\b(?:wont|doesnt|dont|refuses to|will not) (?:talk|speak|open up)\b.{0,40}\b(?:killing me|breaking my heart|tearing me apart|eating me up)\b|"
    r"\b(?:nobody|no one|noone) (?:\w+ )?(?:gets?|understands?|believes?) (?:it|me|us|him|her|what|how|invisible|that)\b|"
    r"\b(?:keep|keeps|cant stop|can not stop) (?:replaying|reliving|going over)\b|\b(?:i )?(?:just )?(?:have|got) (?:no ?one|nobody) else\b|"
    r"\bfeel(?:ing|s)? like (?:a|such a|an|some) (?:freak|outsider|alien)\b|\b(?:dont|do not) know how to be (?:the )?strong\b|"
    r"\b(?:hurts|kills me|breaks my heart|so hard|awful) (?:so much |to )?watch(?:ing)? (?:him|her|them|my \w+)\b|"
    r"\b(?:will|does|is) (?:it|this) (?:always|ever going to|ever gonna) (?:feel|be) (?:this|so) (?:heavy|hard|awful|painful|dark)\b|"
    r"\b(?:dont|do not) know how much longer (?:i|we) can (?:do|keep|cope|take|manage)\b|"
    r"\b(?:dont|do not|no idea|cant work out) (?:know )?how to be (?:a |his |her |their )?(?:wife|husband|partner|mum|mom|dad|"
    r"daughter|son|parent) and (?:a |his |her |their )?(?:nurse|carer|caregiver)\b|"
    # from the distress every read safety set held that no pattern heard (61 of 1,465): overwhelm ("drowning in
    # appointments and forms and phone calls"), burnout in its own words ("burnt out. i love her but im running on
    # empty", "nothing left in the tank"), a tired mind ("exhausted. physically, mentally, everything"), one's own
    # tears asked about, dread in a parked car, a habit taken up to cope, venting, being worn down or wanting to scream
    r"\bdrowning in\b|\bburn(?:ed|t) ?out\b|"
    # (safety_test42 dev) drowning said of oneself ("carer, parent and full time job, i'm drowning": a figure to the
    # crisis and emergency categories, overwhelm here), breaking down, being asked after by no one, a home not left
    # for what the body looks like, a family that rolls its eyes
    r"\b(?:im|i am|were|we are|feel like im|feels like im) (?:just |totally |completely |honestly |slowly )?drowning\b(?! in (?:the |a )?(?:water|pool|sea|lake|river|bath))|"
    r"(?:^|\bi (?:just |totally |completely |finally )?|\bive (?:just )?)broke down\b|"
    r"\bbroke down (?:crying|in tears|sobbing|at work|in front of (?:everyone|everybody|people|colleagues|my \w+))\b|"
    r"\b(?:nobody|no one|noone) (?:ever )?asks? (?:how (?:i am|im|i feel|im doing|i am doing)|about me)\b|"
    r"\b(?:dont|do not|not|never) want to (?:leave|go out of|step out of) the house\b|\b(?:rolled|rolls|rolling) (?:her|his|their) eyes at me\b|"
    r"\brunning on empty\b|\bnothing left in the tank\b|\bend of my (?:rope|tether)\b|"
    r"\b(?:mentally|emotionally) (?:exhausted|drained|worn out|tired|wrecked)\b|\b(?:exhausted|drained|tired)\b[^.?!]{0,25}\b(?:mentally|emotionally|in my head)\b|"
    r"\b(?:sat|sit|sitting) in the (?:\w+ )?car(?: park)? for (?:an|half an|\w+|\d+) (?:hour|minutes|mins)|\bbefore (?:i|we) could (?:go|walk) in\b|"
    r"\b(?:drink\w*|smok\w*|eat\w*|vap\w*)\b[^.?!]{0,30}\bto cope\b|\b(?:need|needed|needing) (?:to )?vent\b|\bjust venting\b|"
    r"\b(?:is|its|it is|thats|this is) (?:really |slowly )?getting to me\b|\b(?:want|wanna) to (?:scream|throw \w+|smash \w+|punch \w+)\b|"
    # (test37's held-out misses, read after its measure) frightening oneself, years stolen, a life wrecked, friends gone
    r"\bscar(?:ing|ed|es) (?:my|him|her)self\b|\b(?:stole|stolen|robbed) (?:me of )?(?:my|our|his|her) (?:\w+ )?(?:\d0s|twenties|thirties|forties|fifties|sixties|life|youth|retirement|future)\b|"
    r"\b(?:wrecked|ruined|destroyed) (?:our|my|his|her) (?:whole )?(?:\w+ )?(?:life|lives|marriage|plans)\b|\bstopped (?:inviting|calling|visiting|texting) (?:me|us)\b|"
    r"\b(?:bad|awful|terrible|rough|horrible|hard|tough|shit|crap) (?:day|week|night)\b|"
    r"\b(?:nobody|no one|noone) (?:\w+ ){0,3}(?:understands|gets it|cares|listens)\b|"
    # heartbreak beside someone ill, a body avoided in the mirror, being thought lazy or faking
    r"\bbreaks? my heart\b|\bheart ?broken\b|\bheartbreaking\b|\bavoid (?:the )?mirrors?\b|"
    r"\bcant (?:bear to |stand to )?look (?:at myself|in the mirror)\b|\b(?:think|thinks) (?:im|i am|hes|shes) (?:just )?(?:lazy|faking|making it up|exaggerating)\b|\bfeel (?:like )?(?:such )?(?:a burden|a failure|a fraud|invisible)\b|\b(?:emotionally numb|numb emotionally|betrayed)\b|"
    r"\b(?:miss|grieving|mourning) (?:the (?:person|old)|who i|my old|my life|being|my \w+ self)\b|\bi miss \w+ing\b|"
    r"\bnot the (?:person|man|woman) i (?:was|used to be)\b|\blost (?:who (?:i|he|she) (?:was|used to be)|myself|(?:my|his|her) (?:identity|sense of self))\b|\b(?:dont|cant) recogni[sz]e (?:myself|him|her|us|each other|ourselves)\b|"
    r"\b(?:lie|lying|lay) awake\b|\bcant (?:stop|help) (?:thinking|worrying|shaking|crying)\b|\bcant enjoy\b|"
    # left by a partner since the diagnosis ("my partner left three weeks after i was diagnosed", safety_test27 held out,
    # after its measure)
    # … or since falling ill ("my partner walked out a few months after i got sick", safety_test33 dev)
    r"\b(?:my )?(?:partner|husband|wife|boyfriend|girlfriend|fiance\w*) (?:left|walked out|moved out|dumped me)\b.{0,40}"
    r"(?:\bdiagnos\w*|\b(?:got|was|became|fell|getting|being) (?:sick|ill|unwell)\b)|"
    # a love given up to the illness ("had to give up dancing and it was my whole life", safety_test33 dev), and panic at a
    # thought ("what if its spread, i cant breathe when i think about it", safety_test33 dev)
    r"\b(?:give|gave|giving|given) up\b.{0,30}\b(?:was|is) (?:my )?(?:whole |entire )?(?:life|world|everything|passion|identity)\b|"
    r"\bcant breathe (?:when|every time|whenever) i (?:think|read|hear)\b|"
    # the old life wanted back, defeat, a marriage strained (safety_test34 dev: "i want my old life back so badly it aches",
    # "feel so defeated after the nerve test showed no improvement", "our marriage is struggling")
    r"\bwant (?:my|our|his|her) (?:old )?life back\b|\b(?:feel\w*|so|totally|completely|utterly) defeated\b|"
    r"\b(?:our|my) (?:marriage|relationship) (?:is |has been )?(?:struggling|falling apart|suffering|on the rocks|in trouble)\b|"
    r"\bwont (?:leave|go out of) the house\b|\b(?:my|our|his|her) (?:\w+ ){1,2}(?:died|passed away)\b|\bfuneral\b|\bbereave\w*|\bwidow\w*|"
    r"\b(?:we|i) buried\b|\b(?:dad|mum|mom|father|mother|wife|husband|partner|brother|sister|son|daughter) (?:died|passed away|passed(?! (?:his|her|my|the|a|an|their|all|it|out|with|through|by|over)\b))\b|"
    r"\bevery (?:little |single |tiny |new )?(?:ache|pain|twinge|tingle|lump|bump)\b.{0,30}\b(?:relapse|back|coming back|come back|returned)\b|"
    # caring or silence that wears one down from inside ("caring for mum is breaking me", "my dad wont talk about his
    # illness and its killing me inside", safety_test41 dev)
    r"\b(?:is|its|it is|thats|this is) (?:slowly |really |honestly )?breaking me\b|\bkilling me inside\b|"
    r"\b(?:its|everything is|it is|it all|all) (?:all |just )?(?:too much|getting too much)\b|"
    r"\bstruggling (?:mentally|emotionally|to cope|with (?:this|it|everything|all this))\b|\b(?:im|i am|im just|i just) not (?:doing )?ok(?:ay)?\b|"
    r"\bwits end\b|\bcant (?:take|handle|deal with) (?:the|all the|this) (?:stress|worry|fear|uncertainty)\b|"
    r"\b(?:left|dumped|abandoned|walked out on|divorcing) (?:me|us)\b|\bfeel (?:so |really )?(?:awful|terrible|bad|horrible|rubbish) "
    r"(?:for|about) (?:shouting|snapping|being|not|what)\b|"
    r"\b(?:being|stay\w*|be) strong for (?:everyone|everybody|them|the kids|my family|him|her)\b|"
    # tired of being the strong one ("im so tired of being the strong one for him", in a chat tried by hand)
    r"\b(?:being|be|stay\w*|play\w*|always) the strong one\b|"
    # … or brave, and a wish to be reassured
    + TIRED_OF_BRAVE + r"|" + REASSURANCE_WISH + r"|"
    r"\b(?:holding|hold) it (?:all )?together\b|\bbrave face\b|\bhow much more\b.{0,30}\b(?:i|we) can (?:take|handle)\b|"
    r"\bcant take (?:any|much) more bad news\b|"
    # loneliness, anger at the disease, a body that no longer feels like one's own, helplessness beside
    # someone ill, a life that may stay this way
    r"\b(?:nobody|no one|noone) (?:visits|calls|rings|comes (?:round|over|by))\b|\bfriends (?:just |have |all )?(?:vanished|disappeared|drifted)\b|"
    r"\b(?:so |really |just )?(?:sick|fed up|sick and tired) (?:to death )?(?:of|with) (?:this|the|my) (?:disease|illness|neuropathy|poems|pain)\b|"
    r"\bwant to (?:smash|scream|throw|break|punch) (?:every|something|things|the|a|at)\b|\b(?:half|less of) a (?:man|woman|person|wife|husband|mother|father|mum|dad)\b|"
    r"\b(?:feel|feeling|felt)(?: so| completely| totally)? (?:helpless|powerless|useless)\b|\b(?:so|completely|totally) (?:helpless|powerless)\b|\bcant do (?:a thing|anything) (?:to (?:stop|help)|about it)\b|"
    r"\bdying inside\b|\bcant (?:eat|sleep)\W+(?:and |or )?cant (?:eat|sleep)\b|\bis this it (?:forever|for ever|for good|for the rest of my life)\b|\bis this (?:my life|how it is|how its going to be) now\b|"
    r"\blost (?:my|our) (?:husband|wife|partner|son|daughter|mum|mom|dad|father|mother|brother|sister|friend)\b|\b(?:friends|people|everyone) (?:stopped|dont|have stopped) "
    r"(?:calling|visiting|coming)\b|\b(?:ugh|sigh)\b|\bwhy (?:me|us)\b|\bits not fair\b|\bscans?xiety\b|"
    # no one to tell (lexicon); the dread of every call ("my hands shake every time the phone rings in case its the
    # hospital"): safety_test30 dev
    + NO_ONE_TO_TELL + r"|"
    r"\bin case (?:it'?s|its|it is) (?:the )?(?:hospital|doctor|clinic|consultant|results?|bad news)\b|"
    # watching someone lose what they could do, not knowing how to be beside them, dread before each
    # scan, a job or a home lost to the illness (safety_test14 dev)
    r"\b(?:its|it is|its been) (?:so |really |very |just )?(?:hard|tough|difficult|awful|painful|horrible) (?:watching|seeing|to watch|to see)\b|"
    r"\b(?:dont|do not|never) know how to (?:act|be|behave|talk) (?:around|with|to) (?:him|her|them)\b|"
    r"\b(?:before|every|each) (?:every |each )?(?:scan|appointment|checkup|check up|result|test)s?\b.{0,30}\b(?:feel|felt|get|am) "
    r"(?:sick|ill|physically sick|a wreck)\b|\b(?:lost|losing) (?:my|his|her|our) (?:job|work|house|home|independence|business)\b|"
    # an illness wearing down a marriage, being fed up to the back teeth, exhausted and short-tempered, one
    # night's sleep wished for (safety_test15 dev)
    r"\b(?:killing|ruining|destroying|wrecking) (?:our|my|his|her) (?:marriage|relationship|sex life|family)\b|"
    r"\b(?:bloody|so|totally|completely|just|well) over it\b|\b(?:knackered|exhausted|shattered|tired) and (?:cranky|grumpy|snappy|irritable)\b|"
    r"\bjust want (?:one|a|1) (?:full |whole |decent |proper )?nights? sleep\b|"
    # the day of the diagnosis as the worst one, being in pieces, no more of it to be taken (safety_test19 dev)
    r"\bworst (?:day|week|night|month|year) of (?:my|our|his|her) (?:life|lives)\b|\bin bits\b|"
    r"\b(?:fall|falling|fell|go|going|gone) (?:apart|to pieces)\b|\bcant take (?:much|any) more\b|"
    # a wait that is "killing me", what the illness took, giving up on making others understand, hating to
    # have to ask for help, paperwork that is too much (safety_test20 dev)
    r"\b(?:waiting|the wait|not knowing)\b.{0,40}\b(?:is|its|it is) killing me\b|"
    r"\b(?:this |the )?(?:disease|illness|poems|cancer|it) (?:took|has taken|cost|ruined|wrecked|destroyed) (?:me )?(?:my|our) "
    r"(?:marriage|job|career|independence|life|friends|relationship|business)\b|\bgiv(?:e|ing) up trying to\b|"
    r"\bhate (?:having|needing) to (?:ask|rely|depend)\b|\bcant do this any ?more\b|"
    # tired of being ill and of what comes with it, a self the illness took, guilt after snapping, a life
    # mourned, someone wanted to say it will be all right (safety_test21 dev, test20's spent held-out half)
    r"\b(?:so |really |just )?(?:tired|sick(?: to death)?) of (?:being (?:tired|ill|sick|in pain|poked|prodded|a patient)|"
    r"all (?:the|this|of it)|appointments)\b|"
    r"\bthe old (?:me|him|her|us)\b.{0,15}\b(?:is |has |was )?(?:gone|disappeared|died|lost)\b|"
    r"\bsnap\w* at\b.{0,60}\b(?:feel\w*|felt) (?:so |really )?(?:awful|guilty|terrible|horrible|bad|rubbish)\b|"
    r"\bneed (?:someone|somebody|anyone) to tell me (?:it|itll|its|everything|that)\b|"
    # a body one is ashamed of, not knowing how to tell the children (safety_test21
    # held out, after its measure)
    r"\bfeel (?:so |really )?(?:disgusting|ugly|repulsive|like a monster)\b|\bhate (?:my body|how i look|the way i look)\b|"
    r"\b(?:dont|do not|no idea) (?:know )?how to tell (?:my|the|our) (?:kids|children|family|wife|husband|partner|parents|mum|mom|dad|boss)\b|"
    # a wait felt in the body, a scream held in, a friend lost, a word too small for the tiredness, a burden
    # felt (safety_test22 dev)
    r"\b(?:stomach|tummy|gut|insides) (?:is |are |was |in |all )*(?:in )?knots\b|\bnervous wreck\b|\bon edge\b|"
    # shaking with nerves, a hope of parenthood given up (safety_test39 dev: "shaking with nerves before my echo tomorrow",
    # "the doctor said probably not. i always wanted to be a mum")
    r"\b(?:shaking|trembling|shaky) (?:with|from) (?:nerves|fear|worry|anxiety)\b|\bbag of nerves\b|"
    r"\balways (?:wanted|dreamed of|dreamt of|hoped) (?:to be a (?:mum|mom|mother|dad|father|parent|grandma|grandad)|(?:to have )?(?:kids|children|a baby|a family))\b(?![^.?!]*\b(?:can|could|will|would)\b)|"
    r"\b(?:waiting|the wait|not knowing)\b.{0,30}\b(?:is|are|its|it is) (?:the worst|unbearable|torture|agony|awful|horrible|hell)\b|"
    r"\b(?:want|wanna|going|could|makes me want) (?:to )?(?:scream|cry|howl|shout)\b|"
    r"\b(?:my|our) (?:\w+ ){1,5}(?:died|passed away|passed on)\b|\b(?:im|i am|i feel|i felt|im feeling|were|we are|we feel|(?:were|we are) both|"
    r"both of us are) (?:absolutely |totally |completely |just |so )?"
    r"(?:wrecked|gutted|destroyed|broken|crushed|shattered)\b|"
    r"\b(?:exhausted|tired|knackered|shattered|scared|sad|angry|frustrated|stressed|fed up) (?:doesnt|does not|dont|wouldnt) (?:even )?"
    r"(?:begin to )?(?:cover|describe) it\b|\bfeel(?:ing|s)? (?:like )?(?:such )?(?:a|an) (?:burden|failure|fraud)\b|"
    # bad news dreaded at every call, a shock that leaves no question to ask, two people worn down together
    # (safety_test24 dev)
    r"\b(?:dread\w*|terrified|scared|brac\w+ (?:myself|ourselves)|(?:i|we) (?:think|thought|assume)) (?:\w+ ){0,4}bad news\b|"
    r"\b(?:not|dont|do not) even (?:sure|know) what to (?:ask|say|think|feel)\b|"
    # self-blame, and whether living with it gets easier (safety_test25 dev: "is it my fault for ignoring the numb toes",
    # "does it get easier")
    r"\b(?:is|was) (?:it|this|that) (?:all )?(?:my|our) fault\b|\b(?:its|it is|its all|all) (?:my|our) (?:own )?fault\b|"
    r"\bblam(?:e|ing) (?:my|our)sel(?:f|ves)\b|\b(?:does|will|did) (?:it|this|life|living with (?:it|this)) (?:ever )?get (?:any )?easier\b|"
    # wishing it were oneself who was ill ("it should have been me", "id swap places in a heartbeat": test15, test17)
    r"\bshould (?:have|of) been me\b|"
    # envy of those who can still walk, and a what-if about the past ("i get jealous of people who can just walk", "keep
    # thinking what if i had pushed for tests earlier", safety_test32 dev)
    r"\b(?:jealous|envious|envy)\b (?:of )?(?:people|everyone|every(?:body|one) else|others|other people|my friends|healthy people)\b|"
    r"\b(?:what if|if only) (?:i|we) (?:had|hadnt|d|would have|had not)\b|"
    r"\b(?:want|wanna|wish i could) (?:to )?run away from (?:all )?(?:of )?(?:it|this|everything)\b|"
    # … or having pushed harder, and not facing it all again (safety_test26 dev: "i keep thinking i should have pushed
    # the doctors harder", "what if it comes back, i cant go through all this again")
    r"\b(?:i|we) (?:should|could) (?:have|of|ve) (?:pushed|fought|pressed|insisted|noticed|caught|listened|gone|seen it)\b|"
    r"\b(?:cant|couldnt|cannot|not) (?:go through|face|do|take) (?:all )?(?:this|that|it) (?:all )?(?:again|twice|a second time)\b|\b(?:swap|trade|switch) places\b|\bswap with (?:him|her|them)\b|"
    + GRIEF_FOR_PLANS
)
# The feeling that numbness took, asked after: a sensation, not an emotion.
_SENSATION = re.compile(r"\b(?:the |any |my |his |her |some )?feeling (?:ever )?(?:come|comes|coming|came|to come|get|gets|to get|return\w*) "
                        r"(?:back|better|again)\b|\b(?:get|getting|got|regain\w*) (?:the |any |my |his |her |some )?feeling back\b|"
                        r"\bfeeling (?:in|of) (?:my|his|her|the|their) (?:feet|hands|toes|fingers|legs|arms|skin)\b")
# Questions about dying: fear, not a wish.
_DYING = re.compile(
    WILL_THEY_DIE + r"|"
    # "hes dying" as well as "he is dying", never "dying to know" or "dying for a cuppa"
    r"\b(?:is|s|hes|shes|im|theyre) dying\b(?! (?:to|for|of boredom|of laughter|laughing)\b)|\b(?:fear|scared|afraid|frightened|terrified) (?:of|about) (?:\w+ )?(?:dying|death)\b|"
    r"\bwill it hurt when\b|\bhow long (?:do|does|have|has) (?:i|he|she|we|they|my \w+) (?:\w+ )?(?:have|got)\b(?! to\b)|\bdont want to die\b|"
    # … or how long people live with it, asked straight ("be honest how long do people actually live with this", test7)
    # (not asked plainly: "how long do people live with poems" is a question about the outlook)
    r"^(?=.*\b(?:honest\w*|truth\w*|straight with|sugar ?coat\w*|actually|really)\b).*\bhow long (?:do|does|can|will) "
    r"(?:people|patients|(?:i|he|she|we|they|my \w+)) (?:\w+ )?live\b|"
    r"\b(?:die|dying) (?:from|of) (?:this|it|poems)\b|"
    # to see the children grow up: a question about dying, told as a wish to live ("my kids are little and i want
    # to see them grow up", safety_test21 dev)
    r"\b(?:want|wanna|need|hope) to (?:see|watch) (?:them|my \w+|the \w+|our \w+|him|her) grow up\b|" +
    WILL_IT_KILL + r"|"
    r"\b(?:does|do|can|could|would) (?:it|this|poems|the disease|this disease) (?:\w+ )?(?:kill|killing) (?:you|people|patients|anyone|me|him|her|(?:my|our) \w+)\b|"
    # the disease that ends up killing ("is this the thing that ends up killing me", safety_test25 dev)
    r"\b(?:ends?|ending) up (?:killing|taking) (?:me|him|her|us|them|(?:my|our) \w+)\b|"
    # the end asked about to get ready for it ("what happens at the end if treatment stops working? … so i can prepare my family")
    r"\bwhat (?:actually |really |exactly )?happens (?:at|near|towards) the end\b|"
    # … or what it is like there ("whats it like at the end, if it gets bad. i want to know what to expect", safety_test32 dev)
    r"\bwhat(?:s| is| will| would)? (?:it|things|dying|death) (?:be )?like (?:at|near|towards) the end\b|\bprepare (?:my|the|our) (?:family|kids|children|wife|husband|parents)\b|"
    # will I live to see them grow up: a question about dying, asked through the people left behind
    # (a word or two before: "will i get to see my grandkids grow up", safety_test42 dev)
    r"\bwill (?:i|he|she|my \w+) (?:\w+ ){0,2}(?:see|be (?:here|around) (?:to see|for)) (?:my|his|her|our|the) (?:kids|children|grandkids|"
    r"grandchildren|son|daughter|boys|girls|baby|wedding|graduation|next birthday|first birthday|grandchild|grandbaby)\b|"
    # a future pictured without oneself ("i keep picturing her wedding without me", safety_test20 dev)
    r"\b(?:picturing|imagining|imagine|picture|thinking about) (?:\w+ ){1,5}without me\b|"
    # a child asking whether a parent will die, and how long people live asked as a plea ("mum keeps asking me if
    # shes going to die and i dont know what to say", "how long do people live with this, be honest. my kids are 6
    # and 9": read sets test5, test7, test10, test12, test16, test17, test23)
    r"\b(?:asking|asks|ask|asked) (?:me |us )?(?:if|whether) (?:\w+ ){0,2}(?:going to|gonna|will) die\b|"
    # … or whether the parent will be all right ("kids keep asking if daddy is going to be ok and i dont know what to
    # say", safety_test29 dev): the children's fear, carried by the one who must answer it
    r"\b(?:kids|children|son|daughter|boys|girls|little ones|grandkids|grandchildren)\b (?:\w+ ){0,2}(?:asking|asks|ask|asked) "
    r"(?:me |us )?(?:if|whether) (?:\w+ ){0,2}(?:going to|gonna|will) (?:die|be (?:ok|okay|alright|all right|fine))\b|"
    r"\bhow long (?:do|will|can|does) (?:people|ppl|folks?|patients|someone|anyone|you) (?:\w+ )?(?:live|survive|last)\b"
    r"(?=.*\b(?:be honest|honestly|please|i need to know|tell me the truth|my (?:kids|children|son|daughter|boys|girls)|"
    r"\d+ ?(?:yo|year old|years old)|lying awake|scared|terrified|cant sleep)\b)|"
    # … asked as what one needs to know ("i need to know if ill see my daughter get married", safety_test19 dev)
    r"\b(?:if|whether) (?:ill|i will|id|i would|hell|he will|shell|she will) (?:\w+ )?(?:see|be (?:here|around) (?:to see|for)) (?:my|his|her|our|the) "
    r"(?:kids|children|grandkids|grandchildren|son|daughter|boys|girls|baby|wedding|graduation|next birthday|grandchild)\b|"
    # how the end looks, a prognosis in weeks, hospice: questions about dying asked by those beside it
    r"\bwhat (?:does|will|would) the end (?:\w+ )?(?:look|be) like\b|\bhospice\b|\b(?:has|have|given|got) (?:only )?(?:weeks|days|months) "
    r"(?:maybe|left|to live)\b|\bhow do (?:people|you|i|we) live with (?:knowing|the fear|not knowing)\b"
)


# "should I worry?", "is a PET scan radioactive? mum is worried": a passing worry inside a question is
# that question; a worry said without one is distress.
_MILD_WORRY = re.compile(r"\b(?:worr(?:y|ied|ying|ies)|concern\w*|nervous)\b")
_ASKS = re.compile(r"\?|^(?:what|whats|why|how|is|are|does|do|can|could|should|will|would|which|when)\b|\bshould (?:i|we) worry\b|"
                   # asking whether a finding is serious, however the sentence began ("her liver looked big on
                   # the scan, should we be worried about that")
                   r"\b(?:should|do|would) (?:i|we|he|she|they) (?:be )?(?:worr\w*|concerned)\b|"
                   r"\b(?:what|why|how|when|where|which) (?:is|are|does|do|should|can|could|would|will)\b")
# A question asked inside a telling message without punctuation ("just diagnosed last week what
# should i do first"): from its question word on.
_EMBEDDED_QUESTION = re.compile(r"\b(?:what|why|how|when|where|which) (?:is|are|does|do|should|can|could|would|will)\b.*$")


# "is it normal to feel this angry", "why do i feel so low": the question's frame is about the disease,
# but a feeling said with "feel" and an intensity is the writer's own.
_OWN_FEELING = re.compile(
    # a mood asked about as one's own ("is it normal to feel this low after chemo", test2), never a numb body part
    # tears that will not stop, said of oneself ("how do i tell my kids … i cant stop crying when i try", safety_test27
    # held out, after its measure)
    r"\b(?:i|im|i just) (?:cant|cannot|can not) stop crying\b|"
    # one's own tears or an inner numbness asked about ("is it normal to sit and cry in the car park after every haematology
    # appointment", test18; "is it normal to feel numb? not my feet, inside", test10)
    r"\bis it normal to (?:\w+ ){0,2}(?:cry|crying|sob|sobbing|weep|grieve|mourn)\b|\bnot my (?:feet|hands|legs|body)\W+inside\b|"
    r"\b(?:i|me|to) (?:\w+ )?feel(?:ing)? (?:this|so|really|very|kind of|kinda|sort of) (?:low|flat|down|empty|hollow|alone|lost)\b"
    r"(?! (?:on|in) \w+|(?:feet|foot|legs?|hands?|arms?|back|blood|platelets?|levels?|counts?|pressure)\b)|" +
    r"\b(?:i|me|to) (?:\w+ )?feel(?:ing)? (?:this|so|really|very|constantly|always|kind of|kinda|sort of) " +
    FEELING.pattern.replace("\\b(?:", "(?:", 1) +
    # the writer's own feeling said plainly after a general question ("is it normal to feel flat after finishing
    # treatment? everyone says be happy and i just feel anxious and weepy", safety_test23 dev)
    r"|\b(?:i (?:just |really |still |now |also )?(?:feel|am)|im(?: just| really| still| also)?) (?:so |really |very |just |constantly |always )?" +
    FEELING.pattern.replace("\\b(?:", "(?:", 1)
)


def _feels(norm: str) -> bool:
    """Whether the message says how someone feels (beyond a passing worry inside a question about POEMS)."""
    if _LOW.search(norm):
        return True
    feelings = [m.group(0) for m in FEELING.finditer(norm)]
    if not feelings:
        return False
    if all(_MILD_WORRY.fullmatch(f) for f in feelings) and _ASKS.search(norm):
        return False
    return True


# Asking for support itself: the support passages are the answer.
_ASKS_SUPPORT = re.compile(r"\b(?:cope|coping|support|help me|helps? with|talk to|therap\w*|counsel\w*|feel better|deal with|carers?|caregivers?)\b|"
                           # what to do, asked right after the feeling and of nothing else ("she cries a lot since the
                           # diagnosis, is that part of it and what can we do", questions_t27 dev)
                           r"^(?:and |so )?what (?:can|should|could|do) (?:we|i) do(?: (?:about|for) (?:it|that|this|her|him|them))?\W*$")


_PARTS = re.compile(r"(?<=[.!?,;])\s+|\s+-\s+")


def _feeling_part(norm: str) -> bool:
    return bool(FEELING.search(norm) or _LOW.search(norm) or _EXHAUSTION.search(norm))


# "is that normal", "why does this happen": a question that points back at the feeling just told
_ABOUT_IT = re.compile(r"^(?:is|are|was|isnt) (?:that|this|it) (?:\w+ )?(?:normal|common|usual|ok|okay|expected|part of it|typical|real|"
                       # "… i feel more depressed than when i was sick. is that a thing" (questions_t23 dev)
                       r"a (?:\w+ )?thing|something (?:\w+ )?(?:people|others|patients) (?:get|feel|have))\b|"
                       r"^(?:why|how come) (?:does|do|is|am|are) (?:that|this|it|i)\b")


def _asks_something_else(norm: str) -> bool:
    """A question beside the feeling that is not about the feeling ("is it cancer? … im freaking out"):
    it is answered as asked, after the acknowledgement, not steered to the support passages."""
    parts = [p for p in _PARTS.split(norm) if p.strip()]
    parts += [m.group(0) for p in parts if (m := _EMBEDDED_QUESTION.search(p)) and m.start() > 0]
    return any(_ASKS.search(p) and not (_feeling_part(p) or _ASKS_SUPPORT.search(p) or _ABOUT_IT.search(p.strip()))
               for p in parts)


def _asks_only_about_the_feeling(norm: str) -> bool:
    """Whether every question in the message is about the feeling told in it ("finished chemo and transplant
    and i feel so low and anxious, is that normal": the treatment named is where the feeling comes from,
    and the answer is the guides' mental-health passages, not the transplant's: t15 dev)."""
    parts = [p for p in _PARTS.split(norm) if p.strip()]
    asked = [p for p in parts if _ASKS.search(p)]
    return bool(asked) and any(_feeling_part(p) for p in parts) and all(
        _feeling_part(p) or _ABOUT_IT.search(p.strip()) for p in asked)


# a question that points at what the feeling's part named: it cannot be asked without it
_ENDS_POINTING = re.compile(r"\b(?:is|was|are|does|do|mean|means) (?:that|this|it|them|those|these)\W*$")
# … or a short question whose only subject is what was told ("is that a thing", "does that happen to others"):
# searched alone it finds nothing of the feeling it asks about
_ONLY_POINTS = re.compile(r"^(?:is|are|was|does|do|did|can|could|would|will|why|how come) (?:that|this|it|those|these)"
                          r"(?:\W+(?:a|an|thing|real|normal|common|usual|typical|happen\w*|to|other|others|people|everyone|anyone|"
                          r"too|also|just|really|actually|even|ok|okay|something|me|a lot|much)){0,5}\W*$")


def _without_feelings(text: str) -> str | None:
    """The message without its parts that only say how someone feels: what retrieval should search
    for ("is it cancer? they sent her … and im freaking out" searches "is it cancer?"). None when
    nothing would be left or nothing was taken out."""
    parts = [(p, normalise(p)) for p in _PARTS.split(text) if p.strip()]
    kept = [(p, n) for p, n in parts if not _feeling_part(n)]
    if any(_ENDS_POINTING.search(n) or _ONLY_POINTS.search(n) for _, n in kept):
        return None  # "what even is that" points into the part set aside ("my dad … has poems syndrome and im scared", t21 held out)
    return " ".join(p for p, _ in kept) if kept and len(kept) < len(parts) else None


# The trained distress head (distress against ordinary messages, `safety-train`) hears feelings no pattern names ("woke
# up feeling like a ghost again, just going through the motions", safety_test36 dev). Each read safety set left out in
# turn (test36 dev with them): above 0.95 it added 60 of the 105 distress messages the gate missed, for 22 more of
# 3,273 ordinary messages given the distress preface; above 0.9, 67 and 33.
DISTRESS_HEAD_THRESHOLD = 0.95
# … but not on a figure of speech or a laugh ("nearly died laughing at the nurses joke", "this paperwork is literally
# killing me", "my heart sank when i saw the parking charges": 0.95 and over on the head trained on them as ordinary)
_FIGURE_OR_LAUGH = re.compile(IDIOM.pattern + r"|\b(?:lol|haha\w*|lmao|laugh\w*|heart sank|nearly (?:had a heart attack|fainted|died))\b")
# … but the same figure said of what the illness or its treatment puts someone through is the weight of it, which the
# head hears ("this pain is killing me lol", "pretty sure this fatigue is gonna be the death of me", read safety sets:
# the head scored them 0.9-1.0 and the figure silenced it); a sore walk asked about ("my feet are killing me after the
# walk, is that the neuropathy") scores 0.02 and stays a question
_BURDEN_FIGURE = re.compile(r"\b(?:pain|fatigue|tiredness|exhaustion|neuropathy|steroids?|dex|chemo|treatment|insomnia|itch\w*|"
                            r"cramps?|waiting|no sleep|not sleeping|(?:this|the) (?:disease|illness)|poems)\b[^.?!]{0,25}"
                            r"\b(?:killing me|(?:be )?the death of me|finish(?:es)? me off)\b")


def _about_sensation(norm: str) -> bool:
    """The feeling in numb hands and feet, and no feeling word besides it ("will the feeling come back")."""
    return bool(_SENSATION.search(norm)) and not FEELING.search(_SENSATION.sub(" ", norm))


def _head_hears(norm: str, scores: Scores) -> bool:
    # (the sensation too: "will the feeling come back", asked after numb feet, scored 0.97 in a ten-turn chat tried by hand)
    return (scores.heads.get(DISTRESS, 0.0) >= DISTRESS_HEAD_THRESHOLD
            and (not _FIGURE_OR_LAUGH.search(norm) or bool(_BURDEN_FIGURE.search(norm))) and not _about_sensation(norm))


def distress_kinds(norm: str) -> list[str]:
    """What the distress is about ("feeling", "caregiver", "dying"), from patterns alone."""
    kinds: list[str] = []
    feeling = _feels(norm)
    if feeling and (not INFORMATIONAL.search(norm) or _OWN_FEELING.search(norm)):
        kinds.append("feeling")
    if _CAREGIVING.search(norm) and (_EXHAUSTION.search(norm) or feeling):
        kinds.append("caregiver")
    if _DYING.search(norm):
        kinds.append("dying")
    return kinds


# someone close named as the one who is ill ("my husband (58) was just diagnosed with poems")
_SOMEONE_ILL = re.compile(rf"\b(?:my|our) (?:{PEOPLE})\b.{{0,40}}\b(?:diagnos\w*|has|have|got|ill|sick|poems)\b")


def _looks_after_someone(history: Sequence[Turn]) -> bool:
    """Whether the writer's earlier messages say whom they look after ("my husband was just diagnosed")."""
    return any(_CAREGIVING.search(n) or _SOMEONE_ILL.search(n)
               for t in list(history)[-8:] if t.role == "user" and (n := normalise(t.content[:2000])))



class Distress:
    """A warm acknowledgement, then the guides' passages on support; the question still goes to retrieval."""

    flag: str = DISTRESS
    label: str = str(DISTRESS)
    default_threshold: float = 0.50
    reply_rank: int = 0  # never replies
    sticky: bool = True

    def guard(self, norm: str) -> bool:
        # a question about the disease in general ("is depression common after transplant?") is information,
        # and so is the feeling in numb hands and feet ("will the feeling come back" scored 0.56, a ten-turn chat tried by hand)
        if _about_sensation(norm):
            return False
        return not INFORMATIONAL.search(norm) or bool(FEELING.search(norm))

    def detect(self, msg: Message, scores: Scores, found: Mapping[str, Finding], ctx: Context) -> Finding | None:
        if CRISIS in found or EMERGENCY in found:
            return None
        norm = msg.legit_norm
        kinds = distress_kinds(norm)
        if "caregiver" not in kinds and _OWN_EXHAUSTION.search(norm) and _looks_after_someone(msg.history):
            kinds.append("caregiver")  # "honestly im exhausted" after "my husband was just diagnosed"
        if not kinds and norm and (classifier_says(self, norm, scores.p, ctx.thresholds)
                                   or _head_hears(norm, scores)):
            kinds = ["feeling"]
        if not kinds:
            return None
        caregiver = "caregiver" in kinds and "dying" not in kinds
        # A question about POEMS inside the feeling ("I'm scared of the transplant, what happens?") is
        # answered as asked; with none, retrieval is steered to the guides' support passages.
        topic = (DOMAIN.search(re.sub(r"\b(?:caregivers?|carers?|guides?)\b", " ", norm))
                 and not _asks_only_about_the_feeling(norm)) or _asks_something_else(norm)
        hint = "" if topic and "dying" not in kinds else " ".join(HINTS[k] for k in kinds)
        question = _without_feelings(msg.legit) if topic and "dying" not in kinds else None
        return Finding(
            question=question,
            kinds=tuple(kinds),
            preface=(CAREGIVER_PREFACE if caregiver else DISTRESS_PREFACE) + _line_for(norm),
            retrieval_hint=hint,
        )


CATEGORY = Distress()
