"""The vocabulary the crisis patterns share: the medicines people take too many of, the ways of dying they
name, and the words for oneself. In a module of its own so that both pattern modules read it.

All are written against normalise()d text.
"""

from __future__ import annotations

SELF = r"(?:my|him|her|them|your|one)sel(?:f|ves)"
POSS = r"(?:my|his|her|their|your)"
# an amount asked of a day or a dose is a dosing question, whatever is said with it
# A life without oneself in it, not without one's illness ("she deserves a life without me in it" is a crisis, "… without
# me being sick all the time" and "happier without me moaning" are not)
WITHOUT_ME = r"without me\b(?!\s+(?:being|having|moaning|complaining|needing|holding|dragging|slowing))"
NOT_A_DAYS_DOSE = r"^(?!.*\b(?:a|per|each|every|in one) (?:day|dose|night|go)\b).*"
MEDS = (r"(?:pills|tablets|meds|medication|medicines?|painkillers|pain (?:pills|meds|killers)|sleeping pills|dex|steroids|"
         r"codeine|paracetamol|oxy|oxycontin|"
         r"capsules|gabapentin|pregabalin|lyrica|tramadol|oxycodone|morphine|opioids|insulin)")

# Ways of dying people name when they think of ending their life: a fall, a train or a car, a rope,
# a gun, water. Named alone they are everyday words ("the train to the clinic"), so the patterns
# below need a thought, an intent or a means at hand beside them.
METHOD = (
    r"(?:(?:jump\w*|leap\w*|throw\w* (?:my|him|her)self) (?:off|from|out of|in front of|under)\b|"
    r"(?:step\w*|walk\w*|lie|lying|lay\w*) (?:out )?(?:in front of|onto|on) (?:a|the) (?:train|bus|lorry|truck|car|tracks|"
    r"railway|road|motorway)|in front of (?:a|the) (?:train|bus|lorry|truck)|"
    r"(?:driv\w*|crash\w*|swerv\w*|steer\w*) (?:my |the |his |her |our )?(?:car |van |truck )?(?:into|off) (?:a|the) "
    r"(?:wall|tree|river|lake|sea|bridge|cliff|lorry|truck|oncoming|pole|barrier)|"
    r"(?:off|from) (?:a|the) (?:bridge|roof|cliff|balcony|building|tower|car park|multi ?storey)|"
    r"(?:hang\w*|drown\w*|shoot\w*|gas\w*) (?:my|him|her)sel(?:f|ves)|the (?:train )?tracks|(?:a|the) railway line|"
    r"(?:walk\w*|swim\w*) (?:into|out into) the (?:sea|river|lake|water))"
)
