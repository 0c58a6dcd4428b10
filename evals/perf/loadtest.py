"""Bounded load test: N simultaneous gradio_client users asking the chat's /ask API on loopback.

    poems-assistant loadtest                      # starts the real chat on a free 127.0.0.1 port
    poems-assistant loadtest --url http://127.0.0.1:7860/ --users 20 --per-user 4

Everything is bounded: the number of users and questions is fixed, every request and the whole
run have deadlines, and a server started here listens on 127.0.0.1 only and exits on its own
after --max-seconds even if this process dies. The server answers the gold questions once before
it reports ready (all of them unless --warmup says fewer), so its peak RSS covers a full pass plus the load,
then takes one request through Gradio (its first-request imports) and forgets its cached query vectors.
"""

from __future__ import annotations

import json
import os
import queue
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence

from core.config import PROJECT_ROOT, Config
from evals.perf.measure import (
    child_env,
    clear_embed_cache,
    cpu_seconds,
    free_port,
    load_questions,
    module_cli_command,
    peak_rss_mb,
    rss_mb,
    summarize,
)

API = "/ask"
# Seconds a reader pauses before each question in the paced run (reading the last answer, typing).
PACED_THINK_S = (1.0, 4.0)


def client_tls_context() -> ssl.SSLContext:
    """One user's TLS settings, certificates verified as usual, built once when the user connects.

    gradio_client hands its `ssl_verify` to every httpx call it makes, and with plain True each
    call builds a fresh SSL context from the CA bundle: ~25 ms of CPU, twice per request (the POST
    and the event stream), even on http:// where TLS is never used. A real user pays that on
    their own machine; here 20 simulated users pay it on the 2 cores the server also needs, which
    measured the load generator rather than the chat. A context built once is what a long-lived
    client would use, and it verifies certificates exactly as True does.
    """
    return ssl.create_default_context()


def user_questions(questions: Sequence[tuple[str, list]], user: int, per_user: int) -> list[tuple[str, list]]:
    """The questions one simulated user asks: a distinct slice of the gold set per user."""
    n = len(questions)
    return [questions[(user * per_user + j) % n] for j in range(per_user)]


def run_load(url: str, questions: Sequence[tuple[str, list]], *, users: int = 20, per_user: int = 4,
             timeout_s: float = 180.0, connect_timeout_s: float = 60.0,
             think_s: tuple[float, float] | None = None, seed: int = 0) -> dict:
    """Start `users` threads, each with its own Client, release them together, time every answer.

    think_s=None fires every user's questions back to back (a burst: the worst case). A (lo, hi)
    range makes each user pause a random time in it before each question, as a reader would.
    """
    import random

    from gradio_client import Client

    results: list[tuple[float, str | None]] = []  # (seconds, error or None)
    lock = threading.Lock()
    ready = threading.Barrier(users + 1)
    deadline = [time.monotonic() + connect_timeout_s + timeout_s]

    def user(u: int) -> None:
        client = None
        try:
            # Nothing the API returns is a file, so there is nothing to download.
            client = Client(url, verbose=False, ssl_verify=client_tls_context(), download_files=False)
        except Exception as exc:  # noqa: BLE001 - a failed connection is a measured error
            with lock:
                results.extend((0.0, f"connect: {type(exc).__name__}: {exc}") for _ in range(per_user))
        try:
            ready.wait(timeout=connect_timeout_s)
        except threading.BrokenBarrierError:
            pass
        if client is None:
            return
        rng = random.Random(seed * 1000 + u)
        try:
            for q, history in user_questions(questions, u, per_user):
                if think_s:
                    time.sleep(min(rng.uniform(*think_s), max(0.0, deadline[0] - time.monotonic())))
                remaining = deadline[0] - time.monotonic()
                if remaining <= 0:
                    with lock:
                        results.append((0.0, "deadline passed before the request was sent"))
                    continue
                t = time.perf_counter()
                try:
                    out = client.submit(q, history, api_name=API).result(timeout=remaining)
                    err = None if isinstance(out, dict) and out.get("answer") else f"empty answer: {str(out)[:80]}"
                except Exception as exc:  # noqa: BLE001
                    err = f"{type(exc).__name__}: {str(exc)[:120]}"
                with lock:
                    results.append((time.perf_counter() - t, err))
        finally:
            try:
                client.close()
            except Exception:  # noqa: BLE001 - closing is best effort
                pass

    threads = [threading.Thread(target=user, args=(u,), daemon=True, name=f"load-user-{u}") for u in range(users)]
    for th in threads:
        th.start()
    try:
        ready.wait(timeout=connect_timeout_s)
    except threading.BrokenBarrierError:
        pass
    start = time.perf_counter()
    cpu_start = cpu_seconds()
    deadline[0] = time.monotonic() + timeout_s
    for th in threads:
        th.join(timeout=max(0.0, deadline[0] - time.monotonic()) + 5.0)
    wall = time.perf_counter() - start
    cpu_end = cpu_seconds()
    with lock:
        done = list(results)
    missing = users * per_user - len(done)
    latencies = [s for s, e in done if e is None]
    errors = [e for _, e in done if e is not None] + ["no answer before the deadline"] * max(0, missing)
    s = summarize(latencies)
    return {
        "users": users, "per_user": per_user, "think_s": list(think_s) if think_s else None,
        "requests": users * per_user, "ok": len(latencies),
        "errors": len(errors), "error_samples": sorted(set(errors))[:5], "latencies_s": latencies,
        "p50_s": s["p50"], "p95_s": s["p95"], "max_s": s["max"], "wall_s": wall,
        "throughput_rps": len(latencies) / wall if wall > 0 else 0.0,
        # CPU this process (the simulated users) burnt while the requests ran, clients already connected
        "client_cpu_ms_per_request": ((cpu_end - cpu_start) * 1000 / (users * per_user)
                                      if cpu_start is not None and cpu_end is not None else None),
    }


