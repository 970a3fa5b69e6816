"""`ecr-tui inspect` and `ecr-tui findings`, the installed command against the stand-ins."""

from __future__ import annotations

import json

import pytest

from ecr_tui.core.registry.manifests import redact
from tests.harness import inspect_seed as seeded
from tests.harness.world import World
from tests.integration.test_cli_e2e import ecr_tui, ok_json

pytestmark = pytest.mark.integration
REPO = seeded.REPO
INSPECT_KEYS = {"repository", "reference", "digest", "media_type", "platforms", "config",
                "layers", "referrers", "scan"}
FINDING_KEYS = {"id", "severity", "package", "installed_version", "fixed_version", "title"}


def _no_secret(*texts: str) -> None:
    for text in texts:
        for value in seeded.SECRET_VALUES:
            assert value not in text


def test_inspect_100_layers_follows_the_history(world: World) -> None:
    result = ecr_tui(["inspect", f"{REPO}:{seeded.BIG_TAG}", "--json"], world.env)
    assert result.returncode == 0, result.stderr
    _no_secret(result.stdout, result.stderr)
    data = json.loads(result.stdout)
    plan = seeded.build()
    assert set(data) == INSPECT_KEYS
    assert data["digest"] == plan.digests[seeded.BIG_TAG]
    assert data["platforms"] == [{"os": "linux", "architecture": "amd64", "variant": "",
                                  "digest": data["digest"]}]
    assert set(data["config"]) == {"entrypoint", "cmd", "user", "workdir", "env_names",
                                   "labels", "created"}
    assert data["config"]["env_names"] == ["PATH", "DB_PASSWORD", "API_TOKEN"]
    assert (data["config"]["entrypoint"], data["config"]["user"]) == (["/app/run"], "app")
    history = plan.history[seeded.BIG_TAG]
    layers = data["layers"]
    # The same steps, ENV and build-argument values blanked out (they hold secrets).
    assert [entry["created_by"] for entry in layers] == [
        redact(h["created_by"], list(seeded.SECRET_VALUES)) for h in history]
    assert "ENV DB_PASSWORD=***" in layers[1]["created_by"]
    assert sum(1 for entry in layers if not entry["empty_layer"]) == seeded.BIG_LAYERS
    for entry in layers:
        assert set(entry) == {"digest", "size", "media_type", "created_by", "empty_layer"}
        assert (entry["digest"] is None) == entry["empty_layer"]
    assert data["referrers"] == []
    assert data["scan"]["status"] == "COMPLETE"
    human = ecr_tui(["inspect", f"{REPO}:{seeded.BIG_TAG}"], world.env)
    assert human.returncode == 0 and "DB_PASSWORD" in human.stdout
    _no_secret(human.stdout, human.stderr)
    assert sum(data["scan"]["counts"].values()) == seeded.BIG_FINDINGS


def test_inspect_finds_referrers_through_the_tag_schema(world: World) -> None:
    data = ok_json(["inspect", f"{REPO}:v1"], world.env)
    plan = seeded.build()
    assert {(r["kind"], r["digest"]) for r in data["referrers"]} == {
        ("signature", plan.referrers["signature"]), ("sbom", plan.referrers["sbom"])}
    assert all(set(r) == {"kind", "artifact_type", "digest"} for r in data["referrers"])
    assert data["scan"]["counts"]["UNTRIAGED"] == 6  # enhanced scanning


def test_inspect_index_picks_a_platform_and_reads_cosign_tags(world: World) -> None:
    plan = seeded.build()
    default = ok_json(["inspect", f"{REPO}:multi"], world.env)
    assert [f"{p['os']}/{p['architecture']}" for p in default["platforms"]] == [
        "linux/amd64", "linux/arm64", "linux/arm"]
    assert default["digest"] == plan.digests["multi"]
    assert {r["kind"] for r in default["referrers"]} == {"signature", "attestation"}
    assert default["scan"] == {"status": "UNSUPPORTED_IMAGE", "counts": {}}
    arm = ok_json(["inspect", f"{REPO}@{plan.digests['multi']}", "--platform", "linux/arm/v7"],
                  world.env)
    child = plan.children["linux/arm/v7"]
    assert [entry["digest"] for entry in arm["layers"] if entry["digest"]] == [
        layer["digest"] for layer in json.loads(
            next(m.body for m in plan.manifests if m.digest == child))["layers"]]
    wrong = ecr_tui(["inspect", f"{REPO}:multi", "--platform", "windows/amd64"], world.env)
    assert wrong.returncode == 1 and "linux/arm64" in wrong.stderr


def test_findings_every_page_sorted_and_filtered(world: World) -> None:
    found = ok_json(["findings", f"{REPO}:{seeded.BIG_TAG}"], world.env)
    assert len(found) == seeded.BIG_FINDINGS  # pages of 1000: three calls
    assert all(set(f) == FINDING_KEYS for f in found)
    order = list(seeded.SEVERITY_CYCLE)
    ranks = [("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED").index(
        f["severity"]) for f in found]
    assert ranks == sorted(ranks) and len({f["id"] for f in found}) == len(found)
    high = ok_json(["findings", f"{REPO}:{seeded.BIG_TAG}", "--severity", "high"], world.env)
    assert {f["severity"] for f in high} == {"CRITICAL", "HIGH"}
    assert len(high) == seeded.BIG_FINDINGS * (order.count("CRITICAL") + order.count("HIGH")) // 10
    assert "ecr.DescribeImageScanFindings" in world.audit_lines()


def test_findings_enhanced_and_never_scanned(world: World) -> None:
    enhanced = ok_json(["findings", f"{REPO}:latest"], world.env)
    assert len(enhanced) == 30 and enhanced[0]["fixed_version"] == "1.0.1"
    assert ok_json(["findings", f"{REPO}:v0"], world.env) == []
    human = ecr_tui(["findings", f"{REPO}:v0"], world.env)
    assert human.returncode == 0 and human.stdout.startswith("never scanned")


def test_tags_carry_pulled_and_archived(world: World) -> None:
    rows = {r["tag"]: r for r in ok_json(["tags", REPO], world.env)}
    assert rows["v0"]["image_status"] == "ARCHIVED" and rows["v0"]["last_pull"] is None
    assert rows["v1"]["last_pull"].startswith("2026-01-02")
    assert rows[seeded.BIG_TAG]["scan"]["status"] == "COMPLETE"
