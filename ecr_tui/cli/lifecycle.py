"""`ecr-tui lifecycle REPO [--policy FILE]`: what the repository's lifecycle policy (or a draft)
would do now, per image, with the workloads that run the images it would act on."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ecr_tui.cli.target import target
from ecr_tui.core.errors import EcrTuiError

if TYPE_CHECKING:
    from ecr_tui.core.lifecycle.report import LifecycleReport


def add_parser(command: Any) -> None:
    """`command(name, help)` makes a subparser with the common options and --json."""
    parser = command("lifecycle", "what the repository's lifecycle policy would do now, per image")
    parser.add_argument("repository", help="repository name, e.g. team/api")
    parser.add_argument("--policy", metavar="FILE", type=Path,
                        help="evaluate this draft policy (JSON) instead of the repository's")


def _policy_text(args: argparse.Namespace, backend: Any, profile: str,
                 region: str) -> tuple[str, str | None]:
    if args.policy is None:
        text = backend.lifecycle_policy(profile, region, args.repository)
        return ("repository", text) if text is not None else ("none", None)
    try:
        return "file", args.policy.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        raise EcrTuiError(f"cannot read the policy file {args.policy}: {reason}") from None


def in_use_counter(backend: Any, profile: str, region: str, repository: str,
                   images: list[Any]) -> Callable[[str], int] | None:
    """Workloads of the pair running each image ("In use where"); None, with the reason on
    stderr, when the scan could not see them all."""
    from ecr_tui.core.models import ProfileRegion
    from ecr_tui.core.usage.scan import usage_of

    try:
        account = backend.account_id(profile, region)
        report = usage_of(backend, [ProfileRegion(profile, region)], account, region, repository,
                          images=images)
    except EcrTuiError as exc:
        report = None
        sys.stderr.write(f"ecr-tui: warning: in use not known: {exc}\n")
    if report is None or not report.complete:
        for failure in report.failures if report is not None else ():
            sys.stderr.write(f"ecr-tui: warning: in use not known: {failure.message}\n")
        return None
    return report.in_use


def report_json(report: LifecycleReport) -> dict[str, Any]:
    def when(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "repository": report.repository,
        "policy_source": report.policy_source,
        "rules": [{"priority": p, "description": d, "summary": s}
                  for p, d, s in report.rule_lines()],
        "images": [{
            "digest": v.image.digest, "tags": list(v.image.tags),
            "pushed_at": when(v.image.pushed_at), "last_pulled_at": when(v.image.last_pull),
            "image_status": v.image.image_status or None, "action": v.decision.action,
            "rule": v.decision.rule, "in_use": v.in_use,
        } for v in report.verdicts],
        "summary": report.counts(),
    }


def _write_text(report: LifecycleReport, out: TextIO) -> None:
    from ecr_tui.cli import output
    from ecr_tui.core.humanize import ellipsize

    if report.policy is None:
        out.write(f"{report.repository} has no lifecycle policy: nothing expires or archives\n")
    else:
        out.write(f"Lifecycle policy of {report.repository} ({report.policy_source}):\n")
        for priority, description, words in report.rule_lines():
            out.write(f"  rule {priority}: {words}" + (f" ({description})" if description
                                                         else "") + "\n")
    for risk in report.risks():
        out.write(f"in use: {risk.sentence()}\n")
    rows = [[
        "archive" if v.decision.action == "transition" else v.decision.action,
        str(v.decision.rule or ""), v.image.digest[7:19],
        ellipsize(", ".join(v.image.tags) or "<untagged>", 40),
        output.short_time(v.image.pushed_at), output.short_time(v.image.last_pull) or "never",
        v.image.image_status, "" if v.in_use is None else str(v.in_use),
    ] for v in report.verdicts]
    output.table(("ACTION", "RULE", "DIGEST", "TAGS", "PUSHED", "PULLED", "STATUS", "IN USE"),
                 rows, out)
    counts = report.counts()
    out.write(f"expire {counts['expire']}, archive {counts['transition']}, "
              f"keep {counts['keep']}\n")


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.cli import output
    from ecr_tui.core.lifecycle.parse import parse_policy
    from ecr_tui.core.lifecycle.report import build_report
    from ecr_tui.core.models import utcnow

    profile, region = target(backend, args)
    source, text = _policy_text(args, backend, profile, region)
    policy = parse_policy(text) if text is not None else None  # PolicyError: one line, exit 1
    images = backend.images(profile, region, args.repository)
    in_use = in_use_counter(backend, profile, region, args.repository, images)
    report = build_report(args.repository, source, policy, images, utcnow(),  # type: ignore[arg-type]
                          in_use=in_use)
    if args.json:
        output.to_json(report_json(report), out)
    else:
        _write_text(report, out)
    return 0
