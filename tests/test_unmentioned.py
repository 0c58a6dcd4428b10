from assistant.compose import ABSTAIN_TEXT
from assistant.unmentioned import unmentioned_drugs

GUIDE_NAMES = {"lenalidomide", "daratumumab", "bortezomib"}


def _mentions(name: str) -> bool:
    return name in GUIDE_NAMES


def _correct(word: str) -> str:
    return "daratumumab" if word == "daratumamab" else word


def test_a_medicine_no_guide_names_is_found():
    assert unmentioned_drugs("has anyone tried rituximab for this", _mentions, _correct) == ["rituximab"]


def test_a_medicine_the_guides_name_is_not():
    assert unmentioned_drugs("is lenalidomide hard on the body", _mentions, _correct) == []


def test_a_guide_medicine_misspelt_is_known_by_its_spelling():
    assert unmentioned_drugs("what kind of drug is daratumamab", _mentions, _correct) == []


def test_a_medicine_someone_is_on_is_the_story_not_the_question():
    assert unmentioned_drugs("my dad is on warfarin, can poems cause clots", _mentions, _correct) == []


def test_a_medicine_by_its_ending_alone_is_found():
    assert unmentioned_drugs("would elotuzumab be an option", _mentions, _correct) == ["elotuzumab"]


def test_a_medicine_no_guide_names_is_refused_even_with_a_story_before_it(real_assistant):
    answer = real_assistant.ask("my sister said rituximab worked wonders for her, does it work for poems")
    assert answer.text.startswith(ABSTAIN_TEXT[:40])


def test_a_medicine_someone_is_on_leaves_the_question_answered(real_assistant):
    answer = real_assistant.ask("my husband is on warfarin already, can poems cause blood clots")
    assert not answer.text.startswith(ABSTAIN_TEXT[:40])


def test_a_medicine_someone_else_got_better_on_is_the_question():
    assert unmentioned_drugs("my aunt got better on rituximab, is it used for poems", _mentions, _correct) == ["rituximab"]


def test_a_medicine_the_guides_name_by_its_kind_is_not():
    assert unmentioned_drugs("does prednisone help the nerves", lambda n: n in {"steroids"}, _correct) == []
