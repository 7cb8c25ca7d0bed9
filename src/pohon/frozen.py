"""Small immutable values made on every run (a diagnostic's location, a rule, a parsed code),
written out as frozen dataclasses behave: compared, hashed and shown by their fields, never
changed, picklable. Making a dataclass costs 0.4–0.9 ms (its methods are compiled from source
when the class is made): a dozen of them were a tenth of a small `pohon check`.

A subclass names its fields in ``__slots__`` (in order) and sets them in ``__init__`` with
``object.__setattr__``; it may define ``_key`` (the fields as a tuple) more quickly by hand.
"""

from __future__ import annotations


class FrozenInstanceError(AttributeError):
    """Raised on an attempt to change a frozen value (as ``dataclasses.FrozenInstanceError``)."""


class Frozen:
    __slots__ = ()

    def _key(self) -> tuple:
        return tuple(getattr(self, f) for f in self.__slots__)

    def __setattr__(self, name, value):
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self):
        return (self.__class__, self._key())

    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}({', '.join(f'{f}={getattr(self, f)!r}' for f in self.__slots__)})"

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


class Ordered(Frozen):
    """… and ordered by its fields, as ``@dataclass(frozen=True, order=True)``."""

    __slots__ = ()

    def __lt__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() >= other._key()
