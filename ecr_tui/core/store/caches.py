"""Small rebuildable caches under `$XDG_CACHE_HOME/ecr-tui/`, no secret in any:
the regions where an account has repositories (kept a day), and repository names per profile and
region (read by shell completion, which makes no network call)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ecr_tui.core.store.paths import atomic_write_text, cache_dir

log = logging.getLogger("ecr_tui")

REGIONS_TTL = timedelta(days=1)
SCAN_CONCURRENCY = 8
"""Regions probed at once: a partition has ~30; more threads only add throttling."""
REPOSITORY_NAMES_KEPT = 2000
"""Per profile and region: completion needs names, not a mirror of a huge registry."""


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        log.warning("ignoring unreadable cache %s", path, exc_info=True)
        return {}
    return data if isinstance(data, dict) else {}


def _write(path: Path, data: dict[str, Any]) -> None:
    try:
        atomic_write_text(path, json.dumps(data, separators=(",", ":")) + "\n")
    except OSError:  # a cache that cannot be written is only a slower next start
        log.warning("cannot write cache %s", path, exc_info=True)


# -- regions with repositories --------------------------------------------------------------
def regions_cache_path(environ: Mapping[str, str] | None = None) -> Path:
    return cache_dir(environ) / "regions-with-repositories.json"


def cached_repository_regions(
    account: str, now: datetime, environ: Mapping[str, str] | None = None
) -> tuple[str, ...] | None:
    """The cached answer for this account, or None when there is none younger than a day."""
    entry = _read(regions_cache_path(environ)).get(account)
    try:
        checked = datetime.fromisoformat(entry["checked_at"])
        regions = tuple(str(r) for r in entry["regions"])
    except (TypeError, KeyError, ValueError):
        return None
    if not timedelta(0) <= now - checked < REGIONS_TTL:
        return None
    return regions


def store_repository_regions(
    account: str, regions: Iterable[str], now: datetime,
    environ: Mapping[str, str] | None = None,
) -> None:
    path = regions_cache_path(environ)
    data = _read(path)
    data[account] = {"checked_at": now.isoformat(), "regions": sorted(set(regions))}
    _write(path, data)


def scan_regions(
    regions: Iterable[str], has_repositories: Callable[[str], bool]
) -> list[str] | None:
    """The regions where `has_repositories` says yes, probed a few at a time. A region that
    fails (not enabled, denied) counts as having none; None when no region answered at all
    (offline, expired credentials): nothing worth caching."""

    def probe(region: str) -> bool | None:
        try:
            return has_repositories(region)
        except Exception:  # noqa: BLE001 - one region's failure never hides the others
            log.debug("region probe failed for %s", region, exc_info=True)
            return None

    names = list(regions)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(SCAN_CONCURRENCY, thread_name_prefix="region-scan") as pool:
        answers = list(pool.map(probe, names))
    if all(answer is None for answer in answers):
        return None
    return [name for name, yes in zip(names, answers, strict=True) if yes]


# -- repository names for completion ----------------------------------------------------------
def names_cache_path(environ: Mapping[str, str] | None = None) -> Path:
    return cache_dir(environ) / "repository-names.json"


def store_repository_names(
    profile: str, region: str, names: Iterable[str], environ: Mapping[str, str] | None = None
) -> None:
    path = names_cache_path(environ)
    data = _read(path)
    data[f"{profile} {region}"] = sorted(set(names))[:REPOSITORY_NAMES_KEPT]
    _write(path, data)


def cached_repository_names(
    profile: str | None = None, region: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[str]:
    """Names cached for this profile and region; for either left out, every one that matches."""
    found: set[str] = set()
    for key, names in _read(names_cache_path(environ)).items():
        p, _, r = key.rpartition(" ")
        if (profile is None or p == profile) and (region is None or r == region):
            if isinstance(names, list):
                found.update(n for n in names if isinstance(n, str))
    return sorted(found)
