"""The patient-voice eval: ask the patient questions and conversations, score every answer, aggregate.

A conversation turn is asked with the real history: the earlier user questions and the
assistant's own earlier answers (their text and the passages they cited, as the chat keeps them).
Every topic-switch turn is asked once more alone, with no history, and the two scores compared.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from statistics import median
from typing import Any

from evals import metrics as M
from evals.answer_quality import PatientResult, Similarity, SourceIndex, score_patient_answer
from evals.context import hit_spans, index_spans, searcher
from evals.patient_set import ANSWER_KINDS, TURN_TYPES, Conversation, PatientCase
from evals.scoring import DEPTH, reading_grade, retrieval_scores


def embedder_similarity(embedder: Any) -> Similarity | None:
    """Cosine similarity between a question and sentences with the assistant's own embedder."""
    if embedder is None or not callable(getattr(embedder, "embed", None)):
        return None
    import numpy as np

    def similarity(question: str, sentences: Sequence[str]) -> list[float]:
        vecs = np.asarray(embedder.embed([question, *sentences]), dtype=np.float32)
        vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        return [float(x) for x in vecs[1:] @ vecs[0]]

    return similarity


class PatientRunner:
    """Asks cases through one assistant and scores them against one corpus."""

    def __init__(self, assistant: Any, texts: dict[str, str], config: Any = None, similarity: Similarity | None = None,
                 retrieval: bool = True):
        self.assistant = assistant
        self.index = SourceIndex(texts)
        self.similarity = similarity
        self.retrieval = retrieval
        self._index_spans = index_spans(assistant, config) if retrieval else []

    def ask(self, case: PatientCase, history: Sequence[Any] = ()) -> tuple[PatientResult, Any]:
        """Ask one case with this history; score the answer (a crash is a failed case, not a crashed run)."""
        t0 = time.perf_counter()
        try:
            answer = self.assistant.ask(case.question, list(history))
        except Exception as exc:  # one crashing case must show up as a failure, not end the run
            res = PatientResult(case.id, case.question, case.answer_kind, case.answerable, case.split, case.turn_type,
                                refused=True, error=f"{type(exc).__name__}: {exc}")
            res.reasons.append(f"ask() raised {type(exc).__name__}: {exc}")
            return res, None
        wall = (time.perf_counter() - t0) * 1000
        res = score_patient_answer(case, answer, self.index, self.similarity, reading_grade, wall)
        if self.retrieval and case.answerable and case.gold:
            query = getattr(answer, "retrieval_query", "") or case.question
            gold = M.gold_spans(case.gold, self.index.texts)
            hits = searcher(self.assistant).search(query, k=DEPTH)
            res.retrieval = retrieval_scores(hit_spans(hits), gold, M.count_relevant(self._index_spans, gold))
            if not res.passed and not res.retrieval["hit@5"]:
                res.reasons.insert(0, "retrieval: no gold passage in the top 5")
        return res, answer

    def questions(self, cases: Sequence[PatientCase], on_note: Callable[[str], None] = print) -> list[PatientResult]:
        out = []
        for i, case in enumerate(cases, 1):
            out.append(self.ask(case)[0])
            if i % 50 == 0:
                on_note(f"  asked {i}/{len(cases)} patient questions")
        return out

    def conversations(self, convs: Sequence[Conversation]) -> tuple[list[PatientResult], list[dict]]:
        """Every turn with the conversation so far; every switch turn again alone. Returns (turns, switches)."""
        from core.types import Turn

        turns: list[PatientResult] = []
        switches: list[dict] = []
        for conv in convs:
            history: list[Turn] = []
            for case in conv.turns:
                res, answer = self.ask(case, history)
                turns.append(res)
                history.append(Turn("user", case.question))
                history.append(Turn("assistant", getattr(answer, "text", "") or "",
                                    tuple(getattr(answer, "cited_ids", ()) or ())))
                if case.turn_type == "switch":
                    alone, _ = self.ask(replace(case, question=case.standalone))
                    switches.append({"id": case.id, "question": case.question, "in_conversation": round(res.score, 4),
                                     "alone": round(alone.score, 4), "answer_in_conversation": res.answer[:300],
                                     "answer_alone": alone.answer[:300]})
        return turns, switches


# ---------------------------------------------------------------- aggregates


