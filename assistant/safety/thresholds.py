"""The classifier thresholds per category, kept in safety_data/thresholds.toml.

`poems-assistant safety-eval --calibrate --write` writes the file from the DEV split only; the gate
reads it at construction. A missing or broken file falls back to each category's declared default.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Mapping
from pathlib import Path

from assistant.safety.paths import DATA_DIR

log = logging.getLogger(__name__)

THRESHOLDS_FILE = DATA_DIR / "thresholds.toml"


def read_thresholds(path: Path = THRESHOLDS_FILE) -> dict[str, float]:
    """Label → probability from the [thresholds] table; {} when the file is missing or unreadable."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        log.warning("unreadable safety thresholds %s; using each category's default", path, exc_info=True)
        return {}
    table = data.get("thresholds", {})
    return {str(k): float(v) for k, v in table.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}


def write_thresholds(values: Mapping[str, float], path: Path = THRESHOLDS_FILE, *, note: str = "") -> Path:
    """Write the thresholds table (with a comment saying where it came from)."""
    lines = [
        "# Classifier probability a category needs on its own (patterns flag regardless).",
        "# Written by `poems-assistant safety-eval --calibrate --write`, calibrated on the DEV split only.",
    ]
    lines += [f"# {line}" for line in note.splitlines() if line.strip()]
    lines += ["", "[thresholds]"]
    lines += [f"{label} = {float(v):.2f}" for label, v in values.items()]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Path(path)
