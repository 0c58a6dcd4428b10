"""`python -m evals.scale`: the same as `poems-assistant scale`, with the same options (code in evals/perf/)."""

import sys

if __name__ == "__main__":
    from poems_cli import main

    main(["scale", *sys.argv[1:]])