# ---------------------------------------------------------------- the server side


def serve(config: Config, port: int, *, concurrency: int | None = None, max_seconds: float = 900.0,
          warmup: int | None = None) -> int:
    """Child-process mode: load the chat, answer every gold question, serve on 127.0.0.1 until told to quit."""
    t0 = time.perf_counter()
    # The watchdog ends this process even when the parent is killed and never says "quit".
    watchdog = threading.Timer(max_seconds, lambda: os._exit(3))
    watchdog.daemon = True
    watchdog.start()

    import app as chat_app
    from assistant import Assistant
    from feedback import FeedbackStore

    bot = Assistant.from_config(config)
    for q, h in load_questions()[:warmup]:
        bot.ask(q, h)
    if concurrency is not None:
        chat_app.DEFAULT_CONCURRENCY = concurrency  # launch() reads it when it sets up the queue
    demo = chat_app.build_app(bot, FeedbackStore(config.feedback_db), config, stream_delay_s=0)
    _, url, _ = chat_app.launch(demo, host="127.0.0.1", port=port, prevent_thread_lock=True, quiet=True)
    warm_request(url)
    # The warm-up filled the query-embedding cache with gold questions the users are about to ask;
    # forget them, so every measured answer pays for its embedding like a question never seen before.
    clear_embed_cache(bot.embedder)
    print(json.dumps({"ready": True, "url": url, "ready_s": time.perf_counter() - t0,
                      "concurrency": chat_app.DEFAULT_CONCURRENCY, "max_size": chat_app.QUEUE_MAX_SIZE}), flush=True)
    try:
        for line in sys.stdin:
            cmd = line.strip()
            if cmd == "rss":
                print(json.dumps({"peak_rss_mb": peak_rss_mb(), "rss_mb": rss_mb()}), flush=True)
            elif cmd == "quit":
                break
    finally:
        demo.close()
    return 0


def warm_request(url: str, question: str = "What is POEMS syndrome?") -> None:
    """Ask the running chat one question through gradio_client before the load is measured.

    A freshly started Gradio server pays one-time costs on its first API request (importing
    matplotlib for its backend guard, starting worker threads, first-use code paths): ~0.4 s that
    a chat which has been up for a while has already paid. Like the answerer warm-up above, this
    keeps that start-up cost out of the load, which measures the chat serving users.
    """
    from gradio_client import Client

    client = Client(url, verbose=False, ssl_verify=client_tls_context(), download_files=False)
    try:
        client.predict(question, [], api_name=API)
    finally:
        client.close()


def _read_json_line(lines: queue.Queue[str | None], timeout: float) -> dict:
    end = time.monotonic() + timeout
    while True:
        remaining = end - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no reply from the chat process within {timeout:.0f} s")
        line = lines.get(timeout=remaining)
        if line is None:
            raise RuntimeError("the chat process exited")
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)


