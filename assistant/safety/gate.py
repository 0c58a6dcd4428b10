"""The safety gate: runs the registered categories over a message before retrieval, and the answer
check over the composed answer after. It never raises, and it fails safe.

Fail safe, in order: the categories first run on patterns alone, outside the classifier path; then
again with the classifier's probabilities. What a sticky category (crisis, emergency, personal advice,
injection) found on patterns survives any failure after that — in the embedder, the classifier, a
category's own code or the verdict — so a failure can add caution, never remove it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from assistant.safety.categories import REGISTRY
from assistant.safety.categories import injection as _injection
from assistant.safety.categories.out_of_scope import scope_reply
from assistant.safety.category import Category, Context, Finding, Message, classifier_says
from assistant.safety.classifier import (
    NO_SCORES,
    ORDINARY,
    Classifier,
    ExemplarClassifier,
    Scores,
)
from assistant.safety.heads import HEADS_FILE, Head, load_heads
from assistant.safety.lexicon import DOMAIN
from assistant.safety.nearest import NEAREST_FILE, load_nearest
from assistant.safety.paths import DEFAULT_EXEMPLARS
from assistant.safety.text import MAX_EMBED_CHARS, clean_text, normalise
from assistant.safety.thresholds import THRESHOLDS_FILE, read_thresholds
from assistant.safety.verdict import SafetyVerdict
from core.types import Turn
from index.embed import Embedder

log = logging.getLogger(__name__)


class SafetyGate:
    """Checks a question before retrieval and the composed answer after; never raises.

    >>> from index.embed import SentenceEmbedder
    >>> gate = SafetyGate(SentenceEmbedder())
    >>> v = gate.check_question("my dad suddenly can't lift his arm")
    >>> v.flags, v.preface.startswith("Call your local emergency number now")
    (['emergency'], True)
    >>> gate.check_question("why is lenalidomide preferred over thalidomide?").flags
    []
    """

    def __init__(
        self,
        embedder: Embedder,
        exemplars: Path | None = None,
        thresholds: Mapping[str, float] | None = None,
        *,
        guide_names: Sequence[str] | None = (),
        classifier: Classifier | None = None,
        categories: Sequence[Category] = REGISTRY,
        thresholds_file: Path = THRESHOLDS_FILE,
        heads: Mapping[str, Head] | None = None,
        heads_file: Path = HEADS_FILE,
        nearest_file: Path = NEAREST_FILE,
    ):
        self.embedder = embedder
        self.categories = tuple(categories)
        self.labels = (ORDINARY, *(c.label for c in self.categories if c.label))
        self.thresholds: dict[str, float] = {
            **{c.label: c.default_threshold for c in self.categories if c.label},
            **read_thresholds(thresholds_file),
            **{str(k): float(v) for k, v in (thresholds or {}).items()},
        }
        self.scope_reply = scope_reply(guide_names or ())
        self.classifier: Classifier | None = classifier
        if classifier is None:
            try:
                self.classifier = ExemplarClassifier(embedder, self.labels, Path(exemplars) if exemplars else DEFAULT_EXEMPLARS)
            except Exception:
                # Patterns alone still catch the clear cases; a broken exemplar file must not take the app down.
                log.exception("safety classifier unavailable; using patterns only")
                self.classifier = None
        # Trained heads read the classifier's embedding; a fake classifier gets only the heads it is given.
        self.heads: dict[str, Head] = dict(heads or {})
        if heads is None and classifier is None and self.classifier is not None:
            model, dim = str(getattr(embedder, "name", "")), getattr(embedder, "dim", None)
            try:
                self.heads.update(load_heads(model, heads_file, dim))
            except Exception:
                log.exception("safety heads %s unreadable; the categories use their other detectors", heads_file)
            try:
                self.heads.update(load_nearest(model, nearest_file, dim))
            except Exception:
                log.exception("nearest-neighbour safety head %s unreadable; the categories use their other detectors", nearest_file)

    # ---- question ----------------------------------------------------------------------------

    def check_question(self, question: str, history: Sequence[Turn] = ()) -> SafetyVerdict:
        """Flag the user's current message; history is context only, never instructions."""
        msg = self._read(question, history)
        if not msg.text:
            return SafetyVerdict(flags=[], question="")
        on_patterns, _ = self._decide(msg, NO_SCORES)  # outside the classifier path: nothing there can undo it
        scores = self._classify(msg)
        found, failed = self._decide(msg, scores)
        for cat in self.categories:
            if cat.sticky and cat.flag in failed and cat.flag in on_patterns:
                found[cat.flag] = on_patterns[cat.flag]
        found = {c.flag: found[c.flag] for c in self.categories if c.flag in found}
        try:
            return self._verdict(msg, found, scores)
        except Exception:
            log.exception("safety verdict failed; keeping the flags and prefaces found")
            return SafetyVerdict(
                flags=list(found), question=msg.text,
                preface="\n\n".join(f.preface for f in found.values() if isinstance(f.preface, str) and f.preface),
            )

    def _read(self, question: object, history: Sequence[Turn]) -> Message:
        """The message as categories read it; an injected instruction is set aside before the rest."""
        text = clean_text(question)
        try:
            injected = _injection.injected(text)
            legit = _injection.strip_injection(text) if injected else text
        except Exception:
            log.exception("injection split failed; reading the whole message")
            injected, legit = False, text
        try:
            turns = list(history or ())
        except TypeError:
            log.warning("history is not a sequence of turns; reading the message alone")
            turns = []
        return Message(text=text, norm=normalise(text), legit=legit, legit_norm=normalise(legit),
                       injected=injected, history=turns)

    def _context(self) -> Context:
        return Context(thresholds=self.thresholds, scope_reply=self.scope_reply, nearest_kind=self._nearest_kind)

    def _decide(self, msg: Message, scores: Scores) -> tuple[dict[str, Finding], set[str]]:
        """Each category's finding in registry order, and the categories that failed (logged, skipped)."""
        ctx = self._context()
        found: dict[str, Finding] = {}
        failed: set[str] = set()
        for cat in self.categories:
            try:
                finding = cat.detect(msg, scores, found, ctx)
            except Exception:
                log.exception("safety category %s failed on a question", cat.flag)
                failed.add(cat.flag)
                continue
            if finding is not None:
                found[cat.flag] = finding
        return found, failed

    def _verdict(self, msg: Message, found: Mapping[str, Finding], scores: Scores) -> SafetyVerdict:
        """Assemble the findings' policies: prefaces and hints in registry order, the best-ranked reply."""
        probs = scores.full
        verdict = SafetyVerdict(
            flags=list(found), question=msg.text,
            scores={c.label: float(probs.get(c.label, 0.0)) for c in self.categories if c.label} if probs else {},
        )
        for finding in found.values():
            if finding.question is not None:
                verdict.question = finding.question
        verdict.preface = "\n\n".join(dict.fromkeys(f.preface for f in found.values() if f.preface))
        verdict.retrieval_hint = " ".join(dict.fromkeys(f.retrieval_hint for f in found.values() if f.retrieval_hint))
        verdict.care_team_note = next((f.care_team_note for f in found.values() if f.care_team_note), "")
        rank = {c.flag: c.reply_rank for c in self.categories}
        replies = sorted((rank[flag], f.reply) for flag, f in found.items() if f.reply)
        if replies:
            verdict.reply = replies[0][1]
            verdict.question = ""  # the reply replaces the answer: nothing goes on to retrieval
        return verdict

    def _classify(self, msg: Message) -> Scores:
        """Class probabilities for the message (and its de-injected part), one embedding call."""
        if self.classifier is None:
            return NO_SCORES
        legit = msg.legit if msg.legit != msg.text else None
        try:
            batch = [msg.text[:MAX_EMBED_CHARS]] + ([legit[:MAX_EMBED_CHARS]] if legit else [])
            probs, V = self.classifier.probabilities(batch)
            vector = np.asarray(V)[-1]
        except Exception:
            log.exception("safety classifier failed on a question; using patterns only")
            return NO_SCORES
        try:
            heads = {label: h.probability(vector) for label, h in self.heads.items()}
        except Exception:
            log.exception("safety heads failed on a question; the categories use their other detectors")
            heads = {}
        return Scores(full=probs[0], legit=probs[1] if legit else None, vector=vector, heads=heads)

    def _nearest_kind(self, label: str, vector: np.ndarray | None) -> str:
        """The kind of the closest exemplar of a label (which emergency), "other" when unknown."""
        try:
            return self.classifier.nearest_kind(label, vector) if self.classifier is not None else "other"
        except Exception:
            log.exception("nearest exemplar lookup failed")
            return "other"

    def classify(self, text: str) -> dict[str, float]:
        """Classifier probabilities per label for one message ({} when the classifier is off)."""
        cleaned = clean_text(text)
        scores = self._classify(Message(cleaned, normalise(cleaned), cleaned, normalise(cleaned), False))
        return dict(scores.full or {})

    @staticmethod
    def in_domain(text: str) -> bool:
        """Whether a message names something from the guides' subject (POEMS, its tests, drugs, care)."""
        return bool(DOMAIN.search(normalise(clean_text(text))))

    def classifier_flags(self, text: str, probs: Mapping[str, float] | None = None) -> list[str]:
        """Categories the classifier alone would flag (no patterns): what calibration tunes."""
        norm = normalise(clean_text(text))
        p = self.classify(text) if probs is None else probs
        return [c.flag for c in self.categories if classifier_says(c, norm, p, self.thresholds)]
