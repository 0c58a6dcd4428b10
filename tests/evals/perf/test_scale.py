"""The scale corpus generator: requested size, distinct guides, nothing deduplicated away, retrieval still has work to do."""

from __future__ import annotations

import random
import tomllib
from collections import Counter

import numpy as np
import pytest

from core.config import Config
from evals.perf.scale import (
    CachingEmbedder,
    generate,
    growth_table,
    make_guide,
    perturb_section,
    rename,
    source_sections,
    subset,
)
from ingest.load import load_corpus
from ingest.pipeline import build_chunks
from tests.conftest import CORPUS

CW = Config().chunk_words  # the generator counts chunks at the default size, as ingest cuts them


@pytest.fixture(scope="module")
def small_scale(tmp_path_factory):
    """A ~400-chunk scale corpus, generated once for this module."""
    return generate(tmp_path_factory.mktemp("scale") / "corpus", 400, CORPUS)


def test_generate_reaches_the_requested_size(small_scale):
    biggest_guide = max(n for _, n in small_scale.synthetic)
    assert 400 <= small_scale.chunks < 400 + biggest_guide
    assert len(small_scale.real) == 3
    assert len(small_scale.synthetic) >= 5
    chunks, _, report = build_chunks(small_scale.folder, CW)
    assert len(chunks) == small_scale.chunks, "the recorded counts are what ingest will see"
    assert report.skipped == []
    assert report.files == len(small_scale.real) + len(small_scale.synthetic)


def test_guides_are_distinct_and_chunks_are_not_copies(small_scale):
    texts = [(small_scale.folder / name).read_text(encoding="utf-8") for name, _ in small_scale.synthetic]
    assert len(set(texts)) == len(texts)
    chunks, _, _ = build_chunks(small_scale.folder, CW)
    assert len({c.id for c in chunks}) == len(chunks), "ids are unique, so nothing collapses in the store"
    distinct = len({c.text for c in chunks}) / len(chunks)
    assert distinct > 0.95
    real_texts = {c.text for c in chunks if c.source_id in dict(small_scale.real)}
    synthetic = [c for c in chunks if c.source_id not in dict(small_scale.real)]
    assert sum(c.text in real_texts for c in synthetic) / len(synthetic) < 0.05


def test_manifest_gives_every_guide_provenance(small_scale):
    manifest = tomllib.loads((small_scale.folder / "manifest.toml").read_text(encoding="utf-8"))
    names = [n for n, _ in small_scale.real + small_scale.synthetic]
    assert sorted(manifest) == sorted(names)
    assert manifest["bare-your-rare-poems-guide.txt"]["authority"] == 1
    assert all(2 <= manifest[n]["authority"] <= 5 for n, _ in small_scale.synthetic)
    docs, warnings = load_corpus(small_scale.folder)
    assert warnings == []
    titles = {d.meta.source_id: d.meta.title for d in docs}
    assert all(titles[n] == manifest[n]["title"] for n in names)


def test_corpus_mixes_diseases_so_poems_passages_have_competition(small_scale):
    diseases = Counter(name.split("-", 2)[2].removesuffix(".md") for name, _ in small_scale.synthetic)
    assert len(diseases) >= 4
    assert "poems-syndrome" in diseases, "some synthetic guides stay about POEMS: near-duplicates are the hard case"


def test_generation_is_deterministic(tmp_path):
    a = generate(tmp_path / "a", 150, CORPUS, seed=3)
    b = generate(tmp_path / "b", 150, CORPUS, seed=3)
    c = generate(tmp_path / "c", 150, CORPUS, seed=4)
    read = lambda corpus: [(corpus.folder / n).read_text(encoding="utf-8") for n, _ in corpus.synthetic]  # noqa: E731
    assert read(a) == read(b)
    assert read(a) != read(c)


def test_rename_capitalises_at_sentence_starts_only():
    text = "POEMS syndrome is rare. Many people with POEMS syndrome wait. POEMS is an acronym."
    out = rename(text, ("multiple myeloma", "myeloma"))
    assert out == "Multiple myeloma is rare. Many people with multiple myeloma wait. Myeloma is an acronym."
    assert rename(text, None) == text


def test_perturb_section_keeps_the_content_recognisable():
    text = ("POEMS syndrome is a rare disorder. Treatment usually begins with radiation. "
            "About 50 patients were studied in 2019.\n\n- Neuropathy\n- Organomegaly\n- Skin changes")
    rng = random.Random(1)
    outs = {perturb_section(text, rng, ("Castleman disease", "Castleman"), [("treatment", "therapy")]) for _ in range(20)}
    assert len(outs) > 10, "perturbations vary between guides"
    for out in outs:
        assert "POEMS" not in out
        assert out.count("- ") >= 1  # list items stay list items


def test_make_guide_writes_markdown_sections():
    sections = source_sections(CORPUS)
    assert len(sections) > 50
    assert all(h for h, _ in sections)
    assert all(t for _, t in sections)
    name, text, meta = make_guide(12, sections, random.Random(0))
    assert name.startswith("synthetic-00012-")
    assert name.endswith(".md")
    assert text.startswith("# ")
    assert text.count("\n## ") >= 10
    assert set(meta) == {"title", "publisher", "date", "url", "authority"}


