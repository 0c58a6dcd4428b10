"""JSONL batch answering: one object in, one object out, errors reported per line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from assistant.followup import normalise_history
from core.errors import BadQuestion, PoemsError

_BOM = "\ufeff"


def answer_lines(bot, lines: Iterable[str]) -> Iterator[dict]:
    """Yield one output object per non-blank input line; a bad line yields {"id", "line", "error"}.

    No line can stop the batch: a malformed line, an unanswerable question or a failure while
    answering it becomes that line's error object, and the next line is answered as usual.
    """
    for number, line in enumerate(lines, 1):
        if number == 1:
            # Windows editors save UTF-8 with a byte-order mark; json.loads refuses it.
            line = line.removeprefix(_BOM)
        if not line.strip():
            continue
        case_id = None
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise BadQuestion(f"each line must be a JSON object, not {_json_type(obj)}")
            case_id = obj.get("id")
            question = obj.get("question")
            if not isinstance(question, str):
                raise BadQuestion('missing "question" text' if question is None
                                  else f'"question" must be text, not {_json_type(question)}')
            # Checked here, not left to the answerer: a history of 7 or true once ended the whole run.
            history = normalise_history(obj.get("history"))
            answer = bot.ask(question, history)
        except json.JSONDecodeError as exc:
            yield {"id": None, "line": number, "error": f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})"}
            continue
        except PoemsError as exc:
            yield {"id": case_id, "line": number, "error": f"line {number}: {exc}"}
            continue
        except Exception as exc:  # noqa: BLE001 - one line's surprise must not cost the other lines their answers
            yield {"id": case_id, "line": number, "error": f"line {number}: internal error ({type(exc).__name__}: {exc})"}
            continue
        yield {"id": case_id, **answer.to_dict()}


def _json_type(value) -> str:
    """The JSON name of a parsed value's type, as the person who wrote the line would say it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"
