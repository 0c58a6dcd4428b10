"""The chat handler, history conversion, feedback wiring, the built page and its API."""

from __future__ import annotations

import logging
from itertools import pairwise

import gradio as gr
import pytest
from gradio_client import Client

import app as chat_app
from app import (
    API_NAME,
    EMERGENCY_HEADING,
    ERROR_DISCLAIMER,
    FRIENDLY_ERROR,
    NO_SOURCES_DISCLAIMER,
    build_app,
    feedback_state,
    handle_like,
    history_to_turns,
    launch,
    respond,
)
from chat.history import content_text
from chat.render import esc
from core.types import DISCLAIMER, EMERGENCY, Answer, Turn
from evals.perf.measure import free_port
from feedback import FeedbackStore
from tests.fakes_app import EMERGENCY_TEXT, GUIDE, FakeAssistant


def _text(msg) -> str:
    content = msg["content"] if isinstance(msg, dict) else msg.content
    return content_text(content)


def _meta(msg) -> dict:
    return (msg.get("metadata") if isinstance(msg, dict) else msg.metadata) or {}


def _role(msg) -> str:
    return msg["role"] if isinstance(msg, dict) else msg.role


def _run(message, history=None, assistant=None, **kw):
    """All yields of one respond() call, with streaming delays off."""
    return list(respond(message, history or [], assistant or FakeAssistant(), stream_delay_s=0, **kw))


def _as_gradio(messages) -> list[dict]:
    """What Gradio hands the next call: normalized dicts with content as a list of parts."""
    out = []
    for m in messages:
        d = {"role": _role(m), "content": [{"type": "text", "text": _text(m)}], "metadata": _meta(m) or None,
             "options": None}
        out.append(d)
    return out


# ---------------------------------------------------------------- respond


def test_answer_has_markers_disclaimer_and_a_collapsed_sources_panel():
    final = _run("What is POEMS syndrome?")[-1]
    assert [_role(m) for m in final] == ["user", "assistant", "assistant"]
    assert _text(final[0]) == "What is POEMS syndrome?"
    body = _text(final[1])
    assert "[1]" in body and "[2]" in body
    assert body.rstrip().endswith(f"*{DISCLAIMER}*")
    panel = final[2]
    assert _meta(panel) == {"title": "Sources (2)", "status": "done"}
    sources = _text(panel)
    assert f"**[1] {GUIDE}** — What POEMS Syndrome Is (Bare Your Rare, 2026-04)" in sources
    assert "> POEMS syndrome is a rare disorder caused by a tiny population of abnormal plasma cells." in sources
    assert "[2] What Is POEMS Syndrome** — Overview (Klarity Health Library, 2023-11)" in sources


def test_answer_streams_in_growing_steps():
    long_answer = FakeAssistant()
    long_answer.ask = lambda q, h: Answer(text=" ".join(f"word{i}" for i in range(120)) + " [1].")
    steps = _run("q", assistant=long_answer)
    bodies = [_text(s[1]) for s in steps if len(s) > 1]
    assert len(bodies) >= 5
    assert all(len(a) < len(b) for a, b in pairwise(bodies))
    assert bodies[0].startswith("word0") and "word119 [1]." in bodies[-1]


def test_follow_up_passes_the_session_history_as_turns():
    fake = FakeAssistant()
    first = _run("What is POEMS syndrome?", assistant=fake)[-1]
    final = _run("And how is it treated?", _as_gradio(first), assistant=fake)[-1]
    question, turns = fake.calls[-1]
    assert question == "And how is it treated?"
    assert turns == [
        Turn("user", "What is POEMS syndrome?"),
        Turn("assistant", "POEMS syndrome is a rare disorder of abnormal plasma cells [1]. "
                          "It is often first mistaken for CIDP, which delays diagnosis [2]."),
    ]
    assert "(follow-up)" in _text(final[4])
    # The earlier exchange stays on screen above the new one.
    assert [_text(m) for m in final[:3]] == [_text(m) for m in first]


@pytest.mark.parametrize("empty", ["", "   ", "\n\t", None])
def test_empty_message_is_ignored(empty):
    fake = FakeAssistant()
    history = _as_gradio(_run("What is POEMS syndrome?", assistant=fake)[-1])
    steps = _run(empty, history, assistant=fake)
    assert steps == [history]
    assert len(fake.calls) == 1


