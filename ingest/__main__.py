"""`python -m ingest`: the same as `poems-assistant ingest`, with the same options."""

import sys

from poems_cli import main

main(["ingest", *sys.argv[1:]])
