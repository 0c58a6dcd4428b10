"""JSONL batch answering: a malformed line costs only its own answer, never the rest of the batch."""

import json

import pytest

from assistant.batch import answer_lines
from core.types import Answer


class EchoBot:
    """Answers every question; records the history it was given."""

    def __init__(self):
        self.histories = []

    def ask(self, question, history=()):
        self.histories.append(list(history))
        return Answer(text=f"about {question}")


class FailingBot:
    """Fails on one question the way an unexpected bug would."""

    def ask(self, question, history=()):
        if question == "boom":
            raise RuntimeError("surprise")
        return Answer(text="fine")


@pytest.mark.parametrize("history", [7, 3.5, True, False, 0, "text", {"role": "user"}, [7], [None], [{"role": "user"}]])
def test_a_malformed_history_gets_its_own_error_and_the_batch_goes_on(history):
    lines = [json.dumps({"id": "bad", "question": "What is VEGF?", "history": history}),
             json.dumps({"id": "next", "question": "What is POEMS?"})]
    out = list(answer_lines(EchoBot(), lines))
    assert [o["id"] for o in out] == ["bad", "next"]
    assert out[0]["error"].startswith("line 1:") and "history" in out[0]["error"]
    assert "answer" in out[1]


@pytest.mark.parametrize("line,fragment", [
    ("7", "must be a JSON object, not a number"),
    ("true", "not true/false"),
    ('["What is POEMS?"]', "not a list"),
    ('{"id": 1, "question": 42}', '"question" must be text, not a number'),
    ('{"id": 1}', 'missing "question"'),
])
def test_every_malformed_line_is_reported(line, fragment):
    out = list(answer_lines(EchoBot(), [line, '{"id": "after", "question": "What is POEMS?"}']))
    assert fragment in out[0]["error"]
    assert out[1]["id"] == "after"


def test_a_byte_order_mark_on_the_first_line_is_accepted():
    out = list(answer_lines(EchoBot(), ['\ufeff{"id": 1, "question": "What is POEMS?"}\n']))
    assert out == [{"id": 1, **Answer(text="about What is POEMS?").to_dict()}]


def test_a_failure_while_answering_one_line_does_not_stop_the_batch():
    out = list(answer_lines(FailingBot(), ['{"id": 1, "question": "boom"}', '{"id": 2, "question": "ok"}']))
    assert "internal error (RuntimeError: surprise)" in out[0]["error"]
    assert out[1]["answer"] == "fine"


def test_history_reaches_the_answerer_as_turns():
    bot = EchoBot()
    list(answer_lines(bot, [json.dumps({"question": "and then?", "history": [{"role": "user", "content": "What is VEGF?"}]})]))
    assert [(t.role, t.content) for t in bot.histories[0]] == [("user", "What is VEGF?")]