def load_test_with_server(config: Config, *, users: int = 20, per_user: int = 4, concurrency: int | None = None,
                          log: Callable[[str], None] = print, start_timeout: float = 600.0,
                          timeout_s: float = 180.0, warmup: int | None = None,
                          paced: tuple[float, float] | None = PACED_THINK_S) -> dict:
    """Start the chat in a child process on a free loopback port, load it, read its peak RSS, stop it.

    Runs a burst (all users at once, no pauses) and then, unless paced is None, the same users with
    reading pauses between questions; the paced result is under the key "paced".
    """
    port = free_port()
    cmd = module_cli_command() + ["loadtest", "serve", "--port", str(port),
           "--max-seconds", str(int(start_timeout + timeout_s + 120))]
    if concurrency is not None:
        cmd += ["--concurrency", str(concurrency)]
    if warmup is not None:
        cmd += ["--warmup", str(warmup)]
    err = tempfile.TemporaryFile(mode="w+")  # Gradio and httpx are chatty; a full pipe would stall the child
    proc = subprocess.Popen(cmd, env=child_env(config), cwd=PROJECT_ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=err, text=True)
    stdin, stdout = proc.stdin, proc.stdout
    assert stdin is not None  # both pipes were asked for above
    assert stdout is not None
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        for line in stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    try:
        try:
            ready = _read_json_line(lines, start_timeout)
        except Exception:
            err.seek(0)
            raise RuntimeError(f"the chat did not start: {err.read()[-800:]}") from None
        log(f"chat ready at {ready['url']} after {ready['ready_s']:.1f} s "
            f"(queue default_concurrency_limit={ready['concurrency']}, max_size={ready['max_size']})")
        server_cpu = cpu_seconds(proc.pid)
        result = run_load(ready["url"], load_questions(), users=users, per_user=per_user, timeout_s=timeout_s)
        # Client and server share the CPU on loopback; their CPU per request says which side is the cost.
        server_cpu_after = cpu_seconds(proc.pid)
        if server_cpu is not None and server_cpu_after is not None and result["requests"]:
            result["server_cpu_ms_per_request"] = (server_cpu_after - server_cpu) * 1000 / result["requests"]
        log(f"load (burst): {result['ok']}/{result['requests']} ok, p50 {result['p50_s'] or 0:.3f} s, "
            f"p95 {result['p95_s'] or 0:.3f} s, errors {result['errors']}")
        if paced:
            result["paced"] = run_load(ready["url"], load_questions(), users=users, per_user=per_user,
                                       timeout_s=timeout_s, think_s=paced, seed=1)
            log(f"load (paced {paced[0]}-{paced[1]} s): {result['paced']['ok']}/{result['paced']['requests']} ok, "
                f"p50 {result['paced']['p50_s'] or 0:.3f} s, p95 {result['paced']['p95_s'] or 0:.3f} s, "
                f"errors {result['paced']['errors']}")
        stdin.write("rss\n")
        stdin.flush()
        mem = _read_json_line(lines, 30)
        result.update(server_peak_rss_mb=mem["peak_rss_mb"], server_rss_mb=mem["rss_mb"], server_ready_s=ready["ready_s"],
                      concurrency=ready["concurrency"], max_size=ready["max_size"])
        stdin.write("quit\n")
        stdin.flush()
        proc.wait(timeout=30)
        return result
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        err.close()


def run_against(url: str, *, users: int = 20, per_user: int = 4, timeout_s: float = 180.0,
                think: str | None = None) -> dict:
    """Load an already running chat at a loopback `url`; `think` is "LO,HI" seconds of pause per question."""
    from urllib.parse import urlparse

    from core.errors import ConfigError

    if urlparse(url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ConfigError("--url must be a loopback address: this tool only loads a chat on this machine")
    try:
        think_s = tuple(float(x) for x in think.split(",")) if think else None
    except ValueError:
        raise ConfigError(f"--think {think!r} is not LO,HI seconds, e.g. --think 1,4") from None
    if think_s is not None and len(think_s) != 2:
        raise ConfigError(f"--think {think!r} is not LO,HI seconds, e.g. --think 1,4")
    return run_load(url, load_questions(), users=users, per_user=per_user, timeout_s=timeout_s, think_s=think_s)


def summary(result: dict) -> dict:
    """The result without its per-request latency lists, for printing."""
    out = {k: v for k, v in result.items() if k != "latencies_s"}
    if "paced" in out:
        out["paced"] = {k: v for k, v in out["paced"].items() if k != "latencies_s"}
    return out
