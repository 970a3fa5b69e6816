"""RegionList: the regions for the chosen profile, its default region first."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ecr_tui.core.models import Region


class RegionList(OptionList):
    @dataclass
    class Chosen(Message):
        name: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Regions"

    def set_regions(self, regions: list[Region], default: str | None, current: str | None) -> None:
        ordered = sorted(regions, key=lambda r: r.name != default)
        self.set_options(Option(self._prompt(r, r.name == default), id=r.name) for r in ordered)
        if current is not None:
            self.highlight_name(current)
        self.border_title = f"Regions {len(regions)}"

    def highlight_name(self, name: str) -> None:
        try:
            self.highlighted = self.get_option_index(name)
        except KeyError:
            return
        self.call_after_refresh(self.scroll_to_highlight)

    def on_resize(self) -> None:
        # The sidebar's panels share its height: a shorter list must not hide the selection.
        self.call_after_refresh(self.scroll_to_highlight)

    @staticmethod
    def _prompt(region: Region, is_default: bool) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("★ " if is_default else "  ", "yellow")
        text.append(f"{region.name:<15}", "bold" if is_default else "")
        description = region.description
        if len(description) > 19:
            description = description[:18] + "…"
        text.append(description, "dim")
        return text

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))
