"""The Chroma store: damaged or read-only folders, one-line errors for every store failure, leases."""

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from core.config import Config
from core.errors import IndexChanged, IndexDamaged, PoemsError
from index.store import LEASE_TTL_S, ChunkStore, Version
from ingest.pipeline import ingest
from tests.conftest import ROOT

GUIDE = "# Nerves\n\nPOEMS syndrome damages the nerves of the feet first.\n\n# Skin\n\nThe skin may darken.\n"


@pytest.fixture
def built(tmp_path, fake_embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "guide.md").write_text(GUIDE)
    (corpus / "manifest.toml").write_text('["guide.md"]\ntitle = "Foot and skin guide"\nauthority = 1\n')
    config = Config.from_env(corpus_dir=corpus, index_dir=tmp_path / "idx")
    ingest(config, fake_embedder)
    return config


def _truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _overwrite(path):
    path.write_bytes(b"not a database " * 4000)


def _zero_pages(path):
    # every other 4 KiB page after the header zeroed: what a bad disk or a killed copy leaves
    data = bytearray(path.read_bytes())
    for start in range(4096, len(data), 8192):
        data[start : start + 4096] = bytes(min(4096, len(data) - start))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_truncate, _overwrite, _zero_pages])
def test_a_damaged_index_is_one_line_naming_the_folder_and_the_fix(built, damage):
    damage(built.index_dir / "chroma.sqlite3")
    with pytest.raises(IndexDamaged) as caught:
        store = ChunkStore.from_config(built)
        store.chunks()
    message = str(caught.value)
    assert len(message.splitlines()) == 1
    assert str(built.index_dir) in message
    assert "poems-assistant ingest --rebuild" in message


class PanicException(BaseException):
    """Stands in for pyo3_runtime.PanicException: a Rust panic reaches Python as a BaseException."""


class ExplodingClient:
    """A Chroma client whose every call fails the way `error` says."""

    def __init__(self, error: BaseException):
        self.error = error

    def get_max_batch_size(self):
        return 100

    def __getattr__(self, name):
        def call(*args, **kwargs):
            raise self.error
        return call


@pytest.mark.parametrize("error", [PanicException("called `Result::unwrap()` on an `Err` value\nstack backtrace:"),
                                   RuntimeError("error returned from database: (code: 11) database disk image is malformed")])
def test_every_store_failure_becomes_one_typed_line(tmp_path, error):
    store = ChunkStore(ExplodingClient(error), "poems", str(tmp_path / "idx"))
    with pytest.raises(IndexDamaged) as caught:
        store.active()
    assert len(str(caught.value).splitlines()) == 1
    assert type(error).__name__ in str(caught.value)
    assert caught.value.__cause__ is error  # the traceback is kept for POEMS_DEBUG=1


@pytest.mark.parametrize("stop", [KeyboardInterrupt(), SystemExit(1)])
def test_a_request_to_stop_is_never_swallowed(tmp_path, stop):
    store = ChunkStore(ExplodingClient(stop), "poems", str(tmp_path / "idx"))
    with pytest.raises(type(stop)):
        store.active()


def test_a_server_failure_names_the_server(tmp_path):
    store = ChunkStore(ExplodingClient(RuntimeError("502 Bad Gateway")), "poems", "http://127.0.0.1:8000", embedded=False)
    with pytest.raises(PoemsError, match=r"Chroma server at http://127.0.0.1:8000 failed \(RuntimeError: 502"):
        store.active()


def test_a_version_removed_under_a_reader_is_index_changed(built, fake_embedder):
    store = ChunkStore.from_config(built)
    old = store.require_active()
    store.chunks(old)
    (built.corpus_dir / "guide.md").write_text(GUIDE + "\n# Eyes\n\nThe optic disc may swell.\n")
    ingest(built, fake_embedder)  # nobody leased the old version: it is dropped
    with pytest.raises(IndexChanged, match="ask again"):
        store.query(old, fake_embedder.embed(["nerves"])[0], 2)


def test_a_leased_version_survives_an_ingest_and_goes_when_released(built, fake_embedder):
    store = ChunkStore.from_config(built)
    old = store.require_active()
    store.lease("chat-1", old)
    (built.corpus_dir / "guide.md").write_text(GUIDE + "\n# Eyes\n\nThe optic disc may swell.\n")
    ingest(built, fake_embedder)
    assert store.require_active().n == old.n + 1
    assert store.exists(old)
    assert store.query(old, fake_embedder.embed(["nerves"])[0], 2)
    store.release("chat-1", old)
    assert store.collect() == [old.n]
    assert not store.exists(old)


def test_a_dead_readers_lease_expires(built):
    store = ChunkStore.from_config(built)
    version = store.require_active()
    store.lease("crashed-chat", Version(store.name, version.n - 1))
    assert store.leased() == {version.n - 1}
    assert store.leased(now=__import__("time").time() + LEASE_TTL_S + 1) == set()
    assert store.leased() == set()


def test_an_interrupted_newer_version_is_not_collected_by_a_reader(built):
    store = ChunkStore.from_config(built)
    live = store.require_active()
    nxt = store.begin()  # another ingest is writing this one right now
    store.collect()
    assert store.exists(nxt)
    assert store.require_active().n == live.n


def _run_unprivileged(code: str, env: dict) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-c", textwrap.dedent(code)]
    if os.geteuid() == 0:
        # root writes through any file mode; a user namespace makes this child an ordinary user
        if not shutil.which("unshare"):
            pytest.skip("running as root without `unshare`: cannot make a folder read-only")
        cmd = ["unshare", "--user", "--map-user=1000", "--map-group=1000", *cmd]
    return subprocess.run(cmd, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=120)


def test_a_read_only_index_folder_still_answers(built):
    for root, _dirs, files in os.walk(built.index_dir):
        for name in files:
            os.chmod(os.path.join(root, name), 0o444)
        os.chmod(root, 0o555)
    try:
        done = _run_unprivileged("""
            from core.config import Config
            from index.store import ChunkStore
            store = ChunkStore.from_config(Config.from_env())
            print(len(store.chunks()))
        """, {"POEMS_INDEX_DIR": str(built.index_dir)})
        if "unshare failed" in done.stderr or "Operation not permitted" in done.stderr:
            pytest.skip(f"user namespaces unavailable: {done.stderr.strip()[:120]}")
        assert done.returncode == 0, done.stderr[-600:]
        assert int(done.stdout.strip()) > 0
        assert "read-only" in done.stderr
    finally:
        for root, _dirs, _files in os.walk(built.index_dir):
            os.chmod(root, 0o755)
