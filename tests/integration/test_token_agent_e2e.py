"""The credential helper's token agent, as docker runs the helper: many `get` processes at once
against moto and the SSO portal stand-in, counted there; the socket's mode and peer check
(another uid in a child process); an agent killed, idle, slow, refusing, or turned off."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from ecr_tui.agent import place
from tests.harness.world import REPO_ROOT, World
from tests.integration.test_credential_helper_e2e import HELPER, helper, helper_env

pytestmark = pytest.mark.integration
REGIONS = ("us-east-1", "eu-west-1", "us-west-2")
PARALLEL = 30


def hosts(world: World) -> list[str]:
    return [f"{world.account_id}.dkr.ecr.{r}.amazonaws.com" for r in REGIONS]


@pytest.fixture
def agent_env(world: World, world_env: dict[str, str], tmp_path: Path) -> Iterator[dict]:
    """The helper's env, three registries of the main account routed to the SSO profile, and a
    runtime directory of its own (short: a socket path holds ~100 bytes); agents stopped after."""
    env = helper_env(world, world_env, tmp_path, "sso-dev")
    lines = "".join(f'"{h}" = "sso-dev"\n' for h in hosts(world))
    Path(env["ECR_TUI_CONFIG"]).write_text(f"[registries]\n{lines}")
    runtime = Path(tempfile.mkdtemp(prefix="ecr-agent-"))
    env["XDG_RUNTIME_DIR"] = str(runtime)
    env[place.IDLE_ENV] = "600"  # stopped below; never gone between two steps of a slow run
    env["PYTHONPATH"] = str(REPO_ROOT)
    yield env
    subprocess.run([sys.executable, "-m", "ecr_tui", "agent", "stop"], env=env,
                   capture_output=True, timeout=60)
    shutil.rmtree(runtime, ignore_errors=True)


def parallel_gets(env: Mapping[str, str], servers: list[str]) -> list[subprocess.CompletedProcess]:
    procs = [
        subprocess.Popen([HELPER, "get"], env=dict(env), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         start_new_session=True)
        for _ in range(PARALLEL // len(servers)) for _ in servers
    ]
    for proc, server in zip(procs, servers * (PARALLEL // len(servers)), strict=True):
        proc.stdin.write(server + "\n")  # type: ignore[union-attr]
        proc.stdin.close()  # type: ignore[union-attr]
        proc.stdin = None  # all 30 have their URL before any is waited for
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def agent_status(env: Mapping[str, str]) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "ecr_tui", "agent", "status", "--json"],
                            env=dict(env), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def counted(world: World, start: int) -> Counter[str]:
    return Counter(world.audit_lines()[start:])


def per_second_since(world: World, before: Mapping[str, int]) -> int:
    after = world.sso_counts()["per_second"]
    return max((n - before.get(s, 0) for s, n in after.items()), default=0)


def assert_all_answered(world: World, done: list[subprocess.CompletedProcess]) -> None:
    assert len(done) == PARALLEL
    for result in done:
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["Secret"] == world.password


def test_thirty_parallel_gets_for_three_registries_make_three_token_calls(
    world: World, agent_env: dict
) -> None:
    """Cold: the first helper starts the agent, the others wait for it; the agent fetches each
    registry's token once (role credentials once) and the portal never sees more than 20/s."""
    start, sso_before = len(world.audit_lines()), world.sso_counts()["per_second"]
    done = parallel_gets(agent_env, hosts(world))
    assert_all_answered(world, done)
    calls = counted(world, start)
    assert calls["ecr.GetAuthorizationToken"] == 3
    assert calls["sso.GetRoleCredentials"] == 1
    assert per_second_since(world, sso_before) <= 20
    [status] = agent_status(agent_env)
    assert status["answered"] == PARALLEL
    assert sorted(t["region"] for t in status["tokens"]) == sorted(REGIONS)
    assert world.password not in json.dumps(status)
    again = len(world.audit_lines())
    assert_all_answered(world, parallel_gets(agent_env, hosts(world)))  # warm: no call at all
    assert counted(world, again)["ecr.GetAuthorizationToken"] == 0


