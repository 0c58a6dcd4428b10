"""Ingest into Chroma: incremental updates, deletions, no re-embedding when unchanged, safe interruption."""

import pytest

from core.config import Config
from core.errors import CorpusNotFound, IndexNotBuilt, NothingIngested
from index.store import ChunkStore
from ingest.pipeline import ingest


def _config(tmp_path, corpus):
    # these tests add throwaway guides to exercise the pipeline, so they vouch for unlisted files
    return Config.from_env(corpus_dir=corpus, index_dir=tmp_path / "idx", allow_unlisted=True)


def test_ingest_then_unchanged_reingest_embeds_nothing(tmp_path, corpus_copy, fake_embedder):
    cfg = _config(tmp_path, corpus_copy)
    first = ingest(cfg, fake_embedder)
    assert first.files == 3 and first.chunks > 50 and first.embedded == first.chunks and first.skipped == []
    calls = fake_embedder.texts_embedded
    second = ingest(cfg, fake_embedder)
    assert second.embedded == 0 and second.unchanged == first.chunks
    assert fake_embedder.texts_embedded == calls
    assert ChunkStore.from_config(cfg).count() == first.chunks


def test_unchanged_reingest_does_not_load_a_model(tmp_path, corpus_copy, fake_embedder):
    cfg = _config(tmp_path, corpus_copy)
    ingest(cfg, fake_embedder)

    def boom():
        raise AssertionError("model loaded for an unchanged corpus")

    report = ingest(cfg, None, make_embedder=boom)
    assert report.embedded == 0 and report.unchanged == report.chunks


def test_changed_file_updates_and_removed_file_deletes(tmp_path, corpus_copy, fake_embedder):
    cfg = _config(tmp_path, corpus_copy)
    ingest(cfg, fake_embedder)
    dm = corpus_copy / "diseasemaps-poems-research.txt"
    dm.write_text(dm.read_text() + "\n\nA brand new sentence about POEMS research appears here today.\n")
    second = ingest(cfg, fake_embedder)
    assert 0 < second.embedded < 5 and second.removed >= 1
    store = ChunkStore.from_config(cfg)
    assert any("brand new sentence" in c.text for c in store.chunks())
    (corpus_copy / "klarity-what-is-poems.txt").unlink()
    third = ingest(cfg, fake_embedder)
    assert third.embedded == 0 and third.removed > 5
    assert not any(c.source_id == "klarity-what-is-poems.txt" for c in store.chunks())
    assert len({c.id for c in store.chunks()}) == store.count()  # no duplicates


