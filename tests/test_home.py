"""Where the asker lives, and whether it leaves the search."""


def _guides_name(word: str) -> bool:
    return word in {"china", "beijing", "mayo"}


def test_where_someone_lives_leaves_the_search_when_the_guides_never_name_the_place():
    from assistant.home import without_home

    assert without_home("we live in ohio. where should my father go", _guides_name) == "where should my father go"


def test_a_place_the_guides_name_stays_in_the_search():
    from assistant.home import without_home

    message = "we are in china, where is best place for this illness"
    assert without_home(message, _guides_name) == message


def test_a_country_of_the_expert_centers_under_its_everyday_name_stays():
    from assistant.home import without_home

    message = "were in the uk, how do i get a second opinion"
    assert without_home(message, _guides_name) == message


def test_a_question_about_the_place_itself_keeps_it():
    from assistant.home import without_home

    message = "we live in ireland, does anywhere here know about poems"
    assert without_home(message, _guides_name) == message


def test_a_state_of_mind_is_no_place():
    from assistant.home import without_home

    message = "were in bits, what do we do"
    assert without_home(message, _guides_name) == message
