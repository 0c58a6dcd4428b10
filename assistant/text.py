"""Tokenising for keyword search and overlap scoring (Snowball English stemmer)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Container, Iterable
from functools import lru_cache

import snowballstemmer

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me might
    more most my myself no nor not now of off on once only or other our ours ourselves out over own same
    she should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves s t don dont im ive id get got go going thing things really
    please tell know want like much many well one ok okay hi hello thanks thank take takes taking took
    make makes made give gives say says said see seen come comes let put try way ways someone something
    anything lot lots kind sort stuff also even still yet ever actually just usually normal normally
    dad mum mom mother father husband wife partner sister brother son daughter friend wondering wonder
    told tell asked ask read heard someone everyone people person guy think thought feel felt feeling
    besides instead isn isnt cant can't won wont doesn didn whose done able apart couple stand word words
    bad good finish finished member members anyone happen happens happened mean means whats what's
    stop stops stopped start starts started basically little quick quickly official mentioned latest
    shes hes theyre youre thats whats wheres hows isnt arent doesnt didnt wont cant couldnt shouldnt wouldnt
    ive youve weve theyve ill youll hell shell were went gone came gave kept left""".split()
)
_TOKEN = re.compile(r"[a-z0-9][a-z0-9\-]*[a-z0-9]|[a-z0-9]")


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball stem, so 'diagnose'/'diagnosis'/'diagnosed' and 'lesions'/'lesion' meet."""
    if len(word) > 6 and word.endswith("sis"):
        word = word[:-3] + "se"  # Snowball leaves 'diagnosis' as 'diagnosi' but 'diagnose' as 'diagnos'
    return _STEMMER.stemWord(word)


def tokens(text: str, keep_stopwords: bool = False) -> list[str]:
    """Lower-cased, stemmed word tokens; hyphenated words also yield their parts."""
    out: list[str] = []
    for tok in _TOKEN.findall(text.lower()):
        parts = [tok] + (tok.split("-") if "-" in tok else [])
        for p in parts:
            if p and (keep_stopwords or p not in STOPWORDS):
                out.append(stem(p))
    return out


# "long" that asks how much time ("how long is the delay usually", "why does it take so long") is no word to look for:
# it met "the most robust long-term data" and "long survival" by its letters and led with the ASCT passage (a chat
# tried at the end of the last stop). The guides give a time in months and years, so those are what it looks for.
_ASKED_TIME = re.compile(r"\b(how|so|too) long\b(?!-)", re.I)


def without_asked_time(text: str) -> str:
    """The text with the "long" of "how long", "so long", "too long" read as the time it asks for: months, years."""
    return _ASKED_TIME.sub(r"\1 months years", text)


def content_words(text: str) -> list[str]:
    """Unstemmed non-stopword words, for showing and for typo correction."""
    return [w for w in re.findall(r"[a-z][a-z\-]+", text.lower()) if w not in STOPWORDS]


# a name's first letters and a placeholder for the rest ("cm-something", "dara something", "pom whatever")
_HALF_NAME = re.compile(r"\b([a-z][a-z0-9]{1,6})(?:-| )?(?:something|somethin|whatever|thingy|blah)\b", re.I)


class Vocabulary:
    """Corpus vocabulary for correcting patients' typos ('tretment' → 'treatment') before keyword search."""

    def __init__(self, texts: Iterable[str]) -> None:
        words: set[str] = set()
        names: set[str] = set()  # with digits too ("cm336"), for completing a half-remembered one
        for t in texts:
            low = t.lower()
            words.update(re.findall(r"[a-z][a-z\-]{3,}", low))
            names.update(re.findall(r"[a-z][a-z0-9\-]{2,}", low))
        self.words = words
        self.names = names
        self._by_initial: dict[str, list[str]] = {}
        for w in words:
            self._by_initial.setdefault(w[0], []).append(w)
        # Per-instance caches (as in index.embed): a cache on the method would be shared by every
        # Vocabulary and keep each one it has seen alive; tests and evals build many in one process.
        self.has_variant = lru_cache(maxsize=8192)(self._has_variant)
        self.correct = lru_cache(maxsize=8192)(self._correct)

    def _has_variant(self, word: str) -> bool:
        """A corpus word shares this word's first five letters ('tingly'/'tingling', 'suspects'/'suspicion')."""
        if len(word) < 6:
            return False
        head = word[:5]
        return any(w.startswith(head) for w in self._by_initial.get(word[0], []))

    def _correct(self, word: str) -> str:
        """The closest corpus word for an unknown word of 5+ letters (its American spelling first: the guides spell
        "edema", patients "oedema"), else the word itself."""
        if len(word) < 5 or word in self.words or word in STOPWORDS:
            return word
        spelt = american(word)
        if spelt in self.words:
            return spelt
        pool = self._by_initial.get(word[0], [])
        match = difflib.get_close_matches(word, pool, n=1, cutoff=0.82)
        return match[0] if match else word

    def complete_text(self, text: str) -> str:
        """A name half remembered ("the one with the weird code name, cm-something", "dara something") completed with
        the one corpus name it begins, when only one begins so; the text unchanged otherwise."""
        return _HALF_NAME.sub(lambda m: self._completed(m.group(1)) or m.group(0), text)

    def _completed(self, prefix: str) -> str:
        start = prefix.lower()
        if start in STOPWORDS or everyday(start):
            return ""  # "it something", "know something": words, not the start of a name
        found = {n for n in self.names if n.startswith(start) and len(n) >= len(start) + 3 and "-" not in n}
        return found.pop() if len(found) == 1 else ""

    def correct_text(self, text: str) -> str:
        return re.sub(r"[A-Za-z][A-Za-z\-]{4,}", lambda m: self._keep_case(m.group(0)), text)

    def _keep_case(self, w: str) -> str:
        fixed = self.correct(w.lower())
        return w if fixed == w.lower() else fixed


