"""Learn the verifier's support model (assistant/data/support_weights.json) from the verifier sets
that have been measured and read, and report it leave-one-set-out.

    poems-assistant verifier-train             # report, then write support_weights.json
    poems-assistant verifier-train --no-write  # report only

Each sentence–passage pair is checked by the verifier's rules and measures (numbers, names,
negation, overclaim; similarity and coverage) with the calibrated weighted sum switched off. A pair
no rule drops is a training row: the four measures and the meaning features (the sentence's
embedding times its closest passage sentence's, per dimension), labelled faithful or not. The model
is sklearn's logistic regression; its threshold is set on the training pairs so that FALSE_DROP of
their faithful sentences are dropped, rule drops included. The report trains without each set in
turn and gives, on the set left out, how many unfaithful sentences are caught and faithful ones
dropped, by the calibrated sum and by the learned model. A set whose held-out half has not been
measured appears with its dev half only (TRAIN_SETS).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from evals.verifier_eval import SETS, judge, load_pairs, locate

# (each set whole once its held-out half was measured at the end; v33's dev half only: its held-out half is this
# stop's measure)
TRAIN_SETS: dict[str, str] = {"old": "all", "fresh": "all", "v3": "all", "v4": "all", "v5": "all", "v6": "all",
                              "v7": "all", "v8": "all", "v9": "all", "v10": "all", "v11": "all", "v12": "all",
                              "v13": "all", "v14": "all", "v15": "all", "v16": "all", "v17": "all", "v18": "all", "v19": "all", "v20": "all", "v21": "all",
                              "v22": "all", "v23": "all", "v24": "all", "v25": "all", "v26": "all", "v27": "all", "v28": "all",
                              "v29": "all", "v30": "all", "v31": "all", "v32": "all", "v33": "dev"}
C = 1.0
# Leave one set out on the ten sets (3,191 pairs, v10's dev half only): the calibrated sum caught 72.6%
# of unfaithful sentences and dropped 13.9% of faithful ones; the learned model with its threshold set
# for 8% false drops on the training sets 73.6% / 8.8%, for 10% 77.9% / 11.3%, for 12% 80.2% / 13.6%.
# 12% keeps the drop rate the verifier already had on unseen sets and catches more. With v10 whole
# (3,320 pairs): 72.3% / 14.1% -> 80.1% / 13.6%;
# with v11's dev half too (3,470): 72.2% / 13.9% -> 80.6% / 13.6%; with v11 whole and v12's dev half (3,740):
# 71.9% / 13.5% -> 80.9% / 14.5%; with v12 whole and v13's dev half (4,040): 71.3% / 13.6% -> 80.6% / 14.2%
# (v13 dev left out: 81 of 102 caught, 7 of 51 dropped). After names said in the plural counted as names
# ("T cells", "kidneys") and a kind of test stopped being a swap for one of its kind: 73.0% / 13.6% -> 81.8% / 14.3%.
# With v13 whole and v14's dev half (4,331 pairs): 73.1% / 13.3% -> 81.5% / 13.8% (v14 dev left out: 90 of
# 102 caught, 10 of 51 dropped). With v14 whole and v15's dev half (4,607 pairs): 72.7% / 13.3% -> 81.4% / 14.0%
# (v15 dev left out: 71 of 94 caught, 7 of 47 dropped). Retrained on 2026-12-03 on every read set (old to v32
# whole, v33's dev half; 12,540 pairs), after twelve sets the shipped model (old to v21's dev half) had never seen: on
# v22-v33, each left out in turn, the retrained model caught 79.0% of unfaithful sentences and dropped 16.5% of faithful
# ones (283 of 1,711), against the shipped model's 78.6% and 19.3% (331) on the same pairs, so it was shipped.
# Retried on 2026-12-04 with v33 and v34 whole and v35's dev half (15,315 pairs): left out, v35's dev half caught 381 of
# 499 and dropped 38 of 213 (76.4% / 17.8%), against the shipped model's 392 and 41 (78.6% / 19.2%) on the same pairs:
# fewer drops for fewer catches, no better, not kept (as with v34's dev half before it).
FALSE_DROP = 0.12
MEANING_SCALE = 20.0  # products of unit vectors' coordinates (~1/384): scaled so one C suits all


@dataclass
class Row:
    set_name: str
    faithful: bool
    rule: bool  # dropped by a rule before the support score
    kept_now: bool  # shown by the verifier as it is (calibrated sum or packaged model)
    x: np.ndarray  # SUPPORT_FEATURES, then the meaning features times MEANING_SCALE


def collect(verifier: Any, baseline: Any, chunks: Sequence[Any], name: str) -> list[Row]:
    from assistant.verify.verifier import SUPPORT_FEATURES

    pairs = load_pairs(SETS[name], TRAIN_SETS[name])
    located = locate(pairs, chunks, strict=False)
    pairs = [p for p in pairs if p.id in located]
    rows = []
    for p, check, now in zip(pairs, judge(verifier, pairs, located), judge(baseline, pairs, located), strict=True):
        f = check.features
        x = np.concatenate([[f[n] for n in SUPPORT_FEATURES], np.asarray(f["meaning"]) * MEANING_SCALE])
        rule = not check.supported and not check.reason.startswith("weak")
        rows.append(Row(name, p.label == "faithful", rule, now.supported, x))
    return rows


def fit(rows: Sequence[Row]) -> tuple[Any, float]:
    """The model on the rows no rule drops, and the probability threshold for FALSE_DROP."""
    from sklearn.linear_model import LogisticRegression

    train = [r for r in rows if not r.rule]
    model = LogisticRegression(C=C, max_iter=2000).fit(np.stack([r.x for r in train]), [r.faithful for r in train])
    faithful = [r for r in rows if r.faithful]
    budget = int(FALSE_DROP * len(faithful)) - sum(r.rule for r in faithful)
    p = np.sort(model.predict_proba(np.stack([r.x for r in faithful if not r.rule]))[:, 1])
    return model, float(p[budget]) if budget > 0 else 0.0


def outcome(rows: Sequence[Row], shown: Sequence[bool]) -> tuple[int, int, int, int]:
    """(unfaithful caught, unfaithful, faithful dropped, faithful)."""
    un = [s for r, s in zip(rows, shown, strict=True) if not r.faithful]
    fa = [s for r, s in zip(rows, shown, strict=True) if r.faithful]
    return sum(not s for s in un), len(un), sum(not s for s in fa), len(fa)


def report(rows: Sequence[Row], out: TextIO = sys.stdout) -> None:
    totals = np.zeros(6, dtype=int)
    lines = []
    for name in TRAIN_SETS:
        held = [r for r in rows if r.set_name == name]
        model, threshold = fit([r for r in rows if r.set_name != name])
        p = model.predict_proba(np.stack([r.x for r in held]))[:, 1]
        learned = outcome(held, [not r.rule and q >= threshold for r, q in zip(held, p, strict=True)])
        now = outcome(held, [r.kept_now for r in held])
        totals += np.array([now[0], learned[0], learned[1], now[2], learned[2], learned[3]])
        lines.append(f"{name} caught {now[0]}->{learned[0]}/{learned[1]} dropped {now[2]}->{learned[2]}/{learned[3]}")
    out.write("left out in turn, now -> learned: " + "; ".join(lines) + "\n")
    out.write(f"all: caught {totals[0] / totals[2]:.1%} -> {totals[1] / totals[2]:.1%}, "
              f"dropped {totals[3] / totals[5]:.1%} -> {totals[4] / totals[5]:.1%}\n")


def main(write: bool = True, out: TextIO = sys.stdout, path: Path | None = None) -> int:
    from assistant.verify import Verifier
    from assistant.verify.verifier import SUPPORT_FEATURES, SUPPORT_WEIGHTS_FILE, VerifierSettings
    from core.config import Config, apply_offline_env
    from index.embed import load_embedder
    from ingest.pipeline import build_chunks

    apply_offline_env()
    config = Config.from_env()
    embedder = load_embedder(config)
    chunks, _, _ = build_chunks(config.corpus_dir, config.chunk_words)
    # the rules and measures with the calibrated sum's threshold off: every pair's measures, no weak drop
    verifier = Verifier(embedder, VerifierSettings(accept_at=-1e9))
    baseline = Verifier(embedder, VerifierSettings())
    rows: list[Row] = []
    for name in TRAIN_SETS:
        rows.extend(collect(verifier, baseline, chunks, name))
    out.write(f"{len(rows)} pairs, {sum(r.rule for r in rows)} dropped by a rule\n")
    report(rows, out)
    model, threshold = fit(rows)
    coef = model.coef_[0]
    k = len(SUPPORT_FEATURES)
    out.write(f"all sets: threshold {threshold:.3f}; " + ", ".join(f"{n} {w:+.2f}" for n, w in zip(SUPPORT_FEATURES, coef[:k], strict=True)) + "\n")
    if write:
        target = path or SUPPORT_WEIGHTS_FILE
        target.write_text(json.dumps({
            "features": list(SUPPORT_FEATURES), "weights": [round(float(w), 6) for w in coef[:k]],
            "meaning": [round(float(w) * MEANING_SCALE, 6) for w in coef[k:]], "intercept": round(float(model.intercept_[0]), 6),
            "accept_at": round(threshold, 6), "embedder": embedder.name, "false_drop": FALSE_DROP, "C": C, "sets": TRAIN_SETS, "pairs": len(rows),
        }, indent=1) + "\n", encoding="utf-8")
        out.write(f"wrote {target}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main("--no-write" not in sys.argv))
