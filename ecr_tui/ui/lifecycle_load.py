"""The Lifecycle view's calls, in one named thread worker per (profile, region, repository):
the policy, the images and ECR's preview evaluated into a report (core `build_report`), then
"In use where" over the app's scope (core `usage_of`), posted as typed messages keyed by
LifecycleKey so that an answer for another registry or an earlier run is dropped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import Worker, get_current_worker

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.models import Target

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from ecr_tui.core.lifecycle.report import LifecycleReport
    from ecr_tui.core.models import ImageDetail
    from ecr_tui.ui.app_view import AppView
    from ecr_tui.ui.lifecycle_rows import LifecycleTable

SCOPE_WORDS = "each account's best role in its profiles' regions, and this pair"


@dataclass(frozen=True, slots=True)
class LifecycleKey:
    target: Target
    repository: str
    registry_id: str
    run: int
    """Each `r` is a new run: answers of an earlier one are stale."""


@dataclass
class LifecycleLoaded(Message):
    """The report (in use not known yet, or known: `with_use`); `preview_error` says why ECR's
    preview could not be read."""

    key: LifecycleKey
    report: LifecycleReport
    table: LifecycleTable
    """The report's rows as text, built in the worker."""
    preview_error: str = ""
    with_use: bool = False


@dataclass
class LifecycleUsage(Message):
    """How far the scan of the scope has got; `failures` one line per pair that did not answer;
    `error` when the scan could not run at all."""

    key: LifecycleKey
    done: int
    total: int
    failures: tuple[str, ...] = ()
    error: str = ""
    finished: bool = False


def scope_pairs(app: AppView, target: Target) -> list[Target]:
    """The pairs whose workloads count: the Fleet's (the pairs the app knows), plus this one."""
    from ecr_tui.core.fleet.runner import backend_pairs

    pairs = backend_pairs(app.backend, preference=app.settings.sso_role_preference)
    return pairs if target in pairs else [*pairs, target]


def load_lifecycle(node: DOMNode, app: AppView, key: LifecycleKey, *,
                   refresh: bool) -> Worker[None]:
    def run() -> None:
        worker = get_current_worker()
        app.worker_context[worker] = (key.target, "lifecycle")
        report, images, preview_error = _report(app, key)
        if worker.is_cancelled:
            return
        node.post_message(_loaded(app, key, report, preview_error, with_use=False))
        _usage(node, app, key, report, images, preview_error, worker, refresh)

    return node.run_worker(
        run, name=f"lifecycle of {key.repository}", group="lifecycle", thread=True,
        exclusive=True, exit_on_error=False,
        description="GetLifecyclePolicy, DescribeImages, GetLifecyclePolicyPreview, then in use "
                    "where over the scope (ECS and Lambda reads)",
    )


def _loaded(app: AppView, key: LifecycleKey, report: LifecycleReport, preview_error: str, *,
            with_use: bool) -> LifecycleLoaded:
    from ecr_tui.ui.lifecycle_rows import lifecycle_table

    table = lifecycle_table(report, app.clock())
    return LifecycleLoaded(key, report, table, preview_error, with_use)


def _report(app: AppView, key: LifecycleKey) -> tuple[LifecycleReport, list[ImageDetail], str]:
    from ecr_tui.core.lifecycle.parse import parse_policy
    from ecr_tui.core.lifecycle.report import build_report

    backend, t = app.backend, key.target
    text = backend.lifecycle_policy(t.profile, t.region, key.repository)
    policy = parse_policy(text) if text is not None else None
    images = backend.images(t.profile, t.region, key.repository)
    preview, preview_error = None, ""
    try:
        preview = backend.lifecycle_preview(t.profile, t.region, key.repository)
    except EcrTuiError as exc:  # the policy and our evaluation stand without it
        preview_error = app.error_line(exc)
    source = "repository" if policy is not None else "none"
    report = build_report(key.repository, source, policy, images, app.clock(), preview=preview)
    return report, images, preview_error


def _usage(node: DOMNode, app: AppView, key: LifecycleKey, report: LifecycleReport,
           images: list[ImageDetail], preview_error: str, worker: Worker[None],
           refresh: bool) -> None:
    from ecr_tui.core.usage.scan import usage_of
    from ecr_tui.core.usage_records import PairFailure

    t = key.target
    done = 0

    def post(message: Message) -> None:
        if not worker.is_cancelled:
            node.post_message(message)

    failures: list[str] = []
    pairs: list[Target] = []

    def answered(_pair: object, found: object) -> None:
        nonlocal done
        done += 1
        if isinstance(found, PairFailure):
            failures.append(f"{found.profile} {found.region}: {found.message}")
        post(LifecycleUsage(key, done, len(pairs), tuple(failures)))

    try:
        pairs = scope_pairs(app, t)
        account = key.registry_id or app.backend.account_id(t.profile, t.region)
        post(LifecycleUsage(key, 0, len(pairs)))
        usage = usage_of(app.backend, pairs, account, t.region, key.repository, images=images,
                         refresh=refresh, on_pair=answered)
    except EcrTuiError as exc:
        post(LifecycleUsage(key, done, len(pairs), tuple(failures), error=app.error_line(exc),
                            finished=True))
        return
    running = {row.digest for row in usage.rows}  # in_use() reads every row: only for these
    report = report.with_in_use(lambda d: usage.in_use(d) if d in running else 0)
    post(_loaded(app, key, report, preview_error, with_use=True))
    post(LifecycleUsage(key, len(pairs), len(pairs), tuple(failures), finished=True))
