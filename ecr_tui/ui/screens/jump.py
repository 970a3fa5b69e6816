"""JumpScreen (`:`): one input over profiles, regions, `profile region` pairs, the Public place
(`public`, `PROFILE public`), repositories of the current registry, favourites and recents, or
an image reference outside ECR (its tags, read anonymously); enter goes to the first (or
highlighted) match."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ecr_tui.core.fleet.jump import JumpTarget, candidates, rank
from ecr_tui.ui.bindings import JUMP_BINDINGS

if TYPE_CHECKING:
    from ecr_tui.ui.app_view import AppView


class JumpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    JumpScreen { align: center top; }
    #jump-box {
        width: 90;
        height: auto;
        max-height: 70%;
        margin-top: 3;
        border: round $accent;
        background: $surface;
    }
    #jump-matches { height: auto; max-height: 20; border: none; }
    """
    BINDINGS = JUMP_BINDINGS
    AUTO_FOCUS = "#jump-input"
    app: AppView

    def __init__(self, regions: list[str]) -> None:
        super().__init__(id="jump")
        self._regions = regions
        """The region names in the main screen's order, those that matter first."""
        self._targets: list[JumpTarget] = []
        self._shown: list[JumpTarget] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="jump-box") as box:
            box.border_title = "Jump"
            box.border_subtitle = "enter: go · ↑↓: choose · esc: close"
            yield Input(placeholder="profile, region, profile region, repository, "
                        "public.ecr.aws/ALIAS/REPO…", id="jump-input")
            yield OptionList(id="jump-matches")

    def on_mount(self) -> None:
        session, remembered = self.app.session, self.app.memory.remembered
        self._targets = candidates(
            profiles=session.profiles,
            regions=self._regions,
            repositories=(r.name for r in session.repositories),
            favourites=remembered.favourites,
            recents=remembered.recents,
            current=(session.profile, session.region),
        )
        self._show("")

    def _show(self, query: str) -> None:
        self._shown = rank(query, self._targets)
        matches = self.query_one(OptionList)
        matches.set_options(Option(self._prompt(t)) for t in self._shown)
        if self._shown:
            matches.highlighted = 0

    @staticmethod
    def _prompt(target: JumpTarget) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{target.kind:<15}", "dim")
        text.append(target.title, "bold")
        if target.detail:
            text.append(f"  {target.detail}", "dim")
        return text

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = self.query_one(OptionList).highlighted
        if index is not None and 0 <= index < len(self._shown):
            self._go(self._shown[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._go(self._shown[event.option_index])

    def _go(self, target: JumpTarget) -> None:
        self.dismiss()
        if target.reference is not None:  # outside the profile's ECR: read anonymously
            from ecr_tui.ui.screens.anonymous_tags import open_anonymous

            open_anonymous(self.app, target.reference)
            return
        session = self.app.session
        profile = target.profile or session.profile
        if profile is not None and target.public:
            from ecr_tui.ui.screens.public import PublicScreen

            self.app.push_screen(PublicScreen(profile))
        elif profile is not None:
            self.app.go_to(profile, target.region, target.repository, target.tag)

    def action_move(self, delta: int) -> None:
        matches = self.query_one(OptionList)
        if self._shown:
            current = matches.highlighted or 0
            matches.highlighted = max(0, min(len(self._shown) - 1, current + delta))

    def action_close(self) -> None:
        self.dismiss()
