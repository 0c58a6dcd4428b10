"""The language-model answerer through the real Assistant, with LangChain's fake chat model and the
fake embedder: only verified sentences are shown, and anything else falls back to the guides' words."""

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel

from assistant.assistant import Assistant
from assistant.llm_answerer import NOTES, LLMAnswerer, chat_model, complete_prefix, passages_for
from assistant.verify import Verifier
from core.config import Config
from core.errors import ConfigError
from core.types import Answer, Block
from evals.perf.measure import free_port
from tests.conftest import fake_assistant

QUESTION = "Why does thalidomide cause problems in POEMS?"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return fake_assistant(tmp_path_factory.mktemp("idx"), safety=True)


def with_model(bot, model, timeout_s=30.0) -> Assistant:
    """The same assistant with an LLMAnswerer over the given chat model."""
    composer = bot.answerer
    verifier = Verifier(bot.embedder, sentence_vectors=composer.sentence_vectors)
    llm = LLMAnswerer(model, composer, verifier, timeout_s=timeout_s, model_name="fake")
    return Assistant(bot.search, llm, bot.embedder, bot.safety, top_k=bot.top_k, store=bot.store)


def passage_sentence(bot, question: str, needle: str) -> tuple[int, str]:
    """The prompt number and text of the passage sentence containing `needle`, as the model will see it."""
    prepared = bot._prepare(question, [])
    base = bot.answerer.answer(prepared.request)
    for n, ch in enumerate(passages_for(prepared.request, base, 4), 1):
        for s in ch.sentence_texts():
            if needle in s:
                return n, s
    raise AssertionError(f"no passage holds {needle!r}")


def scripted(text: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([text]))


def test_only_verified_sentences_are_shown(bot):
    n, _ = passage_sentence(bot, QUESTION, "23% of patients")
    reply = (f"In a trial, 23% of patients got new or worse nerve damage on thalidomide [{n}]. "
             f"In a trial, 60% of patients got new or worse nerve damage on thalidomide [{n}]. "
             "Thalidomide is the best drug for everyone.")
    answer = with_model(bot, scripted(reply)).ask(QUESTION)
    assert answer.answerer == "llm"
    assert answer.verification == {"sentences": 3, "supported": 1, "dropped": 2}
    assert "60%" not in answer.text
    assert "best drug" not in answer.text
    assert all(b.meta.get("verified") for b in answer.blocks if b.role == "claim")


def test_a_correct_paraphrase_is_kept_with_its_citation(bot):
    n, _ = passage_sentence(bot, QUESTION, "Lenalidomide is generally preferred")
    reply = (f"In a trial, 23% of patients got new or worse nerve damage on thalidomide [{n}]. "
             f"Doctors generally prefer lenalidomide for this reason [{n}].")
    answer = with_model(bot, scripted(reply)).ask(QUESTION)
    assert "Doctors generally prefer lenalidomide for this reason. [1]" in answer.text
    assert "Lenalidomide is generally preferred" in answer.citations[0].quote


def test_a_faithful_sentence_that_is_not_about_the_question_falls_back_to_the_guides_words(bot):
    n, _ = passage_sentence(bot, QUESTION, "Patients are most commonly affected with hypothyroidism")
    answer = with_model(bot, scripted(f"Most patients are affected by hypothyroidism [{n}].")).ask(QUESTION)
    assert (answer.answerer, answer.note) == ("extractive", NOTES["off_topic"])


def test_a_faithful_sentence_off_the_question_is_shown_once_one_answers_it(bot):
    m, _ = passage_sentence(bot, QUESTION, "Patients are most commonly affected with hypothyroidism")
    n, _ = passage_sentence(bot, QUESTION, "23% of patients")
    reply = (f"Most patients are affected by hypothyroidism [{m}]. "
             f"In a trial, 23% of patients got new or worse nerve damage on thalidomide [{n}].")
    answer = with_model(bot, scripted(reply)).ask(QUESTION)
    assert answer.text.startswith("Most patients are affected by hypothyroidism.")


def test_a_flipped_negation_falls_back_to_the_guides_words(bot):
    n, _ = passage_sentence(bot, QUESTION, "23% of patients")
    answer = with_model(bot, scripted(f"Thalidomide never causes nerve damage [{n}].")).ask(QUESTION)
    assert answer.answerer == "extractive"
    assert answer.note == NOTES["unverified"]
    assert answer.verification["dropped"] == 1


def test_the_stream_yields_verified_blocks_before_the_answer(bot):
    n, _ = passage_sentence(bot, QUESTION, "23% of patients")
    m, _ = passage_sentence(bot, QUESTION, "Lenalidomide is generally preferred")
    reply = f"In a trial, 23% of patients got worse nerve damage on thalidomide. [{n}] Lenalidomide is generally preferred [{m}]."
    items = list(with_model(bot, scripted(reply)).ask_stream(QUESTION))
    assert [type(i) for i in items] == [Block, Block, Answer]
    assert items[-1].blocks[:2] == items[:2]


def test_an_unreachable_server_gives_the_extractive_answer_with_a_note(bot):
    config = Config.from_env(llm_url=f"http://127.0.0.1:{free_port()}/v1", llm_timeout=5)
    answer = with_model(bot, chat_model(config)).ask(QUESTION)
    assert answer.answerer == "extractive"
    assert answer.note == NOTES["unreachable"]
    assert "[1]" in answer.text


def test_emergencies_never_reach_the_model(bot):
    class Exploding:
        def stream(self, messages):
            raise AssertionError("the model was asked")

    answer = with_model(bot, Exploding()).ask("My husband has sudden chest pain and can't breathe")
    assert answer.answerer in ("safety", "extractive")
    assert "emergency" in answer.flags


def test_a_question_the_guides_do_not_cover_is_not_sent_to_the_model(bot):
    class Exploding:
        def stream(self, messages):
            raise AssertionError("the model was asked")

    answer = with_model(bot, Exploding()).ask("What is the best diet and vaccine schedule for POEMS?")
    assert answer.answerer in ("safety", "extractive")


def test_a_sentence_is_finished_only_when_the_next_one_has_begun():
    assert complete_prefix("Nerves heal slowly. [2") == 0
    assert complete_prefix("Nerves heal slowly. [2] Pain") == len("Nerves heal slowly. [2] ")


def test_unknown_answerer_setting_is_a_config_error():
    with pytest.raises(ConfigError, match="POEMS_ANSWERER"):
        Config.from_env({"POEMS_ANSWERER": "gpt"})


def test_llm_timeout_is_read_as_seconds():
    assert Config.from_env({"POEMS_LLM_TIMEOUT": "2.5"}).llm_timeout == 2.5
