"""The IN USE cell and the usage words (pure): `?` until known, a running count, the count;
a floor when pairs failed; one cause named once; the scope-wide counts of Fleet and Find."""

from __future__ import annotations

from ecr_tui.core.models import Target
from ecr_tui.core.usage.scan import RepositoryUse, ScopeUsage
from ecr_tui.core.usage_records import PairFailure, UsageRow
from ecr_tui.ui.scope_usage_cells import ScopeUsageState
from ecr_tui.ui.usage_view import UsageView, in_use_cell, scope_words

A, B = "sha256:" + "a" * 64, "sha256:" + "b" * 64


def _row(name: str, digest: str, cluster: str = "prod") -> UsageRow:
    return UsageRow("p", "111122223333", "us-east-1", "ecs-service", cluster, name, f"{name}:1",
                    "app", "host/repo:1", digest, "digest", 1, 1, False)


ROWS = (_row("api", A), _row("web", A), _row("web", B), _row("api", A, cluster="batch"))
DENIED = PairFailure("ci", "ap-southeast-2", "not authorized to perform: ecs:ListClusters")


def test_cell_states() -> None:
    assert in_use_cell(None, [A]) == "?"
    scanning = UsageView.of(ROWS, (), 3, 10, "scope")
    assert in_use_cell(scanning, [A]) == "3…"  # api twice (two clusters), web once
    assert in_use_cell(scanning, ["sha256:" + "c" * 64]) == "?"
    done = UsageView.of(ROWS, (), 10, 10, "scope", finished=True)
    assert (in_use_cell(done, [A]), in_use_cell(done, [B])) == ("3", "1")
    assert in_use_cell(done, ["sha256:" + "c" * 64]) == "0"
    assert in_use_cell(done, [A, B]) == "3"  # an index and its platform image: web once
    failed = UsageView.of(ROWS, (DENIED,), 10, 10, "scope", finished=True)
    assert (in_use_cell(failed, [A]), in_use_cell(failed, ["x"])) == ("3+", "0?")


def test_progress_and_one_cause_once() -> None:
    assert UsageView.of((), (), 4, 108, "").progress() == "in use: 4/108 pairs scanned…"
    expired = [PairFailure("staging", r, "The SSO session has expired") for r in ("a", "b", "c")]
    view = UsageView.of((), (*expired, DENIED), 108, 108, "", finished=True)
    assert view.progress() == "in use: 4 of 108 pairs failed"
    assert view.failures_line() == ("staging in 3 regions: The SSO session has expired; "
                                    "ci ap-southeast-2: not authorized to perform: "
                                    "ecs:ListClusters")


def test_scope_words() -> None:
    pairs = [Target(p, r) for p in ("a", "b") for r in ("x", "y", "z")]
    assert scope_words(pairs, "the Fleet's") == "6 pairs (2 profiles × 3 regions), the Fleet's"


def test_scope_counts_per_repository_and_registry() -> None:
    state = ScopeUsageState()
    first = state.next_scan()
    assert state.repository_cell("1", "r", "repo").plain == "?"
    usage = ScopeUsage({("1", "r", "api"): RepositoryUse(frozenset({A, B})),
                        ("1", "r", "web"): RepositoryUse(frozenset(), frozenset({"latest"})),
                        ("2", "r", "api"): RepositoryUse(frozenset({A}))}, (), 6)
    second = state.next_scan()
    assert not state.update(first, 6, 6, usage)  # an earlier scan's answer
    assert state.usage is None
    assert state.update(second, 6, 6, usage)
    assert state.repository_cell("1", "r", "api").plain == "2"
    assert state.repository_cell("1", "r", "none").plain == "0"
    assert state.registry_cell("1", "r").plain == "3 in 2 repos"
    assert state.registry_line("1", "r") == "images in use: api 2, web 1"
    partial = ScopeUsage(usage.repositories, (DENIED,), 6)
    assert state.update(second, 6, 6, partial)
    assert state.repository_cell("1", "r", "none").plain == "0?"
    assert state.registry_cell("1", "r").plain == "3+ in 2 repos"


def test_failures_by_cause_says_a_profiles_expired_session_once() -> None:
    from ecr_tui.core.usage_records import PairFailure, failures_by_cause

    expired = "The SSO session for profile staging-sso has expired"
    failures = [PairFailure("staging-sso", r, expired) for r in ("us-east-1", "eu-west-1")]
    failures.append(PairFailure("ci", "ap-southeast-2", "access denied: ecs:ListClusters"))
    assert failures_by_cause(failures) == [
        ("staging-sso", ["us-east-1", "eu-west-1"], expired),
        ("ci", ["ap-southeast-2"], "access denied: ecs:ListClusters"),
    ]
