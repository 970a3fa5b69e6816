"""RegionList: the regions that matter first (the profile's, the configured ones, those where the
account has repositories, the selected one); the rest fold under "other regions"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from ecr_tui.core.humanize import ellipsize
from ecr_tui.core.models import Region

OTHER_REGIONS = "\x00other-regions"
"""The id of the fold line; no region is called that."""
PUBLIC_PLACE = "\x00public"
"""The id of the Public line (ECR Public, public.ecr.aws): a place beside the regions."""


_PUBLIC_PROMPT = Text.assemble(("◆ ", "cyan"), (f"{'Public':<15}", ""), ("public.ecr.aws", "dim"))


class RegionList(OptionList):
    @dataclass
    class Chosen(Message):
        name: str

    class PublicChosen(Message):
        """Enter on the Public line: open the profile's ECR Public repositories."""

    def __init__(self, *, id: str | None = None, configured: Iterable[str] = ()) -> None:
        super().__init__(id=id)
        self.border_title = "Regions"
        self._regions: list[Region] = []
        self._default: str | None = None
        self._configured = tuple(configured)
        self._with_repositories: frozenset[str] = frozenset()
        self._current: str | None = None
        self.unfolded = False

    def set_regions(self, regions: list[Region], default: str | None, current: str | None) -> None:
        self._regions, self._default, self._current = regions, default, current
        self._with_repositories, self.unfolded = frozenset(), False
        self._show()

    def set_with_repositories(self, names: Iterable[str]) -> None:
        self._with_repositories = frozenset(names)
        self._show()

    def _matters(self, name: str) -> bool:
        return (name in (self._default, self._current) or name in self._configured
                or name in self._with_repositories)

    def _show(self) -> None:
        first = sorted((r for r in self._regions if self._matters(r.name)),
                       key=lambda r: self._order(r.name))
        rest = [r for r in self._regions if not self._matters(r.name)]
        options = [Option(self._prompt(r), id=r.name) for r in first]
        options.append(Option(_PUBLIC_PROMPT, id=PUBLIC_PLACE))
        if rest:
            sign = "▾" if self.unfolded else "▸"
            options.append(Option(Text(f"{sign} other regions ({len(rest)})", "dim"),
                                  id=OTHER_REGIONS))
            if self.unfolded:
                options += [Option(self._prompt(r), id=r.name) for r in rest]
        self.set_options(options)
        if self._current is not None:
            self._highlight(self._current)
        self.border_title = f"Regions {len(first)}/{len(self._regions)}"

    def names_in_order(self) -> list[str]:
        """Every region, those that matter first: the order a jump offers them in."""
        first = sorted((r.name for r in self._regions if self._matters(r.name)), key=self._order)
        return first + [r.name for r in self._regions if not self._matters(r.name)]

    def _order(self, name: str) -> tuple[bool, bool, str]:
        """The profile's region, then the configured ones, then by name."""
        return (name != self._default, name not in self._configured, name)

    def highlight_name(self, name: str) -> None:
        """Select a region: it joins the shown ones if it was folded away."""
        self._current = name
        if not self._is_shown(name) and any(r.name == name for r in self._regions):
            self._show()
        self._highlight(name)

    def _is_shown(self, name: str) -> bool:
        try:
            self.get_option_index(name)
        except OptionDoesNotExist:
            return False
        return True

    def _highlight(self, name: str) -> None:
        try:
            self.highlighted = self.get_option_index(name)
        except OptionDoesNotExist:
            return
        self.call_after_refresh(self.scroll_to_highlight)

    def on_resize(self) -> None:
        # The sidebar's panels share its height: a shorter list must not hide the selection.
        self.call_after_refresh(self.scroll_to_highlight)

    def _prompt(self, region: Region) -> Text:
        is_default = region.name == self._default
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("★ " if is_default else "  ", "yellow")
        text.append(f"{region.name:<15}", "bold" if is_default else "")
        text.append(ellipsize(region.description, 19), "dim")
        return text

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == PUBLIC_PLACE:
            self.post_message(self.PublicChosen())
        elif event.option.id == OTHER_REGIONS:
            self.unfolded = not self.unfolded
            self._show()
            self._highlight(OTHER_REGIONS)
        elif event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))
