"""The offline demo backend behind `--demo`: deterministic data, no network, no subprocess, no
file written (its Workstation only says what the real one would do). It implements the whole
Backend protocol (`backend`, with its per-domain calls in the `backend_*` mixins beside it)
and may import the core's shared modules and its plain domain packages, never the AWS backend
(`ecr_tui.core.aws`), the UI or the CLI."""
