"""Issue 16: find by REPO:TAG / REPO@DIGEST in every pair, one DescribeImages by tag or digest
per repository, "0 found" that says what was searched; read-only roles chosen for reads and
named; profile rows of one shape; an unknown profile lists the configured ones first."""

from __future__ import annotations

import json
from concurrent.futures import Executor, ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from ecr_tui.cli.main import main
from ecr_tui.cli.output import profile_json
from ecr_tui.core.errors import ConfigError
from ecr_tui.core.fleet.find import find_across, reference_pair
from ecr_tui.core.fleet.find_query import QueryKind, parse_query
from ecr_tui.core.fleet.runner import one_role_per_account
from ecr_tui.core.models import ImageDetail, Profile, ProfileKind, Repository, Target
from ecr_tui.core.profiles.config import unknown_profile

DIGEST = "sha256:" + "ab" * 32
OTHER = "sha256:" + "cd" * 32
NOW = datetime.now(timezone.utc)
LIVE = NOW + timedelta(hours=1)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--demo", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(("text", "repo", "tag", "digest"), [
    ("team-x/needle-svc:v9.9.9", "team-x/needle-svc", "v9.9.9", ""),
    (f"team-x/needle-svc@{DIGEST}", "team-x/needle-svc", "", DIGEST),
    ("api:latest", "api", "latest", ""),
    # A port is no tag; a host with one is another registry's (issue 22: read anonymously).
    ("localhost:5000/api", None, "", ""),
])
def test_an_image_without_a_host_is_searched_in_every_pair(
    text: str, repo: str | None, tag: str, digest: str
) -> None:
    query = parse_query(text)
    if repo is None:
        assert query.kind is QueryKind.OUTSIDE and query.outside is not None
        assert (query.outside.host, query.repository, query.tag) == ("localhost:5000", "api", "")
        return
    assert query.kind is QueryKind.REFERENCE and not query.account_id
    assert (query.repository, query.tag, query.digest) == (repo, tag, digest)
    assert query.matches_name(repo) and not query.matches_name(repo + "-2")


class Fleet:
    """Two pairs of two accounts; every repository holds one image (`DIGEST`, tag v1)."""

    def __init__(self) -> None:
        self.repos = {Target("a/ReadOnly", "us-east-1"): ["team/api", "team/web"],
                      Target("b/ReadOnly", "eu-west-1"): ["team/api", "other/db"]}
        self.image_calls: list[tuple[str, str, str]] = []
        self.listing_calls = 0
        self._pool = ThreadPoolExecutor(4)

    def profile(self, name: str) -> Profile:
        return Profile(name, ProfileKind.SSO_DISCOVERED, role=name.split("/")[1])

    def repositories(self, profile: str, region: str) -> list[Repository]:
        account = "111111111111" if profile.startswith("a") else "222222222222"
        return [Repository(n, f"arn:{n}", f"{account}.dkr.ecr.{region}.amazonaws.com/{n}",
                           None, account) for n in self.repos[Target(profile, region)]]

    def image(self, profile: str, region: str, repository: str,
              reference: str) -> ImageDetail | None:
        self.image_calls.append((profile, repository, reference))
        if reference in (DIGEST, "v1"):
            return ImageDetail(DIGEST, ("v1", "latest"), None, 10)
        return None

    def images(self, profile: str, region: str, repository: str) -> list[ImageDetail]:
        self.listing_calls += 1
        return [ImageDetail(DIGEST, ("v1", "latest"), None, 10)]

    def executor(self) -> Executor:
        return self._pool


def test_repo_tag_finds_the_image_in_every_pair_with_one_call_per_repository() -> None:
    fleet = Fleet()
    results = list(find_across(fleet, list(fleet.repos), parse_query("team/api:v1")))
    hits = sorted((h.profile, h.repository, h.tag, h.role) for r in results for h in r.hits)
    assert hits == [("a/ReadOnly", "team/api", "v1", "ReadOnly"),
                    ("b/ReadOnly", "team/api", "v1", "ReadOnly")]
    assert sorted(fleet.image_calls) == [("a/ReadOnly", "team/api", "v1"),
                                         ("b/ReadOnly", "team/api", "v1")]


def test_a_digest_is_one_describe_by_digest_per_repository_never_a_listing() -> None:
    fleet = Fleet()
    results = list(find_across(fleet, list(fleet.repos), parse_query(DIGEST)))
    assert sum(len(r.hits) for r in results) == 8  # 4 repositories x 2 tags
    assert len(fleet.image_calls) == 4 and fleet.listing_calls == 0
    assert {ref for _, _, ref in fleet.image_calls} == {DIGEST}
    fleet = Fleet()
    query = parse_query(f"team/web@{OTHER}")
    assert [h for r in find_across(fleet, list(fleet.repos), query) for h in r.hits] == []


