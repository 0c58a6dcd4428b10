"""JSONL batch answering: one object in, one object out, errors reported per line."""

from __future__ import annotations

import json
from typing import Iterable, Iterator

from core.errors import BadQuestion


def answer_lines(bot, lines: Iterable[str]) -> Iterator[dict]:
    """Yield one output object per non-blank input line; a bad line yields {"id", "error"}."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        case_id = None
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise BadQuestion("each line must be a JSON object")
            case_id = obj.get("id")
            question = obj.get("question")
            if not isinstance(question, str):
                raise BadQuestion('missing "question" text')
            answer = bot.ask(question, obj.get("history") or [])
        except json.JSONDecodeError as exc:
            yield {"id": None, "line": number, "error": f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})"}
            continue
        except BadQuestion as exc:
            yield {"id": case_id, "line": number, "error": f"line {number}: {exc}"}
            continue
        yield {"id": case_id, **answer.to_dict()}
