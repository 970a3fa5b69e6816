"""ImageDetailPane: tabs for one image, each fetched on demand and cached per digest."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Static, TabbedContent, TabPane

from ecr_tui.core.image_records import ImageGroup
from ecr_tui.core.images.findings import matches
from ecr_tui.core.models import TagRow, Target
from ecr_tui.ui.usage_view import UsageView
from ecr_tui.ui.widgets.detail_tabs import render
from ecr_tui.ui.widgets.detail_tabs.fetching import DetailFetching
from ecr_tui.ui.widgets.detail_tabs.late import LateTabs, when_ready
from ecr_tui.ui.widgets.detail_tabs.messages import (
    DetailKey,
    ImageFetched,
    ReferrersFetched,
    ScanFetched,
)
from ecr_tui.ui.widgets.detail_tabs.used_by import UsedByView
from ecr_tui.ui.widgets.lines_view import LinesView
from ecr_tui.ui.worker_events import ForwardWorkerEvents

CACHE_LIMIT = 300
"""Answers kept (image, referrers, scan per digest) before the oldest are dropped."""
TABS = ("overview", "layers", "config", "referrers", "scan", "used-by")
NEEDS = {"overview": "image", "layers": "image", "config": "image",
         "referrers": "referrers", "scan": "scan", "used-by": "image"}
"""What each tab fetches when opened ("Used by" is the screen's scan, handed in by show_usage)."""
OPENING_TABS = ("layers", "config")
"""Tabs that need the manifest: switching to one opens the image (a pull in ECR)."""


class ImageDetailPane(DetailFetching, ForwardWorkerEvents, LateTabs):
    """The screen tells it which image is highlighted; it fetches what the open tab needs.
    Its tabs come after the screen's first paint (LateTabs): calls before then wait."""

    DEFAULT_CSS = """
    ImageDetailPane TabbedContent { height: 1fr; }
    ImageDetailPane TabPane { padding: 0; height: 1fr; }
    ImageDetailPane #findings-filter { height: 1; border: none; padding: 0 1; }
    """

    def __init__(
        self, clock: Any, *, repository: str = "", id: str | None = None, tabs_later: bool = False
    ) -> None:
        super().__init__(id=id, tabs_later=tabs_later)
        self._clock = clock
        self.repository = repository
        self.opened: set[DetailKey] = set()
        """Images the user opened (enter, or a tab that needs the manifest): only these have
        their manifest read; moving the cursor is not opening."""
        self._excluded: bool | None = None
        """The caller's principal is in the pull-time update exclusions (known once opened)."""
        self.border_title = "Details"
        self.shown_tag: str | None = None
        self.key: DetailKey | None = None
        self.row: TagRow | None = None
        self.group: ImageGroup | None = None
        self.cache: dict[tuple[DetailKey, str], Any] = {}
        self._asked: set[tuple[DetailKey, str]] = set()
        self._shown: set[str] = set()
        """What the tabs already show for the current key: a tab switch redraws nothing."""
        self._findings_filter = ""
        self.usage: UsageView | None = None

    def compose_tabs(self) -> ComposeResult:
        with TabbedContent(id="detail-tabs"):
            with TabPane("Overview", id="overview"), VerticalScroll():
                yield Static(Text("Highlight an image to see its manifest.", "dim"),
                             id="overview-body")
            with TabPane("Layers", id="layers"):
                yield LinesView(id="layers-list")
            with TabPane("Config", id="config"), VerticalScroll():
                yield Static(id="config-body")
            with TabPane("Referrers", id="referrers"), VerticalScroll():
                yield Static(id="referrers-body")
            with TabPane("Scan", id="scan"):
                yield Static(id="scan-summary")
                yield Input(placeholder="filter findings (id, package, severity, title)",
                            id="findings-filter")
                yield LinesView(id="findings-list")
            with TabPane("Used by", id="used-by"):
                yield UsedByView(id="used-by-view")

    # -- called by the screen -------------------------------------------------------------
    def show_pending(self, row: TagRow | None, group: ImageGroup | None) -> None:
        """The cursor moved: say what is known now; `load` follows once it rests."""
        self.shown_tag = None
        self.row, self.group, self.key = row, group, None
        self._shown = set()
        if row is not None:
            self.border_title = f"Details {group.label if group else row.tag}"
        self._show_pending()

    @when_ready
    def _show_pending(self) -> None:
        """The current row as far as known (before the tabs are in: once they are)."""
        if self.row is None:
            self._set_all(Text("Nothing highlighted.", "dim"))
            self.query_one(UsedByView).show_nothing("Nothing highlighted.")
            return
        self._set_all(Text("Fetching…", "dim italic"))
        self._show_unopened()

    def _show_unopened(self) -> None:
        """What DescribeImages and the manifest cache said, until the image is opened."""
        row = self.row
        assert row is not None
        self.query_one("#overview-body", Static).update(render.overview(
            row, self.group, None, [], self._clock(), opened=False, repository=self.repository,
            excluded=self._excluded,
        ))
        self.query_one("#config-body", Static).update(render.NOT_OPENED)
        self.query_one("#layers-list", LinesView).set_items(
            (), lambda item: Text(str(item)), render.NOT_OPENED
        )
        self._show_usage()

    def show_usage(self, usage: UsageView | None) -> None:
        """The repository's usage as far as its scan has got (the screen runs the scan); the
        border says how far."""
        self.usage = usage
        self.border_subtitle = usage.progress() if usage is not None else ""
        self._show_usage()

    @when_ready
    def _show_usage(self) -> None:
        row, group = self.row, self.group
        if row is None:
            return
        digests = (group.digest, *group.children) if group is not None else (row.digest,)
        self.query_one(UsedByView).show(self.usage, [d for d in digests if d])

    @when_ready
    def show_usage_error(self, line: str) -> None:
        self.query_one(UsedByView).show_nothing(line, "red")

    def show_unread(self, row: TagRow | None, hint: str) -> None:
        """A row whose image is read only when asked (outside ECR, reading it is a pull)."""
        self.show_pending(row, None)
        if row is not None:
            self._set_all(Text(hint, "dim"))

    def load(self, target: Target | None, repository: str, row: TagRow, host: str = "") -> None:
        """The cursor rests on `row`: show what is known, fetch the open tab's data (the
        manifest only for an image already opened). `host`: an image outside ECR, read
        anonymously (the target is then None)."""
        if row is not self.row:
            return
        self.key = DetailKey(target, repository, row.digest or row.tag, host)
        self._show_or_fetch()

    def open(self, target: Target | None, repository: str, row: TagRow, host: str = "") -> None:
        """The user opens the image: its manifest, platforms and config are read (`host`: an
        image outside ECR, as in load)."""
        if row is self.row:
            self.opened.add(DetailKey(target, repository, row.digest or row.tag, host))
        self.load(target, repository, row, host)

    @when_ready
    def show_error(self, line: str, what: str) -> None:
        if self.row is None:
            return
        label = self.group.label if self.group else self.row.tag
        error = Text(f"{label}: {line}", "red")
        if what == "detail-scan":
            self.query_one("#scan-summary", Static).update(error)
        elif what == "detail-referrers":
            self.query_one("#referrers-body", Static).update(error)
        else:
            self._set_all(error)
        self._asked = {k for k in self._asked if k[0] != self.key}
        self._shown = set()

    # -- fetching -------------------------------------------------------------------------
    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        event.stop()
        if self.key is not None:
            if self.active_tab in OPENING_TABS:  # the user asked for the manifest's contents
                self.opened.add(self.key)
            self._show_or_fetch()

    @when_ready
    def _show_or_fetch(self) -> None:
        """The image itself (overview, layers, config) always; the open tab's data too."""
        key = self.key
        if key is None:  # the cursor moved on before the tabs were in
            return
        for need in dict.fromkeys(("image", NEEDS[self.active_tab])):
            if need in self._shown or (need == "image" and key not in self.opened):
                continue
            found = self.cache.get((key, need))
            if found is not None:
                self._show(need, found)
            else:
                self._fetch(key, need)

    def _fetch(self, key: DetailKey, need: str) -> None:
        if (key, need) in self._asked:
            return
        self._asked.add((key, need))
        {"image": self.fetch_image, "referrers": self.fetch_referrers,
         "scan": self.fetch_scan}[need](key)

    # -- results (cached whatever the cursor does; shown only for the current image) -------
    def on_image_fetched(self, message: ImageFetched) -> None:
        self._excluded = message.excluded
        self._arrived(message.key, "image", (message.manifest, message.images))

    def on_referrers_fetched(self, message: ReferrersFetched) -> None:
        self._arrived(message.key, "referrers", message.referrers)

    def on_scan_fetched(self, message: ScanFetched) -> None:
        self._arrived(message.key, "scan", message.report)

    def _arrived(self, key: DetailKey, need: str, value: Any) -> None:
        self.cache[(key, need)] = value
        while len(self.cache) > CACHE_LIMIT:  # oldest first: dicts keep insertion order
            del self.cache[next(iter(self.cache))]
        if key == self.key:
            self._show(need, value)

    def _show(self, need: str, value: Any) -> None:
        row = self.row
        assert row is not None
        self._shown.add(need)
        if need == "image":
            manifest, images = value
            self.query_one("#overview-body", Static).update(render.overview(
                row, self.group, manifest, images, self._now(), repository=self.repository,
                excluded=self._excluded,
            ))
            self.query_one("#layers-list", LinesView).set_items(
                render.layer_items(images), render.layer_line, render.LAYER_HEADER
            )
            self.query_one("#config-body", Static).update(render.config_text(images))
            self.shown_tag = row.tag
        elif need == "referrers":
            self.query_one("#referrers-body", Static).update(render.referrers_text(value))
        else:
            self._show_findings(value)

    def _show_findings(self, report: Any, *, keep_scroll: bool = False) -> None:
        needle = self._findings_filter
        shown = [f for f in report.findings if matches(f, needle)] if needle else report.findings
        self.query_one("#scan-summary", Static).update(render.scan_summary(report, len(shown)))
        self.query_one("#findings-list", LinesView).set_items(
            shown, render.finding_line, render.FINDING_HEADER, keep_scroll=keep_scroll
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "findings-filter":
            return
        event.stop()
        self._findings_filter = event.value.strip()
        report = self.cache.get((self.key, "scan")) if self.key else None
        if report is not None:
            self._show_findings(report)

    @when_ready
    def focus_findings_filter(self) -> None:
        self.show_tab("scan")
        self.query_one("#findings-filter", Input).focus()

    @when_ready
    def clear_findings_filter(self) -> None:
        """esc empties it, as it does every filter: `Input.Changed` shows every finding again."""
        self.query_one("#findings-filter", Input).value = ""

    @when_ready
    def _set_all(self, text: Text) -> None:
        for body in ("#overview-body", "#config-body", "#referrers-body", "#scan-summary"):
            self.query_one(body, Static).update(text)
        for view in self.query(LinesView):
            view.set_items((), lambda item: Text(str(item)))

    def _now(self) -> datetime:
        return self._clock()
