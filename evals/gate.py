"""The gate: the report's gated numbers as dotted names, checked against thresholds.toml, and how
that file's limits are proposed from a dev run (`poems-assistant thresholds REPORT [--write]`).

Only dev reports are accepted: thresholds fitted to heldout numbers would be tuning on heldout.
Run it after an improvement so the gate keeps it; review the diff like any other change.
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Sequence
from pathlib import Path

from evals.scoring import RETRIEVAL_KEYS

THRESHOLDS_PATH = Path(__file__).resolve().parent / "thresholds.toml"


def flatten(report: dict) -> dict[str, float]:
    """The gated numbers, as dotted names (the keys thresholds.toml uses), of every set that ran."""
    flat: dict[str, float] = {}
    if "project" in report:
        flat |= flatten_gold(report)
    if "patient" in report:
        flat |= flatten_patient(report["patient"])
    return flat


def flatten_gold(report: dict) -> dict[str, float]:
    """The gold set's gated numbers."""
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


# The gated measures, as `patient.<questions|conversations>.<name>` in report.json → metrics.
GATED_MIN = ("facts_all", "fact_completeness", "direct", "on_topic", "correct_refusal_rate")
GATED_MAX = ("orphan_rate", "blank_rate", "wrong_refusal_rate", "reading_grade_median")


def flatten_patient(section: dict) -> dict[str, float]:
    """The patient measures as dotted names (the keys thresholds.toml uses)."""
    flat: dict[str, float] = {}
    for group in ("questions", "conversations"):
        s = section[group]["summary"]
        for name in GATED_MIN + GATED_MAX + ("orphans", "blank", "wrong_refusals", "pass_rate"):
            if s.get(name) is not None:
                flat[f"patient.{group}.{name}"] = s[name]
    conv = section["conversations"]["summary"]
    flat["patient.conversations.followup_facts_all"] = conv["followup_facts_all"]
    flat["patient.conversations.switch_ratio"] = conv["switch"]["ratio"]
    for kind, s in section["questions"]["per_kind"].items():
        flat[f"patient.questions.kinds.{kind}.facts_all"] = s["facts_all"]
        flat[f"patient.questions.kinds.{kind}.direct"] = s["direct"]
        if s["reading_grade_median"] is not None:
            flat[f"patient.questions.kinds.{kind}.reading_grade_median"] = s["reading_grade_median"]
    return flat


def denominator(section: dict, name: str) -> int | None:
    """How many answers the flattened metric `name` is a rate over (None when it is not a rate)."""
    parts = name.split(".")
    if len(parts) != 3 or parts[0] != "patient":
        return None
    _, group, metric = parts
    return section.get(group, {}).get("summary", {}).get("denominators", {}).get(metric)


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


def applicable(thresholds: dict, sets: Sequence[str], split: str) -> tuple[dict, list[str]]:
    """The thresholds that apply to this run, and what was left out: the patient limits were set
    on the patient set's dev split and gate only that; a set that did not run is not gated."""
    def keep(name: str) -> bool:
        if name.startswith("patient."):
            return "patient" in sets and split == "dev"
        return "gold" in sets

    skipped = []
    if "gold" not in sets:
        skipped.append("gold set (not run)")
    if "patient" not in sets:
        skipped.append("patient set (not run)")
    elif split != "dev":
        skipped.append(f"patient set (its thresholds are for dev, this run is {split})")
    chosen = {bound: {k: v for k, v in thresholds.get(bound, {}).items() if keep(k)} for bound in ("min", "max")}
    return chosen, skipped


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
    mins: dict = {}
    maxs: dict = {}
    if "project" in report:
        mins |= {k: max(0.0, _floor(v - RATE_MARGIN)) for k, v in m.items() if k.startswith(MIN_PREFIXES)}
        # A gain over the baseline may be negative on some metric; keep its sign, still allow no regression.
        mins |= {k: _floor(v - RATE_MARGIN) for k, v in m.items() if k.startswith("gain.")}
        maxs |= {
            "abstention.over_refusal": min(1.0, _ceil(m["abstention.over_refusal"] + RATE_MARGIN)),
            "answers.reading_grade": round(m["answers.reading_grade"] + 0.5, 1),
            "answers.mean_words": round(m["answers.mean_words"] * 1.15, 0),
            "answers.p95_words": round(m["answers.p95_words"] * 1.15, 0),
            # Latency depends on the machine and its load: headroom for a busy 2-core CI box, still
            # tight enough to catch an order-of-magnitude slowdown (e.g. a model reloaded per question).
            "latency.p95_ms": float(max(round(m["latency.p95_ms"] * 3, -1), 2000.0)),
            "errors": 0,
        }
    if "patient" in report:
        pmin, pmax = propose_patient(report["patient"], m)
        mins |= pmin
        maxs |= pmax
    return {"min": dict(sorted(mins.items())), "max": maxs}


def _one_case(n: int | None) -> float:
    """The margin that absorbs one answer changing in a rate over n answers (never under RATE_MARGIN)."""
    return max(RATE_MARGIN, _ceil(1.0 / n) + 0.001) if n else RATE_MARGIN


def propose_patient(section: dict, m: dict) -> tuple[dict, dict]:
    """Limits for the patient set's headline measures (per-kind numbers are reported, not gated:
    with 5–30 questions a kind, one answer moves them by 3–20 points)."""
    mins, maxs = {}, {}
    for group in ("questions", "conversations"):
        for name in GATED_MIN + ("followup_facts_all", "switch_ratio"):
            key = f"patient.{group}.{name}"
            if key in m:
                mins[key] = max(0.0, _floor(m[key] - _one_case(denominator(section, key))))
        for name in GATED_MAX:
            key = f"patient.{group}.{name}"
            if key not in m:
                continue
            if name == "reading_grade_median":
                maxs[key] = round(m[key] + 0.5, 1)
            elif name == "blank_rate":
                maxs[key] = m[key]  # an empty answer is a defect like a crash, not noise: no new one passes
            else:
                maxs[key] = min(1.0, _ceil(m[key] + _one_case(denominator(section, key))))
    return mins, maxs


def render(th: dict, report: dict) -> str:
    """TOML text with a header saying where the numbers came from."""
    meta = report["meta"]
    counts = [f"{meta['n_cases']} gold cases"] if "project" in report else []
    if "patient" in report:
        counts.append(f"{meta['patient']['n_questions']} patient questions, {meta['patient']['n_turns']} conversation turns")
    lines = [
        "# Gate for `poems-assistant eval` (CI runs it on the dev split of both sets). Keys name metrics in report.json → metrics.",
        "# [min]: fail when the measured value is below the limit. [max]: fail when it is above.",
        f"# Set by `poems-assistant thresholds` from the dev run of {meta['started']} ({'; '.join(counts)}):",
        f"# gold-set quality limits sit {RATE_MARGIN} under the measurement so any regression fails; patient-set",
        "# limits sit one answer (1/n of the rate's count) away, blank answers at the measurement itself;",
        "# latency has headroom for shared CI machines.",
        "# patient.* limits gate the patient set's dev split only. Never set these from a heldout run (see evals/README.md).",
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
