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


ODD_NAMES = st.sampled_from([
    "a", "my name", "x\ty", "x\u00a0y", "x\u2003y", "caf\u00e9", "a#b", "a;b", "q'uote",
    '"my name"', "'single'", '"unclosed', "back\\slash", "a b c", "", "\u00a0", "DEFAULT",
])
ODD_HEADERS = st.one_of(
    HEADERS,
    ODD_NAMES.map(lambda n: f"[profile {n}]"),
    ODD_NAMES.map(lambda n: f"[sso-session {n}]"),
    ODD_NAMES.map(lambda n: f"[profile{n}]"),
    st.sampled_from(["[DEFAULT]", "[Default]", "[profile]", "[sso-session]", "[profiles x]"]),
)
ODD_SETTINGS = st.one_of(SETTINGS, st.sampled_from([
    "Region = eu-west-1", "REGION: x", "sso_region = us-east-1", "key = a = b", "key =",
    "s3 =\n  a = 1\n\n  b = 2", "s3 =\n  a == 1", "  continued line", "key",
    "k = v ; not a comment", "region = eu-west-1\nregion = us-east-1",
]))
ODD_FILES = st.lists(
    st.tuples(ODD_HEADERS, st.lists(ODD_SETTINGS, max_size=4)).map(
        lambda hs: "\n".join([hs[0], *hs[1]])
    ),
    max_size=6,
).map("\n".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ODD_FILES)
def test_every_section_name_and_setting_reads_as_botocores_configloader(text: str) -> None:
    """Our reader (botocore is not imported for the TUI's first frame) against botocore's own,
    on names with quotes, tabs and other spaces, [DEFAULT], duplicates and broken blocks."""
    from botocore import configloader

    from ecr_tui.core.profiles.files import load_config_file, load_credentials_file

    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "config"
        path.write_text(text, encoding="utf-8")
        try:
            expected = configloader.load_config(str(path))
            raw = configloader.raw_config_parse(str(path))
        except ConfigParseError:
            with pytest.raises(ConfigError):
                load_config_file(path)
            with pytest.raises(ConfigError):
                load_credentials_file(path)
            return
        assert load_config_file(path) == (expected["profiles"], expected["sso_sessions"])
        assert load_credentials_file(path) == raw


def test_the_aws_files_are_read_without_botocore(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "config").write_text('[profile "my name"]\nregion = eu-west-1\n[default]\n')
    probe = (
        "import sys\nfrom pathlib import Path\n"
        "from ecr_tui.core.profiles.files import load_config_file\n"
        f"profiles, _ = load_config_file(Path({str(tmp_path / 'config')!r}))\n"
        "print(sorted(profiles), 'botocore' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "['default', 'my name'] False"
