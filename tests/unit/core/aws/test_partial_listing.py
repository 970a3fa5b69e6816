"""AccessDenied on DescribeImages alone: tags still listed, with a hint naming the permission."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from ecr_tui.cli import main as cli
from ecr_tui.core.aws.backend import AwsBackend
from ecr_tui.core.models import TagListing, TagRow


class FakeRegistry:
    def list_tags(self, repository: str, on_page: Any = None) -> list[str]:
        if on_page is not None:
            on_page(["v1", "v2"])
        return ["v1", "v2"]


def test_describe_images_denied_leaves_the_tags_with_a_hint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = boto3.client("ecr", region_name="us-east-1", aws_access_key_id="a",
                          aws_secret_access_key="b")
    stubber = Stubber(client)
    for _call in ("pages", "by imageIds"):
        stubber.add_client_error(
            "describe_images", service_error_code="AccessDeniedException",
            service_message="User: arn:aws:iam::1:user/x is not authorized to perform: "
            "ecr:DescribeImages", http_status_code=400,
        )
    backend = AwsBackend(environ={"HOME": "/nonexistent", "AWS_REGION": "us-east-1"})
    monkeypatch.setattr(backend, "_client", lambda *a, **k: client)
    monkeypatch.setattr(backend, "registry", lambda *a, **k: FakeRegistry())
    monkeypatch.setattr(backend, "require_region", lambda profile, region=None: "us-east-1")
    with stubber:
        listing = backend.tag_listing("default", "us-east-1", "team/api")
    backend.close()
    assert sorted(r.tag for r in listing.rows) == ["v1", "v2"]
    (warning,) = listing.warnings
    assert "ecr:DescribeImages" in warning and "grant ecr:DescribeImages" in warning


def test_cli_prints_listing_warnings_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Backend:
        def default_profile(self) -> str:
            return "default"

        def require_region(self, profile: str, region: str | None = None) -> str:
            return "us-east-1"

        def tag_listing(self, *args: Any) -> TagListing:
            return TagListing([TagRow("v1")], ("no digests, dates or sizes: access denied",))

    monkeypatch.setattr(cli, "_backend", lambda args: Backend())
    assert cli.main(["tags", "team/api"]) == 0
    out, err = capsys.readouterr()
    assert err == "ecr-tui: warning: no digests, dates or sizes: access denied\n"
    assert "v1" in out
