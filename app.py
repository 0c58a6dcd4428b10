"""Gradio chat for patients and caregivers: streamed, cited answers with sources, disclaimer and feedback."""

from __future__ import annotations

import logging
import os
import re
import sys
import time
import tomllib
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from core.config import Config, apply_offline_env

# Must run before gradio is imported: gradio reads these switches at import time.
apply_offline_env()

import gradio as gr  # noqa: E402
from gradio.components.chatbot import ExampleMessage  # noqa: E402

from core.errors import PoemsError  # noqa: E402
from core.types import DISCLAIMER, EMERGENCY, NO_SOURCES_DISCLAIMER, Answer, Turn  # noqa: E402
from feedback import FeedbackError, FeedbackStore  # noqa: E402
from http_limits import MAX_REQUEST_BYTES, RequestLimits, exposure_warning  # noqa: E402

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
STREAM_MAX_STEPS = 24
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
FEEDBACK_NOTE = (
    "A thumbs up or down saves your question, the answer and the conversation before it in {where} "
    "on this assistant's computer, for its maintainers."
)
FEEDBACK_SAVED = "Thanks, your feedback was saved."
THUMBS_REDRAWING = "redrawing"  # not a feedback option: both thumbs show unselected for a moment
FEEDBACK_NOT_SAVED = "Sorry, your rating could not be saved, so it is not shown. Please try again in a moment."
FEEDBACK_NOT_REMOVED = "Sorry, your rating could not be removed, so it is still shown. Please try again in a moment."
# The conversation is kept in the browser (localStorage, encrypted with a key the server makes at
# start) so a reload does not lose it; "New conversation" clears it.
STORAGE_KEY = "poems-conversation"
# a saved rating as the Chatbot's feedback value; anything else in browser storage shows no thumb
RATING_LABELS: dict[object, str] = {1: "Like", -1: "Dislike"}
EMPTY_SAVED: dict[str, Any] = {"chat": [], "records": {}, "rated": {}}
# The page opens at the top: no autofocus (it scrolled the page down to the input, past the title
# and the disclaimer); the input gets focus without scrolling, and only where there is a keyboard
# already (a phone would pop its keyboard over the page).
ON_LOAD_JS = """() => {
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  window.scrollTo(0, 0);
  if (window.matchMedia('(pointer: fine)').matches) {
    document.querySelector('#poems-input textarea')?.focus({preventScroll: true});
  }
}"""
EMERGENCY_HEADING = "⚠️ Call emergency services"
LONG_NOTE = "Your message was very long, so only its first {n:,} characters were used."
# Shown under a language model's answer while its sentences are still being checked.
CHECKING = "⏳ *Checking each sentence against the guides…*"

PATIENT_EXAMPLES = ["What is POEMS syndrome?", "Why does it take so long to diagnose?"]
CAREGIVER_EXAMPLES = ["What should we ask the specialist?", "What does recovery look like?"]

WELCOME = """\
### Ask me about POEMS syndrome

I answer only from trusted patient guides, and I number the source of every statement, like **[1]**.

**I can** explain the condition, its diagnosis, treatment and recovery, and help you prepare questions for your care team.

**I cannot** advise on your own case, read your test results, or help in an emergency.
"""

