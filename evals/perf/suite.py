"""`poems-assistant bench`: latency, cold start, ingest, memory and load, as medians with spreads.

Runs the in-process benchmarks (`evals.perf.bench`), the chat under load (`evals.perf.loadtest`)
and optionally the 1k-10k chunk scale run (`evals.perf.scale`), and prints every figure beside
its target. Load averages are printed with the table: a figure taken on a busy machine means
little alone. Tests never assert on these numbers; a miss is reported, not raised.

    poems-assistant bench                 # full run, about 5 minutes on 2 cores
    poems-assistant bench --quick         # CI smoke, fewer repetitions
    poems-assistant bench --scale --out bench-out   # adds the 1k-10k chunk growth table (slow)
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from core.config import Config, apply_offline_env
from evals.perf.bench import (
    TARGETS,
    Figure,
    Reps,
    bench_cold_cli,
    bench_ingest,
    bench_warm_latency,
    format_table,
    markdown_table,
)
from evals.perf.loadtest import load_test_with_server
from evals.perf.measure import loadavg, machine, summarize
from evals.perf.scale import QUICK_SIZES, SIZES, growth_table, run_scale


def bench_serving(config: Config, reps: Reps, log: Callable[[str], None], users: int = 20) -> tuple[list[Figure], dict]:
    """Serve the chat from a subprocess, drive it with `users` gradio_client users, read its peak RSS."""
    result = load_test_with_server(config, users=users, per_user=reps.load_per_user, log=log, warmup=reps.serve_warmup)
    lat = summarize(result["latencies_s"])
    how = (f"{users} gradio_client users at once, {reps.load_per_user} gold questions each, /ask API; "
           f"queue default_concurrency_limit={result.get('concurrency')}")
    paced = result.get("paced") or {}
    pl = summarize(paced.get("latencies_s", []))
    cpu = (f"; CPU per request: server {result.get('server_cpu_ms_per_request') or 0:.0f} ms, "
           f"gradio_client users {result.get('client_cpu_ms_per_request') or 0:.0f} ms")
    errors = result["errors"] + paced.get("errors", 0)
    samples = result["error_samples"] + paced.get("error_samples", [])
    figures = [
        Figure("load_p95_s", f"{users} concurrent users p95 (burst)", lat["p95"], "s", TARGETS["load_p95_s"],
               f"{how}, all fired at once; p50 {lat['p50'] or 0:.3f} s, max {lat['max'] or 0:.3f} s, "
               f"{result['throughput_rps']:.1f} req/s{cpu}", result["latencies_s"]),
        Figure("load_paced_p95_s", f"{users} concurrent users p95 (paced)", pl["p95"], "s", TARGETS["load_p95_s"],
               f"same users pausing {paced.get('think_s')} s before each question; p50 {pl['p50'] or 0:.3f} s, "
               f"max {pl['max'] or 0:.3f} s", paced.get("latencies_s", [])),
        Figure("load_errors", f"{users} concurrent users errors", float(errors), "",
               TARGETS["load_errors"], f"{result['requests'] + paced.get('requests', 0)} requests (both runs); "
               + ("; ".join(samples[:2]) if errors else "none failed")),
        Figure("serve_rss_mb", "Peak RSS while serving", result.get("server_peak_rss_mb"), "MB", TARGETS["serve_rss_mb"],
               "VmHWM of the chat process: model, index, Gradio, "
               f"{'every' if reps.serve_warmup is None else reps.serve_warmup} gold question(s) answered, then the load test"),
        Figure("serve_load_s", "Chat process start to ready", result.get("server_ready_s"), "s", None,
               "imports, model, index, safety fit and Gradio launch"),
    ]
    return figures, result


def run_bench(config: Config | None = None, quick: bool = False, scale: bool = False, out: Path | None = None,
         *, users: int = 20, log: Callable[[str], None] | None = None) -> int:
    """Run every benchmark, print the figures against their targets; 0 unless a measurement broke."""
    apply_offline_env()
    config = config or Config.from_env()
    reps = Reps.quick() if quick else Reps()
    started = time.perf_counter()
    say = log or (lambda m: print(f"[bench] {m}", file=sys.stderr, flush=True))
    load_before = loadavg()
    work = Path(tempfile.mkdtemp(prefix="poems-bench-"))
    figures: list[Figure] = []
    extra: dict = {}
    failures: list[str] = []
    try:
        from index.embed import load_embedder

        load_embedder(config)  # a first run exports the model to ONNX (once, ~10 s); not what we time
        t = time.perf_counter()
        embedder = load_embedder(config)
        embedder.embed(["warm up", "the model"])
        figures.append(Figure("model_load_s", "Embedding model load (in process)", time.perf_counter() - t, "s", None,
                              f"{type(embedder).__name__} plus one tiny batch"))
        live = None
        try:
            got, live = bench_ingest(config, embedder, reps, work, say)
            figures += got
        except Exception as exc:  # noqa: BLE001 - one broken part must not hide the others
            failures.append(f"ingest: {type(exc).__name__}: {exc}")
        if live is not None:
            try:
                got, _bot = bench_warm_latency(live, embedder, reps, say)
                figures += got
                del _bot
            except Exception as exc:  # noqa: BLE001
                failures.append(f"warm latency: {type(exc).__name__}: {exc}")
        cli_config = Config.from_env(corpus_dir=config.corpus_dir, index_dir=work / "index-cli", chroma_url="",
                                     model_cache_dir=config.model_cache_dir, embed_backend=config.embed_backend,
                                     feedback_db=work / "feedback.sqlite3", model_dir=config.model_dir,
                                     chunk_words=config.chunk_words, collection=config.collection)
        try:
            figures += bench_cold_cli(cli_config, reps, say)
        except Exception as exc:  # noqa: BLE001
            failures.append(f"cold CLI: {type(exc).__name__}: {exc}")
        try:
            got, extra["load"] = bench_serving(cli_config, reps, say, users=users)
            figures += got
            failed = extra["load"]["errors"] + extra["load"].get("paced", {}).get("errors", 0)
            if failed:
                failures.append(f"load test: {failed} failed request(s)")
        except Exception as exc:  # noqa: BLE001
            failures.append(f"serving: {type(exc).__name__}: {exc}")
        if scale:
            try:
                rows = run_scale(QUICK_SIZES if quick else SIZES, embedder=embedder, corpus_dir=config.corpus_dir,
                                 work=work / "scale", log=say, chunk_words=config.chunk_words,
                                 reuse_embeddings=not quick)
                extra["scale"] = rows
                top = rows[-1]
                figures.append(Figure("scale_ingest_s", f"Ingest {top['chunks']:,} chunks, cold", top["cold_ingest_s"], "s",
                                      TARGETS["scale_ingest_s"] if top["target_size"] >= 10_000 else None,
                                      f"{top['chunks_per_s']:.1f} chunks/s; {top.get('distinct_texts', top['texts']):,} distinct of "
                                      f"{top['texts']:,} texts at "
                                      f"{top['model_texts_per_s'] or 0:.0f} texts/s through the model"
                                      + (" (model time estimated, see growth table)" if top.get("cold_estimated") else "")
                                      + f"; store {top['store_s']:.0f} s measured"))
                figures.append(Figure("scale_query_p95_ms", f"Query p95 at {top['chunks']:,} chunks", top["p95_ms"], "ms",
                                      TARGETS["scale_query_p95_ms"] if top["target_size"] >= 10_000 else None,
                                      f"p50 {top['p50_ms']:.1f} ms; serving RSS {top['peak_rss_mb']:.0f} MB"))
            except Exception as exc:  # noqa: BLE001
                failures.append(f"scale: {type(exc).__name__}: {exc}")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    elapsed = time.perf_counter() - started
    info = machine()
    header = (f"POEMS assistant benchmark ({'quick' if quick else 'full'}), {elapsed:.0f} s; {info.get('cpus')} CPUs, "
              f"onnxruntime {info.get('onnxruntime', '?')}, load average {load_before} before, {loadavg()} after")
    print(header)
    print(format_table(figures))
    if "scale" in extra:
        print()
        print(growth_table(extra["scale"]))
    for f in failures:
        print(f"error: {f}")
    if out is not None:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        payload = {
            "quick": quick, "seconds": elapsed, "machine": machine(),
            "loadavg_before": load_before, "loadavg_after": loadavg(),
            "figures": [asdict(f) | {"status": f.status} for f in figures],
            "failures": failures, **{k: v for k, v in extra.items() if k != "load"},
            "load": {k: v for k, v in extra.get("load", {}).items()},
        }
        (out / "bench.json").write_text(json.dumps(payload, indent=2), encoding="utf-8")
        (out / "bench.md").write_text(header + "\n\n" + markdown_table(figures) + "\n", encoding="utf-8")
        print(f"wrote {out / 'bench.json'} and {out / 'bench.md'}")
    return 1 if failures else 0
