"""What a question sets aside ("besides cidp, what else …") is no part of what to search for."""

import pytest

from assistant.set_aside import set_aside, without_set_aside


@pytest.mark.parametrize(("question", "left"), [
    ("besides cidp what other things does this get mistaken for", "what other things does this get mistaken for"),
    ("besides vegf, are there other chemicals that go up", "are there other chemicals that go up"),
    ("what heart problems can happen with this besides the lung pressure", "what heart problems can happen with this"),
    ("what else besides that helps him walk", "what else helps him walk"),
])
def test_what_is_set_aside_leaves_the_question(question, left):
    assert without_set_aside(question) == left


def test_telling_two_things_apart_sets_nothing_aside():
    question = "how do they tell it apart from cidp on the nerve test"
    assert without_set_aside(question) == question


def test_a_question_left_with_no_subject_keeps_what_it_set_aside():
    question = "is there anything other than a transplant"
    assert without_set_aside(question) == question


def test_the_words_set_aside_are_named():
    assert set_aside("any specialists in europe besides london") == "london"


def test_a_question_setting_nothing_aside_names_nothing():
    assert set_aside("what other things does this get mistaken for") == ""


def test_a_pronoun_set_aside_names_nothing():
    assert set_aside("what else besides that helps him walk") == ""


def test_what_is_set_aside_never_runs_over_the_question_after_it():
    question = "different question, besides the numbness what else should we watch for at home"
    assert set_aside(question) == "the numbness"


def test_what_is_set_aside_in_the_middle_leaves_the_question_around_it():
    assert without_set_aside("what eye problems besides papilledema can happen") == "what eye problems can happen"
