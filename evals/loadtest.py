"""`python -m evals.loadtest`: the same as `poems-assistant loadtest`, with the same options (code in evals/perf/)."""

import sys

if __name__ == "__main__":
    from poems_cli import main

    main(["loadtest", *sys.argv[1:]])
