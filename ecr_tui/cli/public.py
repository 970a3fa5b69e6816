"""`--public` on `password`, `login`, `repos` and `tags`: ECR Public. The token comes from
ecr-public in us-east-1 whatever the region; the registry is public.ecr.aws."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import argparse  # for the annotations: `password` starts without argparse

COMMANDS = ("password", "login", "repos", "tags")
_HELP = {
    "password": "the public.ecr.aws password (ecr-public GetAuthorizationToken, us-east-1), "
    "like `aws ecr-public get-login-password`",
    "login": "log the client in to public.ecr.aws (authenticated pulls: 10/s per account "
    "instead of 1/s per IP)",
    "repos": "your public repositories (ECR Public) with their catalog data",
    "tags": "every tag of one of your public repositories (DescribeImageTags)",
}


def add_options(choices: dict[str, argparse.ArgumentParser]) -> None:
    for name in COMMANDS:
        choices[name].add_argument("--public", action="store_true", help=_HELP[name])


def wanted(args: argparse.Namespace) -> bool:
    return args.command in COMMANDS and bool(getattr(args, "public", False))


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    match args.command:
        case "password":
            out.write(backend.public_token(_profile(backend, args)).password + "\n")
            return 0
        case "login":
            return _login(args, backend, out)
        case "repos":
            return _repos(args, backend, out)
        case _:
            return _tags(args, backend, out)


def _profile(backend: Any, args: argparse.Namespace) -> str:
    return str(args.profile or backend.default_profile())


def _login(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.core.errors import ConfigError, EcrTuiError
    from ecr_tui.core.humanize import login_line
    from ecr_tui.core.models import utcnow

    if args.region_list or args.login_set or args.registry_id:
        raise ConfigError("--public takes no --region, --set or --registry-id",
                          fix="public.ecr.aws is one registry: pass --profile only")
    profiles = args.profiles or [backend.default_profile()]
    failed = 0
    for profile in profiles:
        try:
            result = backend.public_login(profile, args.engine)
        except EcrTuiError as exc:
            failed += 1
            where = f"{profile}: " if len(profiles) > 1 else ""
            sys.stderr.write(f"ecr-tui: error: {where}{exc}\n")
            continue
        rec = result.record
        left = (rec.expires_at - utcnow()).total_seconds()
        out.write(login_line(rec.engine, rec.registry, left, result.message) + "\n")
    return 1 if failed else 0


def _repos(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.cli import output

    repos = backend.public_repositories(_profile(backend, args))
    if args.json:
        output.to_json(repos, out)
        return 0
    rows = [
        [r.name, r.uri, output.short_time(r.created_at),
         ", ".join(r.catalog.architectures) if r.catalog else "",
         r.catalog.description if r.catalog else ""]
        for r in repos
    ]
    output.table(("REPOSITORY", "URI", "CREATED", "ARCHITECTURES", "DESCRIPTION"), rows, out)
    return 0


def _tags(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.cli import output

    rows = backend.public_tags(_profile(backend, args), args.repository)
    if args.json:
        output.to_json(output.tag_json(rows), out)
    else:
        output.table(("TAG", "DIGEST", "PUSHED", "SIZE"),
                     [row[:4] for row in output.tag_rows(rows)], out)
    return 0
