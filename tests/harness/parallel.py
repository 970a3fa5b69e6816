"""What a run split over pytest-xdist workers needs that the plugins do not do themselves.

syrupy checks for unused snapshots only in a single process (under xdist it skips the check):
each worker sends the snapshots it found unused and those it used, and the controller fails
the run on any snapshot no worker used, as syrupy would have. Tests that compare snapshots
run on one worker (one xdist group), so each snapshot file is judged by the worker that ran
all of its tests, with the same selection (-k, paths) a single process would have.
"""

from __future__ import annotations

from typing import Any

import pytest

SNAPSHOT_GROUP = "snapshots"
LOADGROUP = "ecr_tui_loadgroup"
"""workerinput key: the controller schedules by xdist_group, so workers must name the groups."""
SNAPSHOT_FIXTURES = frozenset({"snap_compare", "snapshot"})


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def group_snapshot_tests(items: list[pytest.Item]) -> None:
    """Every snapshot-comparing test in one xdist group (--dist loadgroup keeps it together)."""
    for item in items:
        if SNAPSHOT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group(SNAPSHOT_GROUP))


def _snapshot_names(collections: Any) -> set[str]:
    names = set()
    for collection in collections:
        snapshots = list(collection)
        if not snapshots:  # a whole snapshot file that no test knows
            names.add(f"{collection.location}")
        names.update(f"{collection.location}::{snapshot.name}" for snapshot in snapshots)
    return names


def send_snapshot_usage(session: pytest.Session) -> None:
    """On a worker, after syrupy built its report: what this worker used and left unused."""
    report = getattr(getattr(session.config, "_syrupy", None), "report", None)
    if not _is_worker(session.config) or report is None:
        return
    output = session.config.workeroutput  # type: ignore[attr-defined]
    output["snapshots_used"] = sorted(_snapshot_names(report.used))
    output["snapshots_unused"] = sorted(_snapshot_names(report.unused))


class SnapshotUsage:
    """On the controller: every worker's report, judged together once all are down."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.unused: set[str] = set()

    @pytest.hookimpl
    def pytest_testnodedown(self, node: Any, error: object) -> None:
        output = getattr(node, "workeroutput", {})
        self.used.update(output.get("snapshots_used", ()))
        self.unused.update(output.get("snapshots_unused", ()))

    def never_used(self) -> list[str]:
        return sorted(self.unused - self.used)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        options = session.config.option
        if getattr(options, "update_snapshots", False):
            return  # --snapshot-update: syrupy deletes unused snapshots only with -n 0
        unused = self.never_used()
        if unused and not getattr(options, "warn_unused_snapshots", False):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if unused and reporter is not None:
            reporter.line("")
            reporter.write_sep("-", "unused snapshots (all workers)", red=True)
            for name in unused:
                reporter.write_line(f"{name}  (re-run with -n 0 --snapshot-update to delete)")


# -- the hooks (tests/conftest.py loads this module as a plugin) --------------------------
def pytest_configure(config: pytest.Config) -> None:
    """Keep groups together (-n alone means loadgroup here), check snapshots across workers."""
    if _is_worker(config):
        if config.workerinput.get(LOADGROUP):  # type: ignore[attr-defined]
            config.option.loadgroup = True  # workers re-read the command line, not the controller
        return
    if not config.pluginmanager.hasplugin("xdist") or not config.getoption("numprocesses", None):
        return
    if config.option.dist == "load":
        config.option.dist = "loadgroup"
    config.pluginmanager.register(SnapshotUsage(), "ecr-tui-snapshot-usage")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    node.workerinput[LOADGROUP] = node.config.option.dist == "loadgroup"


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    group_snapshot_tests(items)


@pytest.hookimpl(trylast=True)  # after syrupy's report, before xdist sends the worker's output
def pytest_sessionfinish(session: pytest.Session) -> None:
    send_snapshot_usage(session)
