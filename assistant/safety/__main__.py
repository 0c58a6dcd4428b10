"""`python -m assistant.safety --write-cache`: re-embed exemplars.jsonl into its vector cache."""

import argparse

from assistant.safety.classifier import write_exemplar_cache

parser = argparse.ArgumentParser(description="Maintain the safety gate's package data.")
parser.add_argument("--write-cache", action="store_true", help="re-embed exemplars.jsonl into its vector cache")
if parser.parse_args().write_cache:
    from core.config import Config
    from index.embed import load_embedder

    print(write_exemplar_cache(load_embedder(Config.from_env())))
