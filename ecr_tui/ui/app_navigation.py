"""The app's navigation (mixed into EcrTuiApp): back to the main screen, switching profile
and region, opening a repository, the jump, and the Fleet, Find, doctor and pull-URI screens
the palette and the keys open."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ecr_tui.ui.screens.main import MainScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from ecr_tui.ui.session import Session


class AppNavigation:
    """Where the keys and the palette go; EcrTuiApp's own methods, kept apart."""

    if TYPE_CHECKING:  # the App's, used here
        session: Session
        screen_stack: list[Screen[Any]]
        screen: Screen[Any]

        def pop_screen(self) -> Any: ...
        def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...

    @property
    def main_screen(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def _to_main(self) -> MainScreen:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        return self.main_screen

    def switch_profile(self, name: str) -> None:
        self._to_main().choose_profile(name)

    def switch_region(self, name: str) -> None:
        self._to_main().choose_region(name)

    def open_repository(self, name: str) -> None:
        self._to_main().open_repository_named(name)

    def action_fleet(self) -> None:
        from ecr_tui.ui.screens.fleet import FleetScreen

        if not isinstance(self.screen, FleetScreen):
            self.push_screen(FleetScreen())

    def action_find(self) -> None:
        from ecr_tui.ui.screens.find import FindScreen

        if not isinstance(self.screen, FindScreen):
            self.push_screen(FindScreen())

    def action_doctor(self) -> None:
        """Why can't it pull? (issue 20)"""
        from ecr_tui.ui.screens.doctor import DoctorScreen

        if not isinstance(self.screen, DoctorScreen):
            self.push_screen(DoctorScreen())

    def action_pull_uri(self) -> None:
        """Ask for an upstream image; show the reference that pulls it through the cache."""
        target = self.session.target
        rules = self.session.rules.get(target) if target else None
        if target is None or rules is None:
            self.notify("the pull-through-cache rules are not loaded yet: press u to see them",
                        severity="warning", markup=False)
            return
        from ecr_tui.ui.screens.rules import PullUriDialog

        self.push_screen(PullUriDialog(target, rules))

    def action_jump(self) -> None:
        from ecr_tui.ui.screens.jump import JumpScreen

        if not isinstance(self.screen, JumpScreen):
            self.push_screen(JumpScreen(self.main_screen.region_order()))

    def go_to(self, profile: str, region: str | None = None, repository: str | None = None,
              tag: str | None = None) -> None:
        """Jump: switch profile and region as needed, then open the repository (at the tag)."""
        self._to_main().go_to(profile, region, repository, tag)

    def action_help(self) -> None:
        from ecr_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
