"""DemoBackend: the Backend protocol, fully offline and deterministic."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from ecr_tui.core import models
from ecr_tui.core.errors import ConfigError, EcrTuiError
from ecr_tui.core.models import utcnow
from ecr_tui.demo.backend_anonymous import DemoAnonymous
from ecr_tui.demo.backend_copy import DemoCopy
from ecr_tui.demo.backend_doctor import DemoDoctor
from ecr_tui.demo.backend_images import DemoImageReads
from ecr_tui.demo.backend_lifecycle import DemoLifecycle
from ecr_tui.demo.backend_login import DemoLogin
from ecr_tui.demo.backend_looking import DemoLooking
from ecr_tui.demo.backend_public import DemoPublic
from ecr_tui.demo.backend_usage import DemoUsage
from ecr_tui.demo.backend_writes import DemoWriteCalls
from ecr_tui.demo.image_store import ImageStore
from ecr_tui.demo.profiles import (
    ALIASES,
    BY_NAME,
    DEMO_PROFILES,
    DISCOVERED_PROFILES,
    DemoProfile,
    failure,
)
from ecr_tui.demo.writes import DemoWrites

if TYPE_CHECKING:
    from concurrent.futures import Executor, ThreadPoolExecutor

    from ecr_tui.core.models import (
        DiscoveryReport,
        LoginRecord,
        Profile,
        PullThroughRule,
        Region,
        Repository,
        TagRow,
        Token,
    )
    from ecr_tui.core.workstation import Workstation
    from ecr_tui.core.write_records import AuditLog


class DemoBackend(
    DemoLogin, DemoImageReads, DemoUsage, DemoAnonymous, DemoWriteCalls, DemoLifecycle,
    DemoLooking, DemoDoctor, DemoPublic, DemoCopy,
):
    """Offline stand-in for the AWS backend; `delay` adds sleeps to every call. The per-domain
    calls are in the backend_* mixins beside this module."""

    name = "demo"

    def __init__(
        self,
        *,
        clock: Callable[[], datetime] | None = None,
        seed: int = 7,
        delay: float | tuple[float, float] = 0.0,
        workstation: Workstation | None = None,
        allow_writes: bool = False,
    ) -> None:
        """workstation: the demo's own, which changes nothing (tests may lend a real one);
        allow_writes: the writes switch (the demo's writes change its memory only)."""
        self._clock = clock or utcnow
        self._workstation = workstation
        self._epoch = self._clock()
        self._delay = delay
        self._delay_rng = random.Random(seed)
        self._secret_rng = random.Random(f"secrets/{seed}")
        self._lock = threading.Lock()
        self._repos: dict[tuple[str, str], list[Repository]] = {}
        self._tags: dict[str, list[TagRow]] = {}
        self._tokens: dict[tuple[str, str], Token] = {}
        self._logins: list[LoginRecord] = []
        self._mfa_prompt: Callable[[str, str], str] | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._store = ImageStore(self._epoch)
        self._writes = DemoWrites(allow_writes, self._tag_rows, self._store.forget)
        self._audit: AuditLog | None = None
        self._opened: set[str] = set()
        """Digests whose manifest was read: the demo's manifest cache, kept for the run only."""
        self._started = False
        self._start_lock = threading.Lock()

    # -- helpers -------------------------------------------------------------------------
    def _pause(self) -> None:
        delay = self._delay
        if isinstance(delay, tuple):
            with self._lock:
                delay = self._delay_rng.uniform(*delay)
        if delay:
            time.sleep(delay)

    def _spec(self, profile: str, region: str | None, call: str) -> DemoProfile:
        self._pause()
        profile = ALIASES.get(profile, profile)
        error = failure(profile, region, call, self._clock(), self._epoch)
        if error is not None:
            raise error
        return BY_NAME[profile]

    def _tag_rows(self, repository: str) -> list[TagRow]:
        from ecr_tui.demo import data, inspect_data

        with self._lock:
            rows = self._tags.get(repository)
        if rows is None:
            rows = inspect_data.decorate(repository, data.tags(repository, self._epoch))
            with self._lock:
                self._tags[repository] = rows
        return rows

    # -- Backend protocol ----------------------------------------------------------------
    def profiles(self, *, discovered: bool = True) -> list[Profile]:
        self._pause()
        specs = DEMO_PROFILES + (DISCOVERED_PROFILES if discovered else ())
        return [spec.profile(self._epoch) for spec in specs]

    def discover_profiles(self, *, refresh: bool = False) -> DiscoveryReport:
        self._pause()
        profiles = tuple(spec.profile(self._epoch) for spec in DISCOVERED_PROFILES)
        return models.DiscoveryReport(profiles)

    def discovery_is_fresh(self) -> bool:
        return True

    def profile(self, name: str) -> Profile:
        spec = BY_NAME.get(ALIASES.get(name, name))
        if spec is None:
            raise ConfigError(f"The config profile ({name}) could not be found")
        return spec.profile(self._epoch)

    def executor(self) -> Executor:
        with self._lock:
            if self._executor is None:
                from concurrent.futures import ThreadPoolExecutor  # its queue: not before 1st frame

                self._executor = ThreadPoolExecutor(8, thread_name_prefix="ecr-tui-demo")
            return self._executor

    def default_profile(self) -> str:
        return "default"

    def regions(self, profile: str) -> list[Region]:
        from ecr_tui.demo.regions import AWS_REGIONS

        if profile not in BY_NAME:
            raise ConfigError(f"The config profile ({profile}) could not be found")
        self._pause()
        return list(AWS_REGIONS)

    def default_region(self, profile: str) -> str | None:
        spec = BY_NAME.get(profile)
        return spec.region if spec else None

    def require_region(self, profile: str, region: str | None = None) -> str:
        if profile not in BY_NAME:
            raise ConfigError(f"The config profile ({profile}) could not be found")
        return region or self.default_region(profile) or "us-east-1"

    def account_id(self, profile: str, region: str) -> str:
        return self._spec(profile, region, "account").account_id

    def repositories(self, profile: str, region: str) -> list[Repository]:
        return list(self._repositories(self._spec(profile, region, "repositories"), region))

    def _repositories(self, spec: DemoProfile, region: str) -> list[Repository]:
        from ecr_tui.demo import data, pullthrough

        key = (spec.name, region)
        with self._lock:
            repos = self._repos.get(key)
        if repos is None:
            repos = data.repositories(spec.account_id, region, self._epoch)
            repos += pullthrough.cached_repositories(spec.account_id, region, self._epoch)
            repos.sort(key=lambda r: r.name)
            with self._lock:
                self._repos[key] = repos
        return repos

    def pull_through_cache_rules(self, profile: str, region: str) -> list[PullThroughRule]:
        from ecr_tui.demo import pullthrough

        spec = self._spec(profile, region, "rules")
        return pullthrough.rules(spec.account_id, region, self._epoch)

    def regions_with_repositories(self, profile: str, region: str) -> list[str]:
        from ecr_tui.demo import data

        self._spec(profile, region, "repositories")
        return list(data.REGIONS_WITH_REPOSITORIES)

    def _require_repository(self, spec: DemoProfile, region: str, repository: str) -> None:
        """ECR's RepositoryNotFoundException, as the AWS backend words it."""
        if all(r.name != repository for r in self._repositories(spec, region)):
            raise EcrTuiError(
                f"The repository with name '{repository}' does not exist in the registry with "
                f"id '{spec.account_id}' (region {region})",
                fix="check the name, profile and region",
            )

    def prepare_registry(self, profile: str, region: str) -> None:
        """The demo's registry is in memory: nothing to prepare."""

    def forget_profile(self, profile: str) -> None:
        with self._lock:
            self._repos = {k: v for k, v in self._repos.items() if k[0] != profile}

    def set_mfa_prompt(self, prompt: Callable[[str, str], str] | None) -> None:
        self._mfa_prompt = prompt

    def workstation(self) -> Workstation:
        if self._workstation is None:
            from ecr_tui.demo.workstation import DemoWorkstation

            self._workstation = DemoWorkstation()
        return self._workstation
