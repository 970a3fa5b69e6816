"""`C`'s two dialogs: where to copy the image (a pair of the Fleet, a repository name, a tag,
every platform or one), and the copy's progress (bytes, blobs, manifests) while it runs."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, ProgressBar, Select, Static

from ecr_tui.core.copy_records import CopyProgress
from ecr_tui.core.models import Target

ALL_PLATFORMS = ""


@dataclass(frozen=True, slots=True)
class CopyChoice:
    target: Target
    repository: str
    tag: str
    platform: str = ALL_PLATFORMS


class CopyTargetDialog(ModalScreen[CopyChoice | None]):
    """The destination: a pair (the Fleet's), a repository name and a tag, the platforms."""

    DEFAULT_CSS = """
    CopyTargetDialog { align: center middle; }
    #copy-box { width: 80%; max-width: 100; height: auto; border: thick $warning;
                background: $surface; padding: 0 1; }
    #copy-box Input, #copy-box Select { margin-bottom: 1; }
    #copy-buttons { height: auto; }
    #copy-buttons Button { margin-right: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-copy")]

    def __init__(self, source: str, pairs: list[Target], repository: str, tag: str,
                 platforms: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.source = source
        self.pairs = pairs
        self._defaults = (repository, tag)
        self.platforms = platforms

    def compose(self) -> ComposeResult:
        repository, tag = self._defaults
        with Vertical(id="copy-box") as box:
            box.border_title = "Copy an image (a write to ECR)"
            yield Static(f"from {self.source}", markup=False)
            yield Select([(f"{p.profile}  {p.region}", i) for i, p in enumerate(self.pairs)],
                         prompt="destination pair", id="copy-pair", allow_blank=False)
            yield Input(repository, placeholder="repository at the destination",
                        id="copy-repository")
            yield Input(tag, placeholder="tag at the destination", id="copy-tag")
            if self.platforms:
                yield Select([("every platform (the index, digest unchanged)", ALL_PLATFORMS),
                              *((f"only {p}", p) for p in self.platforms)],
                             id="copy-platform", allow_blank=False)
            with Horizontal(id="copy-buttons"):
                yield Button("Preview", variant="warning", id="copy-preview")
                yield Button("Cancel", variant="primary", id="copy-cancel")

    def on_mount(self) -> None:
        self.query_one("#copy-pair", Select).focus()

    def _choice(self) -> CopyChoice | None:
        index = self.query_one("#copy-pair", Select).value
        repository = self.query_one("#copy-repository", Input).value.strip()
        tag = self.query_one("#copy-tag", Input).value.strip()
        if not isinstance(index, int) or not repository or not tag:
            self.app.notify("choose a pair and name a repository and a tag", markup=False,
                            severity="warning")
            return None
        platform = ALL_PLATFORMS
        if self.platforms:
            chosen = self.query_one("#copy-platform", Select).value
            platform = chosen if isinstance(chosen, str) else ALL_PLATFORMS
        return CopyChoice(self.pairs[index], repository, tag, platform)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "copy-cancel":
            self.dismiss(None)
        elif (choice := self._choice()) is not None:
            self.dismiss(choice)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if (choice := self._choice()) is not None:
            self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CopyProgressDialog(ModalScreen[None]):
    """The running copy: a bar over the bytes sent and one line of counts; closes itself
    when the copy ends (the result comes as a notification)."""

    DEFAULT_CSS = """
    CopyProgressDialog { align: center middle; }
    #copy-progress-box { width: 70%; max-width: 90; height: auto; border: thick $warning;
                         background: $surface; padding: 0 1; }
    """

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what
        self.last: CopyProgress | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="copy-progress-box") as box:
            box.border_title = "Copying"
            yield Static(self.what, markup=False)
            yield ProgressBar(id="copy-bar", show_eta=False)
            yield Static("reading…", id="copy-line", markup=False)

    def show(self, progress: CopyProgress) -> None:
        self.last = progress
        bar = self.query_one("#copy-bar", ProgressBar)
        bar.update(total=max(progress.bytes_total, 1), progress=progress.bytes_done)
        self.query_one("#copy-line", Static).update(progress.line())
