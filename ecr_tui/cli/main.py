"""`ecr-tui`: the TUI with no subcommand, its scriptable twin with one (each command in a module
of its own, imported only when it runs).

Imports stay inside the commands: `ecr-tui password` must start as fast as a bare boto3
script, and no CLI path may import textual.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from ecr_tui.cli.parser import build_parser, parse_quick_args
from ecr_tui.core.login.terminal_mfa import terminal_mfa_prompt as _terminal_mfa_prompt

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from ecr_tui.core.store.settings import Settings

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _backend(args: argparse.Namespace) -> Any:
    if args.demo:
        from ecr_tui.demo.backend import DemoBackend

        return DemoBackend(allow_writes=args.allow_writes)
    from ecr_tui.core.aws.backend import AwsBackend

    backend = AwsBackend(profile=args.profile, region=args.region,
                         allow_writes=args.allow_writes)
    if args.command:  # the TUI installs its own in-app prompt
        backend.set_mfa_prompt(_terminal_mfa_prompt)
    return backend


def _command(name: str) -> Callable[[argparse.Namespace, Any, TextIO], int]:
    """The command's `run`, imported only when it runs: each command pays for its own imports."""
    match name:
        case "password":
            from ecr_tui.cli.password import run
        case "profiles":
            from ecr_tui.cli.profiles import run
        case "fleet":
            from ecr_tui.cli.fleet import run
        case "find":
            from ecr_tui.cli.find import run
        case "login":
            from ecr_tui.cli.login import run
        case "regions":
            from ecr_tui.cli.regions import run
        case "repos":
            from ecr_tui.cli.repos import run
        case "tags":
            from ecr_tui.cli.tags import run
        case "inspect":
            from ecr_tui.cli.inspect import run
        case "findings":
            from ecr_tui.cli.findings import run
        case "rules":
            from ecr_tui.cli.rules import run
        case "helper":
            from ecr_tui.cli.helper import run
        case "status":
            from ecr_tui.cli.status import run
        case "tag" | "untag" | "delete":
            from ecr_tui.cli.writes import run
        case "audit":
            from ecr_tui.cli.audit import run
        case "usage":
            from ecr_tui.cli.usage import run
        case "lifecycle":
            from ecr_tui.cli.lifecycle import run
        case "doctor":
            from ecr_tui.cli.doctor import run
        case "upstream":
            from ecr_tui.cli.upstream import run
        case "copy":
            from ecr_tui.cli.copy import run
        case "agent":
            from ecr_tui.cli.agent import run
        case _:
            raise AssertionError(name)
    return run


def _run_command(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "config":
        from ecr_tui.cli import config

        return config.run(args, settings, sys.stdout, sys.stderr)
    if args.command == "completion":
        from ecr_tui.cli.completion import script

        sys.stdout.write(script(args.shell))
        return EXIT_OK
    for warning in settings.warnings:
        sys.stderr.write(f"ecr-tui: warning: {warning}\n")
    if args.command == "login":
        args.engine = args.engine or settings.engine
    backend = _backend(args)
    from ecr_tui.cli import public

    run = public.run if public.wanted(args) else _command(args.command)
    status = run(args, backend, sys.stdout)
    if args.command in ("login", "status"):
        _state_warning(backend)
    return status


def _state_warning(backend: Any) -> None:
    """The login record's problem (corrupt: moved aside; unreadable), once on stderr."""
    warning = backend.state_warning()
    if warning:
        sys.stderr.write(f"ecr-tui: warning: {warning}\n")


def _clear_seconds(args: argparse.Namespace, settings: Settings) -> float:
    """--clipboard-clear, then the environment, then config.toml, then the built-in 60 s."""
    from ecr_tui.core.login.clipboard import CLEAR_ENV, clear_delay

    configured = settings.clipboard_clear_seconds
    unset = args.clipboard_clear is None and not os.environ.get(CLEAR_ENV, "").strip()
    if unset and configured is not None:
        return configured
    return clear_delay(os.environ, args.clipboard_clear)


def _run_tui(args: argparse.Namespace, settings: Settings) -> int:
    from ecr_tui.ui.gc_tuning import pause_until_first_frame

    pause_until_first_frame()  # Textual's imports and the first screen: objects for good
    clipboard_clear = _clear_seconds(args, settings)
    if args.debug:
        from pathlib import Path

        from ecr_tui.core.logsetup import enable_debug

        state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
        (state / "ecr-tui").mkdir(parents=True, exist_ok=True, mode=0o700)
        enable_debug(path=state / "ecr-tui" / "debug.log")
    from ecr_tui.core.store.memory import MemoryStore
    from ecr_tui.ui.app import make_app

    backend = _backend(args)
    make_app(
        backend, profile=args.profile, region=args.region, clipboard_clear=clipboard_clear,
        settings=settings, memory=MemoryStore(persist=backend.workstation().keeps_memory()),
    ).run()
    return EXIT_OK


def entry() -> NoReturn:
    """The `ecr-tui` console script: `main`, then out without Python's shutdown."""
    from ecr_tui.cli.leave import run_and_leave

    run_and_leave(lambda: main(leaving=True))


def main(argv: list[str] | None = None, *, leaving: bool = False) -> int:
    """leaving: the console script's run, which ends with os._exit (cli/leave.py)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["__complete"]:
        from ecr_tui.cli.completion import complete

        return complete(argv[1:])
    args = parse_quick_args(argv) or build_parser().parse_args(argv)
    if leaving:  # the console script's run: its collector, chosen as early as can be
        from ecr_tui.ui.gc_tuning import collector_for

        collector_for(args.command)
    from ecr_tui.core.store.settings import load_settings

    settings = load_settings()  # the one place settings are read
    args.allow_writes = args.allow_writes or settings.writes  # the writes switch, either way
    if args.debug and args.command:
        from ecr_tui.core.logsetup import enable_debug

        enable_debug(stream=sys.stderr)
    try:
        return _run_command(args, settings) if args.command else _run_tui(args, settings)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - one line for the user, details with --debug
        from ecr_tui.core.errors import EcrTuiError

        if args.debug:
            import logging

            logging.getLogger("ecr_tui").debug("command failed", exc_info=True)
        text = str(exc) if isinstance(exc, EcrTuiError) else f"unexpected {type(exc).__name__}"
        if not isinstance(exc, EcrTuiError) and not args.debug:
            text += " (run with --debug for details)"
        sys.stderr.write(f"ecr-tui: error: {text}\n")
        return EXIT_ERROR
