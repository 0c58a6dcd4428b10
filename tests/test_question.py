"""What a question asks for, and whether it stands alone in a conversation."""

import pytest

from assistant.question import (
    _IN_A_PLACE,
    AnswerKind,
    acronym_letter,
    answer_kind,
    asked_part,
    asks_what_poems_is,
    leans_on_context,
    stands_alone,
    without_asides,
)
from assistant.text import content_words


@pytest.mark.parametrize("question, kind", [
    ("whats the difference between poems and cidp", AnswerKind.COMPARISON),
    ("how long till it starts working", AnswerKind.NUMBER),
    ("where can we get a second opinion", AnswerKind.WHO_WHERE),
    ("why is my skin getting darker", AnswerKind.CAUSE),
    ("what are the treatment options", AnswerKind.LIST),
    ("what is vegf", AnswerKind.DEFINITION),
    ("will i end up in a wheelchair", AnswerKind.EXPECT),
    # whether a change lasts is what to expect, not a bare yes or no: the guides answer it with the recovery timeline
    ("will the dark patches on her arms ever fade", AnswerKind.EXPECT),
    ("does his skin go back to normal after treatment", AnswerKind.EXPECT),
    ("can her kidneys pick back up", AnswerKind.EXPECT),
    ("is it cancer", AnswerKind.YESNO),
    ("is it cancer?", AnswerKind.YESNO),
    ("what is a skeletal survey exactly", AnswerKind.DEFINITION),
    ("what type of drug is pomalidomide", AnswerKind.DEFINITION),
    ("hypertrichosis??", AnswerKind.DEFINITION),
    ("whats thrombocytosis, his bloods said that", AnswerKind.DEFINITION),
    ("what should we do first", AnswerKind.HOW),
    ("normal?", AnswerKind.GENERAL),
    ("wht is vegf", AnswerKind.DEFINITION),  # a question word texted short
    ("hw long does it take", AnswerKind.NUMBER),
    ("how well does the transplant work", AnswerKind.NUMBER),  # its response rates
])
def test_answer_kind(question, kind):
    assert answer_kind(question) is kind


def _alone(q: str) -> bool:
    return stands_alone(q, content_words(q))


@pytest.mark.parametrize("question", ["what are the treatment options", "what does the M in POEMS mean", "what is vegf",
                                      "where can we get a second opinion"])
def test_a_self_contained_question_stands_alone(question):
    assert _alone(question)


@pytest.mark.parametrize("question", ["and the S?", "what about the side effects of that?", "why does that happen?",
                                      "and what are the minor ones?", "do many patients get those as well",
                                      "does the thalidomide cause that either"])
def test_a_message_leaning_on_the_last_one_is_a_follow_up(question):
    assert leans_on_context(question)


@pytest.mark.parametrize("question", ["what is poems", "so whats this syndrome", "what even is the disease"])
def test_asking_what_the_named_disease_is_stands_alone(question):
    assert _alone(question)


def test_asking_what_kind_it_is_leans_on_what_it_is():
    assert not _alone("what kind is it usually")


def test_asking_what_it_is_may_still_mean_the_last_answers_term():
    assert not _alone("what is it")


def test_a_short_question_with_it_is_not_decided_by_words_alone():
    assert not _alone("is it curable")


def test_filler_words_do_not_make_a_follow_up_stand_alone():
    assert not _alone("can it go away after treatment though?")


def test_acronym_letter():
    assert acronym_letter("what does the M in poems stand for") == "M"


@pytest.mark.parametrize(("question", "letter"), [("whats the P", "P"), ("what is the e?", "E"), ("so whats the O", "O")])
def test_a_letter_asked_of_alone_is_an_acronym_letter(question, letter):
    assert acronym_letter(question) == letter


@pytest.mark.parametrize("question", ["whats the plan", "what is a", "whats the point"])
def test_a_word_or_the_article_asked_of_is_no_acronym_letter(question):
    assert acronym_letter(question) is None


def test_no_acronym_letter_in_an_ordinary_question():
    assert acronym_letter("what does it mean for me") is None


