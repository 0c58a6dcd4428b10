"""Typo tolerance for the safety patterns: "cant breth", "siezure", "suicde" and "terified" are read as
the words the patterns key on, so a misspelt emergency is still one.

Only a word the gate does not know (not in safety_data/known_words.txt: common English with simple
inflections, the guides' words, the exemplars' words) is corrected, and only to a signal word: same
first letter, at most two letters longer or shorter, difflib similarity >= 0.85 — or the same letters
with two neighbours swapped ("pian" → "pain"). "cooking" is known, so it never becomes "choking".
"""

from __future__ import annotations

import difflib
import json
import logging
import re
from functools import lru_cache
from pathlib import Path

from assistant.safety.paths import DEFAULT_EXEMPLARS, KNOWN_WORDS_FILE

log = logging.getLogger(__name__)

MIN_SIMILARITY = 0.85

# The words the crisis, emergency and distress patterns key on (normalised spelling).
SIGNAL_WORDS = frozenset("""
    drooping droopy droop drooped lopsided crooked slurring slurred slurry garbled gibberish jumbled speech
    suddenly sudden collapsed collapse unconscious unresponsive responding fainted fainting faint seizure
    seizures fitting convulsing breathe breath breathing breathless gasping choking struggling chest
    crushing squeezing pressure tightness coughing blood bleeding vomiting stroke headache thunderclap worst
    blind vision confused confusion paralysed paralyzed tongue throat nosebleed unbearable agonising
    agonizing excruciating stomach heart attack swollen swelling minutes pain
    suicide suicidal overdose overdosing lethal living alive harming cutting stockpiling goodbye pills
    tablets disappear myself himself herself anymore
    scared terrified frightened afraid anxious anxiety depressed depression worried worrying lonely
    hopeless overwhelmed exhausted crying devastated heartbroken frustrated nightmares panic dying
""".split())


# Real words one edit away from a signal word that the easy-word list lacks.
NEAR_MISSES = frozenset("""
    scarred scarring scarf sacred breadth brethren choked choker chess cheats bleached blinded blinds blonde
    stoked stroked stroking heartburn sudden pains pained painted plain tablet pillow pillows alike aloof
    living loving lining lifting dyeing drying dining crowing cropped crooks cutting gutting haring harming
    drooling drooled drools dribbling terrifies overdoing overdone overdid
""".split())


@lru_cache(maxsize=1)
def known_words(path: Path = KNOWN_WORDS_FILE) -> frozenset[str]:
    """The words never corrected; empty (no correction at all) when the file cannot be read."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        log.warning("safety known-words list %s unreadable; typo tolerance off", path)
        return frozenset()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _swapped(a: str, b: str) -> bool:
    """Whether a and b differ only by two neighbouring letters swapped."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _vowel_for_vowel(a: str, b: str) -> bool:
    """Whether a and b differ only by one vowel written for another: how a word is spelt by its sound
    ("speach" for "speech", safety_test22 dev; difflib rates the pair 0.83, under MIN_SIMILARITY)."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 1 and a[diff[0]] in "aeiou" and b[diff[0]] in "aeiou"


@lru_cache(maxsize=16384)
def correct_word(word: str) -> str:
    """The signal word an unknown word is a typo of, else the word itself."""
    if len(word) < 4 or word in SIGNAL_WORDS or not word.isalpha():
        return word
    known = known_words()
    if not known or word in known:
        return word
    pool = [s for s in SIGNAL_WORDS if s[0] == word[0] and abs(len(s) - len(word)) <= 2]
    swapped = [s for s in pool if _swapped(word, s) or (len(word) >= 5 and _vowel_for_vowel(word, s))]
    if swapped:
        return swapped[0]
    if len(word) < 5:
        return word
    match = difflib.get_close_matches(word, pool, n=1, cutoff=MIN_SIMILARITY)
    return match[0] if match else word


def correct_typos(norm: str) -> str:
    """Normalised text with typos of signal words corrected, word for word."""
    return re.sub(r"[a-z]+", lambda m: correct_word(m.group(0)), norm)


def build_known_words(corpus_dir: Path, exemplars: Path | None = None, path: Path = KNOWN_WORDS_FILE) -> Path:
    """Rebuild the known-words list from textstat's easy words, the guides and the exemplars."""
    import textstat

    exemplars = exemplars or DEFAULT_EXEMPLARS

    easy = (Path(textstat.__file__).parent / "resources" / "en" / "easy_words.txt").read_text(encoding="utf-8").split()
    words: set[str] = set()
    for w in (w.lower() for w in easy if w.isalpha()):
        forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", w + "er", w + "ers", w + "est", w + "ly", w + "y"}
        if w.endswith("e"):
            forms |= {w[:-1] + "ing", w[:-1] + "ed"}
        if w.endswith("y"):
            forms |= {w[:-1] + "ied", w[:-1] + "ies", w[:-1] + "ier", w[:-1] + "iest", w[:-1] + "ily"}
        if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
            forms |= {w + w[-1] + "ed", w + w[-1] + "ing", w + w[-1] + "er"}
        words |= forms
    words |= NEAR_MISSES
    for p in Path(corpus_dir).glob("*"):
        if p.suffix in (".txt", ".md", ".html"):
            words |= set(re.findall(r"[a-z]{4,}", p.read_text(encoding="utf-8", errors="ignore").lower()))
    for line in Path(exemplars).read_text(encoding="utf-8").splitlines():
        if line.strip():
            words |= set(re.findall(r"[a-z]{4,}", json.loads(line)["text"].lower().replace("'", "")))
    header = ("# Words the safety gate's typo tolerance never corrects (assistant/safety/spelling.py): common English\n"
              "# (textstat's easy words and simple inflections), the guides' words and the exemplars' words.\n"
              "# Rebuilt by `python -m assistant.safety --write-known-words`.\n")
    Path(path).write_text(header + "\n".join(sorted(w for w in words if len(w) >= 4)) + "\n", encoding="utf-8")
    known_words.cache_clear()
    correct_word.cache_clear()
    return Path(path)
