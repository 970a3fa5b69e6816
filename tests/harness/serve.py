"""Run the test world by hand: `python -m tests.harness.serve [--latency-ms N] [--env-file F]`.

Prints (or writes) the environment to use with `ecr-tui`, then serves until interrupted.
"""

from __future__ import annotations

import argparse
import shlex
import signal
import tempfile
import threading
from pathlib import Path

from tests.harness.world import running_world


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--env-file", type=Path, help="write `export K=V` lines here")
    args = parser.parse_args()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with tempfile.TemporaryDirectory(prefix="ecr-tui-world-") as base:
        with running_world(Path(base), latency_ms=args.latency_ms) as world:
            lines = [f"export {k}={shlex.quote(v)}" for k, v in sorted(world.env.items())]
            lines.append(f"export ECR_TUI_WORLD_REGISTRY={shlex.quote(world.registry_url)}")
            lines.append(f"export ECR_TUI_WORLD_BIG_REPO={shlex.quote(world.big_repo)}")
            text = "\n".join(lines) + "\n"
            if args.env_file:
                args.env_file.write_text(text)
            print(f"world up in {world.startup_seconds:.1f}s; registry {world.registry_url}",
                  flush=True)
            try:
                stop.wait()
            except KeyboardInterrupt:
                pass


if __name__ == "__main__":
    main()
