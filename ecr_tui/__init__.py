"""ecr-tui: a terminal UI and CLI for Amazon ECR logins, tokens and images."""

import logging

__version__ = "0.1.0"

# Our log lines are for --debug only: without this, Python's last-resort handler would print
# warnings (with tracebacks) on the user's terminal; what the user must know is said in one line.
logging.getLogger("ecr_tui").addHandler(logging.NullHandler())
