"""Manifests by digest under `$XDG_CACHE_HOME/ecr-tui/manifests/`: content-addressed, so a
cached manifest can never be wrong or stale, and it holds no secret (image configs, whose
environment values may, are never kept here). Reading one from here is not a pull in ECR;
the registry's manifest GET is.

Bounded: past MAX_BYTES the least recently used files go, down to three quarters of it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import threading
from collections.abc import Mapping
from pathlib import Path

from ecr_tui.core.store.paths import cache_dir, ensure_private_dir

log = logging.getLogger("ecr_tui")

MAX_BYTES = 16 * 1024 * 1024
"""An index is ~1-3 KB, an image manifest ~1-10 KB: thousands of images fit."""
MAX_MANIFEST = 4 * 1024 * 1024
"""ECR's own limit on a manifest's size: anything bigger is not one."""
_DIGEST = re.compile(r"sha256:([0-9a-f]{64})")


class ManifestCache:
    """Safe to share between threads; every failure to read or write is only a cache miss."""

    def __init__(self, directory: Path, max_bytes: int = MAX_BYTES) -> None:
        self.directory = directory
        self._max_bytes = max_bytes
        self._lock = threading.Lock()
        self._used: int | None = None
        """Bytes on disk, counted on the first write of this process."""

    def get(self, digest: str) -> bytes | None:
        path = self._path(digest)
        if path is None:
            return None
        try:
            body = path.read_bytes()
        except OSError:
            return None
        if "sha256:" + hashlib.sha256(body).hexdigest() != digest:
            with contextlib.suppress(OSError):  # damaged on disk: never served
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # most recently used: the last to be pruned
        return body

    def put(self, digest: str, body: bytes) -> None:
        """Keep the manifest if it is what its digest says (anything else is refused)."""
        path = self._path(digest)
        if path is None or len(body) > MAX_MANIFEST:
            return
        if "sha256:" + hashlib.sha256(body).hexdigest() != digest or path.exists():
            return
        try:
            ensure_private_dir(path.parent)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(body)
            os.replace(tmp, path)
        except OSError:
            log.debug("cannot cache manifest %s", digest, exc_info=True)
            return
        self._grew(len(body))

    def _path(self, digest: str) -> Path | None:
        match = _DIGEST.fullmatch(digest)
        return self.directory / "sha256" / match.group(1) if match else None

    def _grew(self, size: int) -> None:
        with self._lock:
            if self._used is None:
                self._used = sum(size for _, size, _ in self._files())
            else:
                self._used += size
            if self._used <= self._max_bytes:
                return
            files = sorted(self._files(), key=lambda f: f[2])  # least recently used first
            used = sum(size for _, size, _ in files)
            for path, size, _ in files:
                if used <= self._max_bytes * 3 // 4:
                    break
                with contextlib.suppress(OSError):
                    path.unlink()
                    used -= size
            self._used = used

    def _files(self) -> list[tuple[Path, int, float]]:
        """(path, size, last used) of every cached manifest."""
        found = []
        with contextlib.suppress(OSError), os.scandir(self.directory / "sha256") as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                with contextlib.suppress(OSError):
                    st = entry.stat()
                    found.append((Path(entry.path), st.st_size, st.st_mtime))
        return found


def manifest_cache(environ: Mapping[str, str] | None = None) -> ManifestCache:
    return ManifestCache(cache_dir(environ) / "manifests")
