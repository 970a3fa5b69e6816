"""What one doctor run has learnt so far: each check reads what the checks before it found and
adds its own (the checks run one after another, in one thread)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from ecr_tui.core.doctor.extract import Extracted

if TYPE_CHECKING:
    from ecr_tui.core.image_ref import ImageReference
    from ecr_tui.core.models import ImageDetail, PullThroughRule, Repository


@dataclass(frozen=True, slots=True)
class Request:
    """What the user asked: the pasted text and the options."""

    text: str
    platform: str = ""
    principal: str = ""
    profile: str = ""
    """--profile: tried first for the registry's account, and the puller's account otherwise."""


@dataclass
class Facts:
    request: Request
    extracted: Extracted
    environ: Mapping[str, str]
    now: datetime
    ref: ImageReference | None = None
    profile: str = ""
    region: str = ""
    repository: Repository | None = None
    rules: list[PullThroughRule] = field(default_factory=list)
    image: ImageDetail | None = None

    @property
    def platform(self) -> str:
        return self.request.platform or self.extracted.platform

    @property
    def image_ref(self) -> str:
        """The tag or digest a pull asks for (a digest wins, as it does for docker)."""
        assert self.ref is not None
        return self.ref.digest or self.ref.tag or "latest"

    @property
    def account_id(self) -> str:
        return self.ref.registry.account_id if self.ref and self.ref.registry else ""
