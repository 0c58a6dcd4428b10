"""The Assistant: safety → follow-up resolution → hybrid retrieval → an answerer → answer check → text.

The stages hand each other structure (a verdict, a resolved query, hits, a Composition of cited
blocks); the answer's text and its numbered citations are written once, in `_finish`.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import time
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

import assistant.compose  # noqa: F401 - registers the extractive answerer
import assistant.llm_answerer  # noqa: F401 - registers the language-model answerer (its client loads only when chosen)
from assistant.answer_shape import ASKS_EXPANSION, defines_own_term, message_focus
from assistant.answerer import Answerer, AnswererContext, AnswerRequest, Composition, make_answerer
from assistant.asked import AskedMemory
from assistant.compose_settings import ComposerSettings
from assistant.disease_name import names_disease, search_vector, without_disease_name
from assistant.followup import is_follow_up, last_answer, normalise_history, resolve
from assistant.home import without_home
from assistant.question import (
    DEFINITION_THEN,
    AnswerKind,
    acronym_letter,
    answer_kind,
    asked_part,
    asks_what_poems_is,
    bare_letter,
    only_diagnosis_news,
    switches_topic,
    topic_words,
    without_asides,
)
from assistant.retrieve import HybridSearch
from assistant.safety.answer_check import block_passes, check_blocks
from assistant.safety.categories.emergency import EMERGENCY_PREFACE
from assistant.set_aside import set_aside, without_set_aside
from assistant.smalltalk import REPLIES as COURTESY_REPLIES
from assistant.smalltalk import courtesy
from assistant.text import content_words, life_words, tokens
from core import citations as cite_grammar
from core.config import Config
from core.conflicts import norm, read_conflicts
from core.errors import BadQuestion, IndexNotBuilt
from core.sentences import split_sentences
from core.types import (
    CRISIS,
    DISCLAIMER,
    EMERGENCY,
    NO_SOURCES_DISCLAIMER,
    OUT_OF_SCOPE,
    PERSONAL_ADVICE,
    Answer,
    Block,
    BlockKind,
    Turn,
)
from index.embed import Embedder
from index.store import ChunkStore

log = logging.getLogger("poems.assistant")

MAX_QUESTION_CHARS = 4000


def clean_question(question) -> str:
    """Validate a question: text, not empty, not huge; control characters become spaces."""
    if not isinstance(question, str):
        raise BadQuestion("The question must be text.")
    q = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\n\t" else ch for ch in question)
    q = re.sub(r"\s+", " ", q).strip()
    if not q:
        raise BadQuestion("The question is empty; type a question about POEMS syndrome.")
    if len(q) > MAX_QUESTION_CHARS:
        raise BadQuestion(
            f"The question is {len(q):,} characters long; please keep it under {MAX_QUESTION_CHARS:,} characters."
        )
    return q



# what a message that asks what POEMS itself is, or only tells of a diagnosis, is searched and answered as
WHAT_IS_POEMS = "What is POEMS syndrome?"


def _own_words_answered_alone(question: str, turns: Sequence[Turn], in_context: Composition, alone: Composition) -> bool:
    """Whether the words a follow-up brings of its own (in none of the user's earlier messages, whose words
    its search carries) are in the answer it gets alone and in none of the answer it gets in the
    conversation's context: "is there groups for people like us" after a testosterone answer was answered
    with testosterone replacement, the carried words matching better than the message's own. (Counting
    the answers' words too, an earlier answer's "the Kuwabara group" kept it so in a ten-turn chat.)"""
    said = set(tokens(" ".join(t.content for t in turns if t.role == "user")))
    own = {t for t in tokens(" ".join(topic_words(question, content_words(question)))) if t not in said}
    if not own:
        return False
    return bool(own & set(tokens(alone.text))) and not own & set(tokens(in_context.text))


def stands_alone_as_written(message: str, asked: str, history: Sequence[Turn]) -> bool:
    """Whether a message the safety gate cut down to its asking part (`asked`) stands alone as written: then the
    conversation lends it nothing, however much the asking part alone leans on it."""
    return asked != message and not is_follow_up(message, history)


def _after_emergency(turns: Sequence[Turn]) -> bool:
    """Whether the last answer told someone to call the emergency number: the symptom it answered lends
    no topic to a next message that is no emergency ("is it hereditary? could my kids get it" after
    chest pain is about POEMS; it had been searched with "chest … arm" and answered with the skin passage)."""
    last = next((t for t in reversed(turns) if t.role == "assistant"), None)
    return last is not None and EMERGENCY_PREFACE in last.content

class Assistant:
    """Answers questions about POEMS syndrome from the indexed guides, with citations.

    >>> bot = Assistant.from_config()
    >>> answer = bot.ask("Why does POEMS take so long to diagnose?")
    >>> answer.citations[0].source  # doctest: +SKIP
    'bare-your-rare-poems-guide.txt'
    """

    def __init__(self, search: HybridSearch, answerer: Answerer, embedder: Embedder, safety=None,
                 top_k: int = 6, store: ChunkStore | None = None):
        self.search = search
        self.answerer = answerer
        self.embedder = embedder
        self.safety = safety
        self.top_k = top_k
        self.store = store
        # a follow-up that might stand alone is answered alone only when that finds clearly better
        # evidence than reading it in the conversation's context
        self.alone_margin = 0.05
        self._sentence_index: dict[str, list[str]] = {}
        for c in search.chunks:
            for s in c.sentence_texts():
                self._sentence_index.setdefault(_key(s), []).append(c.id)
        # onnxruntime is thread-safe, but on 2 cores two model calls at once finish no sooner than
        # one after the other: serialise them
        self._lock = threading.Lock()

    @functools.cached_property
    def retriever(self):
        """The LangChain face of this assistant's search (built on first use: langchain is slow to import)."""
        from assistant.langchain_retriever import PoemsRetriever

        return PoemsRetriever(search=self.search, k=self.top_k)

    @classmethod
    def from_config(cls, config: Config | None = None, *, embedder: Embedder | None = None,
                    retrieval_mode: str = "hybrid", safety: bool = True,
                    settings: ComposerSettings | None = None, answerer: str | None = None,
                    asked_without: Collection[str] = ()) -> Assistant:
        """Load the embedder, the index and the BM25 index once. The index must exist: building
        it is ingest's job (`ingest.pipeline.ensure_index`), called by the CLI and the chat.
        `answerer` names a registered answerer (default: the config's, POEMS_ANSWERER). Hybrid
        retrieval also hears the questions asked before (assistant.asked), less those of the answer
        sets named in `asked_without` (an eval measuring a set leaves that set's questions out)."""
        config = config or Config.from_env()
        answerer = answerer or config.answerer
        # connect first: a dead Chroma server should fail in a second, not after the model loads
        store = ChunkStore.from_config(config)
        version = store.active()
        if version is None:
            raise IndexNotBuilt(f"No index '{config.collection}' yet; run `poems-assistant ingest` first.")
        if embedder is None:
            from index.embed import load_embedder

            embedder = load_embedder(config)
        chunks = store.chunks(version)
        memory = AskedMemory.load(embedder).without(asked_without) if retrieval_mode == "hybrid" else None
        search = HybridSearch(chunks, store, version, embedder, mode=retrieval_mode, memory=memory)
        conflicts = read_conflicts(config.corpus_dir) if config.corpus_dir.exists() else []
        context = AnswererContext(search, lambda ids: store.sentence_vectors(version, ids), conflicts, settings, config)
        chosen = make_answerer(answerer, context)
        gate = None
        if safety:
            from assistant.safety import SafetyGate

            # name the guides in the out-of-scope reply, strongest first
            publishers = list(dict.fromkeys(c.publisher for c in sorted(chunks, key=lambda c: c.authority) if c.publisher))
            gate = SafetyGate(embedder, guide_names=publishers or None)
        return cls(search, chosen, embedder, gate, top_k=config.top_k, store=store)

    def locate_cited(self, text: str) -> list[str]:
        """Chunk ids whose sentences appear in an earlier answer, for callers whose history carries
        text only (API and batch clients); the chat passes the cited ids in `Turn.cited`."""
        found: list[str] = []
        body = cite_grammar.strip(text)
        for a, b in split_sentences(body):
            for cid in self._sentence_index.get(_key(body[a:b]), []):
                if cid not in found:
                    found.append(cid)
        return found

    @functools.cached_property
    def _letter_headings(self) -> dict[str, str]:
        """'M' → 'M — Monoclonal protein': the guides' own headings that spell out the acronym."""
        out: dict[str, str] = {}
        for c in self.search.chunks:
            leaf = c.section.split(" › ")[-1]
            m = re.match(r"^([A-Z]) — (.+)$", leaf)
            if m:
                out.setdefault(m.group(1), leaf)
        return out

    def _letter_named(self, text: str) -> str:
        """An earlier message as a follow-up's context: with the heading of the letter it asked about
        ("whats the M in poems (M — Monoclonal protein)"), or as what it asked if that was what POEMS is
        ("my husband just got diagnosed w poems, what even is it"); any other as it is (a "what is it"
        about carfilzomib stays about carfilzomib: the gold set's "is it safe for the nerves?" after it)."""
        heading = self._letter_headings.get(acronym_letter(text) or "")
        if heading:
            return f"{text} ({heading})"
        asked = asked_part(text)
        if answer_kind(asked) is AnswerKind.DEFINITION and asks_what_poems_is(asked, text) and not defines_own_term(text):
            return WHAT_IS_POEMS
        return text

    def _name_letter(self, question: str) -> str:
        """'what does the M in poems mean' is searched with the heading that names the M, and
        'i just got diagnosed. what is this disease??' as what it asks: what POEMS syndrome is (both as an
        earlier message is read, _letter_named); then a term the message asks to have defined."""
        named = self._letter_named(question)
        if named != question:
            return named
        asked = asked_part(question)
        defined = defines_own_term(question)
        focus = message_focus(question) if DEFINITION_THEN.match(asked) else ""
        if focus and focus != "poems" and not self.search.unknown_terms(focus):
            # "what is VEGF and why do they keep testing it on my dad": the second question pulled the search
            # to the workup list (with the term put first, too) and no definition was found; the first
            # question asked is searched, and its passages answer the second as far as the guides do
            # (before the asked part as a whole: "… what even is vegf and why does everyone keep testing
            # it" was searched whole, t15 dev)
            return f"what is {focus}?"
        if defined and not self.search.unknown_terms(defined):
            # "organomegaly?? her scan report says that": what is asked names the thing to define; the
            # rest tells where it was met ("scan report" had brought back the imaging schedule). Only a
            # term the guides know: "… could it actually be poems? whats the diff" is no question
            # about a "diff" (searched alone it was refused)
            return defined
        # (Searching with the asked sentence alone whenever it stands alone was tried: it fixed "my
        # husband was just diagnosed. what are the treatment options?" but lost more context than it
        # gained: gold dev hit@5 0.938 -> 0.917, patient dev all facts 0.568 -> 0.554.)
        return question

    @staticmethod
    def _last_asked_letter(turns: Sequence[Turn]) -> bool:
        """Whether one of the last three user turns asked what a letter of POEMS stands for (or named one
        bare), or what they all do ("what does poems stand for?" then "and the S?"; "whats the M in poems",
        "what kind is it usually", then "and the E?")."""
        recent = [t.content for t in turns if t.role == "user"][-3:]
        return any(acronym_letter(u) or bare_letter(u) or ASKS_EXPANSION.search(u) for u in recent)

    def _carried(self, turn: Turn) -> list[str]:
        return [c for c in turn.cited if c in self.search.by_id] if turn.cited else self.locate_cited(turn.content)

    def ask(self, question: str, history: Sequence[Turn] | Sequence[dict] = ()) -> Answer:
        """Answer one question in the context of the conversation so far."""
        prepared = self._prepare(question, history)
        if isinstance(prepared, Answer):
            return prepared
        comp = prepared.composed
        if comp is None:
            t2 = time.perf_counter()
            comp = self.answerer.answer(prepared.request)
            prepared.timings["compose_ms"] = prepared.timings.get("compose_ms", 0.0) + _ms(t2)
        return self._complete(prepared, comp)

    def ask_stream(self, question: str, history: Sequence[Turn] | Sequence[dict] = ()) -> Iterator[Block | Answer]:
        """Answer one question, yielding each checked block as soon as the answerer has verified it
        (a language model's sentences, one by one), then the finished Answer, whose text is what
        counts. An answerer that cannot stream yields only the Answer."""
        prepared = self._prepare(question, history)
        if isinstance(prepared, Answer):
            yield prepared
            return
        stream = getattr(self.answerer, "stream", None)
        if stream is None:
            yield self._complete(prepared, prepared.composed or self.answerer.answer(prepared.request))
            return
        t2 = time.perf_counter()
        comp = None
        personal = PERSONAL_ADVICE in prepared.flags
        for item in stream(prepared.request):
            if isinstance(item, Composition):
                comp = item
            elif self._shows(item, personal):
                yield item
        if comp is None:
            raise RuntimeError(f"answerer {self.answerer.name!r} streamed no composition")
        prepared.timings["compose_ms"] = prepared.timings.get("compose_ms", 0.0) + _ms(t2)
        yield self._complete(prepared, comp)

    def _shows(self, block: Block, personal: bool) -> bool:
        """Whether the answer check would keep this block (the same rules `_finish` applies)."""
        try:
            cited = {c.chunk_id: c for c in cite_grammar.build_citations([block], self.search.by_id)}
            return block_passes(block, cited, personal)
        except Exception:
            log.exception("answer check failed on a streamed block; not showing it")
            return False

    def _prepare(self, question: str, history) -> Answer | _Prepared:
        """Safety, follow-up resolution and retrieval: a finished Answer for a safety reply, else the request."""
        t0 = time.perf_counter()
        q = clean_question(question)
        turns = normalise_history(list(history) if history else [])
        timings: dict[str, float] = {}
        verdict = None
        flags: list[str] = []
        if self.safety is not None:
            with self._lock:
                verdict = self.safety.check_question(q, turns)
            flags = list(verdict.flags)
            timings["safety_ms"] = _ms(t0)
        said = courtesy(q)
        if said is not None and set(flags) <= {OUT_OF_SCOPE}:
            # "thank you, this helped" asks nothing (it had been answered with the passages it leaned on, "hi"
            # with "the guides do not cover this"): a short reply; a goodbye the gate hears as one stays its
            reply = Composition([Block(COURTESY_REPLIES[said], role="note")], answerer="courtesy")
            return self._finish(Answer(text="", flags=[], question=q), reply, None, t0, timings)
        if verdict is not None:
            if verdict.reply:
                # emergencies, crises and out-of-scope questions end here: no answerer, no model
                reply = Composition([Block(verdict.reply, role="refusal")], answerer="safety")
                return self._finish(Answer(text="", flags=flags, question=q), reply, verdict, t0, timings)
            q_retrieve = verdict.question or q
        else:
            q_retrieve = q
        # "ok other question, …" starts a new topic: the conversation lends it nothing; asides about
        # how to answer ("in plain english", "be honest") carry no topic and pull the search away
        # … and so does a message that sets a named thing aside ("besides cidp what other things does this get mistaken
        # for", after a turn about cm336, had the turn before searched with it)
        switched = (switches_topic(q_retrieve) or (EMERGENCY not in flags and _after_emergency(turns))
                    or bool(set_aside(q_retrieve)))
        # … and so does a message that stands alone as written, when the gate kept only its asking part: "shaking with
        # nerves before his echo tomorrow, what if his heart is damaged" stands alone, but its asking part "what if his
        # heart is damaged" reads as a follow-up, and after a question about lenalidomide it had been searched with the
        # lenalidomide words (a ten-turn chat tried by hand); asked alone it led with the heart passage
        switched = switched or stands_alone_as_written(q, q_retrieve, turns)
        # ("cm-something" is searched as the one guide name it begins: cm336)
        q_retrieve = without_home(without_asides(self.search.vocab.complete_text(q_retrieve)), self.search.uses_word)
        if only_diagnosis_news(q_retrieve):
            q_retrieve = WHAT_IS_POEMS  # "my dad has been told he might have poems" asks nothing else
        letter = bare_letter(q_retrieve)
        if letter and self._last_asked_letter(turns):
            # "and the S?" after "what does the M stand for" asks the same of another letter
            q_retrieve, switched = f"what does the {letter} in POEMS stand for", True
        # an earlier "whats the M in poems" is about what the letter names ("what kind is it usually" after it
        # asks about the M-protein): the follow-up's search carries the name, not the bare letter
        named = [Turn(t.role, self._letter_named(t.content), t.cited) if t.role == "user" else t for t in turns]
        # what the message sets aside ("besides cidp, what else …") is searched for no more; the composer keeps it from leading
        searched = without_set_aside(q_retrieve)
        asked = self._name_letter(searched)
        resolved = resolve(asked, [] if switched else named, self._carried)
        emergency = EMERGENCY in flags
        # emergency, crisis and distress each steer retrieval to their guide passages (thrombosis, support)
        hint = verdict.retrieval_hint if verdict is not None else ""
        query = resolved.query
        advice = PERSONAL_ADVICE in flags
        # a follow-up hears the questions asked before only when it is surely one (it then hears the follow-up turns
        # too, reworded to stand alone): an undecided one is weighed against itself asked alone, below
        request = self._request(q_retrieve, query, resolved.carry_ids, hint, turns, resolved.is_follow_up, emergency, timings,
                                advice, asked=not resolved.is_follow_up or resolved.certain)
        composed = None
        # a message that names a topic the guides never mention ("does acupuncture help", "can he drink
        # alcohol on it") has its own subject: it is answered (or refused) as if asked alone, however
        # much it leans on the conversation (answered in its context, "can she have a glass of wine
        # while shes on it" got the lenalidomide passages)
        own_topic = resolved.is_follow_up and bool(self.search.unknown_terms(q_retrieve))
        if resolved.is_follow_up and (not resolved.certain or own_topic):
            # "is it curable" may stand alone ("it" with no other referent means POEMS): when the
            # guides answer it alone better than in the conversation's context, it is answered
            # exactly as if asked alone (judged on the extractive composition, so a language
            # model is asked once, about the chosen search)
            comp = self._probe(request, timings)
            # (without the memory of questions asked before: its votes find close passages for the bare words,
            # and "is it safe for the nerves?" after carfilzomib was answered alone, with the nerve passages)
            alone_request = self._request(q_retrieve, searched, (), hint, turns, False, emergency, timings, advice,
                                          asked=False, shown=last_answer(turns))
            alone = self._probe(alone_request, timings)
            if own_topic or (not alone.abstained and (comp.abstained or alone.evidence > comp.evidence + self.alone_margin
                                                       or _own_words_answered_alone(q_retrieve, turns, comp, alone))):
                comp, query, request = alone, searched, alone_request
            composed = comp if getattr(self.answerer, "probe", None) is None else None
        elif (not switched and not hint and any(t.role == "user" for t in named) and not self.search.unknown_terms(q_retrieve)
              and not names_disease(q_retrieve) and not life_words(q_retrieve, self.search.known_terms)):
            # A message that reads as standing alone but that the guides do not answer alone may still lean on the
            # conversation with no pronoun ("does high prolactin matter for anything else" after her periods stopping was
            # refused, conversations_t38): before it is refused, it is tried in the conversation's context — unless
            # it names its own subject, the disease or a part of daily life: in context, "is poems passed down in
            # families" and "how much does a pet ct scan cost in the us" were answered, not refused (read
            # conversations t36-t41 and t42 dev: 4 wrong refusals fewer for 6 right ones lost, before this exception).
            comp = self._probe(request, timings)
            if comp.abstained:
                ctx = resolve(asked, named, self._carried, assume=True)
                if ctx.is_follow_up:
                    ctx_request = self._request(q_retrieve, ctx.query, ctx.carry_ids, hint, turns, True, emergency, timings, advice)
                    in_context = self._probe(ctx_request, timings)
                    # … and only when the conversation makes the evidence stronger: refused alone on evidence it already
                    # had, "whats the fee for a mayo second opinion" and "can i join the cm336 trial from canada" scored
                    # lower in context and were answered there, not refused (t42's held-out half, read after its measure)
                    if not in_context.abstained and in_context.evidence > comp.evidence:
                        comp, query, request = in_context, ctx.query, ctx_request
            composed = comp if getattr(self.answerer, "probe", None) is None else None
        if hint:
            query = f"{query} {hint}"
        return _Prepared(request, verdict, flags, q, query, t0, timings, composed)

    def _request(self, question: str, query: str, carry: Sequence[str], hint: str, turns: Sequence[Turn],
                 follow_up: bool, emergency: bool, timings: dict[str, float], advice: bool = False,
                 asked: bool = True, shown: str | None = None) -> AnswerRequest:
        """Search for `query` (plus an emergency's hint): what the answerer will compose from; `asked`:
        whether the questions asked before vote (assistant.asked); `shown`: the answer the reader has just
        read (by default a follow-up's last answer)."""
        if hint:
            query = f"{query} {hint}"
        t1 = time.perf_counter()
        named = without_disease_name(query)
        with self._lock:
            vecs = self.embedder.embed([query] if named == query else [query, named])
        qvec = vecs[0]
        hits = self.search.search(query, k=self.top_k, vector=qvec, carry=carry, asked=asked, follow_up=follow_up,
                                  memory_vector=search_vector(vecs))
        if emergency and hint:
            # what follows the call-now line is chosen for the hint alone: with the message's own words
            # "my chest feels like someone is sitting on it" led with the skin passage's "hair growth on
            # the face, arms, chest" (the search keeps them: they find the passage the hint names)
            query = hint
            with self._lock:
                qvec = self.embedder.embed([query])[0]
        timings["retrieve_ms"] = timings.get("retrieve_ms", 0.0) + _ms(t1)
        # an emergency answer always shows the guide passage its search hint found (e.g. the
        # thrombosis section for chest pain): after the call-now instruction it is still useful
        return AnswerRequest(question=question, query=query, vector=qvec, hits=hits, history=turns,
                             allow_abstain=not hint, is_follow_up=follow_up, emergency=emergency, personal_advice=advice,
                             shown=(last_answer(turns) if follow_up else "") if shown is None else shown)

    def _probe(self, request: AnswerRequest, timings: dict[str, float]) -> Composition:
        """How well the guides answer a request: the answerer's own cheap judgement when it has one
        (a language-model answerer judges by its extractive composition), else its answer."""
        t2 = time.perf_counter()
        probe = getattr(self.answerer, "probe", None)
        comp = probe(request) if probe is not None else self.answerer.answer(request)
        timings["compose_ms"] = timings.get("compose_ms", 0.0) + _ms(t2)
        return comp

    def _complete(self, prepared: _Prepared, comp: Composition) -> Answer:
        flags = prepared.flags
        if comp.abstained:
            if EMERGENCY in flags or CRISIS in flags:
                comp.blocks = []  # the call line or crisis lines stand alone rather than with an abstention
            elif OUT_OF_SCOPE not in flags:
                flags.append(OUT_OF_SCOPE)
        flags.extend(f for f in comp.flags if f not in flags)
        answer = Answer(text="", flags=flags, question=prepared.question, retrieval_query=prepared.query,
                        evidence=comp.evidence)
        return self._finish(answer, comp, prepared.verdict, prepared.t0, prepared.timings)

    def _finish(self, answer: Answer, comp: Composition, verdict, t0: float, timings: dict[str, float]) -> Answer:
        """Check every block, then number the citations and write the text, once."""
        blocks = list(comp.blocks)
        if self.safety is not None and verdict is not None:
            before = {c.chunk_id: c for c in cite_grammar.build_citations(blocks, self.search.by_id)}
            try:
                blocks = check_blocks(blocks, before, verdict)
            except Exception:
                # fail safe: show no unchecked guide text, keep every safety line
                log.exception("answer check failed; showing the safety lines only")
                blocks = [b for b in blocks if b.role in ("safety", "care")] or []
                if verdict.preface and not any(b.role == "safety" for b in blocks):
                    blocks.insert(0, Block(verdict.preface, role="safety"))
                blocks.append(Block(NOTHING_CHECKED, BlockKind.PARAGRAPH, role="refusal"))
        number = cite_grammar.numbering(blocks)
        answer.answerer = comp.answerer
        answer.verification = dict(comp.meta.get("verification") or answer.verification)
        answer.note = str(comp.meta.get("note") or "")
        answer.blocks = blocks
        answer.citations = cite_grammar.build_citations(blocks, self.search.by_id, number)
        answer.text = cite_grammar.render(blocks, number)
        answer.disclaimer = DISCLAIMER if answer.citations else NO_SOURCES_DISCLAIMER
        timings["total_ms"] = _ms(t0)
        answer.timings_ms = timings
        return answer


@dataclass
class _Prepared:
    """A question after safety and retrieval, ready for the answerer."""

    request: AnswerRequest
    verdict: object
    flags: list[str]
    question: str
    query: str
    t0: float
    timings: dict[str, float]
    composed: Composition | None = None  # the answerer's composition, when deciding the search already made it


NOTHING_CHECKED = "I couldn't check this answer against the guides, so I won't show it. Please try again."


def _key(sentence: str) -> str:
    return norm(cite_grammar.strip(sentence)).lstrip("- ").lower()


def _ms(t: float) -> float:
    return (time.perf_counter() - t) * 1000.0
