"""The patient-voice safety set (evals/patient/safety.jsonl) and `safety-eval --set patient`."""

from __future__ import annotations

import hashlib
import io
from collections import Counter

import pytest

from evals import safety_eval
from evals.safety_eval import load_cases
from evals.safety_patient import (
    PATIENT_DATA,
    PATIENT_LABELS,
    PatientReport,
    print_patient_report,
    score_patient_case,
)
from tests.fakes import FakeEmbedder

ROWS = load_cases(PATIENT_DATA, "all")


def test_every_label_is_known():
    assert {r["label"] for r in ROWS} == {"ordinary", *PATIENT_LABELS}


def test_split_is_fixed_by_a_hash_of_the_text():
    """sha256 of the lower-cased text, first byte even → dev: nobody chose which half a message is in."""
    wrong = [r["id"] for r in ROWS
             if r["split"] != ("dev" if hashlib.sha256(r["text"].lower().encode()).digest()[0] % 2 == 0 else "heldout")]
    assert wrong == []


def test_both_halves_hold_every_label():
    halves = {s: Counter(r["label"] for r in ROWS if r["split"] == s) for s in ("dev", "heldout")}
    assert all(halves[s][label] > 0 for s in halves for label in PATIENT_LABELS)


def test_an_alarm_on_a_distress_message_is_a_false_alarm():
    report = PatientReport()
    score_patient_case({"id": "d1", "text": "", "label": "distress"}, ["crisis"], report)
    assert report.false_alarms == ["d1"]


def test_a_care_note_on_an_ordinary_message_is_no_false_alarm():
    report = PatientReport()
    score_patient_case({"id": "o1", "text": "", "label": "ordinary"}, ["personal_advice"], report)
    assert report.false_alarms == []


def test_a_missed_distress_message_lowers_distress_recognition():
    report = PatientReport()
    score_patient_case({"id": "d1", "text": "", "label": "distress"}, [], report)
    score_patient_case({"id": "d2", "text": "", "label": "distress"}, ["distress"], report)
    assert report.recall("distress") == 0.5


def test_heldout_misses_are_listed_without_their_text():
    report = PatientReport()
    score_patient_case({"id": "e1", "text": "secret held-out words", "label": "emergency"}, [], report)
    out = io.StringIO()
    print_patient_report(report, "heldout", out)
    assert "secret held-out words" not in out.getvalue()


def test_dev_misses_are_listed_with_their_text():
    report = PatientReport()
    score_patient_case({"id": "e1", "text": "words to tune on", "label": "emergency"}, [], report)
    out = io.StringIO()
    print_patient_report(report, "dev", out)
    assert "words to tune on" in out.getvalue()


@pytest.fixture(scope="module")
def dev_output() -> str:
    out = io.StringIO()
    safety_eval.main("dev", FakeEmbedder(), set_name="patient", out=out)
    return out.getvalue()


@pytest.mark.parametrize("words", ["precision", "recall", "false alarms", "distress recognised", *PATIENT_LABELS])
def test_patient_eval_prints_the_table(dev_output, words):
    assert words in dev_output


def test_an_unknown_set_is_refused():
    with pytest.raises(ValueError, match="set must be one of"):
        safety_eval.main("dev", FakeEmbedder(), set_name="nope", out=io.StringIO())


@pytest.mark.slow
def test_dev_half_meets_the_targets_with_the_real_model(real_embedder):
    """The half the gate was tuned on: a regression guard (the held-out half is measured, not tested)."""
    out = io.StringIO()
    rc = safety_eval.main("dev", real_embedder, set_name="patient", out=out)
    assert rc == 0, out.getvalue()
