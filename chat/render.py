"""Answers as chat markdown: the body, the emergency box, the sources panel and the disclaimer line.

Text from the guides and from readers is data: esc() keeps it from becoming markup on screen.
"""

from __future__ import annotations

import re

import gradio as gr

from core.types import DISCLAIMER, NO_SOURCES_DISCLAIMER, Answer

STREAM_MAX_STEPS = 24
EMERGENCY_HEADING = "⚠️ Call emergency services"
LONG_NOTE = "Your message was very long, so only its first {n:,} characters were used."
# Shown under a language model's answer while its sentences are still being checked.
CHECKING = "⏳ *Checking each sentence against the guides…*"


def esc(text: str) -> str:
    # Only angle brackets: the sanitizer handles the rest, and '&' stays readable when copied.
    return str(text).replace("<", "&lt;").replace(">", "&gt;")


# What could draw on the screen or fetch from a guide's sentence: tags (escaped by esc), images
# "![..](..)", links "[..](..)" and link definitions "[..]: url". Only these are neutralised, so an
# ordinary answer, its [n] markers and its "- " list lines reach the screen (and the copy button)
# exactly as written.
_LINK_OPEN = re.compile(r"\]\s*(?=[(:])")
_IMAGE_OPEN = re.compile(r"!(?=\[)")
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto)(?=:)|\b(www)(?=\.)")


def as_text(text: str) -> str:
    """Guide text shown as text: no tag, image or link in it can render."""
    text = _IMAGE_OPEN.sub(r"!\\", _LINK_OPEN.sub(r"]\\", esc(text)))
    # a bare address would be made a link: an escaped character after its scheme keeps it text
    return _AUTOLINK.sub(lambda m: (m.group(1) or m.group(2)) + "\\", text)


def disclaimer_line(disclaimer: str) -> str:
    """The small italic disclaimer paragraph that ends every answer."""
    return f"*{esc(disclaimer).replace('*', '')}*"


def reply_disclaimer(answer: Answer) -> str:
    """The disclaimer that closes an answer: it mentions the sources only when there are some."""
    return (answer.disclaimer or DISCLAIMER) if answer.citations else NO_SOURCES_DISCLAIMER


def note_line(text: str) -> str:
    return f"*{text}*"


def emergency_box(text: str) -> str:
    """Red-bordered alert holding the call-emergency-services instruction."""
    return f'<div class="poems-emergency" role="alert">\n\n**{EMERGENCY_HEADING}**\n\n{text}\n\n</div>'


def sources_markdown(citations: list) -> str:
    """One entry per quoted passage: '[n] Title — Section (publisher, date)' and the quote."""
    parts = []
    for c in citations:
        where = ", ".join(x for x in (c.publisher, c.date) if x)
        head = f"**[{c.n}] {esc(c.title)}**"
        if c.section:
            head += f" — {esc(c.section)}"
        if where:
            head += f" ({esc(where)})"
        quote = "\n".join("> " + as_text(line) for line in c.quote.strip().splitlines() or [""])
        parts.append(f"{head}\n\n{quote}")
    return "\n\n".join(parts)


def sources_message(citations: list) -> gr.ChatMessage:
    """Collapsed 'Sources (N)' panel under an answer."""
    return gr.ChatMessage(
        role="assistant",
        content=sources_markdown(citations),
        metadata={"title": f"Sources ({len(citations)})", "status": "done"},
    )


def split_emergency(text: str) -> tuple[str, str]:
    # The answerer puts the call-emergency-services instruction in the first paragraph.
    head, sep, rest = text.strip().partition("\n\n")
    return head.strip(), rest.strip()


def stream_steps(text: str) -> list[str]:
    words = re.findall(r"\S+\s*", text)
    if not words:
        return [text]
    per_step = max(3, -(-len(words) // STREAM_MAX_STEPS))
    return ["".join(words[: i + per_step]).rstrip() for i in range(0, len(words), per_step)]
