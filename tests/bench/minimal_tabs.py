"""The peer for a tab switch: the least Textual app with five tabs of static text, the same
markers as ecr-tui's detail tabs; keys 1-5 switch (measures tmux + Textual's own cost)."""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static, TabbedContent, TabPane

MARKERS = ("Media type", "CREATED BY", "Env names", "ARTIFACT TYPE", "showing")


class MinimalTabs(App[None]):
    BINDINGS = [Binding(str(n), f"tab({n})") for n in range(1, 6)]

    def compose(self) -> ComposeResult:
        yield Static("Repositories  Images 3499\n" * 20)
        with TabbedContent():
            for n, marker in enumerate(MARKERS, 1):
                with TabPane(f"Tab {n}", id=f"t{n}"):
                    yield Static(f"{marker}\n" + "line of text\n" * 12)

    def action_tab(self, n: int) -> None:
        self.query_one(TabbedContent).active = f"t{n}"


if __name__ == "__main__":
    MinimalTabs().run()
