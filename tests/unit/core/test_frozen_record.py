"""`frozen_record` makes what `@dataclass(frozen=True, slots=True)` makes, compiling fewer
methods: the first frame's records cost less to import (ecr_tui/core/frozen.py)."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
import subprocess
import sys
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecr_tui.core.frozen import frozen_record


@frozen_record
class Ours:
    name: str
    count: int = 0
    tags: tuple[str, ...] = field(default_factory=tuple)
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Theirs:
    name: str
    count: int = 0
    tags: tuple[str, ...] = field(default_factory=tuple)
    note: str | None = None


@frozen_record
class One:
    only: str


values = st.tuples(st.text(max_size=5), st.integers(-3, 3),
                   st.lists(st.text(max_size=2), max_size=2).map(tuple),
                   st.none() | st.text(max_size=3))


@given(values, values)
def test_equal_hash_and_repr_as_the_dataclass_gives(a: tuple, b: tuple) -> None:  # type: ignore[type-arg]
    ours_a, ours_b, theirs_a, theirs_b = Ours(*a), Ours(*b), Theirs(*a), Theirs(*b)
    assert (ours_a == ours_b) == (theirs_a == theirs_b)
    assert (ours_a != ours_b) == (theirs_a != theirs_b)
    assert hash(ours_a) == hash(theirs_a)
    assert repr(ours_a) == repr(theirs_a).replace("Theirs(", "Ours(")
    assert dataclasses.asdict(ours_a) == dataclasses.asdict(theirs_a)
    assert dataclasses.astuple(ours_a) == dataclasses.astuple(theirs_a)
    assert dataclasses.replace(ours_a, count=9) == Ours(a[0], 9, a[2], a[3])


def test_still_a_frozen_slotted_dataclass() -> None:
    record = Ours("x", tags=("a",))
    assert dataclasses.is_dataclass(record)
    assert [f.name for f in dataclasses.fields(record)] == ["name", "count", "tags", "note"]
    assert Ours.__match_args__ == Theirs.__match_args__ and not hasattr(record, "__dict__")
    params = Ours.__dataclass_params__  # type: ignore[attr-defined]
    assert (params.frozen, params.eq, params.repr) == (True, True, True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.name = "y"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del record.name  # type: ignore[misc]
    assert record != Theirs("x", tags=("a",)) and record != ("x", 0, ("a",), None)
    assert pickle.loads(pickle.dumps(record)) == record == copy.deepcopy(record)
    assert One("a") == One("a") != One("b") and hash(One("a")) == hash(("a",))
    assert repr(One("a")) == "One(only='a')" and {One("a"), One("a")} == {One("a")}


def test_built_and_documented_as_the_dataclass_is() -> None:
    assert str(inspect.signature(Ours)) == str(inspect.signature(Theirs))
    assert Ours.__doc__ == Theirs.__doc__.replace("Theirs(", "Ours(")  # type: ignore[union-attr]
    assert Ours("x").tags == () == Theirs("x").tags
    assert Ours("x", 2, ("t",), "n") == Ours(name="x", count=2, tags=("t",), note="n")
    for bad in ((), ("x", 1, (), None, "extra")):
        with pytest.raises(TypeError):
            Ours(*bad)
    with pytest.raises(TypeError):
        Ours("x", nope=1)  # type: ignore[call-arg]
    made: list[list[str]] = []

    @frozen_record
    class Fresh:
        items: list[str] = field(default_factory=lambda: made.append([]) or made[-1])

    assert Fresh().items is not Fresh().items and len(made) == 2  # one per instance


@pytest.mark.parametrize("option", [
    {"repr": False}, {"compare": False}, {"hash": True}, {"init": False}, {"kw_only": True},
])
def test_options_it_does_not_honour_are_refused(option: dict[str, bool]) -> None:
    with pytest.raises(TypeError, match="dataclass defaults"):
        @frozen_record
        class Odd:
            value: str = field(default="", **option)  # type: ignore[call-overload]


START_PATHS = {
    # Profile, Target, ProfileRegion, Settings, Favourite, Recent, Remembered, MemoryFile,
    # TerminalRun, DemoProfile: one `__init__` each
    "demo": ("ecr_tui.core.models, ecr_tui.core.store.settings, ecr_tui.core.store.memory, "
             "ecr_tui.core.workstation, ecr_tui.demo.profiles", 10),
    # Profile, Target, ProfileRegion (beside them in `identity`), AwsFiles, AwsConfig, SsoAccount,
    # SourceListing, SsoSource, DiscoveredRole, Discovery: one each; AccessToken (a dataclass:
    # its value hidden from repr) is imported when a token is read, RegistryHost with the first
    # token, and the token cache's entry is a plain class
    "aws": ("ecr_tui.core.aws.backend", 10),
    # the TUI's own start modules (Textual imported first, uncounted): the session and the
    # profile list's message are plain classes, no record of theirs compiles anything
    "ui": ("ecr_tui.ui.session, ecr_tui.ui.widgets.profile_list", 0),
}
BEFORE = {"ui": "import textual.app, textual.widgets, ecr_tui.core.models"}
"""Imported uncounted first: Textual's own dataclasses are not ours, models' are counted above."""


def compiled_on_import(modules: str, before: str = "") -> int:
    """How many `exec`s importing `modules` makes in a fresh interpreter (its bodies aside),
    after `before` ran uncounted."""
    probe = (
        f"{before}\n"
        "import builtins, sys\n"
        "compiled = []\n"
        "real = builtins.exec\n"
        "def counting(*args, **kwargs):\n"
        "    if 'importlib' not in sys._getframe(1).f_code.co_filename:  # a module's body\n"
        "        compiled.append(args[0])\n"
        "    return real(*args, **kwargs)\n"
        "builtins.exec = counting\n"
        f"import {modules}\n"
        "print(len(compiled))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True)
    return int(out.stdout)


@pytest.mark.parametrize("path", sorted(START_PATHS))
def test_the_first_frame_records_compile_one_method_each(path: str) -> None:
    """Each start-path record compiles its `__init__` only, not also `__eq__`, `__hash__`,
    `__repr__` and the frozen guards (six a record with the dataclass)."""
    modules, compiled = START_PATHS[path]
    assert compiled_on_import(modules, BEFORE.get(path, "")) == compiled


def test_an_undocumented_record_reads_no_builtin_signature() -> None:
    """dataclass() writes a missing doc from the class's signature: before the record has its
    own `__init__` that is object's, parsed with tokenize (its regexes: ~8 M instructions of
    the first frame)."""
    probe = (
        "import tokenize\nfrom ecr_tui.core.frozen import frozen_record\n"
        "@frozen_record\nclass Plain:\n    value: str\n"
        "print(Plain.__doc__, tokenize._compile.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "Plain(value: str) 0"
