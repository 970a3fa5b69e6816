"""The command line: one module per command (`profiles`, `password`, `login`, `repos`, `tags`,
`inspect`, `findings`, `fleet`, `find`, `rules`, `helper`, `agent`, `config`, `completion`,
`status`), the argument parser (`parser`), the output helpers (`output`) and the way out (`leave`).
It may import the core, the demo backend and, to start the TUI, `ecr_tui.ui.app`. This
`__init__` holds the console scripts' entry points and imports nothing at import time:
the TUI's first frame must not pay for the commands."""

from __future__ import annotations

from typing import NoReturn


def entry() -> NoReturn:
    """`ecr-tui` and `python3 -m ecr_tui`."""
    from ecr_tui.cli.main import entry as run

    run()


def credential_helper_entry() -> NoReturn:
    """`docker-credential-ecr-tui`."""
    from ecr_tui.credential_helper import entry as run

    run()
