"""The patient-voice sets are data the gate trusts: their shape, the hash split, and that every snippet is real."""

from __future__ import annotations

import hashlib
import json

import pytest

from evals import metrics as M
from evals.patient_set import (
    ANSWER_KINDS,
    CONVERSATIONS_PATH,
    QUESTIONS_PATH,
    TURN_TYPES,
    load_conversations,
    load_questions,
    split_of,
)
from tests.conftest import CORPUS


def test_split_is_the_parity_of_the_first_hash_byte():
    for key in ("what is poems", "c-001", "is it curable"):
        first = hashlib.sha256(key.encode("utf-8")).digest()[0]
        assert split_of(key) == ("dev" if first % 2 == 0 else "heldout")


def test_questions_split_by_their_lower_cased_text():
    for case in load_questions(split="all"):
        assert case.split == split_of(case.question.lower())


def test_conversation_turns_share_their_conversation_split():
    for conv in load_conversations(split="all"):
        assert conv.split == split_of(conv.id)
        assert {t.split for t in conv.turns} == {conv.split}


def test_splits_partition_the_sets():
    for load in (load_questions, load_conversations):
        dev, held, both = (load(split=s) for s in ("dev", "heldout", "all"))
        assert len(dev) + len(held) == len(both)
        assert dev
        assert held
    with pytest.raises(ValueError):
        load_questions(split="train")


def test_questions_have_kinds_ids_and_facts():
    cases = load_questions(split="all")
    assert len({c.id for c in cases}) == len(cases)
    assert {c.answer_kind for c in cases} <= set(ANSWER_KINDS)
    for c in cases:
        assert bool(c.facts) == c.answerable, c.id
        assert bool(c.gold) == c.answerable, c.id


def test_conversations_start_with_a_first_turn_and_give_follow_ups_a_stand_alone_wording():
    for conv in load_conversations(split="all"):
        assert conv.turns[0].turn_type == "first"
        assert {t.turn_type for t in conv.turns} <= set(TURN_TYPES)
        for t in conv.turns:
            assert t.standalone.strip()
            if t.turn_type == "switch":
                assert t.standalone == t.question, t.id


def test_an_unknown_answer_kind_is_refused(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"id": "x", "question": "q", "answer_kind": "essay", "answerable": True}) + "\n")
    with pytest.raises(ValueError, match="answer_kind"):
        load_questions(path, split="all")


def test_every_gold_snippet_is_found_in_the_cleaned_corpus():
    from ingest.load import load_corpus

    docs, _ = load_corpus(CORPUS)
    texts = {d.meta.source_id: d.text for d in docs}
    cases = load_questions(QUESTIONS_PATH, "all") + [t for c in load_conversations(CONVERSATIONS_PATH, "all") for t in c.turns]
    missing = [(c.id, g["quote"]) for c in cases for g, spans in zip(c.gold, M.gold_spans(c.gold, texts), strict=True) if not spans]
    assert missing == []
