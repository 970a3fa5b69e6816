"""The stand-in's bulk repositories (benchmarks) are answered in the WSGI layer, per call
like ECR: DescribeImages by imageIds is an index lookup per id and a page is a slice, each
image's JSON built once; whatever the fast path does not answer reaches moto unchanged."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.harness import bulk_images, moto_launcher

pytestmark = pytest.mark.integration

ACCOUNT, REGION, REPO = "123456789012", "us-east-1", "bench/tiny"
AUTH = f"AWS4-HMAC-SHA256 Credential=AKIATEST/20261207/{REGION}/ecr/aws4_request, X=y"


@dataclass
class FakeImage:
    tag: str
    registry_id: str = ACCOUNT
    repository_name: str = REPO
    image_pushed_at: int = 1_767_225_600
    image_manifest_media_type: str = "application/vnd.oci.image.manifest.v1+json"
    image_tags: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.image_tags = [self.tag]

    def get_image_digest(self) -> str:
        return "sha256:" + self.tag.encode().hex().ljust(64, "0")

    def get_image_size_in_bytes(self) -> int:
        return 100 + len(self.tag)


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch) -> list[FakeImage]:
    monkeypatch.setattr(bulk_images, "BULK", {})
    images = [FakeImage(f"t{i}") for i in range(5)]
    bulk_images.register(REPO, ACCOUNT, REGION, images)
    return images


class Moto:
    """Stands for moto's app: records what reached it and the body it could read."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    def __call__(self, environ: dict[str, Any], start: Callable[..., Any]) -> Iterable[bytes]:
        self.bodies.append(environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"])))
        start("200 OK", [])
        return [b"moto"]


def _call(request: dict[str, Any], *, region: str = REGION) -> tuple[Moto, bytes, list[Any]]:
    moto, recorded = Moto(), []
    app = moto_launcher._wsgi(moto, 0.0, lambda *line: recorded.append(line))
    body = json.dumps(request).encode()
    environ = {
        "PATH_INFO": "/", "REQUEST_METHOD": "POST", "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "HTTP_X_AMZ_TARGET": bulk_images.DESCRIBE_IMAGES,
        "HTTP_AUTHORIZATION": AUTH.replace(REGION, region),
    }
    answer = b"".join(app(environ, lambda *_: None))
    return moto, answer, recorded


def _expected(image: FakeImage) -> dict[str, Any]:
    return {
        "registryId": ACCOUNT, "repositoryName": REPO, "imageDigest": image.get_image_digest(),
        "imageTags": [image.tag], "imageSizeInBytes": image.get_image_size_in_bytes(),
        "imagePushedAt": image.image_pushed_at,
        "imageManifestMediaType": image.image_manifest_media_type,
    }


def test_by_ids_is_answered_without_moto(tiny: list[FakeImage]) -> None:
    ids = [{"imageTag": "t3"}, {"imageDigest": tiny[1].get_image_digest()}, {"imageTag": "t3"}]
    moto, answer, recorded = _call({"repositoryName": REPO, "imageIds": ids})
    assert moto.bodies == []
    assert json.loads(answer) == {"imageDetails": [_expected(tiny[3]), _expected(tiny[1])]}
    assert recorded == [("ecr.DescribeImages", "AKIATEST", REGION)]  # the audit still sees it


def test_pages_follow_the_seeded_order_with_moto_launchers_tokens(tiny: list[FakeImage]) -> None:
    seen: list[dict[str, Any]] = []
    request: dict[str, Any] = {"repositoryName": REPO, "maxResults": 2}
    while True:
        moto, answer, _ = _call(request)
        assert moto.bodies == []
        page = json.loads(answer)
        seen += page["imageDetails"]
        if "nextToken" not in page:
            break
        request["nextToken"] = page["nextToken"]
    assert seen == [_expected(i) for i in tiny]


@pytest.mark.parametrize(("request_", "region"), [
    ({"repositoryName": REPO, "imageIds": [{"imageTag": "gone"}]}, REGION),  # moto's error
    ({"repositoryName": REPO, "maxResults": 1001}, REGION),
    ({"repositoryName": REPO}, "eu-west-1"),
    ({"repositoryName": "platform/api"}, REGION),
    ({"repositoryName": REPO, "registryId": "210987654321"}, REGION),
])
def test_the_rest_reaches_moto_with_its_body(
    tiny: list[FakeImage], request_: dict[str, Any], region: str
) -> None:
    moto, answer, recorded = _call(request_, region=region)
    assert answer == b"moto" and recorded == []
    assert moto.bodies == [json.dumps(request_).encode()]
