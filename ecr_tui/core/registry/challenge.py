"""`WWW-Authenticate` read as RFC 9110 §11 writes it: one or more challenges, each a scheme
and either comma-separated `name=value` parameters (token or quoted string) or a token68.

Commas separate both the parameters of one challenge and the challenges themselves; a name
not followed by `=` starts the next challenge. Quoted strings may hold commas, `=` and
backslash escapes.
"""

from __future__ import annotations

import re
from dataclasses import field

from ecr_tui.core.frozen import frozen_record

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_TOKEN68 = re.compile(r"[A-Za-z0-9._~+/-]+=*")
_SPACE = re.compile(r"[ \t]*")


@frozen_record
class Challenge:
    """One challenge: `Bearer realm="…",service="…"` → scheme 'bearer' and its params."""

    scheme: str
    """Lower-case (schemes are case-insensitive)."""
    params: dict[str, str] = field(default_factory=dict)
    """Parameter names lower-cased; values unquoted."""
    token68: str = ""


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def skip(self, chars: str = " \t") -> None:
        while self.pos < len(self.text) and self.text[self.pos] in chars:
            self.pos += 1

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def match(self, pattern: re.Pattern[str]) -> str | None:
        found = pattern.match(self.text, self.pos)
        if found is None or not found.group():
            return None
        self.pos = found.end()
        return found.group()

    def quoted(self) -> str | None:
        """A quoted string after its opening quote; None when it never closes."""
        out: list[str] = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            self.pos += 1
            if char == '"':
                return "".join(out)
            if char == "\\" and self.pos < len(self.text):
                char = self.text[self.pos]
                self.pos += 1
            out.append(char)
        return None


def _param(reader: _Reader) -> tuple[str, str] | None:
    """`name BWS = BWS (token | quoted-string)` at the reader, or None (reader left as it was)."""
    start = reader.pos
    name = reader.match(_TOKEN)
    if name is not None:
        reader.match(_SPACE)
        if reader.peek() == "=":
            reader.pos += 1
            reader.match(_SPACE)
            if reader.peek() == '"':
                reader.pos += 1
                value = reader.quoted()
            else:
                value = reader.match(_TOKEN)
            if value is not None:
                return name.lower(), value
    reader.pos = start
    return None


def parse_challenges(header: str) -> list[Challenge]:
    """Every challenge of one header value (several headers: join them with ', ').
    What cannot be read ends the list; what came before it is kept."""
    reader = _Reader(header)
    found: list[Challenge] = []
    while True:
        reader.skip(" \t,")
        scheme = reader.match(_TOKEN)
        if scheme is None or reader.peek() not in ("", ",", " ", "\t"):
            return found  # not a scheme: a parameter that could not be read
        params: dict[str, str] = {}
        token68 = ""
        if reader.peek() in (" ", "\t"):
            reader.skip()
            start = reader.pos
            word = reader.match(_TOKEN68)
            reader.match(_SPACE)
            if word is not None and reader.peek() in ("", ","):
                token68 = word  # `Negotiate dXNlcg==`: a token68, no `name=value` follows
            else:
                reader.pos = start
                params = _params(reader)
        found.append(Challenge(scheme.lower(), params, token68))


def _params(reader: _Reader) -> dict[str, str]:
    """Parameters up to the next challenge: `a=1, b="x,y"` (a name without `=` stops)."""
    params: dict[str, str] = {}
    while True:
        reader.skip(" \t,")
        param = _param(reader)
        if param is None:
            return params
        params.setdefault(*param)  # a repeated name: the first counts (RFC 9110 §11.2)
        reader.match(_SPACE)
        if reader.peek() not in ("", ","):
            return params


def bearer_challenge(header: str) -> Challenge | None:
    """The first Bearer challenge that names a realm, else None."""
    for challenge in parse_challenges(header):
        if challenge.scheme == "bearer" and challenge.params.get("realm"):
            return challenge
    return None
