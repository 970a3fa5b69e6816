"""The many-account commands on the demo backend: fleet, find, login of many pairs, profiles;
exit codes, JSON shapes, and the query parser under hypothesis."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecr_tui.cli.main import main
from ecr_tui.core.fleet.find_query import QueryKind, parse_query


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--demo", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_fleet_json_rows_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["fleet", "--json", "--profile", "default", "--regions",
                        "us-east-1,eu-west-1"], capsys)
    rows = json.loads(out)
    assert code == 0 and [(r["profile"], r["region"]) for r in rows] == [
        ("default", "eu-west-1"), ("default", "us-east-1")]
    assert set(rows[0]) == {"profile", "role", "account_id", "region", "repositories",
                            "token_expires_at", "error"}
    code, out, _ = run(["fleet", "--json", "--profile", "staging-sso"], capsys)
    assert code == 1 and json.loads(out)[0]["error"]  # no pair answered


def test_fleet_all_regions_covers_the_partition(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["fleet", "--json", "--profile", "600000000000/ReadOnlyAccess",
                        "--all-regions"], capsys)
    rows = json.loads(out)
    assert code == 0 and len(rows) > 10
    assert {r["profile"] for r in rows} == {"payments-prod/ReadOnlyAccess"}  # the alias resolved


def test_find_says_what_it_searched(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["find", "platform/ap*", "--json", "--profile", "default",
                          "--regions", "us-east-1"], capsys)
    hits = json.loads(out)
    assert code == 0 and [h["repository"] for h in hits] == ["platform/api"]
    assert set(hits[0]) == {"profile", "role", "account_id", "region", "repository", "tag",
                            "digest"}
    assert "searched 1 (profile, region) pairs and" in err


def test_find_of_an_image_outside_the_fleet_is_one_line_naming_tags(
    capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["find", "public.ecr.aws/nginx/nginx:1.27"], capsys)
    assert (code, out) == (1, "") and len(err.strip().splitlines()) == 1
    assert "outside the fleet" in err and "ecr-tui tags public.ecr.aws/nginx/nginx" in err


def test_login_cross_product_one_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["login", "--profile", "default", "--profile", "dev-sso", "--region",
                          "us-east-1", "--region", "eu-west-1"], capsys)
    assert code == 0 and len(out.strip().splitlines()) == 4 and "4 of 4 logged in" in err
    code, out, err = run(["login", "--profile", "default", "--profile", "staging-sso"], capsys)
    assert code == 1 and len(out.strip().splitlines()) == 1
    assert "staging-sso us-east-1: " in err or "staging-sso eu-central-1: " in err


def test_login_set_unknown_names_the_fix(capsys: pytest.CaptureFixture[str], tmp_path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECR_TUI_CONFIG", str(tmp_path / "config.toml"))
    code, _, err = run(["login", "--set", "nope"], capsys)
    assert code == 1 and "no login set 'nope'" in err


def test_profiles_no_discover_has_configured_only(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["profiles", "--json", "--no-discover"], capsys)
    assert all(p["kind"] != "sso-discovered" for p in json.loads(out))
    _, out, _ = run(["profiles", "--json"], capsys)
    assert sum(p["kind"] == "sso-discovered" for p in json.loads(out)) == 24


_ACCOUNT = st.from_regex(r"\d{12}", fullmatch=True)
_REGION = st.sampled_from(["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1"])
_REPO = st.from_regex(r"[a-z0-9]+(/[a-z0-9._-]+){0,2}", fullmatch=True)
_TAG = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}", fullmatch=True)


@given(st.text(max_size=200))
def test_any_query_parses(text: str) -> None:
    parse_query(text)


@given(_ACCOUNT, _REGION, _REPO, _TAG)
def test_image_references_go_to_their_account_and_region(
    account: str, region: str, repo: str, tag: str
) -> None:
    query = parse_query(f"{account}.dkr.ecr.{region}.amazonaws.com/{repo}:{tag}")
    assert query.kind is QueryKind.REFERENCE
    assert (query.account_id, query.region, query.repository, query.tag) == (
        account, region, repo, tag)
