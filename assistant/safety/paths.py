"""Where the safety gate's package data lives (assistant/safety_data/).

Its own module, below everything in the package: the classifier reads the exemplars, the typo
tolerance reads the known words and rebuilds them from the exemplars, the thresholds sit beside them.
"""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "safety_data"
DEFAULT_EXEMPLARS = DATA_DIR / "exemplars.jsonl"
KNOWN_WORDS_FILE = DATA_DIR / "known_words.txt"
