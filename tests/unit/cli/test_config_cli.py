"""`ecr-tui config path | show | check`, and the settings reaching the CLI commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ecr_tui.core.store.settings import parse_settings


def _run(args: list[str], tmp_path: Path, config: str | None = None,
         **extra: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(tmp_path / "c"),
           "XDG_STATE_HOME": str(tmp_path / "s"), **extra}
    if config is not None:
        path = tmp_path / "my.toml"
        path.write_text(config)
        env["ECR_TUI_CONFIG"] = str(path)
    return subprocess.run([sys.executable, "-m", "ecr_tui", *args], env=env, capture_output=True,
                          text=True, timeout=60)


def test_path_follows_xdg_and_the_override(tmp_path: Path) -> None:
    assert _run(["config", "path"], tmp_path).stdout == f"{tmp_path}/c/ecr-tui/config.toml\n"
    assert _run(["config", "path"], tmp_path, "").stdout == f"{tmp_path}/my.toml\n"


def test_check_exits_1_with_one_line_per_problem(tmp_path: Path) -> None:
    good = _run(["config", "check"], tmp_path, 'engine = "podman"\n[keys]\njump = "ctrl+g"\n')
    assert good.returncode == 0 and good.stdout.endswith(": ok\n") and good.stderr == ""
    bad = _run(["config", "check"], tmp_path,
               'engine = "rkt"\ncolour = 1\n[keys]\nnope = "x"\njump = "slash"\n')
    assert bad.returncode == 1
    lines = bad.stderr.splitlines()
    assert len(lines) == 4, lines
    assert all(line.startswith(f"ecr-tui: {tmp_path}/my.toml: ") for line in lines)
    assert "engine: expected one of docker" in lines[0]
    assert "unknown key 'colour'" in lines[1]
    assert "unknown binding id 'nope'" in bad.stderr and "clashes with" in bad.stderr
    missing = _run(["config", "check"], tmp_path)
    assert missing.returncode == 0 and "no file" in missing.stdout


def test_show_prints_the_settings_and_defaults_prints_the_example(tmp_path: Path) -> None:
    shown = _run(["config", "show"], tmp_path, 'theme = "nord"\nregions = ["eu-west-1"]\n')
    assert shown.returncode == 0
    again = parse_settings(shown.stdout, Path("x"))
    assert again.warnings == () and again.theme == "nord" and again.regions == ("eu-west-1",)
    example = _run(["config", "show", "--defaults"], tmp_path)
    assert example.returncode == 0 and "# [keys]" in example.stdout
    assert parse_settings(example.stdout, Path("x")).warnings == ()  # all comments


def test_a_command_warns_once_on_stderr_and_uses_the_configured_engine(tmp_path: Path) -> None:
    result = _run(["login", "--demo"], tmp_path, 'engine = "podman"\nbogus = 1\n')
    assert result.returncode == 0, result.stderr
    assert "podman" in result.stdout
    assert result.stderr.count("unknown key 'bogus'") == 1
    assert result.stderr.startswith("ecr-tui: warning: ")


def test_clipboard_clear_order_flag_then_env_then_config_then_60(monkeypatch) -> None:  # noqa: ANN001
    from ecr_tui.cli.main import _clear_seconds
    from ecr_tui.cli.parser import build_parser

    configured = parse_settings("clipboard_clear_seconds = 15\n", Path("x"))
    nothing = parse_settings("", Path("x"))
    monkeypatch.delenv("ECR_TUI_CLIPBOARD_CLEAR_SECONDS", raising=False)
    plain, flagged = build_parser().parse_args([]), build_parser().parse_args(
        ["--clipboard-clear", "5"])
    assert _clear_seconds(plain, nothing) == 60
    assert _clear_seconds(plain, configured) == 15
    assert _clear_seconds(flagged, configured) == 5
    monkeypatch.setenv("ECR_TUI_CLIPBOARD_CLEAR_SECONDS", "9")
    assert _clear_seconds(plain, configured) == 9
    assert _clear_seconds(flagged, configured) == 5


def test_check_rejects_a_theme_textual_does_not_have(tmp_path: Path) -> None:
    bad = _run(["config", "check"], tmp_path, 'theme = "nope"\n')
    assert bad.returncode == 1
    lines = bad.stderr.splitlines()
    assert len(lines) == 1 and f"{tmp_path}/my.toml: theme: unknown theme 'nope'" in lines[0]
    assert "nord" in lines[0]  # names the themes there are
    good = _run(["config", "check"], tmp_path, 'theme = "nord"\n')
    assert good.returncode == 0 and good.stderr == ""
