"""Workloads matched to the images of one repository: pure functions, no I/O.

A workload belongs to a repository when the registry in its image reference (account and region
of the host, any ECR host form) and the repository are that repository's, wherever the workload
itself lives. What runs is the workload's running digest (ECS's `imageDigest`, Lambda's
`ResolvedImageUri`), else the digest its reference pins, else its tag's current digest
(`matched_by` "tag"). `tag_moved`: the tag the workload names now points at another digest than
the one running.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ecr_tui.core.image_ref import ImageReference, parse_image_reference
from ecr_tui.core.models import ImageDetail
from ecr_tui.core.usage_records import UsageRow, WorkloadImage

DEFAULT_TAG = "latest"
"""What a reference without tag or digest pulls."""


def registry_reference(image: str) -> ImageReference | None:
    """The reference when it names a private ECR registry (account and region), else None."""
    ref = parse_image_reference(image)
    if ref is None or ref.registry is None or ref.registry.public:
        return None
    return ref


def named_tag(ref: ImageReference) -> str:
    """The tag a reference names: its own, else `latest` when it pins no digest either."""
    return ref.tag or ("" if ref.digest else DEFAULT_TAG)


def tag_digests(images: Iterable[ImageDetail]) -> dict[str, str]:
    """Each tag's current digest."""
    return {tag: image.digest for image in images for tag in image.tags}


def row_of(workload: WorkloadImage, ref: ImageReference, current: dict[str, str]) -> UsageRow:
    """The usage row of a workload whose reference is known to name the repository."""
    tag = named_tag(ref)
    running = workload.running_digest or ref.digest
    if running:
        digest, matched_by = running, "digest"
    else:
        digest, matched_by = current.get(tag, ""), "tag"
    moved = bool(running and tag in current and current[tag] != running)
    return UsageRow(
        workload.profile, workload.account_id, workload.region, workload.kind,
        workload.cluster, workload.name, workload.task_definition, workload.container,
        workload.image, digest, matched_by,  # type: ignore[arg-type]
        workload.running, workload.desired, moved,
    )


def _sort_key(row: UsageRow) -> tuple[object, ...]:
    return (row.account_id, row.region, row.kind, row.cluster, row.name, row.task_definition,
            row.container, row.digest)


def repository_workloads(
    workloads: Iterable[WorkloadImage], account_id: str, region: str, repository: str,
) -> Iterator[tuple[WorkloadImage, ImageReference]]:
    """Each workload whose image reference names ACCOUNT_ID's repository in REGION."""
    for workload in workloads:
        ref = registry_reference(workload.image)
        if ref is None or ref.repository != repository:
            continue
        if ref.registry is None or (ref.registry.account_id, ref.registry.region) != (
            account_id, region
        ):
            continue
        yield workload, ref


def match_repository(
    workloads: Iterable[WorkloadImage], account_id: str, region: str, repository: str,
    images: Sequence[ImageDetail],
) -> list[UsageRow]:
    """Every workload running (or naming) an image of ACCOUNT_ID's repository in REGION, in a
    stable order."""
    current = tag_digests(images)
    rows = [row_of(workload, ref, current) for workload, ref
            in repository_workloads(workloads, account_id, region, repository)]
    return sorted(rows, key=_sort_key)


def select_rows(
    rows: Iterable[UsageRow], images: Sequence[ImageDetail], *, tag: str = "", digest: str = ""
) -> list[UsageRow]:
    """The rows `usage REPO:TAG` or `usage REPO@DIGEST` shows (neither: every row).

    REPO@DIGEST: every workload running that digest, however it names it. REPO:TAG: every
    workload naming that tag (whatever it runs: drift shows) and every workload running the
    tag's current digest under another reference."""
    if digest:
        return [r for r in rows if r.digest == digest]
    if not tag:
        return list(rows)
    current = tag_digests(images).get(tag, "")
    return [r for r in rows if names_tag(r.image, tag) or (current and r.digest == current)]


def names_tag(image: str, tag: str) -> bool:
    """The reference names TAG (explicitly, or `latest` by default)."""
    ref = parse_image_reference(image)
    return ref is not None and named_tag(ref) == tag


def unused_images(rows: Iterable[UsageRow], images: Sequence[ImageDetail]) -> list[ImageDetail]:
    """The images no row runs (nor names by a tag that points at them)."""
    used = {r.digest for r in rows if r.digest}
    return [image for image in images if image.digest not in used]
