"""config.toml: one typed model, one warning line per problem, login sets written back safely."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from ecr_tui.core.errors import ConfigError
from ecr_tui.core.store.paths import cache_dir, config_dir, state_dir
from ecr_tui.core.store.settings import (
    ProfileRegion,
    Settings,
    config_path,
    load_settings,
    parse_settings,
    save_login_set,
)

GOOD = """\
# my settings
engine = "podman"
clipboard_clear_seconds = 30
theme = "nord"
regions = ["eu-west-1", "us-east-1"]
sso_role_preference = ["ReadOnly", "ECRReadOnly"]

[keys]
open-repository = "o"

[registries]
"111122223333.dkr.ecr.eu-west-1.amazonaws.com" = "prod"

[login_sets.oncall]
pairs = [
  { profile = "prod", region = "eu-west-1" },
  { profile = "Payments Prod/ReadOnly", region = "us-east-1" },
]
"""


def test_every_setting_is_read_into_its_typed_field() -> None:
    s = parse_settings(GOOD, Path("c.toml"))
    assert s.warnings == ()
    assert (s.engine, s.clipboard_clear_seconds, s.theme) == ("podman", 30.0, "nord")
    assert s.regions == ("eu-west-1", "us-east-1")
    assert s.sso_role_preference == ("ReadOnly", "ECRReadOnly")
    assert s.keys == {"open-repository": "o"}
    assert s.registries == {"111122223333.dkr.ecr.eu-west-1.amazonaws.com": "prod"}
    assert s.login_sets == {
        "oncall": (
            ProfileRegion("prod", "eu-west-1"),
            ProfileRegion("Payments Prod/ReadOnly", "us-east-1"),
        )
    }


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('engine = "rocket"', "engine: expected one of docker"),
        ("clipboard_clear_seconds = -1", "clipboard_clear_seconds: expected a number"),
        ("clipboard_clear_seconds = true", "clipboard_clear_seconds: expected a number"),
        ('regions = ["mars-1"]', "regions: expected a list of region names"),
        ("colour = 1", "unknown key 'colour'"),
        ("[login_sets.x]\npairs = [{ profile = 'p' }]", "login_sets.x: expected a table"),
        ("engine = ", "not valid TOML"),
    ],
)
def test_a_bad_value_is_one_line_naming_file_and_key(text: str, names: str) -> None:
    s = parse_settings(text, Path("/etc/c.toml"))
    assert len(s.warnings) == 1
    assert s.warnings[0].startswith("/etc/c.toml: ") and names in s.warnings[0]
    assert s.engine is None and s.login_sets == {}


def test_paths_follow_xdg_and_the_override(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": "relative/ignored"}
    assert config_dir(env) == tmp_path / ".config" / "ecr-tui"
    assert state_dir(env) == tmp_path / ".local" / "state" / "ecr-tui"
    assert cache_dir({"XDG_CACHE_HOME": "/c"}) == Path("/c/ecr-tui")
    assert config_path({"ECR_TUI_CONFIG": "/x/y.toml"}) == Path("/x/y.toml")
    assert load_settings(env) == Settings(tmp_path / ".config" / "ecr-tui" / "config.toml")


def test_unreadable_file_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "config.toml").mkdir()
    s = load_settings({"ECR_TUI_CONFIG": str(tmp_path / "config.toml")})
    assert len(s.warnings) == 1 and "cannot read" in s.warnings[0]


def test_saving_a_login_set_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.toml"
    env = {"ECR_TUI_CONFIG": str(path)}
    path.parent.mkdir()
    path.write_text(GOOD, encoding="utf-8")
    pairs = [ProfileRegion('we"ird', "ap-south-1"), ProfileRegion("prod", "eu-west-1")]
    save_login_set("oncall", pairs, env)
    save_login_set("new one", pairs[:1], env)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my settings\n") and text.count("[login_sets.") == 2
    s = load_settings(env)
    assert s.warnings == () and s.engine == "podman"
    assert s.login_sets == {"oncall": tuple(pairs), "new one": tuple(pairs[:1])}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_saving_refuses_rather_than_breaking_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    env = {"ECR_TUI_CONFIG": str(path)}
    path.write_text('[login_sets]\nx = { pairs = [] }\n', encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML|another way"):
        save_login_set("x", [ProfileRegion("p", "us-east-1")], env)
    assert path.read_text(encoding="utf-8") == before
    with pytest.raises(ConfigError, match="no pairs"):
        save_login_set("y", [], env)


def test_first_save_creates_a_private_directory(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path)}
    written = save_login_set("a", [ProfileRegion("p", "us-east-1")], env)
    assert written == tmp_path / ".config" / "ecr-tui" / "config.toml"
    assert stat.S_IMODE(written.parent.stat().st_mode) == 0o700
