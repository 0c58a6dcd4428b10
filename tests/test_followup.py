"""Follow-up resolution: pronoun questions borrow the conversation's topic; first questions stay as asked."""

import pytest

from assistant.followup import is_follow_up, normalise_history, resolve
from core.errors import BadQuestion
from core.types import Turn

HISTORY = [Turn("user", "What is the treatment for a single bone lesion?"),
           Turn("assistant", "Radiation therapy is the first-line treatment. [1]")]


def test_first_question_is_not_rewritten():
    r = resolve("What dose do they use for it?", [])
    assert r.query == "What dose do they use for it?" and not r.is_follow_up


def test_pronoun_follow_up_takes_the_topic_and_carries_evidence():
    located = []
    r = resolve("What dose do they use for it?", HISTORY, carried=lambda turn: located.append(turn.content) or ["chunk-1"])
    assert r.is_follow_up
    assert "bone" in r.query
    assert "lesion" in r.query
    assert r.carry_ids == ["chunk-1"]
    assert "Radiation therapy" in located[0]


def test_a_follow_ups_own_words_outweigh_the_topic_it_borrows():
    words = resolve("What dose do they use for it?", HISTORY).query.lower().split()
    assert words.count("dose") > words.count("lesion")


def test_follow_up_of_a_follow_up_keeps_the_original_topic():
    history = HISTORY + [Turn("user", "and how long does the radiation take?"), Turn("assistant", "...")]
    r = resolve("is it painful?", history)
    assert "bone" in r.query and "radiation" in r.query


def test_the_long_of_how_long_asked_earlier_is_no_topic_carried():
    history = [Turn("user", "why does it take so long to get diagnosed"), Turn("assistant", "...")]
    assert "long" not in resolve("and what is the delay usually?", history).query.lower().split()[6:]


def test_self_contained_question_in_a_conversation_is_kept():
    assert not is_follow_up("What are the minor diagnostic criteria for POEMS syndrome?", HISTORY)
    assert is_follow_up("and the side effects?", HISTORY)


def test_it_after_asking_what_poems_is_means_poems():
    history = [Turn("user", "hi, my mum was told last week she has poems. what actually is it"), Turn("assistant", "...")]
    assert not resolve("is it a kind of cancer?", history).is_follow_up


def test_what_is_it_asked_of_poems_is_no_referent():
    history = [Turn("user", "is it cancer"), Turn("assistant", "No, not all plasma cell disorders are cancerous.")]
    assert resolve("how do they treat it", history).query == "how do they treat it"


def test_what_is_it_asked_after_a_comma_is_no_referent_either():
    history = [Turn("user", "my wife was told she has poems, is it a cancer"), Turn("assistant", "No, not all … cancerous.")]
    assert "cancer" not in resolve("how do they treat it", history).query


def test_a_thing_asked_about_is_still_a_referent():
    history = [Turn("user", "what is thalidomide"), Turn("assistant", "...")]
    assert "thalidomide" in resolve("is it safe for the nerves?", history).query


def test_a_connective_still_follows_up_on_what_poems_is():
    history = [Turn("user", "what is poems"), Turn("assistant", "...")]
    assert resolve("and the S?", history).is_follow_up


def test_follow_up_context_leaves_out_the_diagnosis_news():
    history = [Turn("user", "my husband was just diagnosed. how long does radiation take to work"), Turn("assistant", "...")]
    assert "husband" not in resolve("is it painful?", history).query


@pytest.mark.parametrize("bad", ["hello", [1, 2], [{"role": "system", "content": "x"}], [{"role": "user"}],
                                 [{"role": "user", "content": 5}]])
def test_history_in_the_wrong_shape(bad):
    with pytest.raises(BadQuestion):
        normalise_history(bad)


def test_history_accepts_dicts_and_turns():
    assert normalise_history([{"role": "user", "content": "hi"}, Turn("assistant", "yes")]) == [
        Turn("user", "hi"), Turn("assistant", "yes")]


@pytest.mark.slow
def test_follow_up_finds_the_dose_passage(real_assistant):
    first = real_assistant.ask("What is the treatment for a single bone lesion?")
    answer = real_assistant.ask("what dose do they use for it?",
                                [{"role": "user", "content": "What is the treatment for a single bone lesion?"},
                                 {"role": "assistant", "content": first.text}])
    assert "40–50 Gy" in answer.text


def test_a_term_asked_about_with_where_it_was_met_stands_alone():
    assert not is_follow_up("hypertrichosis?? the dermatologist wrote that", HISTORY)


def test_a_pronoun_asked_about_still_follows_up():
    assert is_follow_up("my husband is on lenalidomide, what kind of drug is it", HISTORY)


def test_the_last_answer_is_the_last_assistant_turn():
    from assistant.followup import last_answer

    assert last_answer([Turn("user", "a"), Turn("assistant", "first"), Turn("user", "b"), Turn("assistant", "second"),
                        Turn("user", "c")]) == "second"


def test_there_is_no_last_answer_before_the_first():
    from assistant.followup import last_answer

    assert last_answer([Turn("user", "a")]) == ""


@pytest.mark.parametrize("question", ["how rare is poems anyway", "is poems hereditary"])
def test_a_question_naming_the_disease_with_nothing_pointing_back_stands_alone(question):
    assert not is_follow_up(question, HISTORY)


def test_the_disease_named_beside_a_pointer_back_still_follows_up():
    assert is_follow_up("why would poems do that to bones", HISTORY)


def test_a_chain_of_three_follow_ups_keeps_the_topic_that_opened_it():
    history = [Turn("user", "can they treat a single bone lesion with radiation"), Turn("assistant", "..."),
               Turn("user", "whats the dose they use"), Turn("assistant", "..."),
               Turn("user", "and how often does it work"), Turn("assistant", "...")]
    assert "radiation" in resolve("if it doesnt work whats next", history).query


def test_a_dose_with_nothing_after_it_is_of_what_was_asked_before():
    history = [Turn("user", "can they treat a single bone lesion with radiation"), Turn("assistant", "...")]
    assert is_follow_up("whats the dose they use", history)


def test_a_dose_named_with_its_drug_stands_alone():
    history = [Turn("user", "can they treat a single bone lesion with radiation"), Turn("assistant", "...")]
    assert not is_follow_up("whats the usual dose of lenalidomide", history)
