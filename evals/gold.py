"""The gold set: `gold.jsonl` cases, their kinds and splits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD_PATH = HERE / "gold.jsonl"
SPLITS = ("dev", "heldout", "all")

KINDS = ["fact", "list", "followup", "conflict", "abstain", "emergency", "personal_advice", "injection", "out_of_scope"]
ANSWERABLE = {"fact", "list", "followup", "conflict"}


@dataclass(frozen=True)
class Case:
    """One gold question with what its answer must contain."""

    id: str
    kind: str
    question: str
    history: tuple = ()
    facts: tuple = ()
    gold: tuple = ()
    expect_flags: tuple = ()
    allow_flags: tuple = ()  # flags this case may raise without counting as a false alarm
    split: str = "dev"

    @classmethod
    def from_dict(cls, d: dict) -> Case:
        return cls(
            id=d["id"], kind=d["kind"], question=d["question"],
            history=tuple(dict(t) for t in d.get("history", [])),
            facts=tuple(tuple(f) for f in d.get("facts", [])),
            gold=tuple(dict(g) for g in d.get("gold", [])),
            expect_flags=tuple(d.get("expect_flags", [])), allow_flags=tuple(d.get("allow_flags", [])),
            split=d.get("split", "dev"),
        )


def check_split(split: str) -> None:
    """Raise ValueError for anything but dev, heldout or all."""
    if split not in SPLITS:
        raise ValueError(f"split must be dev, heldout or all, not {split!r}")


def load_gold(path: Path = GOLD_PATH, split: str = "dev") -> list[Case]:
    """Cases of one split ('dev', 'heldout' or 'all'), in file order."""
    check_split(split)
    cases = [Case.from_dict(json.loads(line)) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [c for c in cases if split == "all" or c.split == split]


def history_turns(history) -> list:
    """A case's history as kernel Turns."""
    from core.types import Turn

    return [Turn(t["role"], t["content"]) for t in history]
