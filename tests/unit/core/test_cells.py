"""Cells cut to fit say so: `…` where text was cut, counts dropped whole, digest tags told apart."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from ecr_tui.core.humanize import ellipsize
from ecr_tui.core.image_records import ImageGroup
from ecr_tui.core.images.groups import fit_tags, semver_led
from ecr_tui.core.models import ScanSummary, TagRow
from ecr_tui.core.registry.manifests import parse_manifest
from ecr_tui.core.registry.referrers import cosign_tags

MANY = ScanSummary("COMPLETE", (("CRITICAL", 37), ("HIGH", 412), ("MEDIUM", 1189),
                                ("LOW", 598), ("INFORMATIONAL", 164)))


@given(st.text(max_size=60), st.integers(1, 40), st.integers(0, 10))
def test_a_cut_text_fits_and_ends_or_breaks_with_an_ellipsis(text: str, width: int,
                                                            keep: int) -> None:
    cell = ellipsize(text, width, keep_end=keep)
    assert len(cell) <= width
    assert (cell == text) == (len(text) <= width)  # what fits comes back whole
    if cell != text:
        assert "…" in cell and cell.replace("…", "", 1) != text


def test_scan_cell_drops_whole_severities_and_keeps_the_most_severe() -> None:
    assert MANY.short() == "C37 H412 M1189 L598 I164"
    assert MANY.short(12) == "C37 H412 …"
    assert MANY.short(16) == "C37 H412 M1189 …"
    assert ScanSummary("COMPLETE", (("CRITICAL", 5), ("LOW", 1))).short(12) == "C5 L1"


@given(st.lists(st.tuples(st.sampled_from(["CRITICAL", "HIGH", "MEDIUM", "LOW"]),
                          st.integers(0, 10**6)), min_size=1, max_size=4),
       st.integers(3, 30))
def test_scan_cell_never_cuts_a_number(counts: list[tuple[str, int]], width: int) -> None:
    scan = ScanSummary("COMPLETE", tuple(counts))
    cell = scan.short(width)
    assert len(cell) <= width
    whole = scan.short().split()
    parts = cell.replace("…", " ").split()
    assert parts == whole[:len(parts)]  # each count shown is a whole one, most severe first
    assert (cell == scan.short()) != cell.endswith("…")


def test_scan_status_cut_says_so() -> None:
    assert ScanSummary("UNSUPPORTED_IMAGE").short(12) == "unsupported…"
    assert ScanSummary("UNSUPPORTED_IMAGE").short() == "unsupported_image"  # the CLI's word


def test_digest_tags_stay_distinct_when_cut() -> None:
    tags = list(cosign_tags("sha256:" + "ab" * 32)) + list(cosign_tags("sha256:" + "ac" * 32))
    cells = [fit_tags(tag, 24) for tag in tags]
    assert len(set(cells)) == len(tags)
    assert all(len(c) == 24 and "…" in c for c in cells)
    assert [c.rsplit(".", 1)[1] for c in cells] == ["sig", "att", "sbom"] * 2


def test_an_image_led_by_its_highest_version() -> None:
    row = TagRow("latest", digest="sha256:a")
    group = ImageGroup("sha256:a", ("latest", "v0.1.4", "v0.1.3-rc1"), row)
    led = semver_led(group)
    assert led.tags == ("v0.1.4", "latest", "v0.1.3-rc1") and led.row.tag == "v0.1.4"
    assert led.row.digest == "sha256:a"
    plain = ImageGroup("sha256:b", ("latest", "main"), TagRow("latest"))
    assert semver_led(plain) is plain


def test_an_image_size_is_its_layers_only() -> None:
    body = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"digest": "sha256:" + "c" * 64, "size": 3_700},
        "layers": [{"digest": "sha256:" + "d" * 64, "size": 1000},
                   {"digest": "sha256:" + "e" * 64, "size": 2000}],
    }).encode()
    manifest = parse_manifest(body)
    assert manifest.layers_size == 3000
