"""FilterInput: the `/` filter line; narrows as you type, esc clears and hides it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class FilterInput(Input):
    BINDINGS = [Binding("escape", "close", "Clear filter", show=False, id="close-filter")]

    DEFAULT_CSS = """
    FilterInput { display: none; border: none; height: 1; padding: 0 1; }
    FilterInput:focus { border: none; background: $boost; }
    FilterInput.-open { display: block; }
    """

    @dataclass
    class Closed(Message):
        """The filter was cleared and hidden (esc)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="filter… (enter: keep, esc: clear)", id=id)

    def open(self) -> None:
        self.add_class("-open")
        self.focus()

    def action_close(self) -> None:
        self.value = ""
        self.remove_class("-open")
        self.post_message(self.Closed())
