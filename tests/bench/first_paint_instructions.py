"""Instructions to the first frame (valgrind callgrind), for the apps `bench_first_paint` times.

    python3 -m compileall -q ecr_tui && python3 -m tests.bench.first_paint_instructions

Each app runs under callgrind in tmux (120x35, PYTHONHASHSEED=0) and leaves with `os._exit`
the moment Textual hands its writer thread a frame holding the marker (a sitecustomize in a
temp dir patches the writer once Textual imports it). Stopping there, on the UI thread, keeps
the count to ±0.3 M run to run; stopping when the writer thread writes the frame does not
(the thread switch lands at a different point each run: 1,021-1,172 M seen for the demo).
Deterministic where wall clock is not on a shared machine; ratios vs the minimal app."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from tests.bench.bench_first_paint import HERE, settled_in
from tests.bench.timing import console_script, python_env
from tests.bench.world import bench_world

TAP = '''import os, sys, importlib.machinery as machinery
marker = os.environ.get("PAINT_MARKER")
class _Tap:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name != "textual.drivers._writer_thread":
            return None
        spec = machinery.PathFinder.find_spec(name, path, target)
        real = spec.loader.exec_module
        def exec_module(module):
            real(module)
            write = module.WriterThread.write
            def tapped(self, text):
                if marker in text:
                    os._exit(0)
                return write(self, text)
            module.WriterThread.write = tapped
        spec.loader.exec_module = exec_module
        return spec
if marker:
    sys.meta_path.insert(0, _Tap)
'''


def instructions(argv: list[str], marker: str, env: Mapping[str, str], tap: Path) -> int:
    out = tap / f"callgrind.{time.monotonic_ns()}"
    run_env = {**env, "PAINT_MARKER": marker, "PYTHONHASHSEED": "0",
               "PYTHONPATH": f"{tap}{os.pathsep}{env.get('PYTHONPATH', '')}"}
    words = " ".join(f"{k}={shlex.quote(v)}" for k, v in run_env.items())
    command = (f"env -i {words} valgrind --tool=callgrind --callgrind-out-file={out} "
               + " ".join(shlex.quote(a) for a in argv) + f" 2>{out}.log")
    socket = f"ecr-tui-cg-{os.getpid()}-{time.monotonic_ns()}"
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    subprocess.run([*tmux, "new-session", "-d", "-x", "120", "-y", "35", command], check=True)
    while subprocess.run([*tmux, "has-session"], capture_output=True).returncode == 0:
        time.sleep(0.3)
    for line in out.read_text().splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise RuntimeError(f"{argv}: no count (see {out}.log)")


def main() -> int:
    if not shutil.which("valgrind"):
        print("valgrind is not installed", file=sys.stderr)
        return 1
    with bench_world(quick=True, tags=False, accounts=False) as world, \
            tempfile.TemporaryDirectory(prefix="ecr-tui-cg-") as base:
        tap = Path(base)
        (tap / "sitecustomize.py").write_text(TAP)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tap)], check=True)
        env = python_env(world.env)
        env.setdefault("TERM", "xterm-256color")
        settled = {**env, **settled_in(tap / "settled")}
        cases = {
            "minimal Textual": ([sys.executable, str(HERE / "minimal_app.py")],
                                "profiles: default", env),
            "ecr-tui --demo": ([console_script("ecr-tui"), "--demo"], "prod-admin", env),
            "ecr-tui --demo (settled)": ([console_script("ecr-tui"), "--demo"], "prod-admin",
                                         settled),
            "ecr-tui (world)": ([console_script("ecr-tui")], "static-eu", env),
        }
        counts = {name: instructions(*case, tap) for name, case in cases.items()}
    floor = counts["minimal Textual"]
    for name, count in counts.items():
        print(f"{name:28s} {count / 1e6:9.1f} M  {count / floor:.3f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
