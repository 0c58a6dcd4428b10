"""`python -m evals.run`: the same as `poems-assistant eval`, with the same options.

The eval itself lives in evals.runner (asking), evals.scoring, evals.report and evals.gate.
"""

import sys

if __name__ == "__main__":
    from poems_cli import main

    main(["eval", *sys.argv[1:]])
