"""Worker.StateChanged does not bubble: screens forward it to the app's one error path."""

from __future__ import annotations

from typing import Any

from textual.worker import Worker


class ForwardWorkerEvents:
    """Mixin for screens that run workers."""

    app: Any

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.app.on_worker_state_changed(event)
