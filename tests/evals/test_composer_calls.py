"""The composer's calls as the trainers see them (evals/composer_calls.py)."""

import pytest

from evals.composer_calls import last_calls
from tests.conftest import fake_assistant


@pytest.fixture(scope="module")
def fake_bot(tmp_path_factory):
    return fake_assistant(tmp_path_factory.mktemp("idx"), safety=False)


def test_each_question_gets_the_last_call_of_the_method_by_parameter_name(fake_bot):
    ((_, call),) = list(last_calls(fake_bot, "select", ["What are the minor criteria for POEMS diagnosis?"]))
    assert set(call) >= {"cands", "question", "qvec", "follow_up"}


def test_a_question_the_method_never_saw_gets_none(fake_bot):
    ((_, call),) = list(last_calls(fake_bot, "select", ["can you write me a poem about pizza"]))
    assert call is None


def test_the_composer_has_its_own_method_back_afterwards(fake_bot):
    list(last_calls(fake_bot, "select", ["What are the minor criteria for POEMS diagnosis?"]))
    assert "select" not in vars(fake_bot.answerer)
