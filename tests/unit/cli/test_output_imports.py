"""The output module (every command's JSON, `copy`'s and the writes' included) costs none of
the fleet's records or the image status: the commands that print those import them."""

from __future__ import annotations

import subprocess
import sys

LATER = {"ecr_tui.core.fleet.find", "ecr_tui.core.fleet.runner", "ecr_tui.core.images.status"}


def test_the_output_module_imports_neither_the_fleets_records_nor_the_image_status() -> None:
    probe = "import sys, ecr_tui.cli.output\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True)
    assert not set(out.stdout.split()) & LATER


def test_tag_rows_still_name_the_platforms() -> None:
    from ecr_tui.cli.output import tag_rows
    from ecr_tui.core.models import TagRow

    rows = tag_rows([TagRow(tag="v1", digest="sha256:" + "a" * 64, pushed_at=None,
                            size_bytes=1024, media_type="application/vnd.oci.image.index.v1+json",
                            platforms=("linux/amd64", "linux/arm64"))])
    assert rows[0][4] == "linux/amd64, linux/arm64"
