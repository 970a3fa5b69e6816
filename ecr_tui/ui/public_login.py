"""`l` on public.ecr.aws (its tokens-panel row, the Public place): one named thread worker,
started on the widget or screen that asked (it forwards worker events to the one error path)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ecr_tui.core.models import Target
from ecr_tui.core.public_ecr import PUBLIC_SCOPE

if TYPE_CHECKING:
    from textual.dom import DOMNode


def start_public_login(node: DOMNode, profile: str) -> None:
    app: Any = node.app
    engine = app.settings.engine
    app._busy(f"logging in {engine or 'docker'} to public.ecr.aws…")

    def login() -> None:
        from textual.worker import get_current_worker

        from ecr_tui.ui.messages import LoginDone

        worker = get_current_worker()
        app.worker_context[worker] = (None, "login")  # None: shown whatever the main target
        result = app.backend.public_login(profile, engine)
        if not worker.is_cancelled:
            app.post_message(LoginDone(Target(profile, PUBLIC_SCOPE), result))

    node.run_worker(login, thread=True, group="public-login", exclusive=True,
                    exit_on_error=False, description="log in to public.ecr.aws")
