"""The commented example config.toml (`ecr-tui config show --defaults`) and the settings in force
written back as TOML (`ecr-tui config show`)."""

from __future__ import annotations

from ecr_tui.core.store.settings import Settings, toml_string

EXAMPLE = """\
# ecr-tui settings: $XDG_CONFIG_HOME/ecr-tui/config.toml (or the path in $ECR_TUI_CONFIG).
# Nothing here is required; every line below shows its default or an example, commented out.
# `ecr-tui config check` reports unknown keys and bad values (exit 1), as the app does at start.

# Container client `l` and `ecr-tui login` use: docker, podman, finch, nerdctl, helm or oras.
# Default: the first one found, docker first. `--engine` wins.
# engine = "docker"

# Seconds before a copied password is cleared from the clipboard (0: never).
# Order: --clipboard-clear, then $ECR_TUI_CLIPBOARD_CLEAR_SECONDS, then this, then 60.
# clipboard_clear_seconds = 60

# A Textual theme, e.g. "textual-dark", "nord", "gruvbox", "tokyo-night", "textual-light".
# A theme chosen in the palette (ctrl+p, Change theme) is remembered apart, in
# $XDG_STATE_HOME/ecr-tui/remembered.json, and wins until you change this line.
# theme = "textual-dark"

# Regions always shown first in the region list (with the profile's region and the regions
# where the account has repositories); the others fold under "other regions".
# regions = ["us-east-1", "eu-west-1"]

# Role names to prefer, in order, when one role per SSO account is enough.
# sso_role_preference = ["ReadOnly", "ECRReadOnly"]

# Writes to ECR (tag, untag, delete: `T`, `U`, `X` and the commands) without --allow-writes.
# Off by default: ecr-tui is read-only until this or --allow-writes turns writes on.
# writes = false

# Seconds one (account, region)'s workloads (ECS, Lambda: "In use where") are kept before they
# are read again; `r` reads them now.
# usage_ttl_seconds = 600

# The credential helper's token agent (`ecr-tui agent status`): ECR tokens and role credentials
# kept in memory by one process of yours, so parallel pulls ask AWS once per registry.
# false: every docker-credential-ecr-tui get fetches its own token, and no agent is started.
# agent = true

# Keys: a binding id, then its keys (comma-separated). The ids are in the help screen (?).
# [keys]
# open-repository = "o"
# toggle-favourite = "f5"
# jump = "colon,ctrl+g"

# Registry host -> profile, for the credential helper.
# [registries]
# "111122223333.dkr.ecr.eu-west-1.amazonaws.com" = "prod"

# Login sets: several (profile, region) pairs logged in at once.
# [login_sets.oncall]
# pairs = [
#   { profile = "prod", region = "eu-west-1" },
#   { profile = "staging", region = "us-east-1" },
# ]
"""


def _list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def render(settings: Settings) -> str:
    """The settings in force as TOML; a default left unset is a comment."""
    lines = [f"# settings in force, from {settings.path}"]

    def scalar(key: str, value: object, default: str) -> None:
        if value is None:
            lines.append(f"# {key} = {default}  (default)")
        elif isinstance(value, str):
            lines.append(f"{key} = {toml_string(value)}")
        else:
            lines.append(f"{key} = {value:g}" if isinstance(value, float) else f"{key} = {value}")

    scalar("engine", settings.engine, '"docker" (the first found)')
    scalar("clipboard_clear_seconds", settings.clipboard_clear_seconds, "60")
    scalar("theme", settings.theme, '"textual-dark"')
    lines.append(f"agent = {'true' if settings.agent else 'false'}")
    lines.append(f"regions = {_list(settings.regions)}")
    lines.append(f"sso_role_preference = {_list(settings.sso_role_preference)}")
    lines.append(f"writes = {'true' if settings.writes else 'false'}")
    scalar("usage_ttl_seconds", settings.usage_ttl_seconds, "600")
    for table, values in (("keys", settings.keys), ("registries", settings.registries)):
        lines += ["", f"[{table}]"]
        lines += [f"{toml_string(k)} = {toml_string(v)}" for k, v in values.items()]
    for name, pairs in settings.login_sets.items():
        body = "".join(
            f"  {{ profile = {toml_string(p.profile)}, region = {toml_string(p.region)} }},\n"
            for p in pairs
        )
        lines += ["", f"[login_sets.{toml_string(name)}]", f"pairs = [\n{body}]"]
    return "\n".join(lines) + "\n"