def test_very_long_message_is_cut_with_a_note():
    fake = FakeAssistant()
    final = _run("x" * 5000, assistant=fake, max_chars=100)[-1]
    question, _ = fake.calls[-1]
    assert question == "x" * 100
    assert _text(final[0]) == "x" * 100 + " …"
    assert "only its first 100 characters were used" in _text(final[1])
    # The note is UI decoration, not part of what the assistant said.
    assert "characters were used" not in history_to_turns(_as_gradio(final))[1].content


def test_internal_error_gives_a_friendly_message_and_is_logged(caplog):
    fake = FakeAssistant(fail_on="explode")
    with caplog.at_level(logging.ERROR, logger="poems.app"):
        steps = _run("please explode", assistant=fake)
    final = steps[-1]
    shown = "\n".join(_text(m) for s in steps for m in s)
    assert FRIENDLY_ERROR in _text(final[-1])
    assert ERROR_DISCLAIMER in _text(final[-1])
    assert "the sources" not in _text(final[-1])
    assert "Traceback" not in shown and "boom" not in shown and "secret" not in shown
    assert any(r.message.startswith("answering a") and r.exc_info for r in caplog.records)


def test_a_rendering_failure_is_friendly_too(caplog):
    broken = FakeAssistant()
    broken.ask = lambda q, h: Answer(text="Fine [1].", citations=[None])
    with caplog.at_level(logging.ERROR, logger="poems.app"):
        final = _run("What is POEMS?", assistant=broken)[-1]
    assert FRIENDLY_ERROR in _text(final[-1]) and "NoneType" not in _text(final[-1])
    assert caplog.records


def test_emergency_comes_first_and_is_marked():
    steps = _run("My husband has chest pain right now")
    final = steps[-1]
    box = final[1]
    assert 'class="poems-emergency"' in _text(box) and 'role="alert"' in _text(box)
    assert EMERGENCY_HEADING in _text(box) and EMERGENCY_TEXT in _text(box)
    # Shown before any of the rest of the answer streams in.
    first_reply = next(s for s in steps if len(s) > 1)
    assert len(first_reply) == 2 and _text(first_reply[1]) == _text(box)
    assert EMERGENCY_TEXT not in _text(final[2])
    assert "[1]" in _text(final[2]) and DISCLAIMER in _text(final[2])
    assert _meta(final[3])["title"] == "Sources (1)"


def test_emergency_only_answer_still_carries_the_disclaimer():
    fake = FakeAssistant()
    fake.ask = lambda q, h: Answer(text=EMERGENCY_TEXT, flags=[EMERGENCY])
    final = _run("I can't breathe", assistant=fake)[-1]
    assert EMERGENCY_TEXT in _text(final[1])
    assert [_role(m) for m in final] == ["user", "assistant", "assistant"]
    # no guide is quoted, so the closing line does not point at "the sources"
    assert _text(final[2]) == f"*{NO_SOURCES_DISCLAIMER}*"


def test_refusal_without_sources_has_disclaimer_and_no_panel():
    final = _run("What's the weather tomorrow?")[-1]
    assert len(final) == 2
    assert "only answer questions about POEMS" in _text(final[1])
    assert NO_SOURCES_DISCLAIMER in _text(final[1])
    assert "the sources" not in _text(final[1])


def test_on_answer_gets_what_feedback_needs():
    got = []
    history = _as_gradio(_run("What is POEMS syndrome?")[-1])
    _run("Second question", history, on_answer=got.append)
    (rec,) = got
    assert rec["index"] == 3 and rec["question"] == "Second question"
    assert "[1]" in rec["answer"] and DISCLAIMER not in rec["answer"]
    assert [c["n"] for c in rec["citations"]] == [1, 2] and rec["citations"][0]["title"] == GUIDE


def test_the_record_arrives_with_the_final_step_not_after_it():
    # The UI wrapper forwards each step with the records known so far; nothing follows the last step.
    got: list = []
    steps = [(step, len(got)) for step in
             respond("What is POEMS?", [], FakeAssistant(), on_answer=got.append, stream_delay_s=0)]
    assert steps[-1][1] == 1 and all(n == 0 for _, n in steps[:-1])
    assert _meta(steps[-1][0][-1])["title"] == "Sources (2)"


# ---------------------------------------------------------------- history


def test_history_to_turns_strips_panels_notes_and_emergency_markup():
    chat = _run("My husband has chest pain")[-1] + _run("What is POEMS?", assistant=FakeAssistant())[-1]
    turns = history_to_turns(_as_gradio(chat))
    assert [t.role for t in turns] == ["user", "assistant", "user", "assistant"]
    assert turns[1].content.startswith(EMERGENCY_TEXT)
    assert "complications [1]." in turns[1].content
    for t in turns:
        assert "<div" not in t.content and EMERGENCY_HEADING not in t.content
        assert DISCLAIMER not in t.content and "Sources" not in t.content