def _rate(values: Sequence[bool | float]) -> float:
    return round(M.mean(float(v) for v in values), 4)


def summarise(results: Sequence[PatientResult]) -> dict:
    """The headline measures of a group of answers, with the count each rate is over."""
    ans = [r for r in results if r.answerable]
    una = [r for r in results if not r.answerable]
    answered = [r for r in ans if not r.refused and not r.blank]
    with_sentences = [r for r in results if r.sentences]
    topical = [r.on_topic_share for r in answered if r.on_topic_share is not None]
    grades = [r.grade for r in answered if r.grade is not None]
    hits = [r.retrieval["hit@5"] for r in ans if r.retrieval]
    latencies = [r.latency_ms for r in results if not r.error]
    out: dict[str, Any] = {
        "n": len(results), "n_answerable": len(ans), "n_unanswerable": len(una),
        "facts_all": _rate([r.facts_all for r in ans]),
        "fact_completeness": _rate([r.completeness if not r.refused else 0.0 for r in ans]),
        "direct": _rate([r.direct for r in ans]),
        "on_topic": round(M.mean(topical), 4) if topical else 1.0,
        "orphans": sum(len(r.orphans) for r in results),
        "orphan_rate": _rate([bool(r.orphans) for r in with_sentences]),
        "blank": sum(r.blank for r in results),
        "blank_rate": _rate([r.blank for r in results]),
        "wrong_refusals": sum(r.refused for r in ans),
        "wrong_refusal_rate": _rate([r.refused for r in ans]),
        "correct_refusal_rate": _rate([r.refused for r in una]) if una else 1.0,
        "reading_grade_median": round(median(grades), 2) if grades else None,
        "hit@5": _rate(hits) if hits else None,
        "latency_p50_ms": round(M.percentile(latencies, 50), 1),
        "pass_rate": _rate([r.passed for r in results]),
        "errors": sum(bool(r.error) for r in results),
    }
    # how many answers each rate is over: the gate's margin is one of them
    out["denominators"] = {
        "facts_all": len(ans), "fact_completeness": len(ans), "direct": len(ans), "on_topic": len(topical),
        "orphan_rate": len(with_sentences), "blank_rate": len(results), "wrong_refusal_rate": len(ans),
        "correct_refusal_rate": len(una), "pass_rate": len(results),
    }
    return out


def by_group(results: Sequence[PatientResult], key: str, order: Sequence[str]) -> dict:
    """summarise() per answer kind or per turn type, in a fixed order, groups with cases only."""
    groups = {}
    for name in order:
        rows = [r for r in results if getattr(r, key) == name]
        if rows:
            groups[name] = summarise(rows)
    return groups


def switch_summary(switches: Sequence[dict]) -> dict:
    """Topic-switch turns against the same question alone: total score in conversation / total alone."""
    conv = sum(s["in_conversation"] for s in switches)
    alone = sum(s["alone"] for s in switches)
    return {
        "n": len(switches),
        "ratio": round(conv / alone, 4) if alone else 1.0,
        "worse": sum(s["in_conversation"] < s["alone"] for s in switches),
        "better": sum(s["in_conversation"] > s["alone"] for s in switches),
    }


def patient_report(question_results: Sequence[PatientResult], turn_results: Sequence[PatientResult],
                   switches: Sequence[dict]) -> dict:
    """The report's `patient` section: questions and conversations, aggregated, per kind/type, per case."""
    followups = [r for r in turn_results if r.turn_type == "followup"]
    conv_summary = summarise(turn_results)
    conv_summary["followup_facts_all"] = _rate([r.facts_all for r in followups if r.answerable])
    conv_summary["denominators"]["followup_facts_all"] = sum(r.answerable for r in followups)
    conv_summary["switch"] = switch_summary(switches)
    conv_summary["denominators"]["switch_ratio"] = len(switches)
    return {
        "questions": {
            "summary": summarise(question_results),
            "per_kind": by_group(question_results, "answer_kind", ANSWER_KINDS),
            "cases": [r.to_dict() for r in question_results],
        },
        "conversations": {
            "summary": conv_summary,
            "per_type": by_group(turn_results, "turn_type", TURN_TYPES),
            "per_kind": by_group(turn_results, "answer_kind", ANSWER_KINDS),
            "switches": list(switches),
            "turns": [r.to_dict() for r in turn_results],
        },
    }
