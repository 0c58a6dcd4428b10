"""The safety gate fails safe: a failure anywhere after the pattern layer can add caution, never remove it."""

from __future__ import annotations

import pytest

from assistant.safety import EMERGENCY_PREFACE, REGISTRY, Finding, SafetyGate, read_thresholds
from core.types import EMERGENCY, PERSONAL_ADVICE
from tests.fakes import FailingClassifier, FailingEmbedder, FakeEmbedder, GarbageClassifier

STROKE = "my dad's face is drooping and he can't speak"


class BrokenCategory:
    """A registered category with a bug: its detect raises on every message."""

    flag, label, default_threshold, reply_rank, sticky = "broken", "", 1.0, 9, True

    def guard(self, norm):
        return True

    def detect(self, msg, scores, found, ctx):
        raise RuntimeError("bug in a category")


class ClassifierFirst:
    """A sticky category that consults the classifier before its own pattern (which the gate must survive)."""

    flag, label, default_threshold, reply_rank, sticky = "classifier_first", "", 1.0, 9, True

    def guard(self, norm):
        return True

    def detect(self, msg, scores, found, ctx):
        if scores.full is not None and scores.full.get("emergency", 0.0) > 0.5:
            return Finding(preface="classifier says so")
        return Finding(preface="pattern says so") if "drooping" in msg.norm else None


@pytest.fixture(scope="module")
def failing_classifier_gate() -> SafetyGate:
    return SafetyGate(FakeEmbedder(), classifier=FailingClassifier())


def test_failing_classifier_keeps_the_emergency_flag(failing_classifier_gate):
    assert EMERGENCY in failing_classifier_gate.check_question(STROKE).flags


def test_failing_classifier_keeps_the_emergency_preface(failing_classifier_gate):
    assert failing_classifier_gate.check_question(STROKE).preface == EMERGENCY_PREFACE


def test_failing_classifier_adds_no_flag_to_an_ordinary_question(failing_classifier_gate):
    assert failing_classifier_gate.check_question("What is VEGF?").flags == []


def test_failing_embedder_keeps_the_emergency_preface():
    gate = SafetyGate(FailingEmbedder())  # the classifier cannot even be fitted
    assert gate.check_question(STROKE).preface == EMERGENCY_PREFACE


def test_classifier_output_that_breaks_the_categories_keeps_the_emergency_preface():
    gate = SafetyGate(FakeEmbedder(), classifier=GarbageClassifier())
    assert gate.check_question(STROKE).preface == EMERGENCY_PREFACE


def test_classifier_output_that_breaks_the_categories_keeps_personal_advice():
    gate = SafetyGate(FakeEmbedder(), classifier=GarbageClassifier())
    assert PERSONAL_ADVICE in gate.check_question("Should I stop taking my lenalidomide?").flags


def test_a_broken_category_does_not_hide_an_emergency():
    gate = SafetyGate(FakeEmbedder(), classifier=FailingClassifier(), categories=(BrokenCategory(), *REGISTRY))
    assert gate.check_question(STROKE).preface == EMERGENCY_PREFACE


def test_what_patterns_found_survives_a_classifier_step_that_raises():
    gate = SafetyGate(FakeEmbedder(), classifier=GarbageClassifier(), categories=(ClassifierFirst(), *REGISTRY))
    assert "classifier_first" in gate.check_question(STROKE).flags


def test_a_history_that_is_not_a_list_of_turns_does_not_hide_an_emergency(failing_classifier_gate):
    assert failing_classifier_gate.check_question(STROKE, 42).preface == EMERGENCY_PREFACE


def test_gate_reads_its_thresholds_from_the_data_file(tmp_path):
    path = tmp_path / "thresholds.toml"
    path.write_text("[thresholds]\nemergency = 0.9\n", encoding="utf-8")
    gate = SafetyGate(FakeEmbedder(), classifier=FailingClassifier(), thresholds_file=path)
    assert gate.thresholds["emergency"] == 0.9


def test_a_broken_thresholds_file_falls_back_to_the_category_defaults(tmp_path):
    path = tmp_path / "thresholds.toml"
    path.write_text("[thresholds\nemergency = ", encoding="utf-8")
    gate = SafetyGate(FakeEmbedder(), classifier=FailingClassifier(), thresholds_file=path)
    assert gate.thresholds["emergency"] == next(c for c in REGISTRY if c.label == "emergency").default_threshold


def test_the_shipped_thresholds_cover_every_classifier_label():
    assert set(read_thresholds()) == {c.label for c in REGISTRY if c.label}