CSS = """
:root { --poems-red: #b3261e; }
.gradio-container { max-width: 60rem !important; margin: 0 auto !important; }
/* The chat fills the screen below the title and disclaimer with the input still in view: at
   1280×900 the title, disclaimer, feedback note and input measured 390 px (tests/test_browser.py). */
#poems-chat { height: calc(100dvh - 390px) !important; min-height: 360px; }
/* Gradio scopes the rules inside @media to the page content, so the page padding itself (on .app,
   around the content) narrows on phones by arithmetic instead: 0.3rem below 640 px, 2rem above. */
.app { padding-left: clamp(0.3rem, (100vw - 640px) * 100, 2rem) !important;
  padding-right: clamp(0.3rem, (100vw - 640px) * 100, 2rem) !important; }
#poems-feedback-note, #poems-feedback-note .prose, #poems-feedback-note p { font-size: 0.85rem !important;
  line-height: 1.35; opacity: 0.9; }
#poems-feedback-note p { margin: 0; }
.gradio-container, .gradio-container .prose { font-size: 1.125rem; line-height: 1.6; }
#poems-title h1 { font-size: 1.75rem; margin: 0.25rem 0 0; }
#poems-title p { margin: 0.25rem 0 0; }
#poems-disclaimer { border-left: 6px solid #1f5fa8; background: #eef4fb; color: #102a43;
  padding: 0.6rem 0.9rem; border-radius: 6px; font-size: 1.05rem; }
.dark #poems-disclaimer { background: #16283d; color: #e6eef7; }
#poems-chat .message, #poems-chat .message .prose { font-size: 1.125rem !important; line-height: 1.6; }
#poems-chat .placeholder-content, #poems-chat .placeholder { font-size: 1.1rem; text-align: left; }
#poems-chat .example { font-size: 1.05rem; }
/* The bundled font has 400 and 600 weights only; asking for 700 falls back to a wider system font. */
.gradio-container strong, .gradio-container b, .gradio-container h1, .gradio-container h2,
.gradio-container h3, .gradio-container h4 { font-weight: 600 !important; }
#poems-chat .thought-group .message-content { opacity: 1 !important; }
#poems-chat .thought-group .content * { font-size: 1.05rem !important; }
#poems-chat .thought .title .prose p { font-size: 1.05rem !important; font-weight: 600; }
/* The answer's closing italic paragraph is the disclaimer: smaller, but still legible. */
#poems-chat [data-testid="bot"] .prose > p:last-child:has(> em:only-child) { font-size: 0.95rem !important; opacity: 0.85; }
#poems-chat .message-buttons .icon-button { min-width: 2.25rem; min-height: 2.25rem; }
#poems-chat .message-buttons .icon-button svg { width: 1.15rem; height: 1.15rem; }
.poems-emergency { border: 3px solid var(--poems-red); background: #fdecea; color: #5f100b;
  border-radius: 8px; padding: 0.5rem 0.9rem; }
.dark .poems-emergency { background: #3b0d0a; color: #ffdad6; }
.poems-emergency strong:first-child { color: var(--poems-red); font-size: 1.2rem; }
#poems-guides { font-size: 0.95rem; }
button:focus-visible, textarea:focus-visible, input:focus-visible, [role="button"]:focus-visible {
  outline: 3px solid #1f5fa8 !important; outline-offset: 2px; }
@media (max-width: 640px) {
  /* A phone's width goes to the answer: Gradio's 32 px page padding and 20 px bubble margin left
     the answer text 262 of 390 px; now it is over 85%. */
  .column { gap: 0.4rem !important; }
  #poems-title h1 { font-size: 1.3rem; margin: 0; }
  #poems-title p { display: none; }
  #poems-disclaimer { padding: 0.3rem 0.55rem; }
  #poems-disclaimer, #poems-disclaimer .prose, #poems-disclaimer p { font-size: 0.9rem !important; line-height: 1.35; }
  /* title, disclaimer, note and input measured 312 px on a 390×844 phone: the chat keeps the rest (63%) */
  #poems-chat { height: calc(100dvh - 312px) !important; min-height: 300px; }
  #poems-feedback-note, #poems-feedback-note .prose, #poems-feedback-note p { font-size: 0.8rem !important; }
  /* the label stays for screen readers; on a phone the placeholder says the same on screen */
  #poems-input [data-testid="block-info"] { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); }
  #poems-chat .bubble.bot-row { max-width: 100% !important; margin-left: 0 !important; margin-right: 0 !important; }
  #poems-chat .bubble.user-row { max-width: 92% !important; margin-right: 0 !important; }
  #poems-chat .bubble-wrap { padding: 0.25rem !important; }
  #poems-chat .message-wrap { margin: 0 !important; }
  #poems-chat .bot .message, #poems-chat .bot.message { padding-left: 0.35rem !important; padding-right: 0.35rem !important; }
  #poems-input-row { flex-wrap: nowrap; gap: 0.4rem; }
  #poems-send { min-width: 4.5rem !important; flex-grow: 0 !important; }
  /* the welcome must fit the shorter phone chat, or the chat scrolls its own heading out of view */
  #poems-chat .placeholder h3 { font-size: 1.15rem; margin: 0 0 0.3rem; }
  #poems-chat .placeholder p { margin: 0.3rem 0 !important; line-height: 1.45 !important; }
  #poems-chat .placeholder-content { gap: 0.4rem !important; }
  #poems-chat .example { padding: 0.5rem 0.7rem !important; font-size: 1rem; }
}
"""


