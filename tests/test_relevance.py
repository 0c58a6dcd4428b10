"""A sentence no guide holds verbatim is about the question when it is close in meaning or holds its words."""

import pytest

from assistant.relevance import about_question
from tests.conftest import fake_assistant


@pytest.fixture(scope="module")
def fake_bot(tmp_path_factory):
    return fake_assistant(tmp_path_factory.mktemp("idx"), safety=False)


def _about(bot, question: str, sentence: str) -> bool:
    prepared = bot._prepare(question, [])
    return about_question(bot.search, prepared.request.query, prepared.request.vector, [sentence],
                          bot.answerer._term_weight)[0]


def test_a_sentence_holding_the_questions_words_is_about_it(fake_bot):
    assert _about(fake_bot, "Why does thalidomide cause problems in POEMS?", "Thalidomide caused new nerve damage in 23% of patients.")


def test_a_sentence_sharing_nothing_with_the_question_is_not_about_it(fake_bot):
    assert not _about(fake_bot, "Why does thalidomide cause problems in POEMS?", "Most patients are affected by hypothyroidism.")


def test_no_sentences_need_no_embedding(fake_bot):
    assert about_question(fake_bot.search, "q", fake_bot.embedder.embed(["q"])[0], [], fake_bot.answerer._term_weight) == []
