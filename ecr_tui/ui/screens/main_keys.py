"""MainScreen's keys (mixed into it): open, filter, copy the URI, sort, refresh, focus a
panel, the pull-through-cache rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ecr_tui.ui.widgets.profile_list import ProfileList

if TYPE_CHECKING:
    from textual.widgets import Input

    from ecr_tui.core.models import Repository
    from ecr_tui.ui.app_view import AppView
    from ecr_tui.ui.session import Session
    from ecr_tui.ui.widgets.filter_input import FilterInput
    from ecr_tui.ui.widgets.region_list import RegionList
    from ecr_tui.ui.widgets.repo_table import RepoTable
    from ecr_tui.ui.widgets.token_panel import TokenPanel


class MainKeys:
    """The main screen's actions, its own methods kept apart."""

    if TYPE_CHECKING:  # MainScreen's, used here
        app: AppView

        @property
        def session(self) -> Session: ...
        @property
        def repos(self) -> RepoTable: ...
        @property
        def regions(self) -> RegionList: ...
        @property
        def tokens(self) -> TokenPanel: ...
        @property
        def filter_input(self) -> FilterInput: ...
        def open_repository(self, repository: Repository, tag: str | None = None) -> None: ...
        def load_profiles(self) -> None: ...
        def choose_region(self, name: str) -> None: ...
        def query_one(self, selector: Any) -> Any: ...

    def on_repo_table_selected(self, event: RepoTable.Selected) -> None:
        event.stop()
        self.open_repository(event.repository)

    def action_open(self) -> None:
        repository = self.repos.highlighted_repository
        if repository is not None:
            self.open_repository(repository)

    def action_filter(self) -> None:
        self.filter_input.open(self.repos)

    def action_clear_filter(self) -> None:
        if self.repos.filter_text:
            self.filter_input.action_close()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "repo-filter":
            self.repos.set_filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "repo-filter":
            self.repos.focus()

    def on_filter_input_closed(self, _message: FilterInput.Closed) -> None:
        self.repos.set_filter("")
        self.repos.focus()

    def action_copy_uri(self) -> None:
        repository = self.repos.highlighted_repository
        if repository is not None:
            self.app.copy_text(repository.uri, "Repository URI")

    def action_sort(self, key: str) -> None:
        self.repos.sort_by(key)

    def action_refresh(self) -> None:
        target = self.session.target
        self.app.refresh_tokens()
        if target is None:
            self.load_profiles()
        else:
            self.choose_region(target.region)

    def action_focus_profiles(self) -> None:
        self.query_one(ProfileList).focus()

    def action_focus_regions(self) -> None:
        self.regions.focus()

    def action_focus_tokens(self) -> None:
        self.tokens.focus()

    def action_pull_through(self) -> None:
        target = self.session.target
        if target is not None:
            from ecr_tui.ui.screens.rules import RulesScreen

            self.app.push_screen(RulesScreen(target))
