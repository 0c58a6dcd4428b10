"""`poems-assistant ingest` / `python -m ingest`: build or update the index and print what happened."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.config import Config
from core.errors import PoemsError


def run(config: Config, rebuild: bool = False, out=None, err=None) -> int:
    """Ingest and print the report; returns the exit code (non-zero only when nothing was ingested)."""
    from ingest.pipeline import ingest

    out, err = out or sys.stdout, err or sys.stderr  # looked up now: test runners swap the streams

    try:
        report = ingest(config, rebuild=rebuild)
    except PoemsError as exc:
        print(f"error: {exc}", file=err)
        return 1
    for warning in report.skipped + report.warnings:
        print(f"warning: {warning}", file=err)
    print(
        f"files: {report.files}\nsections: {report.sections}\nchunks: {report.chunks}\n"
        f"embedded: {report.embedded}\nunchanged: {report.unchanged}\nremoved: {report.removed}\n"
        f"skipped: {len(report.skipped)}\ntime: {report.seconds:.2f} s",
        file=out,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m ingest`."""
    parser = argparse.ArgumentParser(prog="python -m ingest", description="Build or update the guide index.")
    parser.add_argument("--corpus", type=Path, default=None, help="folder of guides (default: corpus/)")
    parser.add_argument("--rebuild", action="store_true", help="re-embed everything")
    parser.add_argument("--allow-unlisted", action="store_true", help="also ingest guides manifest.toml does not list")
    args = parser.parse_args(argv)
    return run(Config.from_env(corpus_dir=args.corpus, allow_unlisted=args.allow_unlisted or None), rebuild=args.rebuild)
