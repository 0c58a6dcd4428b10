"""The report files of an eval run: report.json, report.md and the per-kind chart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evals.scoring import RETRIEVAL_KEYS


def write_report(report: dict, out: Path) -> None:
    """report.json, report.md and per_kind.png under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    (out / "report.md").write_text(render_markdown(report), encoding="utf-8")
    if "per_kind" in report:
        plot_per_kind(report, out / "per_kind.png")


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}"
    return str(v) if v is not None else "–"


def render_markdown(report: dict) -> str:
    """The human-readable report: each set's tables, then the gate, then every failure with its reasons."""
    meta = report["meta"]
    counts = []
    if "project" in report:
        counts.append(f"{meta['n_cases']} cases ({meta['n_answerable']} answerable)")
    if "patient" in report:
        pm = meta["patient"]
        counts.append(f"patient set: {pm['n_questions']} questions, {pm['n_conversations']} conversations ({pm['n_turns']} turns)")
    lines = [
        f"# POEMS assistant eval — split `{meta['split']}`",
        "",
        f"{'; '.join(counts)}, run {meta['started']}, {meta['seconds']:.0f} s. "
        f"Gate: **{'PASSED' if report['gate']['passed'] else 'FAILED'}**.",
    ]
    if "project" in report:
        lines += _gold_markdown(report)
    if "patient" in report:
        lines += patient_markdown(report["patient"])
    lines += ["", "## Gate", ""]
    g = report["gate"]
    lines += [f"- {x}" for x in g["failures"]] or ["All thresholds met."]
    if g.get("skipped"):
        lines.append(f"\n(Not gated this run: {', '.join(g['skipped'])}.)")
    if "project" in report:
        lines += ["", f"## Failures ({len(report['failures'])})", ""]
        for f in report["failures"]:
            lines.append(f"- **{f['id']}** ({f['kind']}) — {f['question']}")
            for r in f["reasons"]:
                lines.append(f"  - {r}")
    if "patient" in report:
        lines += patient_failures_markdown(report["patient"])
    return "\n".join(lines) + "\n"


