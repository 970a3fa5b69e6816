"""Where the installed `ecr-tui` console script is."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def ecr_tui_command() -> str:
    """The script pip put beside this interpreter (pyenv's shims may not know it yet)."""
    beside = Path(sys.executable).parent / "ecr-tui"
    found = str(beside) if beside.exists() else shutil.which("ecr-tui")
    assert found, "ecr-tui is not installed: run `python3 -m pip install -e .`"
    return found
