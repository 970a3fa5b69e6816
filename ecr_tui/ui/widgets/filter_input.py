"""FilterInput: the `/` filter line; narrows as you type, enter keeps it, esc clears and hides
it. Either hands the focus back to its list at once: keys that arrive together (enter, enter:
keep the filter and open the row) each go where the one before them left the focus."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Input


class FilterInput(Input):
    BINDINGS = [Binding("escape", "close", "Clear filter", show=False, id="close-filter")]

    DEFAULT_CSS = """
    FilterInput { display: none; border: none; height: 1; padding: 0 1; }
    FilterInput:focus { border: none; background: $boost; }
    FilterInput.-open { display: block; }
    """

    virtual_size = Reactive(Size(0, 0), layout=False)
    """Its text scrolls inside a fixed one-line box: Input's own (layout=True) laid the whole
    screen out again on every key."""

    @dataclass
    class Closed(Message):
        """The filter was cleared and hidden (esc)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="filter… (enter: keep, esc: clear)", id=id)
        self._list: Widget | None = None
        """The list this filter narrows: it has the focus back on enter and esc."""

    def open(self, filtered: Widget) -> None:
        self._list = filtered
        self.add_class("-open")
        self.focus()

    async def action_submit(self) -> None:
        self._focus_list()
        await super().action_submit()

    def action_close(self) -> None:
        self.value = ""
        self.remove_class("-open")
        self._focus_list()
        self.post_message(self.Closed())

    def _focus_list(self) -> None:
        """Now, not on the next message (`focus()`): the app resolves the next key's binding
        from the focus, and an enter right behind this one was lost to the filter."""
        if self._list is not None and self.screen.focused is self:
            self.screen.set_focus(self._list)
