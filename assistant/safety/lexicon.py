"""Word patterns more than one safety category reads: who is involved, and what the guides are about.

Each is written against `text.normalise()`d text.
"""

from __future__ import annotations

import re

PEOPLE = (
    r"dad|father|daddy|papa|mum|mom|mother|mam|mama|mummy|mommy|husband|wife|partner|son|daughter|brother|"
    r"sister|friend|grandma|grandmother|grandpa|grandfather|gran|granny|nan|nana|grandad|granddad|boyfriend|"
    r"girlfriend|spouse|uncle|aunt|auntie|child|kid|baby|patient|neighbou?r|fiancee?|roommate|flatmate|"
    r"parent|relative|cousin|nephew|niece|client|carer|caregiver|colleague|coworker"
)
# Someone real is involved: a pronoun or a named relative. "people with POEMS" or "you" are not.
PERSON = re.compile(
    rf"\b(?:i|im|ive|id|ill|me|my|myself|we|were|weve|us|our|he|hes|him|his|she|shes|her|hers|they|theyre|"
    rf"them|their|(?:{PEOPLE})s?)\b"
)

# Informational framing ("what are the signs of a stroke?", "is depression common after transplant?"):
# a question about the disease in general, not a report of what is happening to someone.
INFORMATIONAL = re.compile(
    r"^(?:what (?:are|is|does|do|causes|happens|counts)|whats|which|how (?:common|often|is|are|do|does|can|"
    r"likely|much|many|quickly|long)|why(?! (?:me|us|him|her|my \w+)\b)|can poems|does poems|do poems|is (?:an? )?[\w ]{1,30} (?:a sign|a "
    r"symptom|common|linked|related|part of|normal)|are [\w ]{1,30} (?:common|linked|related)|tell me about|"
    r"explain|describe|list|define)\b|\b(?:signs? of|symptoms? of|warning signs|risk of|chance of)\b"
)

# Words that put a question inside the guides' subject, whatever the classifier thinks.
DOMAIN = re.compile(
    r"\bpoems\b|\bvegf\b|neuropath|\bnerves?\b|plasma|m-?protein|monoclonal|castlem|lenalidomide|"
    r"thalidomide|pomalidomide|melphalan|dexamethasone|\bdex\b|bortezomib|carfilzomib|daratumumab|"
    r"bevacizumab|\bdrd\b|transplant|\basct\b|stem cell|radiation|radiotherapy|\bgy\b|h(?:a)?ematolog|"
    r"myeloma|thrombo|\bstrokes?\b|\bclots?\b|embolism|\bdvt\b|papill(?:o)?edema|\bo?edema\b|endocrin|"
    r"testosterone|hyperpigment|hypertrichosis|hemangioma|\bspep\b|immunofixation|light chain|bone marrow|"
    r"sclerotic|lesions?|plasmacytoma|pulmonary|echocardiogra|\bcidp\b|guillain|\bmgus\b|\bmgcs\b|amyloid|"
    r"organomegaly|relapse|remission|cytokine|\bil-?6\b|crow|fukase|takatsuki|\bpest\b|\bmayo\b|\buclh\b|"
    r"bare your rare|klarity|diseasemaps|\bguides?\b|caregiver|anticoagula|demyelin|paraneoplastic|"
    r"engraft|bcma|cm336|car[- ]?t\b|orthotic|foot drop|albumin|prognos|polycyth|gynecomastia|ascites|"
    r"pleural|lambda|spap|cpap|bipap|thromboprophylaxis|induction|chemo|hypogonad|prolactin|\bj-?post\b|"
    r"\bnails?\b|tingling|numbness|hair growth|clubb|skin (?:changes|darken)|darker skin|"
    # the guides' own frame: "what are the major criteria" (out of scope at 0.41) asks about their diagnosis
    r"\bcriteri(?:a|on)\b|\bsyndrome\b"
)

