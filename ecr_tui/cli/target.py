"""The (profile, region) a single-pair command runs on: the options, else the defaults."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse  # for the annotations: `password` starts without argparse


def target(backend: Any, args: argparse.Namespace) -> tuple[str, str]:
    profile = args.profile or backend.default_profile()
    return profile, backend.require_region(profile, args.region)
