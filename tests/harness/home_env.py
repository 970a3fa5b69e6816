"""An environment for a subprocess of ecr-tui with a home of its own: never the real ~/.aws,
config, state or cache."""

from __future__ import annotations

import os
from pathlib import Path


def home_env(home: Path) -> dict[str, str]:
    """PATH, PYTHONPATH and LANG of this process; HOME, the AWS files and XDG dirs in `home`."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "PYTHONPATH", "LANG")}
    return {**keep, "HOME": str(home), "AWS_CONFIG_FILE": str(home / "config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "credentials"),
            "XDG_CONFIG_HOME": str(home / "xdg-config"),
            "XDG_STATE_HOME": str(home / "xdg-state"),
            "XDG_CACHE_HOME": str(home / "xdg-cache")}
