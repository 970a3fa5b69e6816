"""Images and policies for the lifecycle tests: an image named like the documentation's
("Image A"), times in days before a fixed now."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

from ecr_tui.core.lifecycle.evaluate import evaluate
from ecr_tui.core.lifecycle.parse import parse_policy
from ecr_tui.core.models import ImageDetail

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)


def ago(days: float | None) -> datetime | None:
    return None if days is None else NOW - timedelta(days=days)


def image(name: str, tags: list[str], pushed: float, *, pulled: float | None = None,
          status: str = "ACTIVE", archived: float | None = None,
          activated: float | None = None) -> ImageDetail:
    return ImageDetail(digest=f"sha256:{name}", tags=tuple(tags), pushed_at=ago(pushed),
                       last_pull=ago(pulled), image_status=status,
                       last_archived_at=ago(archived), last_activated_at=ago(activated))


def rule(priority: int, selection: dict[str, Any], action: str = "expire",
         description: str = "") -> dict[str, Any]:
    act: dict[str, Any] = {"type": action}
    if action == "transition":
        act["targetStorageClass"] = "archive"
    out: dict[str, Any] = {"rulePriority": priority, "selection": selection, "action": act}
    if description:
        out["description"] = description
    return out


def policy_text(*rules: dict[str, Any]) -> str:
    return json.dumps({"rules": list(rules)})


def outcome(text: str, images: list[ImageDetail]) -> dict[str, tuple[str, int | None]]:
    """Image name -> (action, deciding rule)."""
    decisions = evaluate(parse_policy(text), images, NOW)
    return {d.digest.removeprefix("sha256:"): (d.action, d.rule) for d in decisions}


def acted(text: str, images: list[ImageDetail], action: str = "expire") -> set[str]:
    return {name for name, (did, _) in outcome(text, images).items() if did == action}
