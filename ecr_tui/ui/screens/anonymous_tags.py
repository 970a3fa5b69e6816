"""AnonymousTagsScreen: a repository outside the profile's ECR (public.ecr.aws/ALIAS/REPO,
ghcr.io/…, any registry speaking the anonymous token flow), reached from `:` or find. Its tag
names are listed with no credentials and no manifest read (looking is not pulling); enter reads
the highlighted image into the detail tabs through the CLI's `inspect HOST/REPO` source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.hosts import image_uri
from ecr_tui.core.image_ref import ImageReference
from ecr_tui.core.models import TagRow
from ecr_tui.ui.bindings import OUTSIDE_TAGS_BINDINGS
from ecr_tui.ui.messages import CallFailed
from ecr_tui.ui.screens.tag_list_keys import TagListKeys
from ecr_tui.ui.widgets.detail_tabs.pane import ImageDetailPane
from ecr_tui.ui.widgets.filter_input import FilterInput
from ecr_tui.ui.widgets.header_bar import HeaderBar, show_current
from ecr_tui.ui.widgets.key_footer import KeyFooter
from ecr_tui.ui.widgets.tag_list import TagListView
from ecr_tui.ui.widgets.tag_names import TagNameList
from ecr_tui.ui.worker_events import ForwardWorkerEvents

if TYPE_CHECKING:
    from ecr_tui.ui.app_view import AppView


@dataclass
class AnonymousTagsLoaded(Message):
    host: str
    repository: str
    tags: list[str]


@dataclass
class AnonymousTagsFailed(Message):
    host: str
    repository: str
    error: EcrTuiError


UNREAD = "enter reads this image: its manifest, layers, config and referrers"


class AnonymousTagsScreen(TagListKeys, ForwardWorkerEvents, Screen[None]):
    DEFAULT_CSS = """
    AnonymousTagsScreen #tag-list { height: 1fr; }
    AnonymousTagsScreen #tag-detail { height: 1fr; min-height: 10; padding: 0 1; }
    """
    BINDINGS = OUTSIDE_TAGS_BINDINGS
    AUTO_FOCUS = "#tag-list"
    app: AppView

    def __init__(self, reference: ImageReference) -> None:
        super().__init__(classes="tags-screen anonymous-tags-screen")
        self.host = reference.host
        self.repository = reference.repository
        self.wanted_tag = reference.digest or reference.tag or None
        """The reference's tag or digest: the cursor goes there and it is read at once."""

    @property
    def place(self) -> str:
        return f"{self.host}/{self.repository}"

    def compose(self) -> ComposeResult:
        self.load_tags()  # the tag list is on its way while the screen mounts
        yield HeaderBar(demo=self.app.backend.name == "demo", id="tags-header")
        yield FilterInput(id="tag-filter")
        yield TagNameList(self.app.clock, id="tag-list")
        yield ImageDetailPane(self.app.clock, id="tag-detail")
        yield KeyFooter()

    @property
    def tag_list(self) -> TagNameList:
        return self.query_one(TagNameList)

    @property
    def detail(self) -> ImageDetailPane:
        return self.query_one(ImageDetailPane)

    def on_mount(self) -> None:
        self.tokens_changed()
        self.tag_list.loading = True
        self.detail.hide_tabs("scan", "used-by")

    # -- the listing ---------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="anonymous-tags", exit_on_error=False,
          description="list tags anonymously (registry token flow, tags/list only)")
    def load_tags(self) -> None:
        worker = get_current_worker()
        self.app.worker_context[worker] = (None, "anonymous tags")
        host, repository = self.host, self.repository
        try:
            tags = self.app.backend.anonymous_registry(host).tags(repository)
        except EcrTuiError as exc:  # keyed by host/repository: another screen's is not ours
            if not worker.is_cancelled:
                self.post_message(AnonymousTagsFailed(host, repository, exc))
            return
        if not worker.is_cancelled:
            self.post_message(AnonymousTagsLoaded(host, repository, tags))

    def _ours(self, message: AnonymousTagsLoaded | AnonymousTagsFailed) -> bool:
        return (message.host, message.repository) == (self.host, self.repository)

    def on_anonymous_tags_loaded(self, message: AnonymousTagsLoaded) -> None:
        if not self._ours(message):
            return
        view = self.tag_list
        view.loading = False
        view.border_subtitle = f"{self.place} · anonymous"
        view.set_rows([TagRow(tag) for tag in message.tags])
        self._open_wanted()

    def on_anonymous_tags_failed(self, message: AnonymousTagsFailed) -> None:
        if not self._ours(message):
            return
        line = self.app.error_line(message.error)
        self.tag_list.loading = False
        self.tag_list.border_subtitle = line
        self.app.notify(line, severity="error", timeout=8, markup=False)

    def _open_wanted(self) -> None:
        """The reference named a tag or digest: put the cursor there and read it (the user
        asked for that image); a digest no tag names gets a row of its own."""
        wanted, view = self.wanted_tag, self.tag_list
        if not wanted:
            return
        self.wanted_tag = None
        index = next((i for i, r in enumerate(view.rows) if r.tag == wanted), None)
        if index is None and wanted.startswith("sha256:"):
            view.set_rows([TagRow("", digest=wanted), *view.rows])
            index = 0
        if index is not None:
            view.move_to(index)
            self.action_open_image()

    # -- the detail pane -------------------------------------------------------------------
    def on_tag_list_view_highlighted(self, message: TagListView.Highlighted) -> None:
        """Moving is looking: the name only, until enter reads the image."""
        row = message.row
        # Stale (the cursor moved on since) or the row already shown: nothing to change.
        if row is self.tag_list.highlighted and row is not self.detail.row:
            self.detail.show_unread(row, UNREAD)

    def action_open_image(self) -> None:
        row = self.tag_list.highlighted
        if row is None:
            return
        if row is not self.detail.row:
            self.detail.show_unread(row, UNREAD)
        self.detail.open(None, self.repository, row, host=self.host)

    def on_call_failed(self, message: CallFailed) -> None:
        if message.target is None and message.what.startswith("detail"):
            self.detail.show_error(self.app.error_line(message.error), message.what)

    # -- header ----------------------------------------------------------------------------
    def on_screen_resume(self) -> None:
        self.app.catch_up(self)

    def update_countdowns(self, now: datetime) -> None:
        self.query_one(HeaderBar).update_countdown(now)

    def tokens_changed(self) -> None:
        show_current(self.query_one(HeaderBar), self.app, f"{self.place} (anonymous)")

    # -- actions ---------------------------------------------------------------------------
    def _copy(self, pull: bool) -> None:
        row = self.tag_list.highlighted
        if row is None:
            return
        uri = image_uri(self.host, self.repository, tag=row.tag or None,
                        digest=None if row.tag else row.digest)
        self.app.copy_text(f"docker pull {uri}" if pull else uri,
                           "Pull command" if pull else "Image reference")

    def action_copy_image_uri(self) -> None:
        self._copy(pull=False)

    def action_copy_pull(self) -> None:
        self._copy(pull=True)

    def action_back(self) -> None:
        if self.detail.has_focus_within:
            self.tag_list.focus()
        elif self.query_one(FilterInput).value:  # not filter_text: esc, esc cleared it just now
            self.query_one(FilterInput).action_close()
        else:
            self.dismiss()

    def action_refresh(self) -> None:
        self.tag_list.loading = True
        self.load_tags()


def open_anonymous(app: AppView, reference: ImageReference) -> None:
    """The jump's and find's way to a repository outside the profile's ECR."""
    app.push_screen(AnonymousTagsScreen(reference))
