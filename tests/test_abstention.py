"""The abstention model: its features, its probability, its packaged file, and where the composer asks it."""

import dataclasses
import json

import numpy as np
import pytest

from assistant.abstention import (
    ABSTAIN_FEATURES,
    AbstainModel,
    AbstainModelError,
    abstain_features,
    packaged_abstain_model,
)
from assistant.compose import Candidate, Composer
from assistant.compose_settings import ComposerSettings
from core.types import Chunk

N = len(ABSTAIN_FEATURES)


def _model(bias: float, threshold: float = 0.5) -> AbstainModel:
    return AbstainModel((0.0,) * N, (1.0,) * N, (0.0,) * N, (), bias, threshold)


def _row(rule: bool = False) -> np.ndarray:
    return abstain_features([0.9, 0.5], [0.8, 0.4], [0.7], 0.6, 0.5, 0, 0, 1.0, 4, rule)


def test_a_row_has_one_value_per_feature():
    assert _row().shape == (N,)


def test_the_rules_decision_is_a_feature():
    assert _row(rule=True)[ABSTAIN_FEATURES.index("rule")] == 1.0


def test_the_best_similarity_leads_the_second_by_its_gap():
    assert _row()[ABSTAIN_FEATURES.index("sim_gap")] == pytest.approx(0.4)


def test_a_model_with_no_weights_is_undecided():
    assert _model(0.0).probability(_row(), np.zeros(3)) == pytest.approx(0.5)


def test_a_logit_far_out_gives_a_probability_without_overflow():
    assert _model(1e6).probability(_row(), np.zeros(3)) == pytest.approx(1.0)


def test_the_model_refuses_above_its_threshold():
    assert _model(2.0, threshold=0.8).refuses(_row(), np.zeros(3))


def test_the_model_answers_below_its_threshold():
    assert not _model(1.0, threshold=0.8).refuses(_row(), np.zeros(3))


def test_the_question_vector_moves_the_probability():
    model = dataclasses.replace(_model(0.0), meaning=(1.0, 0.0))
    assert model.probability(_row(), np.array([3.0, 0.0])) > 0.9


def test_a_model_file_for_other_features_says_how_to_retrain(tmp_path):
    path = tmp_path / "abstain_model.json"
    path.write_text(json.dumps({"features": ["evidence"], "mean": [0], "scale": [1], "weights": [0], "bias": 0, "threshold": 0.5}))
    with pytest.raises(AbstainModelError, match="abstain-train"):
        packaged_abstain_model(path)


def test_no_model_file_means_the_hand_rules(tmp_path):
    assert packaged_abstain_model(tmp_path / "none.json") is None


def test_the_packaged_model_fits_the_features():
    model = packaged_abstain_model()
    assert model is not None and len(model.weights) == N


def _cand(score: float) -> Candidate:
    chunk = Chunk(id="c", source_id="s", title="t", section="VEGF", start=0, end=4, text="Text")
    return Candidate(chunk, 0, "VEGF is a protein.", score, score, score, np.zeros(2, dtype=np.float32))


def test_a_follow_up_is_judged_by_the_rules_not_the_model():
    settings = ComposerSettings(abstain_model=_model(50.0))  # the model would refuse anything
    composer = Composer(None, sentence_vectors=lambda ids: {}, settings=settings)
    assert not composer.should_abstain("and the S?", 0.9, follow_up=True, cands=[_cand(0.9)], qvec=np.zeros(2))


@pytest.fixture(scope="module")
def refusing_assistant(real_index, real_embedder):
    """The real assistant with a model that refuses every stand-alone question it is asked about."""
    from assistant import Assistant

    settings = dataclasses.replace(ComposerSettings.learned(embedder=real_embedder.name), abstain_model=_model(50.0))
    return Assistant.from_config(real_index, embedder=real_embedder, settings=settings)


@pytest.mark.slow
def test_a_stand_alone_question_is_judged_by_the_model(refusing_assistant):
    assert "out_of_scope" in refusing_assistant.ask("what is vegf").flags


@pytest.mark.slow
def test_a_request_for_individual_advice_is_judged_by_the_rules_not_the_model(refusing_assistant):
    answer = refusing_assistant.ask("how much gabapentin should i be taking for the nerve pain")
    assert "out_of_scope" not in answer.flags


@pytest.mark.slow
@pytest.mark.parametrize("question", ["is this something my children could inherit from me",
                                      "will the chemo before the transplant make me go bald"])
def test_the_packaged_model_refuses_what_the_guides_do_not_cover_in_words_they_use(real_assistant, question):
    assert "out_of_scope" in real_assistant.ask(question).flags


@pytest.mark.slow
@pytest.mark.parametrize("question", ["how is it treated", "what does the E stand for", "is it curable"])
def test_the_packaged_model_answers_what_the_guides_cover(real_assistant, question):
    assert "out_of_scope" not in real_assistant.ask(question).flags


def test_a_question_vector_of_other_dimensions_leaves_the_question_to_the_rules():
    model = dataclasses.replace(_model(50.0), meaning=(1.0, 0.0))
    composer = Composer(None, sentence_vectors=lambda ids: {}, settings=ComposerSettings(abstain_model=model))
    row_rule, _ = composer.abstention_row("and the S?", 0.9, follow_up=True, cands=[_cand(0.9)])
    assert not model.applies(np.zeros(3)) and not row_rule


def test_a_plain_word_counts_as_found_when_the_guides_term_for_it_is():
    from assistant.abstention import share_found

    assert share_found(["dara"], {"daratumumab"}, lambda w: "daratumumab" if w == "dara" else "") == 1.0


def test_a_word_neither_found_nor_mapped_is_not_found():
    from assistant.abstention import share_found

    assert share_found(["dara", "diet"], {"daratumumab"}, lambda w: "daratumumab" if w == "dara" else "") == 0.5


def test_a_plain_word_counts_as_found_when_the_guides_term_for_it_is_there():
    from assistant.abstention import word_found

    assert word_found("job", {"work"}, lambda w: "work" if w == "job" else w)


def test_a_plain_word_with_no_guide_term_is_not_found():
    from assistant.abstention import word_found

    assert not word_found("driving", {"work"}, lambda w: w)
