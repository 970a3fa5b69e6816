"""What a pasted error message names: the first ECR image reference (else the first reference of
any registry), the platform it asked for and the HTTP status it got, in the wording of ECS
(`CannotPullContainerError: … failed to resolve ref "…"`), kubelet events (`Failed to pull image
"…": rpc error: …`), docker (`Error response from daemon: manifest for … not found`), podman
(`initializing source docker://…`) and containerd (`unexpected status from HEAD request to
https://HOST/v2/REPO/manifests/TAG: 403 Forbidden`). Pure: no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ecr_tui.core.image_ref import ImageReference, parse_image_reference

_ECR_HOST = (
    r"(?:\d{12}\.dkr(?:\.ecr(?:-fips)?|-ecr(?:-fips)?)\.[a-z]{2}(?:-[a-z]+){1,2}-\d{1,2}"
    r"\.(?:amazonaws\.com(?:\.cn)?|on\.aws|on\.amazonwebservices\.com\.cn)|public\.ecr\.aws)"
)
_TOKEN_END = r"[^\s\"'`\\,;()<>\[\]{}|]*"
"""A reference ends at whitespace, a quote (plain or escaped), or punctuation no reference has."""
_ECR_TOKEN = rf"(?i)(?<![\w.-]){_ECR_HOST}(?::\d{{1,5}})?/{_TOKEN_END}"
_ANY_TOKEN = rf"(?<![\w./-])[a-z0-9][a-z0-9.-]*(?:\.[a-z0-9-]+|:\d{{1,5}})/{_TOKEN_END}"
_API_PATH = r"/v2/(?P<repo>.+?)/(?P<kind>manifests|blobs)/(?P<ref>[^/?#]+)$"
"""The registry API URL a client quotes (`https://HOST/v2/REPO/manifests/TAG`)."""

_PLATFORMS = (
    # docker: "no matching manifest for linux/arm64/v8 in the manifest list entries"
    r"no matching manifest for (?P<p>[a-z0-9]+/[a-z0-9_]+(?:/[a-z0-9]+)?)",
    # ECS: "image Manifest does not contain descriptor matching platform 'linux/arm64'"
    r"descriptor matching platform '(?P<p>[a-z0-9]+/[a-z0-9_]+(?:/[a-z0-9]+)?)'",
    # podman / containers-image: 'no image found in manifest list for architecture arm64,
    # variant "v8", OS linux' (and "image index", quoted values in newer releases)
    r'for architecture "?(?P<arch>[a-z0-9_]+)"?, variant "(?P<variant>[a-z0-9]*)", '
    r'OS "?(?P<os>[a-z0-9]+)"?',
    # docker / podman / kubelet flags: "--platform linux/arm64"
    r"--platform[= ](?P<p>[a-z0-9]+/[a-z0-9_]+(?:/[a-z0-9]+)?)",
)
_STATUS = (
    r"\b(?P<code>[45]\d\d) (?:Forbidden|Unauthorized|Not Found|Too Many Requests|Bad Request"
    r"|Internal Server Error|Service Unavailable|Bad Gateway|Gateway Timeout)\b",
    r"API error \((?P<code>[45]\d\d)\)",
    r"(?i)status(?: ?code)?[:=]? (?P<code>[45]\d\d)\b",
)


@dataclass(frozen=True, slots=True)
class Extracted:
    """What TEXT names. `reference` is None when no image reference with a registry host is in
    it; `candidate` is the text it was read from (for saying what was not understood)."""

    reference: ImageReference | None
    candidate: str = ""
    platform: str = ""
    """`os/arch[/variant]` as the message names it; empty when it names none."""
    http_status: int | None = None


def _trimmed(token: str) -> str:
    # A reference quoted mid-sentence ends before the sentence's ':' or '.' ("…:v42: not found").
    return token.rstrip(":.")


def _from_api_url(token: str) -> str:
    """`HOST/v2/REPO/manifests/REF` → `HOST/REPO:REF` (or `@REF` for a digest)."""
    host, _, path = token.partition("/")
    match = re.search(_API_PATH, "/" + path)
    if match is None:
        return token
    ref = match["ref"]
    if match["kind"] == "blobs":
        return f"{host}/{match['repo']}"  # a layer digest is no image: the repository only
    return f"{host}/{match['repo']}{'@' if ref.startswith('sha256:') else ':'}{ref}"


def _reference(token: str) -> ImageReference | None:
    text = _trimmed(token)
    if "/v2/" in text:
        text = _from_api_url(text)
    return parse_image_reference(text)


def _first(pattern: str, text: str, *, ecr_only: bool) -> tuple[ImageReference | None, str]:
    for match in re.finditer(pattern, text):
        ref = _reference(match.group(0))
        if ref is not None and (ref.is_ecr or not ecr_only):
            return ref, match.group(0)
    return None, ""


def _platform(text: str) -> str:
    for pattern in _PLATFORMS:
        match = re.search(pattern, text)
        if match is None:
            continue
        if "p" in match.groupdict():
            return match["p"]
        variant = f"/{match['variant']}" if match["variant"] else ""
        return f"{match['os']}/{match['arch']}{variant}"
    return ""


def _status(text: str) -> int | None:
    for pattern in _STATUS:
        match = re.search(pattern, text)
        if match is not None:
            return int(match["code"])
    return None


def extract(text: str) -> Extracted:
    """The first ECR reference in TEXT (a lone reference is its own first), else the first
    reference of another registry; and the platform and HTTP status TEXT names."""
    ref, candidate = _first(_ECR_TOKEN, text, ecr_only=True)
    if ref is None:
        ref, candidate = _first(_ANY_TOKEN, text, ecr_only=False)
    return Extracted(ref, candidate, _platform(text), _status(text))
