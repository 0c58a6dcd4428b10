"""The composition root: the one place that wires ingest and the assistant together.

`ingest/` and `assistant/` never import each other; entry points (the CLI, the chat, the evals)
call `open_assistant`, which loads the embedder once, builds the index when there is none yet,
and then opens the Assistant over it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.config import Config


def open_assistant(config: Config | None = None, *, on_note: Callable[[str], None] = print,
                   embedder: Any = None, **options: Any):
    """An Assistant over the configured index, building the index first on a first run."""
    from assistant import Assistant
    from index.embed import load_embedder
    from index.store import ChunkStore
    from ingest.pipeline import ensure_index

    config = config or Config.from_env()
    store = ChunkStore.from_config(config)  # connect first: a dead Chroma server fails in a second
    embedder = embedder or load_embedder(config)
    ensure_index(config, embedder, on_note=on_note, store=store)
    return Assistant.from_config(config, embedder=embedder, **options)


def open_live_assistant(config: Config | None = None, *, on_note: Callable[[str], None] = print,
                        embedder: Any = None, poll_s: float | None = None, **options: Any):
    """open_assistant for a long-running chat: it follows each ingest to the new index version.

    The embedder is loaded once and shared by every version's Assistant.
    """
    from assistant import Assistant
    from assistant.live import POLL_S, LiveAssistant
    from index.embed import load_embedder
    from index.store import ChunkStore
    from ingest.pipeline import ensure_index

    config = config or Config.from_env()
    store = ChunkStore.from_config(config)
    embedder = embedder or load_embedder(config)
    ensure_index(config, embedder, on_note=on_note, store=store)
    return LiveAssistant(lambda: Assistant.from_config(config, embedder=embedder, **options), store,
                         poll_s=POLL_S if poll_s is None else poll_s)
