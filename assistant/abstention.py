"""Whether the guides answer a question: the features of a question's evidence that the abstention
model weighs, and the model learned from them (`poems-assistant abstain-train`, evals/abstain_train.py).

The composer (assistant/compose.py) refuses a stand-alone question whose model probability of being
one the guides do not cover is above the model's threshold. Hand rules alone (thresholds on the best
sentence's score, and words the guides never use) refused 114 of 171 such questions on the read
patient sets for 31 wrong refusals of 1,022: "does it run in families" or "will my hair fall out from
the chemo" use words the guides know ("family", "hair") in a sense they never cover, and the best
sentence's score cannot see that. A follow-up takes its subject from the conversation: the rules
alone judge it.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.packaged import read_packaged
from assistant.text import content_words, stem

# Per question: the best candidate's score (the rules' evidence), the best closeness in meaning and
# its lead over the second, the mean of the best three, the best keyword coverage and the mean of the
# best three, the best passage's and heading's closeness in meaning, the best score's lead over the
# second, how many question words no guide uses (and whether any), how many everyday-life words no
# candidate passage names (and whether any), the share of the question's content words that the
# candidate passages contain, the question's length in tens of words, and the hand rules' decision.
ABSTAIN_FEATURES = ("evidence", "sim", "sim_top3", "sim_gap", "kw", "kw_top3", "dense", "heading_sim", "score_gap",
                    "unknown", "any_unknown", "life_unknown", "any_life_unknown", "coverage", "length", "rule")

ABSTAIN_MODEL_FILE = Path(__file__).resolve().parent / "data" / "abstain_model.json"


def share_found(words: Sequence[str], found: Container[str], expand: Callable[[str], str]) -> float:
    """The share of a question's content words whose stem the passages contain, a plain word counting
    when the guides' term for it is there (`expand`: the lay terms; "what is dara" and daratumumab)."""
    return sum(word_found(w, found, expand) for w in words) / max(1, len(words))


def word_found(word: str, found: Container[str], expand: Callable[[str], str]) -> bool:
    """Whether the passages hold the word's stem, or the guides' term for it ("job": work)."""
    return stem(word) in found or any(stem(t) in found for t in content_words(expand(word)))


def abstain_features(scores: Sequence[float], sims: Sequence[float], kws: Sequence[float], dense: float,
                     heading_sim: float, unknown: int, life_unknown: int, coverage: float, words: int,
                     rule: bool) -> np.ndarray:
    """One row of ABSTAIN_FEATURES from a question's candidates (their scores, similarities and
    keyword coverages, any order) and what the composer found of its words."""
    s = sorted(sims, reverse=True) + [0.0, 0.0, 0.0]
    k = sorted(kws, reverse=True) + [0.0, 0.0, 0.0]
    sc = sorted(scores, reverse=True) + [0.0, 0.0]
    return np.array([sc[0], s[0], float(np.mean(s[:3])), s[0] - s[1], k[0], float(np.mean(k[:3])), dense, heading_sim,
                     sc[0] - sc[1], unknown, float(unknown > 0), life_unknown, float(life_unknown > 0), coverage,
                     words / 10, float(rule)], dtype=np.float64)


@dataclass(frozen=True)
class AbstainModel:
    """A logistic model of "the guides do not cover this question": standardised ABSTAIN_FEATURES
    plus the question's embedding, each with a weight; refuse above `threshold`."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    meaning: tuple[float, ...]  # one weight per embedding dimension of the question's vector
    bias: float
    threshold: float
    embedder: str = ""  # the name of the embedder whose vectors it was learned on

    def probabilities(self, features: np.ndarray, qvecs: np.ndarray) -> np.ndarray:
        """The probability that the guides do not cover each question: one row of ABSTAIN_FEATURES and one
        question vector per question (the trainer scores whole sets; the composer one question)."""
        z = (np.asarray(features, dtype=np.float64) - np.asarray(self.mean)) / np.asarray(self.scale)
        logit = z @ np.asarray(self.weights) + self.bias
        if self.meaning:
            logit = logit + np.asarray(qvecs, dtype=np.float64) @ np.asarray(self.meaning)
        return 0.5 * (1.0 + np.tanh(0.5 * logit))  # the logistic function, without overflow

    def probability(self, features: np.ndarray, qvec: np.ndarray) -> float:
        """The probability that the guides do not cover the question."""
        return float(self.probabilities(np.asarray(features)[None, :], np.asarray(qvec)[None, :])[0])

    def applies(self, qvec: np.ndarray) -> bool:
        """Whether the question's vector has the dimensions the model learned (another embedder's may not)."""
        return not self.meaning or len(self.meaning) == len(qvec)

    def refuses(self, features: np.ndarray, qvec: np.ndarray) -> bool:
        return self.probability(features, qvec) > self.threshold


class AbstainModelError(ValueError):
    """The packaged abstention model does not fit this composer's features."""


def packaged_abstain_model(path: Path = ABSTAIN_MODEL_FILE) -> AbstainModel | None:
    """The learned abstention model (`poems-assistant abstain-train` writes it); None when there is none."""
    data = read_packaged(path, ABSTAIN_FEATURES, AbstainModelError, "abstain-train", "the hand rules")
    if data is None:
        return None
    return AbstainModel(tuple(map(float, data["mean"])), tuple(map(float, data["scale"])), tuple(map(float, data["weights"])),
                        tuple(map(float, data.get("meaning", ()))), float(data["bias"]), float(data["threshold"]),
                        str(data.get("embedder", "")))
