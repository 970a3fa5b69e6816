"""`python3 -m tests.bench [--quick] [--only NAME] [--runs N] [--markdown FILE]`."""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

from tests.bench import (
    bench_accounts,
    bench_agent,
    bench_copy,
    bench_credhelper,
    bench_find,
    bench_first_paint,
    bench_fleet,
    bench_inspect,
    bench_password,
    bench_password_public,
    bench_tab_switch,
    bench_tags,
    bench_tags_detail,
    bench_tui,
    bench_tui_tags,
    bench_usage,
)
from tests.bench.timing import Row
from tests.bench.world import bench_world

BENCHMARKS = {
    "password": (bench_password.run, 7),
    "tags": (bench_tags.run, 3),
    "tags-detail": (bench_tags_detail.run, 5),
    "first-paint": (bench_first_paint.run, 7),
    "tui": (bench_tui.run, 1),
    "tui-tags": (bench_tui_tags.run, 5),
    "accounts": (bench_accounts.run, 3),
    "credhelper": (bench_credhelper.run, 11),
    "fleet": (bench_fleet.run, 3),
    "find": (bench_find.run, 3),
    "inspect": (bench_inspect.run, 5),
    "tab-switch": (bench_tab_switch.run, 5),
    "usage": (bench_usage.run, 3),
    "password-public": (bench_password_public.run, 7),  # its own ECR Public stand-in
    "copy": (bench_copy.run, 3),
    "agent": (bench_agent.run, 20),
}
NEEDS_WORLD = {
    "password", "tags", "tags-detail", "first-paint", "accounts", "credhelper", "inspect",
    "tui-tags", "agent",
}


def _fmt(value: float, unit: str) -> str:
    return f"{value:.3f} {unit}" if unit == "s" else f"{value:.1f} {unit}"


def table(rows: list[Row]) -> str:
    lines = [
        "| benchmark | ours | peer(s) | ratio | goal | met? |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        peers = ", ".join(f"{k} {_fmt(v, r.unit)}" for k, v in r.peers.items()) or "-"
        ratios = ", ".join(
            f"{v:.2f}x {k}" for k, v in r.ratios.items() if k != "limit"
        ) or "-"
        met = "yes" if r.met else "no"
        note = f" ({r.note})" if r.note else ""
        lines.append(
            f"| {r.benchmark} | {_fmt(r.ours, r.unit)} | {peers} | {ratios} | {r.goal_text()} "
            f"| {met}{note} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs, 5k tags only")
    parser.add_argument("--only", choices=sorted(BENCHMARKS), action="append")
    parser.add_argument("--runs", type=int, help="override the runs of every benchmark")
    parser.add_argument("--markdown", help="also write the table to this file")
    args = parser.parse_args()
    chosen = args.only or list(BENCHMARKS)
    started = time.monotonic()
    compile_like_an_install()
    rows: list[Row] = []
    need_world = bool(NEEDS_WORLD & set(chosen))
    tags = bool({"tags", "tags-detail", "tui-tags"} & set(chosen))
    world_cm = bench_world(quick=args.quick, tags=tags, accounts="accounts" in chosen)
    with world_cm if need_world else _null() as world:
        if world is not None:
            print(f"bench world up in {world.startup_seconds:.1f} s", file=sys.stderr)
        for name in chosen:
            fn, runs = BENCHMARKS[name]
            runs = args.runs or (max(1, runs // 2) if args.quick else runs)
            t0 = time.monotonic()
            rows += fn(world, runs=runs)
            print(f"{name}: {time.monotonic() - t0:.0f} s", file=sys.stderr)
    elapsed = time.monotonic() - started
    text = table(rows)
    print(text)
    print(f"\ntotal {elapsed:.0f} s on {platform.machine()} ({platform.python_version()})")
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as fh:
            fh.write(text + f"\n\ntotal {elapsed:.0f} s\n")
    return 0


def compile_like_an_install() -> None:
    """Bytecode for ecr_tui, as `pip install .` writes it: every peer (Textual, boto3, the
    aws CLI) starts from installed .pyc files, and PYTHONDONTWRITEBYTECODE (set on this
    project's machines) would otherwise charge ours for compiling its source on every start."""
    import compileall

    import ecr_tui

    compileall.compile_dir(os.path.dirname(ecr_tui.__file__), quiet=1)


class _null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


if __name__ == "__main__":
    sys.exit(main())
