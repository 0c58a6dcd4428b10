"""`python -m evals.thresholds REPORT [--write]`: the same as `poems-assistant thresholds` (evals.gate proposes)."""

import sys

if __name__ == "__main__":
    from poems_cli import main

    main(["thresholds", *sys.argv[1:]])
