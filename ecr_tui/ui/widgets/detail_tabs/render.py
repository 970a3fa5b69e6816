"""What each detail tab says, as rich Text: built from the core's data classes."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from ecr_tui.core.humanize import ellipsize
from ecr_tui.core.image_records import (
    Finding,
    ImageGroup,
    LayerRow,
    PlatformImage,
    Referrer,
    ScanReport,
)
from ecr_tui.core.images.findings import status_words
from ecr_tui.core.images.status import (
    EXCLUDED_NOTE,
    is_pullable,
    platforms_label,
    restore_command,
)
from ecr_tui.core.models import ImageConfig, ManifestInfo, TagRow
from ecr_tui.ui.formatting import absolute, human_size, relative, short_digest

SEVERITY_STYLES = {
    "CRITICAL": "bold red", "HIGH": "red", "MEDIUM": "yellow", "LOW": "cyan",
    "INFORMATIONAL": "dim", "UNDEFINED": "dim", "UNTRIAGED": "dim",
}
LAYER_HEADER = Text(f" {'#':>4} {'SIZE':>9}  {'DIGEST':<12} {'CREATED':<16} CREATED BY")
FINDING_HEADER = Text(
    f" {'SEVERITY':<13} {'SCORE':>5} {'ID':<20} {'PACKAGE':<18} {'INSTALLED':<14} "
    f"{'FIXED':<12} TITLE"
)


def field(text: Text, name: str, value: str, style: str = "") -> None:
    text.append(f"{name:<12}", "bold")
    text.append(f"{value}\n", style)


def layers_size(manifest: ManifestInfo) -> str:
    """One definition in the overview and the Layers tab, and each says which."""
    if not manifest.layers:
        return "size unknown"
    return f"{human_size(manifest.layers_size)} (layers only, compressed)"


NOT_OPENED = Text.assemble(
    ("Not opened. ", "bold"),
    ("enter (or this tab) reads the image's manifest and config: ECR records a manifest read "
     "as a pull.", "dim"),
)


def overview(
    row: TagRow, group: ImageGroup | None, manifest: ManifestInfo | None,
    images: list[PlatformImage], now: datetime, *, opened: bool = True, repository: str = "",
    excluded: bool | None = None,
) -> Text:
    """What DescribeImages (and the manifest cache) said until the image is opened; the
    manifest, platforms and config once it is."""
    text = Text()
    tags = group.tags if group is not None else (row.tag,)
    field(text, "Tags", ", ".join(tags) or "<untagged>")
    status_lines(text, row, repository, now)
    if group is not None and group.badges:
        field(text, "Attached", ", ".join(group.badges), "green")
    field(text, "Digest", (manifest.digest if manifest else row.digest) or "-")
    if manifest is None and platforms_label(row):
        field(text, "Platforms", platforms_label(row))
    if manifest is not None:
        field(text, "Media type", manifest.media_type)
        if manifest.platforms:
            text.append("Platforms\n", "bold")
            for platform in manifest.platforms:
                text.append(f"  {platform.name:<16}", "bold")
                text.append(f" {platform.digest}\n", "dim")
        else:
            field(text, "Layers", f"{manifest.layer_count}, {layers_size(manifest)}")
    config = images[0].config if images else None
    if config is not None:
        field(text, "Created", f"{absolute(config.created)} ({relative(config.created, now)})")
        arch = config.architecture + (f"/{config.variant}" if config.variant else "")
        field(text, "OS/arch", f"{config.os}/{arch}")
        if config.labels:
            text.append("Labels\n", "bold")
            for key, value in config.labels:
                text.append(f"  {key}", "italic")
                text.append(f" = {value}\n")
    field(text, "Pushed", f"{absolute(row.pushed_at)} ({relative(row.pushed_at, now)})")
    field(text, "Pulled", relative(row.last_pull, now) if row.last_pull else "never")
    field(text, "Size", human_size(row.size_bytes))
    if row.scan is not None:
        field(text, "Scan", f"{status_words(row.scan.status)} {row.scan.short()}".strip())
    if manifest is None and opened:
        text.append("Fetching the manifest…\n", "dim italic")
    elif manifest is None:
        text.append("\n")
        text.append_text(NOT_OPENED)
        text.append("\n")
    if excluded:
        text.append(EXCLUDED_NOTE[:1].upper() + EXCLUDED_NOTE[1:] + "\n", "green")
    return text


def status_lines(text: Text, row: TagRow, repository: str, now: datetime) -> None:
    """ARCHIVED / ACTIVATING: since when, and how an archived image is restored."""
    status = row.image_status.upper()
    if is_pullable(status):
        return
    if status == "ARCHIVED":
        since = f" since {absolute(row.last_archived_at)}" if row.last_archived_at else ""
        field(text, "Status", f"ARCHIVED{since}: cannot be pulled until restored", "bold yellow")
        if repository and row.digest:
            field(text, "Restore", restore_command(repository, row.digest), "italic")
        return
    since = f" since {absolute(row.last_activated_at)}" if row.last_activated_at else ""
    field(text, "Status", f"{status}{since}: being restored from the archive; pullable once "
          "ACTIVE", "bold yellow")
    if row.last_archived_at:
        field(text, "Archived", f"{absolute(row.last_archived_at)} "
              f"({relative(row.last_archived_at, now)})")


def layer_items(images: list[PlatformImage]) -> list[object]:
    """Per platform: a heading (the PlatformImage) then its layers, numbered."""
    items: list[object] = []
    for image in images:
        items.append(image)
        items.extend((n, layer) for n, layer in enumerate(image.layers, 1))
    return items


def layer_line(item: object) -> Text:
    if isinstance(item, PlatformImage):
        blobs = sum(1 for layer in item.layers if not layer.empty_layer)
        empty = len(item.layers) - blobs
        return Text(
            f" {item.platform.name or 'image'}: {blobs} layers, {empty} empty, "
            f"{layers_size(item.manifest)}  {short_digest(item.manifest.digest)}",
            "bold",
        )
    number, layer = item  # type: ignore[misc]
    assert isinstance(layer, LayerRow)
    created = absolute(layer.created) if layer.created else ""
    if layer.empty_layer:
        line = Text(f" {number:>4} {'(empty)':>9}  {'':<12} {created:<16} ", "dim")
    else:
        line = Text(f" {number:>4} {human_size(layer.size):>9}  "
                    f"{short_digest(layer.digest):<12} {created:<16} ")
    line.append(" ".join(layer.created_by.split()) or "-", "dim" if layer.empty_layer else "")
    return line


def config_text(images: list[PlatformImage]) -> Text:
    text = Text()
    for image in images:
        config: ImageConfig | None = image.config
        text.append(f"{image.platform.name or 'image'}\n", "bold underline")
        if config is None:
            text.append("  no image config\n", "dim")
            continue
        field(text, "Entrypoint", " ".join(config.entrypoint) or "-")
        field(text, "Cmd", " ".join(config.cmd) or "-")
        field(text, "User", config.user or "- (root)")
        field(text, "Workdir", config.workdir or "-")
        field(text, "Ports", ", ".join(config.exposed_ports) or "-")
        # Names only: the values of environment variables are secrets and never kept.
        field(text, "Env names", ", ".join(config.env_names) or "-")
        if config.labels:
            text.append("Labels\n", "bold")
            for key, value in config.labels:
                text.append(f"  {key}", "italic")
                text.append(f" = {value}\n")
        text.append("\n")
    return text


def referrers_text(referrers: list[Referrer]) -> Text:
    if not referrers:
        return Text("No signature, SBOM or attestation refers to this image.", "dim")
    text = Text(f" {'KIND':<12} {'ARTIFACT TYPE':<48} {'DIGEST':<14} {'SIZE':>9}  CREATED\n",
                "bold")
    for ref in referrers:
        created = absolute(ref.created) if ref.created else "-"
        text.append(f" {ref.kind:<12} ", "green" if ref.kind != "other" else "")
        text.append(f"{ellipsize(ref.artifact_type, 48):<48} {short_digest(ref.digest):<14} "
                    f"{human_size(ref.size) if ref.size else '-':>9}  {created}\n")
        text.append(f"   found through {ref.source}\n", "dim")
    return text


def scan_summary(report: ScanReport, shown: int) -> Text:
    text = Text()
    text.append(f"{status_words(report.status)}", "bold")
    if report.enhanced:
        text.append("  (enhanced scanning)", "dim")
    if report.description and report.description.lower() != status_words(report.status):
        text.append(f"  {report.description}", "dim")
    text.append("\n")
    for severity, count in report.counts:
        text.append(f"{severity} {count}  ", SEVERITY_STYLES.get(severity, ""))
    if report.findings:
        text.append(f"  showing {shown}/{len(report.findings)}", "dim")
    return text


def finding_line(finding: Finding) -> Text:
    score = f"{finding.score:.1f}" if finding.score is not None else "-"
    line = Text(" ")
    line.append(f"{finding.severity:<13}", SEVERITY_STYLES.get(finding.severity, ""))
    line.append(f" {score:>5} {ellipsize(finding.id, 20):<20} "
                f"{ellipsize(finding.package, 18):<18} "
                f"{ellipsize(finding.installed_version, 14):<14} "
                f"{ellipsize(finding.fixed_version, 12):<12} {finding.title}")
    return line
