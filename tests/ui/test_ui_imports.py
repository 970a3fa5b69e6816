"""The UI and the demo never import boto3, botocore or httpx."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ui_and_demo_do_not_import_aws_or_http_libraries() -> None:
    code = (
        "import sys, ecr_tui.ui.app, ecr_tui.demo.backend\n"
        "import ecr_tui.ui.screens.tags, ecr_tui.ui.screens.help, ecr_tui.ui.palette\n"
        "import ecr_tui.ui.screens.anonymous_tags, ecr_tui.ui.upstream_check\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'boto3', 'botocore', 'httpx'}"
        " or m.startswith('ecr_tui.core.aws'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""
