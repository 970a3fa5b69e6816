"""`ecr-tui upstream REPO[:TAG] ...`: does each cached tag of a pull-through-cache repository
still match its upstream ("upstream moved")? The upstream is read anonymously, with a HEAD."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ecr_tui.cli.target import target

HEADERS = ("REPOSITORY", "TAG", "UPSTREAM", "STATUS", "CACHED", "UPSTREAM DIGEST")


def add_parser(command: Any) -> None:
    """`command(name, help)` makes a subparser with the common options and --json."""
    parser = command("upstream", "does a pull-through-cache repository's tag still match its "
                     "upstream (read anonymously, a HEAD: not a pull)")
    parser.add_argument("images", nargs="+", metavar="REPO[:TAG]",
                        help="a cached repository of the registry, e.g. docker-hub/library/nginx"
                        ":1.27 (no tag: latest)")


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.cli import output
    from ecr_tui.cli.inspect import image_reference
    from ecr_tui.core.ecr.upstream import UNREACHABLE, check_upstream

    profile, region = target(backend, args)
    wanted = [image_reference(argparse.Namespace(image=text)) for text in args.images]
    rules = backend.pull_through_cache_rules(profile, region)
    pool = backend.executor()
    futures = [pool.submit(check_upstream, backend, profile, region, repository, tag, rules)
               for repository, tag in wanted]
    checks = [f.result() for f in futures]
    if args.json:
        output.to_json(checks, out)
    else:
        output.table(HEADERS, [
            [c.repository, c.tag, c.upstream,
             c.status + (f" ({c.reason})" if c.status == UNREACHABLE else ""),
             c.cached_digest[7:19], c.upstream_digest[7:19]] for c in checks], out)
    return 0
