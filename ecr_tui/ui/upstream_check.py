"""`M` on the tags screen: does a pull-through cache's tag still match its upstream? One
DescribeImages of the tag and one anonymous HEAD of the upstream manifest (never a GET: on
Docker Hub and ECR Public a HEAD is not a pull), in a worker; the answer is one line."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from ecr_tui.core.ecr.upstream import MOVED, UNREACHABLE, UpstreamCheck, check_upstream
from ecr_tui.core.ecr.upstream import upstream_image as cached_from
from ecr_tui.core.models import Target

if TYPE_CHECKING:
    from textual.screen import Screen

    from ecr_tui.core.models import PullThroughRule
    from ecr_tui.ui.app_view import AppView

SEVERITY = {MOVED: "warning", UNREACHABLE: "error"}


@dataclass
class UpstreamChecked(Message):
    target: Target
    repository: str
    check: UpstreamCheck


def start_upstream_check(screen: Screen[None], app: AppView, target: Target, repository: str,
                         tag: str) -> None:
    """Ask in a worker; a repository the loaded rules did not make is told at once."""
    if not tag:
        app.notify("An untagged image has no upstream tag to compare", severity="warning",
                   markup=False)
        return
    rules = app.session.rules.get(target)
    if rules is not None and cached_from(repository, rules) is None:
        app.notify(f"{repository} is not a pull-through-cache repository: no rule of "
                   f"{target.region} made it (u lists the rules)", severity="warning",
                   markup=False)
        return
    screen.run_worker(
        partial(_check, screen, app, target, repository, tag, rules), name="upstream-check",
        group="upstream-check", thread=True, exclusive=True, exit_on_error=False,
        description="DescribeImages of the tag + one anonymous HEAD of the upstream manifest",
    )


def _check(screen: Screen[None], app: AppView, target: Target, repository: str, tag: str,
           rules: list[PullThroughRule] | None) -> None:
    worker = get_current_worker()
    app.worker_context[worker] = (target, "upstream check")
    found = check_upstream(app.backend, target.profile, target.region, repository, tag, rules)
    if not worker.is_cancelled:
        screen.post_message(UpstreamChecked(target, repository, found))


def show_upstream_check(app: AppView, message: UpstreamChecked) -> None:
    check = message.check
    app.notify(check.line(), title="Upstream", severity=SEVERITY.get(check.status, "information"),
               timeout=12, markup=False)