def test_the_socket_is_private_and_another_user_is_refused(world: World, agent_env: dict) -> None:
    first = helper("get", hosts(world)[0], agent_env)
    assert first.returncode == 0, first.stderr
    [status] = agent_status(agent_env)
    path = Path(status["socket"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_ISSOCK(path.stat().st_mode)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.parent.parent == Path(agent_env["XDG_RUNTIME_DIR"])
    assert as_nobody(path) == "PermissionError"
    # Loosened by hand, the file modes no longer protect it: the peer check still does.
    for directory in (path.parent.parent, path.parent):
        directory.chmod(0o755)
    path.chmod(0o666)
    reply = as_nobody(path)
    assert json.loads(reply)["kind"] == "refused" and world.password not in reply
    [status] = agent_status(agent_env)
    assert status["refused"] == 1


NOBODY_CLIENT = """
import json, os, socket, struct, sys
os.setgid({gid}); os.setuid({uid})
sock = socket.socket(socket.AF_UNIX)
try:
    sock.connect(sys.argv[1])
except PermissionError:
    print("PermissionError"); sys.exit(0)
body = json.dumps({{"op": "get", "server_url": sys.argv[2], "env": sys.argv[3]}}).encode()
try:
    sock.sendall(struct.pack("!I", len(body)) + body)
except (BrokenPipeError, ConnectionResetError):
    pass  # refused before the request was read: the refusal is already waiting to be read
size = struct.unpack("!I", sock.recv(4))[0]
print(sock.recv(size).decode())
"""


def as_nobody(path: Path) -> str:
    """What a process of uid `nobody` gets when it asks the agent for a token."""
    nobody = pwd.getpwnam("nobody")
    code = NOBODY_CLIENT.format(uid=nobody.pw_uid, gid=nobody.pw_gid)
    result = subprocess.run(
        [sys.executable, "-I", "-c", code, str(path), "127.0.0.1:5000", "0" * 64],
        capture_output=True, text=True, timeout=60, cwd="/",
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_an_agent_killed_mid_run_leaves_every_get_answered(world: World, agent_env: dict) -> None:
    assert helper("get", hosts(world)[0], agent_env).returncode == 0
    [status] = agent_status(agent_env)
    os.kill(status["pid"], signal.SIGKILL)  # its socket stays behind, dead
    assert_all_answered(world, parallel_gets(agent_env, hosts(world)))
    [restarted] = agent_status(agent_env)
    assert restarted["pid"] != status["pid"]


def test_the_agent_leaves_when_idle(world: World, agent_env: dict) -> None:
    env = {**agent_env, place.IDLE_ENV: "0.5"}
    agent = subprocess.Popen([sys.executable, "-m", "ecr_tui", "agent"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert agent.stdout is not None and "listening on" in agent.stdout.readline()
    answered = helper("get", hosts(world)[1], env)
    assert answered.returncode == 0 and json.loads(answered.stdout)["Secret"] == world.password
    assert agent.wait(timeout=120) == 0
    # On a loaded machine the get may come after that agent left, and start one of its own
    # (as idle-bound): whichever answered leaves too, and takes its socket with it.
    deadline = time.monotonic() + 120
    while agent_status(env) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert agent_status(env) == []
    assert not list((Path(env["XDG_RUNTIME_DIR"]) / "ecr-tui").glob("*.sock"))


def test_agent_false_in_config_starts_none(world: World, agent_env: dict) -> None:
    config = Path(agent_env["ECR_TUI_CONFIG"])
    config.write_text("agent = false\n" + config.read_text())
    result = helper("get", hosts(world)[0], agent_env)
    assert result.returncode == 0 and json.loads(result.stdout)["Secret"] == world.password
    assert not (Path(agent_env["XDG_RUNTIME_DIR"]) / "ecr-tui").exists()


class FakeAgent:
    """Something listening where the agent would: it never answers, dies with the request
    half read ("cut"), or answers `reply`."""

    def __init__(self, path: Path, reply: dict | str | None) -> None:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.listener = socket.socket(socket.AF_UNIX)
        self.listener.bind(str(path))
        self.listener.listen(8)
        self.reply = reply
        self.held: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.held.append(conn)
            if self.reply == "cut":
                conn.recv(2)
                conn.close()
            elif isinstance(self.reply, dict):
                body = json.dumps(self.reply).encode()
                conn.sendall(len(body).to_bytes(4, "big") + body)

    def close(self) -> None:
        self.listener.close()
        for conn in self.held:
            conn.close()


@pytest.mark.parametrize("reply", [None, "cut", {"kind": "refused"}, {"kind": "fallback"}])
def test_a_slow_dying_or_refusing_agent_is_not_relied_on(
    world: World, agent_env: dict, reply: dict | str | None
) -> None:
    env = {**agent_env, place.TIMEOUT_ENV: "0.5"}
    path = place.socket_path(env)
    assert path is not None
    fake = FakeAgent(path, reply)
    try:
        start = len(world.audit_lines())
        result = helper("get", hosts(world)[2], env)
    finally:
        fake.close()
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["Secret"] == world.password
    assert counted(world, start)["ecr.GetAuthorizationToken"] == 1  # fetched by the helper


def test_without_an_agent_parallel_gets_share_one_sso_limiter(
    world: World, agent_env: dict
) -> None:
    """agent = false: every helper asks the portal itself, but through one flock'd file of
    request times in the state directory (no secret in it)."""
    config = Path(agent_env["ECR_TUI_CONFIG"])
    config.write_text("agent = false\n" + config.read_text())
    start, sso_before = len(world.audit_lines()), world.sso_counts()["per_second"]
    assert_all_answered(world, parallel_gets(agent_env, hosts(world)))
    calls = counted(world, start)
    assert calls["sso.GetRoleCredentials"] == PARALLEL
    # 15/s as sent; a process descheduled between its slot and its send arrives late, so the
    # stand-in (counting arrivals per wall-clock second) may see more, never Identity Center's 20.
    # Without the shared limiter it saw 39 (and 13 throttled).
    assert per_second_since(world, sso_before) <= 20
    shared = Path(agent_env["XDG_STATE_HOME"]) / "ecr-tui" / "sso-rate"
    assert stat.S_IMODE(shared.stat().st_mode) == 0o600
    assert all(float(line) > 0 for line in shared.read_text().split())
