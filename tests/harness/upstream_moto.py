"""The harness's moto (:mod:`tests.harness.moto_launcher`) with more pull-through-cache rules,
for a world of a test's own: ``python -m tests.harness.upstream_moto --rule PREFIX=HOST [...]
-- LAUNCHER ARGS``. Each rule's upstream is a registry on loopback (e.g. the bearer front of
:mod:`tests.harness.bearer_front`), like quay.io's (no credential). The shared world's rules
are not touched: only this process serves the extra ones."""

from __future__ import annotations

import argparse

from tests.harness import moto_launcher, pull_through


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rule", action="append", default=[], metavar="PREFIX=HOST",
                        help="one more rule: ECR repository prefix = upstream registry host")
    args, rest = parser.parse_known_args(argv)
    extra = tuple((prefix, host, "quay", "ROOT", None)
                  for prefix, _eq, host in (r.partition("=") for r in args.rule))
    pull_through.RULES = (*pull_through.RULES, *extra)
    return moto_launcher.main([a for a in rest if a != "--"])


if __name__ == "__main__":
    raise SystemExit(main())
