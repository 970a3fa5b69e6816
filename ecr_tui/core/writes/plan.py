"""What a write would do, read through the Backend before anything is written: the target
image, what the tag names now, the workloads, the exact calls and the preflight's findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.write_records import WritePlan, WriteTarget
from ecr_tui.core.writes import preflight

if TYPE_CHECKING:
    from ecr_tui.core.backend import Backend
    from ecr_tui.core.records import ImageDetail
    from ecr_tui.core.usage_records import UsageReport

UsageLookup = Callable[[str, str, str, str], "UsageReport | None"]
"""(profile, region, account_id, repository) -> what runs the repository's images; None when
nothing could be asked."""
ExpiryCheck = Callable[[str, str, str, "ImageDetail"], "str | None"]
"""(profile, region, repository, the image as the write leaves it) -> the lifecycle warning."""


@dataclass(frozen=True, slots=True)
class Checks:
    """Where the preflight's outside facts come from (the CLI and the TUI wire the real ones;
    unit tests hand-made ones)."""

    usage: UsageLookup
    expiry: ExpiryCheck | None = None


def _calls_get_put(repository: str, digest: str, tag: str, media_type: str) -> tuple[str, ...]:
    return (
        f"ecr:BatchGetImage repositoryName={repository} imageIds=[{{imageDigest: {digest}}}] "
        "acceptedMediaTypes=[every manifest type]",
        f"ecr:PutImage repositoryName={repository} imageTag={tag} imageDigest={digest} "
        f"imageManifestMediaType={media_type or '(as read)'} imageManifest=(the bytes read)",
    )


def _batch_delete(repository: str, ids: list[str]) -> tuple[str, ...]:
    listed = ", ".join(ids)
    return (f"ecr:BatchDeleteImage repositoryName={repository} imageIds=[{listed}]",)


def _image(backend: Backend, profile: str, region: str, repository: str, reference: str
           ) -> tuple[WriteTarget, ImageDetail]:
    target = backend.write_target(profile, region, repository, reference)
    if target.image is None:
        raise EcrTuiError(f"{repository} has no image {reference}",
                          fix="check the tag or digest (ecr-tui tags REPOSITORY lists them)")
    return target, target.image


def plan_tag(
    backend: Backend, checks: Checks, profile: str, region: str, repository: str,
    source: str, new_tag: str,
) -> WritePlan:
    """`new_tag` onto the image `source` (a tag or digest) names."""
    target, image = _image(backend, profile, region, repository, source)
    now = backend.write_target(profile, region, repository, new_tag).image
    current = now.digest if now is not None else ""
    moving = bool(current) and current != image.digest
    refusals = [r for r in (
        preflight.archived(image),
        preflight.immutable_tag(target.repository, new_tag, moving=moving),
    ) if r]
    account = target.account_id
    workloads: tuple[str, ...] = ()
    if current:  # what runs the image the tag names now (a new tag names nothing yet)
        report = checks.usage(profile, region, account, repository)
        workloads = preflight.workloads_of(report, current, new_tag)
    warnings = []
    if checks.expiry is not None:
        tagged = replace(image, tags=(*(t for t in image.tags if t != new_tag), new_tag))
        warning = checks.expiry(profile, region, repository, tagged)
        if warning:
            warnings.append(warning)
    return WritePlan(
        "tag", profile, account, region, repository, new_tag, image.digest,
        _calls_get_put(repository, image.digest, new_tag, image.media_type),
        current=current, workloads=workloads, refusals=tuple(refusals), warnings=tuple(warnings),
    )


def plan_untag(
    backend: Backend, checks: Checks, profile: str, region: str, repository: str, tag: str
) -> WritePlan:
    """Remove `tag`; ECR deletes the image with its last tag, so then it is checked as a
    delete would be."""
    target, image = _image(backend, profile, region, repository, tag)
    account = target.account_id
    last = set(image.tags) <= {tag}
    report = checks.usage(profile, region, account, repository)
    refusals = [preflight.archived(image),
                preflight.immutable_tag(target.repository, tag, moving=True)]
    warnings = []
    if last:
        warnings.append(f"{tag!r} is the image's last tag: ECR deletes the image with it")
        refusals.append(preflight.in_use(report, image.digest, what=f"{repository}:{tag}",
                                         tag=tag))
    else:
        refusals.append(preflight.tag_named(report, f"{repository}:{tag}", tag))
    return WritePlan(
        "untag", profile, account, region, repository, tag, image.digest,
        _batch_delete(repository, [f"{{imageTag: {tag}}}"]),
        workloads=preflight.workloads_of(report, image.digest, tag),
        refusals=tuple(r for r in refusals if r), warnings=tuple(warnings),
    )


def plan_delete(
    backend: Backend, checks: Checks, profile: str, region: str, repository: str,
    reference: str, *, with_referrers: bool = False,
) -> WritePlan:
    """The whole image `reference` names (by its digest), its referrers with it if asked."""
    target, image = _image(backend, profile, region, repository, reference)
    account = target.account_id
    report = checks.usage(profile, region, account, repository)
    tag = "" if reference.startswith("sha256:") else reference
    what = f"{repository}@{image.digest}"
    refusals = [preflight.archived(image), preflight.in_use(report, image.digest, what=what)]
    referrers: tuple[str, ...] = ()
    if with_referrers:
        found = backend.referrers(profile, region, repository, image.digest)
        referrers = tuple(dict.fromkeys(r.digest for r in found if r.digest != image.digest))
    ids = [f"{{imageDigest: {d}}}" for d in (image.digest, *referrers)]
    warnings = [f"the image's tags go with it: {', '.join(image.tags)}"] if image.tags else []
    return WritePlan(
        "delete", profile, account, region, repository, tag, image.digest,
        _batch_delete(repository, ids), workloads=preflight.workloads_of(report, image.digest),
        refusals=tuple(r for r in refusals if r), warnings=tuple(warnings), referrers=referrers,
    )
