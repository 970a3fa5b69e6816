"""KeyFooter: the footer fitted to the width it has: `? Help` first, then the screen's keys and
the app's in the order the bindings declare them (a key the user remapped keeps its place),
as many as fit whole (the rest are one `?` away); never a key cut in half."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen

_PALETTE_FRAME = 3
"""The palette key's border and padding, beside its own text."""


def key_width(key: FooterKey) -> int:
    """Cells a (non-compact) footer key takes: ` k ` then `description `."""
    width = cell_len(key.key_display) + 2
    return width + cell_len(key.description) + 1 if key.description else width


class KeyFooter(Footer):
    def compose(self) -> ComposeResult:
        shown: list[Widget] = list(super().compose())
        palette = [w for w in shown if w.has_class("-command-palette")]
        keys = [w for w in shown if w not in palette]
        declared = [b.action for b in (*type(self.screen).BINDINGS, *type(self.app).BINDINGS)
                    if isinstance(b, Binding)]
        rank = {action: i for i, action in reversed(list(enumerate(declared)))}

        def place(widget: Widget) -> tuple[bool, int]:
            action = widget.action if isinstance(widget, FooterKey) else ""
            return (action != "help", rank.get(action, len(rank)))

        keys.sort(key=place)
        room = self.size.width - sum(
            key_width(w) + _PALETTE_FRAME for w in palette if isinstance(w, FooterKey)
        )
        for widget in keys:
            width = key_width(widget) if isinstance(widget, FooterKey) else 0
            if width <= room:
                room -= width
                yield self._settled(widget)
        yield from palette  # not bound to the footer's `compact`: it keeps its own

    def _settled(self, widget: Widget) -> Widget:
        """A key born with the footer's `compact`, which Footer binds it to: FooterKey's
        default (True), then the bound value (False), restyled every key twice as it mounted
        (~2 ms each, ~25 ms a recompose of the tags screen's footer)."""
        if isinstance(widget, FooterKey):
            widget.set_reactive(FooterKey.compact, self.compact)
        return widget

    _recompose_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        """Footer's, but changes before the next refresh share one recompose (each is ~20 ms
        of the UI thread, and opening a screen changes its bindings two or three times)."""
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._recompose_soon()

    def on_resize(self) -> None:
        if self._bindings_ready:
            self._recompose_soon()

    def _recompose_soon(self) -> None:
        if not self._recompose_pending:
            self._recompose_pending = True
            self.call_after_refresh(self._recompose_now)

    async def _recompose_now(self) -> None:
        self._recompose_pending = False  # a change from here on needs a recompose of its own
        if not self.is_attached:  # its screen was closed before this refresh
            return
        if self.screen is not self.app.screen:  # covered (a screen pushed over it): on its return
            self._stale = True
            return
        await self.recompose()

    _stale = False

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def _screen_changed(self, screen: Screen) -> None:
        if self._stale and self.is_attached and screen is self.screen:
            self._stale = False
            self._recompose_soon()
