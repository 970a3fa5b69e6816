"""The main screen's places: a jump's destination (profile, region, repository, tag), opening a
repository (remembered as recent) and starring it as a favourite."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecr_tui.core.models import Target
from ecr_tui.core.store.memory import Favourite

if TYPE_CHECKING:
    from ecr_tui.core.models import Repository
    from ecr_tui.ui.app_view import AppView
    from ecr_tui.ui.session import Session
    from ecr_tui.ui.widgets.region_list import RegionList
    from ecr_tui.ui.widgets.repo_table import RepoTable


class MainPlaces:
    """Mixin for MainScreen: where the user goes, and what the app remembers of it."""

    if TYPE_CHECKING:
        app: AppView
        _panels_ready: bool
        _wanted_repository: tuple[Target, str, str | None] | None

        @property
        def session(self) -> Session: ...
        @property
        def repos(self) -> RepoTable: ...
        def choose_profile(self, name: str, region: str | None = None) -> None: ...
        def choose_region(self, name: str) -> None: ...

    def go_to(self, profile: str, region: str | None, repository: str | None,
              tag: str | None) -> None:
        """Switch profile and region as needed, then open the repository once it is listed."""
        if profile not in self.session.profiles or not self._panels_ready:
            return
        if profile != self.session.profile:
            region = region or self.app.backend.default_region(profile)
            self.choose_profile(profile, region)
        elif region and region != self.session.region:
            self.choose_region(region)
        target = Target(profile, region or self.session.region or "")
        if repository is None:
            self._wanted_repository = None
        elif self.repos.target == target and self.session.target == target:
            self.open_repository_named(repository, tag)
        else:
            self._wanted_repository = (target, repository, tag)

    def open_repository(self, repository: Repository, tag: str | None = None) -> None:
        target = self.session.target
        if target is None or self.repos.target != target:
            return
        from ecr_tui.ui.screens.tags import TagsScreen

        self.app.remember_opened(target, repository.name)
        self.app.push_screen(TagsScreen(target, repository, tag))

    def open_repository_named(self, name: str, tag: str | None = None) -> None:
        repository = next((r for r in self.session.repositories if r.name == name), None)
        if repository is not None:
            self.open_repository(repository, tag)
        else:
            self.app.notify(f"No repository {name} in this registry", severity="warning",
                            markup=False)

    def _favourite_names(self) -> frozenset[str]:
        repositories = self.session.repositories
        account = repositories[0].registry_id if repositories else None
        return self.app.memory.remembered.favourite_names(account, self.session.region)

    def action_toggle_favourite(self) -> None:
        target, repository = self.session.target, self.repos.highlighted_repository
        if target is None or repository is None:
            return
        favourite = Favourite(repository.registry_id, target.region, repository.name,
                              target.profile)
        now = self.app.toggle_favourite(favourite)
        self.repos.set_favourites(self._favourite_names())
        verb = "added to" if now else "removed from"
        self.app.notify(f"{repository.name} {verb} favourites", markup=False, timeout=3)

    def on_region_list_public_chosen(self, _message: RegionList.PublicChosen) -> None:
        """The Public place: the current profile's ECR Public repositories (issue 22)."""
        profile = self.session.profile
        if profile is not None:
            from ecr_tui.ui.screens.public import PublicScreen

            self.app.push_screen(PublicScreen(profile))