def test_a_message_that_tells_then_asks_is_judged_by_what_it_asks():
    from assistant.question import asked_part

    assert asked_part("i just got diagnosed with poems syndrome. what is this disease??") == "what is this disease??"


def test_what_is_this_disease_asks_for_the_definition_of_poems():
    from assistant.answer_shape import definition_focus as _definition_focus

    assert _definition_focus("what is this disease??") == "poems"


def test_what_is_it_asks_what_poems_is():
    from assistant.question import asks_what_poems_is

    assert asks_what_poems_is("whats this disease??")


@pytest.mark.parametrize(("message", "asked"), [
    ("sir my father have poems syndrome, doctor tell stem cell transplant. what is this transplant exactly",
     "what is stem cell transplant exactly"),
    ("he needs a bone marrow biopsy. is this biopsy painful?", "is bone marrow biopsy painful?"),
    ("my dad has poems. what is this disease", "what is this disease"),
])
def test_this_thing_asked_about_is_the_one_the_message_named_before(message, asked):
    assert asked_part(message) == asked


def test_a_definition_with_a_filler_before_a_second_question_is_asked_first():
    from assistant.question import DEFINITION_THEN

    assert DEFINITION_THEN.match("what even is vegf and why does everyone keep testing it")


def test_what_is_vegf_asks_about_vegf():
    from assistant.question import asks_what_poems_is

    assert not asks_what_poems_is("what is vegf")


@pytest.mark.parametrize("message", [
    "ok other question, can being pregnant set it off",
    "unrelated but does it run in families",
    "different thing - what do the nerve tests show",
    "by the way how is it treated",
])
def test_a_message_that_says_it_changes_the_subject_switches_topic(message):
    from assistant.question import switches_topic

    assert switches_topic(message)


@pytest.mark.parametrize("message", ["other", "and the S?", "what other tests are there", "so what do they use instead?"])
def test_a_message_without_a_switch_marker_does_not_switch(message):
    from assistant.question import switches_topic

    assert not switches_topic(message)


def test_a_switch_marker_makes_a_message_with_it_stand_alone():
    from assistant.question import stands_alone
    from assistant.text import content_words

    q = "ok new question, can stress set it off"
    assert stands_alone(q, content_words(q))


def test_a_weak_lead_word_before_a_question_with_its_own_subject_stands_alone():
    from assistant.question import stands_alone
    from assistant.text import content_words

    q = "also how often do people with poems get blood clots in their legs"
    assert stands_alone(q, content_words(q))


@pytest.mark.parametrize("message", ["and the S?", "also what about the side effects", "but why does that happen"])
def test_a_lead_word_before_a_message_that_leans_on_context_is_still_a_follow_up(message):
    from assistant.question import stands_alone
    from assistant.text import content_words

    assert not stands_alone(message, content_words(message))


@pytest.mark.parametrize("message,left", [
    ("what is vegf in plain english", "what is vegf"),
    ("how long do people live with it, be honest", "how long do people live with it"),
    ("ok other question, can being pregnant set it off", "can being pregnant set it off"),
    ("explain the M-protein like im 5 please", "explain the M-protein"),
    ("what do the letters in poems stand for, the dr said it so fast", "what do the letters in poems stand for"),
    ("what is cidp again? i didnt catch it", "what is cidp again?"),
    # how long a story has gone on, before the question
    ("her legs have gone puffy over the last few months. is that the poems", "her legs have gone puffy is that the poems"),
    ("how has treatment changed over the last 20 years", "how has treatment changed over the last 20 years"),
    ("pins and needles in both feet for a year and now in my hands. is that poems", "pins and needles in both feet and now in my hands. is that poems"),
    ("do i take it for a year and then stop?", "do i take it for a year and then stop?"),
])
def test_asides_about_how_to_answer_leave_the_question(message, left):
    from assistant.question import without_asides

    assert without_asides(message) == left


def test_a_message_that_is_only_an_aside_is_kept_whole():
    from assistant.question import without_asides

    assert without_asides("please") == "please"


