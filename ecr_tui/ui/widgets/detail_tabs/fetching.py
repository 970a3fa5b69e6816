"""The detail pane's named workers: the image (manifest, platform manifests, configs), its
referrers and its scan findings, each from the backend or, for an image outside ECR, the
host's anonymous registry. Mixed into ImageDetailPane; each posts its answer keyed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.worker import get_current_worker

from ecr_tui.core.images.inspect import ImageSource, all_platform_images
from ecr_tui.ui.widgets.detail_tabs.messages import (
    DetailKey,
    ImageFetched,
    ReferrersFetched,
    ScanFetched,
)

if TYPE_CHECKING:
    from ecr_tui.ui.app_view import AppView


class DetailFetching:
    """fetch_image, fetch_referrers, fetch_scan (ImageDetailPane's own, kept apart)."""

    if TYPE_CHECKING:  # the pane's, used here
        app: AppView

        def post_message(self, message: Any) -> bool: ...

    def _begin_worker(self, key: DetailKey, what: str) -> Any:
        worker = get_current_worker()
        self.app.worker_context[worker] = (key.target, what)
        return worker

    def _source(self, key: DetailKey) -> tuple[ImageSource, str, str]:
        """Who answers for the key, with the profile and region it is asked for: the backend,
        or the host's anonymous registry (the CLI's `inspect HOST/REPO` path)."""
        if key.host:
            from ecr_tui.core.images.anonymous import AnonymousSource

            return AnonymousSource(self.app.backend.anonymous_registry(key.host)), "", ""
        assert key.target is not None
        return self.app.backend, key.target.profile, key.target.region

    @work(thread=True, exclusive=True, group="detail-image", exit_on_error=False,
          description="fetch manifest, platform manifests and image configs")
    def fetch_image(self, key: DetailKey) -> None:
        worker = self._begin_worker(key, "detail")
        source, profile, region = self._source(key)
        manifest = source.manifest(profile, region, key.repository, key.reference)
        images = all_platform_images(source, profile, region, key.repository, manifest)
        # Asked once, then remembered; an image outside ECR has no pull times to exclude.
        excluded = None if key.host else self.app.backend.pull_time_excluded(profile, region)
        if not worker.is_cancelled:
            self.post_message(ImageFetched(key, manifest, images, excluded))

    @work(thread=True, exclusive=True, group="detail-referrers", exit_on_error=False,
          description="find referrers (OCI referrers API, else referrers and cosign tags)")
    def fetch_referrers(self, key: DetailKey) -> None:
        worker = self._begin_worker(key, "detail-referrers")
        source, profile, region = self._source(key)
        digest = self._digest(key)
        found = source.referrers(profile, region, key.repository, digest)
        if not worker.is_cancelled:
            self.post_message(ReferrersFetched(key, found))

    @work(thread=True, exclusive=True, group="detail-scan", exit_on_error=False,
          description="DescribeImageScanFindings, every page")
    def fetch_scan(self, key: DetailKey) -> None:
        worker = self._begin_worker(key, "detail-scan")
        source, profile, region = self._source(key)
        report = source.scan_findings(profile, region, key.repository, key.reference)
        if not worker.is_cancelled:
            self.post_message(ScanFetched(key, report))

    def _digest(self, key: DetailKey) -> str:
        if key.reference.startswith("sha256:"):
            return key.reference
        source, profile, region = self._source(key)  # a tag alone: ask which image it is
        return source.manifest(profile, region, key.repository, key.reference).digest
