"""Build models from data that was validated before, without validating it again.

The bundled knowledge base is validated in full, record by record, by the test suite before
every release (``tests/test_prevalidated.py`` checks that what `construct` builds from the
bundled files is identical, value and type, to what pydantic's validators build). At run time
the bundled files are therefore built with `construct`, which spares the first use of rapidad
pydantic's validator build and plugin discovery: about a third of the cost of a first lookup.
Data a user loads with `rapidad.load` is always validated.

`construct` converts exactly what validation would convert for canonical data: nested models,
tuples, enums, `rapidad.frozen.FrozenMap`, ``float`` fields given integers and ``int`` fields
given digit strings (BibTeX years). It checks nothing.

>>> from rapidad.models import Synonym
>>> construct(Synonym, {"name": "Spravato", "kind": "brand"})
Synonym(name='Spravato', kind=<SynonymKind.BRAND: 'brand'>)
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel

from rapidad.frozen import FrozenMap, XrefMap

__all__ = ["construct", "construct_all"]

M = TypeVar("M", bound=BaseModel)
Converter = Callable[[Any], Any]
#: (field name, converter or None for as-is, default factory or None when required)
_Plan = tuple[tuple[str, Converter | None, Callable[[], Any] | None], ...]

_set_attribute = object.__setattr__


def construct(model: type[M], data: Mapping[str, Any]) -> M:
    """Build a *model* instance from pre-validated *data* (as parsed from a canonical file)."""
    instance = model.__new__(model)
    values: dict[str, Any] = {}
    for name, convert, default in _plan(model):
        if name in data:
            value = data[name]
            values[name] = value if convert is None or value is None else convert(value)
        elif default is not None:
            values[name] = default()
    _set_attribute(instance, "__dict__", values)
    _set_attribute(instance, "__pydantic_fields_set__", set(data))
    _set_attribute(instance, "__pydantic_extra__", None)
    _set_attribute(instance, "__pydantic_private__", None)
    return instance


def construct_all(model: type[M], records: Mapping[str, Mapping[str, Any]]) -> dict[str, M]:
    """Build every record of a file's ``{id: fields}`` mapping (ids already in the fields)."""
    return {key: construct(model, value) for key, value in records.items()}


@cache
def _plan(model: type[BaseModel]) -> _Plan:
    plan = []
    for name, field in model.model_fields.items():
        if field.is_required():
            default = None
        else:
            default = _default(field.get_default(call_default_factory=False), field.default_factory)
        plan.append((name, _converter(field.annotation), default))
    return tuple(plan)


def _default(value: Any, factory: Any) -> Callable[[], Any]:
    if factory is not None:
        return typing.cast("Callable[[], Any]", factory)
    return lambda: value


def _converter(annotation: Any) -> Converter | None:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _converter(args[0])
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"no construction rule for {annotation!r}")
        return _converter(options[0])  # None itself is passed through by `construct`
    if origin is tuple:
        item = _converter(args[0])
        return tuple if item is None else lambda values: tuple(map(item, values))
    if annotation is XrefMap:  # prevalidated keys are canonical already
        return XrefMap._adopt
    if origin is FrozenMap or annotation is FrozenMap:
        return FrozenMap
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return lambda data: construct(annotation, data)
        if issubclass(annotation, Enum):
            return annotation
        if annotation in (float, int):
            return annotation
        if annotation in (str, bool):
            return None
    raise TypeError(f"no construction rule for {annotation!r}")
