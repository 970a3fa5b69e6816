"""DemoBackend: the Backend protocol, fully offline and deterministic."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ecr_tui.core import models
from ecr_tui.core.errors import ConfigError, EcrTuiError, LoginError
from ecr_tui.core.models import utcnow
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

    from ecr_tui.core.anonymous_registry import AnonymousRegistry
    from ecr_tui.core.backend import TagProgress
    from ecr_tui.core.copy_records import CopyPlan, CopyProgressCallback, CopyRequest
    from ecr_tui.core.image_records import Referrer, ScanReport
    from ecr_tui.core.lifecycle_records import LifecyclePreview
    from ecr_tui.core.models import (
        ClipboardResult,
        DiscoveryReport,
        ImageConfig,
        ImageDetail,
        LoginRecord,
        LoginResult,
        ManifestInfo,
        Profile,
        PullThroughRule,
        Region,
        Repository,
        TagListing,
        TagRow,
        Token,
    )
    from ecr_tui.core.public_ecr import PublicRegistry, PublicRepository
    from ecr_tui.core.usage_records import WorkloadImage
    from ecr_tui.core.workstation import Workstation
    from ecr_tui.core.write_records import AuditLog, WriteTarget

EXCLUDED_PROFILE = "ci-process"
"""The demo's principal in ListPullTimeUpdateExclusions."""
ENGINES = ("docker", "podman", "finch", "nerdctl", "helm", "oras")
TOKEN_LIFETIME = timedelta(hours=12)

# (profile, region, age of the token when the demo starts): one is nearly expired.
_CACHED_AT_START = (
    ("default", "us-east-1", timedelta(minutes=17, seconds=53)),
    ("dev-sso", "us-west-2", timedelta(hours=4, minutes=5)),
    ("prod-admin", "eu-west-1", timedelta(hours=11, minutes=54)),
)
# (profile, region, engine, age of the login when the demo starts)
_RECORDED_AT_START = (
    ("default", "us-east-1", "docker", timedelta(hours=1, minutes=2)),
    ("prod-admin", "us-east-1", "helm", timedelta(hours=11, minutes=15)),
    ("ci-process", "ap-southeast-2", "podman", timedelta(hours=15)),
)


