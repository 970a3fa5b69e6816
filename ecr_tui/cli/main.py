"""`ecr-tui`: the TUI with no subcommand, its scriptable twin with one.

Imports stay inside the commands: `ecr-tui password` must start as fast as a bare boto3
script, and no CLI path may import textual.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from ecr_tui.cli.parser import build_parser, parse_tui_args
from ecr_tui.core.login.terminal_mfa import terminal_mfa_prompt as _terminal_mfa_prompt

if TYPE_CHECKING:
    import argparse

    from ecr_tui.core.store.settings import Settings

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
MANY_ACCOUNT_COMMANDS = ("profiles", "fleet", "find", "login")


def _backend(args: argparse.Namespace) -> Any:
    if args.demo:
        from ecr_tui.demo.backend import DemoBackend

        return DemoBackend()
    from ecr_tui.core.aws.backend import AwsBackend

    backend = AwsBackend(profile=args.profile, region=args.region)
    if args.command:  # the TUI installs its own in-app prompt
        backend.set_mfa_prompt(_terminal_mfa_prompt)
    return backend


def _target(backend: Any, args: argparse.Namespace) -> tuple[str, str]:
    profile = args.profile or backend.default_profile()
    return profile, backend.require_region(profile, args.region)


def _run_command(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "config":
        from ecr_tui.cli import config as config_cli

        return config_cli.run(args, settings, sys.stdout, sys.stderr)
    if args.command == "completion":
        from ecr_tui.cli.completion import script

        sys.stdout.write(script(args.shell))
        return EXIT_OK
    for warning in settings.warnings:
        sys.stderr.write(f"ecr-tui: warning: {warning}\n")
    out = sys.stdout
    backend = _backend(args)
    if args.command == "password":
        # The password alone, like `aws ecr get-login-password`, for `| docker login ...`;
        # before the imports the other commands need (tables, JSON): ~20 ms.
        profile, region = _target(backend, args)
        out.write(backend.token(profile, region).password + "\n")
        return EXIT_OK
    from ecr_tui.cli import output
    from ecr_tui.core.models import utcnow

    now = utcnow()
    if args.command in MANY_ACCOUNT_COMMANDS:
        from ecr_tui.cli import accounts as many_cli

        if args.command == "login":
            args.engine = args.engine or settings.engine
        run = {
            "profiles": many_cli.run_profiles, "fleet": many_cli.run_fleet,
            "find": many_cli.run_find, "login": many_cli.run_login,
        }[args.command]
        status = run(backend, args, out)
        if args.command == "login":
            _state_warning(backend)
        return status
    if args.command == "regions":
        profile = args.profile or backend.default_profile()
        found = backend.regions(profile)
        if args.json:
            output.to_json(found, out)
        else:
            output.table(("REGION", "PARTITION", "NAME"), output.region_rows(found), out)
        return EXIT_OK
    if args.command == "repos":
        profile, region = _target(backend, args)
        repos = backend.repositories(profile, region)
        if args.json:
            output.to_json(repos, out)
        else:
            output.table(
                ("REPOSITORY", "URI", "CREATED", "TAG MUTABILITY", "SCAN ON PUSH"),
                output.repo_rows(repos),
                out,
            )
        return EXIT_OK
    if args.command == "tags":
        profile, region = _target(backend, args)
        listing = backend.tag_listing(profile, region, args.repository)
        rows, warnings = listing.rows, listing.warnings
        for warning in warnings:
            sys.stderr.write(f"ecr-tui: warning: {warning}\n")
        if args.json:
            output.to_json(output.tag_json(rows), out)
        else:
            output.table(
                ("TAG", "DIGEST", "PUSHED", "SIZE", "PLATFORMS", "SCAN"), output.tag_rows(rows), out
            )
        return EXIT_OK
    if args.command in ("inspect", "findings"):
        from ecr_tui.cli.inspect import run

        run(args, backend, _target(backend, args), out)
        return EXIT_OK
    if args.command == "rules":
        from ecr_tui.cli import rules as rules_command

        profile, region = _target(backend, args)
        rules_command.run(
            backend, profile, region, as_json=args.json, pull_uri=args.pull_uri, out=out
        )
        return EXIT_OK
    if args.command == "helper":
        from ecr_tui.cli import helper as helper_command

        return helper_command.run(args, backend, out)
    if args.command == "status":
        from ecr_tui.cli.helper import helper_routes, helper_rows

        profiles = backend.profiles()
        logins = backend.recorded_logins()
        _state_warning(backend)
        routes = helper_routes(backend, os.environ)
        if args.json:
            output.to_json(
                {
                    "profiles": output.profile_json(profiles, now),
                    "logins": output.login_json(logins, now),
                    "helper": routes,
                },
                out,
            )
        else:
            output.table(
                ("PROFILE", "KIND", "REGION", "EXPIRES IN", "SOURCE"),
                output.profile_rows(profiles, now),
                out,
            )
            out.write("\n")
            output.table(
                ("PROFILE", "REGION", "REGISTRY", "ENGINE", "TOKEN LEFT", "LOGGED IN"),
                output.login_rows(logins, now),
                out,
            )
            if routes:
                out.write("\n")
                output.table(("ROUTED TO HELPER", "PROFILE", "VIA"), helper_rows(routes), out)
        return EXIT_OK
    raise AssertionError(args.command)


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
    from ecr_tui.ui.app import make_app

    backend = _backend(args)
    make_app(
        backend, profile=args.profile, region=args.region, clipboard_clear=clipboard_clear,
        settings=settings, memory=backend.workstation().memory(),
    ).run()
    return EXIT_OK


def entry() -> NoReturn:
    """The `ecr-tui` console script: `main`, then out without Python's shutdown."""
    from ecr_tui.cli.leave import run_and_leave

    run_and_leave(main)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["__complete"]:
        from ecr_tui.cli.completion import complete

        return complete(argv[1:])
    args = parse_tui_args(argv) or build_parser().parse_args(argv)
    from ecr_tui.core.store.settings import load_settings

    settings = load_settings()  # the one place settings are read
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
