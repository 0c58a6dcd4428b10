"""What the gate decides about one message: the flags, and what the assistant must do because of them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SafetyVerdict:
    """What the gate decided about one question, and what the assistant must do because of it."""

    flags: list[str]
    preface: str = ""
    reply: str = ""
    question: str = ""
    retrieval_hint: str = ""
    care_team_note: str = ""
    scores: dict[str, float] = field(default_factory=dict)
