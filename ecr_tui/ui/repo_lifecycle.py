"""The repository table's Lifecycle column: one GetLifecyclePolicy per repository, asked only
for the rows on screen, a few at a time on the backend's bounded pool, in one named thread
worker per registry (never before the first paint: the table asks once it has drawn rows)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.fleet.completions import Completions
from ecr_tui.core.lifecycle.summary import policy_summary
from ecr_tui.core.models import Target
from ecr_tui.ui.widgets.repo_lifecycle_column import FAILED

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.worker import Worker

    from ecr_tui.ui.app_view import AppView

AT_ONCE = 4
"""GetLifecyclePolicy calls in flight at once: a screenful is ~30 rows, each call ~50 ms."""


@dataclass
class LifecycleCells(Message):
    """Lifecycle cells of some repositories of `target` (repository -> `none`, `3 rules`…);
    `error` the first failure of the batch, if any."""

    target: Target
    cells: dict[str, str]
    error: EcrTuiError | None = None


@dataclass
class _Queue:
    """The repositories of one registry still to ask for; the worker drains it."""

    target: Target
    waiting: list[str] = field(default_factory=list)
    asked: set[str] = field(default_factory=set)
    running: bool = False
    closed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> list[str]:
        """The next names (the last asked for first: what is on screen now); [] ends the run."""
        with self.lock:
            batch, self.waiting = self.waiting[:AT_ONCE], self.waiting[AT_ONCE:]
            if not batch or self.closed:
                self.running = False
                return []
            return batch


class RepoLifecycle:
    """What the main screen asks: `want` the visible names; cells come back as messages."""

    def __init__(self, node: DOMNode, app: AppView) -> None:
        self._node = node
        self._app = app
        self._queue: _Queue | None = None
        self._told: set[Target] = set()
        """Registries whose first failure was told (one line, not one per repository)."""

    def reset(self, target: Target | None = None) -> None:
        """Forget what was asked (a switch or a refresh): the running worker stops."""
        if self._queue is not None:
            with self._queue.lock:
                self._queue.closed = True
        self._queue = _Queue(target) if target is not None else None
        self._told.clear()

    def want(self, target: Target, names: list[str]) -> None:
        if self._queue is None or self._queue.target != target:
            self.reset(target)
        queue = self._queue
        assert queue is not None
        with queue.lock:
            new = [n for n in names if n not in queue.asked]
            queue.asked.update(new)
            queue.waiting[:0] = new
            start = bool(new) and not queue.running
            queue.running = queue.running or start
        if start:
            self._run(queue)

    def tell(self, message: LifecycleCells) -> bool:
        """Is the message for the registry asked about now? Its first error is told once."""
        current = self._queue is not None and self._queue.target == message.target
        if current and message.error is not None and message.target not in self._told:
            self._told.add(message.target)
            self._app.report_failure(message.error, message.target, "lifecycle policies")
        return current

    def _run(self, queue: _Queue) -> None:
        app, node = self._app, self._node

        def run() -> None:
            worker = get_current_worker()
            app.worker_context[worker] = (queue.target, "lifecycle policies")
            try:
                _ask(app, node, queue, worker)
            except BaseException:
                with queue.lock:  # a later want() starts a new run
                    queue.running = False
                raise

        node.run_worker(
            run, name=f"lifecycle policies of {queue.target.profile} {queue.target.region}",
            group="repo-lifecycle", thread=True, exclusive=True, exit_on_error=False,
            description="GetLifecyclePolicy of the repositories on screen",
        )


def _ask(app: AppView, node: DOMNode, queue: _Queue, worker: Worker[None]) -> None:
    """Drain the queue, AT_ONCE calls at a time; one message per batch."""
    t = queue.target
    while not worker.is_cancelled and (batch := queue.take()):
        calls: Completions[str] = Completions(app.backend.executor())
        for name in batch:
            calls.submit(name, app.backend.lifecycle_policy, t.profile, t.region, name)
        cells: dict[str, str] = {}
        error: EcrTuiError | None = None
        while calls:
            name, future = calls.next()
            try:
                cells[name] = policy_summary(future.result())
            except EcrTuiError as exc:
                cells[name], error = FAILED, error or exc
        if not worker.is_cancelled:
            node.post_message(LifecycleCells(t, cells, error))
