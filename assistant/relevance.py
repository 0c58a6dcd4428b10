"""Whether a sentence is about the question at all: the bar for sentences no guide holds verbatim (a language
model's), once the verifier has found them faithful to their passage. Faithful is not yet an answer."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from assistant.retrieve import HybridSearch
from assistant.text import tokens

# Close to the question in meaning, or covering some of its words. Of 850 extractive answers to the read patient
# questions, 95.9% had a sentence stating a fact at or above this bar (at the composer's support bar, 0.45 / 0.3,
# 79.3%); a model's verified sentence from an unrelated passage ("… ASCT may be offered in combination to improve
# overall quality of life" for "where in the body does all this start", SmolLM2 on t25) scored 0.05 and 0.0.
ABOUT_SIM = 0.2
ABOUT_KW = 0.15


def covered_weight(search: HybridSearch, terms: set[str], boost: Mapping[str, float] | None = None) -> float:
    """The weight of the query terms a sentence holds: each its idf (at least 0.05), times its `boost` if any."""
    return sum(max(search.idf(t), 0.05) * (boost.get(t, 1.0) if boost else 1.0) for t in terms)


def about_question(search: HybridSearch, query: str, qvec: np.ndarray, texts: Sequence[str],
                   term_weight: Callable[[str], float]) -> list[bool]:
    """For each sentence, whether its cosine to the query reaches ABOUT_SIM or the query's words it holds, each
    weighed by `term_weight` as the composer weighs them, reach ABOUT_KW of the query's weight."""
    return [sim >= ABOUT_SIM or kw >= ABOUT_KW for sim, kw in closeness(search, query, qvec, texts, term_weight)]


def closeness(search: HybridSearch, query: str, qvec: np.ndarray, texts: Sequence[str],
              term_weight: Callable[[str], float]) -> list[tuple[float, float]]:
    """For each sentence, (its cosine to the query, the weight of the query's words it holds over the query's)."""
    if not texts:
        return []
    q_terms = set(search.query_terms(query))
    q_weight = sum(term_weight(t) for t in q_terms) or 1.0
    vecs = np.asarray(search.embedder.embed(list(texts)), dtype=np.float64)
    q = np.asarray(qvec, dtype=np.float64)
    return [(float(v @ q), covered_weight(search, q_terms & set(tokens(text))) / q_weight)
            for text, v in zip(texts, vecs, strict=True)]
