"""`ecr-tui inspect REPO[:TAG|@DIGEST]`: manifest, platforms, config, layers with history, referrers
and scan summary of one image, the detail tabs' twin on the command line."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ecr_tui.cli.target import target
from ecr_tui.core.errors import ConfigError
from ecr_tui.core.humanize import ellipsize


def add_parser(command: Any) -> None:
    """`command(name, help)` makes a subparser with the common options and --json."""
    inspect = command("inspect", "manifest, platforms, config, layers with history, referrers, "
                      "scan summary of one image")
    inspect.add_argument("image", metavar="REPO[:TAG|@DIGEST]",
                         help="a repository of the profile's registry, or any registry's public "
                         "image, e.g. public.ecr.aws/docker/library/nginx:latest (anonymously)")
    inspect.add_argument("--platform", metavar="OS/ARCH",
                         help="for an index: the platform image (default linux/amd64, else first)")


def image_reference(args: argparse.Namespace) -> tuple[str, str]:
    from ecr_tui.core.images.inspect import parse_reference

    try:
        return parse_reference(args.image)
    except ValueError:
        raise ConfigError(f"not an image reference: {args.image!r}",
                          fix="write REPO, REPO:TAG or REPO@sha256:...") from None


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.cli import output
    from ecr_tui.cli.anonymous import inspect
    from ecr_tui.core.anonymous_registry import outside_ecr
    from ecr_tui.core.images.inspect import inspect_image, inspection_json

    if (ref := outside_ecr(args.image)) is not None:  # any registry, anonymously
        data = inspect(ref, backend, args.platform)
    else:
        profile, region = target(backend, args)
        repository, reference = image_reference(args)
        data = inspection_json(
            inspect_image(backend, profile, region, repository, reference, args.platform)
        )
    if args.json:
        output.to_json(data, out)
    else:
        _inspect_text(data, out)
    return 0


def _inspect_text(data: dict[str, Any], out: TextIO) -> None:
    from ecr_tui.core.humanize import human_size

    config = data["config"]
    lines = [
        f"{data['repository']}:{data['reference']}  {data['digest']}",
        f"media type  {data['media_type']}",
        "platforms   " + ", ".join(
            "/".join(x for x in (p["os"], p["architecture"], p["variant"]) if x)
            for p in data["platforms"]),
        f"created     {config['created'] or '-'}",
        f"entrypoint  {' '.join(config['entrypoint']) or '-'}",
        f"cmd         {' '.join(config['cmd']) or '-'}",
        f"user        {config['user'] or '-'}    workdir {config['workdir'] or '-'}",
        "env names   " + (", ".join(config["env_names"]) or "-"),
        f"scan        {data['scan']['status'] or '-'} "
        + " ".join(f"{k} {v}" for k, v in data["scan"]["counts"].items()),
        "referrers   " + (", ".join(r["kind"] for r in data["referrers"]) or "none"),
        "layers",
    ]
    for layer in data["layers"]:
        size = "(empty)" if layer["empty_layer"] else human_size(layer["size"])
        lines.append(f"  {size:>9}  {ellipsize(' '.join(layer['created_by'].split()), 100)}")
    out.write("\n".join(lines) + "\n")
