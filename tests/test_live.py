"""The chat's answerer follows the index: a changing ingest never fails a request, and old versions go when unread."""

import threading
import time

import pytest

from assistant.live import LiveAssistant
from bootstrap import open_live_assistant
from core.config import Config
from index.store import ChunkStore
from ingest.pipeline import ingest

GUIDE = "# Nerves\n\nPOEMS syndrome damages the nerves of the feet first.\n\n# Skin\n\nThe skin may darken.\n"
NEW_TEXT = "\n# Eyes\n\nSwelling of the optic disc, called papilledema, is common in POEMS syndrome.\n"


@pytest.fixture
def config(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "guide.md").write_text(GUIDE)
    (corpus / "manifest.toml").write_text('["guide.md"]\ntitle = "Foot and skin guide"\nauthority = 1\n')
    return Config.from_env(corpus_dir=corpus, index_dir=tmp_path / "idx")


def _wait_for(predicate, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_the_answerer_moves_to_a_new_version_and_the_old_one_is_collected(config, fake_embedder):
    live = open_live_assistant(config, embedder=fake_embedder, on_note=lambda m: None, poll_s=0.05, safety=False)
    try:
        first = live.version
        (config.corpus_dir / "guide.md").write_text(GUIDE + NEW_TEXT)
        ingest(config, fake_embedder)
        assert _wait_for(lambda: live.version.n == first.n + 1)
        answer = live.ask("What is papilledema?", [])
        assert any("papilledema" in c.quote for c in answer.citations)
        store = ChunkStore.from_config(config)
        assert _wait_for(lambda: not store.exists(first))
    finally:
        live.close()


class SlowBot:
    """Wraps a real Assistant and keeps each answer open until an ingest has flipped the pointer."""

    def __init__(self, bot):
        self.bot, self.search = bot, bot.search

    def ask(self, question, history=()):
        answer = self.bot.ask(question, history)
        assert _wait_for(lambda: self.bot.store.active().n != self.search.version.n)
        # still reading the old version after the ingest committed: it must not have been deleted
        self.bot.store.query(self.search.version, self.bot.embedder.embed([question])[0], 1)
        return answer


def test_a_request_running_during_the_swap_finishes_on_the_old_version(config, fake_embedder):
    from assistant import Assistant

    ingest(config, fake_embedder)
    live = LiveAssistant(lambda: SlowBot(Assistant.from_config(config, embedder=fake_embedder, safety=False)),
                         ChunkStore.from_config(config), poll_s=0.05)
    try:
        first = live.version
        outcome = {}

        def ask():
            try:
                outcome["answer"] = live.ask("Which nerves does POEMS syndrome damage first?", [])
            except BaseException as exc:  # noqa: BLE001 - reported by the assert below
                outcome["error"] = exc

        worker = threading.Thread(target=ask)
        worker.start()
        time.sleep(0.1)
        (config.corpus_dir / "guide.md").write_text(GUIDE + NEW_TEXT)
        ingest(config, fake_embedder)
        assert _wait_for(lambda: live.version.n == first.n + 1)
        worker.join(5)
        assert "error" not in outcome
        assert outcome["answer"].text
        assert _wait_for(lambda: not ChunkStore.from_config(config).exists(first))
    finally:
        live.close()


def test_close_gives_up_the_lease(config, fake_embedder):
    live = open_live_assistant(config, embedder=fake_embedder, on_note=lambda m: None, poll_s=0.05, safety=False)
    live.close()
    assert ChunkStore.from_config(config).leased() == set()


INGEST_WITH_FAKES = (
    "from core.config import Config; from ingest.pipeline import ingest; from tests.fakes import FakeEmbedder; "
    "print(ingest(Config.from_env(), FakeEmbedder()).summary())"
)


def test_the_chat_answers_through_an_ingest_in_another_process_without_a_failed_request(config, fake_embedder):
    """The README's "Adding a guide" with the chat running: questions keep coming while another
    process ingests a changed guide; none fails, and the new text is answered within seconds."""
    import os
    import subprocess
    import sys

    from gradio_client import Client

    from app import API_NAME, build_app, launch
    from evals.perf.measure import free_port
    from feedback import FeedbackStore
    from tests.conftest import ROOT

    live = open_live_assistant(config, embedder=fake_embedder, on_note=lambda m: None, poll_s=0.2, safety=False)
    demo = build_app(live, FeedbackStore(config.index_dir.parent / "feedback.sqlite3"), config, stream_delay_s=0)
    _, url, _ = launch(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    asked, errors, new_text_seen = [], [], []
    stop = threading.Event()

    def user():
        client = Client(url, verbose=False, download_files=False)
        try:
            while not stop.is_set():
                try:
                    out = client.predict("What is papilledema, the optic disc swelling?", [], api_name=f"/{API_NAME}")
                    asked.append(time.monotonic())
                    if any("papilledema" in c["quote"] for c in out["citations"]):
                        new_text_seen.append(time.monotonic())
                except Exception as exc:  # noqa: BLE001 - counted, then asserted to be none
                    errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            client.close()

    users = [threading.Thread(target=user) for _ in range(3)]
    try:
        for t in users:
            t.start()
        assert _wait_for(lambda: len(asked) >= 5)
        assert not new_text_seen
        (config.corpus_dir / "guide.md").write_text(GUIDE + NEW_TEXT)
        env = {**os.environ, "POEMS_CORPUS_DIR": str(config.corpus_dir), "POEMS_INDEX_DIR": str(config.index_dir)}
        done = subprocess.run([sys.executable, "-c", INGEST_WITH_FAKES], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-500:]
        finished = time.monotonic()
        assert _wait_for(lambda: new_text_seen, timeout=10)
        print(f"new text answered {new_text_seen[0] - finished:.2f} s after the ingest ended; {len(asked)} answers")
        before = len(asked)
        assert _wait_for(lambda: len(asked) >= before + 5)
    finally:
        stop.set()
        for t in users:
            t.join(30)
        demo.close()
        live.close()
    assert errors == []


def test_a_streamed_answer_holds_its_version_until_it_ends(config, fake_embedder):
    live = open_live_assistant(config, embedder=fake_embedder, on_note=lambda m: None, poll_s=0.05, safety=False)
    try:
        stream = live.ask_stream("Which nerves does POEMS syndrome damage first?", [])
        next(stream)  # started: the version is in use until the stream ends
        assert live._current.in_flight == 1
        list(stream)
        assert live._current.in_flight == 0
    finally:
        live.close()
