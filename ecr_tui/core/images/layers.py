"""Match an image manifest's layers to its config's `history` (pure)."""

from __future__ import annotations

from ecr_tui.core.image_records import LayerRow
from ecr_tui.core.models import ImageConfig, LayerDescriptor


def layer_rows(
    layers: tuple[LayerDescriptor, ...], config: ImageConfig | None
) -> tuple[LayerRow, ...]:
    """One row per history entry, in order: non-empty entries take the manifest's layers in
    order, empty-layer entries have no blob. Layers the history does not cover (a config
    without history, or a short one) follow as rows of their own, so no layer is lost."""
    history = config.history if config is not None else ()
    rows: list[LayerRow] = []
    remaining = iter(layers)
    for entry in history:
        if entry.empty_layer:
            rows.append(LayerRow(created_by=entry.created_by, created=entry.created,
                                 empty_layer=True))
            continue
        layer = next(remaining, None)
        rows.append(LayerRow(
            digest=layer.digest if layer else "",
            size=layer.size if layer else 0,
            media_type=layer.media_type if layer else "",
            created_by=entry.created_by,
            created=entry.created,
        ))
    rows.extend(
        LayerRow(digest=layer.digest, size=layer.size, media_type=layer.media_type)
        for layer in remaining
    )
    return tuple(rows)
