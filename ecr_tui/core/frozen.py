"""`frozen_record`: `@dataclass(frozen=True, slots=True)` for the records the TUI builds before
its first frame, with half the methods compiled at import.

Python 3.11's dataclass compiles every generated method with an `exec` of its own (~0.4 M
instructions each): a frozen class costs ~3.5 M instructions (callgrind), for its `__init__`,
`__repr__`, `__eq__`, `__hash__` and the two frozen guards. Here the dataclass generates only
`__init__` and the guards; `__eq__`, `__hash__` and `__repr__` are shared functions over the
fields' values, giving what the generated ones give. The class stays a frozen dataclass to its
users (`fields`, `replace`, `asdict`, `FrozenInstanceError`). Measured in tests/bench/RESULTS.md.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")


def _values_of(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda record: (one(record),)
    if not names:
        return lambda record: ()
    return attrgetter(*names)  # type: ignore[return-value]  # a tuple for two names or more


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        return self._record_values(self) == other._record_values(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self._record_values(self))


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._record_repr_names)
    return f"{self.__class__.__qualname__}({shown})"


def frozen_record(cls: type[T]) -> type[T]:
    """The class as `@dataclass(frozen=True, slots=True)` makes it (fields compared, hashed
    and shown with the dataclass defaults: no `field(compare=..., hash=..., repr=...)`)."""
    made: Any = dataclass(frozen=True, slots=True, eq=False, repr=False)(cls)
    own = fields(made)
    if any(not f.compare or f.hash is not None or not f.repr for f in own):
        raise TypeError(f"{cls.__name__}: frozen_record takes only the dataclass defaults")
    names = tuple(f.name for f in own)
    made._record_values = staticmethod(_values_of(names))
    made._record_repr_names = names
    made.__eq__, made.__hash__, made.__repr__ = _eq, _hash, _repr
    params = made.__dataclass_params__
    params.eq = params.repr = True  # what the class now does, for anyone who asks
    return made  # type: ignore[no-any-return]