def unknown_terms(question: str, known: Container[str], vocab: Vocabulary, lay: LayTerms) -> list[str]:
    """Content words of a question that the guides never use, after typo correction and lay-term
    mapping: 'diet', 'vaccine', 'acupuncture' — the part of a question the guides cannot answer."""
    out = []
    life = life_words(lay.without_phrases(question), known)
    for word in content_words(question):
        if len(word) < 4:
            continue
        if life_topic(word) and word not in life:
            continue  # "baby aspirin": the life word names the kind of a thing the guides discuss
        fixed = vocab.correct(word)
        if stem(fixed) in known or lay.expand(word) or vocab.has_variant(word):
            continue
        if _INFLECTED.search(word):
            continue  # "coming", "worried", "quickly": how a question is put, not what it is about
        if everyday(word) or (word not in _LIFE_TOPICS and word.endswith("s")
                               and (everyday(word[:-1]) or stem(vocab.correct(word[:-1])) in known)):
            continue  # "keep", "mine", "sent", "mums": everyday English says how it is asked, not what about
        out.append(word)
    return out


@lru_cache(maxsize=1)
def _everyday_words() -> frozenset[str]:
    """The ~3,000 words most fourth-graders know (textstat's Dale-Chall list), plus patients' fillers.

    Measured on both patient question sets (331 questions): 55 of 274 answerable questions had a
    word the guides never use, 42 of 57 unanswerable ones; leaving out everyday words, 21 and 32."""
    from pathlib import Path

    import textstat

    easy = (Path(textstat.__file__).parent / "resources" / "en" / "easy_words.txt").read_text(encoding="utf-8").split()
    return frozenset(w.lower() for w in easy if w.isalpha()) | _FILLERS


_FILLERS = frozenset("gonna wanna gotta anymore super totally hubby kinda sorta really basically".split()
                     # texting shorthand for everyday words ("she has an eye doctor appt next week" was refused on "appt")
                     + "appt appts tmrw tomoz info mins hrs docs yrs ppl thru wasnt".split()
                     # everyday words for time, effort and comparison the word list lacks
                     + "meantime average ease eases easing undo hassle easiest easier safer sooner forever".split())


