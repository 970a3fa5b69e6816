"""The `:` jump's ranking (core) and the keymap check (ui, no app needed)."""

from __future__ import annotations

from ecr_tui.core.fleet.jump import candidates, rank
from ecr_tui.core.store.memory import Favourite, Recent
from ecr_tui.ui.keymap import check_keymap

TARGETS = candidates(
    profiles=["default", "prod-admin", "dev-sso"],
    regions=["us-east-1", "eu-west-1", "ap-southeast-2"],
    repositories=["platform/api", "platform/web", "payments/api"],
    favourites=[Favourite("1", "eu-west-1", "payments/worker", "prod-admin")],
    recents=[Recent("dev-sso", "us-east-1", "search/indexer", "v2")],
    current=("default", "us-east-1"),
)


def first(query: str) -> tuple[str, str]:
    found = rank(query, TARGETS)
    return found[0].kind, found[0].title


def test_a_typed_name_reaches_what_it_names() -> None:
    assert first("prod-admin eu-west-1") == ("profile region", "prod-admin eu-west-1")
    assert first("prod eu-west-1") == ("profile region", "prod-admin eu-west-1")
    assert first("prod-admin") == ("profile", "prod-admin")
    assert first("eu-west-1") == ("region", "eu-west-1")
    assert first("platform/api") == ("repository", "platform/api")
    assert first("pltapi") == ("repository", "platform/api")
    assert first("payments/worker") == ("favourite", "payments/worker")
    assert first("indexer") == ("recent", "search/indexer:v2")


def test_an_empty_query_offers_recents_then_favourites() -> None:
    assert [t.kind for t in rank("", TARGETS)] == ["recent", "favourite"]


def test_no_match_is_no_result() -> None:
    assert rank("zzzz", TARGETS) == []


def test_a_jump_carries_where_to_go() -> None:
    recent = rank("indexer", TARGETS)[0]
    assert (recent.profile, recent.region, recent.repository, recent.tag) == (
        "dev-sso", "us-east-1", "search/indexer", "v2")
    region = rank("ap-southeast-2", TARGETS)[0]
    assert (region.profile, region.region, region.repository) == ("default", "ap-southeast-2", None)


def test_keymap_unknown_ids_and_clashes_are_one_line_each_and_keep_the_default() -> None:
    keymap, warnings = check_keymap(
        {"open-repository": "o", "nonsense": "x", "jump": "slash", "quit": " "}, "c.toml: keys"
    )
    assert keymap == {"open-repository": "o"}
    assert len(warnings) == 3
    assert any("unknown binding id 'nonsense'" in w for w in warnings)
    assert any("jump = 'slash' clashes with filter-repositories" in w for w in warnings)
    assert any("quit: expected keys" in w for w in warnings)
    assert all(w.startswith("c.toml: keys: ") for w in warnings)


def test_keys_freed_by_a_rebinding_are_no_clash() -> None:
    wanted = {"filter-repositories": "f2", "filter-tags": "f2", "jump": "/"}
    keymap, warnings = check_keymap(wanted)
    assert warnings == [] and keymap == {**wanted, "jump": "slash"}


def test_an_image_outside_ecr_comes_first_as_itself() -> None:
    digest = "sha256:" + "ab" * 32
    for text, host, repository, reference in (
        ("public.ecr.aws/docker/library/python", "public.ecr.aws", "docker/library/python", None),
        ("public.ecr.aws/nginx/nginx:1.27", "public.ecr.aws", "nginx/nginx", "1.27"),
        (f"ghcr.io/org/app@{digest}", "ghcr.io", "org/app", digest),
        ("localhost:5000/api", "localhost:5000", "api", None),
    ):
        found = rank(text, TARGETS)[0]
        assert (found.kind, found.title, found.tag) == ("image", text, reference)
        assert found.reference is not None
        assert (found.reference.host, found.repository) == (host, repository)


def test_a_private_ecr_host_or_a_bare_name_is_no_outside_image() -> None:
    for text in ("123456789012.dkr.ecr.us-east-1.amazonaws.com/platform/api", "platform/api",
                 "api:latest", "prod eu-west-1"):
        assert all(t.kind != "image" for t in rank(text, TARGETS))


def test_public_reaches_the_public_place_of_the_current_profile_or_a_named_one() -> None:
    found = rank("public", TARGETS)[0]
    assert (found.kind, found.title, found.profile, found.public) == (
        "public", "public", "default", True)
    named = rank("prod-admin public", TARGETS)[0]
    assert (named.kind, named.profile, named.public) == ("public", "prod-admin", True)
    assert all(not t.public for t in TARGETS if t.kind != "public")
