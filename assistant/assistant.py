"""The Assistant: safety → follow-up resolution → hybrid retrieval → cited composition → answer check."""

from __future__ import annotations

import functools
import re
import threading
import time
import unicodedata
from typing import Sequence

from assistant.compose import Composer, ComposerSettings, strip_markers
from assistant.followup import normalise_history, resolve
from assistant.retrieve import HybridSearch
from core.types import DISCLAIMER, EMERGENCY, OUT_OF_SCOPE, Answer, Turn
from core.sentences import split_sentences
from core.config import Config
from core.conflicts import norm, read_conflicts
from index.embed import Embedder
from core.errors import BadQuestion, IndexNotBuilt
from index.store import ChunkStore

MAX_QUESTION_CHARS = 4000
_MARKER = re.compile(r"\[\d+\]")


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


class Assistant:
    """Answers questions about POEMS syndrome from the indexed guides, with citations.

    >>> bot = Assistant.from_config()
    >>> answer = bot.ask("Why does POEMS take so long to diagnose?")
    >>> answer.citations[0].source  # doctest: +SKIP
    'bare-your-rare-poems-guide.txt'
    """

    def __init__(self, search: HybridSearch, composer: Composer, embedder: Embedder, safety=None,
                 top_k: int = 6, store: ChunkStore | None = None):
        self.search = search
        self.composer = composer
        self.embedder = embedder
        self.safety = safety
        self.top_k = top_k
        self.store = store
        self._sentence_index = {}
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
                    settings: ComposerSettings | None = None) -> "Assistant":
        """Load the embedder, the index and the BM25 index once. The index must exist: building
        it is ingest's job (`ingest.pipeline.ensure_index`), called by the CLI and the chat."""
        config = config or Config.from_env()
        # connect first: a dead Chroma server should fail in a second, not after the model loads
        store = ChunkStore.from_config(config)
        version = store.active()
        if version is None:
            raise IndexNotBuilt(f"No index '{config.collection}' yet; run `poems-assistant ingest` first.")
        if embedder is None:
            from index.embed import load_embedder

            embedder = load_embedder(config)
        chunks = store.chunks(version)
        search = HybridSearch(chunks, store, version, embedder, mode=retrieval_mode)
        conflicts = read_conflicts(config.corpus_dir) if config.corpus_dir.exists() else []
        composer = Composer(search, lambda ids: store.sentence_vectors(version, ids), conflicts, settings)
        gate = None
        if safety:
            from assistant.safety import SafetyGate

            # name the guides in the out-of-scope reply, strongest first
            publishers = list(dict.fromkeys(c.publisher for c in sorted(chunks, key=lambda c: c.authority) if c.publisher))
            gate = SafetyGate(embedder, guide_names=publishers or None)
        return cls(search, composer, embedder, gate, top_k=config.top_k, store=store)

    def locate_cited(self, text: str) -> list[str]:
        """Chunk ids whose sentences appear in an earlier answer (history carries text only)."""
        found: list[str] = []
        body = strip_markers(text)
        for a, b in split_sentences(body):
            for cid in self._sentence_index.get(_key(body[a:b]), []):
                if cid not in found:
                    found.append(cid)
        return found

    def ask(self, question: str, history: Sequence[Turn] | Sequence[dict] = ()) -> Answer:
        """Answer one question in the context of the conversation so far."""
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
            if verdict.reply:
                return self._finish(Answer(text=verdict.reply, flags=flags, question=q), verdict, t0, timings)
            q_retrieve = verdict.question or q
        else:
            q_retrieve = q
        resolved = resolve(q_retrieve, turns, self.locate_cited)
        query = resolved.query
        emergency = EMERGENCY in flags
        hint = verdict.retrieval_hint if (emergency and verdict is not None) else ""
        if hint:
            query = f"{query} {hint}"
        t1 = time.perf_counter()
        with self._lock:
            qvec = self.embedder.embed([query])[0]
        hits = self.search.search(query, k=self.top_k, vector=qvec, carry=resolved.carry_ids)
        timings["retrieve_ms"] = _ms(t1)
        t2 = time.perf_counter()
        # an emergency answer always shows the guide passage its search hint found (e.g. the
        # thrombosis section for chest pain): after the call-now instruction it is still useful
        comp = self.composer.compose(q_retrieve, query, qvec, hits, allow_abstain=not hint)
        timings["compose_ms"] = _ms(t2)
        text = comp.text
        if comp.abstained:
            if emergency:
                text = ""  # the emergency instruction stands alone rather than with an abstention
            elif OUT_OF_SCOPE not in flags:
                flags.append(OUT_OF_SCOPE)
        flags.extend(f for f in comp.flags if f not in flags)
        answer = Answer(text=text, citations=comp.citations, flags=flags, question=q, retrieval_query=query,
                        evidence=comp.evidence)
        return self._finish(answer, verdict, t0, timings)

    def _finish(self, answer: Answer, verdict, t0: float, timings: dict[str, float]) -> Answer:
        if self.safety is not None and verdict is not None:
            answer = self.safety.check_answer(answer, verdict)
        answer = prune_citations(answer)
        answer.disclaimer = DISCLAIMER
        timings["total_ms"] = _ms(t0)
        answer.timings_ms = timings
        return answer


def prune_citations(answer: Answer) -> Answer:
    """Drop citations the text no longer refers to and renumber the rest in order of appearance."""
    seen: list[int] = []
    for m in _MARKER.finditer(answer.text):
        n = int(m.group(0)[1:-1])
        if n not in seen:
            seen.append(n)
    by_n = {c.n: c for c in answer.citations}
    mapping = {old: new for new, old in enumerate([n for n in seen if n in by_n], 1)}
    answer.text = _MARKER.sub(lambda m: f"[{mapping.get(int(m.group(0)[1:-1]), 0)}]", answer.text).replace(" [0]", "")
    kept = []
    for old, new in sorted(mapping.items(), key=lambda kv: kv[1]):
        c = by_n[old]
        c.n = new
        kept.append(c)
    answer.citations = kept
    return answer


def _key(sentence: str) -> str:
    return norm(strip_markers(sentence)).lstrip("- ").lower()


def _ms(t: float) -> float:
    return (time.perf_counter() - t) * 1000.0
