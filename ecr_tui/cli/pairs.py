"""Which (profile, region) pairs the many-account commands (`profiles`, `fleet`, `find`, `login`)
run on: their options, SSO discovery when it is due, and the pairs the options name."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ecr_tui.core.errors import ConfigError
from ecr_tui.core.models import Target


def add_arguments(sub: Any, command: Any) -> None:
    """Add fleet and find, and the many-pair options of profiles and login."""
    profiles = sub.choices["profiles"]
    profiles.add_argument("--no-discover", action="store_true",
                          help="configured profiles only; no SSO portal call")
    profiles.add_argument("--refresh", action="store_true",
                          help="list SSO accounts and roles again (ignore the 24 h cache)")
    fleet = command("fleet", "account, repository count and token expiry of many "
                    "(profile, region) pairs at once", multi=True)
    add_scope(fleet)
    find = command("find", "find repositories or images across the fleet", multi=True)
    find.add_argument("query", help="name, part of one, glob, sha256:DIGEST or a full image "
                      "reference ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO[:TAG|@DIGEST]")
    add_scope(find)
    login = sub.choices["login"]
    login.add_argument("--set", dest="login_set", metavar="NAME",
                       help="log in to every pair of the login set NAME in config.toml")
    login.add_argument("--registry-id", action="append", default=[], metavar="ACCOUNT",
                       help="log in to ACCOUNT's registry in the same region with this "
                       "profile's token (repeatable)")


def add_scope(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--regions", help="comma-separated regions (default: the profiles' own)")
    parser.add_argument("--all-regions", action="store_true",
                        help="every ECR region of each profile's partition")
    parser.add_argument("--refresh", action="store_true", help="list SSO accounts again")


def warn(lines: Any) -> None:
    for line in lines:
        sys.stderr.write(f"ecr-tui: warning: {line}\n")


def discover(backend: Any, args: argparse.Namespace) -> None:
    """Discover SSO roles when asked to, or when the cache is missing or stale."""
    if getattr(args, "no_discover", False):
        return
    if getattr(args, "refresh", False) or not backend.discovery_is_fresh():
        warn(backend.discover_profiles(refresh=getattr(args, "refresh", False)).problems)


def chosen_pairs(backend: Any, args: argparse.Namespace) -> list[Target]:
    from ecr_tui.core.fleet.runner import backend_pairs
    from ecr_tui.core.store.settings import load_settings

    names = list(args.profiles or [])
    if not names:
        discover(backend, args)
    regions = [r.strip() for r in (args.regions or "").split(",") if r.strip()]
    regions += list(args.region_list or [])
    return backend_pairs(backend, names, regions, all_regions=args.all_regions,
                         preference=load_settings().sso_role_preference)


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
