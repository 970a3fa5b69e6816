"""Command-palette providers built from the current session: profiles, regions, repositories."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from ecr_tui.ui.app_view import AppView

Entry = tuple[str, Callable[[], object], str]


class _SessionCommands(Provider):
    DISCOVER_LIMIT = 30

    @property
    def ecr_app(self) -> AppView:
        return self.app  # type: ignore[return-value]

    def entries(self) -> Iterable[Entry]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for index, (title, callback, help_text) in enumerate(self.entries()):
            if index >= self.DISCOVER_LIMIT:
                break
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self.entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


class ProfileCommands(_SessionCommands):
    def entries(self) -> Iterable[Entry]:
        app = self.ecr_app
        for profile in app.session.profiles.values():
            yield (f"profile: {profile.name}", partial(app.switch_profile, profile.name),
                   f"switch to {profile.kind.value} profile {profile.name}")


class RegionCommands(_SessionCommands):
    def entries(self) -> Iterable[Entry]:
        app = self.ecr_app
        for region in app.session.regions:
            yield (f"region: {region.name}", partial(app.switch_region, region.name),
                   region.description)


class RepositoryCommands(_SessionCommands):
    def entries(self) -> Iterable[Entry]:
        app = self.ecr_app
        for repository in app.session.repositories:
            yield (f"repository: {repository.name}",
                   partial(app.open_repository, repository.name), repository.uri)


class FavouriteCommands(_SessionCommands):
    def entries(self) -> Iterable[Entry]:
        app = self.ecr_app
        for fav in app.memory.remembered.favourites:
            yield (f"favourite: {fav.repository} ({fav.profile} {fav.region})",
                   partial(app.go_to, fav.profile, fav.region, fav.repository),
                   f"account {fav.account}")


class RecentCommands(_SessionCommands):
    def entries(self) -> Iterable[Entry]:
        app = self.ecr_app
        for recent in app.memory.remembered.recents:
            yield (f"recent: {recent.title}",
                   partial(app.go_to, recent.profile, recent.region, recent.repository,
                           recent.tag or None),
                   f"opened {recent.opened_at}")
