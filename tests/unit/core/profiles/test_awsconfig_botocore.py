"""The profiles we list are exactly what botocore loads, on files it reads its own way:
a tab between `profile` and the name, names with spaces, nested blocks, broken ones."""

from __future__ import annotations

import re
from pathlib import Path
from tempfile import TemporaryDirectory

import botocore.session
import pytest
from botocore.exceptions import ConfigParseError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecr_tui.core.errors import ConfigError
from ecr_tui.core.profiles import config as awsconfig

NAMES = st.sampled_from(["a", "dev", "my name", "prod-1", "x.y", "default"])
HEADERS = st.one_of(
    st.just("[default]"),
    NAMES.map(lambda n: f"[profile {n}]"),
    NAMES.map(lambda n: f"[profile\t{n}]"),
    NAMES.map(lambda n: f"[profile  {n} ]"),
    NAMES.map(lambda n: f'[profile "{n}"]'),
    NAMES.map(lambda n: f"[profile{n}]"),
    NAMES.map(lambda n: f"[sso-session {n}]"),
    NAMES.map(lambda n: f"[{n}]"),
    st.just("[services s]"),
    st.just("[preview]"),
)
SETTINGS = st.sampled_from([
    "region = us-east-1", "region = eu-west-1", "aws_access_key_id = AKIA1",
    "aws_secret_access_key = s", "role_arn = arn:aws:iam::111122223333:role/r",
    "source_profile = a", "sso_session = a", "sso_start_url = https://x/start",
    "credential_process = /bin/true",
    "s3 =\n  max_concurrent_requests = 10\n  addressing_style = path",
    "s3 =\n  not a setting", "ecr =\n\tendpoint_url = http://x", "# comment", "; comment", "",
    "region: ap-south-1", "mfa_serial = arn:aws:iam::1:mfa/me",
])
SECTION = st.tuples(HEADERS, st.lists(SETTINGS, max_size=4)).map(
    lambda hs: "\n".join([hs[0], *hs[1]])
)
FILES = st.lists(SECTION, max_size=6).map("\n".join)


def _botocore(base: Path) -> dict[str, dict[str, object]]:
    session = botocore.session.Session()
    session.set_config_variable("config_file", str(base / "config"))
    session.set_config_variable("credentials_file", str(base / "credentials"))
    return session.full_config["profiles"]


def _ours(base: Path) -> awsconfig.AwsConfig:
    env = {"HOME": str(base), "AWS_CONFIG_FILE": str(base / "config"),
           "AWS_SHARED_CREDENTIALS_FILE": str(base / "credentials")}
    return awsconfig.AwsConfig.load(env)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(config=FILES, credentials=FILES)
def test_profiles_are_exactly_what_botocore_loads(config: str, credentials: str) -> None:
    with TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "config").write_text(config, encoding="utf-8")
        (base / "credentials").write_text(credentials, encoding="utf-8")
        try:
            expected = _botocore(base)
        except ConfigParseError:
            with pytest.raises(ConfigError) as info:
                _ours(base)
            assert re.search(r", line [1-9]\d*: ", info.value.message), info.value.message
            return
        loaded = _ours(base)
        assert loaded.profiles == expected
        names = [p.name for p in awsconfig.list_profiles(
            {"HOME": tmp, "AWS_CONFIG_FILE": str(base / "config"),
             "AWS_SHARED_CREDENTIALS_FILE": str(base / "credentials")}
        ) if p.name != "(env)"]
        assert names == list(expected)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("[profile\tdev]\nregion = eu-west-1\n", ["dev"]),
        ('[profile "my name"]\nregion = eu-west-1\n', ["my name"]),
        ("[profile my name]\nregion = eu-west-1\n", []),
        ("[default]\ns3 =\n  addressing_style = path\nregion = eu-west-1\n", ["default"]),
    ],
)
def test_botocore_spellings(tmp_path: Path, text: str, names: list[str]) -> None:
    (tmp_path / "config").write_text(text, encoding="utf-8")
    assert list(_ours(tmp_path).profiles) == names


def test_broken_nested_block_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "config").write_text(
        "[default]\nregion = eu-west-1\ns3 =\n  addressing_style = path\n  oops\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        _ours(tmp_path)
    assert "config, line 5: cannot parse 'oops'" in info.value.message
