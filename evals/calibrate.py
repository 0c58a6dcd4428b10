"""`python -m evals.calibrate`: the same as `poems-assistant calibrate` (the sweep is evals.calibration)."""

import sys

if __name__ == "__main__":
    from poems_cli import main

    main(["calibrate", *sys.argv[1:]])
