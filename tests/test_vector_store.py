"""The in-memory store serves the real search and answerer through the VectorStore seam."""

import pytest

from assistant.assistant import Assistant
from assistant.compose import Composer
from assistant.retrieve import HybridSearch
from index.vector_store import InMemoryStore
from ingest.chunk import chunk_document
from ingest.load import load_corpus
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def memory_bot():
    from tests.fakes import FakeEmbedder

    emb = FakeEmbedder()
    docs, _ = load_corpus(CORPUS)
    chunks = [c for d in docs for c in chunk_document(d, 130)]
    store = InMemoryStore(chunks, emb)
    version = store.active()
    search = HybridSearch(store.chunks(version), store, version, emb)
    composer = Composer(search, lambda ids: store.sentence_vectors(version, ids))
    return Assistant(search, composer, emb)


def test_the_in_memory_store_answers_with_citations(memory_bot):
    answer = memory_bot.ask("What is VEGF?")
    assert answer.citations


def test_the_in_memory_store_ranks_a_chunk_by_its_best_sentence():
    from tests.fakes import FakeEmbedder

    emb = FakeEmbedder()
    docs, _ = load_corpus(CORPUS)
    chunks = [c for d in docs for c in chunk_document(d, 130)]
    store = InMemoryStore(chunks, emb)
    hits = store.query_sentences(store.version, emb.embed(["thalidomide neuropathy"])[0], 5)
    assert hits[0][1] >= hits[-1][1]
