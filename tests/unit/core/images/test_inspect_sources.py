"""Where referrers and findings come from: the OCI referrers API (MockTransport) and its
fallback, DescribeImageScanFindings pages and a missing scan (botocore Stubber)."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import boto3
import httpx
import pytest
from botocore.stub import Stubber

from ecr_tui.core.ecr import api as ecr
from ecr_tui.core.errors import RegistryError
from ecr_tui.core.registry.client import RegistryClient
from ecr_tui.core.registry.referrers import find_referrers
from tests.unit.core.registry.test_registry import ENDPOINT, Tokens

SUBJECT = "sha256:" + "a" * 64
SIG = "sha256:" + "b" * 64
INDEX = "application/vnd.oci.image.index.v1+json"


def _registry(handler) -> RegistryClient:  # noqa: ANN001
    return RegistryClient(ENDPOINT, Tokens(), transport=httpx.MockTransport(handler),
                          sleep=lambda _s: None)


def test_referrers_api_answer_is_used_and_no_tag_is_tried() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        assert request.url.path == f"/v2/team/api/referrers/{SUBJECT}"
        return httpx.Response(200, json={"schemaVersion": 2, "mediaType": INDEX, "manifests": [
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": SIG,
             "size": 700, "artifactType": "application/vnd.dev.cosign.artifact.sig.v1+json"}]})

    with ThreadPoolExecutor(2) as pool, _registry(handler) as registry:
        found = find_referrers(registry, "team/api", SUBJECT, pool)
    assert [(r.kind, r.digest, r.size, r.source) for r in found] == [
        ("signature", SIG, 700, "referrers API")]
    assert len(seen) == 1


def test_referrers_api_artifact_type_filter() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.params["artifactType"] == "application/spdx+json"
        return httpx.Response(200, json={"manifests": []})

    with _registry(handler) as registry:
        assert registry.referrers_index("team/api", SUBJECT, "application/spdx+json") is not None


def test_404_falls_back_to_the_tag_schema_and_cosign_tags() -> None:
    base = SUBJECT.replace(":", "-")
    sbom_manifest = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 2,
                   "digest": "sha256:" + "c" * 64},
        "layers": [{"mediaType": "application/vnd.cyclonedx+json", "size": 9,
                    "digest": "sha256:" + "d" * 64}]}).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith(f"/manifests/{base}"):
            return httpx.Response(200, headers={"content-type": INDEX}, json={
                "schemaVersion": 2, "mediaType": INDEX, "manifests": [
                    {"digest": SIG, "size": 5, "artifactType": "application/spdx+json"}]})
        if path.endswith(f"/manifests/{base}.sbom"):
            return httpx.Response(200, content=sbom_manifest)
        return httpx.Response(404, json={"errors": [{"code": "MANIFEST_UNKNOWN"}]})

    with ThreadPoolExecutor(4) as pool, _registry(handler) as registry:
        found = find_referrers(registry, "team/api", SUBJECT, pool)
    assert [(r.kind, r.source) for r in found] == [
        ("sbom", f"tag {base}"), ("sbom", f"tag {base}.sbom")]
    assert found[1].artifact_type == "application/vnd.cyclonedx+json"


def test_unreadable_referrers_index_is_one_line() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"[not an index")

    with ThreadPoolExecutor(2) as pool, _registry(handler) as registry:
        with pytest.raises(RegistryError, match="unreadable referrers index"):
            find_referrers(registry, "team/api", SUBJECT, pool)


@pytest.fixture()
def client(monkeypatch: pytest.MonkeyPatch, tmp_path) -> object:  # noqa: ANN001
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    return boto3.client("ecr", region_name="eu-west-1", aws_access_key_id="a",
                        aws_secret_access_key="b")


def _page(names: list[str], token: str | None = None) -> dict:
    page = {
        "repositoryName": "team/api", "imageId": {"imageDigest": SUBJECT},
        "imageScanStatus": {"status": "COMPLETE", "description": "done"},
        "imageScanFindings": {
            "findingSeverityCounts": {"HIGH": 2, "LOW": 1},
            "findings": [{"name": n, "severity": "LOW" if n == "CVE-3" else "HIGH",
                          "attributes": [{"key": "package_name", "value": "zlib"}]}
                         for n in names],
        },
    }
    if token:
        page["nextToken"] = token
    return page


def test_scan_findings_every_page_by_tag(client) -> None:  # noqa: ANN001
    with Stubber(client) as stub:
        expected = {"repositoryName": "team/api", "imageId": {"imageTag": "v1"},
                    "maxResults": 1000}
        stub.add_response("describe_image_scan_findings", _page(["CVE-3", "CVE-1"], "t1"),
                          expected)
        stub.add_response("describe_image_scan_findings", _page(["CVE-2"]),
                          {**expected, "nextToken": "t1"})
        report = ecr.scan_findings(client, "team/api", "v1")
    assert [f.id for f in report.findings] == ["CVE-1", "CVE-2", "CVE-3"]
    assert report.counts == (("HIGH", 2), ("LOW", 1)) and report.status == "COMPLETE"


def test_never_scanned_says_so(client) -> None:  # noqa: ANN001
    with Stubber(client) as stub:
        stub.add_client_error("describe_image_scan_findings", "ScanNotFoundException",
                              "no scan")
        report = ecr.scan_findings(client, "team/api", SUBJECT)
    assert report.status == "NOT_SCANNED" and not report.findings
