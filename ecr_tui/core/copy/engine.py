"""Sending a copy's plan: the blobs first, several at once (each mounted, or streamed from the
source's GET into the destination's upload, never whole in memory), then the manifests one by
one in the plan's order (index children before the index, referrers after their subject)
with their exact bytes, each checked to keep its digest."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING

from ecr_tui.core.copy_records import BlobStep, CopyPlan, CopyProgress, CopyProgressCallback
from ecr_tui.core.errors import RegistryError
from ecr_tui.core.registry.blob_pipe import BlobPipe, usable
from ecr_tui.core.registry.upload import (
    blob_chunks,
    finish_upload,
    mount_blob,
    put_manifest,
    start_upload,
)

if TYPE_CHECKING:
    from ecr_tui.core.registry.client import RegistryClient

PARALLEL_BLOBS = 6
"""Blobs in flight at once (skopeo's default too): enough to hide a round trip's latency."""
PROGRESS_STEP = 1 << 20
"""Report progress after about this many bytes (and at every blob's end)."""


class _Tally:
    """The running totals, shared by the blob threads."""

    def __init__(self, plan: CopyPlan, on_progress: CopyProgressCallback | None) -> None:
        self._lock = threading.Lock()
        self._on_progress = on_progress
        self._bytes_total = plan.bytes_to_send
        self._blobs_total = len(plan.blobs("upload", "mount"))
        self._manifests_total = len(plan.manifests)
        self._bytes = self._blobs = self._manifests = self._since = 0

    def progress(self) -> CopyProgress:
        return CopyProgress(self._bytes, self._bytes_total, self._blobs, self._blobs_total,
                            self._manifests, self._manifests_total)

    def add(self, size: int = 0, blobs: int = 0, manifests: int = 0) -> None:
        with self._lock:
            self._bytes += size
            self._blobs += blobs
            self._manifests += manifests
            self._since += size
            if self._since < PROGRESS_STEP and not (blobs or manifests):
                return
            self._since = 0
            snapshot = self.progress()
        if self._on_progress is not None:
            self._on_progress(snapshot)

    def counted(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            yield chunk
            self.add(len(chunk))


def send(
    source: RegistryClient, destination: RegistryClient, plan: CopyPlan,
    on_progress: CopyProgressCallback | None = None,
) -> None:
    """Raises the first failure; blobs already sent stay (a run again skips them)."""
    tally = _Tally(plan, on_progress)
    src, dst = plan.source.repository, plan.destination.repository

    pipe = BlobPipe(source, destination) if usable(source, destination) else None

    def one(blob: BlobStep) -> None:
        location = ""
        if blob.action == "mount":
            location = mount_blob(destination, dst, blob.digest, src)
        if blob.action == "upload" or location:
            location = location or start_upload(destination, dst)
            if pipe is not None:  # the bytes over our own sockets: a sixth of httpx's CPU
                pipe.copy(src, blob.digest, blob.size, location, tally.add)
            else:
                with blob_chunks(source, src, blob.digest) as chunks:
                    finish_upload(destination, location, blob.digest, blob.size,
                                  tally.counted(chunks))
        tally.add(blobs=1)

    blobs = plan.blobs("upload", "mount")
    if blobs:
        kept = contextlib.closing(pipe) if pipe is not None else contextlib.nullcontext()
        with kept, ThreadPoolExecutor(
                min(PARALLEL_BLOBS, len(blobs)), thread_name_prefix="ecr-tui-copy") as pool:
            futures = [pool.submit(one, b) for b in blobs]
            done, _pending = wait(futures, return_when=FIRST_EXCEPTION)
            failed = next((f for f in done if f.exception() is not None), None)
            if failed is not None:
                for future in futures:
                    future.cancel()
                raise failed.exception()  # type: ignore[misc]
    for manifest in plan.manifests:
        given = put_manifest(destination, dst, manifest.tag or manifest.digest, manifest.body,
                             manifest.media_type)
        if given and given != manifest.digest:
            raise RegistryError(f"registry {destination.host} stored {dst} as {given}, not "
                                f"{manifest.digest}: the copy changed its bytes")
        tally.add(manifests=1)
