"""Maintainer-curated disagreements between guides (corpus/conflicts.toml).

Detecting contradictions automatically needs a language model this offline assistant does not
have; a short, reviewed list of known disagreements is what patient-information services keep.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from core.types import SourceDoc


@dataclass(frozen=True)
class Passage:
    """A verbatim snippet of one guide."""

    source: str
    quote: str


@dataclass(frozen=True)
class Conflict:
    """Two passages that disagree; `stronger` comes from the source with the better authority rank."""

    topic: str
    stronger: Passage
    weaker: Passage


def norm(text: str) -> str:
    """Whitespace-collapsed text, for locating quotes."""
    return re.sub(r"\s+", " ", text).strip()


def read_conflicts(corpus_dir: Path) -> list[Conflict]:
    """Parse conflicts.toml; a missing file means no known conflicts."""
    path = Path(corpus_dir) / "conflicts.toml"
    if not path.exists():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for entry in data.get("conflict", []):
        out.append(
            Conflict(
                topic=str(entry.get("topic", "")),
                stronger=Passage(entry["stronger"]["source"], entry["stronger"]["quote"]),
                weaker=Passage(entry["weaker"]["source"], entry["weaker"]["quote"]),
            )
        )
    return out


def check_conflicts(conflicts: list[Conflict], docs: list[SourceDoc]) -> list[str]:
    """Warnings for conflict quotes that no longer appear verbatim in their cleaned guide."""
    texts = {d.meta.source_id: norm(d.text) for d in docs}
    problems = []
    for c in conflicts:
        for side in (c.stronger, c.weaker):
            if side.source not in texts:
                problems.append(f"conflicts.toml: '{c.topic}': source {side.source} is not in the corpus")
            elif norm(side.quote) not in texts[side.source]:
                problems.append(f"conflicts.toml: '{c.topic}': quote not found in {side.source}: {side.quote[:60]}")
    return problems
