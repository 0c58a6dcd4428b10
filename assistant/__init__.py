"""Grounded, cited answers about POEMS syndrome from the indexed guides."""

from core.types import Answer, Citation, Hit, Turn

__all__ = ["Answer", "Assistant", "Citation", "Hit", "Turn"]


def __getattr__(name):
    # Lazy: importing core.types must not pull in torch, chromadb and langchain.
    if name == "Assistant":
        from assistant.assistant import Assistant

        return Assistant
    raise AttributeError(name)