def test_zero_found_names_what_was_searched_and_the_other_forms() -> None:
    from ecr_tui.core.fleet.find import summary

    line = summary(parse_query("team-x/needle-svc:v9.9.9"), 0, 285, 680, 0)
    assert "no tag v9.9.9 of repository team-x/needle-svc" in line
    assert "searched 285 (profile, region) pairs and 680 repositories" in line
    assert "needle-svc" in line.split("try ")[1] and "sha256:" in line.split("try ")[1]
    assert "ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG" in line
    assert "try" not in summary(parse_query("needle"), 3, 2, 2, 0)


def test_find_repo_tag_in_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["find", "platform/api:28.3.6", "--json"], capsys)
    hits = json.loads(out)
    assert code == 0 and hits and {(h["repository"], h["tag"]) for h in hits} == {
        ("platform/api", "28.3.6")}
    code, out, err = run(["find", "platform/api:no-such-tag", "--profile", "default"], capsys)
    assert code == 0 and "0 found: no tag no-such-tag of repository platform/api" in err
    assert err.count("\n") == 1


def _sso(name: str, account: str, role: str, kind: ProfileKind = ProfileKind.SSO,
         expires: datetime | None = LIVE) -> Profile:
    return Profile(name, kind, "us-east-1", expires, account, role=role)


def test_a_read_only_role_of_the_account_serves_the_fleet_whoever_configured_it() -> None:
    admin = _sso("ops-admin", "1", "AdministratorAccess")
    reader = _sso("1/ReadOnly", "1", "ReadOnly", ProfileKind.SSO_DISCOVERED)
    discovered_admin = _sso("1/AdministratorAccess", "1", "AdministratorAccess",
                            ProfileKind.SSO_DISCOVERED)
    chosen = one_role_per_account([admin, discovered_admin, reader], ())
    assert [p.name for p in chosen] == ["1/ReadOnly"]
    # A configured read-only profile covers its account: no discovered admin beside it.
    configured = _sso("dev", "2", "ECRReadOnly")
    chosen = one_role_per_account(
        [configured, _sso("2/AdministratorAccess", "2", "AdministratorAccess",
                          ProfileKind.SSO_DISCOVERED)], ())
    assert [p.name for p in chosen] == ["dev"]


class Profiles:
    def __init__(self, profiles: list[Profile]) -> None:
        self._profiles = profiles

    def profiles(self, *, discovered: bool = True) -> list[Profile]:
        return self._profiles

    def profile(self, name: str) -> Profile:
        return next(p for p in self._profiles if p.name == name)

    def account_id(self, profile: str, region: str) -> str:
        raise AssertionError("the config says the account")

    def executor(self) -> Executor:
        return ThreadPoolExecutor(1)


def test_an_image_reference_goes_through_a_read_only_role_that_can_answer() -> None:
    query = parse_query(f"123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api@{DIGEST}")
    backend = Profiles([
        _sso("x/AdministratorAccess", "123456789012", "AdministratorAccess",
             ProfileKind.SSO_DISCOVERED),
        _sso("never", "123456789012", "ReadOnly", expires=None),
        _sso("x/ReadOnly", "123456789012", "ReadOnly", ProfileKind.SSO_DISCOVERED),
    ])
    assert reference_pair(backend, query) == Target("x/ReadOnly", "eu-west-1")


def test_fleet_and_find_say_the_role_in_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["fleet", "--json", "--regions", "us-west-2"], capsys)
    rows = {r["profile"]: r for r in json.loads(out)}
    assert code == 0 and rows["payments-prod/ReadOnlyAccess"]["role"] == "ReadOnlyAccess"
    assert "payments-prod/AdministratorAccess" not in rows
    code, out, _ = run(["fleet", "--regions", "us-west-2"], capsys)
    assert out.splitlines()[0].split()[:3] == ["PROFILE", "ROLE", "ACCOUNT"]


def test_profile_rows_have_one_shape_for_every_kind() -> None:
    rows = profile_json([
        Profile("static", ProfileKind.STATIC, "us-east-1"),
        Profile("t/ReadOnly", ProfileKind.SSO_DISCOVERED, "us-east-1", LIVE, "1", "corp: 1",
                account_name="t", role="ReadOnly", sso_session="corp"),
    ], NOW)
    assert set(rows[0]) == set(rows[1])
    assert rows[1]["expires_in_seconds"] > 3000 and rows[1]["detail"] == "corp: 1"


def test_an_unknown_profile_lists_the_configured_ones_first() -> None:
    configured = [Profile(f"conf-{i}", ProfileKind.STATIC) for i in range(3)]
    discovered = [Profile(f"a{i}/ReadOnly", ProfileKind.SSO_DISCOVERED) for i in range(9)]
    error = unknown_profile("nobody", [*discovered, *configured])
    assert isinstance(error, ConfigError)
    assert error.message == ("unknown profile 'nobody' (configured: conf-0, conf-1, conf-2; "
                             "9 more discovered through SSO: `ecr-tui profiles` lists them)")
