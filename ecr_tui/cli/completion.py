"""Shell completion: `ecr-tui completion bash|zsh|fish` prints a script whose function asks
`ecr-tui __complete INDEX WORDS...` for candidates. Every answer comes from argparse, local AWS
config files and our repository-name cache: never a network call, never textual or boto3."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence

from ecr_tui.cli.parser import SHELLS

HIDDEN_COMMAND = "__complete"

_BASH = r"""# ecr-tui completion for bash: eval "$(ecr-tui completion bash)"
_ecr_tui() {
    local IFS=$'\n'
    COMPREPLY=($(ecr-tui __complete "$((COMP_CWORD - 1))" "${COMP_WORDS[@]:1}" 2>/dev/null))
}
complete -o default -F _ecr_tui ecr-tui
"""

_ZSH = r"""#compdef ecr-tui
# ecr-tui completion for zsh: eval "$(ecr-tui completion zsh)"
_ecr_tui() {
    local -a candidates
    candidates=("${(@f)$(ecr-tui __complete $((CURRENT - 2)) "${(@)words[2,-1]}" 2>/dev/null)}")
    compadd -- "${(@)candidates:#}"
}
compdef _ecr_tui ecr-tui
"""

_FISH = r"""# ecr-tui completion for fish: ecr-tui completion fish | source
function __ecr_tui_complete
    set -l words (commandline -opc)
    set -e words[1]
    ecr-tui __complete (count $words) $words (commandline -ct) 2>/dev/null
end
complete -c ecr-tui -f -a '(__ecr_tui_complete)'
"""

SCRIPTS = dict(zip(SHELLS, (_BASH, _ZSH, _FISH), strict=True))


def script(shell: str) -> str:
    return SCRIPTS[shell]


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse has no public walk of its tree
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [s for a in parser._actions for s in a.option_strings if s.startswith("--")]


def _value_of(words: Sequence[str], option: str) -> str | None:
    for index, word in enumerate(words[:-1]):
        if word == option:
            return words[index + 1]
        if word.startswith(option + "="):
            return word.partition("=")[2]
    return None


def _profiles() -> list[str]:
    from ecr_tui.core.errors import EcrTuiError
    from ecr_tui.core.models import ENV_PROFILE
    from ecr_tui.core.profiles import config as awsconfig

    try:
        return [p.name for p in awsconfig.list_profiles() if p.name != ENV_PROFILE]
    except EcrTuiError:
        return []


def _regions() -> list[str]:
    from ecr_tui.core.regions import ecr_regions

    return [r.name for r in ecr_regions("aws")]


def _positional(command: str, parser: argparse.ArgumentParser, words: Sequence[str]) -> list[str]:
    """Candidates for a positional argument of `command`."""
    if command == "tags":
        from ecr_tui.core.store.caches import cached_repository_names

        env = os.environ
        profile = _value_of(words, "--profile") or env.get("AWS_PROFILE")
        region = (_value_of(words, "--region") or env.get("AWS_REGION")
                  or env.get("AWS_DEFAULT_REGION"))
        # The registry the command would use when the cache knows it; else every name cached.
        return cached_repository_names(profile, region) or cached_repository_names()
    for action in parser._actions:
        if not action.option_strings and action.choices:
            return [str(c) for c in action.choices]
    return []


def candidates(words: Sequence[str], index: int) -> list[str]:
    """What may stand at `words[index]` (the word being typed, maybe empty)."""
    from ecr_tui.cli.parser import build_parser
    from ecr_tui.core.store.settings import ENGINES

    words = list(words[: index + 1])
    while len(words) <= index:
        words.append("")
    current, before = words[index], words[:index]
    root = build_parser()
    commands = _subparsers(root)
    command = next((w for w in before if w in commands), None)
    parser = commands[command] if command else root
    previous = before[-1] if before else ""
    values = {"--profile": _profiles, "--region": _regions, "--engine": lambda: list(ENGINES)}
    if previous in values:
        found: Iterable[str] = values[previous]()
    elif current.startswith("-"):
        found = _options(parser)
    elif command is None:
        found = [c for c in commands if not c.startswith("_")]
    else:
        found = _positional(command, parser, words)
    return sorted({f for f in found if f.startswith(current)})


def complete(argv: Sequence[str]) -> int:
    """`ecr-tui __complete INDEX WORDS...`: one candidate a line; silent on anything odd."""
    try:
        index = int(argv[0])
    except (IndexError, ValueError):
        return 0
    try:
        found = candidates(argv[1:], index)
    except Exception:  # noqa: BLE001 - completion must never print a traceback into a prompt
        return 0
    sys.stdout.write("".join(f"{c}\n" for c in found))
    return 0
