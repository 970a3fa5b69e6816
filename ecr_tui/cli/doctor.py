"""`ecr-tui doctor TEXT [--platform OS/ARCH] [--principal ACCOUNT_ID|ROLE_ARN]`: why an image
cannot be pulled, from a pasted error message or a reference; eight checks in order, each a line;
exit 0 pullable, 1 not pullable, 2 unknown (a check could not run)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from ecr_tui.core.doctor.records import Check, DoctorReport

_MARK = {"ok": "ok  ", "fail": "FAIL", "warn": "warn", "skip": "skip"}


def add_parser(command: Any) -> None:
    """`command(name, help)` makes a subparser with the common options and --json."""
    parser = command("doctor", "why can't it pull? check an image reference or a pasted error "
                     "message: reference, profile, repository, image, status, platform, policy, "
                     "client")
    parser.add_argument("text", metavar="TEXT",
                        help="an image reference or a whole error message (ECS, kubelet event, "
                        "docker, podman, containerd); - reads it from stdin")
    parser.add_argument("--platform", metavar="OS/ARCH", default="",
                        help="the platform the puller needs, e.g. linux/arm64")
    parser.add_argument("--principal", metavar="ACCOUNT_ID|ROLE_ARN", default="",
                        help="who pulls (default: your profile's account, when it is not the "
                        "registry's)")


def report_json(report: DoctorReport) -> dict[str, Any]:
    registry = report.registry
    return {
        "reference": report.reference or None,
        "registry": {"account_id": registry.account_id, "region": registry.region,
                     "host": registry.host} if registry else None,
        "repository": report.repository or None, "tag": report.tag or None,
        "digest": report.digest or None, "verdict": report.verdict,
        "checks": [{"id": c.id, "status": c.status, "detail": c.detail, "fix": c.fix or None}
                   for c in report.checks],
    }


def check_lines(check: Check) -> list[str]:
    lines = [f"{_MARK[check.status]}  {check.id:<10}  {check.detail}"]
    if check.fix:
        lines.append(f"{'':16}fix: {check.fix}")
    return lines


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.cli import output
    from ecr_tui.core.doctor.facts import Request
    from ecr_tui.core.doctor.records import EXIT_CODES
    from ecr_tui.core.doctor.run import run_doctor
    from ecr_tui.core.models import utcnow

    text = sys.stdin.read() if args.text == "-" else args.text

    def show(check: Check) -> None:  # each line as its check finishes
        out.writelines(f"{line}\n" for line in check_lines(check))
        out.flush()

    request = Request(text, platform=args.platform.strip(), principal=args.principal.strip(),
                      profile=getattr(args, "profile", None) or "")
    report = run_doctor(backend, request, environ=os.environ, now=utcnow(),
                        on_check=None if args.json else show)
    if args.json:
        output.to_json(report_json(report), out)
    else:
        out.write(f"verdict: {report.verdict}\n")
    return EXIT_CODES[report.verdict]