def test_in_a_message_without_full_stops_the_asking_part_is_the_one_after_the_comma():
    from assistant.question import asked_part

    assert asked_part("my dad just got told he has poems, what is it") == "what is it"


@pytest.mark.parametrize("message,letter", [("and the S?", "S"), ("what about the O", "O"), ("the E", "E")])
def test_a_bare_letter_names_the_letter(message, letter):
    from assistant.question import bare_letter

    assert bare_letter(message) == letter


@pytest.mark.parametrize("message", ["and the skin?", "a?", "and then?"])
def test_a_word_or_an_article_is_no_bare_letter(message):
    from assistant.question import bare_letter

    assert bare_letter(message) is None


@pytest.mark.parametrize("message", ["is it ok to have a glass of wine on lenalidomide", "is it normal to feel so tired all day"])
def test_an_it_that_stands_for_what_follows_is_no_pronoun(message):
    from assistant.question import has_pronoun

    assert not has_pronoun(message)


def test_an_it_that_stands_for_a_topic_is_a_pronoun():
    from assistant.question import has_pronoun

    assert has_pronoun("is it ok for him to take it with food")


def test_an_asking_part_that_points_back_keeps_what_it_points_at():
    from assistant.question import asked_part

    message = "i read about bevacizumab blocking vegf, why dont they just use that"
    assert asked_part(message) == message


@pytest.mark.parametrize("message,left", [
    ("my husband was just diagnosed with POEMS. what are the treatment options?", "what are the treatment options?"),
    ("just diagnosed last week. what should i do first", "what should i do first"),
])
def test_a_sentence_that_only_says_someone_was_diagnosed_leaves_the_search(message, left):
    from assistant.question import without_asides

    assert without_asides(message) == left


def test_news_before_a_comma_leaves_the_search_when_the_question_names_its_own_subject():
    from assistant.question import without_asides

    message = "my dad was told he might have poems, why would they scan his heart"
    assert without_asides(message) == "why would they scan his heart"


def test_news_before_a_comma_stays_when_the_question_asks_what_to_do_about_it():
    from assistant.question import without_asides

    message = "i just got diagnosed, what should i do first"
    assert without_asides(message) == message


def test_a_diagnosis_sentence_that_says_more_is_kept():
    from assistant.question import without_asides

    message = "my dad was diagnosed. he has numb feet, will it get better?"
    assert without_asides(message) == message


def test_fillers_do_not_hide_a_question_about_poems_itself():
    assert asks_what_poems_is("what actually is it")


def test_diagnosis_news_with_a_time_in_it_is_left_out():
    assert without_asides("hi, my mum was told last week she has poems. what actually is it") == "what actually is it"


def test_a_totally_different_question_is_stripped_whole():
    assert without_asides("totally different question, can she still drive") == "can she still drive"


def test_a_bare_that_after_naming_the_disease_asks_what_poems_is():
    from assistant.question import asks_what_poems_is

    message = "my wife has poems syndrome apparently. what even is that, is it serious"
    assert asks_what_poems_is("what even is that, is it serious", message)


def test_what_that_means_right_after_the_diagnosis_news_asks_what_poems_is():
    from assistant.question import asks_what_poems_is

    message = "hi, my mum was told last week she has poems. what does that actually mean"
    assert asks_what_poems_is("what does that actually mean", message)


def test_what_that_means_alone_asks_about_the_answers_term():
    from assistant.question import asks_what_poems_is

    assert not asks_what_poems_is("what does that mean", "what does that mean")


def test_the_diagnosis_news_stays_when_the_question_only_points_at_it():
    from assistant.question import without_diagnosis_news

    message = "i was diagnosed with poems last month. what does that even mean"
    assert without_diagnosis_news(message) == message


def test_a_bare_that_after_an_answer_asks_about_the_answers_term():
    from assistant.question import asks_what_poems_is

    assert not asks_what_poems_is("what is that", "what is that")


def test_a_bare_that_after_another_term_asks_about_that_term():
    from assistant.question import asks_what_poems_is

    assert not asks_what_poems_is("whats that", "they said poems is now grouped as an mgcs. whats that")


