"""Learn which candidate sentence should lead an answer (assistant/data/lead_weights.json) from the
patient question sets that have been measured and read, and report it leave-one-set-out.

    poems-assistant lead-train             # report, then write lead_weights.json
    poems-assistant lead-train --no-write  # report only

A question teaches the ranker when it is answerable and the composer saw candidates for it: each
candidate is a row of the composer's LEAD_FEATURES and of its meaning features (the sentence's
embedding times the question's, per dimension), labelled by whether it states the question's core
answer (its first fact group, which the set's authors wrote for that purpose) inside the passage they
quoted as the answer. The model is a linear
score trained as a softmax over each question's candidates (the probability mass on the candidates
that give the core answer). The named features keep the weights of the prior (evals/lead_prior.json, learned
on first-t8); the meaning features are refitted with an L2 penalty towards the prior's, the one of
MEANING_PENALTIES with the most hits leave-one-set-out. The report trains without each set in turn and
counts, on the set left out, how often the lead the composer would pick gives the core answer, with the
prior's weights and with the learned ones. Each set is asked without its own questions in the memory of
questions asked before (their votes point at the very passages the label rewards). A set whose held-out half
has not been measured must not appear here (TRAIN_SETS): it would be scored on what it taught.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from evals.composer_calls import last_calls
from evals.metrics import fact_met
from evals.patient_set import ANSWER_SETS, PATIENT_DIR, PatientCase, standalone_cases

# name -> (questions file, conversations file, split): every set measured once and read, whole (t42 is this
# stop's measure: it teaches nothing until its held-out half has been measured).
TRAIN_SETS: dict[str, tuple[str, str, str]] = {name: (*files, "all") for name, files in ANSWER_SETS.items() if name != "t42"}
PENALTY = 1.0  # on the named features when they are learned too (no prior)
# The prior: the weights learned on first-t8 (1,095 questions) and shipped until 2026-12-02. Refitting every
# weight on every read set, each of the fifteen sets the prior never saw (t9-t23, 1,431 questions) left out in
# turn, gave 731 -> 874 leads with the core answer, but the named features turned against the gold set's
# guide-worded questions ("dense" +0.8 -> -2.3, "authority" +1.3 -> 0): gold dev facts 0.944 -> 0.905 and its
# conflict-note precision under the CI gate. With the named features held at the prior's and the meaning
# features refitted towards the prior's: 731 -> 810 (meaning penalty 0.1; 0.03: 815, 0.3: 810), gold dev
# facts 0.944 -> 0.954. (Measured with the leak below still in, every set asked with its own questions in the
# memory, the same refit had looked like 742 -> 950.)
PRIOR_FILE = Path(__file__).resolve().parent / "lead_prior.json"
# Leave one set out on the nine sets (1,095 questions), leads that state the core answer inside the
# quoted passage: hand weights 436; learned, with the meaning features penalised 0.03, 575 (0.1: 568,
# 0.3: 557). Labelled by the fact alone, the named features alone had moved 562 to 583; the meaning
# features are most of the gain.
# Retrained with every read set and t15's dev half (1,752 questions: hand 709, learned 904 left out in
# turn): on the sets the shipped weights never saw (t9-t14, t15 dev) 276 leads of 589 gave the core answer,
# against their 272, and two of the issue's quoted questions lost their best first sentences ("what are the
# treatment options?" its radiation line, "where can we get a second opinion" Mayo Clinic). Not kept.
# Refitted on 2026-12-03 with every read set (first-t31 whole, 3,649 questions; penalty 0.1): on the eight sets the
# shipped weights (first-t23) never saw, t24-t31 (1,032 questions), each left out in turn, 592 -> 621 leads gave the
# core answer (0.03: 616, 0.3: 608), seven of the eight sets better, gold dev unchanged. Not kept then: "besides cidp what
# other things does this get mistaken for", asked after a question about cm336 (tests/test_assistant.py, from a chat
# tried by hand), led with the CIDP comparison and lost the misdiagnosis list.
# Refitted again with t32 (first-t32 whole, 3,854 questions; penalty 0.1) once the composer kept a sentence going on
# about what a question sets aside from leading (that case then kept its list): on t24-t32 (1,237 questions), each left
# out in turn, 709 -> 743 leads gave the core answer, eight of the nine sets better; on t33's dev half, which it never
# saw, 57 -> 59 of 106 (its "first sentence answers" metric 0.727 -> 0.716: two leads lost, one gained); gold dev
# unchanged (facts 0.977, MRR 0.841, 83.3 words). Shipped.
# Refitted on 2026-12-04 with first-t35 whole (4,582 questions; penalty 0.3 had the most leads left out in turn, 2,825
# against the prior's 2,648): on t36's dev half, which neither weights saw, questions direct 0.694 -> 0.694, facts
# 0.880 -> 0.880 (completeness 0.903 -> 0.907), conversations unchanged; gold dev unchanged. No gain on unseen
# questions: not kept.
MEANING_PENALTIES = (0.03, 0.1, 0.3)
# The meaning features are products of two unit vectors' coordinates (about 1/384 each): scaled so that
# one penalty suits them, and the weights written out are multiplied back.
MEANING_SCALE = 20.0


@dataclass
class Group:
    """One question's candidates: features, which give the core answer, and which the composer forces first."""

    set_name: str
    question: str
    x: np.ndarray  # LEAD_FEATURES, then the meaning features times MEANING_SCALE
    y: np.ndarray
    forced: np.ndarray  # a section headed by the asked term (or letter) leads whatever the weights say
    bare: np.ndarray  # a bare list item never leads


