"""ImageListView: the tag list grouped into one row per image (a key toggles back per tag).

Grouping is the core's pure `group_images`, recomputed whenever rows arrive: on the UI
thread for a few thousand tags, in a thread worker above that (100,000 tags: ~0.15 s, with
the garbage collector paused).
In both modes `rows` holds TagRows (an image's first tag stands for it) so the screen's
actions work alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from textual import work
from textual.geometry import Size
from textual.message import Message
from textual.worker import get_current_worker

from ecr_tui.core.humanize import ellipsize
from ecr_tui.core.image_records import ImageGroup
from ecr_tui.core.images.groups import fit_tags, group_images, semver_led, visible_tag_rows
from ecr_tui.core.images.status import MULTI_ARCH, is_pullable, platforms_label
from ecr_tui.core.models import ImageDetail, TagRow
from ecr_tui.ui.formatting import human_size, relative, short_digest
from ecr_tui.ui.gc_tuning import gc_paused
from ecr_tui.ui.usage_view import UsageView, in_use_cell
from ecr_tui.ui.widgets.substring_filter import SubstringFilter
from ecr_tui.ui.widgets.tag_list import SCAN_WIDTH, SORTS, TagListView, sort_title, unknown_counts

SYNC_GROUPING = 5_000
"""Up to this many tags are grouped on the UI thread (a few ms); more go to a worker."""
IN_USE_WIDTH = 6
"""The IN USE column: how many workloads run the image (`?` until known)."""


def haystacks_of(groups: list[ImageGroup]) -> list[str]:
    """What the filter searches each image by: its tags and its digest."""
    return [" ".join(g.tags).lower() + " " + g.digest for g in groups]


class ImageListView(TagListView):
    @dataclass
    class GroupHighlighted(Message):
        row: TagRow | None
        group: ImageGroup | None

    @dataclass
    class Grouped(Message):
        generation: int
        groups: list[ImageGroup]
        haystacks: list[str]
        """What the filter searches each group by, made in the worker with the groups."""

    def __init__(self, clock: Callable[[], datetime], *, id: str | None = None) -> None:
        super().__init__(clock, id=id)
        self.grouped = True
        self.show_untagged = False
        self.show_artifacts = False
        self._source: list[TagRow] = []
        self._untagged: list[ImageDetail] = []
        self._children: dict[str, tuple[str, ...]] = {}
        self.groups: list[ImageGroup] = []
        self._group_of: dict[int, ImageGroup] = {}
        self._grouped: list[ImageGroup] | None = None
        """Every group, kept while only the filter or the sort changes."""
        self._group_filter: SubstringFilter[ImageGroup] | None = None
        """Built on the first filter key of a grouping: each key narrows the last answer."""
        self._haystacks: list[str] | None = None
        """What the filter searches each group by, when the grouping worker made it."""
        self._led: dict[int, ImageGroup] = {}
        """id(group) -> the group led by its highest version (the semver sort shows these)."""
        self._generation = 0
        """Bumped whenever the grouping's inputs change: a worker's late answer is dropped."""
        self._flat_generation = -1
        """The generation the one-row-per-tag list was built from."""
        self._source_positions: dict[str, int] | None = None
        self.usage: UsageView | None = None
        """The repository's usage as far as its scan has got (None: not asked yet)."""

    # -- data ---------------------------------------------------------------------------
    @property
    def source_rows(self) -> list[TagRow]:
        """Every tag row as listed (before filter, sort and grouping)."""
        return list(self._source)

    def set_rows(self, rows: list[TagRow], *, keep_position: bool = False) -> None:
        self._source = list(rows)
        self._source_positions = None
        self._invalidate()
        super().set_rows(rows, keep_position=keep_position)

    def merge_rows(self, rows: Iterable[TagRow]) -> None:
        """A batch of a listing under way: tags new or filled in; the images are regrouped."""
        if self._source_positions is None:
            self._source_positions = {row.tag: i for i, row in enumerate(self._source)}
        for row in rows:
            at = self._source_positions.get(row.tag)
            if at is None:
                self._source_positions[row.tag] = len(self._source)
                self._source.append(row)
            else:
                self._source[at] = row
        if len(self._source) <= 5000:
            self._tag_width = min(24, max([10, *(len(r.tag) for r in self._source)]))
        self._invalidate()
        self._apply(keep_position=True)

    def _invalidate(self) -> None:
        self._grouped = None
        self._generation += 1

    @work(thread=True, exclusive=True, group="image-groups", exit_on_error=False,
          description="group tags into images")
    def _group_in_thread(self, generation: int, rows: list[TagRow],
                         untagged: list[ImageDetail], children: dict[str, tuple[str, ...]],
                         show_artifacts: bool) -> None:
        with gc_paused():  # 100,000 new objects would start collections that scan them all
            groups = group_images(rows, untagged, children, show_artifacts=show_artifacts)
            haystacks = haystacks_of(groups)  # ~35 ms at 100,000: not on the first filter key
        if not get_current_worker().is_cancelled:
            self.post_message(self.Grouped(generation, groups, haystacks))

    def on_image_list_view_grouped(self, message: Grouped) -> None:
        message.stop()
        if message.generation == self._generation and self.grouped:
            self._use_groups(message.groups, message.haystacks)
            self._apply()

    def _use_groups(self, groups: list[ImageGroup], haystacks: list[str] | None = None) -> None:
        self._grouped = groups
        self._haystacks = haystacks
        self._all = [g.row for g in groups]
        self._group_of = {id(g.row): g for g in groups}
        self._group_filter = None
        self._led = {}
        self._unknown = unknown_counts(self._all)

    def _semver_led(self, group: ImageGroup) -> ImageGroup:
        """The group led by its highest version, made once per grouping."""
        led = self._led.get(id(group))
        if led is None:
            led = self._led[id(group)] = semver_led(group)
            self._group_of[id(led.row)] = led
        return led

    def set_untagged(
        self, images: list[ImageDetail], children: dict[str, tuple[str, ...]]
    ) -> None:
        self._untagged, self._children = images, children
        self._invalidate()
        self._apply()

    def toggle(self, what: str) -> None:
        """'grouped', 'untagged' or 'artifacts'."""
        attribute = {"grouped": "grouped", "untagged": "show_untagged",
                     "artifacts": "show_artifacts"}[what]
        setattr(self, attribute, not getattr(self, attribute))
        self._invalidate()
        self._apply()

    @property
    def source(self) -> list[TagRow]:
        """Every tag row the list was given (one per tag, in arrival order)."""
        return self._source

    @property
    def highlighted_group(self) -> ImageGroup | None:
        row = self.highlighted
        return self._group_of.get(id(row)) if row is not None else None

    def _apply(self, *, keep_position: bool = False) -> None:
        if not self.grouped:
            if self._flat_generation != self._generation:  # rows or toggles changed
                self._all = visible_tag_rows(self._source, self.show_artifacts)
                self._filter = None
                self.groups, self._group_of = [], {}
                self._flat_generation = self._generation
            super()._apply(keep_position=keep_position)
            return
        previous, previous_group = self.highlighted, self.highlighted_group
        at_top = self.cursor == 0 and round(self.scroll_y) == 0
        if self._grouped is None:
            untagged = self._untagged if self.show_untagged else []
            if len(self._source) + len(untagged) > SYNC_GROUPING:
                self._group_in_thread(self._generation, self._source, untagged,
                                      self._children, self.show_artifacts)
                return  # the rows shown so far stay until the groups arrive
            self._use_groups(group_images(self._source, untagged, self._children,
                                          show_artifacts=self.show_artifacts))
        groups = self._grouped
        needle = self.filter_text
        if needle:
            if self._group_filter is None:  # built on the first filter key, used by the next
                self._group_filter = SubstringFilter(
                    groups, self._haystacks or haystacks_of(groups))
            groups = self._group_filter(needle)
        key, _default = SORTS[self.sort_key]
        if self.sort_key == "semver":  # an image sorts by, and shows first, its highest version
            groups = [self._semver_led(g) for g in groups]
        if self.sort_key == "name":
            groups = sorted(groups, key=lambda g: g.label, reverse=self.sort_reverse)
        elif self.sort_key != "pushed" or not self.sort_reverse:
            groups = sorted(groups, key=lambda g: key(g.row),  # type: ignore[arg-type,return-value]
                            reverse=self.sort_reverse)
        self.groups = groups
        self.rows = [g.row for g in groups] if groups is not self._grouped else self._all
        self.set_row_space(Size(self._line_width(), len(self.rows) + 1))
        extras = "".join((" +untagged" if self.show_untagged else "",
                          " +digest tags" if self.show_artifacts else ""))
        sort = sort_title(self.sort_key, self.sort_reverse, self._unknown)
        self.border_title = f"Images {len(groups)}/{len(self._all)}{extras}  {sort}"
        self.cursor = 0
        self.scroll_to(y=0, animate=False)
        if previous is not None and not (keep_position and at_top):
            # Rows arriving re-sort the list: a cursor left at the top stays on the newest.
            # Follow the image under the cursor, also when its tag only now got its digest.
            self.cursor = next((i for i, g in enumerate(self.groups) if g.row is previous
                                or (previous.digest and g.digest == previous.digest)
                                or (previous.tag and previous.tag in g.tags)), 0)
            self.scroll_cursor_into_view(self.cursor)
        if self.highlighted is not previous or self.highlighted_group is not previous_group:
            self._cursor_moved()  # a filter key that keeps the image keeps its details as shown
        self.refresh()

    def set_usage(self, usage: UsageView | None) -> None:
        """The IN USE column: redrawn, not re-sorted."""
        self.usage = usage
        self.refresh()

    def _cursor_moved(self) -> None:
        super()._cursor_moved()
        self.post_message(self.GroupHighlighted(self.highlighted, self.highlighted_group))

    # -- rendering ----------------------------------------------------------------------
    def _label_width(self) -> int:
        """The tag column and 8 more, less what platforms borrow to show `multi-arch` whole."""
        borrowed = max(0, len(MULTI_ARCH) - max(8, self._platforms_left()))
        return self._tag_width + 8 - borrowed

    def _platforms_left(self) -> int:
        return self._platform_width() - 16 - IN_USE_WIDTH - 1

    def _grouped_platform_width(self) -> int:
        """What the plain list gives platforms, less the label's extra and IN USE; never less
        than `multi-arch` whole (an index not opened yet must not read as a cut name)."""
        return max(len(MULTI_ARCH), self._platforms_left())

    def _format(self, row: TagRow, now: datetime) -> str:
        group = self._group_of.get(id(row))
        if group is None:  # one row per tag
            line = super()._format(row, now)
            # The scan column (the last cells) says ARCHIVED / ACTIVATING: it cannot be pulled.
            status = row.image_status.upper()
            return line if is_pullable(status) else line[:-SCAN_WIDTH] + f"{status:<{SCAN_WIDTH}}"
        width, plat_width = self._label_width(), self._grouped_platform_width()
        label = fit_tags(group.label, width)
        platforms = platforms_label(row)
        if group.children:
            platforms = f"{platforms} ({len(group.children)} images)"
        platforms = ellipsize(platforms, plat_width)
        scan = row.scan.short(SCAN_WIDTH) if row.scan else "-"
        status = row.image_status.upper()
        flags = " ".join((*(() if is_pullable(status) else (status,)), *group.badges,
                          *(("artifact",) if group.artifact else ())))
        pulled = relative(row.last_pull, now) if row.last_pull else "never"
        in_use = in_use_cell(self.usage, (group.digest, *group.children))
        return (
            f" {label:<{width}} {short_digest(row.digest):<12} {in_use:>{IN_USE_WIDTH}} "
            f"{relative(row.pushed_at, now):>9} "
            f"{pulled:>9} {human_size(row.size_bytes):>9}  {platforms:<{plat_width}} "
            f"{scan:<{SCAN_WIDTH}} {flags}"
        )

    def _header(self) -> str:
        if not self.grouped:
            return super()._header()
        return (
            f" {'TAGS':<{self._label_width()}} {'DIGEST':<12} {'IN USE':>{IN_USE_WIDTH}} "
            f"{'PUSHED':>9} {'PULLED':>9} "
            f"{'SIZE':>9}  {'PLATFORMS':<{self._grouped_platform_width()}} "
            f"{'SCAN':<{SCAN_WIDTH}} ATTACHED"
        )