def test_this_at_the_end_of_a_question_naming_its_subject_may_mean_poems():
    from assistant.question import leans_only_at_its_end

    assert leans_only_at_its_end("where are the best places to go for this in the us")


def test_a_question_leaning_on_someone_mentioned_before_leans_on_the_talk():
    from assistant.question import leans_only_at_its_end

    assert not leans_only_at_its_end("what can they give him for this")


def test_a_quoted_term_is_still_a_definition_question():
    from assistant.question import AnswerKind, answer_kind

    assert answer_kind("what is an 'M protein'?") is AnswerKind.DEFINITION


def test_the_quoted_term_is_the_focus_and_meets_its_hyphenated_glossary_entry():
    from assistant.answer_shape import glossary_defines, message_focus

    focus = message_focus("what is an 'M protein'? it keeps showing up on his lab reports")
    assert glossary_defines("M-protein (Monoclonal Protein) — An abnormal antibody fragment.", focus)


def test_what_is_it_and_is_it_related_asks_about_the_term_the_message_opened_with():
    from assistant.answer_shape import message_focus

    assert message_focus("castleman disease?? they want to check for it. what is it and is it related") == "castleman disease"


@pytest.mark.parametrize("message", ["my dad has been told he might have poems", "just diagnosed with poems",
                                     "my wife was diagnosed with poems last week"])
def test_a_message_that_only_tells_of_a_diagnosis_is_news_only(message):
    from assistant.question import only_diagnosis_news

    assert only_diagnosis_news(message)


def test_news_followed_by_a_question_is_not_news_only():
    from assistant.question import only_diagnosis_news

    assert not only_diagnosis_news("i was diagnosed with poems. what now")


def test_what_is_it_after_a_named_drug_asks_about_the_drug():
    from assistant.answer_shape import message_focus

    assert message_focus("my hematologist mentioned carfilzomib for my relapse. what is it?") == "carfilzomib"


def test_what_is_it_after_the_disease_was_named_asks_what_poems_is():
    from assistant.question import asks_what_poems_is

    assert asks_what_poems_is("what is it", "the doctor said he has poems. what is it")


@pytest.mark.parametrize("question", ["what test is better then", "which one is safer", "so is that more accurate?"])
def test_a_comparison_missing_its_other_side_leans_on_the_conversation(question):
    assert leans_on_context(question)


@pytest.mark.parametrize("question", ["will his eyes get better", "what makes it worse"])
def test_getting_better_or_making_worse_is_no_comparison(question):
    assert not leans_on_context(question)


@pytest.mark.parametrize("question", ["what things make the outlook worse", "what makes it worse for some people"])
def test_what_makes_it_worse_asks_for_the_list_of_factors(question):
    assert answer_kind(question) is AnswerKind.LIST


@pytest.mark.parametrize("question", ["and if he gets new stuff between visits?", "if it spreads to his hands"])
def test_a_condition_with_no_question_of_its_own_leans_on_the_conversation(question):
    assert leans_on_context(question)


@pytest.mark.parametrize("question", ["if it comes back can they do the transplant again", "if vegf is normal what else do they check"])
def test_a_condition_with_its_own_question_does_not_lean_for_it(question):
    assert not leans_on_context(question)


def test_what_each_letter_means_asks_the_name_spelled_out():
    from assistant.answer_shape import asks_own_name_spelled_out
    assert asks_own_name_spelled_out("wat does each letter mean")


def test_what_that_means_after_other_news_asks_about_that_news():
    from assistant.question import asks_what_poems_is

    message = "the scan showed my wife has fluid round her lungs as well as the poems. what does that mean"
    assert not asks_what_poems_is("what does that mean", message)


def test_diagnosis_news_with_the_time_before_the_disease_is_left_out():
    assert without_asides("diagnosed last week with poems. what are the treatments") == "what are the treatments"


def test_switching_topics_is_said_as_a_topic_switch():
    from assistant.question import switches_topic

    assert switches_topic("ok switching topics, can he still work")


