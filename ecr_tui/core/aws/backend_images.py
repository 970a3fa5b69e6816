"""AwsBackend's reads of a repository's contents: the tag listing (names from the registry,
details from DescribeImages), manifests, image configs, referrers and scan findings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from ecr_tui.core.aws.looking import Looking
    from ecr_tui.core.backend import TagProgress
    from ecr_tui.core.image_records import Referrer, ScanReport
    from ecr_tui.core.login.tokens import RateLimiter
    from ecr_tui.core.models import ImageConfig, ManifestInfo, TagListing, TagRow

T = TypeVar("T")


class AwsImageReads:
    """The Backend's tag, manifest and image reads, mixed into AwsBackend."""

    if TYPE_CHECKING:  # AwsBackend's own, used here
        _describe_limiter: RateLimiter

        def _call(
            self, profile: str, region: str, operation: str, fn: Callable[[], T]
        ) -> T: ...
        def _client(self, profile: str, region: str, service: str = "ecr") -> Any: ...
        def require_region(self, profile: str, region: str | None = None) -> str: ...
        def registry(self, profile: str, region: str) -> Any: ...
        def executor(self) -> ThreadPoolExecutor: ...
        @property
        def _looking(self) -> Looking: ...

    def tag_listing(
        self,
        profile: str,
        region: str,
        repository: str,
        on_progress: TagProgress | None = None,
    ) -> TagListing:
        """Registry names page by page, DescribeImages details 100 tags a call, several at
        once; either source may fail alone."""
        from ecr_tui.core.ecr import api as ecr
        from ecr_tui.core.registry.http_setup import warm_up
        from ecr_tui.core.registry.tag_stream import TagSources, TagStream

        region = self.require_region(profile, region)
        client = self._client(profile, region)
        key = (profile, region)

        def call(operation: str, fn: Callable[[], T]) -> T:
            self._describe_limiter.acquire(key)
            return self._call(profile, region, operation, fn)

        sources = TagSources(
            list_names=lambda on_page: self.registry(profile, region).list_tags(
                repository, on_page=on_page
            ),
            describe_tags=lambda tags: call(
                "DescribeImages", lambda: ecr.describe_images_by_tags(client, repository, tags)
            ),
            describe_all=lambda on_page: self._call(
                profile, region, "DescribeImages",
                lambda: ecr.describe_images(client, repository, on_page=on_page),
            ),
            platforms=self._looking.platforms,  # the manifest cache only: a GET is a pull
            warm_up=warm_up,  # while GetAuthorizationToken is on its way
            describe_first=lambda count: call(
                "DescribeImages", lambda: ecr.first_images(client, repository, count)
            ),
        )
        return TagStream(sources, self.executor(), on_progress).run()

    def tags(self, profile: str, region: str, repository: str) -> list[TagRow]:
        return self.tag_listing(profile, region, repository).rows

    def manifest(self, profile: str, region: str, repository: str, reference: str) -> ManifestInfo:
        return self.registry(profile, region).manifest(repository, reference)

    def image_config(
        self, profile: str, region: str, repository: str, config_digest: str
    ) -> ImageConfig:
        return self.registry(profile, region).image_config(repository, config_digest)

    def referrers(
        self, profile: str, region: str, repository: str, digest: str
    ) -> list[Referrer]:
        from ecr_tui.core.registry.referrers import find_referrers

        return find_referrers(self.registry(profile, region), repository, digest, self.executor())

    def scan_findings(
        self, profile: str, region: str, repository: str, reference: str
    ) -> ScanReport:
        from ecr_tui.core.ecr import api as ecr

        client = self._client(profile, region)
        return self._call(
            profile, region, "DescribeImageScanFindings",
            lambda: ecr.scan_findings(client, repository, reference),
        )