def test_interrupted_ingest_leaves_previous_index_answering(tmp_path, corpus_copy, fake_embedder, monkeypatch):
    cfg = _config(tmp_path, corpus_copy)
    first = ingest(cfg, fake_embedder)
    (corpus_copy / "new-guide.md").write_text("# Extra\n\nPOEMS extra guide text that is new.\n")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(ChunkStore, "add_chunks", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest(cfg, fake_embedder)
    monkeypatch.undo()
    store = ChunkStore.from_config(cfg)
    assert store.count() == first.chunks
    assert not any(c.source_id == "new-guide.md" for c in store.chunks())
    again = ingest(cfg, fake_embedder)  # the next run cleans up and finishes the job
    assert again.embedded == 1 and store.count() == first.chunks + 1


def test_rebuild_reembeds_everything(tmp_path, corpus_copy, fake_embedder):
    cfg = _config(tmp_path, corpus_copy)
    first = ingest(cfg, fake_embedder)
    again = ingest(cfg, fake_embedder, rebuild=True)
    assert again.embedded == first.chunks and ChunkStore.from_config(cfg).count() == first.chunks


def test_bad_files_are_skipped_and_the_rest_ingested(tmp_path, corpus_copy, fake_embedder):
    (corpus_copy / "empty.txt").write_bytes(b"")
    (corpus_copy / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    report = ingest(_config(tmp_path, corpus_copy), fake_embedder)
    assert report.files == 3 and len(report.skipped) == 2


def test_nothing_ingestible_is_an_error(tmp_path, fake_embedder):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    with pytest.raises(NothingIngested, match="empty.txt"):
        ingest(_config(tmp_path, corpus), fake_embedder)


def test_missing_corpus_and_missing_index(tmp_path, fake_embedder):
    with pytest.raises(CorpusNotFound):
        ingest(_config(tmp_path, tmp_path / "missing"), fake_embedder)
    with pytest.raises(IndexNotBuilt, match="poems-assistant ingest"):
        ChunkStore.from_config(_config(tmp_path, tmp_path)).require_active()


@pytest.mark.slow
def test_real_model_ingest_is_offline(real_index):
    store = ChunkStore.from_config(real_index)
    assert store.count() > 80
    assert store.active().recipe.endswith(":all-MiniLM-L6-v2:384")


def test_conflict_quotes_are_checked_against_the_cleaned_guides(tmp_path, corpus_copy, fake_embedder):
    assert ingest(_config(tmp_path, corpus_copy), fake_embedder).warnings == []
    conflicts = corpus_copy / "conflicts.toml"
    conflicts.write_text(conflicts.read_text().replace("The most common pattern is hypogonadism", "A quote no guide holds"))
    report = ingest(_config(tmp_path, corpus_copy), fake_embedder)
    assert len(report.warnings) == 1 and "quote not found in bare-your-rare-poems-guide.txt" in report.warnings[0]


@pytest.mark.parametrize("damage", ["truncate", "overwrite"])
def test_rebuild_moves_a_damaged_index_aside_and_builds_a_fresh_one(tmp_path, corpus_copy, fake_embedder, damage):
    from core.errors import IndexDamaged

    cfg = _config(tmp_path, corpus_copy)
    first = ingest(cfg, fake_embedder)
    db = cfg.index_dir / "chroma.sqlite3"
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2] if damage == "truncate" else b"garbage" * 5000)
    with pytest.raises(IndexDamaged, match="--rebuild"):
        ingest(cfg, fake_embedder)
    report = ingest(cfg, fake_embedder, rebuild=True)
    assert report.embedded == first.chunks
    assert report.warnings[0].startswith(f"the index at {cfg.index_dir} was damaged")
    (aside,) = [p for p in tmp_path.iterdir() if p.name.startswith("idx.damaged-")]
    assert (aside / "chroma.sqlite3").exists()
    assert ChunkStore.from_config(cfg).count() == first.chunks


def test_rebuild_of_a_healthy_index_moves_nothing(tmp_path, corpus_copy, fake_embedder):
    cfg = _config(tmp_path, corpus_copy)
    ingest(cfg, fake_embedder)
    report = ingest(cfg, fake_embedder, rebuild=True)
    assert report.warnings == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "idx"]


def _stored_offsets(cfg) -> dict:
    return {c.id: (c.start, c.end) for c in ChunkStore.from_config(cfg).chunks()}


def _fresh_offsets(cfg) -> dict:
    from ingest.pipeline import build_chunks

    return {c.id: (c.start, c.end) for c in build_chunks(cfg.corpus_dir, cfg.chunk_words, cfg.allow_unlisted)[0]}


def test_an_edit_early_in_a_guide_moves_the_offsets_of_the_unchanged_chunks_after_it(tmp_path, corpus_copy, fake_embedder):
    cfg = _config(tmp_path, corpus_copy)
    ingest(cfg, fake_embedder)
    guide = corpus_copy / "bare-your-rare-poems-guide.txt"
    text = guide.read_text()
    cut = text.index("\n\n", text.index("\n\n") + 2)  # after the second paragraph
    guide.write_text(text[:cut] + "\n\nA new opening paragraph about POEMS care, added in an edit." + text[cut:])
    ingest(cfg, fake_embedder)
    assert _stored_offsets(cfg) == _fresh_offsets(cfg)


def test_a_manifest_edit_reaches_the_stored_chunks_of_an_unchanged_guide(tmp_path, corpus_copy, fake_embedder):
    cfg = _config(tmp_path, corpus_copy)
    ingest(cfg, fake_embedder)
    manifest = corpus_copy / "manifest.toml"
    manifest.write_text(manifest.read_text().replace("POEMS Syndrome — Patient & Caregiver Guide (v1.0)",
                                                     "POEMS Syndrome — Patient & Caregiver Guide (v1.1)"))
    ingest(cfg, fake_embedder)
    titles = {c.title for c in ChunkStore.from_config(cfg).chunks() if c.source_id == "bare-your-rare-poems-guide.txt"}
    assert titles == {"POEMS Syndrome — Patient & Caregiver Guide (v1.1)"}
