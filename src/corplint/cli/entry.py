"""The ``corplint`` command's entry point: the command line, imported under guard.

Importing the command line takes a few hundred milliseconds (rules, models,
rich); a Ctrl-C in that time must end the program as one during the run
does, with a message and exit code 2, not a traceback.
"""

from __future__ import annotations

import sys


def main() -> int:
    try:
        from corplint.cli.main import main as run

        return run()
    except KeyboardInterrupt:  # before the command line's own handling began, or after
        sys.stderr.write("corplint: interrupted\n")
        return 2