# A feeling, said of oneself or someone close: fear, sadness, anger, overwhelm. Tiredness alone is a
# symptom (fatigue is POEMS), so "exhausted" counts only beside caring for someone (see distress).
FEELING = re.compile(
    r"\b(?:scared|afraid|frightened|terrified|terrifie[sd]|terrifying|fear(?:ful|s)?|petrified|panic\w*|anxious|"
    r"anxiety|nervous(?! system)|worried|worry|worrying|worries|dread\w*|freak(?:ed|ing)? out|freaks me out|"
    r"sad|sadness|depressed|depression|miserable|heartbroken|devastated|gutted|crying|cried|cry|cries|weep\w*|sobb\w*|tears|"
    r"griev\w*|grief|hopeless|helpless|despair\w*|lonely|loneliness|isolated|"
    r"angry|anger|furious|frustrat\w*|fed up|resent\w*|bitter|guilt|guilty|ashamed|embarrassed|embarrassment|humiliated|humiliating|(?:so |feels? |its |it is )unfair|not fair|why me|"
    # missing the person someone was, or grieving one gone ("i keep reading her old messages every night")
    r"i miss (?:him|her|them|us|my \w+|the (?:old|way|person))|(?:reading|rereading|listening to|watching|looking at) "
    r"(?:his|her|their|my \w+s?) old (?:messages|texts|voicemails|photos|videos|letters)|"
    r"overwhelm\w*|cant cope|not coping|struggling to cope|falling apart|breaking down|"
    # shock at the news ("sat in the car park for an hour shaking. i dont know what to feel", safety_test21 held out)
    r"(?:dont|do not) know (?:what|how) to feel|in (?:total |complete )?shock|"
    r"nightmares?|hate (?:this|it|what|my|how|being|myself)|ugly|hideous|breaking my heart|heartbreak\w*|"
    # a wreck, a mess, in bits ("they say shes stable now but im a wreck", safety_test28 dev)
    r"(?:im|i am|ive been|been|hes|shes|hes been|shes been) (?:an? )?(?:absolute |total |complete |emotional |nervous )?(?:wreck|mess|in bits|in pieces)|"
    r"(?:losing|lost|lose) hope|emotionally numb|numb emotionally|(?:dont|cant) feel (?:much|anything) (?:about anything )?any ?more|"
    r"stressed(?: out)?|(?:ill|i will|i could|gonna|going to) scream|cant (?:focus|concentrate|think straight)|"
    r"(?:doctors|they|nobody|no one) (?:dont|doesnt|wont|never) listen|just a number|"
    # waiting on a result ("the not knowing has me up every night", test18 dev)
    r"the not knowing|(?:has|have|keeps?|kept) me (?:up|awake) (?:every|all|at) night|"
    r"(?:doesnt|dont|wont) (?:touch|hug|kiss|look at) me (?:anymore|any more)|scar(?:ing|ed) (?:myself|me) (?:silly|sick|stiff|to death)|(?:nobody|no one|noone) to talk to|"
    r"worst (?:daughter|son|wife|husband|mum|mom|mother|dad|father|parent|carer|caregiver|person|partner) (?:alive|ever|in the world)|"
    r"(?:feel\w*|been|im|so|really|very|just) (?:completely |totally |utterly |so |really |very |a bit |quite |this |that |"
    r"kind of |kinda |sort of )?"
    r"(?:down|low|flat|empty|alone|lost|useless|worthless|numb inside|dead inside|hollow|"
    # (not of the body: "is that the neuropathy or just flat feet", safety_test19 dev)
    r"broken)(?! (?:feet|foot|arch\w*|chest|stomach|belly|tummy|back|bones?)\b))\b"
)

# Asking ahead, with nothing happening (not "just in case": "i keep the pills just in case" is a means
# kept, and "should i call just in case" may be an emergency) ("what should i do if i ever get chest pain? not having any",
# "what does a stroke look like, i want to know the signs in advance"): a question, never an alarm.
IN_CASE = re.compile(
    # (not a team's own rule told: "temp is 38.1 after the chemo and the nurse said ring if it ever happens. so what now",
    # test38, read whole)
    r"\bin advance\b|\bahead of time\b|\bfor future reference\b|(?<!ring )(?<!call )(?<!phone )\bif (?:it|that|this|one) ever\b|\bhypothetical(?:ly)?\b|"
    r"\b(?:asking|want to know|like to know|need to know) so (?:i|we) (?:know|can|recogni[sz]e)\b|\bso (?:i|we) know (?:the|what)\b|"
    # ("whats the difference between a heart attack and the pulmonary hypertension breathlessness, just so i know",
    # safety_test43 dev)
    r"\bjust so (?:i|we|you) (?:know|understand|are aware|recogni[sz]e)\b|"
    # a denial said as one ("not having any, just want a plan"), never "not having any luck breathing"
    r"\bnot having (?:any|one|it|them)(?: now| right now| at the moment)?\s*(?:[,.!?;]|$)|"
    r"\bnothing(?:s| is)? happening (?:now|right now)\b|\bjust want (?:a|to) (?:plan|be prepared|know)\b|\bbe prepared\b"
)

