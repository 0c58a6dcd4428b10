"""The disease's name is said as "it" for the memory of questions asked before, unless it is what the question asks about."""

import numpy as np
import pytest

from assistant.disease_name import search_vector, without_disease_name


def test_the_name_beside_a_topic_is_said_as_it():
    assert without_disease_name("how is poems treated") == "how is it treated"


@pytest.mark.parametrize("question", ["what is poems", "what does poems stand for", "what does the P in poems mean",
                                      "can you explain poems syndrome to me", "is poems a death sentence"])
def test_a_question_about_the_disease_itself_keeps_its_name(question):
    assert without_disease_name(question) == question


def test_a_question_without_the_name_is_unchanged():
    assert without_disease_name("how is it treated") == "how is it treated"


def test_the_search_vector_is_the_questions_own_when_nothing_was_renamed():
    own = np.array([0.6, 0.8])
    assert np.array_equal(search_vector([own]), own)


def test_the_search_vector_is_unit_length():
    assert np.isclose(np.linalg.norm(search_vector([np.array([1.0, 0.0]), np.array([0.0, 1.0])])), 1.0)


def test_the_search_vector_keeps_part_of_the_questions_own():
    assert search_vector([np.array([1.0, 0.0]), np.array([0.0, 1.0])])[0] > 0.3


def test_the_search_vector_leans_towards_the_name_free_question():
    mixed = search_vector([np.array([1.0, 0.0]), np.array([0.0, 1.0])])
    assert mixed[1] > mixed[0]
