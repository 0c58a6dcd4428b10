"""`python -m evals.bench`: the same as `poems-assistant bench`, with the same options (code in evals/perf/)."""

import sys

if __name__ == "__main__":
    from poems_cli import main

    main(["bench", *sys.argv[1:]])
