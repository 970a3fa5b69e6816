"""TagsScreen: one repository's tags in a virtual list, with a detail pane fetched on demand."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from ecr_tui.core.images.inspect import untagged_and_children
from ecr_tui.core.models import Repository, TagBatch, Target
from ecr_tui.ui.bindings import TAGS_BINDINGS
from ecr_tui.ui.born_sized import size_classes
from ecr_tui.ui.copy_actions import CopyActions
from ecr_tui.ui.messages import CallFailed, TagsArrived, TagsLoaded, UntaggedLoaded
from ecr_tui.ui.screens.tag_list_keys import TagListKeys
from ecr_tui.ui.screens.tags_actions import TagsActions
from ecr_tui.ui.tag_batches import TagBatches
from ecr_tui.ui.usage_scan import ScanWhenShown, UsageUpdated, scan_repository
from ecr_tui.ui.usage_view import UsageKey
from ecr_tui.ui.widgets.detail_tabs.pane import ImageDetailPane
from ecr_tui.ui.widgets.filter_input import FilterInput
from ecr_tui.ui.widgets.header_bar import HeaderBar, show_pair
from ecr_tui.ui.widgets.image_list import ImageListView
from ecr_tui.ui.widgets.key_footer import KeyFooter
from ecr_tui.ui.worker_events import ForwardWorkerEvents
from ecr_tui.ui.write_actions import WriteActions

if TYPE_CHECKING:
    from ecr_tui.ui.app_view import AppView


class TagsScreen(TagsActions, CopyActions, WriteActions, TagListKeys, ForwardWorkerEvents,
                 Screen[None]):
    DEFAULT_CSS = """
    #tag-list { height: 1fr; }
    #tag-detail { height: 1fr; min-height: 10; padding: 0 1; }
    """
    BINDINGS = TAGS_BINDINGS
    AUTO_FOCUS = "#tag-list"
    DETAIL_DELAY = 0.15
    """Seconds the cursor must rest on a tag before its manifest is fetched."""
    app: AppView

    def __init__(self, target: Target, repository: Repository, tag: str | None = None) -> None:
        # No fixed id: a palette jump pushes the next one before the popped one is gone.
        super().__init__(classes=f"tags-screen {size_classes(self.app, TagsScreen)}")
        self.target = target
        self.repository = repository
        self.wanted_tag = tag
        """A jump's tag (or a find's digest): the cursor goes there once the tags are listed."""
        self._detail_timer: Timer | None = None
        self._batches: TagBatches | None = None
        """The batches of the listing under way (None once it is complete)."""
        self._usage_key: UsageKey | None = None
        """The usage scan under way or done: answers of any other are stale."""
        self._usage = ScanWhenShown(lambda refresh: self._scan_usage(refresh=refresh))
        self._footer_mounted = False

    def compose(self) -> ComposeResult:
        self._start_listing()  # the first registry page is on its way while the screen mounts
        yield HeaderBar(demo=self.app.backend.name == "demo",
                        writes=self.app.backend.writes_enabled(), id="tags-header")
        yield FilterInput(id="tag-filter")
        yield ImageListView(self.app.clock, id="tag-list")
        yield ImageDetailPane(self.app.clock, repository=self.repository.name, id="tag-detail",
                              tabs_later=True)  # once the first rows show with details

    @property
    def tag_list(self) -> ImageListView:
        return self.query_one(ImageListView)

    @property
    def detail(self) -> ImageDetailPane:
        return self.query_one(ImageDetailPane)

    def on_mount(self) -> None:
        self.tokens_changed()
        self.tag_list.focus()
        self._usage.want(refresh=False)
        batches = self._batches
        if batches is not None and batches.waiting():  # came while it mounted: in frame one
            self._merge_batches(batches)
        else:  # a line, not `loading`: its animation painted frames while the rows were due
            self._show_loading("tags")

    # -- workers ------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="tags", exit_on_error=False,
          description="list tags (registry API + DescribeImages)")
    def load_tags(self, batches: TagBatches) -> None:
        worker = get_current_worker()
        self.app.worker_context[worker] = (self.target, "tags")
        backend, name, target = self.app.backend, self.repository.name, self.target

        def arrived(batch: TagBatch) -> None:
            if batches.put(batch) and not worker.is_cancelled:
                self.post_message(TagsArrived(target, name, batches))
            batches.wait_first_paint(batch)

        listing = backend.tag_listing(target.profile, target.region, name, arrived)
        if not worker.is_cancelled:
            self.post_message(TagsLoaded(target, name, listing.rows, listing.warnings))

    @work(thread=True, exclusive=True, group="untagged", exit_on_error=False,
          description="list untagged images and fold index children (DescribeImages)")
    def load_untagged(self, index_digests: list[str]) -> None:
        worker = get_current_worker()
        self.app.worker_context[worker] = (self.target, "untagged images")
        t, name = self.target, self.repository.name
        images, children = untagged_and_children(
            self.app.backend, t.profile, t.region, name, index_digests
        )
        if not worker.is_cancelled:
            self.post_message(UntaggedLoaded(t, name, images, children))

    def _scan_usage(self, *, refresh: bool) -> None:
        """What runs this repository's images, across the scope (IN USE and the Used by tab)."""
        t, repo = self.target, self.repository
        account = repo.registry_id or self.app.session.accounts.get(t, "")
        scan = self._usage_key.scan + 1 if self._usage_key else 0
        self._usage_key = UsageKey(t, account, t.region, repo.name, scan)
        scan_repository(self, self.app, self._usage_key, refresh=refresh)

    # -- results ------------------------------------------------------------------------
    def on_usage_updated(self, message: UsageUpdated) -> None:
        if message.key == self._usage_key:
            self.tag_list.set_usage(message.view)
            self.detail.show_usage(message.view)

    def _ours(self, message: TagsArrived | TagsLoaded) -> bool:
        return (message.target, message.repository) == (self.target, self.repository.name)

    def on_tags_arrived(self, message: TagsArrived) -> None:
        if self._ours(message):
            self._merge_batches(message.batches)

    def _merge_batches(self, batches: TagBatches) -> None:
        """Every batch that came since the last merge, in one; the next after the paint."""
        if batches is not self._batches:
            return  # a listing replaced (refresh) or complete (TagsLoaded has every row)
        rows, loading = batches.take()
        self.tag_list.loading = False
        if rows:  # none: the message of rows on_mount took already
            self.tag_list.merge_rows(rows)
            self._seek_wanted_tag()
            self._show_loading(loading)
        self.call_after_refresh(self._painted, batches)

    def _painted(self, batches: TagBatches) -> None:
        self._usage.shown()
        row = self.tag_list.highlighted
        if row is not None and row.digest:  # details on screen: the pane's tabs may come now
            self._first_screen_shown()
        if batches is self._batches and batches.release():
            self._merge_batches(batches)

    def _first_screen_shown(self) -> None:
        """The rows the screen was opened for are painted: the widgets that can wait, now (the
        footer's keys and the pane's tabs cost ~40 ms of the UI thread to mount and style)."""
        self.detail.mount_tabs_soon()
        if not self._footer_mounted:
            self._footer_mounted = True
            self.call_next(self._mount_footer)

    async def _mount_footer(self) -> None:
        await self.mount(KeyFooter())
        self.refresh_bindings()  # a footer learns its keys from the screen's next change

    def _seek_wanted_tag(self) -> None:
        """A jump or a recent named a tag: put the cursor on it once it has arrived."""
        wanted, view = self.wanted_tag, self.tag_list
        index = next((i for i, r in enumerate(view.rows)
                      if wanted and wanted in (r.tag, r.digest)), None)
        if index is None and wanted and view.groups:  # one row per image: the tag's image
            index = next((i for i, g in enumerate(view.groups) if wanted in g.tags), None)
        if wanted and index is not None:
            self.wanted_tag = None
            self.tag_list.move_to(index)

    def _show_loading(self, what: str) -> None:
        """The list's status line says what is still on its way (the header keeps the repo)."""
        self.tag_list.border_subtitle = f"⠿ loading {what}…" if what else ""

    def on_tags_loaded(self, message: TagsLoaded) -> None:
        if not self._ours(message):
            return
        self._batches = None  # batches still waiting are in the whole listing
        self.call_after_refresh(self._usage.shown)
        self._first_screen_shown()
        self.tag_list.loading = False
        self.tag_list.border_subtitle = f"{self.target.profile} / {self.target.region}"
        self.tag_list.set_rows(message.rows, keep_position=True)
        self._seek_wanted_tag()
        for warning in message.warnings:
            self.notify(warning, title="Partial listing", severity="warning", timeout=12,
                        markup=False)

    def on_image_list_view_group_highlighted(
        self, message: ImageListView.GroupHighlighted
    ) -> None:
        if message.row is not self.detail.row or message.group is not self.detail.group:
            self.detail.show_pending(message.row, message.group)  # else: shown by an open already
        if self._detail_timer is not None:
            self._detail_timer.stop()
        row = message.row
        if row is not None:
            self._detail_timer = self.set_timer(
                self.DETAIL_DELAY,
                lambda: self.detail.load(self.target, self.repository.name, row),
            )

    def on_untagged_loaded(self, message: UntaggedLoaded) -> None:
        if (message.target, message.repository) == (self.target, self.repository.name):
            self.tag_list.set_untagged(message.images, message.children)

    def on_call_failed(self, message: CallFailed) -> None:
        if message.target != self.target:
            return
        line = self.app.error_line(message.error)
        if message.what == "tags":
            self.tag_list.loading = False
            self.tag_list.border_subtitle = line
            self._usage.shown()  # the workloads may still be read
            self._first_screen_shown()
        elif message.what.startswith("detail"):
            self.detail.show_error(line, message.what)
        elif message.what == "usage":
            self.tag_list.set_usage(None)
            self.detail.show_usage_error(f"in use where: {line}")

    # -- called by the app --------------------------------------------------------------
    def on_screen_resume(self) -> None:
        self.app.catch_up(self)  # its countdowns stood still while it was covered

    def update_countdowns(self, now: datetime) -> None:
        self.query_one(HeaderBar).update_countdown(now)

    def tokens_changed(self) -> None:
        show_pair(self.query_one(HeaderBar), self.app, self.target, self.repository.name)

    # -- actions ------------------------------------------------------------------------
    def action_back(self) -> None:
        if self.detail.has_focus_within:  # leave the detail pane, its findings filter cleared
            self.detail.clear_findings_filter()
            self.tag_list.focus()
        elif self.query_one(FilterInput).value:  # not filter_text: esc, esc cleared it just now
            self.query_one(FilterInput).action_close()
        else:
            self.dismiss()

    def action_toggle(self, what: str) -> None:
        """'grouped' (images / tags), 'untagged', 'artifacts' (digest-named tags)."""
        view = self.tag_list
        view.toggle(what)
        if what == "untagged" and view.show_untagged:
            indexes = [r.digest for r in view._source if r.digest and (
                "index" in r.media_type or "manifest.list" in r.media_type)]
            self.load_untagged(list(dict.fromkeys(indexes)))

    def action_filter_findings(self) -> None:
        self.detail.focus_findings_filter()

    def action_lifecycle(self) -> None:
        from ecr_tui.ui.screens.lifecycle import LifecycleScreen

        self.app.push_screen(LifecycleScreen(self.target, self.repository))

    def action_refresh(self) -> None:
        self.tag_list.loading = True
        self._start_listing()
        self._usage.want(refresh=True)  # bypasses the usage cache; once the tags are shown

    def _start_listing(self) -> None:
        self._batches = TagBatches()
        self.load_tags(self._batches)
