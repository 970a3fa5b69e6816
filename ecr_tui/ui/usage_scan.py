"""The TUI's usage scans, run in named thread workers on the backend's one bounded pool (the
core's `usage_of` / `in_use_by_repository` do the work): which pairs are the scope, and typed
messages as each pair answers. The scope is the Fleet's and find's (every account's
best-ranked role in its profiles' regions), plus the pair on screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.worker import Worker, get_current_worker

from ecr_tui.core.models import Target
from ecr_tui.ui.usage_view import UsageKey, UsageView, scope_words

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from ecr_tui.core.usage.scan import ScopeUsage
    from ecr_tui.ui.app_view import AppView
    from ecr_tui.ui.scope_usage_cells import ScopeUsageState

SCOPE_SOURCE = "the Fleet's scope (each account's best role, in its profiles' regions)"


@dataclass
class UsageUpdated(Message):
    """A repository's usage as far as its scan has got (`view.finished`: every pair answered)."""

    key: UsageKey
    view: UsageView


@dataclass
class ScopeUsageUpdated(Message):
    """The scope-wide in-use counts (Fleet, Find): `usage` once every pair answered."""

    scan: int
    pairs_done: int
    pairs_total: int
    scope: str
    usage: ScopeUsage | None


def usage_scope(app: AppView, also: Target | None = None) -> tuple[list[Target], str]:
    """The scope's pairs and the scope in words (remembered for the help screen)."""
    from ecr_tui.core.fleet.runner import backend_pairs

    pairs = backend_pairs(app.backend, preference=app.settings.sso_role_preference)
    if also is not None and also not in pairs:  # the pair on screen runs workloads too
        pairs.append(also)
    words = scope_words(pairs, SCOPE_SOURCE)
    app.session.usage_scope = words
    return pairs, words


def scan_repository(node: DOMNode, app: AppView, key: UsageKey, *, refresh: bool) -> Worker[None]:
    """Every workload of the scope running an image of the key's repository; posts
    UsageUpdated to `node` as each pair answers (a running count), then the whole report."""

    def run() -> None:
        from ecr_tui.core.usage.scan import usage_of
        from ecr_tui.core.usage_records import PairFailure

        worker = get_current_worker()
        app.worker_context[worker] = (key.target, "usage")
        backend, t = app.backend, key.target
        pairs, scope = usage_scope(app, also=t)
        rows: list[Any] = []
        failures: list[PairFailure] = []
        done = 0

        def post(view: UsageView) -> None:
            if not worker.is_cancelled:
                node.post_message(UsageUpdated(key, view))

        post(UsageView.of((), (), 0, len(pairs), scope))

        def answered(_pair: object, found: object) -> None:
            nonlocal done
            done += 1
            if isinstance(found, PairFailure):
                failures.append(found)
            else:
                rows.extend(found)  # type: ignore[call-overload]
            post(UsageView.of(rows, failures, done, len(pairs), scope))

        # The images only once a workload names the repository: the tags screen's own
        # listing pages DescribeImages meanwhile, and a second paging halved its CPU.
        report = usage_of(backend, pairs, key.account_id, key.region, key.repository,
                          refresh=refresh, on_pair=answered,
                          read_images=lambda: backend.images(t.profile, t.region, key.repository))
        post(UsageView.of_report(report, scope))

    return node.run_worker(
        run, name=f"usage of {key.repository}", group="usage", thread=True, exclusive=True,
        exit_on_error=False,
        description="in use where: ECS and Lambda of every pair in scope (ListClusters … "
                    "DescribeTasks, ListFunctions, GetFunction)",
    )


class ScanWhenShown:
    """A repository's usage scan held until its tags are on screen (or their listing ended):
    its ECS and Lambda clients and calls took the interpreter from the first paint."""

    def __init__(self, start: Callable[[bool], object]) -> None:
        self._start = start
        self._wanted: bool | None = None

    def want(self, *, refresh: bool) -> None:
        self._wanted = refresh

    def shown(self) -> None:
        """Tags are on screen: start the scan asked for, if any (once)."""
        if self._wanted is not None:
            refresh, self._wanted = self._wanted, None
            self._start(refresh)


def scan_scope(node: DOMNode, app: AppView, scan: int, *, refresh: bool) -> Worker[None]:
    """The in-use counts of every repository the scope's workloads run, for Fleet and Find;
    posts ScopeUsageUpdated to `node` as pairs answer. Kept in the session for the next screen."""

    def run() -> None:
        from ecr_tui.core.usage.scan import in_use_by_repository

        worker = get_current_worker()
        app.worker_context[worker] = (None, "usage")
        pairs, scope = usage_scope(app)
        done = 0

        def answered(_pair: object, _found: object) -> None:
            nonlocal done
            done += 1
            if not worker.is_cancelled:
                node.post_message(ScopeUsageUpdated(scan, done, len(pairs), scope, None))

        usage = in_use_by_repository(app.backend, pairs, refresh=refresh, on_pair=answered)
        if not worker.is_cancelled:
            app.session.scope_usage = usage
            node.post_message(ScopeUsageUpdated(scan, len(pairs), len(pairs), scope, usage))

    return node.run_worker(
        run, name="usage of the scope", group="scope-usage", thread=True, exclusive=True,
        exit_on_error=False,
        description="in use where, for every repository of the scope (ECS and Lambda reads)",
    )


def start_scope_scan(node: DOMNode, app: AppView, state: ScopeUsageState, *,
                     refresh: bool) -> None:
    """The session's counts when a screen scanned the scope already (unless `refresh`), else a
    scan whose answers `state` takes (an earlier scan's are stale)."""
    scan = state.next_scan()
    known = app.session.scope_usage
    if known is not None and not refresh:
        state.update(scan, known.pairs_scanned, known.pairs_scanned, known)
        return
    scan_scope(node, app, scan, refresh=refresh)
