"""Typed errors. Each message says how to fix the problem; only the CLI and UI turn them into user text."""


class PoemsError(Exception):
    """Base class for every error the assistant raises on purpose."""


class ConfigError(PoemsError):
    """A setting is malformed."""


class CorpusNotFound(PoemsError):
    """The corpus folder does not exist."""


class NothingIngested(PoemsError):
    """No file in the corpus could be loaded."""


class IndexNotBuilt(PoemsError):
    """No index exists yet for the configured collection."""


class ChromaUnreachable(PoemsError):
    """A configured Chroma server did not answer."""


class ModelNotFound(PoemsError):
    """The embedding model folder is missing."""


class ModelExportFailed(PoemsError):
    """The one-time ONNX export of the embedding model did not match the model."""


class SkippedFile(PoemsError):
    """A corpus file could not be loaded; ingest warns and carries on."""


class BadQuestion(PoemsError):
    """A question or history that cannot be answered as given."""


class StoreError(PoemsError):
    """The vector store failed; the message names the index and what to do."""


class IndexDamaged(StoreError):
    """The index folder cannot be read: truncated, overwritten or damaged files."""


class IndexChanged(StoreError):
    """The index version being read was removed (another ingest replaced it); asking again works."""