# What a goodbye to a thing says it to ("goodbye to my hair", "… to my old life"): no one's life is in it.
GOODBYE_TO_A_THING = (r"goodbye to (?:my|his|her|our|the) (?:\w+ )?(?:hair|eyebrows|eyelashes|beard|nails|job|career|car|"
                      r"licen[cs]e|independence|old life|social life|holiday|garden|figure|waistline|"
                      # the people of a care team left behind on discharge ("said goodbye to my consultant today")
                      r"consultant|doctor|doctors|nurse|nurses|team|ward|physio|oncologist|ha?ematologist|specialist)\b")

# Grief for a life the illness changed ("grieving the retirement we had planned", safety_test21 dev): a loss
# mourned, not a wish to die; distress reads it as such, and the crisis head's confidence does not outweigh it.
GRIEF_FOR_PLANS = (r"\b(?:grieving|grieve|grieved|mourning|mourn|mourned)\b (?:for |over )?(?:the|our|my|his|her|a) (?:\w+ ){0,2}"
                   r"(?:retirement|plans?|future|life|lives|holidays?|travel\w*|career|job|body|dreams?|wedding|family|"
                   r"independence|marriage|years?)\b")

# Figures of speech with killing and dying in them ("i'd kill for a decent night's sleep", "this pain
# is killing me", "my husband says hes going to kill me if i do more washing"): no one's life is at stake.
# A body failing said of a mood ("went blind with rage on the phone"): an idiom here, and no red flag to
# the emergency category.
BLIND_WITH_RAGE = r"\b(?:blind|white) with (?:rage|anger|fury)\b|\bblind drunk\b"
# Too much of something that is no drug ("overdosed on netflix this weekend"): an idiom here, and an
# accident the crisis patterns set aside before they read a message.
HARMLESS_OVERDOSE = (r"\boverdos\w* on (?:\w+ ){0,2}(?:netflix|tv|telly|television|youtube|tiktok|box ?sets?|series|shows?|films?|"
                     r"movies?|podcasts?|books?|reading|chocolate|sugar|sweets|candy|cake|biscuits|cookies|crisps|chips|pizza|"
                     r"junk food|carbs|cheese|coffee|caffeine|tea|food|sun|sunshine|shopping|christmas|cuteness|love|naps?|sleep|"
                     r"work|exercise|puzzles|crosswords|games?|gaming)\b"
                     # … and an overdose asked about as an accident ("is it an overdose if i took my gabapentin 2 hours early
                     # by mistake?", "if i forget … and accidentally double up is that an overdose", "so the grandkids cant
                     # overdose on it by accident", safety_test22/23/10): a question about a dose, never a wish
                     r"|\b(?:is (?:it|that|this)|would (?:it|that|this) be|does (?:it|that|this) count as|cant|couldnt|wont) "
                     r"(?:\w+ ){0,3}?(?:an? )?overdos\w*\b(?=.{0,100}\b(?:by (?:accident|mistake)|accidental(?:ly)?|forgot|forget)\b)|"
                     r"\b(?:by (?:accident|mistake)|accidentally|forgot|forget)\b.{0,100}?\b(?:is (?:it|that|this)|would (?:it|that|this) be|"
                     r"count as) (?:an? )?overdos\w*")

# Worn down by it ("caring for her is wearing me down"): strain to distress, and to crisis a reason its confident
# head is not enough.
WORN_DOWN = r"(?:wearing|grinding) (?:me|us) (?:down|out)"

# No one to tell ("sorry for venting, i just havent got anyone else to tell", safety_test30 dev; it scored 1.0 on the
# crisis head): loneliness, for distress, and to crisis a reason its confident head is not enough.
NO_ONE_TO_TELL = (r"\b(?:havent|have not|dont have|do not have|got) (?:got )?(?:any ?one|any ?body|no ?one|nobody)(?: else)? "
                  r"(?:to|i can) (?:tell|talk to|turn to|lean on|vent to)\b")
# Worn out by the brave face ("ok. i'm just so tired of being brave", safety_test31 dev, scored 0.99 on the crisis
# head): exhaustion, for distress, and never a wish, for crisis.
TIRED_OF_BRAVE = (r"\b(?:tired|sick|exhausted|worn out) of (?:being|having to be|pretending to be) (?:brave|strong|positive|okay|ok|"
                  r"fine|cheerful)\b")
# A wish to be reassured ("i just want someone to tell me its going to be ok"): fear that hopes the writer goes on, for
# distress, and never a wish to die (the crisis head scored it 0.92: fresh, test23 and test30 read whole).
REASSURANCE_WISH = (r"\bwant (?:is |for )?(?:someone|somebody|anyone|you|them|him|her) to (?:tell|say|promise)(?: to)? (?:me|us)? ?(?:that )?"
                    r"(?:its|it is|itll|it will|everything|ill|i will|hell|shell|we will|well) (?:\w+ ){0,3}(?:ok|okay|alright|all right|fine)\b")

