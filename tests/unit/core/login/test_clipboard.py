"""Clipboard: never touches the real one here; pyperclip is replaced in every test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyperclip
import pytest

from ecr_tui.core.login import clipboard
from ecr_tui.core.login.clipboard import (
    clear_if_unchanged,
    copy_text,
    paste_text,
    unavailable_reason,
)
from ecr_tui.core.models import ClipboardResult

SECRET = "eyJwYXlsb2FkIjoiU2VjcmV0In0" * 20


class FakeClipboard:
    """Stands in for pyperclip.copy/paste; `fail` makes both raise."""

    def __init__(self) -> None:
        self.value = "before"
        self.copies: list[str] = []
        self.pastes = 0
        self.fail: Exception | None = None

    def copy(self, text: str) -> None:
        if self.fail:
            raise self.fail
        self.copies.append(text)
        self.value = text

    def paste(self) -> str:
        self.pastes += 1
        if self.fail:
            raise self.fail
        return self.value


@pytest.fixture(autouse=True)
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeClipboard:
    board = FakeClipboard()
    monkeypatch.setattr(pyperclip, "copy", board.copy)
    monkeypatch.setattr(pyperclip, "paste", board.paste)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(clipboard, "_is_wsl", lambda: False)
    return board


@pytest.fixture
def display(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend a display exists; pyperclip itself stays replaced by the fake."""
    monkeypatch.setenv("DISPLAY", ":fake")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux-only short cut")
def test_no_display_is_reported_fast_without_calling_pyperclip(fake: FakeClipboard) -> None:
    result = copy_text(SECRET)
    assert result.copied is False
    assert result.mechanism == "no system clipboard (no display)"
    assert fake.copies == [] and fake.pastes == 0
    assert paste_text() is None
    assert clear_if_unchanged("before") is False
    assert fake.pastes == 0


@pytest.mark.parametrize(
    ("env", "system", "expected"),
    [
        ({}, "linux", "no system clipboard (no display)"),
        ({"DISPLAY": ":0"}, "linux", None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", None),
        ({}, "darwin", None),
        ({}, "win32", None),
        ({}, "freebsd14", "no system clipboard (no display)"),
    ],
)
def test_unavailable_reason(env: dict[str, str], system: str, expected: str | None) -> None:
    assert unavailable_reason(env, system) == expected


def test_wsl_has_a_clipboard_without_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipboard, "_is_wsl", lambda: True)
    assert unavailable_reason({}, "linux") is None


@pytest.mark.usefixtures("display")
def test_copy_success(fake: FakeClipboard) -> None:
    result = copy_text(SECRET)
    assert result == ClipboardResult(True, "pyperclip")
    assert fake.value == SECRET
    assert paste_text() == SECRET


@pytest.mark.usefixtures("display")
@pytest.mark.parametrize(
    ("exc", "why"),
    [
        (pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism"),
         "no clipboard tool found (install xclip, xsel or wl-clipboard)"),
        (pyperclip.PyperclipTimeoutException("timeout"), "clipboard timed out"),
        (OSError(f"xclip died while reading {SECRET}"), "clipboard failed (OSError)"),
        (RuntimeError("boom"), "clipboard failed (RuntimeError)"),
    ],
)  # fmt: skip
def test_copy_failure_is_one_line_without_the_text(
    fake: FakeClipboard, exc: Exception, why: str
) -> None:
    fake.fail = exc
    result = copy_text(SECRET)
    assert result.copied is False
    assert result.mechanism == why
    assert SECRET not in result.mechanism and "\n" not in result.mechanism
    assert paste_text() is None
    assert clear_if_unchanged(SECRET) is False


@pytest.mark.usefixtures("display")
def test_clear_if_unchanged(fake: FakeClipboard) -> None:
    copy_text(SECRET)
    assert clear_if_unchanged(SECRET) is True
    assert fake.value == ""


@pytest.mark.usefixtures("display")
def test_clear_leaves_something_the_user_copied_since(fake: FakeClipboard) -> None:
    copy_text(SECRET)
    fake.value = "the user's own text"
    assert clear_if_unchanged(SECRET) is False
    assert fake.value == "the user's own text"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux-only short cut")
def test_no_display_does_not_even_import_pyperclip() -> None:
    code = (
        "import os, sys\n"
        "os.environ.pop('DISPLAY', None); os.environ.pop('WAYLAND_DISPLAY', None)\n"
        "from ecr_tui.core.login import clipboard\n"
        "clipboard._is_wsl = lambda: False\n"
        "print(clipboard.copy_text('x').copied, 'pyperclip' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=Path(__file__).resolve().parents[4],
    )  # fmt: skip
    assert out.stdout.split() == ["False", "False"]