def cases_of(name: str, directory: Path = PATIENT_DIR) -> list[PatientCase]:
    """A set's answerable questions that stand alone: its questions and its conversations' first and switch turns."""
    qfile, cfile, split = TRAIN_SETS[name]
    return [c for c in standalone_cases(directory / qfile, directory / cfile, split) if c.answerable and c.facts]


def _flat(text: str) -> str:
    return re.sub(r"[^a-z0-9%.]+", " ", text.lower().replace("*", "")).strip()


def states_core_answer(case: PatientCase, sentence: str) -> bool:
    """The sentence gives the case's core answer (its first fact group) and is part of a passage its
    authors quoted as the answer. The fact alone would also teach long sentences that merely mention
    the fact's words ("In 2018 it was formally reclassified … the plasma cell clone …" for "what is poems")."""
    if not fact_met(case.facts[0], sentence):
        return False
    s = _flat(sentence)
    for gold in case.gold:
        q = _flat(gold.get("quote", ""))
        if q and (s[:60] in q or q[:60] in s):
            return True
    return False


def collect(assistant: Any, name: str, cases: Sequence[PatientCase]) -> list[Group]:
    """Ask each case as the chat would and keep the candidates the composer chose its lead from."""
    from assistant.candidate import LEAD_FEATURES, forced_leads, lead_features, meaning_features

    composer = assistant.answerer
    groups = []
    for case, (_, call) in zip(cases, last_calls(assistant, "select", [c.question for c in cases]), strict=True):
        if call is None:
            continue  # refused or a safety reply: nothing was ranked
        cands, question, qvec = list(call["cands"]), call["question"], call["qvec"]
        named = lead_features(cands, question, composer._leaf_terms)
        groups.append(Group(
            name, case.question, np.hstack([named, meaning_features(cands, qvec) * MEANING_SCALE]),
            np.array([states_core_answer(case, c.text) for c in cands], dtype=bool),
            forced_leads(cands, question, named),
            named[:, LEAD_FEATURES.index("bare_item")] > 0,
        ))
    return groups


