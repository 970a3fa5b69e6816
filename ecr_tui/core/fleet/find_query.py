"""A find query: what the user typed, read as a name, part of a name, glob, digest, an image
`REPO:TAG` / `REPO@sha256:…`, a full image reference, or an image outside the fleet."""

from __future__ import annotations

import enum
import fnmatch
import re
from dataclasses import dataclass

from ecr_tui.core.anonymous_registry import outside_ecr
from ecr_tui.core.hosts import parse_registry_host
from ecr_tui.core.image_ref import ImageReference

_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")
_GLOB = "*?["


class QueryKind(str, enum.Enum):
    NAME = "name"
    GLOB = "glob"
    DIGEST = "digest"
    REFERENCE = "reference"
    """An image: REPO:TAG or REPO@DIGEST, with its host (`account_id`, `region`) or without."""
    OUTSIDE = "outside"
    """An image of a registry outside the profile's ECR (public.ecr.aws, ghcr.io, …): not in the
    fleet; its tags are read anonymously."""


@dataclass(frozen=True, slots=True)
class FindQuery:
    text: str
    kind: QueryKind
    repository: str = ""
    """REFERENCE: the repository of the reference."""
    tag: str = ""
    digest: str = ""
    account_id: str = ""
    region: str = ""
    outside: ImageReference | None = None
    """OUTSIDE: the image reference."""

    def matches_name(self, name: str) -> bool:
        if self.kind is QueryKind.GLOB:
            return fnmatch.fnmatchcase(name, self.text)
        if self.kind is QueryKind.NAME:
            return self.text.lower() in name.lower()
        if self.kind is QueryKind.REFERENCE:
            return name == self.repository
        return self.kind is not QueryKind.OUTSIDE

    @property
    def needs_images(self) -> bool:
        return self.kind in (QueryKind.DIGEST, QueryKind.REFERENCE)

    @property
    def image_reference(self) -> str:
        """The tag or digest DescribeImages is asked for."""
        return self.digest or self.tag

    def searched(self) -> str:
        """What was looked for, in words."""
        where = f" in {self.account_id} {self.region}" if self.account_id else ""
        if self.kind is QueryKind.DIGEST:
            return f"images with digest {self.digest} in every repository"
        if self.kind is QueryKind.REFERENCE:
            what = (f"digest {self.digest}" if self.digest else f"tag {self.tag}" if self.tag
                    else "every image")
            return f"{what} of repository {self.repository}{where}"
        if self.kind is QueryKind.GLOB:
            return f"repositories matching {self.text}"
        if self.outside is not None:
            return f"image {self.outside.text()} (outside the fleet, read anonymously)"
        return f"repositories whose name contains {self.text!r}"

    def other_forms(self) -> str:
        """The query forms this one is not, to try next."""
        forms = {
            QueryKind.NAME: "part of a name (needle)",
            QueryKind.GLOB: "a glob (team-*/needle*)",
            QueryKind.REFERENCE: "REPO:TAG, REPO@sha256:…",
            QueryKind.DIGEST: "sha256:DIGEST",
        }
        others = [text for kind, text in forms.items() if kind is not self.kind]
        if self.kind is QueryKind.REFERENCE:
            others.insert(0, "part of its name (" + self.repository.rsplit("/", 1)[-1] + ")")
        return ", ".join(others) + " or ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG"


def _image(text: str) -> tuple[str, str, str] | None:
    """(repository, tag, digest) of `REPO:TAG` or `REPO@DIGEST`, else None."""
    repo, at, digest = text.partition("@")
    if at:
        return (repo, "", digest) if repo else None
    head, slash, last = repo.rpartition("/")
    name, colon, tag = last.partition(":")
    if not colon or not name:
        return None
    return f"{head}{slash}{name}", tag, ""


def parse_query(text: str) -> FindQuery:
    query = text.strip()
    if _DIGEST.match(query):
        return FindQuery(query, QueryKind.DIGEST, digest=query)
    outside = outside_ecr(query)
    if outside is not None:
        return FindQuery(query, QueryKind.OUTSIDE, repository=outside.repository,
                         tag=outside.tag, digest=outside.digest, outside=outside)
    head, slash, rest = query.partition("/")
    host = parse_registry_host(head) if slash else None
    if host is not None and not host.public and rest:
        repo, tag, digest = _image(rest) or (rest, "", "")
        return FindQuery(query, QueryKind.REFERENCE, repository=repo, tag=tag, digest=digest,
                         account_id=host.account_id, region=host.region)
    if any(c in query for c in _GLOB):
        return FindQuery(query, QueryKind.GLOB)
    image = _image(query)
    if image is not None:
        repo, tag, digest = image
        return FindQuery(query, QueryKind.REFERENCE, repository=repo, tag=tag, digest=digest)
    return FindQuery(query, QueryKind.NAME)