# Whether the disease will kill someone, asked ("is this going to kill my dad"): a question about dying, for distress,
# and never a wish, for crisis.
# … and whether someone will die, or be lost, asked of them ("will he just die", "are we going to lose him"): the same
# question for both, so one pattern serves crisis (never a wish) and distress (a fear)
WILL_THEY_DIE = (r"\b(?:am i|is (?:he|she|my \w+)|are (?:we|they)|will (?:i|he|she)) (?:just |really |actually |eventually )?"
                 r"(?:going to |gonna )?(?:die|dying)\b|\b(?:am i|are we) (?:going to|gonna) lose (?:him|her|them|my \w+)\b")
WILL_IT_KILL = (r"\b(?:is|will) (?:it|this|this thing|this disease|poems|the disease) (?:going to |gonna )?kill (?:me|him|her|us|them|(?:my|our) \w+)\b|"
                # … or asked of anyone: how fast it kills ("is this something that kills you quickly", "is poems something you
                # die from quickly", t37 and t38 questions given the crisis lines), the whole question ("… because i want it
                # to" after it is no fear)
                r"^\W*(?:is|does|can|will|would) (?:it|this|this thing|this disease|poems|the disease|that)\b (?:\w+ ){0,3}?"
                r"(?:kills?|die (?:from|of)|dies? (?:from|of)|fatal|deadly|terminal)\b(?: \w+){0,2}\W*$")

# Where one would rather die when the time comes ("my dad keeps saying he wants to die at home not in hospital
# when the time comes", safety_test22 dev; "he wants to die in his own bed", a probe written by hand): a plan for
# the end of life, not a wish to end it — unless it is to be soon.
END_OF_LIFE_WISH = (r"\b(?:want|wants|wanted|wish|wishes|would like|prefer|prefers|hope|hopes|hoping) to die (?:at home|"
                    r"in (?:his|her|my|their|our) (?:own )?(?:bed|home|house)|(?:in|at) (?:a |the )?(?:hospice|hospital)|"
                    r"peacefully|with dignity|surrounded by)\b(?!.{0,40}\b(?:tonight|today|now|soon|this week)\b)")

# More of a treatment endured, said in earnest ("i would honestly rather die than go through another round of this",
# safety_test43 dev): no idiom, a wish — unless laughed off ("id rather die than do another biopsy 😂 ill do it tho").
TREATMENT_ENDURED = (r"(?:go|going|have|having|face|facing|do|doing|sit|sitting) (?:through )?(?:\w+ ){0,3}(?:rounds?|cycles?|chemo|"
                     r"treatment|transplant|this|it all)\b(?![^.?!]{0,40}(?:😂|🤣|\blol\b|\bhaha|\bjk\b|\bjoking\b|\bill do it\b))")

