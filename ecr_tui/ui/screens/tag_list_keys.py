"""The tag list's `/` filter, sorts and detail tabs: the same on the tags screen and on the tags
of a repository outside ECR (each screen has its own `esc`)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from ecr_tui.ui.widgets.filter_input import FilterInput


class TagListKeys:
    """Mixin for a screen with a `#tag-filter` FilterInput, a `tag_list` and a `detail` pane."""

    tag_list: Any
    detail: Any
    query_one: Any

    def action_filter(self) -> None:
        self.query_one(FilterInput).open(self.tag_list)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "tag-filter":
            self.tag_list.set_filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "tag-filter":
            self.tag_list.focus()

    def on_filter_input_closed(self, _message: FilterInput.Closed) -> None:
        self.tag_list.set_filter("")
        self.tag_list.focus()

    def action_sort(self, key: str) -> None:
        self.tag_list.sort_by(key)

    def action_tab(self, tab: str) -> None:
        self.detail.show_tab(tab)
