"""A read-only, hashable mapping that pydantic validates from and serialises to a JSON object."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Generic, TypeVar

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from rapidad.identifiers import canonical_prefix

__all__ = ["FrozenMap", "XrefMap"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """An immutable mapping: no caller can change what the next caller sees.

    >>> m = FrozenMap({"b": "2", "a": "1"})
    >>> list(m), m["a"], dict(m) == {"a": "1", "b": "2"}
    (['a', 'b'], '1', True)
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        # Keys are kept sorted so that equal maps iterate, print and serialise identically.
        source = dict(data) if data else {}
        keys = list(source)
        if keys != sorted(keys, key=str):
            source = {k: source[k] for k in sorted(keys, key=str)}
        self._data: dict[K, V] = source
        self._hash: int | None = None

    @classmethod
    def _adopt(cls, data: dict[K, V]) -> FrozenMap[K, V]:
        """Wrap a dict that nobody else holds (pydantic's freshly validated one) without a copy."""
        self = cls.__new__(cls)
        keys = list(data)
        if keys != sorted(keys, key=str):
            data = {k: data[k] for k in sorted(keys, key=str)}
        self._data = data
        self._hash = None
        return self

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._data) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (self._data,))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Validate as a ``dict`` of the parameter types, then freeze; serialise as a ``dict``."""
        args = getattr(source, "__args__", None) or (Any, Any)
        dict_schema = handler.generate_schema(dict[args[0], args[1]])  # type: ignore[valid-type]
        return core_schema.no_info_after_validator_function(
            cls._adopt,
            dict_schema,
            serialization=core_schema.plain_serializer_function_ser_schema(
                dict, return_schema=dict_schema
            ),
        )


class XrefMap(FrozenMap[str, str]):
    """Cross-references keyed by Bioregistry prefix; lookups accept any case and common aliases.

    Input keys are normalised the same way, so ``{"PubChem": "3821"}`` is stored under
    ``pubchem.compound``.

    >>> m = XrefMap({"chembl": "CHEMBL742", "pubchem.compound": "3821"})
    >>> m["ChEMBL"], m.get("cid"), "pubchem" in m, list(m)
    ('CHEMBL742', '3821', True, ['chembl.compound', 'pubchem.compound'])
    """

    __slots__ = ()

    def __init__(self, data: Mapping[str, str] | None = None) -> None:
        super().__init__(_canonical_keys(dict(data) if data else {}))

    def __getitem__(self, key: str) -> str:
        return self._data[canonical_prefix(key)]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and canonical_prefix(key) in self._data

    def get(self, key: str, default: Any = None) -> Any:
        """The local id under *key* (a prefix or alias), or *default*."""
        return self._data.get(canonical_prefix(key), default) if isinstance(key, str) else default

    def __repr__(self) -> str:
        return f"XrefMap({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (XrefMap, (self._data,))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Validate as a ``dict`` of strings with canonical keys, then freeze."""
        dict_schema = handler.generate_schema(dict[str, str])
        return core_schema.no_info_after_validator_function(
            lambda data: cls._adopt(_canonical_keys(data)),
            dict_schema,
            serialization=core_schema.plain_serializer_function_ser_schema(
                dict, return_schema=dict_schema
            ),
        )


def _canonical_keys(data: dict[str, str]) -> dict[str, str]:
    """*data* with every key its canonical prefix; two keys meaning one prefix must agree."""
    if all(canonical_prefix(k) == k for k in data):
        return data
    out: dict[str, str] = {}
    for key, value in data.items():
        prefix = canonical_prefix(key)
        if out.get(prefix, value) != value:
            raise ValueError(f"{key!r} and another key both mean {prefix!r}, with different ids")
        out[prefix] = value
    return out
