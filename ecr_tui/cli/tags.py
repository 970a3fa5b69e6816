"""`ecr-tui tags REPOSITORY`: every tag of a repository (registry API + DescribeImages).

Listing reads no manifest (ECR records a manifest GET as a pull): an index's platforms come
from the manifest cache, else only `--platforms` reads them."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import Any, TextIO

from ecr_tui.cli import output
from ecr_tui.cli.tag_text import write_tags_json
from ecr_tui.cli.target import target
from ecr_tui.core.gc_pause import gc_paused
from ecr_tui.core.images.status import EXCLUDED_NOTE, is_index
from ecr_tui.core.models import TagRow


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.cli.anonymous import tags
    from ecr_tui.core.anonymous_registry import outside_ecr

    if (ref := outside_ecr(args.repository)) is not None:  # any registry, anonymously
        return tags(ref, backend, args.json, out)
    with gc_paused():  # rows, images and text: acyclic, alive until the process ends
        return _listing(args, backend, out)


def _listing(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    profile, region = target(backend, args)
    listing = backend.tag_listing(profile, region, args.repository)
    rows, warnings = listing.rows, listing.warnings
    for warning in warnings:
        sys.stderr.write(f"ecr-tui: warning: {warning}\n")
    if args.platforms:
        rows = with_platforms(backend, profile, region, args.repository, rows)
    if args.json:
        write_tags_json(rows, out)
    else:
        output.table(
            ("TAG", "DIGEST", "PUSHED", "SIZE", "PLATFORMS", "SCAN", "STATUS"),
            [[*cells, _status(row)] for cells, row in zip(output.tag_rows(rows), rows,
                                                           strict=True)],
            out,
        )
    return 0


def with_platforms(
    backend: Any, profile: str, region: str, repository: str, rows: list[TagRow]
) -> list[TagRow]:
    """Every index's platforms, reading the manifests the cache lacks (each a pull in ECR)."""
    wanted = list(dict.fromkeys(r.digest for r in rows
                                if r.digest and not r.platforms and is_index(r.media_type)))
    if not wanted:
        return rows
    found = backend.index_manifests(profile, region, repository, wanted, fetch=True)
    excluded = backend.pull_time_excluded(profile, region)
    note = EXCLUDED_NOTE if excluded else "ECR records each manifest read as a pull"
    sys.stderr.write(f"ecr-tui: note: platforms of {len(found)} multi-arch images, from the "
                     f"manifest cache or read from the registry; {note}\n")
    names = {d: tuple(p.name for p in info.platforms) for d, info in found.items()}
    return [replace(r, platforms=names[r.digest]) if r.digest in names else r for r in rows]


def _status(row: TagRow) -> str:
    """ARCHIVED / ACTIVATING (cannot be pulled now); nothing for an active image."""
    return row.image_status if row.image_status.upper() not in ("", "ACTIVE") else ""
