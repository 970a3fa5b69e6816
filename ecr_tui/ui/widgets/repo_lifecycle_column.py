"""The repository table's Lifecycle column: cells arrive as GetLifecyclePolicy answers do, and
the table asks for the rows it draws (a screenful at a time, never the whole registry)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from ecr_tui.core.models import Repository, Target

if TYPE_CHECKING:
    from ecr_tui.ui.widgets.repo_columns import RepoColumns

UNKNOWN = "…"
"""The cell of a repository whose policy has not been read yet."""
FAILED = "?"
"""The cell of a repository whose policy could not be read (the error is told once)."""


@dataclass
class LifecycleRowsShown(Message):
    """Repositories on screen whose Lifecycle cell is not known yet (ask for them)."""

    target: Target
    names: list[str]


class LifecycleColumn:
    """Mixin for RepoTable: the Lifecycle cells of the registry it shows."""

    if TYPE_CHECKING:
        target: Target | None
        shown: list[Repository]
        fitted: RepoColumns
        scroll_y: float

        def _viewport_rows(self) -> int: ...
        def refresh(self) -> object: ...
        def post_message(self, message: Message) -> bool: ...

    _lifecycle: dict[str, str]
    """Repository name -> its Lifecycle cell."""
    _window: tuple[object, ...]
    """The rows last drawn: a new window asks for its cells once."""

    def forget_lifecycle(self) -> None:
        self._lifecycle, self._window = {}, ()

    def set_lifecycle(self, target: Target, cells: dict[str, str]) -> None:
        """Lifecycle cells of some repositories (another registry's are dropped)."""
        if target == self.target:
            self._lifecycle.update(cells)
            self.refresh()

    def lifecycle_of(self, repository: Repository) -> str:
        return self._lifecycle.get(repository.name, UNKNOWN)

    def ask_lifecycle(self) -> None:
        """Once per window of rows drawn: the names on screen with no cell yet."""
        top = round(self.scroll_y)
        rows = self.shown[top:top + max(0, self._viewport_rows())]
        window = (self.target, top, len(rows), id(self.shown))
        if window == self._window or self.target is None or "lifecycle" not in self.fitted.keys:
            return
        self._window = window
        names = [r.name for r in rows if r.name not in self._lifecycle]
        if names:
            self.post_message(LifecycleRowsShown(self.target, names))
