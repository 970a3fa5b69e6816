"""`ecr-tui copy SOURCE DEST [--platform OS/ARCH | --all-platforms] [--with-referrers]`: an
image from any registry your profiles reach (or any public one) into an ECR repository, through
the Registry API, digests unchanged. A write: off unless --allow-writes or `writes = true`;
previewed on stderr, confirmed on the terminal (or --yes), refused by the preflight, audited."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

from ecr_tui.cli.writes import EXIT_FAILED, EXIT_USAGE, NO_TERMINAL, confirm, report
from ecr_tui.core.errors import ConfigError

if TYPE_CHECKING:
    from ecr_tui.core.copy_records import CopyEnd, CopyProgress
    from ecr_tui.core.image_ref import ImageReference

EXAMPLE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1"


def add_parser(command: Any) -> None:
    copy = command("copy", "copy an image into an ECR repository through the Registry API, "
                   "digests unchanged (a write: needs --allow-writes)")
    copy.add_argument("source", metavar="SOURCE",
                      help="HOST/REPO:TAG or HOST/REPO@DIGEST: ECR in any account and region "
                      "your profiles reach, public.ecr.aws, or any registry's public image")
    copy.add_argument("destination", metavar="DEST",
                      help="HOST/REPO[:TAG] in ECR (the tag defaults to the source's)")
    which = copy.add_mutually_exclusive_group()
    which.add_argument("--platform", metavar="OS/ARCH",
                       help="from an index, copy only this platform's manifest: the "
                       "destination tag then names that child's digest")
    which.add_argument("--all-platforms", action="store_true",
                       help="copy the whole index, every platform (the default: the digest "
                       "stays the source's, so what is pinned to it finds the same image)")
    copy.add_argument("--with-referrers", action="store_true",
                      help="copy its signatures, SBOMs and attestations after it")
    copy.add_argument("--yes", action="store_true",
                      help="confirm without asking (scripts; never implied)")


def _parse(text: str, what: str) -> ImageReference:
    from ecr_tui.core.image_ref import parse_image_reference

    ref = parse_image_reference(text)
    if ref is None:
        raise ConfigError(f"{what} is not a full image reference: {text!r}",
                          fix=f"write HOST/REPOSITORY:TAG, e.g. {EXAMPLE}")
    return ref


def _route(backend: Any, host: str, demo: bool) -> tuple[str, str]:
    """The profile (and region) for an ECR host, found from the account in it as the
    credential helper finds it (config.toml's [registries] first)."""
    if demo:  # the demo knows every profile's account without a call
        from ecr_tui.core.errors import EcrTuiError
        from ecr_tui.core.hosts import parse_registry_host

        parsed = parse_registry_host(host)
        found = []
        for profile in backend.profiles():
            try:
                if parsed and backend.account_id(profile.name, parsed.region) == \
                        parsed.account_id:
                    found.append((profile.name, parsed.region))
            except EcrTuiError:
                continue
    else:
        from ecr_tui.credential_helper import NoRoute, resolve

        try:
            found = resolve(host, backend, os.environ)
        except NoRoute:
            found = []
    if not found:
        raise ConfigError(f"no profile reaches {host}", fix="add a profile of its account, or "
                          f'map it in config.toml: [registries] "{host}" = "PROFILE"')
    return found[0]


def end_of(backend: Any, ref: ImageReference, demo: bool) -> CopyEnd:
    from ecr_tui.core.copy_records import CopyEnd

    reference = ref.digest or ref.tag
    if not ref.is_ecr or ref.is_public:
        return CopyEnd(ref.host, ref.repository, reference)
    profile, region = _route(backend, ref.host, demo)
    assert ref.registry is not None
    return CopyEnd(ref.host, ref.repository, reference, profile,
                   ref.registry.region or region, ref.registry.account_id)


def _ends(args: argparse.Namespace) -> tuple[ImageReference, ImageReference]:
    source, destination = _parse(args.source, "SOURCE"), _parse(args.destination, "DEST")
    if not (source.digest or source.tag):
        raise ConfigError(f"SOURCE names no tag or digest: {args.source!r}",
                          fix="add :TAG or @sha256:... (a copy never implies latest)")
    if destination.digest:
        raise ConfigError(f"DEST takes a tag, not a digest: {args.destination!r}",
                          fix="the digest at the destination is the source's; name a tag")
    if not destination.is_ecr or destination.is_public:
        raise ConfigError(f"copy writes only to private ECR registries; {destination.host} "
                          "is not one", fix=f"name an ECR destination, e.g. {EXAMPLE}")
    return source, destination


class _Progress:
    """Progress on stderr: one rewritten line on a terminal, else a line per blob."""

    def __init__(self, err: TextIO) -> None:
        self._err = err
        self._tty = err.isatty()
        self._blobs = -1

    def __call__(self, progress: CopyProgress) -> None:
        if self._tty:
            self._err.write(f"\r  {progress.line()}\x1b[K")
        elif progress.blobs_done != self._blobs or progress.manifests_done:
            self._err.write(f"  {progress.line()}\n")
        self._blobs = progress.blobs_done
        self._err.flush()

    def close(self) -> None:
        if self._tty and self._blobs >= 0:
            self._err.write("\n")


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    return run_copy_command(args, backend, out, sys.stdin, sys.stderr)


def run_copy_command(
    args: argparse.Namespace, backend: Any, out: TextIO, stdin: TextIO, err: TextIO
) -> int:
    from ecr_tui.core.copy.preview import write_plan
    from ecr_tui.core.copy.run import run_copy
    from ecr_tui.core.copy_records import CopyRequest
    from ecr_tui.core.write_records import WRITES_OFF
    from ecr_tui.core.writes.run import decline, refuse_writes_off

    source, destination = _ends(args)
    if not backend.writes_enabled():  # before any call: nothing leaves
        region = destination.registry.region if destination.registry else ""
        refuse_writes_off(backend, "", region, "copy", destination.repository,
                          destination.tag or source.tag)
        err.write(f"ecr-tui: error: {WRITES_OFF}\n")
        return EXIT_USAGE
    demo = bool(getattr(args, "demo", False))
    request = CopyRequest(end_of(backend, source, demo), end_of(backend, destination, demo),
                          platform=args.platform or "", with_referrers=args.with_referrers)
    plan = backend.copy_plan(request)
    write = write_plan(plan)
    err.write("\n".join(write.preview()) + "\n")
    status = EXIT_FAILED
    why = None if write.blocking(force=False) else confirm(args.yes, stdin, err)
    if why is None:
        progress = _Progress(err)
        try:
            result = run_copy(backend, plan, write, on_progress=progress)
        finally:
            progress.close()
    else:
        result = decline(backend, write, why)
        status = EXIT_USAGE if why == NO_TERMINAL else EXIT_FAILED
    name = f"{destination.host}/{result.repository}:{result.tag or '-'}"
    return report(result, name, args.json, out, err, status)
