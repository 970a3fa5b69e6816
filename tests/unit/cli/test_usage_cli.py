from __future__ import annotations

import pytest

from ecr_tui.cli.main import main


def test_a_cause_shared_by_many_pairs_is_one_line_naming_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The demo's staging-sso session has expired in all six of its regions: one line, not six.
    assert main(["usage", "platform/api:latest", "--demo", "--json"]) == 1
    err = capsys.readouterr().err.splitlines()
    expired = [line for line in err if "staging-sso" in line]
    assert len(expired) == 1
    assert expired[0].startswith("ecr-tui: failed: staging-sso us-east-1, eu-west-1, ")
    assert expired[0].count(",") == 5 and "has expired" in expired[0]
