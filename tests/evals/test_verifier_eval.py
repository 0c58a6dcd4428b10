"""The verifier sets and their eval: every pair finds its passage, the sets keep their shape, and
the fresh set cannot be calibrated on."""

from collections import Counter

import pytest

from core.config import Config
from evals import verifier_eval as ve
from ingest.pipeline import build_chunks
from tests.conftest import CORPUS
from tests.fakes import FakeEmbedder


@pytest.fixture(scope="module")
def chunks():
    config = Config.from_env(corpus_dir=CORPUS)
    return build_chunks(config.corpus_dir, config.chunk_words)[0]


@pytest.mark.parametrize("name", sorted(set(ve.SETS) - set(ve.FROM_RAW_GUIDES)))
def test_every_pair_finds_its_passage(name, chunks):
    pairs = ve.load_pairs(ve.SETS[name])
    assert len(ve.locate(pairs, chunks)) == len(pairs)


def test_the_third_set_leaves_out_only_the_pairs_on_text_ingest_skips(chunks):
    # four pairs quote the DiseaseMaps call to join its community, which the index does not hold
    pairs = ve.load_pairs(ve.V3_PATH)
    assert len(pairs) - len(ve.locate(pairs, chunks, strict=False)) == 4


@pytest.mark.parametrize(("name", "left_out"), [("v4", 0), ("v8", 12), ("v9", 3), ("v10", 6), ("v11", 18), ("v12", 15), ("v13", 9), ("v14", 12), ("v15", 21), ("v16", 6), ("v17", 27), ("v18", 6), ("v19", 15), ("v20", 24), ("v21", 9), ("v22", 9), ("v23", 15), ("v24", 18), ("v25", 12), ("v26", 9)])
def test_a_set_from_the_raw_guides_leaves_out_only_the_pairs_ingest_renders_otherwise(chunks, name, left_out):
    pairs = ve.load_pairs(ve.SETS[name])
    assert len(pairs) - len(ve.locate(pairs, chunks, strict=False)) == left_out


def test_the_seventh_set_leaves_out_only_the_pairs_on_text_ingest_skips(chunks):
    # one anchor (three pairs) quotes the same DiseaseMaps community blurb
    pairs = ve.load_pairs(ve.V7_PATH)
    assert len(pairs) - len(ve.locate(pairs, chunks, strict=False)) == 3


def test_the_fresh_set_has_every_kind_of_unfaithful_sentence():
    kinds = Counter(p.kind for p in ve.load_pairs(ve.FRESH_PATH) if p.label == "unfaithful")
    assert set(kinds) == {"number", "negation", "drug_or_test", "wrong_passage", "from_nowhere", "added_claim"}


def test_the_fresh_set_has_at_least_200_pairs():
    assert len(ve.load_pairs(ve.FRESH_PATH)) >= 200


def test_the_fresh_set_is_never_calibrated_on():
    with pytest.raises(SystemExit):
        ve.main("both", do_calibrate=True, embedder=FakeEmbedder(), path=ve.FRESH_PATH, on_note=lambda _: None)


def test_the_report_writes_the_support_model_by_name():
    import json

    from assistant.verify import VerifierSettings

    settings = ve.settings_json(VerifierSettings.learned())
    assert json.loads(json.dumps(settings))["support"] == "SupportModel"
