"""A scripted stand-in for assistant.Assistant so the chat UI can be tested without a model or index."""

from __future__ import annotations

import threading
import time

from core.types import DISCLAIMER, EMERGENCY, OUT_OF_SCOPE, Answer, Citation, Turn

GUIDE = "POEMS Syndrome — Patient & Caregiver Guide (v1.0)"
KLARITY = "What Is POEMS Syndrome"

EMERGENCY_TEXT = (
    "If this is happening now, call your local emergency number (911 in the US and Canada) "
    "or go to the nearest emergency department."
)

_CITES = [
    Citation(
        n=1, source="bare-your-rare-poems-guide.txt", title=GUIDE, section="What POEMS Syndrome Is",
        quote="POEMS syndrome is a rare disorder caused by a tiny population of abnormal plasma cells.",
        chunk_id="fake-chunk-1", publisher="Bare Your Rare", date="2026-04",
    ),
    Citation(
        n=2, source="klarity-what-is-poems.txt", title=KLARITY, section="Overview",
        quote="It is often misdiagnosed as CIDP because the nerve symptoms come first.",
        chunk_id="fake-chunk-2", publisher="Klarity Health Library", date="2023-11",
    ),
]


class FakeAssistant:
    """Deterministic Assistant: canned cited answers, flags from keywords, records every call."""

    def __init__(self, delay_s: float = 0.0, fail_on: str | None = None):
        self.delay_s = delay_s
        self.fail_on = fail_on
        self.calls: list[tuple[str, list[Turn]]] = []
        self._lock = threading.Lock()

    def ask(self, question: str, history: list[Turn]) -> Answer:
        """Answer from a script; raises when the question contains `fail_on`."""
        with self._lock:
            self.calls.append((question, list(history)))
        if self.delay_s:
            time.sleep(self.delay_s)
        if self.fail_on and self.fail_on in question:
            raise RuntimeError(f"boom: secret internal detail for {question!r}")
        q = question.lower()
        if "chest pain" in q or "can't breathe" in q or "cannot breathe" in q:
            return Answer(
                text=EMERGENCY_TEXT + "\n\nThe guides describe blood clots and heart problems as possible complications [1].",
                citations=[_CITES[0]], flags=[EMERGENCY], question=question, retrieval_query=question,
                disclaimer=DISCLAIMER,
            )
        if "stock" in q or "weather" in q:
            return Answer(
                text="I can only answer questions about POEMS syndrome from the patient guides.",
                citations=[], flags=[OUT_OF_SCOPE], question=question, retrieval_query=question,
            )
        follow = " (follow-up)" if history else ""
        return Answer(
            text=(
                f"POEMS syndrome is a rare disorder of abnormal plasma cells [1]{follow}. "
                "It is often first mistaken for CIDP, which delays diagnosis [2]."
            ),
            citations=list(_CITES), flags=[], question=question, retrieval_query=question,
            timings_ms={"total": 1.0},
        )
