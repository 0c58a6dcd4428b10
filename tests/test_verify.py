"""The sentence verifier, rule by rule, on passages built from the guides' own sentences."""

import pytest

from assistant.verify import Verifier, missing_quantity, names_in, negated, split_cited
from core.sentences import split_sentences
from core.types import Chunk
from tests.fakes import FakeEmbedder


def chunk(text: str, cid: str = "c1", section: str = "") -> Chunk:
    return Chunk(id=cid, source_id="guide.txt", title="Guide", section=section, start=0, end=len(text), text=text,
                 sentences=tuple(split_sentences(text)))


THALIDOMIDE = chunk(
    "The J-POST randomized controlled trial confirmed that thalidomide lowers VEGF and can help control POEMS. "
    "However, 23% of patients developed new or worsening peripheral neuropathy on thalidomide. "
    "Lenalidomide is generally preferred for this reason.", "thal")
DELAY = chunk(
    "The time from first symptom to diagnosis is typically 13 to 18 months and frequently longer. "
    "Multiple studies have found that patients see three or more specialists.", "delay")
CARFILZOMIB = chunk(
    "A second-generation proteasome inhibitor. Unlike bortezomib, carfilzomib does not cause peripheral "
    "neuropathy. It has become an important option in relapsed disease.", "carf", section="Carfilzomib")


@pytest.fixture(scope="module")
def verifier():
    return Verifier(FakeEmbedder())


def test_a_faithful_paraphrase_is_kept(verifier):
    check = verifier.check("The time from the first symptom to diagnosis is usually 13 to 18 months [1].", {1: DELAY})
    assert check.supported, check.reason


def test_a_sentence_without_a_citation_is_dropped(verifier):
    check = verifier.check("The time from the first symptom to diagnosis is usually 13 to 18 months.", {1: DELAY})
    assert not check.supported
    assert check.reason == "cites no passage"


def test_a_citation_of_a_passage_not_given_is_dropped(verifier):
    assert verifier.check("Diagnosis takes 13 to 18 months [4].", {1: DELAY}).reason.startswith("cites [4]")


def test_a_changed_number_is_dropped(verifier):
    check = verifier.check("The time from the first symptom to diagnosis is usually 2 to 3 months [1].", {1: DELAY})
    assert "number 2" in check.reason


def test_a_changed_unit_is_dropped(verifier):
    check = verifier.check("The time from the first symptom to diagnosis is usually 13 to 18 weeks [1].", {1: DELAY})
    assert "13 week" in check.reason


def test_a_number_word_matches_its_digits():
    assert missing_quantity("Patients see 3 or more specialists.", DELAY.text) == ""


def test_a_flipped_negation_is_dropped(verifier):
    check = verifier.check("Unlike bortezomib, carfilzomib causes peripheral neuropathy [1].", {1: CARFILZOMIB})
    assert "negation" in check.reason


def test_an_added_negation_is_dropped(verifier):
    check = verifier.check("Thalidomide does not lower VEGF [1].", {1: THALIDOMIDE})
    assert "negation" in check.reason


def test_a_swapped_drug_is_dropped(verifier):
    check = verifier.check("Thalidomide is generally preferred for this reason [1].", {1: THALIDOMIDE})
    assert check.reason == "the cited sentence is about lenalidomide, not thalidomide"


def test_a_drug_the_passage_never_names_is_dropped(verifier):
    check = verifier.check("Rituximab lowers VEGF and can help control POEMS [1].", {1: THALIDOMIDE})
    assert check.reason == "rituximab is not named in the cited passage"


def test_a_kept_sentence_cites_the_sentences_that_support_it(verifier):
    check = verifier.check("Lenalidomide is generally preferred [1].", {1: THALIDOMIDE})
    (cite,) = check.cites
    assert THALIDOMIDE.text[slice(*cite.spans[0])] in THALIDOMIDE.text
    assert any("Lenalidomide" in THALIDOMIDE.text[a:b] for a, b in cite.spans)


def test_names_cover_the_list_and_drug_endings():
    assert names_in("Daratumumab and a new drug called zanubrutinib") == {"daratumumab", "zanubrutinib"}


def test_negation_words_include_implicit_ones():
    assert negated("Aspirin alone is generally considered insufficient.")


def test_markers_after_the_full_stop_belong_to_the_sentence_before():
    assert split_cited("Nerves heal slowly. [2] Pain improves [1].") == [("Nerves heal slowly.", (2,)),
                                                                         ("Pain improves [1].", (1,))]
