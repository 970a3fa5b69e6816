"""One row per image: tags grouped by digest (pure, recomputed as tag batches arrive)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from operator import attrgetter

from ecr_tui.core.humanize import ellipsize
from ecr_tui.core.image_records import ImageGroup
from ecr_tui.core.models import ImageDetail, TagRow
from ecr_tui.core.registry.referrers import BADGES, digest_tag_subject
from ecr_tui.core.registry.tags import semver_key

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_BADGE_ORDER = ("signed", "SBOM", "attested", "referrers")
_FIRST_TAG = attrgetter("row.tag")
_PUSHED = attrgetter("row.pushed_at")


def is_artifact_tag(tag: str) -> bool:
    """`sha256-<hex>` (referrers tag schema) and cosign's `sha256-<hex>.sig/.att/.sbom`."""
    return digest_tag_subject(tag) is not None


def visible_tag_rows(rows: Iterable[TagRow], show_artifacts: bool) -> list[TagRow]:
    """One row per tag, digest-named tags left out unless asked for."""
    return [r for r in rows if show_artifacts or not is_artifact_tag(r.tag)]


def _tag_order(tag: str) -> tuple[int, tuple[int, int, int], str]:
    """`latest` first, then versions highest first, then the rest by name."""
    if tag == "latest":
        return (0, (0, 0, 0), "")
    key = semver_key(tag)
    if key[0]:
        major, minor, patch = key[1]
        return (1, (-major, -minor, -patch), tag)
    return (2, (0, 0, 0), tag)


def fit_tags(text: str, width: int) -> str:
    """Tags (or an image's label) in WIDTH cells; a digest-named tag is cut in the middle so
    its subject's first hex digits and its `.sig`/`.att`/`.sbom` both stay visible."""
    last = text.rsplit(", ", 1)[-1]
    subject = digest_tag_subject(last) if last.startswith("sha256-") else None
    keep = len(last) - len(last.rpartition(".")[0]) + 4 if subject and "." in last else 0
    return ellipsize(text, width, keep_end=keep)


def semver_led(group: ImageGroup) -> ImageGroup:
    """The group as its highest version tag shows it: that tag first, and its row standing
    for the image (what `y` copies), when another tag (e.g. `latest`) led it."""
    if len(group.tags) < 2:
        return group
    best = max(group.tags, key=semver_key)
    if best == group.tags[0] or not semver_key(best)[0]:
        return group
    tags = (best, *(t for t in group.tags if t != best))
    return replace(group, tags=tags, row=replace(group.row, tag=best))


def untagged_row(image: ImageDetail) -> TagRow:
    return TagRow(
        tag="", digest=image.digest, pushed_at=image.pushed_at, size_bytes=image.size_bytes,
        media_type=image.media_type, scan=image.scan, last_pull=image.last_pull,
        image_status=image.image_status, last_archived_at=image.last_archived_at,
        last_activated_at=image.last_activated_at,
    )


def group_images(
    rows: Sequence[TagRow],
    untagged: Iterable[ImageDetail] = (),
    children: Mapping[str, tuple[str, ...]] | None = None,
    *,
    show_artifacts: bool = False,
) -> list[ImageGroup]:
    """Tags of one digest in one group, newest first. Digest-named tags become badges on
    their subject (or groups of their own when `show_artifacts`); untagged images are added
    unless they are the platform images of an index (`children`: index -> child digests).
    One pass, no regex for ordinary tags and no list for a digest with one tag: 100,000
    tags take ~0.15 s."""
    children = children or {}
    badges: dict[str, set[str]] = {}
    artifact_digests: set[str] = set()
    first: dict[str, TagRow] = {}
    more: dict[str, list[TagRow]] = {}
    """Digests with several tags: every row of them."""
    for row in rows:
        tag = row.tag
        if tag.startswith("sha256-"):
            subject = digest_tag_subject(tag)
            if subject is not None:
                badges.setdefault(subject[0], set()).add(BADGES[subject[1]])
                if row.digest:
                    artifact_digests.add(row.digest)
                if not show_artifacts:
                    continue
        key = row.digest or "tag:" + tag
        seen = first.setdefault(key, row)
        if seen is not row:
            members = more.get(key)
            if members is None:
                more[key] = [seen, row]
            else:
                members.append(row)
    groups = []
    plain = not children and not badges and not artifact_digests
    for key, row in first.items():
        members = more.get(key) if more else None
        if members is None:
            tags: tuple[str, ...] = (row.tag,)
        else:
            members.sort(key=lambda r: _tag_order(r.tag))
            row = members[0]
            tags = tuple(r.tag for r in members)
        digest = row.digest
        if plain:
            groups.append(ImageGroup(digest, tags, row))
            continue
        groups.append(ImageGroup(
            digest, tags, row,
            children.get(digest, ()) if children and digest else (),
            _badges(badges.get(digest)) if badges and digest else (),
            digest in artifact_digests and not key.startswith("tag:"),
        ))
    folded = {child for kids in children.values() for child in kids}
    for image in untagged:
        if image.tags or image.digest in first or image.digest in folded:
            continue
        if image.digest in artifact_digests and not show_artifacts:
            continue
        groups.append(ImageGroup(
            digest=image.digest, tags=(), row=untagged_row(image),
            children=children.get(image.digest, ()), badges=_badges(badges.get(image.digest)),
        ))
    newest_first(groups)
    return groups


def newest_first(groups: list[ImageGroup]) -> None:
    """Sort in place: newest push first, then the first tag (highest first; an untagged
    image's row has tag ""). Two stable passes with C key getters, no key tuples."""
    groups.sort(key=_FIRST_TAG, reverse=True)
    try:
        groups.sort(key=_PUSHED, reverse=True)
    except TypeError:  # a row without a push time counts as pushed at the epoch
        groups.sort(key=_pushed_or_epoch, reverse=True)


def _pushed_or_epoch(group: ImageGroup) -> datetime:
    return group.row.pushed_at or _EPOCH


def _badges(found: set[str] | None) -> tuple[str, ...]:
    return tuple(b for b in _BADGE_ORDER if found and b in found)
