"""What the chat's web server accepts: no file uploads, bounded request bodies, a warning off loopback.

Gradio serves an upload route on every app, whether or not it has a file input; it took 50 MB
from any origin and kept the files. This chat has no file input, so the route is closed. Request
bodies are capped: a 60 MB question used to be read whole before the chat truncated it.
"""

from __future__ import annotations

import ipaddress
import json

# The largest requests the chat needs carry the whole conversation back: the chatbot's value is an
# input of every chat event, and a reload sends the saved conversation (with each answer's sources).
# A 60-question conversation with the real guides measured 120 kB as a chat event and 255 kB as the
# saved conversation; 1 MB leaves room for about four times that.
MAX_REQUEST_BYTES = 1_000_000
UPLOAD_ROUTES = {"upload", "upload_progress"}
NO_UPLOADS = "This assistant takes no file uploads."
TOO_LARGE = f"Request too large: the limit is {MAX_REQUEST_BYTES:,} bytes."


def is_loopback(host: str) -> bool:
    """True when `host` only accepts connections from this machine."""
    if host.strip().lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a hostname other than localhost resolves to something reachable from outside


def exposure_warning(host: str, port: int) -> str | None:
    """The warning `serve` prints when the chat listens beyond this machine; None on loopback."""
    if is_loopback(host):
        return None
    return (f"warning: the chat listens on {host}:{port}, so anyone who can reach this machine can use it "
            "(there is no login). Use --host 127.0.0.1, or put it behind a proxy that asks for one.")


class RequestLimits:
    """ASGI middleware: 404 for the upload routes, 413 for bodies over `max_bytes`.

    A body with a Content-Length is judged by it before anything is read; a chunked body is read
    up to the limit, refused past it, and otherwise handed on unchanged.
    """

    def __init__(self, app, max_bytes: int = MAX_REQUEST_BYTES):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope["path"].rstrip("/").rsplit("/", 1)[-1] in UPLOAD_ROUTES:
            return await _reply(send, 404, NO_UPLOADS)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_bytes
            except ValueError:
                return await _reply(send, 400, "Bad Content-Length.")
            if too_big:
                return await _reply(send, 413, TOO_LARGE)
            return await self.app(scope, receive, send)
        if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE"):
            return await self.app(scope, receive, send)
        # No length given (chunked): read it here, up to the limit, then replay it.
        messages, size = [], 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                return await _reply(send, 413, TOO_LARGE)
            if not message.get("more_body"):
                break

        async def replay():
            return messages.pop(0) if messages else await receive()

        return await self.app(scope, replay, send)


async def _reply(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
