"""A full probe of an embedded index in a child process, and moving a damaged folder aside.

The probe reads the index through index.store in a child process, so damage that aborts the
process (see index.damage for how Chroma reports it) ends only the child. The quick structural
check and the damage error live in index.damage, below the store that raises them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from index.damage import SQLITE_FILE, first_line, quick_check

PROBE_TIMEOUT_S = 120


def probe(index_dir: Path, collection: str) -> str | None:
    """Read the whole live index in a child process; None when healthy, else the reason it is not.

    The child does what answering does (pointer, every chunk record, a dense and a sentence
    query), so damage that would crash the chat crashes only the child.
    """
    if not (Path(index_dir) / SQLITE_FILE).exists():
        return None
    env = {**os.environ, "POEMS_INDEX_DIR": str(index_dir), "POEMS_COLLECTION": collection,
           "POEMS_CHROMA_URL": "", "RUST_BACKTRACE": "0"}
    root = Path(__file__).resolve().parent.parent
    try:
        done = subprocess.run([sys.executable, "-m", "index.health"], cwd=root, env=env, capture_output=True,
                              text=True, timeout=PROBE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return f"reading it took over {PROBE_TIMEOUT_S} s"
    if done.returncode == 0:
        return None
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if lines:
        return json.loads(lines[-1]).get("reason") or "unreadable"
    if done.returncode < 0:
        return f"reading it crashed the process (signal {-done.returncode})"
    return f"reading it failed (exit {done.returncode})"


def move_aside(index_dir: Path) -> Path:
    """Rename a damaged folder to `<name>.damaged-<time>` beside it, keeping it for inspection."""
    index_dir = Path(index_dir)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = index_dir.with_name(f"{index_dir.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = index_dir.with_name(f"{index_dir.name}.damaged-{stamp}-{n}")
    index_dir.rename(target)
    return target


def _probe_main() -> int:
    """Child side of probe(): exit 0 when the live index reads end to end, else print the reason."""
    import numpy as np

    from core.config import Config
    from index.store import ChunkStore

    config = Config.from_env()
    try:
        quick_check(config.index_dir)
        store = ChunkStore.from_config(config)
        version = store.active()
        if version is not None:
            chunks = store.chunks(version)
            if chunks:
                dim = store.dimension(version)
                vector = np.full(dim, 1.0 / np.sqrt(dim), dtype=np.float32)
                hits = store.query(version, vector, min(10, len(chunks)))
                store.query_sentences(version, vector, 30)
                store.sentence_vectors(version, [cid for cid, _ in hits])
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - a Rust panic is not an Exception; reporting it is the point
        # the store's own message names the folder and the fix already; the caller wants the cause
        print(json.dumps({"reason": first_line(exc.__cause__ or exc)}), flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_probe_main())
