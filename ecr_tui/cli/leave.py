"""Leaving a console script without Python's interpreter shutdown.

Once a command has written its answer, Python's own shutdown still joins every worker thread
(a DescribeImages page or a registry page in flight when the listing had already ended waits
for its answer, up to its timeout) and then tears down every module and frees botocore's
models object by object: 60-75 ms after `ecr-tui tags --json` wrote its last line, measured
here, more than a round trip to the registry. Nothing of ours needs that shutdown: no atexit
handler, no thread that writes a file (every file of ours is written whole, atomically, when
it changes). So the console scripts flush what is buffered and leave with `os._exit`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn


def leave(code: int) -> NoReturn:
    """Flush stdout, stderr and logging, then end the process with `code` at once."""
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        if stream is None:
            continue
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a reader that went away (broken pipe) or a stream already closed
    if "logging" in sys.modules:
        import logging

        logging.shutdown()
    os._exit(code)


def run_and_leave(main: Callable[[], int]) -> NoReturn:
    """A console script's entry point: `main()`, then `leave` with its exit code."""
    try:
        code = main()
    except SystemExit as exc:  # argparse's --help and usage errors
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            sys.stderr.write(f"{exc.code}\n")
            code = 1
    leave(code)
