"""Questions asked before, and where in the guides their answers are: retrieval's third vote.

`assistant/data/asked.jsonl` holds the answerable questions of the patient-voice answer sets that
have been measured (each set written by a helper from the guides alone, in patients' and caregivers'
words; a conversation's follow-up turn as its author reworded it to stand alone, marked "follow_up"),
each with the exact text of the guide passages that answer it:
{"question", "set", "anchors": [{"source", "text"}], optional "follow_up": true}; `evals/asked_train.py` writes it and the
questions' embeddings beside it. A new question close to some of them (cosine ≥ `floor`) votes for
the passages holding their anchors: patients ask the same few hundred things in thousands of ways,
and their words are far from the guides' ("what else does it get mixed up with" had no passage on
misdiagnosis in its top six). Measured leave-one-set-out over 17 sets (1,956 questions, each set's
questions voting only with the other sets'): hit@5 0.824 → 0.967, MRR 0.619 → 0.882.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

from index.embed import Embedder
from index.vector_cache import cached_vectors

log = logging.getLogger(__name__)

ASKED_FILE = Path(__file__).resolve().parent / "data" / "asked.jsonl"
K = TypeVar("K")


def vote_shares(votes: Mapping[K, float], floor: float) -> dict[K, float]:
    """Each vote as a share in [0, 1]: the strongest in full only when its neighbours were close (votes
    summing to 1 - floor, one question at cosine 1.0), the others in proportion to it; {} when none voted.
    Retrieval scales a chunk's votes so, and the composer a sentence's."""
    top = max(votes.values(), default=0.0)
    if top <= 0:
        return {}
    scale = min(1.0, top / (1.0 - floor)) / top
    return {k: v * scale for k, v in votes.items()}


@dataclass(frozen=True)
class Anchor:
    """Exact text of a cleaned guide (`Chunk.text` slices the same text) that answered a question."""

    source: str
    text: str


@dataclass(frozen=True)
class Asked:
    """One question from a measured answer set, with the passages that answer it."""

    question: str
    set: str
    anchors: tuple[Anchor, ...]
    follow_up: bool = False  # a follow-up turn, reworded by its author to stand alone


def read_asked(path: Path = ASKED_FILE) -> list[Asked]:
    """The questions in `path` (none when it is missing); malformed lines are skipped with a warning."""
    if not path.exists():
        return []
    out: list[Asked] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            anchors = tuple(Anchor(str(a["source"]), str(a["text"])) for a in row["anchors"])
            out.append(Asked(str(row["question"]), str(row["set"]), anchors, bool(row.get("follow_up", False))))
        except (ValueError, KeyError, TypeError):
            log.warning("%s line %d is not a question with anchors; skipped", path, n)
    return out


def vectors_path(path: Path) -> Path:
    """Where the questions' embeddings live (next to the file)."""
    return path.with_name(path.stem + ".vectors.npz")


class AskedMemory:
    """Questions asked before, embedded; `votes` says which anchors a new question's neighbours point to.

    >>> memory = AskedMemory.load(embedder)  # doctest: +SKIP
    >>> memory.without({"t16"}).votes(embedder.embed(["can kids get it"])[0])  # doctest: +SKIP
    """

    def __init__(self, asked: Sequence[Asked], vectors: np.ndarray, k: int = 10, floor: float = 0.5):
        if len(asked) != len(vectors):
            raise ValueError(f"{len(asked)} questions but {len(vectors)} vectors")
        self.asked = list(asked)
        self.vectors = np.asarray(vectors, dtype=np.float32).reshape(len(self.asked), -1)
        self._follow_up = np.array([a.follow_up for a in self.asked], dtype=bool)
        # the ten nearest at cosine ≥ 0.5: leave-one-set-out MRR 0.862 at 0.5, 0.857 at 0.55, 0.865 at 0.4
        # (0.4 lets in neighbours that share only "my dad" and "poems"; 0.5 is the safer side)
        self.k, self.floor = k, floor

    @classmethod
    def load(cls, embedder: Embedder, path: Path = ASKED_FILE) -> AskedMemory:
        asked = read_asked(path)
        return cls(asked, cached_vectors(embedder, [a.question for a in asked], vectors_path(path)))

    def __len__(self) -> int:
        return len(self.asked)

    def without(self, sets: Collection[str]) -> AskedMemory:
        """The memory less the questions of `sets`: an eval measures a set by the other sets' votes only."""
        keep = [i for i, a in enumerate(self.asked) if a.set not in sets]
        return AskedMemory([self.asked[i] for i in keep], self.vectors[keep], self.k, self.floor)

    def votes(self, vector: np.ndarray, follow_up: bool = False) -> dict[Anchor, float]:
        """Each anchor's vote: the summed closeness above `floor` of the neighbours it answered. Only a
        follow-up hears the follow-up turns (reworded to stand alone): with them, questions that stood
        alone lost gold dev facts 0.916 -> 0.901 to neighbours that meant something only in their chat.
        Summed linearly: squared, so that one neighbour at 0.99 outweighs four at 0.69 ("what makes the outlook worse"
        led with the misdiagnosis line the four voted for), t35's questions gained (facts 0.868 -> 0.877) but follow-ups,
        which hear many far neighbours, lost (t35 0.660 -> 0.560, t34 0.750 -> 0.705, t36 dev 0.621 -> 0.569)."""
        if not self.asked:
            return {}
        sims = self.vectors @ np.asarray(vector, dtype=np.float32)
        if not follow_up:
            sims = np.where(self._follow_up, -1.0, sims)
        out: dict[Anchor, float] = {}
        for i in np.argsort(-sims)[: self.k]:
            if sims[i] < self.floor:
                break
            for anchor in self.asked[i].anchors:
                out[anchor] = out.get(anchor, 0.0) + float(sims[i]) - self.floor
        return out
