"""Exit codes (0: clean, 1: findings, 2: an error) and the error that is the user's to correct."""

from __future__ import annotations

EXIT_CLEAN = 0


EXIT_FINDINGS = 1


EXIT_ERROR = 2


EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `... | head`


class UsageError(Exception):
    """Bad command-line usage that argparse cannot catch by itself."""
