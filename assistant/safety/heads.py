"""Trained one-label heads: logistic regression over the same sentence embedding the classifier reads.

The exemplar classifier is fitted at start-up on ~600 hand-written exemplars. A head is trained
offline (`poems-assistant safety-train`) on those exemplars plus the patient-voice safety sets that
have been measured and read, and ships as weights in assistant/safety_data/heads.npz — one vector
and a bias per label, applied to the embedding the gate already computed (no second model call).

Why a head and not a bigger exemplar file: a category's own binary head, fitted to convergence,
generalises to wordings nobody wrote a pattern for. Measured leave-one-set-out (trained without the
set it is scored on) against the code as it stood when each set was first measured: crisis recall
23→27/28, 35→41/45 and 32→39/50 with one false alarm more in 444 (`safety-train --report`). The
same head for emergencies added nothing past the emergency guard, so only crisis ships one.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.safety.classifier import SoftmaxRegression
from assistant.safety.paths import DATA_DIR

log = logging.getLogger(__name__)

HEADS_FILE = DATA_DIR / "heads.npz"


class Head(Protocol):
    """What the gate reads from a head: a score in [0, 1] for the embedding it already computed."""

    @property
    def label(self) -> str: ...

    def probability(self, vector: np.ndarray) -> float: ...


@dataclass(frozen=True)
class LinearHead:
    """P(label | embedding) = sigmoid(v · w + b), for embeddings of the model it was trained on."""

    label: str
    w: np.ndarray
    b: float
    model: str

    def probability(self, vector: np.ndarray) -> float:
        z = float(np.asarray(vector, dtype=np.float32) @ self.w + self.b)
        return float(1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0))))


def fit_head(label: str, X: np.ndarray, positive: np.ndarray, model: str) -> LinearHead:
    """Fit a balanced binary logistic regression (label vs. everything else).

    No L2 and 3,000 full-batch steps: measured leave-one-set-out on the four patient safety sets,
    L2 1e-3 kept 83/196 crises above 0.9 and L2 0 kept 142/196, at 0 and 2 of 889 false alarms.
    """
    y = np.asarray(positive, dtype=bool).astype(int)
    m = SoftmaxRegression(l2=0.0, lr=8.0, steps=3000).fit(np.asarray(X, dtype=np.float32), y, 2)
    assert m.W is not None and m.b is not None
    # a two-class softmax is the sigmoid of the difference of its two scores
    return LinearHead(label=label, w=(m.W[:, 1] - m.W[:, 0]).astype(np.float32), b=float(m.b[1] - m.b[0]), model=model)


def save_heads(heads: Mapping[str, LinearHead], path: Path = HEADS_FILE) -> Path:
    """Write heads to one .npz: per label its weights and bias, and the model they belong to."""
    arrays: dict[str, np.ndarray] = {}
    for label, h in heads.items():
        arrays[f"w__{label}"] = h.w.astype(np.float32)
        arrays[f"b__{label}"] = np.array(h.b, dtype=np.float32)
        arrays[f"model__{label}"] = np.array(h.model)
    np.savez_compressed(path, allow_pickle=False, **arrays)
    return path


def load_heads(model: str, path: Path = HEADS_FILE, dim: int | None = None) -> dict[str, LinearHead]:
    """The heads trained for this embedding model ({} when there are none or they belong to another)."""
    if not path.exists():
        return {}
    heads: dict[str, LinearHead] = {}
    with np.load(path, allow_pickle=False) as z:
        for key in z.files:
            if not key.startswith("w__"):
                continue
            label = key[3:]
            head = LinearHead(label=label, w=z[key].astype(np.float32), b=float(z[f"b__{label}"]),
                              model=str(z[f"model__{label}"]))
            if head.model != model or (dim is not None and head.w.shape != (dim,)):
                log.warning("safety head %s in %s was trained for %s, not %s; ignoring it (run "
                            "`poems-assistant safety-train` to retrain)", label, path, head.model, model)
                continue
            heads[label] = head
    return heads
