"""The (profile, region) a single-pair command runs on: the options, else the defaults."""

from __future__ import annotations

import argparse
from typing import Any


def target(backend: Any, args: argparse.Namespace) -> tuple[str, str]:
    profile = args.profile or backend.default_profile()
    return profile, backend.require_region(profile, args.region)
