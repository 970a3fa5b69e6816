"""Load the seed file into moto's backends in-process, before the launcher serves.

Imported by :mod:`tests.harness.moto_launcher`; much faster than thousands of HTTP calls.
Repositories seeded in bulk (benchmarks) are registered with :mod:`tests.harness.bulk_images`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.harness import bulk_images, moto_pull_times, moto_scans


def seed(seed_file: Path) -> None:
    """Create repositories and images in-process (much faster than thousands of HTTP calls)."""
    from moto.ecr.models import Image, ecr_backends
    from moto.iam.models import AccessKey, iam_backends

    plan = json.loads(seed_file.read_text(encoding="utf-8"))
    account = plan["account_id"]
    moto_scans.load_extras(plan)
    moto_pull_times.load(plan)
    # Access keys that belong to another account (moto maps a request to an account by its key).
    for other, key_ids in plan.get("access_keys", {}).items():
        iam = iam_backends[other]["aws"]
        for key_id in key_ids:
            key = AccessKey(None, "AKIA", other)
            key.access_key_id = key_id
            iam.access_keys[key_id] = key
    # ECR reports compressed layer bytes (an index: its largest child); moto only knows config.size.
    original_size = Image.get_image_size_in_bytes

    def image_size(self: Any) -> int | None:
        return getattr(self, "harness_size", None) or original_size(self)

    Image.get_image_size_in_bytes = image_size  # type: ignore[method-assign]
    for region, names in plan["repositories"].items():
        backend = ecr_backends[account][region]
        for name in names:
            backend.create_repository(
                repository_name=name, registry_id=None, encryption_config=None,
                image_scan_config=None, image_tag_mutability=None,
                image_tag_mutability_exclusion_filters=None, tags=[],
            )
    for other, regions in plan.get("extra_accounts", {}).items():
        for region, names in regions.items():
            for name in names:
                ecr_backends[other][region].create_repository(
                    repository_name=name, registry_id=None, encryption_config=None,
                    image_scan_config=None, image_tag_mutability=None,
                    image_tag_mutability_exclusion_filters=None, tags=[],
                )
    bulk = set(plan.get("bulk_repositories", ()))
    for image in plan.get("extra_images", ()):
        ecr_backends[image["account"]][image["region"]].put_image(
            image["repository"], image["manifest"], image["tag"], image["media_type"],
            image["digest"],
        )
    for image in plan["images"]:
        backend = ecr_backends[account][image["region"]]
        if image["repository"] in bulk:
            # One image per tag, all distinct: skip put_image's O(n) scans (O(n^2) in total).
            created = Image(
                account, image["tag"], image["manifest"], image["repository"],
                image["media_type"], image["digest"],
            )
            backend.repositories[image["repository"]].images.append(created)
            created.image_pushed_at = int(image["pushed_at"])
            created.harness_size = int(image["size"])
            continue
        created = backend.put_image(
            image["repository"], image["manifest"], image["tag"], image["media_type"],
            image["digest"],
        )
        if image.get("pushed_at"):
            created.image_pushed_at = int(image["pushed_at"])
        if image.get("size"):
            created.harness_size = int(image["size"])
    from tests.harness import moto_lifecycle

    moto_lifecycle.seed(plan)
    for region, names in plan["repositories"].items():
        for name in bulk.intersection(names):
            repository = ecr_backends[account][region].repositories[name]
            bulk_images.register(name, account, region, repository.images)
