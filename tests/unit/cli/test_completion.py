"""Shell completion: a real bash sources `ecr-tui completion bash` and completes commands, options,
engines, profiles (local AWS config) and repository names (our cache), with no network."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ecr_tui.cli import completion
from ecr_tui.core.store.caches import store_repository_names

REPO_ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture()
def shell_env(tmp_path: Path) -> dict[str, str]:
    """A PATH with an `ecr-tui` shim running this checkout, and a throwaway HOME."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "ecr-tui"
    shim.write_text(f"#!{sys.executable}\nfrom ecr_tui.cli.main import entry\nentry()\n")
    shim.chmod(0o755)
    aws = tmp_path / "aws-config"
    aws.write_text("[default]\nregion = us-east-1\n[profile prod-admin]\nregion = eu-west-1\n"
                   "[profile dev-sso]\nsso_session = s\nsso_account_id = 1\n"
                   "sso_role_name = R\n[sso-session s]\nsso_start_url = https://x\n"
                   "sso_region = us-east-1\n")
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(REPO_ROOT),
        "HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "AWS_CONFIG_FILE": str(aws),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
        "HTTPS_PROXY": "http://127.0.0.1:9",  # any network call would fail loudly
    }
    store_repository_names("prod-admin", "eu-west-1", ["team/api", "team/web", "base/node"], env)
    store_repository_names("default", "us-east-1", ["tools/ci"], env)
    return env


def bash_complete(env: dict[str, str], *words: str) -> list[str]:
    """Source the script in a real bash and run its function as bash's completion would."""
    quoted = " ".join(f"'{w}'" for w in ("ecr-tui", *words))
    script = (
        'source <(ecr-tui completion bash)\n'
        'complete -p ecr-tui >/dev/null || exit 3\n'
        f"COMP_WORDS=({quoted}); COMP_CWORD={len(words)}\n"
        '_ecr_tui\nprintf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], env=env,
                            capture_output=True, text=True, timeout=60, check=True)
    return [line for line in result.stdout.splitlines() if line]


pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")


def test_bash_completes_commands_options_engines_profiles_and_repositories(
    shell_env: dict[str, str],
) -> None:
    assert bash_complete(shell_env, "lo") == ["login"]
    assert "tags" in bash_complete(shell_env, "") and "__complete" not in bash_complete(
        shell_env, "")
    assert bash_complete(shell_env, "login", "--e") == ["--engine"]
    assert bash_complete(shell_env, "login", "--engine", "") == list(sorted(
        ("docker", "podman", "finch", "nerdctl", "helm", "oras")))
    assert bash_complete(shell_env, "--profile", "") == ["default", "dev-sso", "prod-admin"]
    assert bash_complete(shell_env, "repos", "--profile", "pr") == ["prod-admin"]
    assert bash_complete(shell_env, "tags", "--profile", "prod-admin", "--region", "eu-west-1",
                         "team/") == ["team/api", "team/web"]
    assert bash_complete(shell_env, "tags", "t") == ["team/api", "team/web", "tools/ci"]
    env = {**shell_env, "AWS_PROFILE": "default", "AWS_REGION": "us-east-1"}
    assert bash_complete(env, "tags", "t") == ["tools/ci"]  # the registry the command would use
    assert bash_complete(shell_env, "completion", "") == ["bash", "fish", "zsh"]
    assert bash_complete(shell_env, "config", "") == ["check", "path", "show"]
    assert "eu-west-1" in bash_complete(shell_env, "--region", "eu-")


def test_the_scripts_name_the_hidden_command() -> None:
    for shell in completion.SHELLS:
        text = completion.script(shell)
        assert "ecr-tui __complete" in text


def zsh_complete(env: dict[str, str], *words: str) -> list[str]:
    """zsh: compsys loaded, the script sourced, compadd caught, the function run on `words`."""
    quoted = " ".join(f"'{w}'" for w in ("ecr-tui", *words))
    script = (
        "autoload -U compinit; compinit -u -D\n"
        "source <(ecr-tui completion zsh)\n"
        'compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }\n'
        f"words=({quoted}); CURRENT={len(words) + 1}; _ecr_tui\n"
    )
    result = subprocess.run(["zsh", "-f", "-c", script], env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    return [line for line in result.stdout.splitlines() if line]


def fish_complete(env: dict[str, str], line: str) -> list[str]:
    """fish: the script sourced, then `complete -C LINE` lists what tab would offer."""
    script = f"ecr-tui completion fish | source; complete -C'ecr-tui {line}'"
    result = subprocess.run(["fish", "--no-config", "-c", script], env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    return [x.split("\t")[0] for x in result.stdout.splitlines() if x]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh not installed")
def test_zsh_completes_from_the_same_answers(shell_env: dict[str, str]) -> None:
    assert zsh_complete(shell_env, "lo") == ["login"]
    assert zsh_complete(shell_env, "login", "--engine", "p") == ["podman"]
    assert zsh_complete(shell_env, "tags", "--profile", "prod-admin", "team/") == [
        "team/api", "team/web"]


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish not installed")
def test_fish_completes_from_the_same_answers(shell_env: dict[str, str]) -> None:
    assert fish_complete(shell_env, "lo") == ["login"]
    assert fish_complete(shell_env, "login --engine p") == ["podman"]
    assert fish_complete(shell_env, "--profile d") == ["default", "dev-sso"]
    assert fish_complete(shell_env, "tags team/") == ["team/api", "team/web"]


def test_odd_input_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert completion.complete(["x"]) == 0
    assert completion.complete([]) == 0
    assert capsys.readouterr().out == ""
