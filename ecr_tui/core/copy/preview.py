"""A copy as a write: its preview (source, destination account/region/repository/tag, the
digest, what the tag names now, every blob upload or mount and manifest PUT) and its
preflight (an immutable destination tag that would move, an archived source)."""

from __future__ import annotations

from ecr_tui.core.copy_records import CopyPlan
from ecr_tui.core.humanize import human_size
from ecr_tui.core.write_records import Refusal, WritePlan
from ecr_tui.core.writes import preflight


def calls(plan: CopyPlan) -> tuple[str, ...]:
    """One line per registry write, in order; what the destination has is counted, not sent."""
    src, dst = plan.source, plan.destination
    target = f"{dst.host}/v2/{dst.repository}"
    lines = []
    for blob in plan.blobs("upload", "mount"):
        if blob.action == "mount":
            lines.append(f"POST {target}/blobs/uploads/?mount={blob.digest}&from="
                         f"{src.repository} ({human_size(blob.size)})")
        else:
            lines.append(f"POST+PUT {target}/blobs/uploads/ {blob.digest} "
                         f"({human_size(blob.size)}, streamed from {src.host})")
    skipped = plan.blobs("skip")
    if skipped:
        lines.append(f"(skip {len(skipped)} blobs {dst.host} has already: "
                     f"{human_size(sum(b.size for b in skipped))})")
    for manifest in plan.manifests:
        what = f" [{manifest.platform}]" if manifest.platform else ""
        lines.append(f"PUT {target}/manifests/{manifest.tag or manifest.digest}{what} "
                     f"Content-Type: {manifest.media_type} ({manifest.size} bytes)")
    return tuple(lines)


def refusals(plan: CopyPlan) -> tuple[Refusal, ...]:
    dst = plan.destination
    found = []
    if plan.source_status == "ARCHIVED":
        found.append(Refusal(f"{plan.source.text()} is ARCHIVED: restore it first "
                             "(UpdateImageStorageClass); an archived image cannot be pulled"))
    moving = bool(plan.current) and plan.current != plan.digest
    if plan.destination_repository is not None and dst.reference:
        refusal = preflight.immutable_tag(plan.destination_repository, dst.reference,
                                          moving=moving)
        if refusal is not None:
            found.append(refusal)
    return tuple(found)


def write_plan(plan: CopyPlan) -> WritePlan:
    src, dst = plan.source, plan.destination
    where = f"account {src.account_id} region {src.region}" if src.profile else "anonymous"
    platform = f", platform {plan.platform}" if plan.platform else ""
    warnings = []
    if plan.referrers:
        warnings.append(f"{plan.referrers} referrers (signatures, SBOMs) copied after it")
    if plan.nothing_to_do:
        warnings.append(f"{dst.host} has every blob and the tag names the digest already")
    return WritePlan(
        "copy", dst.profile, dst.account_id, dst.region, dst.repository, dst.reference,
        plan.digest, calls(plan), current=plan.current, refusals=refusals(plan),
        warnings=tuple(warnings), source=f"{src.text()} ({where}{platform})",
    )
