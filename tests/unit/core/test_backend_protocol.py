"""The Backend protocol is the whole seam: both backends implement all of it, and nothing
in the UI or CLI probes a backend for what it might have."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from ecr_tui.core.aws.backend import AwsBackend
from ecr_tui.core.backend import Backend
from ecr_tui.demo.backend import DemoBackend

MEMBERS = sorted(
    name for name, value in vars(Backend).items()
    if not name.startswith("_") and callable(value)
)
PACKAGE = Path(__file__).resolve().parents[3] / "ecr_tui"


def test_the_protocol_names_what_the_ui_and_cli_call() -> None:
    for name in ("require_region", "tag_listing", "state_warning", "forget_profile"):
        assert name in MEMBERS


@pytest.mark.parametrize("implementation", [AwsBackend, DemoBackend])
@pytest.mark.parametrize("name", MEMBERS)
def test_both_backends_implement_every_member(implementation: type, name: str) -> None:
    method = getattr(implementation, name, None)
    assert callable(method), f"{implementation.__name__} lacks {name}"
    wanted = list(inspect.signature(getattr(Backend, name)).parameters)
    have = list(inspect.signature(method).parameters)
    assert have == wanted, f"{implementation.__name__}.{name}{have} differs from {wanted}"


def test_nothing_probes_a_backend_with_hasattr_or_getattr() -> None:
    probe = re.compile(r"\b(?:hasattr|getattr)\(\s*(?:self\.)?(?:app\.)?backend\b")
    offenders = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in PACKAGE.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if probe.search(line)
    ]
    assert offenders == []
