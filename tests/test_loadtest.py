"""The load test's simulated users: how they connect, and the warm-up request before the load."""

from __future__ import annotations

import ssl

import httpx
import pytest

from evals import loadtest


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
    assert result["errors"] == 0 and result["ok"] == 6
    assert len(made) == 3
    contexts = [kw["ssl_verify"] for kw in made]
    assert all(isinstance(c, ssl.SSLContext) for c in contexts)
    assert all(c.verify_mode == ssl.CERT_REQUIRED and c.check_hostname for c in contexts)
    assert len({id(c) for c in contexts}) == 3, "each simulated user has its own context, like its own machine"
    assert all(kw["download_files"] is False for kw in made)


def test_warm_request_asks_the_running_chat_once(tmp_path):
    from app import build_app, launch
    from feedback import FeedbackStore
    from tests.fakes_app import FakeAssistant

    fake = FakeAssistant()
    demo = build_app(fake, FeedbackStore(tmp_path / "fb.sqlite3"), stream_delay_s=0)
    _, url, _ = launch(demo, host="127.0.0.1", port=loadtest.free_port(), prevent_thread_lock=True, quiet=True)
    try:
        loadtest.warm_request(url)
    finally:
        demo.close()
    assert [q for q, _ in fake.calls] == ["What is POEMS syndrome?"]


def test_warm_request_fails_loudly_when_the_chat_does_not_answer():
    with pytest.raises(httpx.ConnectError):
        loadtest.warm_request(f"http://127.0.0.1:{loadtest.free_port()}/")