def test_subset_takes_the_real_guides_and_a_prefix_of_the_synthetic_ones(small_scale, tmp_path):
    folder, total = subset(small_scale, 200, tmp_path / "sub")
    names = sorted(p.name for p in folder.iterdir() if p.suffix in (".txt", ".md"))
    expected_synth = []
    running = sum(n for _, n in small_scale.real)
    for name, n in small_scale.synthetic:
        if running >= 200:
            break
        expected_synth.append(name)
        running += n
    assert names == sorted([n for n, _ in small_scale.real] + expected_synth)
    assert total == running >= 200
    assert len(build_chunks(folder, CW)[0]) == total
    assert (folder / "conflicts.toml").exists()


def test_scale_corpus_ingests_whole_and_retrieval_sees_distractors(small_scale, tmp_path, fake_embedder):
    from assistant import Assistant
    from ingest.pipeline import ingest

    config = Config.from_env(corpus_dir=small_scale.folder, index_dir=tmp_path / "idx")
    report = ingest(config, fake_embedder)
    assert report.chunks == report.embedded == small_scale.chunks
    bot = Assistant.from_config(config, embedder=fake_embedder, safety=False)
    assert len(bot.search.chunks) == small_scale.chunks
    hits = bot.search.search("How is POEMS syndrome treated with radiation?", k=6)
    assert len(hits) == 6
    assert len({h.chunk.source_id for h in hits}) >= 3, "near-duplicate guides compete for the top places"
    answer = bot.ask("What is VEGF?")
    assert answer.citations
    assert answer.text


def test_caching_embedder_embeds_each_text_once(fake_embedder):
    cache = CachingEmbedder(fake_embedder)
    first = cache.embed(["a b", "c d", "a b"])
    assert first.shape == (3, fake_embedder.dim)
    assert cache.misses == 2
    again = cache.embed(["c d", "a b"])
    assert cache.misses == 2
    assert fake_embedder.texts_embedded == 2
    np.testing.assert_allclose(again[0], first[1])
    assert cache.embed([]).shape == (0, fake_embedder.dim)


def test_growth_table_has_a_row_per_size_and_marks_estimates():
    row = {"chunks": 1000, "texts": 6000, "cold_ingest_s": 90.0, "store_s": 4.0, "chunks_per_s": 11.1, "index_mb": 40.0,
           "load_s": 1.5, "p50_ms": 15.0, "p95_ms": 40.0, "peak_rss_mb": 700.0,
           "stages_p95_ms": {"retrieve_ms": 9.0, "compose_ms": 3.0}, "cold_estimated": True}
    big = dict(row, chunks=10000, texts=60000, cold_estimated=False)
    table = growth_table([row, big]).splitlines()
    assert table[0].split()[0] == "chunks"
    assert len(table) == 2 + 2 + 1
    assert "1,000" in table[2]
    assert "90.0*" in table[2]
    assert "10,000" in table[3]
    assert "*" not in table[3]
    assert table[-1].startswith("* cold ingest = measured store time")


def test_caching_embedder_keeps_vectors_on_disk(tmp_path, fake_embedder):
    path = tmp_path / "vectors.npz"
    first = CachingEmbedder(fake_embedder, path)
    want = first.embed(["plasma cells", "VEGF"])
    first.rate = 123.0
    first.save()
    second = CachingEmbedder(fake_embedder, path)
    assert second.rate == 123.0
    assert len(second.vectors) == 2
    got = second.embed(["VEGF", "plasma cells"])
    assert second.misses == 0
    assert fake_embedder.texts_embedded == 2
    np.testing.assert_allclose(got, want[::-1])


@pytest.mark.slow
def test_run_scale_ingests_each_size_and_probes_a_serving_process(tmp_path, real_embedder):
    from evals.perf.scale import run_scale

    notes = []
    rows = run_scale((110, 150), embedder=real_embedder, corpus_dir=CORPUS, work=tmp_path, passes=1,
                     log=notes.append, embed_cache=tmp_path / "vectors.npz", probe_limit=12)
    assert [r["target_size"] for r in rows] == [110, 150]
    for r in rows:
        assert r["chunks"] >= r["target_size"]
        assert r["texts"] > r["chunks"]
        assert r["questions"] == 12
        assert r["p50_ms"] > 0
        assert r["p95_ms"] >= r["p50_ms"]
        assert r["peak_rss_mb"] > 100
        assert r["cold_ingest_s"] >= r["store_s"]
        assert {"safety_ms", "retrieve_ms", "compose_ms"} <= set(r["stages_p50_ms"])
        assert not (tmp_path / f"index-{r['target_size']}").exists(), "indexes are removed unless kept"
    # the smaller corpus is a prefix of the larger, so its texts all came from the cache
    assert rows[0]["texts_through_model"] == 0
    assert rows[1]["texts_through_model"] > 0
    # the larger ran first into an empty cache, so its cold ingest is measured, the smaller's priced
    assert rows[1]["cold_estimated"] is False
    assert rows[1]["cold_ingest_s"] == rows[1]["ingest_s"]
    assert rows[0]["cold_estimated"] is True
    assert (tmp_path / "vectors.npz").exists()
    assert "cold ingest = measured store time" in growth_table(rows)
