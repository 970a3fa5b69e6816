"""The agent's wire format and where its socket lives: framing limits, the environment digest,
and a directory that is not ours refused."""

from __future__ import annotations

import os
import pwd
import socket
import stat
import tempfile
from pathlib import Path

import pytest

from ecr_tui.agent import place, wire


def pair() -> tuple[socket.socket, socket.socket]:
    return socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)


def test_a_message_goes_through_whole() -> None:
    a, b = pair()
    with a, b:
        wire.send(a, {"op": "get", "server_url": "h" * 3000})
        assert wire.receive(b) == {"op": "get", "server_url": "h" * 3000}
        assert wire.peer_uid(b) == os.getuid()


@pytest.mark.parametrize("raw", [
    (wire.MAX_MESSAGE + 1).to_bytes(4, "big"),  # too big: refused before reading it
    (10).to_bytes(4, "big") + b"[1,2]     ",  # JSON, not an object
    (10).to_bytes(4, "big") + b"not json!!",
    (10).to_bytes(4, "big") + b"{}",  # cut short
])
def test_a_bad_message_is_refused(raw: bytes) -> None:
    a, b = pair()
    with a, b:
        a.sendall(raw)
        a.shutdown(socket.SHUT_WR)
        with pytest.raises(wire.WireError):
            wire.receive(b)


def test_the_digest_follows_what_changes_the_answer_only() -> None:
    base = {"HOME": "/h", "AWS_PROFILE": "prod", "TERM": "xterm", "PWD": "/a"}
    digest = place.fingerprint(base)
    assert place.fingerprint({**base, "TERM": "dumb", "PWD": "/b"}) == digest
    assert place.fingerprint({**base, place.TIMEOUT_ENV: "3"}) == digest
    assert place.fingerprint({**base, "AWS_PROFILE": "dev"}) != digest
    assert place.fingerprint({**base, "ECR_TUI_CONFIG": "/x.toml"}) != digest
    assert place.fingerprint({**base, "SSH_CONNECTION": "1 2 3 4"}) != digest
    assert "prod" not in digest


def test_the_socket_directory_is_made_private() -> None:
    with tempfile.TemporaryDirectory(prefix="rt-") as runtime:  # short: sun_path is ~100 bytes
        os.chmod(runtime, 0o755)
        path = place.socket_path({"XDG_RUNTIME_DIR": runtime})
        assert path is not None and path.parent == Path(runtime) / "ecr-tui"
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        (path.parent).chmod(0o755)  # loosened by someone: tightened again, it is ours
        assert place.socket_path({"XDG_RUNTIME_DIR": runtime}) == path
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_without_a_runtime_dir_a_tmp_dir_of_ours_and_never_another_users(tmp_path: Path) -> None:
    env = {"TMPDIR": str(tmp_path)}
    own = place.agent_dir(env)
    assert own == tmp_path / f"ecr-tui-{os.getuid()}"
    nobody = pwd.getpwnam("nobody")
    os.chown(own, nobody.pw_uid, nobody.pw_gid)  # the tests run as root: fake a squatter
    assert place.agent_dir(env) is None
    assert place.socket_path(env) is None


def test_a_path_too_long_for_a_socket_means_no_agent(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 120)
    deep.mkdir()
    assert place.socket_path({"XDG_RUNTIME_DIR": str(deep)}) is None