def _gold_markdown(report: dict) -> list[str]:
    """The gold set's tables: retrieval, answers beside the baseline, safety, gains, ablations, per kind."""
    p = report["project"]
    b = report.get("baseline")
    lines = [
        "",
        "## Retrieval (answerable cases, relevance = chunk overlaps a gold passage)",
        "",
        "| pipeline | hit@1 | hit@3 | hit@5 | recall@5 | recall@10 | MRR | nDCG@10 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    rows = [("project (hybrid)", p["retrieval"])]
    if b:
        rows.append(("default LangChain baseline", b["retrieval"]))
    for name, r in rows:
        lines.append(f"| {name} | " + " | ".join(_fmt(r[k]) for k in RETRIEVAL_KEYS) + " |")
    a = p["answers"]
    lines += [
        "",
        "## Answers",
        "",
        "| metric | project | baseline |",
        "|---|---|---|",
        f"| fact completeness | {_fmt(a['fact_completeness'])} | {_fmt(b['answers']['fact_completeness']) if b else '–'} |",
        f"| all facts present | {_fmt(a['all_facts_rate'])} | {_fmt(b['answers']['all_facts_rate']) if b else '–'} |",
        f"| citation validity (quote verbatim) | {_fmt(a['citation_validity'])} | – |",
        f"| citation support (cited quote holds the fact) | {_fmt(a['citation_support'])} | – |",
        f"| mean words / p95 words | {a['mean_words']} / {a['p95_words']} | {b['answers']['mean_words'] if b else '–'} / – |",
        f"| reading grade (Flesch–Kincaid) | {_fmt(a['reading_grade'])} | – |",
        f"| abstention accuracy | {_fmt(p['abstention']['accuracy'])} | {_fmt(b['abstention']['accuracy']) if b else '–'} |",
        f"| over-refusal on answerable | {_fmt(p['abstention']['over_refusal'])} | 0.000 |",
        f"| latency p50 / p95 ms | {p['latency']['p50_ms']} / {p['latency']['p95_ms']} | "
        f"{(str(b['latency']['p50_ms']) + ' / ' + str(b['latency']['p95_ms'])) if b else '–'} (retrieval only) |",
        "",
        "## Safety flags (precision / recall over all cases of the split)",
        "",
        "| flag | tp | fp | fn | precision | recall |",
        "|---|---|---|---|---|---|",
    ]
    for f, prf in p["safety"].items():
        lines.append(f"| {f} | {prf['tp']} | {prf['fp']} | {prf['fn']} | {_fmt(prf['precision'])} | {_fmt(prf['recall'])} |")
    if report.get("gain"):
        lines += ["", "## Gain over the default LangChain baseline", ""]
        lines += [f"- {k}: {v:+.3f}" for k, v in report["gain"].items()]
    abl = report.get("ablations")
    if abl:
        lines += ["", "## Ablations", "", "| variant | chunks | hit@1 | hit@5 | recall@5 | MRR | nDCG@10 | fact completeness |",
                  "|---|---|---|---|---|---|---|---|"]
        for group, label in (("retrieval_mode", "mode"), ("chunk_words", "hybrid, chunk_words")):
            for name, r in abl.get(group, {}).items():
                lines.append(f"| {label}={name} | {r['chunks']} | {_fmt(r['hit@1'])} | {_fmt(r['hit@5'])} | {_fmt(r['recall@5'])} | "
                             f"{_fmt(r['mrr'])} | {_fmt(r['ndcg@10'])} | {_fmt(r.get('fact_completeness'))} |")
    lines += ["", "## Per kind", "", "| kind | n | pass rate | fact completeness | hit@5 | baseline facts | flag recall / refused |",
              "|---|---|---|---|---|---|---|"]
    for kind, e in report["per_kind"].items():
        lines.append(f"| {kind} | {e['n']} | {_fmt(e['pass_rate'])} | {_fmt(e.get('fact_completeness'))} | {_fmt(e.get('hit@5'))} | "
                     f"{_fmt(e.get('baseline_fact_completeness'))} | {_fmt(e.get('flag_recall', e.get('refused')))} |")
    lines += ["", "![per-kind scores](per_kind.png)"]
    return lines


_PATIENT_COLUMNS = (
    ("n", "n"), ("facts_all", "all facts"), ("fact_completeness", "fact completeness"), ("direct", "direct"),
    ("on_topic", "on topic"), ("orphans", "orphans"), ("blank", "blank"), ("wrong_refusals", "wrong refusals"),
    ("correct_refusal_rate", "correct refusals"), ("reading_grade_median", "median grade"), ("hit@5", "hit@5"),
)


def _patient_table(rows: list[tuple[str, dict]]) -> list[str]:
    out = ["| | " + " | ".join(label for _, label in _PATIENT_COLUMNS) + " |",
           "|---" * (len(_PATIENT_COLUMNS) + 1) + "|"]
    for name, s in rows:
        cells = []
        for key, _ in _PATIENT_COLUMNS:
            v = s.get(key)
            if key == "correct_refusal_rate" and not s.get("n_unanswerable"):
                v = None  # no question of this group is one the guides leave out
            if key == "wrong_refusals":
                v = f"{v}/{s['n_answerable']}"
            cells.append(f"{v:.1f}" if key == "reading_grade_median" and v is not None else _fmt(v))
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    return out


def patient_markdown(section: dict) -> list[str]:
    """The patient set's tables: questions overall and per answer kind, conversations per turn type, switches."""
    q, c = section["questions"], section["conversations"]
    lines = [
        "", "## Patient-voice questions", "",
        "All facts and completeness over the questions the guides answer; direct = the first statement gives the "
        "core answer; on topic = share of cited sentences about the question (mean per answer); orphans = "
        "sentences leaning on one not shown; blank = no text or citation and no refusal or flag. "
        "Definitions: evals/answer_quality.py.",
        "",
    ]
    lines += _patient_table([("all questions", q["summary"])] + list(q["per_kind"].items()))
    cs = c["summary"]
    lines += ["", "## Patient-voice conversations", "",
              "Each turn asked with the real history (earlier questions and the assistant's own answers).", ""]
    lines += _patient_table([("all turns", cs)] + [(f"{t} turns", s) for t, s in c["per_type"].items()])
    sw = cs["switch"]
    lines += ["", f"- follow-up turns with all facts: {_fmt(cs['followup_facts_all'])}",
              f"- topic-switch turns against the same question asked alone: score ratio {_fmt(sw['ratio'])} "
              f"over {sw['n']} switches ({sw['worse']} worse in the conversation, {sw['better']} better)"]
    worse = [s for s in c["switches"] if s["in_conversation"] < s["alone"]]
    held = {t["id"] for t in c["turns"] if t.get("split") == "heldout"}
    for s in worse:
        said = "" if s["id"] in held else f" \"{s['question']}\""
        lines.append(f"  - {s['id']}{said}: {s['in_conversation']:.2f} in the conversation, {s['alone']:.2f} alone")
    return lines


def patient_failures_markdown(section: dict) -> list[str]:
    """Every patient question and turn that fell short, with its reasons and the start of its answer."""
    rows = [r for r in section["questions"]["cases"] + section["conversations"]["turns"] if not r["passed"]]
    lines = ["", f"## Patient-voice failures ({len(rows)})", ""]
    for r in rows:
        if r.get("split") == "heldout":
            # a held-out case is measured, never read: its id and how many things fell short, no words of it (the
            # list had shown a dozen held-out questions and answers to a developer reading the table above it)
            lines.append(f"- **{r['id']}** ({r['answer_kind']}, {r['turn_type']}) — held out: {len(r['reasons'])} shortfall(s)")
            continue
        lines.append(f"- **{r['id']}** ({r['answer_kind']}, {r['turn_type']}) — {r['question']}")
        for reason in r["reasons"]:
            lines.append(f"  - {reason}")
        lines.append(f"  - answer: {r['answer'][:200]!r}")
    return lines


def plot_per_kind(report: dict, path: Path) -> None:
    """Grouped bars per kind: pass rate and fact completeness, with the baseline's completeness beside."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kinds = list(report["per_kind"])
    series = [("pass rate", [report["per_kind"][k]["pass_rate"] for k in kinds])]
    series.append(("fact completeness", [report["per_kind"][k].get("fact_completeness", float("nan")) for k in kinds]))
    if report.get("baseline"):
        series.append(("baseline fact completeness", [report["per_kind"][k].get("baseline_fact_completeness", float("nan")) for k in kinds]))
    fig, ax = plt.subplots(figsize=(11, 4.5))
    width = 0.8 / len(series)
    for i, (label, vals) in enumerate(series):
        ax.bar([x + i * width for x in range(len(kinds))], vals, width, label=label)
    ax.set_xticks([x + width * (len(series) - 1) / 2 for x in range(len(kinds))])
    ax.set_xticklabels([f"{k}\n(n={report['per_kind'][k]['n']})" for k in kinds], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score")
    ax.set_title(f"POEMS assistant eval, split {report['meta']['split']}: per-kind scores")
    ax.legend(fontsize=8, loc="lower left")
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