class DemoBackend:
    """Offline stand-in for the AWS backend; `delay` adds sleeps to every call."""

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

    def _start(self) -> None:
        """The tokens and logins the demo starts with: made on first use, after the first frame,
        and before any other token (the secrets come from one seeded sequence)."""
        if self._started:
            return
        with self._start_lock:
            if self._started:
                return
            from ecr_tui.demo import data

            tokens = {(profile, region): self._new_token(profile, region, self._epoch - age)
                      for profile, region, age in _CACHED_AT_START}
            logins: list[LoginRecord] = []
            for profile, region, engine, age in _RECORDED_AT_START:
                at = self._epoch - age
                host = data.registry_host(BY_NAME[profile].account_id, region)
                logins.append(
                    models.LoginRecord(profile, region, host, engine, at + TOKEN_LIFETIME, at)
                )
            with self._lock:
                self._tokens, self._logins = tokens, logins
            self._started = True

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

    def _new_token(self, profile: str, region: str, fetched_at: datetime) -> Token:
        from ecr_tui.demo import data

        profile = ALIASES.get(profile, profile)
        host = data.registry_host(BY_NAME[profile].account_id, region)
        with self._lock:
            secret = data.password(self._secret_rng)
        return models.Token(
            registry=host,
            endpoint=f"https://{host}",
            username="AWS",
            password=secret,
            expires_at=fetched_at + TOKEN_LIFETIME,
            profile=profile,
            region=region,
            fetched_at=fetched_at,
        )

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

    def tags(self, profile: str, region: str, repository: str) -> list[TagRow]:
        self._require_repository(self._spec(profile, region, "tags"), region, repository)
        with self._lock:  # an index's platforms only once its manifest was read (no pull)
            opened = set(self._opened)
        return [r if len(r.platforms) < 2 or r.digest in opened else replace(r, platforms=())
                for r in self._tag_rows(repository)]

    def _require_repository(self, spec: DemoProfile, region: str, repository: str) -> None:
        """ECR's RepositoryNotFoundException, as the AWS backend words it."""
        if all(r.name != repository for r in self._repositories(spec, region)):
            raise EcrTuiError(
                f"The repository with name '{repository}' does not exist in the registry with "
                f"id '{spec.account_id}' (region {region})",
                fix="check the name, profile and region",
            )

    def tag_listing(
        self,
        profile: str,
        region: str,
        repository: str,
        on_progress: TagProgress | None = None,
    ) -> TagListing:
        """Names first, then details, as the AWS backend delivers them."""
        rows = self.tags(profile, region, repository)
        if on_progress is not None:
            names = tuple(models.TagRow(tag=row.tag) for row in rows)
            on_progress(models.TagBatch(names, f"details of {len(rows):,} tags"))
            self._pause()
            on_progress(models.TagBatch(tuple(rows)))
        return models.TagListing(list(rows))

    def manifest(self, profile: str, region: str, repository: str, reference: str) -> ManifestInfo:
        self._spec(profile, region, "manifest")
        info = self._store.manifest(repository, self._tag_rows(repository), reference)
        with self._lock:
            self._opened.add(info.digest)
        return info

    def image_config(
        self, profile: str, region: str, repository: str, config_digest: str
    ) -> ImageConfig:
        self._spec(profile, region, "config")
        return self._store.config(repository, config_digest)

    def images(self, profile: str, region: str, repository: str) -> list[ImageDetail]:
        self._spec(profile, region, "images")
        return self._store.images(repository, self._tag_rows(repository),
                                  frozenset(self._writes.deleted))

    def image(
        self, profile: str, region: str, repository: str, reference: str
    ) -> ImageDetail | None:
        by_digest = reference.startswith("sha256:")
        for image in self.images(profile, region, repository):
            if (image.digest == reference) if by_digest else (reference in image.tags):
                return image
        return None

    def referrers(
        self, profile: str, region: str, repository: str, digest: str
    ) -> list[Referrer]:
        from ecr_tui.demo import inspect_data

        self._spec(profile, region, "referrers")
        tags = {r.tag for r in self._tag_rows(repository)}
        return inspect_data.referrers_for(digest, tags)

    def scan_findings(
        self, profile: str, region: str, repository: str, reference: str
    ) -> ScanReport:
        from ecr_tui.demo import inspect_data

        self._spec(profile, region, "scan")
        rows = self._tag_rows(repository)
        row = next((r for r in rows if reference in (r.digest, r.tag)), None)
        newest = row is not None and bool(rows) and rows[0].digest == row.digest
        return inspect_data.scan_for(repository, row, newest)

    def token(self, profile: str, region: str, *, refresh: bool = False) -> Token:
        self._start()
        self._spec(profile, region, "token")
        now = self._clock()
        with self._lock:
            cached = self._tokens.get((profile, region))
        if cached is None or refresh or cached.remaining(now) < timedelta(minutes=5):
            cached = self._new_token(profile, region, now)
            with self._lock:
                self._tokens[(profile, region)] = cached
        return cached

    def prepare_registry(self, profile: str, region: str) -> None:
        """The demo's registry is in memory: nothing to prepare."""

    def cached_tokens(self) -> list[Token]:
        self._start()
        with self._lock:
            return list(self._tokens.values())

    def login(
        self, profile: str, region: str, engine: str | None = None, *,
        registry_id: str | None = None,
    ) -> LoginResult:
        engine = engine or "docker"
        if engine not in ENGINES:
            fix = "use one of " + ", ".join(ENGINES)
            raise LoginError(f"unknown container engine {engine!r}", fix=fix)
        token = self.token(profile, region)
        if registry_id:
            from ecr_tui.core.registry.cross_account import other_registry_token

            token = other_registry_token(token, registry_id, lambda: "")
        now = self._clock()
        record = models.LoginRecord(profile, region, token.registry, engine, token.expires_at, now)
        with self._lock:
            self._logins = [
                r for r in self._logins
                if (r.profile, r.region, r.engine) != (profile, region, engine)
            ] + [record]
        message = f"demo mode: no {engine} command was run"
        return models.LoginResult(record, verified=False, message=message)

    def recorded_logins(self) -> list[LoginRecord]:
        self._start()
        with self._lock:
            return list(self._logins)

    def state_warning(self) -> str | None:
        return None  # the demo keeps no state file

    def forget_profile(self, profile: str) -> None:
        with self._lock:
            self._repos = {k: v for k, v in self._repos.items() if k[0] != profile}

    def copy_password(self, profile: str, region: str) -> ClipboardResult:
        self.token(profile, region)
        return models.ClipboardResult(False, "demo mode: no system clipboard used")

    def set_mfa_prompt(self, prompt: Callable[[str, str], str] | None) -> None:
        self._mfa_prompt = prompt

    def workstation(self) -> Workstation:
        if self._workstation is None:
            from ecr_tui.demo.workstation import DemoWorkstation

            self._workstation = DemoWorkstation()
        return self._workstation

    # -- writes (issue 21): the demo's memory only -------------------------------------------
    def writes_enabled(self) -> bool:
        return self._writes.enabled

    def write_target(
        self, profile: str, region: str, repository: str, reference: str
    ) -> WriteTarget:
        from ecr_tui.core.write_records import WriteTarget

        self._writes.require()
        spec = self._spec(profile, region, "write")
        self._require_repository(spec, region, repository)
        repo = next(r for r in self._repositories(spec, region) if r.name == repository)
        return WriteTarget(spec.account_id, repo,
                           self.image(profile, region, repository, reference))

    def put_tag(self, profile: str, region: str, repository: str, digest: str, tag: str) -> bool:
        self._spec(profile, region, "write")
        return self._writes.put_tag(repository, digest, tag)

    def remove_tag(self, profile: str, region: str, repository: str, tag: str) -> None:
        self._spec(profile, region, "write")
        self._writes.remove_tag(repository, tag)

    def delete_images(
        self, profile: str, region: str, repository: str, digests: Sequence[str]
    ) -> None:
        self._spec(profile, region, "write")
        self._writes.delete_images(repository, digests)

    def audit_log(self) -> AuditLog:
        from ecr_tui.core.writes.audit import MemoryAuditLog

        with self._lock:
            if self._audit is None:
                self._audit = MemoryAuditLog()
            return self._audit

    def workloads(self, profile: str, region: str, *, refresh: bool = False) -> list[WorkloadImage]:
        from ecr_tui.demo import workloads

        spec = self._spec(profile, region, "workloads")
        return workloads.workloads(
            spec.name, spec.account_id, region, spec.region,
            spec.kind is models.ProfileKind.SSO_DISCOVERED,
            lambda: [r.name for r in self._repositories(spec, region)], self._tag_rows,
        )

    # -- lifecycle (read only) --------------------------------------------------------------
    def lifecycle_policy(self, profile: str, region: str, repository: str) -> str | None:
        from ecr_tui.demo import lifecycle

        self._require_repository(self._spec(profile, region, "lifecycle"), region, repository)
        return lifecycle.policy_text(repository)

    def lifecycle_preview(
        self, profile: str, region: str, repository: str
    ) -> LifecyclePreview | None:
        from ecr_tui.demo import lifecycle

        images = self.images(profile, region, repository)
        return lifecycle.preview(repository, images, self._epoch)

    # -- looking is not pulling (issue 19) ----------------------------------------------------
    def index_manifests(
        self, profile: str, region: str, repository: str, digests: list[str], *,
        fetch: bool = False,
    ) -> dict[str, ManifestInfo]:
        with self._lock:
            known = [d for d in digests if fetch or d in self._opened]
        found = {}
        for digest in known:
            try:
                found[digest] = self.manifest(profile, region, repository, digest)
            except EcrTuiError:
                continue  # as the AWS backend: a digest that cannot be read is left out
        return found

    def pull_time_excluded(self, profile: str, region: str) -> bool | None:
        """The CI role is registered in the demo's exclusions: its reads do not count."""
        return ALIASES.get(profile, profile) == EXCLUDED_PROFILE

    # -- why can't it pull? (issue 20) ------------------------------------------------------
    def repository_policy(self, profile: str, region: str, repository: str) -> str | None:
        from ecr_tui.demo import policies

        spec = self._spec(profile, region, "repository_policy")
        self._require_repository(spec, region, repository)
        return policies.repository_policy(spec.account_id, repository)

    def registry_policy(self, profile: str, region: str) -> str | None:
        from ecr_tui.demo import policies

        return policies.registry_policy(self._spec(profile, region, "registry_policy").account_id,
                                        region)

    def anonymous_registry(self, host: str) -> AnonymousRegistry:
        from ecr_tui.demo.anonymous import DemoAnonymousRegistry

        self._pause()
        return DemoAnonymousRegistry(host, self._tag_rows, self._store)
    # -- ECR Public (issue 22): the data is in demo/public.py -------------------------------
    def public_token(self, profile: str, *, refresh: bool = False) -> Token:
        from ecr_tui.core.public_ecr import PUBLIC_API_REGION, PUBLIC_HOST, PUBLIC_SCOPE
        from ecr_tui.demo import public

        self._start()
        spec = self._spec(profile, PUBLIC_API_REGION, "token")
        error = public.token_failure(spec.name)
        if error is not None:
            raise error
        now = self._clock()
        with self._lock:
            cached = self._tokens.get((spec.name, PUBLIC_SCOPE))
        if cached is None or refresh or cached.remaining(now) < timedelta(minutes=5):
            with self._lock:
                secret = self._public_secret()
            cached = models.Token(
                registry=PUBLIC_HOST, endpoint=f"https://{PUBLIC_HOST}", username="AWS",
                password=secret, expires_at=now + TOKEN_LIFETIME, profile=spec.name,
                region=PUBLIC_SCOPE, fetched_at=now,
            )
            with self._lock:
                self._tokens[(spec.name, PUBLIC_SCOPE)] = cached
        return cached

    def _public_secret(self) -> str:
        from ecr_tui.demo import data

        return data.password(self._secret_rng)

    def public_login(self, profile: str, engine: str | None = None) -> LoginResult:
        from ecr_tui.core.public_ecr import PUBLIC_SCOPE

        engine = engine or "docker"
        if engine not in ENGINES:
            raise LoginError(f"unknown container engine {engine!r}",
                             fix="use one of " + ", ".join(ENGINES))
        token = self.public_token(profile)
        record = models.LoginRecord(token.profile, PUBLIC_SCOPE, token.registry, engine,
                                    token.expires_at, self._clock())
        with self._lock:
            self._logins = [
                r for r in self._logins
                if (r.profile, r.region, r.engine) != (record.profile, PUBLIC_SCOPE, engine)
            ] + [record]
        return models.LoginResult(record, verified=False,
                                  message=f"demo mode: no {engine} command was run")

    def public_registries(self, profile: str) -> list[PublicRegistry]:
        from ecr_tui.core.public_ecr import PUBLIC_API_REGION
        from ecr_tui.demo import public

        return [public.registry(self._spec(profile, PUBLIC_API_REGION, "repositories").account_id)]

    def public_repositories(self, profile: str) -> list[PublicRepository]:
        from ecr_tui.core.public_ecr import PUBLIC_API_REGION
        from ecr_tui.demo import public

        spec = self._spec(profile, PUBLIC_API_REGION, "repositories")
        return public.repositories(spec.account_id, self._epoch)

    def public_tags(self, profile: str, repository: str) -> list[TagRow]:
        from ecr_tui.demo import public

        self._public_repository(profile, repository)
        return public.tags(repository, self._epoch)

    def public_images(self, profile: str, repository: str) -> list[ImageDetail]:
        from ecr_tui.demo import public

        self._public_repository(profile, repository)
        return public.images(repository, self._epoch)

    def _public_repository(self, profile: str, repository: str) -> None:
        if all(r.name != repository for r in self.public_repositories(profile)):
            raise EcrTuiError(f"no public repository {repository!r} in this registry",
                              fix="check the name with `ecr-tui repos --public`")

    # -- copy (issue 21): the demo's manifests and rows, in memory (demo/copying.py) --------
    def copy_plan(self, request: CopyRequest) -> CopyPlan:
        from ecr_tui.demo import copying

        self._writes.require()
        return copying.plan(self, request)

    def copy_image(
        self, plan: CopyPlan, on_progress: CopyProgressCallback | None = None
    ) -> None:
        from ecr_tui.demo import copying

        self._writes.require()
        copying.send(self, plan, on_progress, self._writes.add_row)
