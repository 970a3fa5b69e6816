"""`frozen_record`: `@dataclass(frozen=True, slots=True)` for the records the TUI builds before
its first frame, with one method compiled at import instead of six.

Python 3.11's dataclass compiles every generated method with an `exec` of its own (~0.4 M
instructions each): a frozen class costs ~3.5 M instructions (callgrind) for its `__init__`,
`__repr__`, `__eq__`, `__hash__` and the two frozen guards. Here the dataclass machinery only
collects the fields and makes the slots; `__init__` is compiled as the dataclass writes it
(one `exec`), and the rest are shared functions over the fields giving what the generated ones
give. The class stays a frozen dataclass to its users (`fields`, `replace`, `asdict`, pickling,
`FrozenInstanceError`). Measured in tests/bench/RESULTS.md.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, fields
from operator import attrgetter
from types import MemberDescriptorType
from typing import Any, TypeVar

T = TypeVar("T")


class _Factory:
    """The default of a parameter whose field has a default factory (as the dataclass's)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _values_of(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda record: (one(record),)
    if not names:
        return lambda record: ()
    return attrgetter(*names)  # type: ignore[return-value]  # a tuple for two names or more


def _init(cls: type, own: tuple[Field[Any], ...]) -> Callable[..., None]:
    """`__init__` as the frozen dataclass writes it, each field set past the frozen guard:
    through its slot's own setter (half the instructions of `object.__setattr__` by name:
    TagRow(...) 19 k -> 10 k by callgrind, 50,000 a big listing), else through `object`."""
    scope: dict[str, Any] = {"_set": object.__setattr__, "_FACTORY": _FACTORY}
    params, body = [], []
    for f in own:
        value = f.name
        if f.default_factory is not MISSING:
            scope[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_FACTORY")
            value = f"_factory_{f.name}() if {f.name} is _FACTORY else {f.name}"
        elif f.default is not MISSING:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        else:
            params.append(f.name)
        slot = getattr(cls, f.name, None)
        if isinstance(slot, MemberDescriptorType):
            scope[f"_set_{f.name}"] = slot.__set__
            body.append(f"_set_{f.name}(self, {value})")
        else:
            body.append(f"_set(self, {f.name!r}, {value})")
    source = f"def __init__(self, {', '.join(params)}):\n    " + "\n    ".join(body or ["pass"])
    exec(source, scope)  # noqa: S102 - our own text, as dataclasses does
    init: Any = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {**{f.name: f.type for f in own}, "return": None}
    return init  # type: ignore[no-any-return]


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        return self._record_values(self) == other._record_values(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self._record_values(self))


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._record_names)
    return f"{self.__class__.__qualname__}({shown})"


def _setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, name) for name in self._record_names]


def _setstate(self: Any, state: list[Any]) -> None:
    for name, value in zip(self._record_names, state, strict=True):
        object.__setattr__(self, name, value)


def frozen_record(cls: type[T]) -> type[T]:
    """The class as `@dataclass(frozen=True, slots=True)` makes it. Only the dataclass
    defaults: fields with a default or a default factory, compared, hashed and shown; no
    `__post_init__`, `InitVar`, `kw_only`, `field(init=..., compare=..., hash=..., repr=...)`."""
    documented = bool(cls.__dict__.get("__doc__"))
    if not documented:  # else dataclass() reads object's signature to write one: tokenize's
        cls.__doc__ = cls.__name__  # regexes compiled, ~8 M instructions (set again below)
    made: Any = dataclass(init=False, repr=False, eq=False, slots=True)(cls)
    own = fields(made)
    if any(not f.init or not f.compare or f.hash is not None or not f.repr or f.kw_only
           for f in own) or len(own) != len(made.__dataclass_fields__) or hasattr(
               made, "__post_init__"):
        raise TypeError(f"{cls.__name__}: frozen_record takes only the dataclass defaults")
    names = tuple(f.name for f in own)
    made._record_values = staticmethod(_values_of(names))
    made._record_names = names
    made.__init__ = _init(made, own)
    made.__eq__, made.__hash__, made.__repr__ = _eq, _hash, _repr
    made.__setattr__, made.__delattr__ = _setattr, _delattr
    made.__getstate__, made.__setstate__ = _getstate, _setstate
    if not documented:  # the dataclass's own doc, made before there was an __init__
        import inspect

        made.__doc__ = made.__name__ + str(inspect.signature(made)).replace(" -> None", "")
    params = made.__dataclass_params__
    params.init = params.repr = params.eq = params.frozen = True  # what the class now is
    return made  # type: ignore[no-any-return]
