"""The service seam: one protocol, an AWS implementation and a demo one.

Every method may block (network, subprocess): the UI calls them from thread workers only.
Every failure is raised as an `EcrTuiError` subclass with a one-line message.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Protocol

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
    TagBatch,
    TagListing,
    TagRow,
    Token,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ecr_tui.core.anonymous_registry import AnonymousRegistry
    from ecr_tui.core.copy_records import CopyPlan, CopyProgressCallback, CopyRequest
    from ecr_tui.core.public_ecr import PublicRegistry, PublicRepository
    from ecr_tui.core.usage_records import WorkloadImage
    from ecr_tui.core.workstation import Workstation
    from ecr_tui.core.write_records import AuditLog, WriteTarget

MfaPrompt = Callable[[str, str], str]
"""(profile name, mfa serial) -> the code the user typed."""
TagProgress = Callable[[TagBatch], None]
"""Called from the listing's thread as tag rows arrive, before tag_listing returns."""


class Backend(Protocol):
    name: str
    """'aws' or 'demo': the UI says which it is on."""

    def profiles(self, *, discovered: bool = True) -> list[Profile]:
        """Configured profiles, then SSO-discovered ones as far as the cache knows (no network)."""
        ...

    def discover_profiles(self, *, refresh: bool = False) -> DiscoveryReport:
        """List SSO accounts and roles (from the 24 h cache unless stale or ``refresh``);
        afterwards profiles() includes them."""
        ...

    def discovery_is_fresh(self) -> bool: ...

    def profile(self, name: str) -> Profile:
        """A profile by name, or a discovered one by ACCOUNT_ID/ROLE."""
        ...

    def executor(self) -> Executor:
        """The one bounded pool for concurrent calls (fleet, find, tag listings)."""
        ...

    def default_profile(self) -> str:
        """The profile to select first: --profile, AWS_PROFILE, 'default', or the env entry."""
        ...

    def regions(self, profile: str) -> list[Region]: ...

    def default_region(self, profile: str) -> str | None:
        """AWS CLI resolution: --region, AWS_REGION, AWS_DEFAULT_REGION, profile region."""
        ...

    def require_region(self, profile: str, region: str | None = None) -> str:
        """The region to use (given, else default_region), checked; ConfigError when none."""
        ...

    def account_id(self, profile: str, region: str) -> str:
        """What ECR already said (registryId, the token's host); STS only when nothing did."""
        ...

    def repositories(self, profile: str, region: str) -> list[Repository]: ...

    def pull_through_cache_rules(self, profile: str, region: str) -> list[PullThroughRule]:
        """Every pull-through-cache rule of the registry (DescribePullThroughCacheRules)."""
        ...

    def regions_with_repositories(self, profile: str, region: str) -> list[str]:
        """Regions of the partition where the profile's account has repositories
        (probed a few at a time, cached per account for a day; `region` names the partition)."""
        ...

    def tags(self, profile: str, region: str, repository: str) -> list[TagRow]:
        """Every tag (all registry pages) merged with DescribeImages."""
        ...

    def tag_listing(
        self,
        profile: str,
        region: str,
        repository: str,
        on_progress: TagProgress | None = None,
    ) -> TagListing:
        """Like tags(), plus what failed alone; on_progress sees names first, details after."""
        ...

    def manifest(
        self, profile: str, region: str, repository: str, reference: str
    ) -> ManifestInfo: ...

    def image_config(
        self, profile: str, region: str, repository: str, config_digest: str
    ) -> ImageConfig: ...

    def images(self, profile: str, region: str, repository: str) -> list[ImageDetail]:
        """DescribeImages: every image, untagged ones and index children included."""
        ...

    def image(
        self, profile: str, region: str, repository: str, reference: str
    ) -> ImageDetail | None:
        """DescribeImages of one tag or `sha256:` digest (one call); None when the repository
        has no such image."""
        ...

    def referrers(
        self, profile: str, region: str, repository: str, digest: str
    ) -> list[Referrer]:
        """Signatures, SBOMs, attestations: the referrers API, else the referrers tag schema
        and cosign's `.sig`/`.att`/`.sbom` tags."""
        ...

    def scan_findings(
        self, profile: str, region: str, repository: str, reference: str
    ) -> ScanReport:
        """DescribeImageScanFindings of a digest or tag, every page (basic and enhanced)."""
        ...

    def token(self, profile: str, region: str, *, refresh: bool = False) -> Token:
        """A cached token unless refresh or near expiry; never an expired one unless
        it arrived expired (then it is returned once, marked by its expires_at)."""
        ...

    def cached_tokens(self) -> list[Token]: ...

    def prepare_registry(self, profile: str, region: str) -> None:
        """Right after token(): make the pair's registry client now (libraries, TLS trust),
        so opening a repository waits for its pages only. Never raises; no AWS call."""
        ...

    def login(
        self, profile: str, region: str, engine: str | None = None, *,
        registry_id: str | None = None,
    ) -> LoginResult:
        """Log in to the pair's registry, or with its token to account ``registry_id``'s
        registry in the same region; proved with GET /v2/."""
        ...

    def recorded_logins(self) -> list[LoginRecord]: ...

    def state_warning(self) -> str | None:
        """The login state file's last problem (corrupt, unreadable), for the UI to show."""
        ...

    def forget_profile(self, profile: str) -> None:
        """Drop cached sessions and clients of a profile (after `aws sso login` renewed it)."""
        ...

    def copy_password(self, profile: str, region: str) -> ClipboardResult:
        """Copy with the system clipboard when there is one; never raises for no clipboard."""
        ...

    def set_mfa_prompt(self, prompt: MfaPrompt | None) -> None: ...

    def workstation(self) -> Workstation:
        """Everything done to this machine beyond our caches (files of the user's, remembered
        state, commands in the terminal): the demo's writes and runs nothing."""
        ...

    # -- writes (issue 21): each raises WritesOff, before any call, unless writes are on ------
    def writes_enabled(self) -> bool:
        """True when made with writes on (--allow-writes, or `writes = true` in config.toml)."""
        ...

    def write_target(
        self, profile: str, region: str, repository: str, reference: str
    ) -> WriteTarget:
        """What a write's preflight reads: the repository's tag mutability and exclusion
        filters, and the image a tag or digest names in any storage class (reads only)."""
        ...

    def put_tag(self, profile: str, region: str, repository: str, digest: str, tag: str) -> bool:
        """`tag` names `digest`'s manifest, the same bytes (BatchGetImage, PutImage); False
        when it already did."""
        ...

    def remove_tag(self, profile: str, region: str, repository: str, tag: str) -> None:
        """BatchDeleteImage by tag: the tag goes, the image stays while other tags hold it."""
        ...

    def delete_images(
        self, profile: str, region: str, repository: str, digests: Sequence[str]
    ) -> None:
        """BatchDeleteImage by digest: the whole images, every tag with them."""
        ...

    def audit_log(self) -> AuditLog:
        """Where every write attempted is recorded (the demo's is in memory)."""
        ...

    def workloads(
        self, profile: str, region: str, *, refresh: bool = False
    ) -> list[WorkloadImage]:
        """What runs in the pair: its ECS services (every PRIMARY and ACTIVE deployment), its
        running tasks outside any service and its image-based Lambda functions, one record per
        container naming an image (and per distinct digest a service's tasks run). Cached per
        (account, region) for `usage_ttl_seconds` unless ``refresh``; AccessDeniedError (one
        line naming the pair and the missing permission) when ECS or Lambda refuses."""
        ...

    def lifecycle_policy(self, profile: str, region: str, repository: str) -> str | None:
        """GetLifecyclePolicy: the repository's policy text; None when it has none."""
        ...

    def lifecycle_preview(
        self, profile: str, region: str, repository: str
    ) -> LifecyclePreview | None:
        """GetLifecyclePolicyPreview, every page: the last preview ECR ran for the repository;
        None when there is none (starting one is a write ecr-tui never makes)."""
        ...

    # -- looking is not pulling (issue 19) ----------------------------------------------------
    def index_manifests(
        self, profile: str, region: str, repository: str, digests: list[str], *,
        fetch: bool = False,
    ) -> dict[str, ManifestInfo]:
        """The manifests of these digests from the on-disk manifest cache; with `fetch`, the
        others from the registry too (a manifest GET, which ECR records as a pull: only when
        the user asks). Digests that cannot be read are left out."""
        ...

    def pull_time_excluded(self, profile: str, region: str) -> bool | None:
        """True when the caller's principal is in ListPullTimeUpdateExclusions (its reads do
        not update lastRecordedPullTime), False when not, None when it cannot be told; asked
        once per profile and region, then remembered."""
        ...

    # -- why can't it pull? (issue 20) ------------------------------------------------------
    def repository_policy(self, profile: str, region: str, repository: str) -> str | None:
        """GetRepositoryPolicy: the repository's policy text; None when it has none."""
        ...

    def registry_policy(self, profile: str, region: str) -> str | None:
        """GetRegistryPolicy: the registry's policy text; None when it has none."""
        ...

    def anonymous_registry(self, host: str) -> AnonymousRegistry:
        """Any registry host (public.ecr.aws, docker.io, ghcr.io, …) read with no credentials,
        through its anonymous token flow; no AWS call."""
        ...

    # -- ECR Public (issue 22) -------------------------------------------------------------
    def public_token(self, profile: str, *, refresh: bool = False) -> Token:
        """The public.ecr.aws token (ecr-public GetAuthorizationToken, always in us-east-1),
        cached like the others; its `region` is PUBLIC_SCOPE, never a real region."""
        ...

    def public_login(self, profile: str, engine: str | None = None) -> LoginResult:
        """Log the client in to public.ecr.aws (the password on stdin), proved with GET /v2/."""
        ...

    def public_registries(self, profile: str) -> list[PublicRegistry]:
        """DescribeRegistries: the profile's public registry and its aliases."""
        ...

    def public_repositories(self, profile: str) -> list[PublicRepository]:
        """The profile's public repositories, each with its catalog data when readable."""
        ...

    def public_tags(self, profile: str, repository: str) -> list[TagRow]:
        """DescribeImageTags of a public repository: every tag, newest first."""
        ...

    def public_images(self, profile: str, repository: str) -> list[ImageDetail]:
        """DescribeImages of a public repository, untagged images included."""
        ...

    # -- copy (issue 21): registry writes, refused (WritesOff) unless writes are on ---------
    def copy_plan(self, request: CopyRequest) -> CopyPlan:
        """Reads only: the source's manifests (every platform, or the child `platform`
        names) and blobs, which ones the destination has (HEAD), what its tag names now, and
        the preflight's facts (the destination repository's tag mutability, an ECR source's
        status). An anonymous source (profile "") is read with the registry's token flow."""
        ...

    def copy_image(
        self, plan: CopyPlan, on_progress: CopyProgressCallback | None = None
    ) -> None:
        """Send the plan: blobs streamed (or mounted within one registry; what the
        destination has is skipped), then the manifests with their exact bytes, children
        before their index, so every digest is the source's."""
        ...
