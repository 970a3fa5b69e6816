"""The tags screen's copy keys (image URI, digest URI, docker pull) and its reads of what an
image is (enter, `m`, an upstream's tag): mixed into TagsScreen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecr_tui.core.hosts import image_uri
from ecr_tui.core.images.status import is_pullable
from ecr_tui.ui import tags_looking
from ecr_tui.ui.tags_looking import PlatformsRead, not_pullable_line
from ecr_tui.ui.upstream_check import UpstreamChecked, show_upstream_check, start_upstream_check
from ecr_tui.ui.widgets.detail_tabs.messages import ImageFetched

if TYPE_CHECKING:
    from ecr_tui.core.models import Repository, Target
    from ecr_tui.ui.app_view import AppView
    from ecr_tui.ui.widgets.detail_tabs.pane import ImageDetailPane
    from ecr_tui.ui.widgets.image_list import ImageListView


class TagsActions:
    """TagsScreen's copy and looking actions, its own methods kept apart."""

    if TYPE_CHECKING:  # TagsScreen's, used here
        app: AppView
        target: Target
        repository: Repository

        @property
        def tag_list(self) -> ImageListView: ...
        @property
        def detail(self) -> ImageDetailPane: ...

    def _copy(self, text_for: str) -> None:
        row = self.tag_list.highlighted
        if row is None:
            return
        if text_for == "digest" and not row.digest:
            self.app.notify(f"No digest known for {row.tag}", severity="warning", markup=False)
            return
        if text_for == "pull" and not is_pullable(row.image_status):
            self.app.notify(not_pullable_line(self.repository.name, row), severity="warning",
                            markup=False, timeout=15)
            return
        if not row.tag:  # an untagged image: only its digest names it
            text_for = "digest" if text_for == "image" else text_for
        pinned = None if row.tag else row.digest
        host = self.repository.uri.partition("/")[0]
        name = self.repository.name
        self.app.remember_opened(self.target, name, row.tag)  # a tag copied is a tag in use
        group = self.tag_list.highlighted_group
        which = ""  # an image of several tags: say which one (the first shown) was taken
        if group is not None and len(group.tags) > 1 and text_for != "digest":
            which = f" (tag {row.tag}, the first of its {len(group.tags)} tags)"
        texts = {
            "image": (image_uri(host, name, tag=row.tag), "Image URI" + which),
            "digest": (image_uri(host, name, digest=row.digest), "Digest-pinned URI"),
            "pull": (f"docker pull {image_uri(host, name, tag=row.tag or None, digest=pinned)}",
                     "Pull command" + which),
        }
        self.app.copy_text(*texts[text_for])

    def action_copy_image_uri(self) -> None:
        self._copy("image")

    def action_copy_digest_uri(self) -> None:
        self._copy("digest")

    def action_copy_pull(self) -> None:
        self._copy("pull")

    # -- looking is not pulling (issue 19) --------------------------------------------
    def action_open_image(self) -> None:
        row = self.tag_list.highlighted
        if row is not None:
            if row is not self.detail.row:  # a move right before: its message is on its way
                self.detail.show_pending(row, self.tag_list.highlighted_group)
            self.detail.open(self.target, self.repository.name, row)

    def action_read_platforms(self) -> None:
        tags_looking.read_visible_platforms(self, self.tag_list)

    def on_platforms_read(self, message: PlatformsRead) -> None:
        if (message.target, message.repository) == (self.target, self.repository.name):
            tags_looking.show_platforms(self, self.tag_list, message)

    def on_image_fetched(self, message: ImageFetched) -> None:
        """An index opened: its platforms go into the list too (they are cached now)."""
        if message.manifest.is_index and message.key.target == self.target:
            names = {message.manifest.digest: tuple(p.name for p in message.manifest.platforms)}
            self.tag_list.merge_rows(tags_looking.with_platforms(self.tag_list.source, names))

    # -- upstream moved? (pull-through caches, issue 22) ---------------------------------
    def action_upstream_moved(self) -> None:
        row = self.tag_list.highlighted
        if row is not None:
            start_upstream_check(self, self.app, self.target, self.repository.name, row.tag)

    def on_upstream_checked(self, message: UpstreamChecked) -> None:
        if (message.target, message.repository) == (self.target, self.repository.name):
            show_upstream_check(self.app, message)
