"""Train the safety gate's heads (assistant/safety_data/heads.npz) and report them leave-one-set-out.

    poems-assistant safety-train            # report, then write heads.npz
    poems-assistant safety-train --no-write # report only

Training data: the hand-written exemplars, every patient-voice safety set that has been measured
once and read (TRAIN_SETS), and the questions of the read answer sets as ordinary messages (QUESTION_SETS,
less the few that the patterns call an emergency or a crisis) — a head trained on safety messages alone
called "can he still have a couple of pints with his tablets" a crisis. A set not yet measured must not be listed here: it would be scored on
what it taught. The report trains without each set in turn and scores the category's own rule
(the head's probability with its exclusions) on the set left out: recall on the head's label, and
false alarms on ordinary and distress messages.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import numpy as np

from assistant.safety.categories.crisis import CATEGORY as CRISIS_CATEGORY
from assistant.safety.categories.crisis import NEAREST_HEAD, says_crisis
from assistant.safety.categories.distress import DISTRESS_HEAD_THRESHOLD
from assistant.safety.categories.emergency import emergency_kinds
from assistant.safety.classifier import Scores, load_exemplars
from assistant.safety.heads import HEADS_FILE, Head, LinearHead, fit_head, load_heads, save_heads
from assistant.safety.nearest import NEAREST_FILE, NearestHead, save_nearest
from assistant.safety.paths import DEFAULT_EXEMPLARS
from assistant.safety.text import MAX_EMBED_CHARS, clean_text, normalise
from core.types import DISTRESS
from evals.patient_set import split_of
from evals.safety_cases import load_cases
from evals.safety_patient import CALM, SAFETY_SETS
from index.embed import Embedder

PATIENT_DIR = Path(__file__).resolve().parent / "patient"
QUESTION_SETS: dict[str, Path] = {
    "gold": Path(__file__).resolve().parent / "gold.jsonl",
    **{p.stem: p for p in sorted(PATIENT_DIR.glob("questions*.jsonl"))},
    **{p.stem: p for p in sorted(PATIENT_DIR.glob("conversations*.jsonl"))},
}
# Every patient-voice safety set (safety_patient.SAFETY_SETS) but the legacy one, whose "emergency" also
# labels self-harm.
NOT_TRAINED = ("legacy",)
TRAIN_SETS: dict[str, Path] = {name: path for name, path in SAFETY_SETS.items() if name not in NOT_TRAINED}
# A set split by hash trains on its dev half only while its held-out half is this stop's measure; every
# earlier set's held-out half has been measured and read, so they train whole.
TRAIN_SPLITS: dict[str, str] = {"test43": "dev", "questions_t42": "dev", "conversations_t42": "dev"}
# Retrained so on 2026-12-02 (10,839 messages, 1,204 crises): on test18-test24, which the shipped head (trained up to
# test17's dev half) never saw, each left out in turn, the head's own rule found 203 of 280 crises with 7 false
# alarms in 630, against the shipped head's 202 and 7. No better on unseen wording, so the shipped head was kept.


def _head_rule(label: str, norm: str, p: float) -> bool:
    """The category's own decision from its head alone (crisis: confident, not fear of dying, not a question)."""
    if label in (CRISIS_CATEGORY.label, NEAREST_HEAD):
        return CRISIS_CATEGORY._head_says(norm, Scores(heads={label: p}), head=label)
    if label == DISTRESS:
        return p >= DISTRESS_HEAD_THRESHOLD
    raise ValueError(f"no head rule for {label!r}")


HEAD_LABELS = (CRISIS_CATEGORY.label, DISTRESS)
# The messages each linear head learns from: the crisis head against every other label; the distress head against
# ordinary messages only (a crisis or an emergency never reaches the distress category, whose head it is).
HEAD_AMONG: dict[str, tuple[str, ...]] = {DISTRESS: (DISTRESS, "ordinary")}
# What a head's left-out report counts as a false alarm: crisis lines on ordinary or distress messages; a distress
# preface on an ordinary one.
HEAD_CALM: dict[str, tuple[str, ...]] = {DISTRESS: ("ordinary",)}


def calm_questions(path: Path, split: str = "all") -> list[str]:
    """The questions (and conversation turns) of an answer set, of one split by the answer sets' hash,
    that no pattern calls an emergency or a crisis."""
    texts: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        key = row["id"] if "turns" in row else row["question"].lower()
        if split != "all" and split_of(key) != split:
            continue
        texts += [t["question"] for t in row["turns"]] if "turns" in row else [row["question"]]
    return [t for t in texts if not _alarming(normalise(clean_text(t)))]


def _alarming(norm: str) -> bool:
    return says_crisis(norm) or bool(emergency_kinds(norm))


