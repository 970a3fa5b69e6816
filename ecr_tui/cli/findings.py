"""`ecr-tui findings REPO[:TAG|@DIGEST]`: the scan findings of one image, most severe first."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ecr_tui.cli.inspect import image_reference
from ecr_tui.cli.target import target
from ecr_tui.core.humanize import ellipsize

LEVELS = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED", "UNTRIAGED")


def add_parser(command: Any) -> None:
    """`command(name, help)` makes a subparser with the common options and --json."""
    findings = command("findings", "scan findings of one image, most severe first")
    findings.add_argument("image", metavar="REPO[:TAG|@DIGEST]")
    findings.add_argument("--severity", metavar="LEVEL", type=str.upper, choices=LEVELS,
                          help="keep LEVEL and above: " + " > ".join(LEVELS[:6]))


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.cli import output
    from ecr_tui.core.images.findings import at_least, status_words
    from ecr_tui.core.images.inspect import findings_json

    profile, region = target(backend, args)
    repository, reference = image_reference(args)
    manifest = backend.manifest(profile, region, repository, reference)
    report = backend.scan_findings(profile, region, repository, manifest.digest)
    kept = at_least(report.findings, args.severity) if args.severity else list(report.findings)
    if args.json:
        output.to_json(findings_json(kept), out)
        return 0
    counts = " ".join(f"{sev} {n}" for sev, n in report.counts) or "no findings"
    out.write(f"{status_words(report.status)}: {counts}\n")
    output.table(
        ("SEVERITY", "ID", "PACKAGE", "INSTALLED", "FIXED", "TITLE"),
        [[f.severity, f.id, f.package, f.installed_version, f.fixed_version,
          ellipsize(f.title, 60)]
         for f in kept],
        out,
    )
    return 0
