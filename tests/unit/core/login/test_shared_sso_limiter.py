"""One SSO limit for every process of the user: the log of request times lives in a file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ecr_tui.core.sso.portal import SSO_CALLS_PER_SECOND, new_sso_limiter
from ecr_tui.core.sso.shared_limiter import FILE_NAME, SharedRateLimiter
from tests.harness.world import REPO_ROOT
from tests.unit.core.login.test_rate_limit import FakeTime


def test_two_limiters_on_one_file_share_one_limit_evenly_spaced(tmp_path: Path) -> None:
    time = FakeTime()
    path = tmp_path / FILE_NAME
    first, second = (SharedRateLimiter(4, 1.0, path, clock=time.clock, sleep=time.sleep)
                     for _ in range(2))
    assert first.acquire("sso") == 0
    assert second.acquire("sso") == 0.25  # its own log is empty: the file is not
    assert first.acquire("sso") == 0.25 and second.acquire("sso") == 0.25
    assert time.slept == [0.25] * 3
    time.now -= 0.75  # as if four had gone out at once (another process's clock): the window
    path.write_text("".join(f"{time.now + i / 10}\n" for i in range(4)))
    assert first.acquire("sso") == 1.0
    times = path.read_text().split()  # the oldest fell out of the window, this one came in
    assert len(times) == 4 and float(times[0]) > time.now - 1 and float(times[-1]) == time.now


def test_another_process_fills_the_window(tmp_path: Path) -> None:
    """10 requests an hour, spaced 6 minutes, all taken by another process (its clock read
    back to the last hour): this one must wait minutes, however slow the machine."""
    path = tmp_path / FILE_NAME
    code = ("import sys, time\nfrom pathlib import Path\n"
            "from ecr_tui.core.sso.shared_limiter import SharedRateLimiter\n"
            "start, taken = time.monotonic() - 3400, []\n"
            "clock = lambda: start + 361 * len(taken)\n"
            "limiter = SharedRateLimiter(10, 3600.0, Path(sys.argv[1]), clock=clock)\n"
            "for _ in range(10):\n    taken.append(limiter.acquire('sso'))\n"
            "assert taken == [0] * 10\n")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60,
                   env={"PYTHONPATH": str(REPO_ROOT)})
    assert SharedRateLimiter(10, 3600.0, path)._take_slot() > 100


def test_the_portal_limiter_is_the_shared_one_in_the_state_dir(tmp_path: Path) -> None:
    limiter = new_sso_limiter({"XDG_STATE_HOME": str(tmp_path)})
    assert isinstance(limiter, SharedRateLimiter) and limiter.calls == SSO_CALLS_PER_SECOND
    limiter.acquire("sso")
    shared = tmp_path / "ecr-tui" / FILE_NAME
    assert shared.stat().st_mode & 0o777 == 0o600 and len(shared.read_text().split()) == 1
    assert not isinstance(new_sso_limiter(), SharedRateLimiter)


def test_botocores_sso_provider_is_paced_by_the_shared_limiter(tmp_path: Path) -> None:
    """A configured SSO profile: botocore asks the portal itself; each attempt takes a slot."""
    from ecr_tui.core.aws.session import SessionPool

    config = tmp_path / "config"
    config.write_text("[profile sso]\nsso_start_url = https://x.awsapps.com/start\n"
                      "sso_region = us-east-1\nsso_account_id = 111122223333\n"
                      "sso_role_name = R\nregion = us-east-1\n")
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "AWS_CONFIG_FILE": str(config)}
    session = SessionPool(env).core_session("sso")
    session.emit("before-send.sso.GetRoleCredentials", request=None)
    session.emit("before-send.ecr.GetAuthorizationToken", request=None)  # not the portal's
    shared = tmp_path / "state" / "ecr-tui" / FILE_NAME
    assert len(shared.read_text().split()) == 1
