"""TagNameList: the tag list with its one column that a registry read anonymously fills — the
tag names (their digests, sizes and dates would take a manifest GET each, counted as pulls)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ecr_tui.core.images.groups import fit_tags
from ecr_tui.core.models import TagRow
from ecr_tui.ui.widgets.tag_list import SORTS, TagListView


class TagNameList(TagListView):
    """TagListView's cursor, filter, sorts and virtual rendering; highest version first."""

    def __init__(self, clock: Callable[[], datetime], *, id: str | None = None) -> None:
        super().__init__(clock, id=id)
        self.sort_key, self.sort_reverse = "semver", SORTS["semver"][1]

    def _name_width(self) -> int:
        return max(self._tag_width, self.scrollable_content_region.width - 2)

    def _line_width(self) -> int:
        return self._name_width() + 1

    def _format(self, row: TagRow, now: datetime) -> str:
        return f" {fit_tags(row.tag, self._name_width())}"

    def _header(self) -> str:
        return " TAG  (names only: enter reads the image)"
