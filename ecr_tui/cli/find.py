"""`ecr-tui find QUERY`: repositories or images across the fleet, by name, part of one, glob,
digest or a full image reference."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from ecr_tui.cli.pairs import chosen_pairs, discover


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.cli import output  # tables and JSON: not on the parser's path
    from ecr_tui.core.fleet.find import find_across, reference_pair, summary
    from ecr_tui.core.fleet.find_query import parse_query
    from ecr_tui.core.store.settings import load_settings

    query = parse_query(args.query)
    if query.outside is not None:  # no account holds it: nothing in the fleet to search
        from ecr_tui.core.errors import EcrTuiError

        raise EcrTuiError(f"{query.outside.text()} is outside the fleet's registries",
                          fix=f"ecr-tui tags {query.outside.host}/{query.outside.repository} "
                          "or ecr-tui inspect IMAGE read it anonymously")
    if query.account_id:
        if not args.profiles:
            discover(backend, args)
        pairs = [reference_pair(backend, query, args.profiles or (),
                                load_settings().sso_role_preference)]
    else:
        pairs = chosen_pairs(backend, args)
    results = list(find_across(backend, pairs, query))
    hits = sorted((h for r in results for h in r.hits),
                  key=lambda h: (h.repository, h.profile, h.region, h.tag or ""))
    if args.json:
        output.to_json(hits, out)
    else:
        output.table(("PROFILE", "ROLE", "ACCOUNT", "REGION", "REPOSITORY", "TAG", "DIGEST"),
                     output.find_rows(hits), out)
    failed = [r for r in results if r.error]
    searched = sum(r.repositories_searched for r in results)
    line = summary(query, len(hits), len(results), searched, len(failed))
    sys.stderr.write(f"ecr-tui: {line}\n")
    for r in failed:
        sys.stderr.write(f"ecr-tui: failed: {r.target.profile} {r.target.region}: {r.error}\n")
    return 0 if len(failed) < len(results) else 1
