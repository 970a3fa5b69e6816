"""Shared fixtures: the integration ``world`` (moto + docker-registry + paging front)."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # so `tests.harness` imports whatever the pytest invocation
    sys.path.insert(0, str(REPO_ROOT))

from tests.harness import readonly_audit  # noqa: E402
from tests.harness.turns import one_worker_at_a_time  # noqa: E402
from tests.harness.world import World, fresh_env, running_world  # noqa: E402

# Examples are judged on what they return, not on how fast a loaded machine runs them.
settings.register_profile("ecr-tui", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ecr-tui")

pytest_plugins = ["tests.harness.parallel"]  # xdist: groups, snapshots judged across workers


@pytest.fixture(scope="session", autouse=True)
def read_only_towards_aws() -> Iterator[None]:
    """After the whole run (each xdist worker's, for the worlds it started): fail if any
    world's moto saw a call outside the read-only allowlist."""
    yield
    found = readonly_audit.check_files(readonly_audit.WATCHED)
    if found:
        pytest.fail("ecr-tui made non-read-only AWS calls:\n" + "\n".join(found), pytrace=False)


@pytest.fixture(scope="session", autouse=True)
def no_token_agent_outlives_the_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Token agents the tests' credential helpers started (each in its own session, so they
    are nobody's child) are stopped when this worker's run ends."""
    base = str(tmp_path_factory.getbasetemp())
    yield
    from tests.harness.procs import stop_agents_under

    stop_agents_under(base)


def _missing_tools() -> list[str]:
    missing = []
    if not os.access("/usr/bin/docker-registry", os.X_OK):
        missing.append("/usr/bin/docker-registry (apt-get install docker-registry)")
    if shutil.which("moto_server") is None:
        missing.append("moto_server (pip install 'moto[server]')")
    if shutil.which("htpasswd") is None:
        missing.append("htpasswd (apt-get install apache2-utils)")
    return missing


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """Session-wide stand-ins for ECR, its registry and S3; see tests/harness/world.py."""
    missing = _missing_tools()
    if missing:
        reason = "integration stand-ins missing: " + ", ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI is set: run .ci/install-test-deps)", pytrace=False)
        pytest.skip(reason)
    with contextlib.ExitStack() as stack:
        with one_worker_at_a_time(tmp_path_factory, "world-start"):
            started = stack.enter_context(running_world(tmp_path_factory.mktemp("world")))
        readonly_audit.watch(started.audit_file)
        yield started


@pytest.fixture
def world_env(world: World, tmp_path: Path) -> dict[str, str]:
    """world.env with a fresh DOCKER_CONFIG, REGISTRY_AUTH_FILE and XDG_STATE_HOME per test."""
    return fresh_env(world, tmp_path / "client")


@pytest.fixture
def process_env(world_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """boto3 reads os.environ: make it the world's (world_env) for this test only."""
    for key in list(os.environ):
        if key not in world_env:
            monkeypatch.delenv(key)
    for key, value in world_env.items():
        monkeypatch.setenv(key, value)
    return world_env