class Answerer(Protocol):
    """What the UI needs from assistant.Assistant."""

    def ask(self, question: str, history: list[Turn]) -> Answer: ...


# ---------------------------------------------------------------- rendering


def _esc(text: str) -> str:
    # Only angle brackets: the sanitizer handles the rest, and '&' stays readable when copied.
    return str(text).replace("<", "&lt;").replace(">", "&gt;")


def disclaimer_line(disclaimer: str) -> str:
    """The small italic disclaimer paragraph that ends every answer."""
    return f"*{_esc(disclaimer).replace('*', '')}*"


def reply_disclaimer(answer: Answer) -> str:
    """The disclaimer that closes an answer: it mentions the sources only when there are some."""
    return (answer.disclaimer or DISCLAIMER) if answer.citations else NO_SOURCES_DISCLAIMER


def _note_line(text: str) -> str:
    return f"*{text}*"


def emergency_box(text: str) -> str:
    """Red-bordered alert holding the call-emergency-services instruction."""
    return f'<div class="poems-emergency" role="alert">\n\n**{EMERGENCY_HEADING}**\n\n{text}\n\n</div>'


def sources_markdown(citations: list) -> str:
    """One entry per quoted passage: '[n] Title — Section (publisher, date)' and the quote."""
    parts = []
    for c in citations:
        where = ", ".join(x for x in (c.publisher, c.date) if x)
        head = f"**[{c.n}] {_esc(c.title)}**"
        if c.section:
            head += f" — {_esc(c.section)}"
        if where:
            head += f" ({_esc(where)})"
        quote = "\n".join("> " + _esc(line) for line in c.quote.strip().splitlines() or [""])
        parts.append(f"{head}\n\n{quote}")
    return "\n\n".join(parts)


def sources_message(citations: list) -> gr.ChatMessage:
    """Collapsed 'Sources (N)' panel under an answer."""
    return gr.ChatMessage(
        role="assistant",
        content=sources_markdown(citations),
        metadata={"title": f"Sources ({len(citations)})", "status": "done"},
    )


def _split_emergency(text: str) -> tuple[str, str]:
    # The answerer puts the call-emergency-services instruction in the first paragraph.
    head, sep, rest = text.strip().partition("\n\n")
    return head.strip(), rest.strip()