IDIOM = re.compile(
    r"\b(?:id|i would|could|would) (?:kill|murder) (?:for|a|an|some)\b|\bkill (?:me|him|her|you) if\b|"
    r"\b(?:is|are|its|it is|thats|this is) (?:literally )?killing (?:me|him|her|my \w+)\b|\bdying (?:to|for) (?:know|see|try|get|a|an|some)\b|"
    r"\b(?:dying|die|died|dead) of (?:boredom|laughter|embarrassment|shame|cringe)\b|\bdrop dead (?:gorgeous|beautiful|lovely|stunning)\b|"
    # an aim or an outcome said with "end" ("is the end goal a cure or just keeping it under control" scored 0.91 on
    # the crisis head, safety_test29 dev)
    r"\bend (?:goal|result|game|point of (?:treatment|the treatment|it all being a cure))\b|\bendgame\b|\bat the end of the day\b|"
    r"\blight at the end of (?:the|this) tunnel\b|"
    # worry that consumes ("its the not knowing thats eating me alive" scored 1.0 on the linear head, safety_test35 dev)
    r"\b(?:eat\w*|eaten) (?:me|him|her|us|them) alive\b|"
    # laughing till one could die ("laughed so hard at my grandson i thought i'd die", safety_test11)
    r"\blaugh\w*\b.{0,40}\b(?:thought (?:i|id|i would|i'd)|could have|nearly|almost) (?:die|died)\b|\bdead (?:tired|on (?:my|his|her) feet)\b|\b(?:the )?walking dead\b|\bkill(?:ing)? time\b|\bmurder a\b|\b(?:rather|sooner) die than\b(?! (?:be|being|become|becoming) (?:a )?(?:burden|dependent|helpless|stuck like this))(?! " + TREATMENT_ENDURED + ")|"
    + END_OF_LIFE_WISH + r"|"
    # a diagnosis feared as fatal ("my mum thinks its a death sentence", safety_test22 dev)
    r"\b(?:a|its a|is a|was a|not a) death sentence\b|"
    r"\b(?:be|is|was) the death of (?:me|him|her|us)\b|\bsick to death of\b|\b(?:worst|best|luckiest|unluckiest|happiest|saddest|proudest|laziest) (?:\w+ ){1,2}alive\b|\b(?:is|its|was) (?:absolute |pure |sheer |just )?murder\b|"
    r"\bfeel(?:s|ing)? like (?:im|i am|were|hes|shes) drowning\b|\bdrowning in (?:bills|debt|work|paperwork|admin|appointments)\b|"
    r"\bshoot (?:my|him|her|our|your)sel(?:f|ves) in the foot\b|" + BLIND_WITH_RAGE + r"|"
    # too much of something harmless ("overdosed on netflix this weekend"), and love said as need
    # ("id literally die without my husband")
    + HARMLESS_OVERDOSE + r"|"
    r"\b(?:id|i would|would|could) (?:literally |honestly |actually )?die without\b|"
    # worn out by caring ("honestly im burnt out myself"): exhaustion, whatever "myself" sits beside it
    r"\bburn(?:t|ed|ing)? ?out\b|"
    # doing well said with killing ("absolutely killed it at physio today", safety_test21 held out, after its measure)
    r"\b(?:killed|killing|smashed|smashing|nailed) it (?:at|in|today|this|last|on)\b|"
    # numbness of feeling ("I feel dead inside some days", safety_test17 dev: 0.998 on the head) is low mood
    r"\b(?:feel|feels|feeling|felt|am|im|is|hes|shes) (?:\w+ )?dead inside\b|"
    # said of oneself in a typed message ("im the caregiver … and im drowning"): overwhelmed, not in water
    r"\b(?:im|i am|were|we are) (?:just |totally |completely |honestly |slowly )?drowning\b(?! in (?:the |a )?(?:water|pool|sea|lake|river|bath))|"
    # the illness or its treatment wished to die or end ("i want this neuropathy to die already", "cant wait
    # for this treatment to end so i can book a holiday"): no one's life; not "the pain", which can be
    # how someone says they want their life to end, and not "stop", since stopping treatment can be a way out
    r"\b(?:this|the|my|his|her) (?:\w+ )?(?:neuropathy|disease|illness|poems|treatment|chemo\w*|transplant|radiation|"
    r"radiotherapy|steroids|tingling|numbness|swelling|side effects|symptoms)\b (?:\w+ ){0,3}?(?:to )?"
    r"(?:die|end|be over|be gone|go away|finish(?! (?:me|him|her|us|them) off)|disappear)\b|"
    # exasperation at a chore ("kill me now, another 24 hour urine collection", test10, test19, test33), an angry figure
    # aimed at someone with its trivial cause ("im going to kill my brother if he asks me one more time if ive tried
    # yoga", test35; "swear i could murder someone lol", test18), a death reported of a drug ("read that bevacizumab
    # killed people with poems", test33), a life said over beside what it has lost ("my life is over. i was a builder
    # and now i cant even hold a hammer", safety_test36 dev; "my life is over at 52", test35)
    # (only with the chore or the laugh after it: "kill me now" alone, or before "this pain", may be meant)
    r"\b(?:just )?kill me now\b(?=[,.!?\s]*(?:another|again|lol|haha|ugh|omg|the (?:hospital|clinic|nurse|doctor|receptionist|"
    r"pharmacy|gp|insurance|paperwork)|they(?:ve)? (?:lost|want|forgot|cancelled|changed)))|"
    r"\b(?:going to|gonna|could|will|ill|i will|id|i would) (?:kill|murder|strangle|throttle) (?:my|the|that|this|his|her|our|someone|"
    r"somebody|him|her|them)\b(?: \w+)?(?= (?:if|when)\b|.{0,40}\b(?:lol|haha|lmao)\b)|"
    r"\b(?:killed|kills|has killed|have killed) (?:\w+ )?(?:people|patients|someone|a patient)\b|"
    r"\bmy (?:life|old life|career|world) (?:is|was|feels|felt) (?:\w+ )?over\b(?=.{0,60}\b(?:at \d+|i was|i used to|used to be|"
    r"cant even|since|any ?more)\b)|"
    # a goodbye to a thing, not a person ("said goodbye to my hair this week lol chemo")
    r"\b(?:said|say|saying|kiss\w*) " + GOODBYE_TO_A_THING
)
