"""The load test's simulated users: how they connect, and the warm-up request before the load."""

from __future__ import annotations

import ssl

import httpx
import pytest

from evals.perf import loadtest
from evals.perf.measure import free_port


def test_each_user_builds_its_tls_context_once_and_verifies_certificates(monkeypatch):
    # With ssl_verify=True gradio_client builds a new SSL context (~25 ms of CPU) for every POST
    # and event stream, which made 20 threads on this machine measure themselves, not the chat.
    made = []

    class FakeClient:
        def __init__(self, url, **kwargs):
            made.append(kwargs)

        def submit(self, question, history, api_name):
            class Job:
                def result(self, timeout):
                    return {"answer": f"About {question} [1]."}
            return Job()

        def close(self):
            pass

    monkeypatch.setattr("gradio_client.Client", FakeClient)
    result = loadtest.run_load("http://127.0.0.1:9/", [("q", [])], users=3, per_user=2, timeout_s=10)
    assert result["errors"] == 0
    assert result["ok"] == 6
    assert len(made) == 3
    contexts = [kw["ssl_verify"] for kw in made]
    assert all(isinstance(c, ssl.SSLContext) for c in contexts)
    assert all(c.verify_mode == ssl.CERT_REQUIRED for c in contexts)
    assert all(c.check_hostname for c in contexts)
    assert len({id(c) for c in contexts}) == 3, "each simulated user has its own context, like its own machine"
    assert all(kw["download_files"] is False for kw in made)


def test_warm_request_asks_the_running_chat_once(tmp_path):
    from app import build_app, launch
    from feedback import FeedbackStore
    from tests.fakes_app import FakeAssistant

    fake = FakeAssistant()
    demo = build_app(fake, FeedbackStore(tmp_path / "fb.sqlite3"), stream_delay_s=0)
    _, url, _ = launch(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        loadtest.warm_request(url)
    finally:
        demo.close()
    assert [q for q, _ in fake.calls] == ["What is POEMS syndrome?"]


def test_warm_request_fails_loudly_when_the_chat_does_not_answer():
    with pytest.raises(httpx.ConnectError):
        loadtest.warm_request(f"http://127.0.0.1:{free_port()}/")


def test_users_ask_distinct_slices_of_the_gold_set():
    questions = [(f"q{i}", []) for i in range(10)]
    asked = [loadtest.user_questions(questions, u, 3) for u in range(3)]
    assert [q for q, _ in asked[0]] == ["q0", "q1", "q2"]
    assert [q for q, _ in asked[2]] == ["q6", "q7", "q8"]
    assert [q for q, _ in loadtest.user_questions(questions, 3, 3)] == ["q9", "q0", "q1"]  # wraps around


def test_run_load_against_a_fake_chat_on_loopback(tmp_path):
    from app import build_app, launch
    from feedback import FeedbackStore
    from tests.fakes_app import FakeAssistant

    fake = FakeAssistant(delay_s=0.01)
    demo = build_app(fake, FeedbackStore(tmp_path / "fb.sqlite3"), stream_delay_s=0)
    _, url, _ = launch(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        questions = [("What is POEMS syndrome?", []),
                     ("And treatment?", [{"role": "user", "content": "What is POEMS?"},
                                         {"role": "assistant", "content": "A disorder [1]."}])]
        result = loadtest.run_load(url, questions, users=4, per_user=2, timeout_s=60)
    finally:
        demo.close()
    assert result["errors"] == 0, result["error_samples"]
    assert result["requests"] == result["ok"] == 8
    assert len(result["latencies_s"]) == 8
    assert len(fake.calls) == 8
    assert sum(1 for _, history in fake.calls if history) == 4, "follow-ups arrive with their history"
    assert 0 < result["p50_s"] <= result["p95_s"] <= result["max_s"]
    assert result["think_s"] is None
    assert result["client_cpu_ms_per_request"] is not None


def test_paced_users_pause_before_each_question(tmp_path, monkeypatch):
    import threading
    import time

    from app import build_app, launch
    from feedback import FeedbackStore
    from tests.fakes_app import FakeAssistant

    real_sleep = time.sleep
    pauses = []

    def recording_sleep(seconds):
        if threading.current_thread().name.startswith("load-user-"):
            pauses.append(seconds)
        real_sleep(seconds)

    monkeypatch.setattr(loadtest.time, "sleep", recording_sleep)
    demo = build_app(FakeAssistant(), FeedbackStore(tmp_path / "fb.sqlite3"), stream_delay_s=0)
    _, url, _ = launch(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        result = loadtest.run_load(url, [("What is POEMS syndrome?", [])], users=2, per_user=2, think_s=(0.3, 0.4), timeout_s=60)
    finally:
        demo.close()
    assert result["errors"] == 0
    assert result["ok"] == 4
    assert result["think_s"] == [0.3, 0.4]
    assert len(pauses) == 4, "each user paused before each of its two questions"
    assert all(0.3 <= p <= 0.4 for p in pauses)


def test_run_load_counts_an_unreachable_chat_as_errors_without_hanging():

    result = loadtest.run_load(f"http://127.0.0.1:{free_port()}/", [("q", [])], users=2, per_user=2,
                      timeout_s=10, connect_timeout_s=10)
    assert result["ok"] == 0
    assert result["errors"] == 4
    assert result["error_samples"][0].startswith("connect:")
