"""Merging the registry's tag names with DescribeImages, and sorting tags."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from operator import attrgetter
from typing import TYPE_CHECKING

from ecr_tui.core import models

if TYPE_CHECKING:
    from ecr_tui.core.models import ImageDetail, TagRow

_SEMVER = re.compile(r"^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+](.+))?$")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_PUSHED, _TAG = attrgetter("pushed_at"), attrgetter("tag")


def merge_tags(
    tag_names: Iterable[str] | None,
    images: Iterable[ImageDetail] | None,
    platforms: Mapping[str, tuple[str, ...]] | None = None,
) -> list[TagRow]:
    """One row per tag. Registry names are the truth when known; DescribeImages fills in
    digest, pushed date, size, scan; either source may be missing (None)."""
    by_tag: dict[str, ImageDetail] = {}
    for image in images or ():
        for tag in image.tags:
            by_tag[tag] = image
    names = list(tag_names) if tag_names is not None else list(by_tag)
    platforms = platforms or {}
    rows = []
    row = models.TagRow
    for name in names:
        image = by_tag.get(name)
        if image is None:
            rows.append(models.TagRow(tag=name))
            continue
        rows.append(
            row(  # positionally, in TagRow's order: keywords cost a dict a row (50,000 a listing)
                name,  # tag
                image.digest,
                image.pushed_at,
                image.size_bytes,
                platforms.get(image.digest, ()),  # platforms
                image.media_type,
                image.scan,
                image.last_pull,
                image.image_status,
                image.last_archived_at,
                image.last_activated_at,
            )
        )
    return sort_tags(rows, "pushed")


def semver_key(tag: str) -> tuple[int, tuple[int, int, int], int, str]:
    """The one version order (greater is higher): (1, numbers, release, pre-release) for a
    version, a release after its pre-releases; (0, (0, 0, 0), 0, tag) for any other tag."""
    match = _SEMVER.match(tag)
    if not match:
        return (0, (0, 0, 0), 0, tag)
    major, minor, patch, rest = match.groups()
    numbers = (int(major), int(minor or 0), int(patch or 0))
    return (1, numbers, 0 if rest else 1, rest or "")


def is_version(tag: str) -> bool:
    return _SEMVER.match(tag) is not None


def sort_tags(rows: list[TagRow], key: str, *, reverse: bool | None = None) -> list[TagRow]:
    """key: 'pushed' (newest first), 'name', 'semver' (highest first), 'size' (largest first)."""
    if key == "name":
        return sorted(rows, key=lambda r: r.tag, reverse=bool(reverse))
    if key == "semver":
        versioned = [r for r in rows if is_version(r.tag)]
        others = [r for r in rows if not is_version(r.tag)]
        ordered = sorted(versioned, key=lambda r: semver_key(r.tag), reverse=reverse is not False)
        return ordered + sorted(others, key=lambda r: r.tag)
    if key == "size":
        return sorted(rows, key=lambda r: (r.size_bytes or -1, r.tag), reverse=reverse is not False)
    newest = reverse is not False
    if None in map(_PUSHED, rows):
        return sorted(rows, key=lambda r: (r.pushed_at or _EPOCH, r.tag), reverse=newest)
    # Every date known (any big listing): two stable sorts on C-level keys give the order by
    # (date, tag) without a key tuple per row.
    return sorted(sorted(rows, key=_TAG, reverse=newest), key=_PUSHED, reverse=newest)
