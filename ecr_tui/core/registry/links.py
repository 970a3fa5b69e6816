"""RFC 8288 `Link` header parsing, enough to follow registry pagination."""

from __future__ import annotations

from urllib.parse import urljoin

_SEPARATORS = ";,="


def parse_links(header: str) -> list[tuple[str, dict[str, str]]]:
    """(target, params) per link-value; param names lower-cased, first occurrence wins.

    Lenient: a malformed link-value is skipped, never raised on.
    """
    links: list[tuple[str, dict[str, str]]] = []
    i, n = 0, len(header)
    while i < n:
        while i < n and (header[i].isspace() or header[i] == ","):
            i += 1
        if i >= n:
            break
        if header[i] != "<":
            i = _skip_to_comma(header, i)
            continue
        end = header.find(">", i + 1)
        if end < 0:
            break
        target = header[i + 1 : end].strip()
        i = end + 1
        params: dict[str, str] = {}
        while True:
            i = _skip_space(header, i)
            if i >= n or header[i] == ",":
                break
            if header[i] != ";":
                i = _skip_to_comma(header, i)
                break
            i = _skip_space(header, i + 1)
            start = i
            while i < n and header[i] not in _SEPARATORS and not header[i].isspace():
                i += 1
            name = header[start:i].lower()
            i = _skip_space(header, i)
            value = ""
            if i < n and header[i] == "=":
                value, i = _read_value(header, _skip_space(header, i + 1))
            if name:
                params.setdefault(name, value)
        links.append((target, params))
    return links


def next_link(link_header: str | None, response_url: str) -> str | None:
    """The rel="next" target of a Link header, resolved against the response URL."""
    if not link_header:
        return None
    for target, params in parse_links(link_header):
        if "next" in params.get("rel", "").lower().split():
            try:
                return urljoin(response_url, target)
            except ValueError:
                return None
    return None


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _skip_to_comma(text: str, i: int) -> int:
    """Index of the next comma outside a quoted string (or the end)."""
    n = len(text)
    while i < n and text[i] != ",":
        if text[i] == '"':
            _, i = _read_quoted(text, i)
        else:
            i += 1
    return i


def _read_value(text: str, i: int) -> tuple[str, int]:
    if i < len(text) and text[i] == '"':
        return _read_quoted(text, i)
    start = i
    while i < len(text) and text[i] not in ";,":
        i += 1
    return text[start:i].strip(), i


def _read_quoted(text: str, i: int) -> tuple[str, int]:
    """A quoted-string starting at text[i] == '"'; returns (unescaped value, index after it)."""
    out: list[str] = []
    i += 1
    n = len(text)
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n:
            out.append(text[i + 1])
            i += 2
            continue
        if char == '"':
            return "".join(out), i + 1
        out.append(char)
        i += 1
    return "".join(out), i
