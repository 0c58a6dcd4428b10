"""What the chat page shows before any question: its style, welcome, examples, guide list and notes."""

from __future__ import annotations

import tomllib

from gradio.components.chatbot import ExampleMessage

from chat.render import esc
from core.config import Config

FEEDBACK_NOTE = (
    "A thumbs up or down saves your question, the answer and the conversation before it in {where} "
    "on this assistant's computer, for its maintainers."
)
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


def guide_list(config: Config) -> str:
    try:
        manifest = tomllib.loads((config.corpus_dir / "manifest.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return ""
    items = [
        f"- {esc(str(m.get('title', name)))} — {esc(str(m.get('publisher', '')))}, {esc(str(m.get('date', '')))}"
        for name, m in manifest.items()
        if isinstance(m, dict)
    ]
    return "#### Where the answers come from\n\n" + "\n".join(items) if items else ""


def example_messages() -> list[ExampleMessage]:
    return [ExampleMessage(text=q, display_text=f"For patients: {q}") for q in PATIENT_EXAMPLES] + [
        ExampleMessage(text=q, display_text=f"For caregivers: {q}") for q in CAREGIVER_EXAMPLES
    ]
