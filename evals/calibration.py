"""Calibrate the abstention thresholds on the DEV split only (heldout stays untouched).

    poems-assistant calibrate        (or python -m evals.calibrate)

Runs every answerable and must-abstain dev case once with abstention disabled, records each
answer's evidence score and whether the question holds words the guides never use, then prints
abstention recall and over-refusal for a grid of thresholds.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from core.config import Config
from evals.gold import ANSWERABLE, load_gold

LOWS = [0.35, 0.40, 0.45, 0.50]
HIGHS = [0.60, 0.62, 0.64, 0.66, 0.68, 0.70, 0.72]


def measure(config: Config) -> list[tuple[float, bool, bool, str]]:
    """(evidence, must_abstain, has_unknown_terms, id) per dev case."""
    from assistant import Assistant
    from assistant.compose_settings import ComposerSettings

    bot = Assistant.from_config(config, safety=False, settings=ComposerSettings.learned(abstain_below=-1, abstain_unknown_below=-1))
    cases = [c for c in load_gold(split="dev") if c.kind in ANSWERABLE | {"abstain"}]
    out = []
    for c in cases:
        answer = bot.ask(c.question, [dict(t) for t in c.history])
        out.append((answer.evidence, c.kind == "abstain", bool(bot.search.unknown_terms(c.question)), c.id))
    return out


def sweep(results, lows, highs) -> list[dict]:
    """Abstention recall and over-refusal for each (low, high) pair."""
    n_abstain = sum(1 for r in results if r[1]) or 1
    n_answer = sum(1 for r in results if not r[1]) or 1
    table = []
    for lo, hi in itertools.product(lows, highs):
        refused = [(e < lo) or (unk and e < hi) for e, _, unk, _ in results]
        table.append({
            "abstain_below": lo, "abstain_unknown_below": hi,
            "abstention_recall": sum(x and r[1] for x, r in zip(refused, results, strict=True)) / n_abstain,
            "over_refusal": sum(x and not r[1] for x, r in zip(refused, results, strict=True)) / n_answer,
        })
    return table


def run_calibration(config: Config, echo: Callable[[str], None] = print) -> int:
    """Measure the dev cases once and print the sweep table."""
    table = sweep(measure(config), LOWS, HIGHS)
    echo(f"{'low':>5} {'high':>5} {'abstain recall':>15} {'over-refusal':>13}")
    for row in table:
        echo(f"{row['abstain_below']:>5.2f} {row['abstain_unknown_below']:>5.2f} "
             f"{row['abstention_recall']:>15.2f} {row['over_refusal']:>13.3f}")
    return 0
