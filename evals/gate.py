"""The gate: the report's gated numbers as dotted names, checked against thresholds.toml, and how
that file's limits are proposed from a dev run (`poems-assistant thresholds REPORT [--write]`).

Only dev reports are accepted: thresholds fitted to heldout numbers would be tuning on heldout.
Run it after an improvement so the gate keeps it; review the diff like any other change.
"""

from __future__ import annotations

import json
import math
import tomllib
from pathlib import Path
from typing import Sequence

from evals.scoring import RETRIEVAL_KEYS

THRESHOLDS_PATH = Path(__file__).resolve().parent / "thresholds.toml"


def flatten(report: dict) -> dict[str, float]:
    """The gated numbers, as dotted names (the keys thresholds.toml uses)."""
    p = report["project"]
    flat: dict[str, float] = {}
    for k in RETRIEVAL_KEYS:
        flat[f"retrieval.{k}"] = p["retrieval"][k]
    for k in ("fact_completeness", "all_facts_rate", "citation_validity", "citation_support", "mean_words",
              "p95_words", "reading_grade", "pass_rate"):
        flat[f"answers.{k}"] = p["answers"][k]
    flat["abstention.accuracy"] = p["abstention"]["accuracy"]
    flat["abstention.over_refusal"] = p["abstention"]["over_refusal"]
    for f, prf in p["safety"].items():
        flat[f"safety.{f}.precision"] = prf["precision"]
        flat[f"safety.{f}.recall"] = prf["recall"]
    flat["latency.p50_ms"] = p["latency"]["p50_ms"]
    flat["latency.p95_ms"] = p["latency"]["p95_ms"]
    flat["errors"] = p["errors"]
    for kind, entry in report["per_kind"].items():
        flat[f"kinds.{kind}.pass_rate"] = entry["pass_rate"]
    if report.get("gain"):
        for k, v in report["gain"].items():
            flat[f"gain.{k}"] = v
    return flat


def check_gate(flat: dict[str, float], thresholds: dict, skip_prefixes: Sequence[str] = ()) -> list[str]:
    """Each crossed threshold as a line; a gated metric missing from the report fails too (no silent pass)."""
    problems = []
    for bound, table in (("min", thresholds.get("min", {})), ("max", thresholds.get("max", {}))):
        for name, limit in table.items():
            if name not in flat:
                if not any(name.startswith(p) for p in skip_prefixes):
                    problems.append(f"{name}: not measured (threshold {bound} {limit})")
                continue
            value = flat[name]
            if bound == "min" and value < limit:
                problems.append(f"{name} = {value} is below the minimum {limit}")
            if bound == "max" and value > limit:
                problems.append(f"{name} = {value} is above the maximum {limit}")
    return problems


def load_thresholds(path: Path = THRESHOLDS_PATH) -> dict:
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- proposing thresholds

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
        f"# Set by `poems-assistant thresholds` from the dev run of {meta['started']} ({meta['n_cases']} cases):",
        f"# quality limits sit {RATE_MARGIN} under the measurement so any regression fails; latency has headroom",
        "# for shared CI machines. Never set these from a heldout run (see evals/README.md).",
        "",
        "[min]",
    ]
    lines += [f'"{k}" = {v}' for k, v in th["min"].items()]
    lines += ["", "[max]"]
    lines += [f'"{k}" = {v}' for k, v in th["max"].items()]
    return "\n".join(lines) + "\n"


def from_report(report_path: Path) -> str:
    """The thresholds.toml text proposed by a dev report.json; ValueError for a heldout report."""
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    return render(propose(report), report)
