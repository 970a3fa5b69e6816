"""The checks before a write, each one line: an immutable tag, an archived image, an image a
workload runs (forceable), and a tag a lifecycle rule would expire at once (a warning)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ecr_tui.core.usage.matching import names_tag
from ecr_tui.core.write_records import Refusal

if TYPE_CHECKING:
    from ecr_tui.core.records import ImageDetail, Repository
    from ecr_tui.core.usage_records import UsageReport, UsageRow


FAILURES_SHOWN = 2
"""Unread pairs named in a refusal's one line; the rest are counted."""


def _wildcard(pattern: str) -> re.Pattern[str]:
    # ECR's exclusion filters know one wildcard, `*`; everything else is literal.
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")))


def tag_is_immutable(repository: Repository, tag: str) -> bool:
    """ECR's rule: IMMUTABLE always; IMMUTABLE_WITH_EXCLUSION unless a filter matches the tag;
    MUTABLE_WITH_EXCLUSION only when one does; MUTABLE never."""
    matched = any(_wildcard(f).fullmatch(tag) for f in repository.tag_mutability_exclusions)
    match repository.tag_mutability:
        case "IMMUTABLE":
            return True
        case "IMMUTABLE_WITH_EXCLUSION":
            return not matched
        case "MUTABLE_WITH_EXCLUSION":
            return matched
    return False


def immutable_tag(repository: Repository, tag: str, *, moving: bool) -> Refusal | None:
    """A tag that exists may not be moved or removed where it is immutable (a new tag may
    be added: ECR allows it)."""
    if not moving or not tag_is_immutable(repository, tag):
        return None
    how = repository.tag_mutability
    if repository.tag_mutability_exclusions:
        how += " (exclusions: " + ", ".join(repository.tag_mutability_exclusions) + ")"
    return Refusal(f"tag {tag!r} is immutable in {repository.name} ({how}): it cannot be "
                   "moved or removed")


def archived(image: ImageDetail | None) -> Refusal | None:
    if image is None or image.image_status != "ARCHIVED":
        return None
    return Refusal(f"{image.digest} is ARCHIVED: restore it first (UpdateImageStorageClass, "
                   "e.g. in the console); ecr-tui does not write to archived images")


def workload_line(row: UsageRow) -> str:
    """`ecs-service prod/api (2/2 running) in 111122223333 us-east-1`."""
    where = f"{row.cluster}/{row.name}" if row.cluster else row.name
    count = ""
    if row.running is not None:
        count = f" ({row.running}/{row.desired if row.desired is not None else '?'} running)"
    return f"{row.kind} {where}{count} in {row.account_id} {row.region}"


def workloads_of(report: UsageReport | None, digest: str, tag: str = "") -> tuple[str, ...]:
    """What runs `digest`, or names `tag` in its image reference, one line each."""
    if report is None:
        return ()
    rows = [r for r in report.rows
            if r.digest == digest or (tag and names_tag(r.image, tag))]
    return tuple(dict.fromkeys(workload_line(r) for r in rows))


def in_use(
    report: UsageReport | None, digest: str, *, what: str, tag: str = ""
) -> Refusal | None:
    """Deleting (or untagging) what a workload runs or names; forceable. An incomplete scan
    cannot prove "unused": that refuses too, saying which pairs were not read."""
    lines = workloads_of(report, digest, tag)
    if lines:
        return Refusal(f"{what} is in use by " + "; ".join(lines), forceable=True)
    return _unproven(report, what)


def tag_named(report: UsageReport | None, what: str, tag: str) -> Refusal | None:
    """Removing a tag workloads name in their image reference (their next deployment or
    scale-out fails to pull it); forceable. An incomplete scan refuses too, as `in_use`."""
    lines = workloads_of(report, "", tag)
    if lines:
        return Refusal(f"{what} is named by " + "; ".join(lines), forceable=True)
    return _unproven(report, what)


def _unproven(report: UsageReport | None, what: str) -> Refusal | None:
    if report is None:
        return Refusal(f"could not check what runs {what}", forceable=True)
    if not report.complete:
        shown = report.failures[:FAILURES_SHOWN]
        failed = "; ".join(f"{f.profile} {f.region}: {f.message}" for f in shown)
        if len(report.failures) > len(shown):
            failed += f"; and {len(report.failures) - len(shown)} more pairs"
        return Refusal(f"could not check every workload for {what} ({failed})", forceable=True)
    return None


def expires_at_once(tag: str, expired: bool, rule: str = "") -> str | None:
    """The lifecycle warning: the image under `tag` is one a rule would expire now."""
    return lifecycle_acts(tag, "expire", rule) if expired else None


def lifecycle_acts(tag: str, action: str, rule: str = "") -> str:
    """A rule would expire (or archive: `transition`) the image under `tag` at its next run."""
    by = f" (rule {rule})" if rule else ""
    what = "expire" if action == "expire" else "archive"
    return f"a lifecycle rule would {what} the image tagged {tag!r} at its next run{by}"
