"""Maintain the safety gate's package data (assistant/safety_data/).

    python -m assistant.safety --write-cache        # re-embed exemplars.jsonl into its vector cache
    python -m assistant.safety --write-known-words  # rebuild known_words.txt (typo tolerance)
"""

import argparse

from assistant.safety.classifier import write_exemplar_cache
from assistant.safety.spelling import build_known_words

parser = argparse.ArgumentParser(description="Maintain the safety gate's package data.")
parser.add_argument("--write-cache", action="store_true", help="re-embed exemplars.jsonl into its vector cache")
parser.add_argument("--write-known-words", action="store_true", help="rebuild known_words.txt from the guides")
args = parser.parse_args()
if args.write_cache:
    from core.config import Config
    from index.embed import load_embedder

    print(write_exemplar_cache(load_embedder(Config.from_env())))
if args.write_known_words:
    from core.config import Config

    print(build_known_words(Config.from_env().corpus_dir))
