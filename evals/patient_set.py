"""The patient-voice answer sets: `patient/questions.jsonl` and `patient/conversations.jsonl`.

Written from the guides alone, in patients' and caregivers' words (see patient/README.md). The
split is not stored: it is a hash computed here, so nobody can move a case between dev and heldout
by editing the file — sha256 of the lower-cased question text (of the conversation id for a
conversation), first byte even → dev, odd → heldout.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from evals.gold import check_split

PATIENT_DIR = Path(__file__).resolve().parent / "patient"
QUESTIONS_PATH = PATIENT_DIR / "questions.jsonl"
CONVERSATIONS_PATH = PATIENT_DIR / "conversations.jsonl"

ANSWER_KINDS = ("definition", "yesno", "number", "cause", "how", "list", "comparison", "who_where", "expect")
TURN_TYPES = ("first", "switch", "followup")


def split_of(key: str) -> str:
    """'dev' when the first byte of sha256(key) is even, else 'heldout'."""
    return "dev" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


@dataclass(frozen=True)
class PatientCase:
    """One question to answer (a stand-alone question, or one turn of a conversation)."""

    id: str
    question: str
    answer_kind: str
    answerable: bool
    facts: tuple = ()  # fact groups, each a tuple of regex alternatives; the first group is the core answer
    gold: tuple = ()  # {"source", "quote"} one-line snippets of the guides
    split: str = "dev"
    note: str = ""
    turn_type: str = "first"  # first | switch | followup (always "first" for a stand-alone question)
    standalone: str = ""  # the turn reworded to stand alone (the question itself for first and switch)

    @classmethod
    def from_dict(cls, d: dict, *, id: str | None = None, split: str | None = None) -> PatientCase:
        kind = d["answer_kind"]
        if kind not in ANSWER_KINDS:
            raise ValueError(f"case {id or d.get('id')}: answer_kind {kind!r} is not one of {', '.join(ANSWER_KINDS)}")
        turn_type = d.get("type", "first")
        if turn_type not in TURN_TYPES:
            raise ValueError(f"case {id or d.get('id')}: type {turn_type!r} is not one of {', '.join(TURN_TYPES)}")
        return cls(
            id=id or d["id"], question=d["question"], answer_kind=kind, answerable=bool(d["answerable"]),
            facts=tuple(tuple(f) for f in d.get("facts", [])), gold=tuple(dict(g) for g in d.get("gold", [])),
            split=split or split_of(d["question"].lower()), note=d.get("note", ""), turn_type=turn_type,
            standalone=d.get("standalone") or d["question"],
        )


@dataclass(frozen=True)
class Conversation:
    """Turns asked one after another; each turn is scored with the real earlier answers as history."""

    id: str
    turns: tuple[PatientCase, ...]
    split: str = "dev"


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def load_questions(path: Path = QUESTIONS_PATH, split: str = "dev") -> list[PatientCase]:
    """Stand-alone questions of one split ('dev', 'heldout' or 'all'), in file order."""
    check_split(split)
    cases = [PatientCase.from_dict(d) for d in _lines(path)]
    return [c for c in cases if split == "all" or c.split == split]


def load_conversations(path: Path = CONVERSATIONS_PATH, split: str = "dev") -> list[Conversation]:
    """Conversations of one split, in file order; turn ids are '<conversation id>/<turn number>'."""
    check_split(split)
    out = []
    for d in _lines(path):
        conv_split = split_of(d["id"])
        turns = tuple(PatientCase.from_dict(t, id=f"{d['id']}/{i}", split=conv_split) for i, t in enumerate(d["turns"], 1))
        out.append(Conversation(d["id"], turns, conv_split))
    return [c for c in out if split == "all" or c.split == split]


# Every patient answer set by name: its questions file and its conversations file (in PATIENT_DIR).
# The trainers pick from these with the split each may learn from. Each was written by a new helper from
# the guides alone, after the one before it was measured: "first" (its dev half gates CI through
# evals/thresholds.toml); "fresh", split by the same hash; "test" and t3–t5, test sets measured once and
# read whole (READ_WHOLE); t6–t42, split by the same hash, tuned on dev and measured held out once.
ANSWER_SETS: dict[str, tuple[str, str]] = {
    "first": ("questions.jsonl", "conversations.jsonl"),
    "fresh": ("questions_fresh.jsonl", "conversations_fresh.jsonl"),
    "test": ("questions_test.jsonl", "conversations_test.jsonl"),
    **{f"t{i}": (f"questions_t{i}.jsonl", f"conversations_t{i}.jsonl") for i in range(3, 43)},
}
# Sets that were test sets only: read whole, whatever split is asked for.
READ_WHOLE = frozenset({"test", "t3", "t4", "t5"})
# What `eval --set` takes: the gold set, the first patient sets ("patient"), each later one by name, or both.
EVAL_SETS = ("gold", "patient", *(name for name in ANSWER_SETS if name != "first"), "all")


def standalone_cases(questions: Path, conversations: Path, split: str = "dev") -> list[PatientCase]:
    """A set's questions that stand alone, answerable or not: its questions, then its conversations'
    first and topic-switch turns (what the lead and abstention trainers learn from)."""
    cases = list(load_questions(questions, split))
    for conv in load_conversations(conversations, split):
        cases.extend(t for t in conv.turns if t.turn_type != "followup")
    return cases
