"""The installed `ecr-tui` driven in tmux against the stand-ins, as a user would."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from tests.harness.installed import ecr_tui_command
from tests.harness.world import World

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux not installed"),
]


class Tmux:
    def __init__(self, env: Mapping[str, str], command: str, status_file: Path) -> None:
        self.socket = f"ecr-tui-{uuid.uuid4().hex[:8]}"
        self.status_file = status_file
        wrapped = f"{command}; echo $? > {shlex.quote(str(status_file))}; sleep 60"
        self._tmux("new-session", "-d", "-x", "120", "-y", "35", "bash", "-c", wrapped, env=env)

    def _tmux(self, *args: str, env: Mapping[str, str] | None = None) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True, text=True, timeout=30, env=dict(env) if env else None,
            check=True,
        )
        return result.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p")

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", *keys)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; screen:\n{self.screen()}")

    def press_until(self, key: str, text: str, timeout: float = 30.0) -> None:
        """Press key until text shows: a key sent while focus is still moving can be lost."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.keys(key)
            step = time.monotonic() + 2.0
            while time.monotonic() < step:
                if text in self.screen():
                    return
                time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; screen:\n{self.screen()}")

    def wait_exit(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.status_file.exists() and self.status_file.read_text().strip():
                return int(self.status_file.read_text())
            time.sleep(0.1)
        raise AssertionError(f"ecr-tui did not exit; screen:\n{self.screen()}")

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture()
def tmux_env(world_env: dict[str, str]) -> dict[str, str]:
    return {**world_env, "TERM": "xterm-256color", "COLORTERM": "truecolor"}


@pytest.fixture()
def tui(tmux_env: dict[str, str], tmp_path: Path) -> Iterator[Tmux]:
    exe = ecr_tui_command()
    session = Tmux(tmux_env, shlex.quote(exe), tmp_path / "status")
    try:
        yield session
    finally:
        session.kill()


def test_profiles_then_tags_then_quit(world: World, tui: Tmux) -> None:
    first = tui.wait_for("sso-expired")
    for profile in ("default", "role", "proc-fail"):
        assert profile in first
    screen = tui.wait_for(f"Repositories {len(world.repositories)}/{len(world.repositories)}")
    assert world.big_repo in screen
    assert "account 123456789012" in tui.wait_for("account 1")
    tui.keys("/")
    tui.wait_for("filter…")
    tui.keys(*world.big_repo)
    tui.wait_for("Repositories 1/")
    tui.keys("Enter")  # leave the filter line (keeping the filter)
    tui.press_until("Enter", "─ Images ")  # open the highlighted repository
    images = len(set(world.big_tags.values()))  # one row per image
    tags = tui.wait_for(f"Images {images}/{images}")
    assert world.big_repo in tags
    assert "token 11:5" in tui.wait_for("token 11:")
    tui.keys("q")
    assert tui.wait_exit() == 0


class CountedKeys:
    """Keystrokes sent to the program, the typed names apart: the measure of the `:` jump."""

    def __init__(self, tui: Tmux) -> None:
        self.tui = tui
        self.keys = 0

    def press(self, key: str) -> None:
        self.keys += 1
        self.tui.keys(key)

    def type_name(self, name: str) -> None:
        self.tui.keys("-l", name)


@pytest.mark.skipif(shutil.which("docker") is None, reason="docker CLI not installed")
def test_jump_to_a_verified_login_and_to_the_newest_tag(world: World, tui: Tmux) -> None:
    """From launch: ≤ 5 keys + the name to a verified login of another profile and region,
    ≤ 4 keys + the name to the newest tag of a repository."""
    tui.wait_for(f"Repositories {len(world.repositories)}/")
    login = CountedKeys(tui)
    login.press(":")
    tui.wait_for("─ Jump ")
    login.type_name(f"role {world.other_region}")
    tui.wait_for(f"role {world.other_region}")
    login.press("Enter")
    tui.wait_for("role [assume-role]")
    tui.wait_for(f"region {world.other_region}")
    tui.wait_for(f"Repositories {len(world.other_region_repositories)}/")
    login.press("l")
    screen = tui.wait_for(f"Logged in docker to {world.registry_host}")
    assert "expires in 11h" in screen
    assert login.keys <= 5, login.keys

    tags = CountedKeys(tui)
    tags.press(":")
    tui.wait_for("─ Jump ")
    repository = world.other_region_repositories[0]
    tags.type_name(repository)
    tags.press("Enter")
    screen = tui.wait_for("─ Images ")  # one row per image, newest first
    assert repository in screen and "sort pushed ↓" in screen  # newest first, cursor on it
    assert tags.keys <= 4, tags.keys
    print(f"jump keystrokes: login {login.keys} + name, newest tag {tags.keys} + name")
    tui.keys("q")