def fit(groups: Sequence[Group], meaning_penalty: float, prior: np.ndarray | None = None) -> np.ndarray:
    """Weights maximising each question's softmax mass on its core-answer candidates, less the L2 penalties.
    With a `prior`, the named features keep its weights and the meaning features are drawn towards its."""
    from scipy.optimize import minimize

    from assistant.candidate import LEAD_FEATURES

    train = [g for g in groups if g.y.any() and not g.y.all() and not g.forced.any()]
    dim = train[0].x.shape[1]
    named = len(LEAD_FEATURES)
    penalty = np.full(dim, meaning_penalty)
    penalty[:named] = PENALTY
    centre = np.zeros(dim) if prior is None else np.asarray(prior, dtype=np.float64)
    bounds = [(None, None)] * dim if prior is None else [(float(v), float(v)) for v in centre[:named]] + [(None, None)] * (dim - named)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        d = w - centre
        total, grad = float((penalty * d) @ d), 2 * penalty * d
        for g in train:
            s = g.x @ w
            s = s - s.max()
            p = np.exp(s)
            z, zpos = p.sum(), p[g.y].sum()
            total -= float(np.log(zpos) - np.log(z))
            grad -= (p[g.y] @ g.x[g.y]) / zpos - (p @ g.x) / z
        return total / len(train), grad / len(train)

    res = minimize(loss, centre.copy(), jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": 300})
    return np.asarray(res.x)


def load_prior(path: Path = PRIOR_FILE) -> np.ndarray:
    """The prior's weights as one vector in the groups' scale (named features, then meaning / MEANING_SCALE),
    read as the composer reads its own (a prior for other features is a LeadWeightsError)."""
    from assistant.candidate import packaged_lead_weights

    prior = packaged_lead_weights(path)
    if prior is None:
        raise FileNotFoundError(f"{path}: the lead ranker's prior is missing; restore it from git")
    return np.concatenate([np.asarray(prior.features, dtype=np.float64),
                           np.asarray(prior.meaning, dtype=np.float64) / MEANING_SCALE])


def lead_hits(groups: Sequence[Group], w: np.ndarray) -> int:
    """Questions whose lead under weights `w` gives the core answer (the composer's own order: a section
    headed by the asked term first, never a bare list item when another candidate is there)."""
    hits = 0
    for g in groups:
        score = g.x @ w
        order = sorted(range(len(score)), key=lambda i: (not g.forced[i], -score[i]))
        lead = next((i for i in order if not g.bare[i]), order[0])
        hits += bool(g.y[lead])
    return hits


def report(groups: Sequence[Group], prior: np.ndarray, out: TextIO = sys.stdout) -> float:
    """Leave one set out for each meaning penalty; the penalty with the most held-out hits."""
    names = list(dict.fromkeys(g.set_name for g in groups))
    best, best_total = MEANING_PENALTIES[0], -1
    for penalty in MEANING_PENALTIES:
        total = base = 0
        rows = []
        for name in names:
            held = [g for g in groups if g.set_name == name]
            w = fit([g for g in groups if g.set_name != name], penalty, prior)
            h, b = lead_hits(held, w), lead_hits(held, prior)
            total, base = total + h, base + b
            rows.append(f"{name} {b}->{h}/{len(held)}")
        out.write(f"meaning penalty {penalty}: lead gives the core answer, prior -> learned, on each set left out: "
                  f"{'; '.join(rows)}; all {base} -> {total} of {len(groups)}\n")
        if total > best_total:
            best, best_total = penalty, total
    return best


def main(write: bool = True, out: TextIO = sys.stdout, path: Path | None = None) -> int:
    from assistant import Assistant
    from assistant.candidate import LEAD_FEATURES, LEAD_WEIGHTS_FILE
    from assistant.compose_settings import ComposerSettings
    from core.config import Config
    from index.embed import load_embedder

    config = Config.from_env()
    embedder = load_embedder(config)
    # rank with the hand weights while collecting: the features do not depend on the weights; each set without
    # its own questions in the memory of questions asked before
    groups: list[Group] = []
    for name in TRAIN_SETS:
        assistant = Assistant.from_config(config, embedder=embedder, retrieval_mode="hybrid",
                                          settings=ComposerSettings(lead_weights=None), asked_without=(name,))
        groups.extend(collect(assistant, name, cases_of(name)))
    prior = load_prior()
    out.write(f"{len(groups)} questions, {sum(bool(g.y.any()) for g in groups)} with a candidate that gives the core answer\n")
    penalty = report(groups, prior, out)
    w = fit(groups, penalty, prior)
    out.write(f"all sets, penalty {penalty}: prior {lead_hits(groups, prior)} -> learned {lead_hits(groups, w)} of {len(groups)} (in sample)\n")
    named, meaning = w[: len(LEAD_FEATURES)], w[len(LEAD_FEATURES):] * MEANING_SCALE
    out.write("weights: " + ", ".join(f"{n} {v:+.3f}" for n, v in zip(LEAD_FEATURES, named, strict=True)) + "\n")
    if write:
        target = path or LEAD_WEIGHTS_FILE
        target.write_text(json.dumps({"features": list(LEAD_FEATURES), "weights": [round(float(v), 6) for v in named],
                                      "meaning": [round(float(v), 6) for v in meaning], "embedder": embedder.name,
                                      "penalty": "named weights held at evals/lead_prior.json", "meaning_penalty": penalty, "sets": {n: TRAIN_SETS[n][2] for n in TRAIN_SETS},
                                      "questions": len(groups)}, indent=1) + "\n", encoding="utf-8")
        out.write(f"wrote {target}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main("--no-write" not in sys.argv))
