"""Gradio chat for patients and caregivers: streamed, cited answers with sources, disclaimer and feedback."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from core.config import Config, apply_offline_env

# Must run before gradio is imported: gradio reads these switches at import time.
apply_offline_env()

import gradio as gr  # noqa: E402

from chat.feedback_handlers import FEEDBACK_NOT_SAVED, THUMBS_REDRAWING, feedback_state, handle_like  # noqa: E402
from chat.history import history_to_turns  # noqa: E402
from chat.page import CSS, FEEDBACK_NOTE, ON_LOAD_JS, WELCOME, example_messages, guide_list  # noqa: E402
from chat.render import (  # noqa: E402
    CHECKING,
    EMERGENCY_HEADING,
    LONG_NOTE,
    as_text,
    disclaimer_line,
    emergency_box,
    esc,
    note_line,
    reply_disclaimer,
    sources_message,
    split_emergency,
    stream_steps,
)
from core.errors import PoemsError  # noqa: E402
from core.types import DISCLAIMER, EMERGENCY, NO_SOURCES_DISCLAIMER, Answer, Turn  # noqa: E402
from feedback import FeedbackStore  # noqa: E402
from http_limits import MAX_REQUEST_BYTES, RequestLimits, exposure_warning  # noqa: E402

# What other modules and the tests import from here, beside what is defined here.
__all__ = [
    "API_NAME", "EMERGENCY_HEADING", "ERROR_DISCLAIMER", "FRIENDLY_ERROR", "NO_SOURCES_DISCLAIMER",
    "ask_api", "build_app", "feedback_state", "handle_like", "history_to_turns", "launch", "respond", "serve",
]

log = logging.getLogger("poems.app")

MAX_MESSAGE_CHARS = 2000
# The answerer takes ~20 ms, so with 8 slots 20 simultaneous questions queue for at most
# 3 rounds (~60 ms); more slots would only add threads fighting over the GIL and the embedder.
DEFAULT_CONCURRENCY = 8
# Streaming is mostly sleeping, so it gets its own larger pool and never starves the API.
CHAT_CONCURRENCY = 24
QUEUE_MAX_SIZE = 200
# Queue positions go out every second while anyone waits. Gradio's default ("auto") sends every
# waiting user a new position each time any job starts: with 20 people waiting that is ~20 SSE
# messages per answer, which the server has to write and every client has to parse.
QUEUE_STATUS_UPDATE_S = 1.0
# Gradio's queue rebuilds a pandas summary of up to 10,000 past events after every answer, only for
# its /monitoring dashboard (1-7 ms each, growing as the chat serves). We switch the dashboard off,
# so recompute it rarely. The operator can still set GRADIO_ANALYTICS_CACHE_FREQUENCY.
ANALYTICS_SUMMARY_EVERY = 10_000
STREAM_DELAY_S = 0.02
API_NAME = "ask"

FRIENDLY_ERROR = (
    "Sorry, something went wrong on our side while answering. Please try again in a moment, "
    "or ask in a different way. The problem has been logged for the maintainers."
)
EMPTY_API_QUESTION = "Please type a question."
ERROR_DISCLAIMER = (
    "No answer was given, so nothing here is medical advice. For your own situation, talk to your "
    "hematologist or care team."
)
# The conversation is kept in the browser (localStorage, encrypted with a key the server makes at
# start) so a reload does not lose it; "New conversation" clears it.
STORAGE_KEY = "poems-conversation"
EMPTY_SAVED: dict[str, Any] = {"chat": [], "records": {}, "rated": {}}


class Answerer(Protocol):
    """What the UI needs from assistant.Assistant."""

    def ask(self, question: str, history: list[Turn]) -> Answer: ...


# ---------------------------------------------------------------- chat handler


def _record(index: int, question: str, text: str, citations: list, flags: list) -> dict:
    return {"index": index, "question": question, "answer": text, "citations": citations, "flags": flags}


def _answer_steps(answer: Answer, prefix: str, stream_delay_s: float) -> Iterator[list[gr.ChatMessage]]:
    # Emergency first and whole, then the body word by word, then the final body and Sources
    # (always the last step, so the caller can record the answer before yielding it).
    text = as_text(answer.text.strip())  # guide text is data: shown as text, never as markup
    head: list[gr.ChatMessage] = []
    if EMERGENCY in answer.flags:
        urgent, text = split_emergency(text)
        head = [gr.ChatMessage(role="assistant", content=emergency_box(urgent))]
        yield head
    if text:
        for partial in stream_steps(text):
            yield head + [gr.ChatMessage(role="assistant", content=prefix + partial)]
            if stream_delay_s:
                time.sleep(stream_delay_s)
    body = (prefix + text + "\n\n" if text or prefix else "") + disclaimer_line(reply_disclaimer(answer))
    final = head + [gr.ChatMessage(role="assistant", content=body)]
    if answer.citations:
        final.append(sources_message(answer.citations))
    yield final


def _streams_verified(assistant: Any) -> bool:
    """A language-model answerer streams sentences as the verifier passes them; the extractive one
    answers in ~20 ms and streams word by word instead."""
    return getattr(getattr(assistant, "answerer", None), "name", "") == "llm" and hasattr(assistant, "ask_stream")


def _verified_steps(assistant: Any, question: str, turns: list[Turn], prefix: str, holder: list) -> Iterator[list]:
    """Verified sentences one by one under a "checking" line, then the finished answer (appended to
    `holder`) rendered exactly as an extractive one, with its note, sources and disclaimer."""
    from core.citations import render

    shown: list = []
    yield [gr.ChatMessage(role="assistant", content=prefix + CHECKING)]
    for item in assistant.ask_stream(question, turns):
        if isinstance(item, Answer):
            holder.append(item)
            break
        shown.append(item)
        body = as_text(render(shown))
        yield [gr.ChatMessage(role="assistant", content=prefix + body + "\n\n" + CHECKING)]
    answer = holder[-1]
    if answer.note:
        prefix = prefix + f"*({esc(answer.note)})*\n\n"
    *_, final = _answer_steps(answer, prefix, 0)
    yield final


def respond(
    message: str,
    history: list | None,
    assistant: Answerer,
    *,
    on_answer: Callable[[dict], None] | None = None,
    stream_delay_s: float = STREAM_DELAY_S,
    max_chars: int = MAX_MESSAGE_CHARS,
    records: dict | None = None,
    debug: bool = False,
) -> Iterator[list]:
    """Yield the growing chat (messages format) while the answer to `message` streams in."""
    # on_answer gets {index, question, answer, citations, flags} once per answered message; index
    # is the user message's position, which is how a later thumbs up/down finds what was rated.
    history = list(history or [])
    question = (message or "").strip()
    if not question:
        yield history
        return
    note = ""
    if len(question) > max_chars:
        question = question[:max_chars].rstrip()
        note = LONG_NOTE.format(n=max_chars)
    prefix = note_line(note) + "\n\n" if note else ""
    index = len(history)
    chat = history + [gr.ChatMessage(role="user", content=question + (" …" if note else ""))]
    yield chat

    turns: list[Turn] = []
    try:
        turns = history_to_turns(history, records)
        last: list = []
        if _streams_verified(assistant):
            holder: list = []
            steps = _verified_steps(assistant, question, turns, prefix, holder)
        else:
            holder = [assistant.ask(question, turns)]
            steps = _answer_steps(holder[0], prefix, stream_delay_s)
        for step in steps:
            if last:
                yield chat + last
            last = step
        answer = holder[-1]
    except Exception as exc:
        # Details go to the log for maintainers; the reader gets no traceback.
        log_failure(exc, f"answering a {len(question)}-character question", debug)
        if on_answer:
            on_answer(_record(index, question, FRIENDLY_ERROR, [], ["error"]))
        yield chat + [gr.ChatMessage(role="assistant", content=prefix + FRIENDLY_ERROR + "\n\n" + disclaimer_line(ERROR_DISCLAIMER))]
        return
    # Recorded before the final yield, so a wrapper forwarding each step sends the record along with it.
    if on_answer:
        on_answer(_record(index, question, answer.text, [c.to_dict() for c in answer.citations], list(answer.flags)))
    yield chat + last


def log_failure(exc: BaseException, doing: str, debug: bool = False) -> None:
    """A typed error (a damaged index, a failing Chroma server) is one log line, already saying the fix;
    anything else is a bug and gets its traceback. POEMS_DEBUG=1 (debug) gives tracebacks for both."""
    if isinstance(exc, PoemsError) and not debug:
        log.error("%s failed: %s", doing, exc)
    else:
        log.error("%s failed", doing, exc_info=exc)


def ask_api(assistant: Answerer, question: str, history: list | None = None, max_chars: int = MAX_MESSAGE_CHARS,
            debug: bool = False) -> dict:
    """The API answer: Answer.to_dict() for the question, with `history` as role/content dicts."""
    question = (question or "").strip()
    if not question:
        raise gr.Error(EMPTY_API_QUESTION)
    truncated = len(question) > max_chars
    try:
        answer = assistant.ask(question[:max_chars], history_to_turns(history))
    except Exception as exc:
        log_failure(exc, "API answering", debug)
        raise gr.Error(FRIENDLY_ERROR) from None
    out = answer.to_dict()
    out["truncated"] = truncated
    return out



def build_app(assistant: Answerer, feedback: FeedbackStore | None = None, config: Config | None = None,
              *, stream_delay_s: float = STREAM_DELAY_S) -> gr.Blocks:
    """Build the chat page around a loaded assistant, without launching it.

    >>> class Echo:
    ...     def ask(self, question, history):
    ...         return Answer(text=f"You asked: {question}")
    >>> app = build_app(Echo(), FeedbackStore("/tmp/poems-doctest.sqlite3"))
    >>> isinstance(app, gr.Blocks)
    True
    """
    config = config or Config.from_env()
    store = feedback or FeedbackStore(config.feedback_db)

    def chat(message: str, history: list, records: dict):
        records = dict(records or {})
        got: list[dict] = []
        first = True
        for messages in respond(message, history, assistant, on_answer=got.append, stream_delay_s=stream_delay_s,
                                records=records, debug=config.debug):
            for rec in got:
                records[str(rec["index"])] = rec
            # Clear the box once; later yields leave it alone so the reader can type the next question.
            yield messages, ("" if first else gr.skip()), records
            first = False

    def ask(question: str, history: list[dict] | None = None) -> dict:
        """Answer one question (optionally after a role/content history) with citations and flags."""
        return ask_api(assistant, question, history, debug=config.debug)

    def like(chat_value: list, records: dict, rated: dict, data: gr.LikeData):
        before = feedback_state(chat_value, rated)
        try:
            rated, row_id, status = handle_like(store, chat_value, records, rated, data)
        except Exception:  # noqa: BLE001 - the UI boundary: log it, tell the reader plainly
            log.exception("saving feedback failed")
            row_id, status = None, FEEDBACK_NOT_SAVED
        # The clicked thumb shows "Disliked" at once, before anything is stored. When the database
        # refused, the thumbs must be redrawn from what it holds; the page only redraws them when
        # the value it was given changes, so it first gets a placeholder, then (redraw) the truth.
        refused = feedback_state(chat_value, rated) == before
        thumbs = gr.update(feedback_value=[THUMBS_REDRAWING] * len(before)) if refused else gr.skip()
        return rated, row_id, status, gr.update(visible=row_id is not None), thumbs

    def redraw_thumbs(chat_value: list, rated: dict):
        return gr.update(feedback_value=feedback_state(chat_value, rated))

    def save(chat_value: list, records: dict, rated: dict) -> dict:
        return {"chat": chat_value or [], "records": records or {}, "rated": rated or {}}

    def restore(saved: dict):
        saved = saved if isinstance(saved, dict) else EMPTY_SAVED
        chat_value, rated, records = saved.get("chat"), saved.get("rated"), saved.get("records")
        chat_value = chat_value if isinstance(chat_value, list) else []
        rated = rated if isinstance(rated, dict) else {}
        records = records if isinstance(records, dict) else {}
        return gr.update(value=chat_value, feedback_value=feedback_state(chat_value, rated)), records, rated

    def send_comment(comment: str, row_id: int | None):
        if not (comment or "").strip():
            return gr.skip(), "Please type a comment first, or leave it empty.", gr.skip(), gr.skip()
        try:
            saved = row_id is not None and store.set_comment(row_id, comment)
        except Exception:  # noqa: BLE001 - the UI boundary: log it, tell the reader plainly
            log.exception("saving a feedback comment failed")
            saved = False
        if not saved:
            return gr.skip(), "Sorry, your comment could not be saved.", gr.skip(), gr.skip()
        return "", "Thank you, your comment was saved.", gr.update(visible=False), None

    def pick_example(data: gr.SelectData) -> str:
        return data.value["text"]

    def new_conversation():
        return [], {}, {}, None, "", gr.update(visible=False), "", EMPTY_SAVED

    with gr.Blocks(title="POEMS syndrome guide assistant", analytics_enabled=False) as app:
        gr.Markdown(
            "# POEMS syndrome guide assistant\n"
            "Answers for patients and caregivers, with the source of every statement.",
            elem_id="poems-title",
        )
        gr.Markdown(f"**Please note:** {DISCLAIMER} In an emergency, call your local emergency number.",
                    elem_id="poems-disclaimer")
        records = gr.State({})
        rated = gr.State({})
        comment_row_id = gr.State(None)
        saved = gr.BrowserState(EMPTY_SAVED, storage_key=STORAGE_KEY)
        chatbot = gr.Chatbot(
            elem_id="poems-chat",
            label="Conversation",
            show_label=False,
            height="68vh",
            min_height=380,
            placeholder=WELCOME,
            examples=example_messages(),
            buttons=["copy"],
            feedback_options=("Like", "Dislike"),
            latex_delimiters=[],
            layout="bubble",
            autoscroll=True,
        )
        gr.Markdown(FEEDBACK_NOTE.format(where=esc(store.path.name)), elem_id="poems-feedback-note")
        with gr.Row(elem_id="poems-input-row", equal_height=True):
            msg = gr.Textbox(
                label="Your question",
                placeholder="Type your question and press Enter",
                # One line so Enter sends (Gradio sends on Shift+Enter when lines > 1); it grows as you type.
                lines=1,
                max_lines=6,
                scale=5,
                elem_id="poems-input",
            )
            send = gr.Button("Send", variant="primary", scale=1, min_width=72, elem_id="poems-send")
        with gr.Row():
            new = gr.Button("New conversation", variant="secondary", size="md", elem_id="poems-new")
        status = gr.Markdown("", elem_id="poems-status")
        with gr.Row(visible=False, elem_id="poems-comment-row") as comment_row:
            comment = gr.Textbox(label="What was wrong with this answer? (optional)", lines=2, scale=5,
                                 elem_id="poems-comment", max_length=2000)
            send_comment_btn = gr.Button("Send comment", scale=1, min_width=140, elem_id="poems-send-comment")
        guides = guide_list(config)
        if guides:
            gr.Markdown(guides, elem_id="poems-guides")

        chat_io: dict[str, Any] = dict(inputs=[msg, chatbot, records], outputs=[chatbot, msg, records],
                       concurrency_limit=CHAT_CONCURRENCY, concurrency_id="chat", show_progress="minimal")
        save_io: dict[str, Any] = dict(fn=save, inputs=[chatbot, records, rated], outputs=saved, api_visibility="private",
                       queue=False, show_progress="hidden")
        running = [
            msg.submit(chat, api_visibility="private", **chat_io),
            send.click(chat, api_visibility="private", **chat_io),
            chatbot.example_select(pick_example, None, msg, api_visibility="private", queue=False).then(
                chat, api_visibility="private", **chat_io
            ),
        ]
        for event in running:
            event.then(**save_io)
        chatbot.like(like, [chatbot, records, rated], [rated, comment_row_id, status, comment_row, chatbot],
                     api_visibility="private").then(
            redraw_thumbs, [chatbot, rated], chatbot, api_visibility="private", queue=False, show_progress="hidden"
        ).then(**save_io)
        send_comment_btn.click(send_comment, [comment, comment_row_id], [comment, status, comment_row, comment_row_id],
                               api_visibility="private")
        comment.submit(send_comment, [comment, comment_row_id], [comment, status, comment_row, comment_row_id],
                       api_visibility="private")
        reset_io = [chatbot, records, rated, comment_row_id, status, comment_row, msg, saved]
        # Stop an answer still streaming, or it would write itself into the fresh conversation.
        new.click(new_conversation, None, reset_io, api_visibility="private", queue=False, cancels=running)
        # The chat's own trash button clears the bubbles; forget the session's records with them.
        chatbot.clear(new_conversation, None, reset_io, api_visibility="private", queue=False, cancels=running)
        app.load(restore, saved, [chatbot, records, rated], api_visibility="private", queue=False,
                 show_progress="hidden")
        app.load(None, js=ON_LOAD_JS, api_visibility="private")
        gr.api(ask, api_name=API_NAME)
    return app


def launch(app: gr.Blocks, *, host: str = "127.0.0.1", port: int = 7860, prevent_thread_lock: bool = False,
           quiet: bool = False):
    """Queue and launch a built app locally: no share link, no analytics, API page on."""
    # Read by the queue when it is created, below.
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", str(ANALYTICS_SUMMARY_EVERY))
    app.queue(default_concurrency_limit=DEFAULT_CONCURRENCY, max_size=QUEUE_MAX_SIZE,
              status_update_rate=QUEUE_STATUS_UPDATE_S)
    from starlette.middleware import Middleware

    return app.launch(
        server_name=host,
        server_port=port,
        # The page has no file input: the upload route is closed (RequestLimits) and capped here too,
        # request bodies are capped, and no static-file worker process serves uploads outside it.
        app_kwargs={"middleware": [Middleware(RequestLimits, max_bytes=MAX_REQUEST_BYTES)]},
        max_file_size=MAX_REQUEST_BYTES,
        num_workers=0,
        share=False,
        inbrowser=False,
        prevent_thread_lock=prevent_thread_lock,
        quiet=quiet,
        show_error=False,
        footer_links=["api"],
        ssr_mode=False,
        pwa=False,
        mcp_server=False,
        enable_monitoring=False,
        theme=gr.themes.Default(text_size=gr.themes.sizes.text_lg, primary_hue="blue"),
        css=CSS,
    )


def serve(config: Config | None = None, *, host: str | None = None, port: int | None = None,
          on_note: Callable[[str], None] = print) -> None:
    """Load the assistant once (building the index if missing) and serve the chat until stopped.

    The chat follows the index: after `poems-assistant ingest` it answers from the new version
    within a second or two, without a restart and without failing a request.
    """
    from bootstrap import open_live_assistant

    config = config or Config.from_env()
    host = host or config.host
    port = port if port is not None else config.port
    warning = exposure_warning(host, port)
    if warning:
        on_note(warning)
    assistant = open_live_assistant(config, on_note=on_note)
    try:
        app = build_app(assistant, FeedbackStore(config.feedback_db), config)
        on_note(f"POEMS assistant: open http://{host}:{port} in your browser (Ctrl+C to stop).")
        launch(app, host=host, port=port)
    finally:
        assistant.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # Gradio polls itself over HTTP at start-up; those lines would bury the notes that matter.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        serve()
    except PoemsError as exc:
        sys.exit(f"Error: {exc}")