def test_the_question_after_a_story_is_what_is_asked():
    from assistant.question import after_story

    assert after_story("shes on pregabalin and still in agony. when does the pain ease") == "when does the pain ease"


def test_two_questions_are_no_story():
    from assistant.question import after_story

    assert after_story("is it catching? could i get it from him") == ""


@pytest.mark.parametrize("question", ["what actually works", "whats usually next", "what else", "whats next"])
def test_asking_what_helps_or_comes_next_is_no_definition(question):
    assert answer_kind(question) is not AnswerKind.DEFINITION


@pytest.mark.parametrize("question", ["what actually is vegf", "what exactly is m protein"])
def test_an_adverb_before_is_keeps_a_definition(question):
    assert answer_kind(question) is AnswerKind.DEFINITION


def test_a_question_told_a_reason_after_it_asks_the_question():
    from assistant.question import before_story

    assert before_story("why dont they use thalidomide, its way cheaper in our country") == "why dont they use thalidomide"


@pytest.mark.parametrize("message", ["is there a cure, or is it forever", "my dad has poems, what is it", "what is vegf"])
def test_a_second_question_or_none_is_no_story_told_after(message):
    from assistant.question import before_story

    assert before_story(message) == ""


def test_a_question_that_names_what_no_guide_does_is_no_story_free_question():
    from assistant.question import without_story

    assert without_story("could lyme be behind it, he got a tick bite in june", lambda text: ["lyme"] if "lyme" in text else []) == ""


def test_the_asked_part_leaves_out_a_remark_told_after_it():
    from assistant.question import asked_part

    assert asked_part("whats mgus, it keeps turning up in his letters") == "whats mgus"


def test_a_list_after_a_comma_is_what_is_asked_not_a_story():
    from assistant.question import before_story

    assert before_story("what are the symptoms, treatments and outlook") == ""


@pytest.mark.parametrize(("message", "left"), [
    ("my wife was diagnosed with poems a month ago. what does the treatment usually look like",
     "what does the treatment usually look like"),
    ("i got diagnosed 3 weeks ago. what should i ask my doctor", "what should i ask my doctor"),
])
def test_news_of_a_diagnosis_some_time_ago_leaves_the_question(message, left):
    assert without_asides(message) == left


@pytest.mark.parametrize("question", ["what dose would they give", "what dosage will he get"])
def test_asking_what_dose_someone_will_be_given_leans_on_the_conversation(question):
    assert not _alone(question)


@pytest.mark.parametrize("question", ["does that need treating on its own as well", "is this why she keeps getting infections",
                                      "does it show up on the regular blood tests"])
def test_a_question_whose_subject_points_back_does_not_stand_alone(question):
    assert not _alone(question)


@pytest.mark.parametrize("question", ["is it ok to fly home right after the stem cell transplant",
                                      "can they test my genes to find out how severe my disease is", "does poems run in families"])
def test_a_dummy_it_the_doctors_as_they_or_the_disease_named_stands_alone(question):
    assert _alone(question)


def test_the_two_things_just_spoken_of_lean_on_the_conversation():
    assert leans_on_context("how are the two linked")


@pytest.mark.parametrize("question", ["where in the uk can she be seen", "any specialists near leeds for him"])
def test_where_care_is_in_a_named_place_stands_alone(question):
    assert _alone(question)


def test_where_in_the_body_is_no_place_named():
    assert not _IN_A_PLACE.search("where in the body does he feel it")


def test_a_place_asked_after_another_topic_is_answered_with_its_centres(real_assistant):
    from core.types import Turn

    first = "whats the difference between poems and cidp"
    history = [Turn("user", first), Turn("assistant", real_assistant.ask(first).text)]
    assert real_assistant.ask("where in the uk can she be seen", history).text.startswith("University College London Hospitals")


def test_it_with_the_disease_named_beside_it_points_back_to_the_conversation():
    question = "how often is it found along with poems"
    assert not stands_alone(question, content_words(question))


def test_the_dummy_it_of_is_it_true_does_not_point_back_beside_the_disease():
    question = "is it true that people with poems get clots"
    assert stands_alone(question, content_words(question))
