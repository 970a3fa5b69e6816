"""MainScreen: profiles, regions, repositories and tokens for the chosen Target."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen

from ecr_tui.core.errors import CredentialsError
from ecr_tui.core.models import Profile, Target
from ecr_tui.ui.bindings import MAIN_BINDINGS
from ecr_tui.ui.main_workers import MainWorkers
from ecr_tui.ui.screens.main_keys import MainKeys
from ecr_tui.ui.screens.main_places import MainPlaces
from ecr_tui.ui.session import Session
from ecr_tui.ui.widgets.header_bar import HeaderBar, show_current
from ecr_tui.ui.widgets.profile_list import ProfileList
from ecr_tui.ui.worker_events import ForwardWorkerEvents

if TYPE_CHECKING:

    from ecr_tui.ui.app_view import AppView
    from ecr_tui.ui.many_messages import ProfilesDiscovered
    from ecr_tui.ui.messages import (
        AccountLoaded,
        CallFailed,
        ProfilesLoaded,
        RegionsLoaded,
        RegionsMatterFound,
        RepositoriesLoaded,
        RulesLoaded,
    )
    from ecr_tui.ui.repo_lifecycle import LifecycleCells
    from ecr_tui.ui.widgets.filter_input import FilterInput
    from ecr_tui.ui.widgets.region_list import RegionList
    from ecr_tui.ui.widgets.repo_lifecycle_column import LifecycleRowsShown
    from ecr_tui.ui.widgets.repo_table import RepoTable
    from ecr_tui.ui.widgets.token_panel import TokenPanel


class MainScreen(MainKeys, MainPlaces, MainWorkers, ForwardWorkerEvents, Screen[None]):
    BINDINGS = MAIN_BINDINGS
    AUTO_FOCUS = None  # the repository table, once the panels are mounted
    app: AppView

    def __init__(self) -> None:
        super().__init__(id="main")
        self._wanted_region: str | None = None
        self._regions_profile: str | None = None
        """The profile whose regions the region list shows."""
        self._default_profile: str | None = None
        self._panels_ready = False
        """False until the panels below the profile list are mounted (after the first frame)."""
        self._resumed = False
        """False until the screen first comes on top (at start): nothing to catch up then."""
        self._scan_profile: str | None = None
        """The profile whose regions with repositories were asked for."""
        self._wanted_repository: tuple[Target, str, str | None] | None = None
        """A jump's repository (and tag) to open once that registry's repositories arrive."""

    def compose(self) -> ComposeResult:
        """Only what the first frame shows; `_mount_panels` adds the rest right after it. The
        screen lays the sidebar and the content side by side (the header docked above): one
        container fewer to style, lay out and paint before the first frame."""
        yield HeaderBar(demo=self.app.backend.name == "demo",
                        writes=self.app.backend.writes_enabled(), id="header")
        with Vertical(id="sidebar"):
            yield ProfileList(id="profiles")

    async def _mount_panels(self) -> None:
        """Everything below the profiles, imported and mounted once the first frame is out."""
        from ecr_tui.ui.widgets.filter_input import FilterInput
        from ecr_tui.ui.widgets.key_footer import KeyFooter
        from ecr_tui.ui.widgets.region_list import RegionList
        from ecr_tui.ui.widgets.repo_table import RepoTable
        from ecr_tui.ui.widgets.token_panel import TokenPanel

        configured = self.app.settings.regions
        await self.query_one("#sidebar").mount(RegionList(id="regions", configured=configured))
        await self.mount(Vertical(
            FilterInput(id="repo-filter"), RepoTable(id="repos"), TokenPanel(id="tokens"),
            id="content",
        ))
        await self.mount(KeyFooter())
        from ecr_tui.ui.repo_lifecycle import RepoLifecycle

        self._lifecycle = RepoLifecycle(self, self.app)
        self._panels_ready = True
        self.tokens_changed()
        self.repos.focus()
        if self.session.profiles:
            self._choose_first_profile()
        self.app.refresh_tokens()
        self.discover_profiles()

    @property
    def session(self) -> Session:
        return self.app.session

    @property
    def repos(self) -> RepoTable:
        from ecr_tui.ui.widgets.repo_table import RepoTable

        return self.query_one("#repos", RepoTable)

    @property
    def regions(self) -> RegionList:
        from ecr_tui.ui.widgets.region_list import RegionList

        return self.query_one("#regions", RegionList)

    @property
    def tokens(self) -> TokenPanel:
        from ecr_tui.ui.widgets.token_panel import TokenPanel

        return self.query_one("#tokens", TokenPanel)

    @property
    def filter_input(self) -> FilterInput:
        from ecr_tui.ui.widgets.filter_input import FilterInput

        return self.query_one("#repo-filter", FilterInput)

    def on_mount(self) -> None:
        self._wanted_region = self.app.initial_region
        self._update_header()
        self._profiles_before_first_frame()
        self.call_after_refresh(self._mount_panels)

    def _profiles_before_first_frame(self) -> None:
        """Profiles are local files: read them now so they are in the first frame."""
        backend = self.app.backend
        try:
            profiles, default = backend.profiles(), backend.default_profile()
        except Exception as error:  # noqa: BLE001 - the one error path reports it
            self.app.report_failure(error, None, "profiles")
            return
        self.show_profiles(profiles, default)

    # -- selection ----------------------------------------------------------------------
    def choose_profile(self, name: str, region: str | None = None) -> None:
        if name not in self.session.profiles or not self._panels_ready:
            return
        if region and self.session.target == Target(name, region):
            return  # already there (e.g. profiles reloaded after SSO discovery): keep it all
        self._wanted_repository = None
        self.session.profile, self.session.region = name, None
        self.app.reset_mfa_declined()
        self.session.repositories = []
        self._wanted_region = region or self._wanted_region
        self._regions_profile = None
        self.query_one(ProfileList).highlight_name(name)
        self.regions.clear_options()
        self.repos.show_loading(Target(name, "…"))
        self._update_header()
        self.load_regions(name)

    def choose_region(self, name: str) -> None:
        if self.session.profile is None or not self._panels_ready:
            return
        if self._regions_profile != self.session.profile:
            self._wanted_region = name  # applied when the profile's regions arrive
            return
        self.session.region = name
        self.app.reset_mfa_declined()
        target = Target(self.session.profile, name)
        self.session.repositories = []
        self.regions.highlight_name(name)
        self.repos.show_loading(target)
        self._lifecycle.reset(target)  # a refresh reads the policies again
        self._update_header()
        self.load_repositories(target)
        self.load_account(target)
        self.load_rules(target)
        if not self._scanned_for(target.profile):
            self.find_regions_that_matter(target)

    def on_profile_list_chosen(self, message: ProfileList.Chosen) -> None:
        self.choose_profile(message.name)

    def on_region_list_chosen(self, message: RegionList.Chosen) -> None:
        self.choose_region(message.name)

    # -- results ------------------------------------------------------------------------
    def on_profiles_loaded(self, message: ProfilesLoaded) -> None:
        self.show_profiles(message.profiles, message.default)

    def show_profiles(self, profiles: list[Profile], default: str) -> None:
        self.session.profiles = {p.name: p for p in profiles}
        self.query_one(ProfileList).set_profiles(profiles, self.session.failures, self.app.clock())
        self._default_profile = default
        if self._panels_ready:
            self._choose_first_profile()

    def _choose_first_profile(self) -> None:
        profiles = self.session.profiles
        wanted = self.app.initial_profile or self._default_profile
        if wanted not in profiles:
            wanted = next(iter(profiles), None)
        current = self.session.profile if self.session.profile in profiles else None
        name = current or wanted
        if name is not None:
            self.choose_profile(name, self.session.region)

    def on_regions_loaded(self, message: RegionsLoaded) -> None:
        if message.profile != self.session.profile:
            return
        self.session.regions = message.regions
        self._regions_profile = message.profile
        names = {r.name for r in message.regions}
        region = next(
            # No region configured anywhere: us-east-1, as the AWS console opens on it.
            (r for r in (self._wanted_region, message.default, "us-east-1") if r and r in names),
            message.regions[0].name if message.regions else None,
        )
        self._wanted_region = None
        self.regions.set_regions(message.regions, message.default, region)
        if region is not None:
            self.choose_region(region)

    def _scanned_for(self, profile: str) -> bool:
        scanned, self._scan_profile = self._scan_profile == profile, profile
        return scanned

    def region_order(self) -> list[str]:
        """The session's regions, those that matter first (the panels may not be up yet)."""
        if self._panels_ready:
            return self.regions.names_in_order()
        return [r.name for r in self.session.regions]

    def on_regions_matter_found(self, message: RegionsMatterFound) -> None:
        if message.target.profile == self.session.profile:
            self.regions.set_with_repositories(message.regions)

    def on_account_loaded(self, message: AccountLoaded) -> None:
        self.session.accounts[message.target] = message.account_id
        if message.target == self.session.target:
            self._update_header()

    def on_repositories_loaded(self, message: RepositoriesLoaded) -> None:
        if message.target != self.session.target:
            return  # stale: the user has moved on
        self.session.repositories = message.repositories
        self.repos.set_favourites(self._favourite_names())
        if message.repositories and message.target not in self.session.accounts:
            # ECR said the account already: the header needs no STS call.
            self.session.accounts[message.target] = message.repositories[0].registry_id
            self._update_header()
        if self.session.failures.pop(message.target.profile, None) is not None:
            self.query_one(ProfileList).set_failures(self.session.failures, self.app.clock())
        self.repos.set_repositories(message.target, message.repositories)
        self.app.fetch_token(message.target)
        if "ecr_tui.ui.screens.tags" not in sys.modules:
            self.preload_tags_screen()
        wanted, self._wanted_repository = self._wanted_repository, None
        if wanted is not None and wanted[0] == message.target:
            self.open_repository_named(wanted[1], wanted[2])

    def on_rules_loaded(self, message: RulesLoaded) -> None:
        if message.error is None:
            self.session.rules[message.target] = message.rules
        if message.target == self.session.target:
            self.repos.set_rules(message.target, message.rules)
        for screen in self.app.screen_stack[1:]:
            screen.post_message(type(message)(message.target, message.rules, message.error))

    def on_lifecycle_rows_shown(self, message: LifecycleRowsShown) -> None:
        if message.target == self.session.target:
            self._lifecycle.want(message.target, message.names)

    def on_lifecycle_cells(self, message: LifecycleCells) -> None:
        if self._lifecycle.tell(message):
            self.repos.set_lifecycle(message.target, message.cells)

    def on_call_failed(self, message: CallFailed) -> None:
        if isinstance(message.error, CredentialsError):
            self.query_one(ProfileList).set_failures(self.session.failures, self.app.clock())
        if message.what == "repositories" and message.target == self.session.target:
            self.repos.show_error(message.target, self.app.error_line(message.error))

    # -- called by the app --------------------------------------------------------------
    def on_screen_resume(self) -> None:
        if self._resumed:  # at start every row was just built with the time: none rebuilt
            self.app.catch_up(self)  # its countdowns stood still while it was covered
        self._resumed = True

    def update_countdowns(self, now: datetime) -> None:
        self.query_one(HeaderBar).update_countdown(now)
        self.query_one(ProfileList).update_times(now)
        if self._panels_ready:
            self.tokens.update_countdowns(now)

    def tokens_changed(self) -> None:
        if self._panels_ready:
            self.tokens.set_entries(self.session.tokens, self.session.logins, self.app.clock())
        self._update_header()

    def _update_header(self) -> None:
        show_current(self.query_one(HeaderBar), self.app)

    # -- actions ------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._panels_ready  # every screen action works on the panels

    def on_profiles_discovered(self, message: ProfilesDiscovered) -> None:
        for problem in message.problems:
            self.notify(problem, title="SSO discovery", severity="warning", timeout=10,
                        markup=False)
