"""Hybrid retrieval: keyword matches, semantic matches, fusion, authority tie-breaks, LangChain face."""

import pytest

from assistant.langchain_retriever import PoemsRetriever
from assistant.retrieve import HybridSearch
from assistant.text import LayTerms, Vocabulary, stem, tokens
from core.types import Chunk


def _chunk(cid, text, section="S", authority=1, source="a.txt", start=0):
    return Chunk(id=cid, source_id=source, title="T", section=section, start=start, end=start + len(text), text=text,
                 authority=authority, sentences=((0, len(text)),))


@pytest.fixture
def small(fake_embedder):
    chunks = [
        _chunk("vegf", "VEGF is a signaling protein that drives leakage of blood vessels.", "VEGF", start=0),
        _chunk("cidp", "CIDP is the most common misdiagnosis; IVIG rarely helps POEMS.", "Misdiagnosis", start=100),
        _chunk("rt", "Radiation therapy treats a single sclerotic plasmacytoma.", "Radiation", start=200),
        _chunk("weak", "Radiation therapy treats a single sclerotic plasmacytoma.", "Radiation", authority=3, source="b.txt"),
    ] + [_chunk(f"filler{i}", f"Unrelated filler passage number {i} about daily life.", "Other", start=300 + i * 100)
         for i in range(8)]  # BM25's idf needs a corpus bigger than a handful of passages
    return HybridSearch(chunks, None, None, fake_embedder)


def test_keyword_match_finds_exact_rare_term(small):
    assert small.search("what about IVIG?", k=1)[0].chunk.id == "cidp"
    assert small.keyword("IVIG", 5)[0][0] == "cidp"


def test_typos_are_corrected_against_the_corpus(small):
    assert small.vocab.correct("plasmacytoms") == "plasmacytoma"
    assert small.keyword("radiaton therapy for plasmacytoms", 1)[0][0] in ("rt", "weak")


def test_authority_breaks_ties(small):
    ids = [h.chunk.id for h in small.search("radiation therapy sclerotic plasmacytoma", k=4)]
    assert ids.index("rt") < ids.index("weak")


def test_modes(small, fake_embedder):
    for mode in ("dense", "bm25", "hybrid"):
        s = HybridSearch(small.chunks, None, None, fake_embedder, mode=mode)
        assert s.search("VEGF leakage", k=1)[0].chunk.id == "vegf"
    with pytest.raises(ValueError):
        HybridSearch(small.chunks, None, None, fake_embedder, mode="magic")


def test_carried_passages_stay_candidates(small):
    hits = small.search("VEGF leakage", k=1, carry=["rt"])
    assert [h.chunk.id for h in hits][:1] == ["vegf"] and any(h.chunk.id == "rt" and h.carried for h in hits)


def test_langchain_retriever_returns_documents(small):
    docs = PoemsRetriever(search=small, k=2).invoke("IVIG misdiagnosis")
    assert docs[0].metadata["chunk_id"] == "cidp" and docs[0].page_content.startswith("CIDP")


def test_stemming_and_lay_terms():
    assert stem("diagnosis") == stem("diagnose") == stem("diagnosed")
    assert stem("lesions") == stem("lesion")
    assert "endocrinopathy" in LayTerms().expand("what hormone problems happen")
    assert "thrombosis" in LayTerms().expand("is a blood clot likely")
    assert LayTerms().expand("what is VEGF") == ""
    assert "the" not in tokens("the treatment")
    assert Vocabulary(["treatment"]).correct("tretment") == "treatment"


@pytest.mark.slow
def test_semantic_match_without_shared_words(real_assistant):
    # no keyword of the question appears in the answer passage: only the embedding can bridge it
    hits = real_assistant.search.search("my legs feel like pins and needles", k=5)
    assert any("Polyneuropathy" in h.chunk.section or "neuropathy" in h.chunk.text.lower() for h in hits)


@pytest.mark.slow
def test_keyword_match_on_the_real_index(real_assistant):
    hits = real_assistant.search.search("CM336", k=3)
    assert hits[0].chunk.section.endswith("BCMA Bispecific Antibodies")


def test_a_heading_that_says_what_the_question_says_is_found(fake_embedder):
    from assistant.retrieve import HybridSearch
    from core.types import Chunk

    chunks = [Chunk("a", "g.txt", "G", "What POEMS Syndrome Is", 0, 40, "A rare disease driven by plasma cells.", sentences=((0, 40),)),
              Chunk("b", "g.txt", "G", "Treatment", 40, 90, "POEMS syndrome treatment uses several drugs.", sentences=((0, 45),))]
    search = HybridSearch(chunks, None, None, fake_embedder)
    assert search.search("what is poems syndrome", k=1)[0].chunk.id == "a"


def test_reference_lists_never_take_an_answer_slot(fake_embedder):
    from assistant.retrieve import HybridSearch
    from core.types import Chunk

    chunks = [Chunk("r", "g.txt", "G", "References & Key Sources", 0, 40, "Dispenzieri A. POEMS syndrome update.", sentences=((0, 38),)),
              Chunk("b", "g.txt", "G", "Treatment", 40, 90, "Treatment of POEMS syndrome.", sentences=((0, 28),))]
    search = HybridSearch(chunks, None, None, fake_embedder)
    assert [h.chunk.id for h in search.search("POEMS syndrome update", k=2)] == ["b"]


def test_starting_to_work_is_read_as_the_response_to_treatment():
    lay = LayTerms()
    assert "response" in lay.expand("how long till it starts working")


def test_flying_to_a_centre_is_read_as_a_remote_consultation():
    assert "remote consultation" in LayTerms().expand("can they see him without us flying over")


def test_a_country_is_searched_as_the_city_of_its_expert_center():
    from assistant.text import LayTerms

    assert "london" in LayTerms().expand("anything in the uk")


def test_the_feeling_coming_back_is_searched_as_sensation_returning():
    from assistant.text import LayTerms

    assert "sensation" in LayTerms().expand("will the feeling come back")