def _embed(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    return np.asarray(embedder.embed([clean_text(t, MAX_EMBED_CHARS) for t in texts]), dtype=np.float32)


def _without(parts: dict[str, tuple[np.ndarray, list[str]]], left_out: str = "") -> tuple[np.ndarray, np.ndarray]:
    """Every part of the training data but `left_out`: the vectors stacked and their labels."""
    kept = [part for name, part in parts.items() if name != left_out]
    return np.vstack([vectors for vectors, _ in kept]), np.array([lab for _, labels in kept for lab in labels])


def _rows_for(label: str, parts: dict[str, tuple[np.ndarray, list[str]]], left_out: str = "") -> tuple[np.ndarray, np.ndarray]:
    """What a head learns from: every part of the training data but `left_out`, of the labels it learns among."""
    X, labels = _without(parts, left_out)
    among = HEAD_AMONG.get(label)
    if among is None:
        return X, labels
    keep = np.isin(labels, among)
    return X[keep], labels[keep]


def _fit_without(label: str, parts: dict[str, tuple[np.ndarray, list[str]]], model: str, left_out: str = "") -> LinearHead:
    """A head fitted on every part of the training data but `left_out`."""
    X, labels = _rows_for(label, parts, left_out)
    return fit_head(label, X, labels == label, model)


def _nearest_without(parts: dict[str, tuple[np.ndarray, list[str]]], model: str, left_out: str = "") -> NearestHead:
    """The nearest-neighbour crisis head over every part of the training data but `left_out`."""
    X, labels = _without(parts, left_out)
    y = labels == CRISIS_CATEGORY.label
    return NearestHead(NEAREST_HEAD, X[y], X[~y], model)


def _report_set(out: TextIO, name: str, cases: Sequence[dict], vectors: np.ndarray, label: str, head: Head) -> None:
    """One set left out: recall on the messages of its head's label that its rule finds, and false alarms on its calm
    messages."""
    said = [_head_rule(label, normalise(clean_text(c["text"])), head.probability(v)) for c, v in zip(cases, vectors, strict=True)]
    target = DISTRESS if label == DISTRESS else CRISIS_CATEGORY.label
    pos = [s for s, c in zip(said, cases, strict=True) if c["label"] == target]
    calm = [s for s, c in zip(said, cases, strict=True) if c["label"] in HEAD_CALM.get(label, CALM)]
    out.write(f"  {name:8s} recall {sum(pos)}/{len(pos)}   false alarms {sum(calm)}/{len(calm)}\n")


def _report_head(out: TextIO, label: str, cases: dict[str, list[dict]], questions: dict[str, list[str]],
                 parts: dict[str, tuple[np.ndarray, list[str]]], model: str) -> None:
    """A linear head refitted without each set in turn, scored on the set it did not see."""
    out.write(f"head {label!r}, leave one set out (trained on the exemplars and the other sets):\n")
    for name, cs in cases.items():
        _report_set(out, name, cs, parts[f"set:{name}"][0], label, _fit_without(label, parts, model, f"set:{name}"))
    out.write("  leave one answer set out (its questions are all ordinary):\n")
    for name, qs in questions.items():
        head = _fit_without(label, parts, model, f"questions:{name}")
        said = [_head_rule(label, normalise(clean_text(q)), head.probability(v))
                for q, v in zip(qs, parts[f"questions:{name}"][0], strict=True)]
        out.write(f"  {name:22s} false alarms {sum(said)}/{len(qs)}\n")


def main(embedder: Embedder | None = None, *, write: bool = True, out: TextIO = sys.stdout,
         heads_file: Path = HEADS_FILE, sets: dict[str, Path] | None = None, linear: bool = True,
         nearest_file: Path = NEAREST_FILE, head_labels: Sequence[str] = HEAD_LABELS, report: bool = True) -> int:
    """Report and (with `write`) store the heads; `head_labels`: which linear heads to fit, the others in
    `heads_file` kept as they are; `report=False` skips the linear heads' leave-one-out refits (one fit per set,
    about 40 s each on two cores: half an hour for every set and answer set)."""
    if embedder is None:
        from core.config import Config
        from index.embed import load_embedder

        embedder = load_embedder(Config.from_env())
    model = str(getattr(embedder, "name", ""))
    sets = TRAIN_SETS if sets is None else sets
    ex = load_exemplars(DEFAULT_EXEMPLARS)
    questions = {name: calm_questions(path, TRAIN_SPLITS.get(name, "all")) for name, path in QUESTION_SETS.items() if path.exists()}
    cases = {name: load_cases(path, TRAIN_SPLITS.get(name, "all")) for name, path in sets.items()}
    # every part of the training data by name, so that any one of them can be left out
    parts: dict[str, tuple[np.ndarray, list[str]]] = {
        "exemplars": (_embed(embedder, [r["text"] for r in ex]), [r["label"] for r in ex]),
        **{f"questions:{name}": (_embed(embedder, qs), ["ordinary"] * len(qs)) for name, qs in questions.items()},
        **{f"set:{name}": (_embed(embedder, [c["text"] for c in cs]), [c["label"] for c in cs]) for name, cs in cases.items()},
    }

    heads: dict[str, LinearHead] = {}
    for label in head_labels if linear else ():
        if report:
            _report_head(out, label, cases, questions, parts, model)
        heads[label] = _fit_without(label, parts, model)
        # (counted from what the head learned from: the distress head's rows are distress and ordinary only)
        _, labels = _rows_for(label, parts)
        n_all, n_label = len(labels), int((labels == label).sum())
        n_q = sum(len(qs) for qs in questions.values())
        out.write(f"  trained on {n_all} messages ({n_label} {label}; {n_q} answer-set questions)\n")
    out.write("nearest-neighbour crisis head, leave one set out (its messages against the other sets'):\n")
    for name, cs in cases.items():
        _report_set(out, name, cs, parts[f"set:{name}"][0], NEAREST_HEAD, _nearest_without(parts, model, f"set:{name}"))
    nearest = _nearest_without(parts, model)
    out.write(f"  built on {len(nearest.positives)} crises and {len(nearest.others)} other messages\n")
    if write:
        if heads:
            kept = {label: h for label, h in load_heads(model, heads_file).items() if label not in heads}
            out.write(f"wrote {save_heads({**kept, **heads}, heads_file)}\n")
        out.write(f"wrote {save_nearest(nearest, nearest_file)}\n")
    return 0