# Everyday words that are what a patient's question is about, not how it is put: the parts of daily
# life the guides may not cover (food and drink, driving and travel, work and money, family life).
_LIFE_TOPICS = frozenset("""beer beers wine drink drinks drinking food foods eat eating meal meals coffee tea sugar salt
    smoke smokes smoking cigarette cigarettes tooth teeth dentist baby babies pregnant car cars drive driving plane
    fly flying swim swimming sun beach sport sports gym job jobs money pay cost costs price school holiday holidays
    trip vacation dog dogs cat cats pet pets garden weather cold heat vaccine shot shots church marry married children
    child grandchildren grandkids insurance insurer allowance pension mortgage loan salary wages""".split())


def life_topic(word: str) -> bool:
    """Whether a word names a part of daily life (food and drink, driving, travel, work, family)."""
    return word in _LIFE_TOPICS


def life_words(question: str, known: Container[str]) -> list[str]:
    """The parts of daily life a question is about ("can she still drive", "how much does it cost"),
    leaving out a life word that only qualifies a guide term ("is baby aspirin enough")."""
    words = re.findall(r"[a-z][a-z\-]+", question.lower())
    return [w for n, w in enumerate(words) if life_topic(w) and not _names_a_guide_term(words[n + 1 : n + 2], known)]


def _names_a_guide_term(following: list[str], known: Container[str]) -> bool:
    """Whether the word right after is a medical word of the guides (known to them, not everyday
    English): in English the last noun of a pair names the thing ("baby aspirin" is an aspirin)."""
    return (bool(following) and len(following[0]) > 2 and following[0] not in STOPWORDS
            and stem(following[0]) in known and not everyday(following[0]))


# What a follow-up may ask of a treatment or of the disease, in everyday words that are still its subject:
# "does it cure it" asks for the line with "cure" in it (it had led with the transplant line, t20 dev).
_OUTCOMES = frozenset("""cure cures cured curable incurable remission relapse relapses permanent permanently reversible
    reverse recover recovery survive survival fatal deadly contagious catching genetic hereditary inherited""".split())


def outcome_word(word: str) -> bool:
    """Whether an everyday word names an outcome a follow-up asks about (cure, relapse, permanent, genetic)."""
    return word in _OUTCOMES


# Asking whether what was just named will pass ("will it go away", "will that go back to normal", "does it get
# better"): the guides say it with their recovery words ("Skin changes begin to fade", "Papilledema improves").
_RECOVERS = re.compile(r"\b(?:go(?:es)? away|go(?:es)? back to normal|back to normal|get(?:s|ting)? better|clear(?:s)? up|"
                       r"heal(?:s)?|fade(?:s)?|go(?:es)? down|improve(?:s)?|disappear(?:s)?)\b", re.I)
RECOVERY_WORDS = ("improve", "fade", "resolve", "recover", "normalize", "return", "regain", "reverses")


def outcome_words(question: str, words: Iterable[str]) -> list[str]:
    """The outcomes a follow-up asks about: its outcome words (`words`: its topic words), and the guides'
    recovery words when it asks whether something will pass."""
    return [w for w in words if outcome_word(w)] + (list(RECOVERY_WORDS) if _RECOVERS.search(question) else [])


# British spellings as the guides (American) and the everyday-word list spell them ("-ise" is left to the stemmer:
# "exercise" and "advise" are American too). Hand-written, a dozen rules
# rather than a package: the one kept list of pairs (breame) is not installed, and a patient's "colour", "oedema" or
# "anaemia" needs only its regular patterns ("will the dark colour fade once hes treated" was refused: "colour" read
# as a topic the guides never mention, conversations_t42 dev).
_BRITISH = [(re.compile(p), r) for p, r in (
    (r"^(?!(?:f|h|y|p|t|s|fl|dev|cont|det|d|sc|vel|am|param)our)(\w+?)our(s|ed|ing|ite|ites|ful|less|y)?$", r"\1or\2"),
    (r"aem", "em"), (r"^paed", "ped"), (r"(?<=[a-z])paed", "ped"), (r"anaes", "anes"), (r"faec", "fec"),
    (r"^oe(?=d|s)", "e"), (r"rrhoea", "rrhea"), (r"pnoea", "pnea"), (r"^foet", "fet"), (r"(?<=[a-z]{2}[bt])re(s|d)?$", r"er\1"),
    (r"ogue(s)?$", r"og\1"),
)]


