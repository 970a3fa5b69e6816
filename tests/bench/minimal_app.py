"""The peer for first paint: the least Textual app that shows a line of text."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("profiles: default")


if __name__ == "__main__":
    Minimal().run()
