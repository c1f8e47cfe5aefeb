"""The command-line edges write to pipes that may close early (``| head``): exit quietly then."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable

SIGPIPE_EXIT = 141  # 128 + SIGPIPE, what a shell reports for a tool stopped by a closed pipe


def run_piped(main: Callable[[], int]) -> int:
    """Run a CLI's ``main``; when the reader of stdout goes away, stop without a traceback."""
    try:
        code = main()
        sys.stdout.flush()  # a late failure to write is caught here, not at interpreter exit
        return code
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the exit-time flush has nowhere to fail
        return SIGPIPE_EXIT