def _stream_steps(text: str) -> list[str]:
    words = re.findall(r"\S+\s*", text)
    if not words:
        return [text]
    per_step = max(3, -(-len(words) // STREAM_MAX_STEPS))
    return ["".join(words[: i + per_step]).rstrip() for i in range(0, len(words), per_step)]


# ---------------------------------------------------------------- history


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text", "")) if content.get("type", "text") == "text" else ""
    if isinstance(content, (list, tuple)):
        return "\n\n".join(t for t in (_content_text(c) for c in content) if t)
    return ""


def _field(msg: Any, name: str) -> Any:
    return msg.get(name) if isinstance(msg, dict) else getattr(msg, name, None)


# The UI adds a leading long-message note and a trailing italic disclaimer; the answerer never
# writes a paragraph that is entirely italic, so these shapes identify our own decoration.
_TRAILING_ITALIC = re.compile(r"(?:^|\n\n)\*[^*\n]+\*\s*$")
_LEADING_NOTE = re.compile(r"^\*" + re.escape(LONG_NOTE.split("{")[0]) + r"[^*\n]*\*\s*")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# How an answer was made (e.g. a fallback to the guides' own words): a parenthesised italic first line.
_ANSWER_NOTE = re.compile(r"^\*\([^*\n]+\)\*\s*")


def _plain_assistant_text(text: str) -> str:
    text = _ANSWER_NOTE.sub("", _LEADING_NOTE.sub("", text.strip()))
    text = _TRAILING_ITALIC.sub("", text)
    text = _TAG.sub("", text).replace(f"**{EMERGENCY_HEADING}**", "")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def history_to_turns(history: list | None, records: dict | None = None) -> list[Turn]:
    """Gradio messages → Turns for follow-ups: text without source panels, notes or disclaimers, and
    each answer's cited chunk ids from the chat's own records (never re-read from its text)."""
    turns: list[Turn] = []
    asked_at: int | None = None
    for index, msg in enumerate(history or []):
        role = _field(msg, "role")
        if role == "user":
            asked_at = index
        if role not in ("user", "assistant"):
            continue
        if (_field(msg, "metadata") or {}).get("title"):
            continue  # a Sources panel, not something either side said
        text = _content_text(_field(msg, "content")).strip()
        if role == "assistant":
            text = _plain_assistant_text(text)
        if not text:
            continue
        cited = _cited_ids((records or {}).get(str(asked_at))) if role == "assistant" else ()
        if turns and turns[-1].role == role:
            # The emergency box and the answer body are two bubbles of one reply.
            turns[-1] = Turn(role, turns[-1].content + "\n\n" + text, turns[-1].cited or cited)
        else:
            turns.append(Turn(role, text, cited))
    return turns


def _cited_ids(record: dict | None) -> tuple[str, ...]:
    if not isinstance(record, dict):
        return ()
    return tuple(str(c["chunk_id"]) for c in record.get("citations") or [] if isinstance(c, dict) and c.get("chunk_id"))


# ---------------------------------------------------------------- chat handler


def _record(index: int, question: str, text: str, citations: list, flags: list) -> dict:
    return {"index": index, "question": question, "answer": text, "citations": citations, "flags": flags}


def _answer_steps(answer: Answer, prefix: str, stream_delay_s: float) -> Iterator[list[gr.ChatMessage]]:
    # Emergency first and whole, then the body word by word, then the final body and Sources
    # (always the last step, so the caller can record the answer before yielding it).
    text = answer.text.strip()
    head: list[gr.ChatMessage] = []
    if EMERGENCY in answer.flags:
        urgent, text = _split_emergency(text)
        head = [gr.ChatMessage(role="assistant", content=emergency_box(urgent))]
        yield head
    if text:
        for partial in _stream_steps(text):
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
        body = _esc(render(shown))
        yield [gr.ChatMessage(role="assistant", content=prefix + body + "\n\n" + CHECKING)]
    answer = holder[-1]
    if answer.note:
        prefix = prefix + f"*({_esc(answer.note)})*\n\n"
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
    prefix = _note_line(note) + "\n\n" if note else ""
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


# ---------------------------------------------------------------- feedback handlers


def _owner_index(chat: list, liked_index: Any) -> int | None:
    # Like events carry the index of the first bubble of the rated reply; its question is the user
    # message just before it.
    i = liked_index[0] if isinstance(liked_index, (list, tuple)) else liked_index
    if not isinstance(i, int):
        return None
    for j in range(min(i, len(chat) - 1), -1, -1):
        if _field(chat[j], "role") == "user":
            return j
    return None


def handle_like(store: FeedbackStore, chat: list, records: dict, rated: dict, data: gr.LikeData) -> tuple[dict, int | None, str]:
    """Store, flip or withdraw a thumbs up/down; returns (rated, row for a comment, status text).

    `rated` maps the rated question's position to {"id": row, "rating": ±1}, and changes only once
    the database has taken the change: it is the true state the thumbs are redrawn from.
    """
    rated = dict(rated or {})
    owner = _owner_index(chat or [], data.index)
    record = (records or {}).get(str(owner)) if owner is not None else None
    if record is None:
        return rated, None, "Sorry, that answer could not be found. Please try again."
    key = str(owner)
    if data.liked not in (True, False):
        # The reader clicked the same thumb again: they took the rating back.
        if key in rated:
            try:
                store.delete(_row_id(rated[key]))
            except FeedbackError as exc:
                log.warning("removing a rating failed: %s", exc)
                return rated, None, FEEDBACK_NOT_REMOVED
            rated.pop(key)
        return rated, None, "Your rating was removed."
    rating = 1 if data.liked is True else -1
    try:
        if key in rated and store.set_rating(_row_id(rated[key]), rating):
            row_id = _row_id(rated[key])
        else:
            # The conversation before the question goes with the rating: a rated follow-up means
            # nothing without it. (Taken from the chat, not kept per answer: that grew as n².)
            history = [{"role": t.role, "content": t.content} for t in history_to_turns((chat or [])[:owner])]
            row_id = store.record(record["question"], record["answer"], record["citations"], rating, history=history)
    except FeedbackError as exc:
        log.warning("saving a rating failed: %s", exc)
        return rated, None, FEEDBACK_NOT_SAVED
    rated[key] = {"id": row_id, "rating": rating}
    if rating < 0:
        return rated, row_id, FEEDBACK_SAVED[:-1] + ". You can tell us what was wrong below (optional)."
    return rated, None, FEEDBACK_SAVED


def _row_id(entry: Any) -> int:
    return int(entry["id"]) if isinstance(entry, dict) else int(entry)


def feedback_state(chat: list, rated: dict) -> list[str | None]:
    """The thumbs to draw, one per assistant reply in order: what the database holds, nothing more."""
    values: list[str | None] = []
    previous = None
    for i, msg in enumerate(chat or []):
        role = _field(msg, "role")
        if role == "assistant" and previous != "assistant":
            owner = _owner_index(chat, i)
            entry = (rated or {}).get(str(owner)) if owner is not None else None
            rating = entry.get("rating") if isinstance(entry, dict) else None
            values.append(RATING_LABELS.get(rating))
        previous = role
    return values


# ---------------------------------------------------------------- page


def _guide_list(config: Config) -> str:
    try:
        manifest = tomllib.loads((config.corpus_dir / "manifest.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return ""
    items = [
        f"- {_esc(str(m.get('title', name)))} — {_esc(str(m.get('publisher', '')))}, {_esc(str(m.get('date', '')))}"
        for name, m in manifest.items()
        if isinstance(m, dict)
    ]
    return "#### Where the answers come from\n\n" + "\n".join(items) if items else ""


def _examples() -> list[ExampleMessage]:
    return [ExampleMessage(text=q, display_text=f"For patients: {q}") for q in PATIENT_EXAMPLES] + [
        ExampleMessage(text=q, display_text=f"For caregivers: {q}") for q in CAREGIVER_EXAMPLES
    ]


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
            examples=_examples(),
            buttons=["copy"],
            feedback_options=("Like", "Dislike"),
            latex_delimiters=[],
            layout="bubble",
            autoscroll=True,
        )
        gr.Markdown(FEEDBACK_NOTE.format(where=_esc(store.path.name)), elem_id="poems-feedback-note")
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
        guides = _guide_list(config)
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
