"""Looking that is not pulling, on the tags screen: the platforms of the visible multi-arch
images read only when the user asks (`m`; ECR records each manifest read as a pull), and the
line that says why an archived or activating image has no pull command."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from textual.message import Message
from textual.worker import get_current_worker

from ecr_tui.core.images.status import EXCLUDED_NOTE, is_index, restore_command
from ecr_tui.core.models import TagRow, Target
from ecr_tui.ui.widgets.image_list import ImageListView


@dataclass
class PlatformsRead(Message):
    target: Target
    repository: str
    platforms: dict[str, tuple[str, ...]]
    """Index digest -> its platform names."""
    asked: int
    excluded: bool | None
    """The caller's principal is in the pull-time update exclusions (None: not known)."""


def visible_index_digests(view: ImageListView) -> list[str]:
    """Multi-arch images on screen whose platforms are not known yet."""
    top = round(view.scroll_y)
    shown = view.rows[top : top + max(1, view.size.height - 1)]
    return list(dict.fromkeys(
        r.digest for r in shown if r.digest and not r.platforms and is_index(r.media_type)
    ))


def read_visible_platforms(screen: Any, view: ImageListView) -> None:
    """Read the manifests of the visible multi-arch images in a worker (each a pull in ECR)."""
    digests = visible_index_digests(view)
    if not digests:
        screen.notify("No multi-arch image on screen lacks its platforms", markup=False)
        return
    target, repository, backend = screen.target, screen.repository.name, screen.app.backend

    def read() -> None:
        worker = get_current_worker()
        screen.app.worker_context[worker] = (target, "platforms")
        found = backend.index_manifests(
            target.profile, target.region, repository, digests, fetch=True
        )
        excluded = backend.pull_time_excluded(target.profile, target.region)
        names = {d: tuple(p.name for p in info.platforms) for d, info in found.items()}
        if not worker.is_cancelled:
            screen.post_message(PlatformsRead(target, repository, names, len(digests), excluded))

    screen.run_worker(
        read, thread=True, group="read-platforms", exclusive=True, exit_on_error=False,
        description="read the manifests of the visible multi-arch images (pulls in ECR)",
    )


def show_platforms(screen: Any, view: ImageListView, message: PlatformsRead) -> None:
    view.merge_rows(with_platforms(view.source, message.platforms))
    note = EXCLUDED_NOTE if message.excluded else "ECR recorded each manifest read as a pull"
    screen.notify(
        f"Platforms of {len(message.platforms)} of {message.asked} multi-arch images read; "
        f"{note}", title="Platforms", markup=False,
    )


def with_platforms(
    rows: Iterable[TagRow], platforms: Mapping[str, tuple[str, ...]]
) -> list[TagRow]:
    """The rows of these digests, with their platforms (to merge into the list)."""
    return [replace(r, platforms=platforms[r.digest]) for r in rows if r.digest in platforms]


def not_pullable_line(repository: str, row: TagRow) -> str:
    """Why there is no pull command for this image, and how it comes back."""
    status = row.image_status.upper()
    if status == "ACTIVATING":
        return ("This image is ACTIVATING: it is being restored from the archive and can be "
                "pulled once it is ACTIVE")
    return (f"This image is ARCHIVED: it cannot be pulled until it is restored: "
            f"{restore_command(repository, row.digest)}")
