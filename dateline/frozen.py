"""FrozenMap: the read-only, ordered mapping that views use for free-form values (front matter extras, params)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any


class FrozenMap(Mapping):
    """A read-only mapping that keeps its order."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping | Iterable[tuple[Any, Any]] = ()):
        object.__setattr__(self, "_items", dict(items))

    def __getitem__(self, key: Any) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a FrozenMap cannot be changed")

    def __reduce__(self):
        return (FrozenMap, (tuple(self._items.items()),))

    def __repr__(self) -> str:
        # In order: a template that loops over the map shows it in this order, so keys must see the order.
        return "FrozenMap({" + ", ".join(f"{key!r}: {value!r}" for key, value in self._items.items()) + "})"


def freeze(value: Any) -> Any:
    """A YAML value as plain immutable data: mappings become FrozenMaps, lists tuples."""
    if isinstance(value, Mapping):
        return FrozenMap((str(key), freeze(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(freeze(item) for item in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted((freeze(item) for item in value), key=repr))
    return value
