"""`ecr-tui password`: the password alone, like `aws ecr get-login-password`, for
`| docker login ...`. Imports no table or JSON helper: it starts in ~20 ms."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from ecr_tui.cli.target import target

if TYPE_CHECKING:
    import argparse  # for the annotations: `password` starts without argparse


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    profile, region = target(backend, args)
    out.write(backend.token(profile, region).password + "\n")
    return 0
