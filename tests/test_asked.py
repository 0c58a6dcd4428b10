"""The memory of questions asked before: reading it, its votes, and what retrieval and the composer make of them."""

import json
from types import SimpleNamespace

import numpy as np
import pytest

from assistant.asked import ASKED_FILE, Anchor, Asked, AskedMemory, read_asked, vectors_path
from assistant.candidate import Candidate, mark_asked
from assistant.retrieve import HybridSearch
from core.types import Chunk
from index.vector_cache import cache_key
from ingest.load import load_corpus

MISDIAGNOSIS = "Other common misdiagnoses include diabetic neuropathy and amyloidosis."


def _chunk(cid, text, section="S", source="a.txt", start=0):
    return Chunk(id=cid, source_id=source, title="T", section=section, start=start, end=start + len(text), text=text,
                 sentences=((0, len(text)),))


def _memory(embedder, rows, floor=0.5):
    asked = [Asked(q, s, tuple(Anchor(src, t) for src, t in anchors)) for q, s, anchors in rows]
    return AskedMemory(asked, embedder.embed([a.question for a in asked]), floor=floor)


@pytest.fixture
def search(fake_embedder):
    chunks = [_chunk("mis", MISDIAGNOSIS, "Misdiagnosis", start=0),
              _chunk("vegf", "VEGF is a signaling protein that makes blood vessels leak.", "VEGF", start=100)]
    chunks += [_chunk(f"f{i}", f"Unrelated filler passage number {i} about daily life.", "Other", start=300 + 100 * i)
               for i in range(8)]
    memory = _memory(fake_embedder, [("what else gets mixed up with poems", "t1", [("a.txt", MISDIAGNOSIS)])])
    return HybridSearch(chunks, None, None, fake_embedder, memory=memory)


def test_a_missing_file_is_an_empty_memory(tmp_path):
    assert read_asked(tmp_path / "none.jsonl") == []


def test_malformed_lines_are_skipped(tmp_path):
    path = tmp_path / "asked.jsonl"
    good = {"question": "q", "set": "t1", "anchors": [{"source": "a.txt", "text": "x"}]}
    path.write_text("not json\n" + json.dumps({"question": "no anchors"}) + "\n" + json.dumps(good) + "\n")
    assert read_asked(path) == [Asked("q", "t1", (Anchor("a.txt", "x"),))]


def test_a_close_question_votes_for_its_anchor(fake_embedder):
    memory = _memory(fake_embedder, [("what gets mixed up with poems", "t1", [("a.txt", "x")])])
    assert memory.votes(fake_embedder.embed(["what gets mixed up with poems"])[0]) == pytest.approx({Anchor("a.txt", "x"): 0.5})


def test_a_far_question_casts_no_vote(fake_embedder):
    memory = _memory(fake_embedder, [("what gets mixed up with poems", "t1", [("a.txt", "x")])])
    assert memory.votes(fake_embedder.embed(["radiation dose for a plasmacytoma"])[0]) == {}


def test_without_leaves_out_the_named_sets(fake_embedder):
    memory = _memory(fake_embedder, [("one", "t1", [("a.txt", "x")]), ("two", "t2", [("a.txt", "y")])])
    assert [a.set for a in memory.without({"t1"}).asked] == ["t2"]


def test_the_memory_lifts_a_passage_its_words_miss(search):
    assert search.search("what else gets mixed up with poems", k=1)[0].chunk.id == "mis"


def test_the_vote_is_kept_apart_from_the_searched_score(search):
    hit = search.search("what else gets mixed up with poems", k=1)[0]
    assert hit.searched == pytest.approx(hit.score - search.memory_weight * 1.0)


def test_carried_passages_stay_beside_the_memory_votes(search):
    hits = search.search("what else gets mixed up with poems", k=1, carry=["vegf"])
    assert [h.chunk.id for h in hits] == ["mis", "vegf"]


def test_asked_false_turns_the_memory_off(search):
    assert all(h.asked == 0.0 for h in search.search("what else gets mixed up with poems", k=3, asked=False))


def test_an_anchor_no_chunk_holds_maps_to_nothing(search):
    assert search.anchor_chunks(Anchor("a.txt", "text the guide no longer has")) == []


def _cand(text, source="a.txt"):
    chunk = _chunk("c", text, source=source)
    return Candidate(chunk, 0, text, 0.0, 0.0, 0.0, np.zeros(4))


def test_a_list_item_holding_an_anchor_is_marked():
    c = _cand("- Connect with a patient community")
    mark_asked([c], {Anchor("a.txt", "Connect with a patient community"): 0.25}, floor=0.5)
    assert c.asked == pytest.approx(0.5)


def test_a_sentence_of_another_guide_is_not_marked():
    c = _cand("Connect with a patient community", source="b.txt")
    mark_asked([c], {Anchor("a.txt", "Connect with a patient community"): 0.25}, floor=0.5)
    assert c.asked == 0.0


def test_the_packaged_anchors_are_text_of_the_guides():
    texts = {d.meta.source_id: d.text for d in load_corpus(ASKED_FILE.parents[2] / "corpus")[0]}
    missing = [a.text[:60] for q in read_asked() for a in q.anchors if a.text not in texts.get(a.source, "")]
    assert missing == []


def test_the_packaged_vectors_match_the_questions_and_model():
    """Edit asked.jsonl → run `poems-assistant asked-train`, or the assistant re-embeds the questions at start."""
    questions = [a.question for a in read_asked()]
    with np.load(vectors_path(ASKED_FILE)) as z:
        assert str(z["key"]) == cache_key(SimpleNamespace(name="all-MiniLM-L6-v2", dim=384), questions)


def test_a_question_that_stands_alone_does_not_hear_follow_up_turns(fake_embedder):
    memory = AskedMemory([Asked("what number is too high for vegf", "t1", (Anchor("a.txt", "x"),), follow_up=True)],
                         fake_embedder.embed(["what number is too high for vegf"]))
    assert memory.votes(fake_embedder.embed(["what number is too high for vegf"])[0]) == {}


def test_a_follow_up_hears_follow_up_turns(fake_embedder):
    memory = AskedMemory([Asked("what number is too high for vegf", "t1", (Anchor("a.txt", "x"),), follow_up=True)],
                         fake_embedder.embed(["what number is too high for vegf"]))
    assert Anchor("a.txt", "x") in memory.votes(fake_embedder.embed(["what number is too high for vegf"])[0], follow_up=True)


def test_the_follow_up_mark_is_read_back(tmp_path):
    path = tmp_path / "asked.jsonl"
    path.write_text(json.dumps({"question": "q", "set": "t1", "anchors": [{"source": "a.txt", "text": "x"}], "follow_up": True}) + "\n")
    assert read_asked(path)[0].follow_up is True


def test_the_strongest_vote_is_full_when_its_neighbours_were_close():
    from assistant.asked import vote_shares

    assert vote_shares({"a": 0.5, "b": 0.25}, floor=0.5) == {"a": 1.0, "b": 0.5}


def test_votes_all_at_the_floor_share_nothing():
    from assistant.asked import vote_shares

    assert vote_shares({"a": 0.0}, floor=0.5) == {}
