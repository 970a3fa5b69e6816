"""The many-account commands: `profiles` with discovery, `fleet`, `find`, and `login` of many
registries. Called from cli.py; never imports textual."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from ecr_tui.core.errors import ConfigError, EcrTuiError
from ecr_tui.core.models import Target, utcnow

EXIT_OK, EXIT_ERROR = 0, 1


def add_arguments(sub: Any, command: Any) -> None:
    """Add fleet and find, and the many-pair options of profiles and login."""
    profiles = sub.choices["profiles"]
    profiles.add_argument("--no-discover", action="store_true",
                          help="configured profiles only; no SSO portal call")
    profiles.add_argument("--refresh", action="store_true",
                          help="list SSO accounts and roles again (ignore the 24 h cache)")
    fleet = command("fleet", "account, repository count and token expiry of many "
                    "(profile, region) pairs at once", multi=True)
    _scope(fleet)
    find = command("find", "find repositories or images across the fleet", multi=True)
    find.add_argument("query", help="name, part of one, glob, sha256:DIGEST or a full image "
                      "reference ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO[:TAG|@DIGEST]")
    _scope(find)
    login = sub.choices["login"]
    login.add_argument("--set", dest="login_set", metavar="NAME",
                       help="log in to every pair of the login set NAME in config.toml")
    login.add_argument("--registry-id", action="append", default=[], metavar="ACCOUNT",
                       help="log in to ACCOUNT's registry in the same region with this "
                       "profile's token (repeatable)")


def _scope(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--regions", help="comma-separated regions (default: the profiles' own)")
    parser.add_argument("--all-regions", action="store_true",
                        help="every ECR region of each profile's partition")
    parser.add_argument("--refresh", action="store_true", help="list SSO accounts again")


def _warn(lines: Any) -> None:
    for line in lines:
        sys.stderr.write(f"ecr-tui: warning: {line}\n")


def discover(backend: Any, args: argparse.Namespace) -> None:
    """Discover SSO roles when asked to, or when the cache is missing or stale."""
    if getattr(args, "no_discover", False):
        return
    if getattr(args, "refresh", False) or not backend.discovery_is_fresh():
        _warn(backend.discover_profiles(refresh=getattr(args, "refresh", False)).problems)


def run_profiles(backend: Any, args: argparse.Namespace, out: TextIO) -> int:
    from ecr_tui.cli import output  # tables and JSON: not on the parser's path

    discover(backend, args)
    profiles = backend.profiles(discovered=not args.no_discover)
    now = utcnow()
    if args.json:
        output.to_json(output.profile_json(profiles, now), out)
    else:
        output.table(("PROFILE", "KIND", "REGION", "EXPIRES IN", "SOURCE"),
                     output.profile_rows(profiles, now), out)
    return EXIT_OK


def _pairs(backend: Any, args: argparse.Namespace) -> list[Target]:
    from ecr_tui.core.fleet.runner import backend_pairs
    from ecr_tui.core.store.settings import load_settings

    names = list(args.profiles or [])
    if not names:
        discover(backend, args)
    regions = [r.strip() for r in (args.regions or "").split(",") if r.strip()]
    regions += list(args.region_list or [])
    return backend_pairs(backend, names, regions, all_regions=args.all_regions,
                         preference=load_settings().sso_role_preference)


def run_fleet(backend: Any, args: argparse.Namespace, out: TextIO) -> int:
    from ecr_tui.cli import output  # tables and JSON: not on the parser's path
    from ecr_tui.core.fleet.runner import answered, fleet_rows

    pairs = _pairs(backend, args)
    rows = sorted(fleet_rows(backend, pairs), key=lambda r: (r.profile, r.region))
    now = utcnow()
    if args.json:
        output.to_json(output.fleet_json(rows), out)
    else:
        output.table(("PROFILE", "ROLE", "ACCOUNT", "REGION", "REPOS", "TOKEN LEFT", "ERROR"),
                     output.fleet_rows(rows, now), out)
    return EXIT_OK if answered(rows) else EXIT_ERROR


def run_find(backend: Any, args: argparse.Namespace, out: TextIO) -> int:
    from ecr_tui.cli import output  # tables and JSON: not on the parser's path
    from ecr_tui.core.fleet.find import find_across, parse_query, reference_pair, summary
    from ecr_tui.core.store.settings import load_settings

    query = parse_query(args.query)
    if query.account_id:
        if not args.profiles:
            discover(backend, args)
        pairs = [reference_pair(backend, query, args.profiles or (),
                                load_settings().sso_role_preference)]
    else:
        pairs = _pairs(backend, args)
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
    return EXIT_OK if len(failed) < len(results) else EXIT_ERROR


def login_pairs(backend: Any, args: argparse.Namespace) -> list[Target]:
    """--set's pairs, then the cross product of every --profile and --region given."""
    from ecr_tui.core.store.settings import load_settings

    pairs: list[Target] = []
    if args.login_set:
        sets = load_settings().login_sets
        if args.login_set not in sets:
            known = ", ".join(sorted(sets)) or "none"
            raise ConfigError(f"no login set {args.login_set!r} (known: {known})",
                              fix="save one from the Fleet screen, or add it to config.toml")
        pairs += [Target(p.profile, p.region) for p in sets[args.login_set]]
    names = list(args.profiles or [])
    regions = list(args.region_list or [])
    if names or regions or not pairs:
        for name in names or [backend.default_profile()]:
            for region in regions or [None]:
                chosen = region or backend.default_region(name) or "us-east-1"
                pairs.append(Target(name, chosen))
    return list(dict.fromkeys(pairs))


def run_login(backend: Any, args: argparse.Namespace, out: TextIO) -> int:
    from ecr_tui.core.humanize import login_line

    pairs = login_pairs(backend, args)
    jobs = [(t, rid) for t in pairs for rid in (args.registry_id or [None])]
    failed = 0
    for target, registry_id in jobs:
        try:
            result = backend.login(target.profile, target.region, args.engine,
                                   registry_id=registry_id)
        except EcrTuiError as exc:
            failed += 1
            where = "" if len(jobs) == 1 else f"{target.profile} {target.region}: "
            sys.stderr.write(f"ecr-tui: error: {where}{exc}\n")
            continue
        rec = result.record
        left = (rec.expires_at - utcnow()).total_seconds()
        out.write(login_line(rec.engine, rec.registry, left, result.message) + "\n")
    if len(jobs) > 1:
        sys.stderr.write(f"ecr-tui: {len(jobs) - failed} of {len(jobs)} logged in\n")
    return EXIT_ERROR if failed else EXIT_OK
