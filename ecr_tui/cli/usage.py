"""`ecr-tui usage IMAGE`: every ECS service, task and Lambda function of the scope running an
image, with drift; `ecr-tui usage REPO --unused`: the images of a repository nothing runs.

IMAGE is `REPO[:TAG|@DIGEST]` of the current registry (the first --profile, else the default
profile, in the first region given, else the profile's) or a full ECR reference; a bare REPO
shows every workload of the repository. The scope is the fleet's: --profile (repeatable),
--regions / --all-regions, else one read-only role per account in the profiles' regions.
Exit 0 when every pair answered (even with no rows), 1 when one failed (rows still printed, one
stderr line per failed pair)."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from ecr_tui.core.errors import ConfigError

HEADERS = ("KIND", "ACCOUNT", "REGION", "CLUSTER", "NAME", "TASK DEF", "CONTAINER", "DIGEST",
           "BY", "RUNNING", "DRIFT")


def add_parser(command: Any) -> None:
    """`command(name, help, multi=True)` makes a subparser with the common options and --json."""
    from ecr_tui.cli.pairs import add_scope

    usage = command("usage", "what runs an image: ECS services and tasks, Lambda functions, "
                    "across the fleet", multi=True)
    usage.add_argument("image", metavar="IMAGE",
                       help="REPO[:TAG|@DIGEST] of the current registry, or a full reference "
                       "ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO[:TAG|@DIGEST]")
    usage.add_argument("--unused", action="store_true",
                       help="list the repository's images no workload in scope runs")
    add_scope(usage)


def _registry(backend: Any, args: argparse.Namespace) -> tuple[str, str, str, str, str, str]:
    """(profile or "", account, region, repository, tag, digest) the argument names."""
    from ecr_tui.core.image_ref import parse_image_reference
    from ecr_tui.core.usage.matching import registry_reference

    text = args.image.strip()
    if "/" in text and parse_image_reference(text) is not None:
        ref = registry_reference(text)
        if ref is None or ref.registry is None:
            raise ConfigError(f"not an ECR image reference: {text!r}",
                              fix="write REPO[:TAG|@DIGEST] or "
                              "ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO[:TAG|@DIGEST]")
        return "", ref.registry.account_id, ref.registry.region, ref.repository, ref.tag, \
            ref.digest
    repository, tag, digest = _repository_reference(text)
    profile = (args.profiles or [None])[0] or args.profile or backend.default_profile()
    regions = [r.strip() for r in (args.regions or "").split(",") if r.strip()]
    region = backend.require_region(profile, (regions or args.region_list or [args.region])[0])
    return profile, backend.account_id(profile, region), region, repository, tag, digest


def _repository_reference(text: str) -> tuple[str, str, str]:
    repo, at, digest = text.partition("@")
    head, slash, last = repo.rpartition("/")
    name, colon, tag = last.partition(":")
    if not name or (at and not digest) or (colon and not tag):
        raise ConfigError(f"not an image reference: {text!r}",
                          fix="write REPO, REPO:TAG or REPO@sha256:...")
    return f"{head}{slash}{name}", tag, digest


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.cli import output
    from ecr_tui.cli.pairs import chosen_pairs
    from ecr_tui.core.usage.matching import select_rows
    from ecr_tui.core.usage.scan import repository_images, unused, usage_of
    from ecr_tui.core.usage_records import failures_by_cause

    profile, account, region, repository, tag, digest = _registry(backend, args)
    if args.unused and (tag or digest):
        raise ConfigError("--unused takes a repository, not an image",
                          fix=f"write `ecr-tui usage {repository} --unused`")
    pairs = chosen_pairs(backend, args)
    if profile:
        images = backend.images(profile, region, repository)
    else:
        images = repository_images(backend, pairs, account, region, repository)
    report = usage_of(backend, pairs, account, region, repository, images=images)
    for profile, regions, message in failures_by_cause(report.failures):
        # One line per cause, naming every failed pair of it (an expired session: one line).
        sys.stderr.write(f"ecr-tui: failed: {profile} {', '.join(regions)}: {message}\n")
    where = f"{account} {region} {repository}"
    scope = f"{report.pairs_scanned} (profile, region) pairs"
    if args.unused:
        idle = unused(report, images)
        if args.json:
            output.to_json([{"digest": i.digest, "tags": list(i.tags),
                             "pushed_at": i.pushed_at and i.pushed_at.isoformat(),
                             "last_pulled_at": i.last_pull and i.last_pull.isoformat()}
                            for i in idle], out)
        else:
            output.table(("DIGEST", "TAGS", "PUSHED", "LAST PULLED"), [
                [i.digest, ",".join(i.tags), output.short_time(i.pushed_at),
                 output.short_time(i.last_pull)] for i in idle], out)
        sys.stderr.write(f"ecr-tui: {len(idle)} of {len(images)} images of {where} unused; "
                         f"judged on {scope}"
                         + (f"; {len(report.failures)} failed: not a safe list\n"
                            if report.failures else "\n"))
        return 1 if report.failures else 0
    shown = select_rows(report.rows, images, tag=tag, digest=digest)
    if args.json:
        output.to_json([r.as_json() for r in shown], out)
    else:
        output.table(HEADERS, [
            [r.kind, r.account_id, r.region, r.cluster, r.name, r.task_definition, r.container,
             r.digest[:19], r.matched_by,
             "" if r.running is None else f"{r.running}/{r.desired}",
             "tag moved" if r.tag_moved else ""] for r in shown], out)
    sys.stderr.write(f"ecr-tui: {len(shown)} workloads of {where}; scanned {scope}"
                     + (f"; {len(report.failures)} failed\n" if report.failures else "\n"))
    return 1 if report.failures else 0
