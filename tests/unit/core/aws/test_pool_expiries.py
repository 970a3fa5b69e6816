"""What the token agent reads to drop role credentials in their last minutes: the expiry of
each profile's loaded credentials, never loading any to say it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ecr_tui.core.aws.session import SessionPool


def test_the_expiry_of_loaded_role_credentials_only() -> None:
    expiry = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(minutes=42)
    fetched: list[str] = []

    def fetch() -> dict[str, str]:
        fetched.append("role")
        return {"access_key": "AKIAEXAMPLE", "secret_key": "s", "token": "t",
                "expiry_time": expiry.isoformat()}

    pool = SessionPool({})
    pool.register_role("team/ReadOnly", fetch)
    pool.core_session("team/ReadOnly")
    assert pool.credential_expiries() == [] and fetched == []  # made, not loaded
    assert pool.credential_key("team/ReadOnly") == "AKIAEXAMPLE"
    assert pool.credential_expiries() == [expiry] and fetched == ["role"]
