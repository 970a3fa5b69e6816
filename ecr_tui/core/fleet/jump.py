"""The `:` jump: every place one input can reach, and a fuzzy ranking of them for a query.

Plain data and functions (no textual): the jump screen shows `rank(query, candidates)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ecr_tui.core.anonymous_registry import outside_ecr
from ecr_tui.core.image_ref import ImageReference
from ecr_tui.core.store.memory import Favourite, Recent

KIND_ORDER = ("recent", "favourite", "profile region", "profile", "region", "public",
              "repository")
"""Between equal scores: what the user touched before comes first."""


@dataclass(frozen=True, slots=True)
class JumpTarget:
    kind: str
    title: str
    profile: str | None = None
    """None: stay on the current profile (a region or a repository of the current registry)."""
    region: str | None = None
    repository: str | None = None
    tag: str | None = None
    detail: str = ""
    reference: ImageReference | None = None
    """kind "image": a repository outside the profile's ECR, its tags read anonymously."""
    public: bool = False
    """kind "public": the profile's ECR Public place (its public.ecr.aws repositories)."""

    @property
    def haystack(self) -> str:
        return f"{self.title} {self.detail}".lower()


def candidates(
    *,
    profiles: Iterable[str],
    regions: Sequence[str],
    repositories: Iterable[str],
    favourites: Iterable[Favourite],
    recents: Iterable[Recent],
    current: tuple[str | None, str | None] = (None, None),
) -> list[JumpTarget]:
    """Recents first, then favourites, pairs, profiles, regions, Public places and
    repositories."""
    found: list[JumpTarget] = [
        JumpTarget("recent", f"{r.repository}:{r.tag}" if r.tag else r.repository, r.profile,
                   r.region, r.repository, r.tag or None, f"{r.profile} {r.region}")
        for r in recents
    ]
    found += [
        JumpTarget("favourite", f.repository, f.profile, f.region, f.repository,
                   detail=f"{f.profile} {f.region}")
        for f in favourites
    ]
    names = list(profiles)
    found += [
        JumpTarget("profile region", f"{p} {r}", p, r) for p in names for r in regions
    ]
    found += [JumpTarget("profile", p, p) for p in names]
    found += [JumpTarget("region", r, current[0], r) for r in regions]
    # The Public place sits beside the regions: "public" for the current profile's, and
    # "PROFILE public" for each profile's, as "PROFILE REGION" is for a region.
    found += [
        JumpTarget("public", f"{p} public" if p != current[0] else "public", p,
                   detail="ECR Public: your public.ecr.aws repositories", public=True)
        for p in ([current[0]] if current[0] else []) + [p for p in names if p != current[0]]
    ]
    place = " ".join(p for p in current if p)
    found += [
        JumpTarget("repository", name, current[0], current[1], name, detail=place)
        for name in repositories
    ]
    return found


def reference_target(query: str) -> JumpTarget | None:
    """The image a query names outside the profile's ECR (public.ecr.aws/ALIAS/REPO[:TAG],
    ghcr.io/…, HOST/REPO@DIGEST), else None: such a place is no candidate, the query is it."""
    ref = outside_ecr(query)
    if ref is None:
        return None
    return JumpTarget("image", ref.text(), repository=ref.repository,
                      tag=ref.digest or ref.tag or None, detail="tags read anonymously",
                      reference=ref)


def score(query: str, target: JumpTarget) -> int:
    """0: no match. Every word of the query must appear in order, letters may be apart;
    whole words and word starts score higher, an exact title highest."""
    words = query.lower().split()
    if not words:
        return 1
    title, hay = target.title.lower(), target.haystack
    if " ".join(words) == title:
        return 10_000
    total, at = 0, 0
    for word in words:
        hit = hay.find(word, at)
        if hit >= 0:
            starts_word = hit == 0 or not hay[hit - 1].isalnum()
            total += 30 * len(word) + (20 if starts_word else 0) + (40 if hit < len(title) else 0)
            at = hit + len(word)
            continue
        for char in word:  # letters in order, anywhere after the previous word
            hit = hay.find(char, at)
            if hit < 0:
                return 0
            total += 3
            at = hit + 1
    return total - len(title) // 8


def rank(query: str, targets: Sequence[JumpTarget], limit: int = 50) -> list[JumpTarget]:
    """The best matches; an image reference outside the profile's ECR comes first."""
    scored = [(score(query, t), t) for t in targets]
    kept = [(s, t) for s, t in scored if s > 0]
    if not query.strip():
        kept = [(s, t) for s, t in kept if t.kind in ("recent", "favourite")]
    kept.sort(key=lambda st: (-st[0], KIND_ORDER.index(st[1].kind)))
    image = reference_target(query)
    return [*([image] if image else []), *(t for _s, t in kept[:limit])]
