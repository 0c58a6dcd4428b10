"""The safety gate's second detector: softmax regression over the offline sentence embeddings.

Fitted at construction on assistant/safety_data/exemplars.jsonl ({"text", "label", optional "kind"});
the exemplar vectors ship in a cache beside the file so that building the gate embeds one text, not
hundreds. It catches paraphrases the patterns miss; each category decides what a probability means.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.safety.paths import DEFAULT_EXEMPLARS
from assistant.safety.text import MAX_EMBED_CHARS, clean_text
from index.embed import Embedder
from index.vector_cache import cache_key, cached_vectors, write_vectors

log = logging.getLogger(__name__)

ORDINARY = "ordinary"


@dataclass(frozen=True)
class Scores:
    """Classifier probabilities for a message and for its legitimate part (once injection is set aside)."""

    full: dict[str, float] | None = None
    legit: dict[str, float] | None = None
    vector: np.ndarray | None = None  # embedding of the part the probabilities `p` describe
    heads: Mapping[str, float] = field(default_factory=dict)  # trained heads' P(label), same part as `p`

    @property
    def p(self) -> dict[str, float]:
        """The probabilities categories decide on: the legitimate part's when there is one."""
        return self.legit or self.full or {}


NO_SCORES = Scores()


class Classifier(Protocol):
    """What the gate needs from a classifier; a fake passed to SafetyGate(classifier=...) fits it too."""

    def probabilities(self, texts: Sequence[str]) -> tuple[list[dict[str, float]], np.ndarray]:
        """Per text, a probability per label, and the texts' embeddings."""
        ...

    def nearest_kind(self, label: str, vector: np.ndarray | None) -> str:
        """The `kind` of the exemplar of `label` closest to `vector` ("other" when unknown)."""
        ...


def load_exemplars(path: Path, labels: Sequence[str] | None = None) -> list[dict]:
    """Read the exemplar JSONL ({"text", "label", optional "kind"}); bad lines are skipped."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if (isinstance(row, dict) and isinstance(row.get("label"), str) and isinstance(row.get("text"), str)
                    and (labels is None or row["label"] in labels)):
                rows.append(row)
    return rows


def vectors_cache_path(exemplars: Path) -> Path:
    """Where the precomputed exemplar vectors for an exemplar file live (next to it)."""
    return exemplars.with_name(exemplars.stem + ".vectors.npz")


# the exemplar cache's key (kept under its old name for the tests that check the shipped cache)
_cache_key = cache_key


def exemplar_vectors(embedder: Embedder, texts: Sequence[str], exemplars: Path) -> np.ndarray:
    """Exemplar embeddings, from the shipped cache beside the exemplar file when it matches."""
    return cached_vectors(embedder, texts, vectors_cache_path(exemplars))


def write_exemplar_cache(embedder: Embedder, exemplars: Path = DEFAULT_EXEMPLARS) -> Path:
    """Embed the exemplars and store them next to the file."""
    texts = [clean_text(r["text"], MAX_EMBED_CHARS) for r in load_exemplars(exemplars)]
    return write_vectors(embedder, texts, vectors_cache_path(exemplars))


class SoftmaxRegression:
    """Multinomial logistic regression with L2, fitted by full-batch gradient descent in numpy.

    sklearn's LogisticRegression does the same but its import alone costs about a second.
    """

    def __init__(self, l2: float = 1e-3, lr: float = 2.0, steps: int = 400):
        self.l2, self.lr, self.steps = l2, lr, steps
        self.W: np.ndarray | None = None
        self.b: np.ndarray | None = None

    def fit(self, X: np.ndarray, y: np.ndarray, n_classes: int) -> SoftmaxRegression:
        n, d = X.shape
        Y = np.eye(n_classes, dtype=np.float32)[y]
        # Balanced class weights, so the big "ordinary" class doesn't drown the rare ones.
        counts = np.bincount(y, minlength=n_classes).astype(np.float32)
        w = (n / (n_classes * np.maximum(counts, 1)))[y][:, None]
        W = np.zeros((d, n_classes), dtype=np.float32)
        b = np.zeros(n_classes, dtype=np.float32)
        for _ in range(self.steps):
            G = (self._softmax(X @ W + b) - Y) * w / n
            W -= self.lr * (X.T @ G + self.l2 * W)
            b -= self.lr * G.sum(axis=0)
        self.W, self.b = W, b
        return self

    @staticmethod
    def _softmax(Z: np.ndarray) -> np.ndarray:
        Z = Z - Z.max(axis=1, keepdims=True)
        E = np.exp(Z)
        return E / E.sum(axis=1, keepdims=True)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return self._softmax(X @ self.W + self.b)


class ExemplarClassifier:
    """Softmax regression fitted on the exemplars of the given labels (ORDINARY first)."""

    def __init__(self, embedder: Embedder, labels: Sequence[str], exemplars: Path = DEFAULT_EXEMPLARS):
        self.embedder = embedder
        self.labels = tuple(labels)
        rows = load_exemplars(exemplars, self.labels)
        if len(rows) < 2 or len({r["label"] for r in rows}) < 2:
            raise ValueError(f"safety exemplars {exemplars} hold fewer than two labels")
        X = exemplar_vectors(embedder, [clean_text(r["text"], MAX_EMBED_CHARS) for r in rows], exemplars)
        y = np.array([self.labels.index(r["label"]) for r in rows])
        self.model = SoftmaxRegression().fit(np.asarray(X, dtype=np.float32), y, len(self.labels))
        # exemplars by label with their "kind", to tell which kind of emergency a paraphrase is
        self._by_label: dict[str, tuple[np.ndarray, list[str]]] = {}
        for label in self.labels:
            idx = [i for i, r in enumerate(rows) if r["label"] == label]
            if idx:
                self._by_label[label] = (np.asarray(X[idx], dtype=np.float32),
                                         [rows[i].get("kind", "other") for i in idx])

    def probabilities(self, texts: Sequence[str]) -> tuple[list[dict[str, float]], np.ndarray]:
        V = np.asarray(self.embedder.embed(list(texts)), dtype=np.float32)
        P = self.model.predict_proba(V)
        return [{lab: float(row[i]) for i, lab in enumerate(self.labels)} for row in P], V

    def nearest_kind(self, label: str, vector: np.ndarray | None) -> str:
        if vector is None or label not in self._by_label:
            return "other"
        vecs, kinds = self._by_label[label]
        return kinds[int(np.argmax(vecs @ vector))]
