"""The learned models shipped as JSON beside the code (the lead weights, the abstention model, the
verifier's support model): one reader, so each file is checked against the features it was trained for
in the same way, and a mismatch says how to mend it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def read_packaged(path: Path, features: Sequence[str], error: type[ValueError], train: str, otherwise: str,
                  what: str = "features") -> dict[str, Any] | None:
    """The file's JSON, or None when there is none; `error` when it was trained for other `features`
    (`train`: the command that retrains it; `otherwise`: what is used when the file is deleted)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data.get("features", ())) != tuple(features):
        raise error(f"{path} was trained for {what} {data.get('features')}, not {list(features)}: "
                    f"run `poems-assistant {train}` to retrain it, or delete it to use {otherwise}")
    return data
