"""assistant/text.py: which words of a question the guides never use."""

import pytest

from assistant.text import LayTerms, Vocabulary, american, everyday, stem, unknown_terms, without_asked_time

GUIDE_WORDS = "POEMS polyneuropathy lenalidomide transplant nerve swollen legs mother".split()


@pytest.fixture(scope="module")
def vocab():
    return Vocabulary(GUIDE_WORDS)


@pytest.fixture(scope="module")
def known():
    return {stem(w.lower()) for w in GUIDE_WORDS}


@pytest.mark.parametrize("question", [
    "why do they keep sending me for nerve tests",
    "my legs are super swollen, is that part of it",
    "gonna need a transplant anymore?",
    "she has a nerve appt tmrw, do ppl need it",  # texting shorthand for everyday words
])
def test_everyday_words_are_not_unknown_topics(question, vocab, known):
    assert unknown_terms(question, known, vocab, LayTerms({})) == []


@pytest.mark.parametrize("question,word", [
    ("does acupuncture help the nerve pain", "acupuncture"),
    ("is it hereditary", "hereditary"),
])
def test_a_topic_the_guides_never_name_is_unknown(question, word, vocab, known):
    assert unknown_terms(question, known, vocab, LayTerms({})) == [word]


def test_a_part_of_daily_life_stays_a_topic_though_it_is_an_everyday_word(vocab, known):
    assert unknown_terms("is it ok to have a couple of beers on lenalidomide", known, vocab, LayTerms({})) == ["beers"]


def test_children_stay_a_topic(vocab, known):
    assert unknown_terms("can my children inherit this", known, vocab, LayTerms({}))[:1] == ["children"]



def test_a_part_of_daily_life_is_what_a_question_is_about():
    from assistant.text import life_words

    assert life_words("how much does a stem cell transplant cost", {"transplant"}) == ["cost"]


def test_a_life_word_that_names_the_kind_of_a_guide_term_is_not_the_topic():
    from assistant.text import life_words

    assert life_words("is baby aspirin enough to stop clots", {"aspirin", "clot"}) == []


def test_a_life_word_before_an_everyday_word_is_still_the_topic():
    from assistant.text import life_words

    assert life_words("what foods should my husband avoid", {"husband"}) == ["foods"]


@pytest.mark.parametrize("word", ["undone", "mums", "newest", "latest"])
def test_how_a_question_is_put_is_everyday(word):
    from assistant.text import everyday

    assert everyday(word)


@pytest.mark.parametrize("word", ["arrest", "psoriasis"])
def test_a_topic_is_not_everyday(word):
    from assistant.text import everyday

    assert not everyday(word)


def test_a_phrases_words_do_not_also_expand_on_their_own():
    lay = LayTerms({"heart scan": ["echocardiogram"], "scan": ["imaging"], "heart": ["cardiac"]})
    assert lay.expand("they found it on the heart scan") == "echocardiogram"


def test_a_word_outside_the_phrase_still_expands():
    lay = LayTerms({"heart scan": ["echocardiogram"], "scan": ["imaging"]})
    assert lay.expand("after the heart scan they want a bone scan") == "echocardiogram imaging"


def test_a_life_word_inside_a_lay_phrase_is_the_phrases():
    assert LayTerms({"sex drive": ["libido"]}).without_phrases("why is his sex drive gone") == "why is his gone"


def test_an_everyday_word_made_a_noun_is_everyday():
    assert everyday("illness") is True


def test_a_symptom_noun_whose_root_is_no_everyday_word_is_not():
    assert everyday("numbness") is False


def test_asking_whether_something_will_pass_asks_for_the_guides_recovery_words():
    from assistant.text import RECOVERY_WORDS, outcome_words

    assert outcome_words("will that go back to normal", []) == list(RECOVERY_WORDS)


def test_a_follow_up_that_asks_no_outcome_has_none():
    from assistant.text import outcome_words

    assert outcome_words("how long does that take", ["long", "take"]) == []


def test_the_verb_treat_finds_the_guides_noun_treatment():
    assert "treatment" in LayTerms().expand("how is it treated").split()


def test_once_a_year_finds_the_schedules_annually():
    assert "annually" in LayTerms().expand("what checks will he need once a year").split()


def _vocabulary() -> Vocabulary:
    return Vocabulary(["The bispecific antibody CM336 has entered trials. Daratumumab, dasatinib. See the CMP panel."])


def test_a_half_remembered_name_is_completed_with_the_one_name_it_begins():
    assert _vocabulary().complete_text("the one with the code name, cm-something") == "the one with the code name, cm336"


