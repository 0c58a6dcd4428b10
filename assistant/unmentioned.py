"""Medicines a question asks about that no guide mentions.

"does rituximab work for poems", "would plasma exchange help his nerves", "is ixazomib an option if bortezomib didnt
work": the guides cannot answer a question about a medicine they never name, however close their passages on treatment
sound, and a patient given those passages may read them as a yes. On the read answer sets (t3-t40 and t41's dev half),
the 27 stand-alone questions that name a medicine no guide mentions (a guide's medicine misspelt, "daratumamab", is
known by the guides' spelling) are all ones the guides do not cover. The composer lowers the abstention model's bar
for such a question by DRUG_BAR_DROP, and a story told around it no longer excuses it (compose.py): 20 -> 23 of them
refused with the model of the time, 25 with the model retrained on first-t40.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.verify.names import drugs_in, kin

# How far the abstention model's bar falls for a question about a medicine no guide names: with it 23 of the 27 read
# questions were refused (25 with the retrained model), and "is heparin used for clots in poems" (0.30) stays answered from the guides' passages on
# preventing clots.
DRUG_BAR_DROP = 0.15
# A medicine someone is on is the story, not the question ("mum is on warfarin, is that the best blood thinner",
# "im on metformin for diabetes, can poems cause diabetes"): the drug named right after being on or taking it.
# (not a medicine someone else got better on: "my aunt got better on rituximab, is it used for poems")
_ONES_OWN = re.compile(r"\b(?:(?:is|im|i am|hes|shes|he is|she is|was|were|are|been|already|also|currently|still|now|both)\s+on|"
                       r"taking|takes|prescribed|started on|started)\s+(?:\w+\s+){0,2}$")


def unmentioned_drugs(question: str, mentions: Callable[[str], bool], correct: Callable[[str], str]) -> list[str]:
    """The medicines a question names that no guide mentions and that nobody is said to be on (`mentions`: whether the
    guides' text holds a name; `correct`: a word in the guides' spelling, so a misspelt guide drug is known)."""
    low = question.lower()
    out = []
    for name in sorted(drugs_in(question)):
        if mentions(name) or (re.fullmatch(r"[a-z]+", name) and mentions(correct(name))) or any(map(mentions, kin(name))):
            continue  # (named by the guides under a kin name: "does ivig or prednisone help" and their "steroids")
        at = low.find(name.split()[0])
        if at >= 0 and _ONES_OWN.search(low[:at]):
            continue
        out.append(name)
    return out
