"""TagDetail: the highlighted tag's manifest and image config, fetched on demand."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ecr_tui.core.models import ImageConfig, ManifestInfo, TagRow
from ecr_tui.ui.formatting import absolute, human_size, relative


class TagDetail(VerticalScroll):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Details"
        self.shown_tag: str | None = None

    def compose(self):  # type: ignore[override]
        yield Static(Text("Highlight a tag to see its manifest.", "dim"), id="tag-detail-body")

    @property
    def _body(self) -> Static:
        return self.query_one("#tag-detail-body", Static)

    def show_pending(self, row: TagRow | None) -> None:
        self.shown_tag = None
        if row is None:
            self._body.update(Text("No tag highlighted.", "dim"))
            return
        self.border_title = f"Details {row.tag}"
        self._body.update(Text(f"Fetching the manifest of {row.tag}…", "dim italic"))

    def show_error(self, row: TagRow, line: str) -> None:
        self.shown_tag = None
        self._body.update(Text(f"{row.tag}: {line}", "red"))

    def show_detail(
        self, row: TagRow, manifest: ManifestInfo, config: ImageConfig | None, now: datetime
    ) -> None:
        self.shown_tag = row.tag
        self.border_title = f"Details {row.tag}"
        text = Text()
        self._field(text, "Media type", manifest.media_type)
        self._field(text, "Digest", manifest.digest)
        if manifest.platforms:
            text.append("Platforms\n", "bold")
            for platform in manifest.platforms:
                text.append(f"  {platform.name:<16}", "bold")
                text.append(f" {platform.digest}\n", "dim")
        else:
            layers = f"{manifest.layer_count}, {human_size(manifest.size_bytes)}"
            self._field(text, "Layers", layers)
        if config is not None:
            created = f"{absolute(config.created)} ({relative(config.created, now)})"
            self._field(text, "Created", created)
            arch = config.architecture + (f"/{config.variant}" if config.variant else "")
            self._field(text, "OS/arch", f"{config.os}/{arch}")
            if config.labels:
                text.append("Labels\n", "bold")
                for key, value in config.labels:
                    text.append(f"  {key}", "italic")
                    text.append(f" = {value}\n")
        self._field(text, "Pushed", f"{absolute(row.pushed_at)} ({relative(row.pushed_at, now)})")
        self._field(text, "Size", human_size(row.size_bytes))
        if row.scan is not None:
            self._field(text, "Scan", f"{row.scan.status.lower()} {row.scan.short()}".strip())
        self._body.update(text)

    @staticmethod
    def _field(text: Text, name: str, value: str) -> None:
        text.append(f"{name:<11}", "bold")
        text.append(f"{value}\n")