def test_a_start_shared_by_two_names_is_left_as_it_is():
    assert _vocabulary().complete_text("the da something drug") == "the da something drug"


def test_an_everyday_word_before_something_is_no_name():
    assert _vocabulary().complete_text("did i see something") == "did i see something"


@pytest.mark.parametrize(("text", "kept"), [
    ("how long is the delay usually", "how months years is the delay usually"),
    ("why does it take so long to find out", "why does it take so months years to find out"),
    ("the most robust long-term data", "the most robust long-term data"),
    ("patients can expect long survival", "patients can expect long survival"),
])
def test_the_long_that_asks_for_a_time_is_read_as_months_or_years_and_no_other(text, kept):
    assert without_asked_time(text) == kept


@pytest.mark.parametrize("words", ["does it go back to normal", "will the rash clear up"])
def test_asking_whether_a_change_lasts_finds_the_guides_words_for_fading(words):
    assert "fade" in LayTerms().expand(words).split()


@pytest.mark.parametrize("words", ["can kids get this", "has a child ever had it"])
def test_a_child_is_looked_for_as_the_guides_youngest_case(words):
    assert "youngest" in LayTerms().expand(words).split()


@pytest.mark.parametrize(("words", "term"), [("is it in the veins or the arteries", "venous"),
                                             ("is it in the veins or the arteries", "arterial"),
                                             ("does it hit the nerves for the bladder", "autonomic"),
                                             ("is there someone to talk to", "psychologist")])
def test_plain_body_and_support_words_find_the_guides_terms(words, term):
    assert term in LayTerms().expand(words).split()


def test_radiation_therapy_is_no_talking_therapy():
    assert "psychologist" not in LayTerms().expand("how does radiation therapy work").split()


@pytest.mark.parametrize("words", ["can his liver pick back up", "will her eyes settle down"])
def test_a_body_part_settling_or_picking_back_up_asks_whether_it_improves(words):
    assert "improve" in LayTerms().expand(words).split()


def test_what_pushes_a_risk_up_is_a_risk_factor():
    assert "risk factor" in LayTerms().expand("what pushes the risk up")


def test_a_decade_said_in_words_is_searched_as_the_guides_write_it():
    assert "1980s" in LayTerms().expand("what was it like back in the eighties").split()


def test_the_feeling_in_numb_feet_is_no_emotion():
    assert "anxiety" not in LayTerms().expand("will the feeling in his feet come back").split()


@pytest.mark.parametrize(("words", "term"), [("which ones are the must haves", "mandatory criteria"),
                                             ("what has to be there for it to be poems", "mandatory criteria"),
                                             ("why is it called poems", "acronym"),
                                             ("other inflamation chemicals besides vegf", "cytokines"),
                                             ("how often do they repeat the nerve tests", "nerve conduction"),
                                             ("what steroid goes with it", "dexamethasone")])
def test_plain_words_for_the_criteria_the_name_inflammation_nerve_tests_and_steroids_find_the_guides_terms(words, term):
    assert term in LayTerms().expand(words)


def test_the_guides_own_word_inflammatory_is_left_as_it_is():
    assert "cytokines" not in LayTerms().expand("which inflammatory markers are high")


@pytest.mark.parametrize(("words", "term"), [("nurofen isnt helping the nerve pain", "ibuprofen"),
                                             ("can he take panadol with it", "paracetamol"),
                                             ("whats the fbc looking for", "complete blood count")])
def test_brand_painkillers_and_the_british_name_of_the_blood_count_find_the_guides_terms(words, term):
    assert term in LayTerms().expand(words)


@pytest.mark.parametrize(("british", "american_spelling"), [
    ("colour", "color"), ("tumours", "tumors"), ("oedema", "edema"), ("anaemia", "anemia"), ("haematologist", "hematologist"),
    ("paediatric", "pediatric"), ("diarrhoea", "diarrhea"), ("centre", "center"), ("catalogue", "catalog")])
def test_a_british_spelling_is_read_as_the_american_one(british, american_spelling):
    assert american(british) == american_spelling


@pytest.mark.parametrize("word", ["four", "hour", "your", "flour", "devour", "exercise", "advise", "more"])
def test_a_word_that_only_looks_british_is_left_as_it_is(word):
    assert american(word) == word


def test_a_british_spelling_of_an_everyday_word_is_everyday():
    assert everyday("colour")


def test_a_british_spelling_of_a_guide_word_is_corrected_to_it():
    assert Vocabulary(["edema"]).correct("oedema") == "edema"
