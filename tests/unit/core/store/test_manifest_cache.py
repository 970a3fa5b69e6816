"""The on-disk manifest cache: content-addressed (a body that is not its digest is never kept
nor served), private, bounded (least recently used go first)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ecr_tui.core.store.manifest_cache import ManifestCache, manifest_cache


def digest_of(body: bytes) -> str:
    return "sha256:" + hashlib.sha256(body).hexdigest()


def test_a_manifest_comes_back_by_its_digest(tmp_path: Path) -> None:
    cache = ManifestCache(tmp_path / "m")
    body = b'{"schemaVersion":2,"manifests":[]}'
    assert cache.get(digest_of(body)) is None
    cache.put(digest_of(body), body)
    assert cache.get(digest_of(body)) == body
    path = tmp_path / "m" / "sha256" / digest_of(body)[7:]
    assert path.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "m" / "sha256").stat().st_mode & 0o777 == 0o700


def test_a_body_that_is_not_its_digest_is_refused_and_never_served(tmp_path: Path) -> None:
    cache = ManifestCache(tmp_path)
    body, other = b'{"a":1}', b'{"a":2}'
    cache.put(digest_of(body), other)
    assert cache.get(digest_of(body)) is None
    cache.put(digest_of(body), body)
    path = tmp_path / "sha256" / digest_of(body)[7:]
    path.write_bytes(other)  # damaged on disk
    assert cache.get(digest_of(body)) is None and not path.exists()


def test_only_sha256_digests_name_a_file(tmp_path: Path) -> None:
    cache = ManifestCache(tmp_path / "m")
    for bad in ("sha256:../../etc/passwd", "latest", "sha512:" + "a" * 128, "sha256:" + "A" * 64):
        cache.put(bad, b"{}")
        assert cache.get(bad) is None
    assert not (tmp_path / "m").exists()


def test_the_cache_stays_within_its_bound_dropping_the_least_recently_used(
    tmp_path: Path
) -> None:
    cache = ManifestCache(tmp_path, max_bytes=1000)
    bodies = [b'{"n":%d,"pad":"%s"}' % (i, b"x" * 180) for i in range(8)]
    for i, body in enumerate(bodies):
        cache.put(digest_of(body), body)
        os.utime(tmp_path / "sha256" / digest_of(body)[7:], (1000 + i, 1000 + i))
        if i == 3:
            assert cache.get(digest_of(bodies[0])) == bodies[0]  # used again: kept longest
    kept = [b for b in bodies if cache.get(digest_of(b)) is not None]
    assert sum(len(b) for b in kept) <= 1000
    assert bodies[-1] in kept and bodies[1] not in kept


def test_it_lives_under_the_xdg_cache_dir(tmp_path: Path) -> None:
    cache = manifest_cache({"XDG_CACHE_HOME": str(tmp_path)})
    assert cache.directory == tmp_path / "ecr-tui" / "manifests"
