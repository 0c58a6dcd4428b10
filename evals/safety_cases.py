"""The safety sets' labelled messages: one split of a JSONL set, and a case's conversation as Turns.

Its own module so that the legacy report (safety_eval) and the patient-voice report (safety_patient)
both read cases the same way without importing each other.
"""

from __future__ import annotations

import json
from pathlib import Path

from core.types import Turn

DATA = Path(__file__).resolve().parent / "safety.jsonl"  # the legacy set
SPLITS = ("dev", "heldout", "all")


class PrecisionRecall:
    """Per-label precision and recall from a report's `tp`, `fp` and `fn` counts (1.0 when a label
    has nothing to count): shared by the legacy and the patient-voice reports."""

    tp: dict[str, int]
    fp: dict[str, int]
    fn: dict[str, int]

    def precision(self, c: str) -> float:
        d = self.tp[c] + self.fp[c]
        return self.tp[c] / d if d else 1.0

    def recall(self, c: str) -> float:
        d = self.tp[c] + self.fn[c]
        return self.tp[c] / d if d else 1.0


def load_cases(path: Path = DATA, split: str = "all") -> list[dict]:
    """The labelled messages of one split ("dev", "heldout" or "all")."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split == "all" or r["split"] == split]


def history_of(case: dict) -> list[Turn]:
    """The case's conversation so far as Turns; a bare string is an earlier user message (the eighth
    patient set writes its histories that way)."""
    return [Turn("user", t) if isinstance(t, str) else Turn(t["role"], t["content"]) for t in case.get("history", [])]
