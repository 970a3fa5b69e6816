"""Parse registry payloads (manifests, image configs, error bodies) into domain objects.

Pure functions over bytes: no HTTP here. Malformed input raises ValueError; the
registry client turns that into a RegistryError naming the host.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from itertools import repeat
from typing import Any

from ecr_tui.core.humanize import ellipsize
from ecr_tui.core.models import (
    HistoryEntry,
    ImageConfig,
    LayerDescriptor,
    ManifestInfo,
    PlatformManifest,
)

OCI_INDEX = "application/vnd.oci.image.index.v1+json"
DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_V1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws"
DOCKER_V1 = "application/vnd.docker.distribution.manifest.v1+json"
MANIFEST_ACCEPT = ", ".join(
    (OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_V2, DOCKER_V1_SIGNED, DOCKER_V1)
)

IMAGE_CONFIGS = frozenset({
    "application/vnd.oci.image.config.v1+json",
    "application/vnd.docker.container.image.v1+json",
    "",
})
SUMMARY_LIMIT = 200

_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?"
    r"(?:([Zz])|([+-])(\d{2}):?(\d{2}))?"
)


def load_json_object(body: bytes) -> dict[str, Any]:
    """JSON whatever the Content-Type said; the top level must be an object."""
    data = json.loads(body)
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    return data


def parse_tags(body: bytes) -> list[str]:
    tags = load_json_object(body).get("tags")
    if tags is None:
        return []
    # map: the check runs in C (a generator was ~5 ms of a 50,000-tag listing's CPU)
    if not isinstance(tags, list) or not all(map(isinstance, tags, repeat(str))):
        raise ValueError("tags is not a list of strings")
    return tags


def parse_manifest(body: bytes, content_type: str = "", digest_header: str = "") -> ManifestInfo:
    data = load_json_object(body)
    media_type = str(data.get("mediaType") or content_type.split(";")[0].strip())
    digest = digest_header.strip() or "sha256:" + hashlib.sha256(body).hexdigest()
    annotations = _string_pairs(data.get("annotations"))
    subject = data.get("subject")
    extra: dict[str, Any] = {
        "artifact_type": _text(data.get("artifactType")),
        "subject": _text(subject.get("digest")) if isinstance(subject, dict) else "",
    }
    if isinstance(data.get("manifests"), list):
        return ManifestInfo(
            digest=digest,
            media_type=media_type or OCI_INDEX,
            platforms=tuple(_platforms(data["manifests"])),
            annotations=annotations,
            **extra,
        )
    if isinstance(data.get("fsLayers"), list):
        return ManifestInfo(
            digest=digest,
            media_type=media_type or DOCKER_V1,
            layer_count=len(data["fsLayers"]),
            annotations=annotations,
        )
    config = data.get("config")
    layers = data.get("layers")
    if not isinstance(config, dict) or not isinstance(layers, list):
        raise ValueError("neither an index nor an image manifest")
    descriptors = [config, *layers]
    if not all(isinstance(d, dict) for d in descriptors):
        raise ValueError("malformed descriptor")
    return ManifestInfo(
        digest=digest,
        media_type=media_type or OCI_MANIFEST,
        config_digest=str(config.get("digest", "")),
        layer_count=len(layers),
        size_bytes=sum(_size(d) for d in descriptors),
        annotations=annotations,
        layers=tuple(
            LayerDescriptor(_text(d.get("digest")), _size(d), _text(d.get("mediaType")))
            for d in layers
        ),
        artifact_type=extra["artifact_type"] or _artifact_config(config),
        subject=extra["subject"],
    )


def parse_image_config(body: bytes) -> ImageConfig:
    data = load_json_object(body)
    inner = data.get("config")
    inner = inner if isinstance(inner, dict) else {}
    created = data.get("created")
    history = data.get("history")
    config = ImageConfig(
        created=_time(created),
        os=_text(data.get("os")),
        architecture=_text(data.get("architecture")),
        variant=_text(data.get("variant")),
        labels=_string_pairs(inner.get("Labels")),
        entrypoint=_strings(inner.get("Entrypoint")),
        cmd=_strings(inner.get("Cmd")),
        user=_text(inner.get("User")),
        workdir=_text(inner.get("WorkingDir")),
        exposed_ports=tuple(sorted(map(str, inner.get("ExposedPorts") or ())))
        if isinstance(inner.get("ExposedPorts"), dict) else (),
        env_names=env_names(inner.get("Env")),
    )
    shown = _shown_text(config)
    # An env value the config shows anyway (a port, a command's address) is no secret.
    secrets = [v for v in env_values(inner.get("Env")) if v not in shown]
    return replace(config, history=tuple(
        HistoryEntry(
            created_by=redact(_text(h.get("created_by")), secrets),
            created=_time(h.get("created")),
            empty_layer=h.get("empty_layer") is True,
            comment=_text(h.get("comment")),
        )
        for h in (history if isinstance(history, list) else ())
        if isinstance(h, dict)
    ))


def _shown_text(config: ImageConfig) -> str:
    """Everything of a config the Config tab and `inspect` show, as one text."""
    labels = (part for pair in config.labels for part in pair)
    return "\n".join((*config.entrypoint, *config.cmd, config.user, config.workdir,
                      *config.exposed_ports, *labels))


def _artifact_config(config: dict[str, Any]) -> str:
    """An artifact's type when it has no artifactType: its config's media type (OCI 1.1)."""
    media = _text(config.get("mediaType"))
    return "" if media in IMAGE_CONFIGS else media


def env_names(env: Any) -> tuple[str, ...]:
    """The NAMES of `Env` entries (`NAME=value`): values hold secrets and are dropped here."""
    if not isinstance(env, list):
        return ()
    return tuple(item.partition("=")[0] for item in env if isinstance(item, str))


def env_values(env: Any) -> list[str]:
    """The values of `Env`, longest first: only ever used to blank them out of history."""
    if not isinstance(env, list):
        return []
    values = {item.partition("=")[2] for item in env if isinstance(item, str)}
    return sorted((v for v in values if len(v) >= 3), key=len, reverse=True)


_ENV_STEP = re.compile(r"(\b(?:ENV|ARG)\s+)(.*)$", re.DOTALL)
_PAIR = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\S+)")
_LEGACY_ENV = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s+\S.*$", re.DOTALL)
_BUILD_ARGS = re.compile(r"^((?:RUN\s+)?\|\d+\s+)((?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)+)")


def redact(created_by: str, secrets: list[str]) -> str:
    """A history step without the values of environment variables or build arguments:
    `ENV A=1 B=2` -> `ENV A=*** B=***`, `|1 TOKEN=x /bin/sh -c ...` -> `|1 TOKEN=*** ...`."""
    for value in secrets:
        created_by = created_by.replace(value, "***")

    def env_step(match: re.Match[str]) -> str:
        rest = match.group(2)
        if "=" in rest.split(" ", 1)[0]:
            return match.group(1) + _PAIR.sub(r"\1=***", rest)
        return match.group(1) + _LEGACY_ENV.sub(r"\1 ***", rest)

    created_by = _ENV_STEP.sub(env_step, created_by)
    return _BUILD_ARGS.sub(lambda m: m.group(1) + _PAIR.sub(r"\1=***", m.group(2)), created_by)


def _time(value: Any) -> datetime | None:
    return parse_rfc3339(value) if isinstance(value, str) else None


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def parse_rfc3339(text: str) -> datetime | None:
    """Aware datetime from RFC 3339 (nanoseconds truncated to microseconds); None if unreadable.

    Go writes nine fractional digits, which datetime.fromisoformat rejects before 3.11.
    """
    match = _RFC3339.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m = match.groups()
    tz = timezone.utc
    if sign:
        offset = timedelta(hours=int(off_h), minutes=int(off_m))
        tz = timezone(-offset if sign == "-" else offset)
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=tz,
        )
    except ValueError:
        return None


def summarise_error_body(body: bytes) -> str:
    """One short line from a registry error payload (or whatever text came back)."""
    try:
        data = load_json_object(body)
        errors = data.get("errors")
        parts = (
            [
                ": ".join(str(e[k]) for k in ("code", "message") if e.get(k))
                for e in errors
                if isinstance(e, dict)
            ]
            if isinstance(errors, list)
            else []
        )
        text = "; ".join(p for p in parts if p) or json.dumps(data)
    except ValueError:
        text = body.decode("utf-8", errors="replace")
    return shorten(text)


def shorten(text: str, limit: int = SUMMARY_LIMIT) -> str:
    return ellipsize(" ".join(text.split()), limit)


def _platforms(entries: list[Any]) -> list[PlatformManifest]:
    platforms = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("platform"), dict):
            continue
        platform = entry["platform"]
        os_name, arch = _text(platform.get("os")), _text(platform.get("architecture"))
        # Build attestations (SBOM, provenance) are listed as unknown/unknown.
        if (os_name, arch) == ("unknown", "unknown"):
            continue
        platforms.append(
            PlatformManifest(
                os=os_name,
                architecture=arch,
                variant=_text(platform.get("variant")),
                digest=_text(entry.get("digest")),
            )
        )
    return platforms


def _string_pairs(mapping: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(mapping, dict):
        return ()
    return tuple(sorted((str(k), str(v)) for k, v in mapping.items()))


def _size(descriptor: dict[str, Any]) -> int:
    size = descriptor.get("size")
    return size if isinstance(size, int) and not isinstance(size, bool) and size > 0 else 0


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
