"""`ecr-tui tags HOST/REPO` and `ecr-tui inspect HOST/REPO[:TAG|@DIGEST]` for an image outside
the profile's ECR (public.ecr.aws, docker.io, ghcr.io, …): read anonymously, no AWS call."""

from __future__ import annotations

from typing import Any, TextIO

from ecr_tui.cli import output
from ecr_tui.core.image_ref import ImageReference


def tags(ref: ImageReference, backend: Any, as_json: bool, out: TextIO) -> int:
    """The tag names only: the registry says no more without a manifest GET per tag."""
    from ecr_tui.core.models import TagRow

    rows = [TagRow(tag) for tag in backend.anonymous_registry(ref.host).tags(ref.repository)]
    if as_json:
        output.to_json(output.tag_json(rows), out)
    else:
        output.table(("TAG",), [[r.tag] for r in rows], out)
    return 0


def inspect(ref: ImageReference, backend: Any, platform: str | None) -> dict[str, Any]:
    from ecr_tui.core.images.anonymous import inspect_anonymous
    from ecr_tui.core.images.inspect import inspection_json

    registry = backend.anonymous_registry(ref.host)
    found = inspect_anonymous(registry, ref.repository, ref.digest or ref.tag or "latest",
                              platform)
    return inspection_json(found)
