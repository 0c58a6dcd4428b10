"""`safety-train`: the leave-one-set-out report and the heads it writes (FakeEmbedder, tiny sets)."""

from __future__ import annotations

import io
import json

import numpy as np

from assistant.safety.categories.crisis import NEAREST_HEAD
from assistant.safety.heads import LinearHead, load_heads, save_heads
from assistant.safety.nearest import load_nearest
from evals import safety_train
from tests.fakes import FakeEmbedder


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _sets(tmp_path):
    a = _write(tmp_path / "a.jsonl", [
        {"id": "a1", "text": "i want to end my life tonight", "label": "crisis", "split": "dev"},
        {"id": "a2", "text": "my feet are numb all the time", "label": "ordinary", "split": "dev"},
        {"id": "a3", "text": "so low and flat since the diagnosis", "label": "distress", "split": "dev"},
    ])
    b = _write(tmp_path / "b.jsonl", [
        {"id": "b1", "text": "i dont want to be here any more", "label": "crisis", "split": "dev"},
        {"id": "b2", "text": "is the swelling part of poems", "label": "ordinary", "split": "dev"},
    ])
    return {"a": a, "b": b}


def _run(tmp_path, monkeypatch, write=True):
    monkeypatch.setattr(safety_train, "QUESTION_SETS", {"q": _write(tmp_path / "q.jsonl", [{"question": "what is vegf"}])})
    out = io.StringIO()
    heads_file = tmp_path / "heads.npz"
    code = safety_train.main(FakeEmbedder(dim=32), write=write, out=out, heads_file=heads_file, sets=_sets(tmp_path),
                             nearest_file=tmp_path / "nearest.npz")
    return code, out.getvalue(), heads_file


def test_safety_train_reports_each_set_left_out(tmp_path, monkeypatch):
    _, text, _ = _run(tmp_path, monkeypatch)
    assert "a        recall 1/1" in text or "a        recall 0/1" in text


def test_safety_train_reports_the_answer_sets_left_out(tmp_path, monkeypatch):
    _, text, _ = _run(tmp_path, monkeypatch)
    assert "false alarms 0/1" in text


def test_safety_train_writes_heads_for_its_model(tmp_path, monkeypatch):
    _, _, heads_file = _run(tmp_path, monkeypatch)
    assert set(load_heads("fake-hash", heads_file)) == {"crisis", "distress"}


def test_safety_train_writes_the_nearest_head_for_its_model(tmp_path, monkeypatch):
    _run(tmp_path, monkeypatch)
    assert set(load_nearest("fake-hash", tmp_path / "nearest.npz")) == {NEAREST_HEAD}


def test_safety_train_reports_the_nearest_head_with_each_set_left_out(tmp_path, monkeypatch):
    _, text, _ = _run(tmp_path, monkeypatch)
    assert "nearest-neighbour crisis head, leave one set out" in text


def test_safety_train_without_write_leaves_no_file(tmp_path, monkeypatch):
    _, _, heads_file = _run(tmp_path, monkeypatch, write=False)
    assert not heads_file.exists() and not (tmp_path / "nearest.npz").exists()


def test_calm_questions_drop_what_the_patterns_call_an_alarm(tmp_path):
    path = _write(tmp_path / "q.jsonl", [{"question": "what is vegf"}, {"question": "i want to kill myself"}])
    assert safety_train.calm_questions(path) == ["what is vegf"]


def test_calm_questions_of_one_split_keep_only_that_half(tmp_path):
    from evals.patient_set import split_of

    questions = ["what is vegf", "is it curable", "how rare is it", "what is a stem cell transplant"]
    path = _write(tmp_path / "q.jsonl", [{"question": q} for q in questions])
    assert safety_train.calm_questions(path, "dev") == [q for q in questions if split_of(q.lower()) == "dev"]


def test_this_stops_safety_set_trains_on_its_dev_half_only():
    assert safety_train.TRAIN_SPLITS["test43"] == "dev"


def test_a_measured_set_trains_whole():
    assert "test42" not in safety_train.TRAIN_SPLITS


def test_safety_train_writes_a_distress_head(tmp_path, monkeypatch):
    _, _, heads_file = _run(tmp_path, monkeypatch)
    assert "distress" in load_heads("fake-hash", heads_file)


def test_a_head_not_retrained_is_kept_as_it_was(tmp_path, monkeypatch):
    monkeypatch.setattr(safety_train, "QUESTION_SETS", {})
    heads_file = tmp_path / "heads.npz"
    kept = LinearHead(label="crisis", w=np.ones(32, dtype=np.float32), b=0.25, model="fake-hash")
    save_heads({"crisis": kept}, heads_file)
    safety_train.main(FakeEmbedder(dim=32), out=io.StringIO(), heads_file=heads_file, sets=_sets(tmp_path),
                      nearest_file=tmp_path / "nearest.npz", head_labels=("distress",))
    assert load_heads("fake-hash", heads_file)["crisis"].b == 0.25


def test_safety_train_without_report_skips_the_linear_refits(tmp_path, monkeypatch):
    monkeypatch.setattr(safety_train, "QUESTION_SETS", {})
    out = io.StringIO()
    safety_train.main(FakeEmbedder(dim=32), out=out, heads_file=tmp_path / "heads.npz", sets=_sets(tmp_path),
                      nearest_file=tmp_path / "nearest.npz", report=False)
    assert "head 'crisis', leave one set out" not in out.getvalue()
