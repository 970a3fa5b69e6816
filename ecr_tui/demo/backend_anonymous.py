"""DemoBackend's door to any registry, anonymously (demo/anonymous.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecr_tui.core.anonymous_registry import AnonymousRegistry
    from ecr_tui.core.models import TagRow
    from ecr_tui.demo.image_store import ImageStore


class DemoAnonymous:
    """The Backend's anonymous_registry, mixed into DemoBackend."""

    if TYPE_CHECKING:  # DemoBackend's own, used here
        _store: ImageStore

        def _pause(self) -> None: ...
        def _tag_rows(self, repository: str) -> list[TagRow]: ...

    def anonymous_registry(self, host: str) -> AnonymousRegistry:
        from ecr_tui.demo.anonymous import DemoAnonymousRegistry

        self._pause()
        return DemoAnonymousRegistry(host, self._tag_rows, self._store)
