"""What the composer was called with while the assistant answered: the trainers' view of its decisions.

The abstention trainer needs the candidates and evidence `should_abstain` saw; the lead trainer the
candidates `select` ranked. Both ask each question as the chat would and keep the method's last call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def last_calls(assistant: Any, method: str, questions: Iterable[str]) -> Iterator[tuple[str, dict[str, Any] | None]]:
    """For each question, asked alone, the arguments of the extractive composer's last call to
    `method` (by parameter name; None when it was not called: a refusal or a safety reply)."""
    import inspect

    composer = assistant.answerer
    original = getattr(composer, method)
    params = inspect.signature(original).bind_partial
    seen: list[dict[str, Any]] = []

    def recording(*args: Any, **kwargs: Any) -> Any:
        bound = params(*args, **kwargs)
        bound.apply_defaults()
        seen.append(dict(bound.arguments))
        return original(*args, **kwargs)

    setattr(composer, method, recording)
    try:
        for question in questions:
            seen.clear()
            assistant.ask(question, [])
            yield question, (seen[-1] if seen else None)
    finally:
        delattr(composer, method)  # the class's own method again
