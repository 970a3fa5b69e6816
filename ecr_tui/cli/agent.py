"""`ecr-tui agent [status|stop]`: the credential helper's token agent. No action runs it in the
foreground (to watch it, or to debug); the first `docker-credential-ecr-tui get` that finds
none starts it detached."""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from typing import Any, TextIO


def add_parser(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    text = ("the credential helper's token agent: run it in the foreground, or say what it "
            "holds (status), or stop it")
    agent = sub.add_parser("agent", help=text, description=text)
    common(agent)
    agent.add_argument("action", nargs="?", choices=("status", "stop"),
                       help="status: pid, idle time and the tokens held (never a secret); "
                       "stop: every agent of yours")
    agent.add_argument("--json", action="store_true", help="status: print JSON")


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.agent import client, place

    if args.demo:
        out.write("demo mode: no agent runs; the demo fetches no token (nothing was started)\n")
        return 0
    if args.action is None:
        from ecr_tui.agent.server import serve
        from ecr_tui.core.errors import ConfigError
        from ecr_tui.core.store.settings import load_settings

        if not load_settings(os.environ).agent:
            raise ConfigError("the agent is off (agent = false in config.toml)",
                              fix="set agent = true, or remove the line")
        return serve(os.environ, out)
    replies = [client.request(path, args.action) for path in place.sockets(os.environ)]
    found = [r for r in replies if r is not None and r.get("kind") in ("status", "stopped")]
    if args.action == "stop":
        for reply in found:
            out.write(f"stopped the agent (pid {reply.get('pid')})\n")
        if not found:
            out.write("no agent is running\n")
        return 0
    if args.json:
        out.write(json.dumps([_public(r) for r in found], indent=2) + "\n")
        return 0
    if not found:
        out.write("no agent is running (the first docker-credential-ecr-tui get starts one)\n")
    for reply in found:
        out.writelines(f"{line}\n" for line in _describe(reply))
    return 0


def _public(reply: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in reply.items() if k != "kind"}


def _describe(reply: dict[str, Any]) -> list[str]:
    from ecr_tui.core.humanize import human_remaining

    def span(seconds: float) -> str:
        return human_remaining(max(1.0, seconds))

    started = float(reply.get("started_at") or time.time())
    idle_left = float(reply.get("idle_seconds") or 0) - float(reply.get("idle_for") or 0)
    tokens = reply.get("tokens") or []
    lines = [
        f"agent pid {reply.get('pid')} on {reply.get('socket')}",
        f"  up {span(time.time() - started)}, {reply.get('answered', 0)} gets answered, "
        f"{reply.get('refused', 0)} other users refused; leaves after {span(idle_left)} "
        "without a request",
        f"  holds {len(tokens)} token(s) in memory" + (":" if tokens else ""),
    ]
    lines += [
        f"    {t.get('registry')}  {t.get('profile')}  {t.get('region')}  expires in "
        f"{_left(str(t.get('expires_at')))}"
        for t in tokens
    ]
    return lines


def _left(expires_at: str) -> str:
    from datetime import datetime, timezone

    from ecr_tui.core.humanize import human_remaining

    try:
        when = datetime.fromisoformat(expires_at)
    except ValueError:
        return "?"
    return human_remaining((when - datetime.now(timezone.utc)).total_seconds())
