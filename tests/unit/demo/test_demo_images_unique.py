from __future__ import annotations

from ecr_tui.demo.backend import DemoBackend


def test_describe_images_names_each_digest_once() -> None:
    # platform/api has indexes under several tags: their children were listed once per tag.
    backend = DemoBackend()
    profile = backend.default_profile()
    region = backend.require_region(profile)
    for repository in ("platform/api", "base/python", "billing/consumer"):
        digests = [i.digest for i in backend.images(profile, region, repository)]
        assert digests and len(digests) == len(set(digests)), repository
