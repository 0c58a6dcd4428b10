"""Fakes passed in through constructors: a tiny deterministic embedder and a scripted assistant."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

_STOP = {"the", "a", "an", "of", "and", "or", "to", "in", "is", "are", "what", "how", "do", "does", "for", "with", "on", "it", "my", "i"}


class FakeEmbedder:
    """Hashed bag of word stems: texts sharing words are close, with no model to load."""

    name = "fake-hash"

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.calls = 0
        self.texts_embedded = 0

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for word in re.findall(r"[a-z0-9]+", text.lower()):
            if word in _STOP:
                continue
            stem = word[:6]
            h = int(hashlib.md5(stem.encode()).hexdigest(), 16)
            v[h % self.dim] += 1.0 if (h >> 64) % 2 else -1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        self.calls += 1
        self.texts_embedded += len(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vec(t) for t in texts])


class FailingEmbedder(FakeEmbedder):
    """An embedder whose model has crashed: every call raises."""

    def embed(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        raise RuntimeError("model crashed")


class FailingClassifier:
    """A safety classifier (assistant.safety.classifier.Classifier) that raises on every call."""

    def probabilities(self, texts):
        raise RuntimeError("classifier crashed")

    def nearest_kind(self, label, vector):
        raise RuntimeError("classifier crashed")


class _Poisoned(dict):
    """Probabilities that raise when a category reads them: a failure inside the categories' own code."""

    def get(self, *args, **kwargs):
        raise ValueError("corrupt probabilities")

    def __bool__(self) -> bool:
        return True


class GarbageClassifier:
    """A classifier that answers, but with output that makes every category's classifier step raise."""

    def probabilities(self, texts):
        return [_Poisoned() for _ in texts], np.zeros((len(texts), 4), dtype=np.float32)

    def nearest_kind(self, label, vector):
        return "other"