def american(word: str) -> str:
    """A (lower-case) word in American spelling: "colour" -> "color", "oedema" -> "edema", "anaemia" -> "anemia"."""
    for pattern, repl in _BRITISH:
        word = pattern.sub(repl, word)
    return word


def everyday(word: str) -> bool:
    """Whether a (lower-case) word is everyday English: how something is said, not what it is about —
    also an everyday word undone, redone or at its most ("undone", "newest"), spelt the British way ("colour"), and
    the people around the patient ("mums", "hubby", "grandad")."""
    if word in _LIFE_TOPICS:
        return False
    words = _everyday_words()
    spelt = american(word)
    if spelt != word and everyday(spelt):
        return True
    if word in words or word in _PEOPLE or (word.endswith("s") and word[:-1] in _PEOPLE):
        return True
    if word.endswith("est") and len(word) > 5 and {word[:-3], word[:-3] + "e", word[:-4]} & words:
        return True  # "newest", "latest", "biggest": how much, not what ("arrest" is no superlative)
    if word.endswith("ness") and len(word) > 6 and {word[:-4], word[:-5] + "y"} & words:
        return True  # "illness", "tiredness", "happiness": an everyday word made a noun (t21 dev: "a nerve illness" was refused)
    return word[:2] in ("un", "re") and len(word) > 5 and word[2:] in words


# Who a patient or carer speaks of: never what the question is about.
_PEOPLE = frozenset("""mum mom mommy mummy mam ma dad daddy papa pa grandma grandpa grandad granddad gran nan nana nanna
    granny grandmother grandfather husband wife hubby wifey partner boyfriend girlfriend fiance fiancee son daughter
    brother sister sibling cousin aunt auntie uncle niece nephew kid kids child children family friend neighbour
    neighbor carer caregiver""".split())


_INFLECTED = re.compile(r"(?:ing|ed|ly)$")


class LayTerms:
    """Expands patients' plain words with the guides' clinical terms (assistant/data/lay_terms.toml)."""

    def __init__(self, mapping: dict[str, list[str]] | None = None):
        if mapping is None:
            import tomllib
            from pathlib import Path

            mapping = tomllib.loads((Path(__file__).parent / "data" / "lay_terms.toml").read_text(encoding="utf-8"))
        # phrases first, longest first, so "blood thinner" wins over "blood"; single words match by stem
        # ("suspected" uses the entry for "suspect"), phrases by whole words
        items = sorted(((k.lower(), list(v)) for k, v in mapping.items()), key=lambda kv: (" " not in kv[0], -len(kv[0])))
        self.items = [(stem(k) if " " not in k else re.compile(rf"(?<![a-z]){re.escape(k)}(?![a-z])"), v) for k, v in items]
        self.expand = lru_cache(maxsize=4096)(self._expand)  # per instance, as in Vocabulary

    def without_phrases(self, text: str) -> str:
        """The text with its lay phrases taken out: their words are the phrase's, not their own ("sex drive"
        names the libido, and its "drive" is no question about driving)."""
        rest = f" {text.lower()} "
        for key, _ in self.items:
            if not isinstance(key, str):
                rest = key.sub(" ", rest)
        return " ".join(rest.split())

    def _expand(self, text: str) -> str:
        """Extra clinical terms for the plain words in `text` ('' when none apply)."""
        low = rest = f" {text.lower()} "
        stems = {stem(w) for w in re.findall(r"[a-z]+", low)}
        extra: list[str] = []
        for key, terms in self.items:
            if isinstance(key, str):
                if key not in stems:
                    continue
            elif key.search(rest):
                # a phrase's words are the phrase's, not their own: "heart scan" is the echocardiogram, and
                # its "scan" had added the imaging and skeletal survey that led "is that permanent" to the
                # monitoring schedule
                rest = key.sub(" ", rest)
                stems = {stem(w) for w in re.findall(r"[a-z]+", rest)}
            else:
                continue
            extra.extend(t for t in terms if t.lower() not in low and t not in extra)
        return " ".join(extra)
