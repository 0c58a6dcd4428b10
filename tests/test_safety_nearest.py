"""The nearest-neighbour crisis head: its rule, its file, and how the gate trusts it."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.safety import CATEGORIES, SafetyGate
from assistant.safety.categories.crisis import NEAREST_HEAD
from assistant.safety.nearest import NearestHead, load_nearest, save_nearest
from core.types import CRISIS
from tests.fakes import FakeEmbedder

PATTERNS_ONLY = {c: 2.0 for c in CATEGORIES}


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


# one crisis along the first axis, one calm message along the second
HEAD = NearestHead(NEAREST_HEAD, positives=_unit(1, 0, 0)[None, :], others=_unit(0, 1, 0)[None, :], model="toy",
                   floor=0.55, margin=0.1)


def test_a_close_twin_of_a_crisis_scores_one():
    assert HEAD.probability(_unit(1, 0.1, 0)) == 1.0


def test_a_message_far_from_every_crisis_scores_zero():
    assert HEAD.probability(_unit(0.2, 0, 1)) == 0.0


def test_a_message_as_close_to_a_calm_one_as_to_a_crisis_scores_zero():
    assert HEAD.probability(_unit(1, 1, 0)) == 0.0


def test_the_head_survives_a_round_trip_through_its_file(tmp_path):
    loaded = load_nearest("toy", save_nearest(HEAD, tmp_path / "nearest.npz"))
    assert loaded[NEAREST_HEAD].closest(_unit(1, 0.3, 0)) == pytest.approx(HEAD.closest(_unit(1, 0.3, 0)), abs=0.01)


def test_a_head_built_for_another_model_is_not_loaded(tmp_path):
    assert load_nearest("another-model", save_nearest(HEAD, tmp_path / "nearest.npz")) == {}


def test_a_head_of_another_dimension_is_not_loaded(tmp_path):
    assert load_nearest("toy", save_nearest(HEAD, tmp_path / "nearest.npz"), dim=16) == {}


def test_no_file_means_no_head(tmp_path):
    assert load_nearest("toy", tmp_path / "missing.npz") == {}


class _Twin:
    """A nearest head that always finds a crisis twin."""

    label = NEAREST_HEAD

    def probability(self, vector: np.ndarray) -> float:
        return 1.0


def test_the_gate_calls_a_crisis_on_a_crisis_twin():
    gate = SafetyGate(FakeEmbedder(), thresholds=PATTERNS_ONLY, heads={NEAREST_HEAD: _Twin()})
    assert CRISIS in gate.check_question("i mean it this time").flags


def test_a_crisis_twin_is_trusted_only_through_the_heads_rule():
    # fear of dying is never a crisis to a head, however close its twin
    gate = SafetyGate(FakeEmbedder(), thresholds=PATTERNS_ONLY, heads={NEAREST_HEAD: _Twin()})
    assert CRISIS not in gate.check_question("im so scared im going to die from this").flags


def test_the_shipped_head_belongs_to_the_shipped_embedder():
    from assistant.safety.nearest import NEAREST_FILE

    assert set(load_nearest("all-MiniLM-L6-v2", NEAREST_FILE, dim=384)) == {NEAREST_HEAD}
