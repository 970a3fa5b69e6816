"""The main screen's backend calls, each in a named thread worker that posts a typed message."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.models import Target

if TYPE_CHECKING:
    from ecr_tui.ui.app_view import AppView

log = logging.getLogger(__name__)


class MainWorkers:
    """Mixin for MainScreen. Results carry the Target they were fetched for.

    The message modules are imported in the workers: the first frame needs none of them."""

    if TYPE_CHECKING:
        app: AppView

        def post_message(self, message: object) -> bool: ...

    def _begin(self, target: Target | None, what: str) -> bool:
        """Register what this worker is about (for the one error path); False if cancelled."""
        worker = get_current_worker()
        self.app.worker_context[worker] = (target, what)
        return not worker.is_cancelled

    @staticmethod
    def _live() -> bool:
        return not get_current_worker().is_cancelled

    @work(thread=True, exclusive=True, group="profiles", exit_on_error=False,
          description="list AWS profiles")
    def load_profiles(self) -> None:
        from ecr_tui.ui.messages import ProfilesLoaded

        if not self._begin(None, "profiles"):
            return
        backend = self.app.backend
        profiles = backend.profiles()
        default = backend.default_profile()
        if self._live():
            self.post_message(ProfilesLoaded(profiles, default))

    @work(thread=True, exclusive=True, group="discovery", exit_on_error=False,
          description="SSO account discovery (cache first, portal when stale)")
    def discover_profiles(self, refresh: bool = False) -> None:
        from ecr_tui.ui.many_messages import ProfilesDiscovered
        from ecr_tui.ui.messages import ProfilesLoaded

        if not self._begin(None, "SSO discovery"):
            return
        backend = self.app.backend
        report = backend.discover_profiles(refresh=refresh)
        profiles, default = backend.profiles(), backend.default_profile()
        if self._live():
            self.post_message(ProfilesLoaded(profiles, default))
            self.post_message(ProfilesDiscovered(report.problems))

    @work(thread=True, exclusive=True, group="regions", exit_on_error=False,
          description="list regions")
    def load_regions(self, profile: str) -> None:
        from ecr_tui.ui.messages import RegionsLoaded

        if not self._begin(None, "regions"):
            return
        regions = self.app.backend.regions(profile)
        default = self.app.backend.default_region(profile)
        if self._live():
            self.post_message(RegionsLoaded(profile, regions, default))

    @work(thread=True, exclusive=True, group="account", exit_on_error=False,
          description="STS GetCallerIdentity")
    def load_account(self, target: Target) -> None:
        from ecr_tui.ui.messages import AccountLoaded

        if not self._begin(target, "account"):
            return
        account = self.app.backend.account_id(target.profile, target.region)
        if self._live():
            self.post_message(AccountLoaded(target, account))

    @work(thread=True, exclusive=True, group="repos", exit_on_error=False,
          description="DescribeRepositories")
    def load_repositories(self, target: Target) -> None:
        from ecr_tui.ui.messages import RepositoriesLoaded

        if not self._begin(target, "repositories"):
            return
        repositories = self.app.backend.repositories(target.profile, target.region)
        if self._live():
            self.post_message(RepositoriesLoaded(target, repositories))

    @work(thread=True, exclusive=True, group="preload", exit_on_error=False,
          description="import the tags screen while the repository list is read")
    def preload_tags_screen(self) -> None:
        """Its modules (detail tabs, image grouping) cost 50-200 ms to import: not after Enter."""
        import ecr_tui.ui.screens.tags  # noqa: F401

    @work(thread=True, exclusive=True, group="rules", exit_on_error=False,
          description="DescribePullThroughCacheRules")
    def load_rules(self, target: Target) -> None:
        """Quiet on failure: without the permission, repositories just carry no upstream mark."""
        from ecr_tui.ui.messages import RulesLoaded

        if not self._begin(target, "rules"):
            return
        try:
            rules = self.app.backend.pull_through_cache_rules(target.profile, target.region)
        except EcrTuiError as error:
            if self._live():
                self.post_message(RulesLoaded(target, [], error))
            return
        if self._live():
            self.post_message(RulesLoaded(target, rules))

    @work(thread=True, exclusive=True, group="region-scan", exit_on_error=False,
          description="find the regions where the account has repositories")
    def find_regions_that_matter(self, target: Target) -> None:
        from ecr_tui.ui.messages import RegionsMatterFound

        if not self._begin(target, "regions with repositories"):
            return
        try:
            found = self.app.backend.regions_with_repositories(target.profile, target.region)
        except EcrTuiError:  # the repositories call reports the same cause, once
            log.debug("no regions with repositories for %s", target, exc_info=True)
            return
        if self._live():
            self.post_message(RegionsMatterFound(target, found))
