"""The peer for the filter keystroke: the least Textual app that filters as you type, an
Input and a line saying how many of 10,000 names match (no list drawn)."""

from textual.app import App, ComposeResult
from textual.widgets import Input, Static

NAMES = [f"team-{i % 97:02d}/svc-{i:05d}" for i in range(10_000)]


class MinimalFilter(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter…")
        yield Static(f"Items {len(NAMES)}/{len(NAMES)}", id="count")

    def on_input_changed(self, event: Input.Changed) -> None:
        count = sum(1 for name in NAMES if event.value in name)
        self.query_one("#count", Static).update(f"Items {count}/{len(NAMES)}")


if __name__ == "__main__":
    MinimalFilter().run()
