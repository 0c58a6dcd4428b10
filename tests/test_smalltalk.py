"""Messages that ask nothing get a short reply of their own, never guide passages."""

import pytest

from assistant.smalltalk import Courtesy, courtesy
from core.types import NO_SOURCES_DISCLAIMER, Turn
from tests.conftest import fake_assistant


@pytest.mark.parametrize(("message", "kind"), [
    ("hi", Courtesy.GREETING), ("Hello there!", Courtesy.GREETING), ("good morning", Courtesy.GREETING),
    ("thanks", Courtesy.THANKS), ("thank you, this helped", Courtesy.THANKS), ("great thanks!!", Courtesy.THANKS),
    ("Thank you so much for explaining", Courtesy.THANKS), ("cheers", Courtesy.THANKS),
    ("ok", Courtesy.ACKNOWLEDGEMENT), ("got it", Courtesy.ACKNOWLEDGEMENT), ("that makes sense", Courtesy.ACKNOWLEDGEMENT),
    ("bye", Courtesy.GOODBYE), ("thats all for now", Courtesy.GOODBYE),
])
def test_a_message_that_is_only_a_courtesy_is_named(message, kind):
    assert courtesy(message) is kind


@pytest.mark.parametrize("message", ["thanks, and how long does recovery take", "ok so what is vegf", "hi, is poems cancer",
                                     "thank you. can he still drive?", "ok what does the m stand for"])
def test_a_courtesy_with_a_question_is_a_question(message):
    assert courtesy(message) is None


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return fake_assistant(tmp_path_factory.mktemp("idx"), safety=True)


def test_thanks_after_an_answer_quotes_no_guide(bot):
    first = bot.ask("What are the minor criteria for POEMS diagnosis?")
    history = [Turn("user", "What are the minor criteria for POEMS diagnosis?"), Turn("assistant", first.text, first.cited_ids)]
    assert bot.ask("thank you, this helped", history).citations == []


def test_a_courtesy_reply_says_it_quotes_no_guide(bot):
    assert bot.ask("hi").disclaimer == NO_SOURCES_DISCLAIMER


def test_a_greeting_is_not_called_out_of_scope(bot):
    assert bot.ask("hello").flags == []


def test_a_goodbye_the_gate_hears_as_a_farewell_keeps_the_crisis_lines(bot):
    assert "crisis" in bot.ask("goodbye").flags
