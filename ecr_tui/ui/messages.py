"""Typed messages carrying backend results and the Target they were fetched for."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.models import (
    ClipboardResult,
    ImageDetail,
    LoginRecord,
    LoginResult,
    Profile,
    PullThroughRule,
    Region,
    Repository,
    TagRow,
    Target,
    Token,
)
from ecr_tui.ui.tag_batches import TagBatches


@dataclass
class ProfilesLoaded(Message):
    profiles: list[Profile]
    default: str


@dataclass
class RegionsLoaded(Message):
    profile: str
    regions: list[Region]
    default: str | None


@dataclass
class RegionsMatterFound(Message):
    """Regions of the partition where the profile's account has repositories."""

    target: Target
    regions: list[str]


@dataclass
class AccountLoaded(Message):
    target: Target
    account_id: str


@dataclass
class RepositoriesLoaded(Message):
    target: Target
    repositories: list[Repository]


@dataclass
class TokensLoaded(Message):
    tokens: list[Token]
    logins: list[LoginRecord]
    warning: str | None = None
    """The login state file's problem (corrupt, unreadable), if the backend reports one."""


@dataclass
class TagsLoaded(Message):
    target: Target
    repository: str
    rows: list[TagRow]
    warnings: tuple[str, ...] = ()
    """Calls that failed alone (e.g. DescribeImages denied) while the rest worked."""


@dataclass
class TagsArrived(Message):
    """Batches of a listing still under way wait in `batches`: take them all (one message
    is out at a time)."""

    target: Target
    repository: str
    batches: TagBatches


@dataclass
class UntaggedLoaded(Message):
    target: Target
    repository: str
    images: list[ImageDetail]
    children: dict[str, tuple[str, ...]]
    """Index digest → its platform images' digests (folded under the index)."""


@dataclass
class LoginDone(Message):
    target: Target
    result: LoginResult


@dataclass
class PasswordReady(Message):
    """A token for the OSC 52 fallback or the reveal dialog. Token's repr hides the password."""

    target: Target
    token: Token
    reveal: bool


@dataclass
class CopyDone(Message):
    target: Target
    result: ClipboardResult
    token: Token | None = None
    """What was copied, so the password can be cleared later. Its repr hides the password."""


@dataclass
class ClipboardCleared(Message):
    cleared: bool


@dataclass
class CallFailed(Message, bubble=False):
    """A worker failed: sent down to every screen so each can show it inline."""

    target: Target | None
    what: str
    error: EcrTuiError


@dataclass
class RulesLoaded(Message):
    """Pull-through-cache rules of a registry; `error` when they could not be read (the
    repository list then shows no upstream marks, the rules screen says why)."""

    target: Target
    rules: list[PullThroughRule]
    error: EcrTuiError | None = None
