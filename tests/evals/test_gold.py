"""The gold set is data the gate trusts: check its shape, its splits and that every snippet is real."""

import json
import re
from collections import Counter
from itertools import pairwise

import pytest

from evals.gold import load_gold
from evals.metrics import Span, locate
from tests.conftest import CORPUS, ROOT

GOLD = ROOT / "evals" / "gold.jsonl"

KINDS = {"fact", "list", "followup", "conflict", "abstain", "emergency", "personal_advice", "injection", "out_of_scope"}
ANSWERABLE = {"fact", "list", "followup", "conflict"}
FLAGS = {"emergency", "personal_advice", "out_of_scope", "injection", "conflict"}
# Guide sections that carry no patient-facing content of their own.
UNCOVERED_OK = {"Front page", "References & Key Sources"}


@pytest.fixture(scope="module")
def cases():
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def docs():
    from ingest.load import load_corpus

    loaded, warnings = load_corpus(CORPUS)
    assert not warnings, warnings
    return {d.meta.source_id: d for d in loaded}


def test_schema(cases):
    for c in cases:
        assert set(c) >= {"id", "kind", "question", "history", "facts", "gold", "expect_flags", "split"}, c["id"]
        assert c["kind"] in KINDS, c["id"]
        assert c["split"] in ("dev", "heldout"), c["id"]
        assert isinstance(c["question"], str), c["id"]
        assert len(c["question"].strip()) >= 5, c["id"]
        assert set(c["expect_flags"]) <= FLAGS, c["id"]
        assert set(c.get("allow_flags", [])) <= FLAGS, c["id"]
        assert not set(c.get("allow_flags", [])) & set(c["expect_flags"]), c["id"]
        for fact in c["facts"]:
            assert isinstance(fact, list), c["id"]
            assert fact, c["id"]
            for pattern in fact:
                re.compile(pattern)
        for g in c["gold"]:
            assert set(g) >= {"source", "quote"}, c["id"]
            assert "\n" not in g["quote"], c["id"]
            assert "**" not in g["quote"], c["id"]


def test_size_ids_and_kinds(cases):
    assert len(cases) >= 120
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    kinds = Counter(c["kind"] for c in cases)
    assert set(kinds) == KINDS
    assert kinds["conflict"] >= 3
    assert kinds["abstain"] >= 10
    assert kinds["followup"] >= 12
    assert kinds["list"] >= 12
    for k in ("emergency", "personal_advice", "injection", "out_of_scope"):
        assert 4 <= kinds[k] <= 6, k


def test_split_is_about_a_third_heldout_in_every_kind(cases):
    held = sum(c["split"] == "heldout" for c in cases)
    assert 0.28 <= held / len(cases) <= 0.38
    for kind in KINDS:
        group = [c for c in cases if c["kind"] == kind]
        assert any(c["split"] == "heldout" for c in group), kind
        assert any(c["split"] == "dev" for c in group), kind


def test_kind_contracts(cases):
    for c in cases:
        if c["kind"] in ANSWERABLE:
            assert c["facts"], c["id"]
            assert c["gold"], c["id"]
        else:
            assert not c["facts"], c["id"]
            assert not c["gold"], c["id"]
            assert c["expect_flags"], c["id"]
        if c["kind"] in {"emergency", "personal_advice", "injection", "out_of_scope"}:
            assert c["kind"] in c["expect_flags"], c["id"]
        if c["kind"] == "conflict":
            assert "conflict" in c["expect_flags"], c["id"]
            assert len({g["source"] for g in c["gold"]}) >= 2, c["id"]  # both sides of the disagreement
        if c["kind"] == "followup":
            roles = [t["role"] for t in c["history"]]
            assert roles, c["id"]
            assert roles[0] == "user", c["id"]
            assert roles[-1] == "assistant", c["id"]
            assert all(a != b for a, b in pairwise(roles)), c["id"]
        else:
            assert c["history"] == [], c["id"]


def test_every_snippet_is_in_the_cleaned_corpus(cases, docs):
    missing = []
    for c in cases:
        for g in c["gold"]:
            doc = docs.get(g["source"])
            if doc is None or not locate(doc.text, g["quote"]):
                missing.append((c["id"], g["quote"]))
    assert not missing, missing


@pytest.mark.parametrize("chunk_words", [60, 90, 130])
def test_every_snippet_lands_in_a_chunk(cases, docs, chunk_words):
    # A snippet outside every chunk (e.g. a heading line) could never count as retrieved.
    from ingest.pipeline import build_chunks

    chunks, _, _ = build_chunks(CORPUS, chunk_words)
    texts = {sid: d.text for sid, d in docs.items()}
    spans = [Span(ch.source_id, ch.start, ch.end) for ch in chunks]
    orphans = []
    for c in cases:
        for g in c["gold"]:
            located = [Span(g["source"], a, b) for a, b in locate(texts[g["source"]], g["quote"])]
            if not any(s.overlaps(x) for s in spans for x in located):
                orphans.append((c["id"], g["quote"]))
    assert not orphans, orphans


def test_gold_covers_every_guide_section_and_every_source(cases, docs):
    guide = docs["bare-your-rare-poems-guide.txt"]
    covered_sources = set()
    covered_sections = set()
    for c in cases:
        for g in c["gold"]:
            covered_sources.add(g["source"])
            doc = docs[g["source"]]
            a, _ = locate(doc.text, g["quote"])[0]
            for s in doc.sections:
                if s.start <= a < s.end and s.path:
                    covered_sections.add((g["source"], s.path[0]))
    assert covered_sources == set(docs)
    top = {s.path[0] for s in guide.sections if len(s.path) == 1} - UNCOVERED_OK
    missing = {t for t in top if (guide.meta.source_id, t) not in covered_sections}
    assert not missing, missing


def test_gold_section_labels_match_the_loader(cases, docs):
    wrong = []
    for c in cases:
        for g in c["gold"]:
            if not g.get("section"):
                continue
            doc = docs[g["source"]]
            a, _ = locate(doc.text, g["quote"])[0]
            titles = [s.title for s in doc.sections if s.start <= a < s.end]
            if not any(g["section"].lower() in t.lower() for t in titles):
                wrong.append((c["id"], g["section"], titles))
    assert not wrong, wrong


def test_load_gold_splits():
    dev, held, both = (load_gold(split=s) for s in ("dev", "heldout", "all"))
    assert len(dev) + len(held) == len(both)
    assert {c.split for c in dev} == {"dev"}
    assert {c.split for c in held} == {"heldout"}
    with pytest.raises(ValueError):
        load_gold(split="train")
