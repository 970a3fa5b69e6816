"""The detail pane's tabs are mounted after the screen's first paint: opening a repository
shows its rows first (the six tabs cost ~40 ms of the UI thread to compose and style), and
what the screen asks of the pane before then is done, in order, once the tabs are in."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TabbedContent

P = ParamSpec("P")


def when_ready(method: Callable[P, None]) -> Callable[P, None]:
    """A pane method that needs the tabs: run now if they are in, else queued until they are."""

    @wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        pane = args[0]
        assert isinstance(pane, LateTabs)
        if pane.tabs_ready:
            method(*args, **kwargs)
        else:
            pane._waiting.append(lambda: method(*args, **kwargs))

    return run


class LateTabs(Vertical):
    """Composes a blank placeholder; `compose_tabs` is mounted after the first refresh, or,
    with `tabs_later`, after the refresh that follows the owner's `mount_tabs_soon`."""

    DEFAULT_CSS = """
    LateTabs #tabs-placeholder { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None, tabs_later: bool = False) -> None:
        super().__init__(id=id)
        self.tabs_ready = False
        self._tabs_later = tabs_later
        self._composing_tabs = False
        self._waiting: list[Callable[[], None]] = []
        self._hidden: set[str] = set()

    def compose(self) -> ComposeResult:
        if self._composing_tabs:
            yield from self.compose_tabs()
        else:
            yield Static(id="tabs-placeholder")

    def compose_tabs(self) -> ComposeResult:
        raise NotImplementedError

    @property
    def active_tab(self) -> str:
        if not self.tabs_ready:
            return "overview"  # the first tab: active once they are in
        return self.query_one(TabbedContent).active or "overview"

    @when_ready
    def show_tab(self, tab: str) -> None:
        if tab not in self._hidden:  # a tab this screen has not got: the key does nothing
            self.query_one(TabbedContent).active = tab

    @when_ready
    def hide_tabs(self, *tabs: str) -> None:
        """Tabs with nothing to say on this screen (an image outside ECR has no ECR scan and
        runs in no workload of yours): gone, not shown empty."""
        self._hidden.update(tabs)
        for tab in tabs:
            self.query_one(TabbedContent).hide_tab(tab)

    def on_mount(self) -> None:
        if not self._tabs_later:
            self.mount_tabs_soon()

    def mount_tabs_soon(self) -> None:
        """The screen shows what it came for: the tabs may take the UI thread now."""
        if not self._composing_tabs:
            self._composing_tabs = True
            self.call_after_refresh(self._mount_tabs)

    async def _mount_tabs(self) -> None:
        await self.recompose()  # the placeholder out, the tabs in
        if not self.query(TabbedContent):  # the pane is going (screen popped, app quit): none came
            self._waiting.clear()
            return
        self.tabs_ready = True
        waiting, self._waiting = self._waiting, []
        for call in waiting:
            call()