def test_history_to_turns_accepts_plain_openai_dicts():
    turns = history_to_turns([{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"},
                              {"role": "system", "content": "ignored"}])
    assert turns == [Turn("user", "hi"), Turn("assistant", "hello")]


def test_the_chat_passes_each_answers_cited_chunks_from_its_records_not_its_text():
    records: dict = {}
    first = _run("What is POEMS syndrome?", on_answer=lambda r: records.__setitem__(str(r["index"]), r))[-1]
    fake = FakeAssistant()
    _run("and how is it treated?", _as_gradio(first), assistant=fake, records=records)
    history = fake.calls[-1][1]
    assert history[1].cited == ("fake-chunk-1", "fake-chunk-2")


# ---------------------------------------------------------------- feedback wiring


def _two_answers(tmp_path):
    records: dict = {}
    chat = _run("What is POEMS syndrome?", on_answer=lambda r: records.__setitem__(str(r["index"]), r))[-1]
    chat = _run("What does recovery look like?", _as_gradio(chat),
                on_answer=lambda r: records.__setitem__(str(r["index"]), r))[-1]
    return _as_gradio(chat), records, FeedbackStore(tmp_path / "fb.sqlite3")


def _like(index, liked):
    return gr.LikeData(None, {"index": index, "value": [], "liked": liked})


def test_dislike_stores_the_rated_answer_and_offers_a_comment(tmp_path):
    chat, records, store = _two_answers(tmp_path)
    # Index 4 is the first bubble of the second reply.
    rated, row_id, status = handle_like(store, chat, records, {}, _like(4, False))
    (row,) = store.rows()
    assert row.id == row_id and rated == {"3": {"id": row_id, "rating": -1}}
    assert (row.question, row.rating) == ("What does recovery look like?", -1)
    # the follow-up is stored with the conversation it follows, so its draft case reproduces it
    assert [t["role"] for t in row.history] == ["user", "assistant"]
    assert row.history[0]["content"] == "What is POEMS syndrome?"
    assert "[1]" in row.answer and row.citations[0]["n"] == 1
    assert "saved" in status
    assert store.set_comment(row_id, "Too short")
    assert store.rows()[0].comment == "Too short"


def test_like_then_flip_then_withdraw(tmp_path):
    chat, records, store = _two_answers(tmp_path)
    rated, row_id, _ = handle_like(store, chat, records, {}, _like(1, True))
    assert row_id is None and store.rows()[0].rating == 1
    rated, row_id, _ = handle_like(store, chat, records, rated, _like(1, False))
    assert [r.rating for r in store.rows()] == [-1] and row_id == rated["0"]["id"]
    rated, row_id, status = handle_like(store, chat, records, rated, _like(1, ""))
    assert store.rows() == [] and rated == {} and "removed" in status


def test_like_on_an_unknown_message_stores_nothing(tmp_path):
    chat, _records, store = _two_answers(tmp_path)
    _rated, row_id, status = handle_like(store, chat, {}, {}, _like(1, False))
    assert row_id is None and store.rows() == [] and "could not be found" in status


# ---------------------------------------------------------------- page and API


def test_build_app_builds_without_launching(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    demo = build_app(FakeAssistant(), store)
    assert isinstance(demo, gr.Blocks)
    assert not demo.is_running
    api_names = [d.api_name for d in demo.fns.values()]
    assert API_NAME in api_names
    assert not (tmp_path / "fb.sqlite3").exists()
    chatbots = [b for b in demo.blocks.values() if isinstance(b, gr.Chatbot)]
    assert len(chatbots) == 1
    bot = chatbots[0]
    assert "What is POEMS syndrome?" in [e["text"] for e in bot.examples]
    assert "What does recovery look like?" in [e["text"] for e in bot.examples]
    assert "I cannot" in bot.placeholder
    markdown = " ".join(str(b.value) for b in demo.blocks.values() if isinstance(b, gr.Markdown))
    assert DISCLAIMER in markdown
    buttons = [b.value for b in demo.blocks.values() if isinstance(b, gr.Button)]
    assert "New conversation" in buttons


@pytest.fixture
def served(tmp_path):
    fake = FakeAssistant()
    demo = build_app(fake, FeedbackStore(tmp_path / "fb.sqlite3"), stream_delay_s=0)
    _, url, _ = launch(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        yield url, fake
    finally:
        demo.close()


def test_gradio_client_calls_the_ask_api(served):
    url, fake = served
    client = Client(url, verbose=False)
    try:
        info = client.view_api(return_format="dict", print_info=False)
        assert f"/{API_NAME}" in info["named_endpoints"]
        params = [p["parameter_name"] for p in info["named_endpoints"][f"/{API_NAME}"]["parameters"]]
        assert params == ["question", "history"]
        out = client.predict("What is POEMS syndrome?", [], api_name=f"/{API_NAME}")
        assert "[1]" in out["answer"] and out["citations"][0]["title"] == GUIDE
        assert out["disclaimer"] == DISCLAIMER and out["flags"] == [] and out["truncated"] is False
        history = [{"role": "user", "content": "What is POEMS?"}, {"role": "assistant", "content": "A disorder [1]."}]
        out = client.predict("And treatment?", history, api_name=f"/{API_NAME}")
        assert "(follow-up)" in out["answer"]
        assert fake.calls[-1][1] == [Turn("user", "What is POEMS?"), Turn("assistant", "A disorder [1].")]
        out = client.predict("I have chest pain", api_name=f"/{API_NAME}")
        assert out["flags"] == [EMERGENCY]
        with pytest.raises(Exception, match="Please type a question"):
            client.predict("   ", [], api_name=f"/{API_NAME}")
    finally:
        client.close()


@pytest.mark.slow
def test_real_assistant_answers_through_respond(real_assistant):
    got = []
    first = _run("What is POEMS syndrome?", assistant=real_assistant, on_answer=got.append)[-1]
    assert EMERGENCY not in got[0]["flags"]
    body = _text(first[1])
    assert "[1]" in body and DISCLAIMER in body
    panel = first[-1]
    assert _meta(panel)["title"] == f"Sources ({len(got[0]['citations'])})"
    assert esc(got[0]["citations"][0]["quote"].strip().splitlines()[0]) in _text(panel)
    follow = _run("How is it treated?", _as_gradio(first), assistant=real_assistant)[-1]
    assert len(follow) > len(first) and DISCLAIMER in "\n".join(_text(m) for m in follow[len(first):])
    emergency = _run("My father has sudden chest pain and can't breathe", assistant=real_assistant)[-1]
    assert EMERGENCY_HEADING in _text(emergency[1])


@pytest.mark.slow
def test_real_assistant_through_the_api(real_assistant, tmp_path):
    demo = build_app(real_assistant, FeedbackStore(tmp_path / "fb.sqlite3"), stream_delay_s=0)
    _, url, _ = launch(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    client = Client(url, verbose=False)
    try:
        out = client.predict("Why does it take so long to diagnose?", [], api_name=f"/{API_NAME}")
        assert "[1]" in out["answer"] and out["citations"] and out["disclaimer"]
    finally:
        client.close()
        demo.close()


def test_launch_keeps_the_queue_cheap_under_load(tmp_path):
    # Per answer, Gradio's defaults send every waiting user a new queue position and rebuild a
    # pandas summary of all past events for its /monitoring dashboard; the chat needs neither.
    demo = build_app(FakeAssistant(), FeedbackStore(tmp_path / "fb.sqlite3"), stream_delay_s=0)
    launch(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        queue = demo._queue
        assert queue.live_updates is False and queue.update_intervals == chat_app.QUEUE_STATUS_UPDATE_S
        assert queue.ANAYLTICS_CACHE_FREQUENCY >= 1000
        assert demo.enable_monitoring is False
        assert queue.default_concurrency_limit == chat_app.DEFAULT_CONCURRENCY
        assert queue.max_size == chat_app.QUEUE_MAX_SIZE
    finally:
        demo.close()


# ---------------------------------------------------------------- feedback you can trust


class LockedStore(FeedbackStore):
    """A feedback store whose database stays locked: every write fails the way a held lock does."""

    def _write(self, sql, params):
        from feedback import FeedbackError

        raise FeedbackError(f"Cannot write to the feedback database {self.path}: database is locked.")


def test_a_rating_the_database_refused_is_not_shown_as_given(tmp_path):
    chat, records, _ = _two_answers(tmp_path)
    store = LockedStore(tmp_path / "fb.sqlite3")
    rated, row_id, status = handle_like(store, chat, records, {}, _like(4, False))
    assert rated == {}
    assert row_id is None
    assert "could not be saved" in status
    assert feedback_state(chat, rated) == [None, None]


def test_a_withdrawal_the_database_refused_keeps_the_rating_shown(tmp_path):
    chat, records, store = _two_answers(tmp_path)
    rated, _, _ = handle_like(store, chat, records, {}, _like(4, False))
    locked = LockedStore(tmp_path / "fb.sqlite3")
    rated, _, status = handle_like(locked, chat, records, rated, _like(4, ""))
    assert "still shown" in status
    assert feedback_state(chat, rated) == [None, "Dislike"]


def test_the_thumbs_are_drawn_from_what_was_stored(tmp_path):
    chat, records, store = _two_answers(tmp_path)
    rated, _, _ = handle_like(store, chat, records, {}, _like(1, True))
    rated, _, _ = handle_like(store, chat, records, rated, _like(4, False))
    assert feedback_state(chat, rated) == ["Like", "Dislike"]


def test_the_page_says_what_a_rating_saves_and_where(tmp_path):
    demo = build_app(FakeAssistant(), FeedbackStore(tmp_path / "fb.sqlite3"))
    notes = [b.value for b in demo.blocks.values() if isinstance(b, gr.Markdown) and b.elem_id == "poems-feedback-note"]
    (note,) = notes
    assert "saves your question, the answer and the conversation before it" in note
    assert "fb.sqlite3" in note


def test_the_conversation_is_kept_in_the_browser(tmp_path):
    demo = build_app(FakeAssistant(), FeedbackStore(tmp_path / "fb.sqlite3"))
    (saved,) = [b for b in demo.blocks.values() if isinstance(b, gr.BrowserState)]
    assert saved.storage_key == chat_app.STORAGE_KEY


def test_the_input_does_not_grab_focus_and_scroll_the_page(tmp_path):
    demo = build_app(FakeAssistant(), FeedbackStore(tmp_path / "fb.sqlite3"))
    (box,) = [b for b in demo.blocks.values() if isinstance(b, gr.Textbox) and b.elem_id == "poems-input"]
    assert not box.autofocus


# ---------------------------------------------------------------- exposure


def test_the_upload_route_is_closed(served):
    import httpx

    url, _fake = served
    for path in ("gradio_api/upload", "upload"):
        got = httpx.post(url + path, files={"files": ("x.txt", b"hello", "text/plain")})
        assert got.status_code == 404, path
        assert "no file uploads" in got.text


def test_a_request_body_over_the_cap_is_refused(served):
    import httpx

    from http_limits import MAX_REQUEST_BYTES

    url, fake = served
    big = "x" * (MAX_REQUEST_BYTES + 1)
    got = httpx.post(url + "gradio_api/call/ask", json={"data": [big, []]})
    assert got.status_code == 413
    assert fake.calls == []


def test_a_chunked_body_over_the_cap_is_refused(served):
    import httpx

    from http_limits import MAX_REQUEST_BYTES

    url, fake = served

    def chunks():
        for _ in range(MAX_REQUEST_BYTES // 65536 + 2):
            yield b"x" * 65536

    got = httpx.post(url + "gradio_api/call/ask", content=chunks(), headers={"content-type": "application/json"})
    assert got.status_code == 413


def test_a_normal_question_still_gets_through_the_limits(served):
    url, _fake = served
    client = Client(url, verbose=False)
    try:
        out = client.predict("What is POEMS syndrome?", [], api_name=f"/{API_NAME}")
    finally:
        client.close()
    assert "[1]" in out["answer"]


@pytest.mark.parametrize("host,warned", [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                         ("0.0.0.0", True), ("192.168.1.20", True), ("my-laptop.lan", True)])
def test_serve_warns_when_the_chat_listens_beyond_this_machine(host, warned):
    from http_limits import exposure_warning

    warning = exposure_warning(host, 7860)
    assert (warning is not None) == warned
    if warned:
        assert warning.startswith(f"warning: the chat listens on {host}:7860")


def test_guide_markup_in_an_answer_is_shown_as_text_not_drawn():
    from chat.render import as_text

    shown = as_text('POEMS is rare. ![chart](//evil.example/a.png) <div style="position:fixed">URGENT</div> [1]')
    assert "![" not in shown
    assert "<div" not in shown
    assert "](" not in shown


def test_an_answers_list_lines_stay_a_list():
    from chat.render import as_text

    assert as_text("Lead: [1]\n- item [1]").splitlines()[1].startswith("- item")


def test_a_bare_address_in_guide_text_is_not_made_a_link():
    from chat.render import as_text

    assert "https://" not in as_text("see https://evil.example/page")
