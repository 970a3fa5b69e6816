"""Properties of the image parsers: config history, referrers index, findings pages, groups."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecr_tui.core.image_records import SEVERITIES, severity_rank
from ecr_tui.core.images.findings import at_least, report_from_pages
from ecr_tui.core.images.groups import group_images, is_artifact_tag
from ecr_tui.core.images.inspect import parse_reference
from ecr_tui.core.images.layers import layer_rows
from ecr_tui.core.models import LayerDescriptor, TagRow
from ecr_tui.core.registry.manifests import parse_image_config, parse_manifest
from ecr_tui.core.registry.referrers import digest_tag_subject, kind_of, parse_referrers_index

hexes = st.text("0123456789abcdef", min_size=64, max_size=64)
digests = hexes.map(lambda h: "sha256:" + h)
words = st.text("abcdefghij -_=/:.", max_size=20)
history_entries = st.lists(
    st.fixed_dictionaries(
        {"created_by": words},
        optional={"empty_layer": st.booleans(), "created": st.just("2025-01-02T03:04:05Z")},
    ),
    max_size=30,
)


@given(history_entries, st.lists(digests, max_size=30),
       st.lists(st.tuples(st.from_regex(r"[A-Z_]{1,8}", fullmatch=True), words), max_size=8))
def test_history_matches_layers_in_order(history, layers, env) -> None:
    steps = [{"created_by": f"/bin/sh -c #(nop) ENV {k}={v}SECRET", "empty_layer": True}
             for k, v in env]
    body = json.dumps({
        "history": steps + history,
        "config": {"Env": [f"{k}={v}SECRET" for k, v in env]},
    }).encode()
    config = parse_image_config(body)
    assert config.env_names == tuple(k for k, _ in env)
    assert "SECRET" not in repr(config)  # values never kept, not even in the history
    config = parse_image_config(json.dumps({"history": history}).encode())
    descriptors = tuple(LayerDescriptor(d, i + 1, "m") for i, d in enumerate(layers))
    rows = layer_rows(descriptors, config)
    non_empty = [h for h in history if not h.get("empty_layer")]
    assert len(rows) == len(history) + max(0, len(layers) - len(non_empty))
    for row, entry in zip(rows, history, strict=False):
        assert row.empty_layer == bool(entry.get("empty_layer"))
        assert row.created_by == entry["created_by"]
        if row.empty_layer:
            assert row.digest == "" and row.size == 0
    assert [r.digest for r in rows if not r.empty_layer and r.digest] == layers


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c,
                                                                         max_size=3),
                    max_leaves=12))
def test_config_parser_takes_any_json(junk) -> None:
    try:
        parse_image_config(json.dumps({"config": junk, "history": junk, "created": junk}).encode())
    except ValueError:
        pass


artifact_types = st.sampled_from([
    "application/vnd.dev.cosign.artifact.sig.v1+json", "application/spdx+json",
    "application/vnd.cyclonedx+json", "application/vnd.in-toto+json",
    "application/vnd.cncf.notary.signature", "application/x-custom", "",
])


@given(st.lists(st.tuples(digests, artifact_types, st.integers(0, 10**9)), max_size=12))
def test_referrers_index_lists_every_descriptor(entries) -> None:
    body = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                       "manifests": [{"digest": d, "artifactType": t, "size": s,
                                      "mediaType": "application/vnd.oci.image.manifest.v1+json"}
                                     for d, t, s in entries]}).encode()
    found = parse_referrers_index(body, "test")
    assert [r.digest for r in found] == [d for d, _, _ in entries]
    assert [r.kind for r in found] == [kind_of(t) for _, t, _ in entries]
    assert all(r.kind in ("signature", "sbom", "attestation", "other") for r in found)


def test_kinds() -> None:
    assert kind_of("application/spdx+json") == "sbom"
    assert kind_of("application/vnd.in-toto+json") == "attestation"
    assert kind_of("application/vnd.dev.cosign.simplesigning.v1+json") == "signature"
    assert kind_of("text/plain") == "other"


@given(hexes, st.sampled_from(["", ".sig", ".att", ".sbom", ".other"]))
def test_digest_named_tags(hex_digest, suffix) -> None:
    found = digest_tag_subject(f"sha256-{hex_digest}{suffix}")
    if suffix == ".other":
        assert found is None
    else:
        assert found is not None and found[0] == f"sha256:{hex_digest}"


severities = st.sampled_from(SEVERITIES)
basic = st.builds(lambda n, s, p: {"name": f"CVE-{n}", "severity": s, "attributes": [
    {"key": "package_name", "value": p}, {"key": "package_version", "value": "1.0"}]},
    st.integers(0, 99999), severities, st.text("abc", min_size=1, max_size=4))
enhanced = st.builds(lambda n, s: {"severity": s, "title": f"t{n}", "packageVulnerabilityDetails": {
    "vulnerabilityId": f"CVE-{n}", "vulnerablePackages": [
        {"name": "p", "version": "1", "fixedInVersion": "2"}]}},
    st.integers(0, 99999), severities)


@given(st.lists(basic | enhanced, max_size=60), st.integers(1, 25), st.sampled_from(SEVERITIES))
def test_findings_pages_merge_whatever_the_page_size(items, size, level) -> None:
    def pages(step: int) -> list[dict]:
        chunks = [items[i:i + step] for i in range(0, len(items), step)] or [[]]
        return [{"imageScanStatus": {"status": "COMPLETE"}, "imageScanFindings": {
            "findings": [f for f in chunk if "name" in f],
            "enhancedFindings": [f for f in chunk if "name" not in f]}} for chunk in chunks]

    whole, paged = report_from_pages(pages(1000)), report_from_pages(pages(size))
    assert whole.findings == paged.findings and len(paged.findings) == len(items)
    ranks = [severity_rank(f.severity) for f in paged.findings]
    assert ranks == sorted(ranks)
    assert sum(n for _, n in paged.counts) == len(items)
    kept = at_least(paged.findings, level)
    assert all(severity_rank(f.severity) <= severity_rank(level) for f in kept)
    limit = severity_rank(level)
    assert len(kept) == sum(1 for f in items if severity_rank(f["severity"]) <= limit)


rows = st.lists(st.builds(
    TagRow, tag=st.from_regex(r"[a-z0-9.]{1,6}", fullmatch=True),
    digest=st.sampled_from(["sha256:" + c * 64 for c in "abc"] + [""])), max_size=20,
    unique_by=lambda r: r.tag)


@given(rows, st.sampled_from(["a", "b", "c"]), st.sampled_from(["", ".sig", ".sbom", ".att"]))
def test_one_group_per_image(tag_rows, subject, suffix) -> None:
    artifact = TagRow(tag=f"sha256-{subject * 64}{suffix}", digest="sha256:" + "f" * 64)
    groups = group_images([*tag_rows, artifact])
    tags = [t for g in groups for t in g.tags]
    assert sorted(tags) == sorted(r.tag for r in tag_rows)  # each tag once, artifacts hidden
    for group in groups:
        assert {r.digest for r in tag_rows if r.tag in group.tags} == {group.row.digest}
    target = next((g for g in groups if g.digest == f"sha256:{subject * 64}"), None)
    if target is not None:
        assert target.badges == ({"": "referrers", ".sig": "signed", ".sbom": "SBOM",
                                  ".att": "attested"}[suffix],)
    shown = group_images([*tag_rows, artifact], show_artifacts=True)
    assert any(is_artifact_tag(t) for g in shown for t in g.tags)


def test_parse_reference() -> None:
    assert parse_reference("team/api") == ("team/api", "latest")
    assert parse_reference("team/api:v1") == ("team/api", "v1")
    assert parse_reference("team/api@sha256:abc") == ("team/api", "sha256:abc")
    for bad in ("", "team/api:", "team/api@"):
        with pytest.raises(ValueError):
            parse_reference(bad)


def test_manifest_keeps_layers_and_subject() -> None:
    body = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "artifactType": "application/spdx+json",
        "config": {"mediaType": "application/vnd.oci.empty.v1+json", "size": 2,
                   "digest": "sha256:" + "0" * 64},
        "layers": [{"mediaType": "application/spdx+json", "size": 7,
                    "digest": "sha256:" + "1" * 64}],
        "subject": {"digest": "sha256:" + "2" * 64},
    }).encode()
    info = parse_manifest(body)
    assert info.layers == (LayerDescriptor("sha256:" + "1" * 64, 7, "application/spdx+json"),)
    assert info.subject == "sha256:" + "2" * 64 and info.artifact_type == "application/spdx+json"


def test_images_newest_first_then_first_tag_and_undated_last() -> None:
    from datetime import datetime, timezone

    from ecr_tui.core.images.groups import group_images
    from ecr_tui.core.models import TagRow

    at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    rows = [
        TagRow(tag="a", digest="sha256:1", pushed_at=at),
        TagRow(tag="old", digest="sha256:0", pushed_at=None),
        TagRow(tag="b", digest="sha256:2", pushed_at=at),
        TagRow(tag="new", digest="sha256:3", pushed_at=at.replace(year=2027)),
        TagRow(tag="latest", digest="sha256:2", pushed_at=at),
    ]
    groups = group_images(rows)
    assert [g.tags for g in groups] == [("new",), ("latest", "b"), ("a",), ("old",)]

