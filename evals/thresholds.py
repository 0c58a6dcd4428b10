"""Write thresholds.toml from a dev report: limits just under (or over) what was measured.

    python -m evals.thresholds eval-out/report.json           # print the proposed thresholds
    python -m evals.thresholds eval-out/report.json --write   # replace evals/thresholds.toml

Only dev reports are accepted: thresholds fitted to heldout numbers would be tuning on heldout.
Run it after an improvement so the gate keeps it; review the diff like any other change.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from evals.run import THRESHOLDS_PATH

# The eval is deterministic on one machine (same model, index and cases), but float noise on
# another CPU can flip a near-tie; the margin absorbs one answerable case (1/97) and no more,
# so two cases changing for the worse fail the gate.
RATE_MARGIN = 0.011

MIN_PREFIXES = ("retrieval.", "answers.fact_completeness", "answers.all_facts_rate", "answers.citation_validity",
                "answers.citation_support", "answers.pass_rate", "abstention.accuracy", "safety.", "kinds.")


def _floor(x: float, digits: int = 3) -> float:
    f = 10 ** digits
    return math.floor(x * f) / f


def _ceil(x: float, digits: int = 3) -> float:
    f = 10 ** digits
    return math.ceil(x * f) / f


def propose(report: dict) -> dict:
    """Thresholds for every gated metric of a dev report: {'min': {...}, 'max': {...}}."""
    if report["meta"]["split"] != "dev":
        raise ValueError(f"thresholds come from dev runs only, not {report['meta']['split']!r}")
    m = report["metrics"]
    mins = {k: max(0.0, _floor(v - RATE_MARGIN)) for k, v in m.items() if k.startswith(MIN_PREFIXES)}
    # A gain over the baseline may be negative on some metric; keep its sign, still allow no regression.
    mins |= {k: _floor(v - RATE_MARGIN) for k, v in m.items() if k.startswith("gain.")}
    maxs = {
        "abstention.over_refusal": min(1.0, _ceil(m["abstention.over_refusal"] + RATE_MARGIN)),
        "answers.reading_grade": round(m["answers.reading_grade"] + 0.5, 1),
        "answers.mean_words": round(m["answers.mean_words"] * 1.15, 0),
        "answers.p95_words": round(m["answers.p95_words"] * 1.15, 0),
        # Latency depends on the machine and its load: headroom for a busy 2-core CI box, still
        # tight enough to catch an order-of-magnitude slowdown (e.g. a model reloaded per question).
        "latency.p95_ms": float(max(round(m["latency.p95_ms"] * 3, -1), 2000.0)),
        "errors": 0,
    }
    return {"min": dict(sorted(mins.items())), "max": maxs}


def render(th: dict, report: dict) -> str:
    """TOML text with a header saying where the numbers came from."""
    meta = report["meta"]
    lines = [
        "# Gate for `poems-assistant eval` (CI runs it on the dev split). Keys name metrics in report.json → metrics.",
        "# [min]: fail when the measured value is below the limit. [max]: fail when it is above.",
        f"# Set by `python -m evals.thresholds` from the dev run of {meta['started']} ({meta['n_cases']} cases):",
        f"# quality limits sit {RATE_MARGIN} under the measurement so any regression fails; latency has headroom",
        "# for shared CI machines. Never set these from a heldout run (see evals/README.md).",
        "",
        "[min]",
    ]
    lines += [f'"{k}" = {v}' for k, v in th["min"].items()]
    lines += ["", "[max]"]
    lines += [f'"{k}" = {v}' for k, v in th["max"].items()]
    return "\n".join(lines) + "\n"


def cli(argv=None) -> int:
    """`python -m evals.thresholds REPORT [--write]`."""
    ap = argparse.ArgumentParser(prog="python -m evals.thresholds", description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path, help="report.json of a dev run")
    ap.add_argument("--write", action="store_true", help=f"replace {THRESHOLDS_PATH}")
    args = ap.parse_args(argv)
    report = json.loads(args.report.read_text(encoding="utf-8"))
    try:
        text = render(propose(report), report)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.write:
        THRESHOLDS_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {THRESHOLDS_PATH}")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(cli())
