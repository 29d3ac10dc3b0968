"""Reading query arguments, and combining the positions that indexes return.

The query methods take values as people write them (one value or several,
an enum or its string value, a year or an ISO date as a bound) and narrow
records through sorted position lists; these helpers do both.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeAlias, TypeVar

import attrs

from ._combine import AllOf, AnyOf
from ._errors import UnknownRecordError
from ._results import Results
from ._text import fold

__all__ = [
    "Refine",
    "bound",
    "combined",
    "country_code",
    "criterion",
    "enum_value",
    "intersect",
    "many",
    "pick",
    "union",
    "value_of",
    "vocabulary",
]

_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)


def many(value: object) -> list[Any]:
    """Return a criterion's values: one value, each of a collection, or of all_of/any_of."""
    if isinstance(value, (AllOf, AnyOf)):
        return list(value.values)
    if isinstance(value, (str, _dt.date)) or attrs.has(type(value)):
        return [value]
    if isinstance(value, Iterable):
        return list(value)
    return [value]


def enum_value(cls: type[_E], value: object, what: str) -> _E:
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        try:
            return cls(value)
        except ValueError:
            key = "-".join(fold(value).replace("_", " ").split())
            for member in cls:
                if key in (member.value, member.name.lower().replace("_", "-")):
                    return member
        error = UnknownRecordError(what, value, [m.value for m in cls])
        error.hint = "one of " + ", ".join(m.value for m in cls)
        raise error
    msg = f"{what}: expected a {cls.__name__} or its value, got {type(value).__name__}"
    raise TypeError(msg)


#: Read a vocabulary value as every argument reads it (the command line too).
vocabulary = enum_value


def value_of(cls: type[enum.Enum], what: str) -> Callable[[object], str]:
    """Return the function reading a vocabulary argument to the value indexes use."""
    return lambda value: str(enum_value(cls, value, what).value)


#: Country codes people write that ISO 3166-1 spells otherwise (UK is reserved for GB).
_COUNTRY_ALIASES = {"UK": "GB"}


def country_code(groups: Mapping[str, Sequence[int]], value: object) -> str:
    """Return the ISO 3166-1 alpha-2 code a country argument means (any case; UK is GB)."""
    if not isinstance(value, str):
        msg = f"country: expected an ISO 3166-1 alpha-2 code, got {type(value).__name__}"
        raise TypeError(msg)
    code = value.strip().upper()
    code = _COUNTRY_ALIASES.get(code, code)
    if code not in groups:
        error = UnknownRecordError("country", value, sorted(groups))
        error.hint = "an ISO 3166-1 alpha-2 code, one of " + ", ".join(sorted(groups))
        raise error
    return code


def criterion(
    value: object, groups: Mapping[str, Sequence[int]], key: Callable[[Any], str]
) -> Sequence[int]:
    """Return the positions a criterion keeps: any of its values, or all (:func:`all_of`)."""
    return combined(value, [groups.get(key(v), ()) for v in many(value)])


def combined(value: object, found: list[Sequence[int]]) -> Sequence[int]:
    """Combine each value's positions: intersected for :func:`all_of`, else a union."""
    if not found:
        return ()
    if isinstance(value, AllOf):
        return intersect(list(found))
    return union(found)


_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def bound(value: object, *, end: bool, name: str) -> _dt.date:
    """Return the date a ``since`` (first day) or ``until`` (last day) bound means."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:04d}"
    elif isinstance(value, str):
        text = value.strip()
    else:
        msg = f"{name}: expected a date, a year or an ISO date string, got {type(value).__name__}"
        raise TypeError(msg)
    match = _DATE.fullmatch(text)
    if match is None:
        msg = f"{name}: expected a year, YYYY-MM or YYYY-MM-DD, got {value!r}"
        raise ValueError(msg)
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None  # noqa: S101 - the pattern requires it
    try:
        if day is not None and month is not None:
            return _dt.date(year, month, day)
        if month is not None:
            first = _dt.date(year, month, 1)
            if not end:
                return first
            return (first + _dt.timedelta(days=31)).replace(day=1) - _dt.timedelta(days=1)
        return _dt.date(year, 12, 31) if end else _dt.date(year, 1, 1)
    except ValueError:
        msg = f"{name}: {value!r} is not a date"
        raise ValueError(msg) from None


def union(groups: Sequence[Sequence[int]]) -> Sequence[int]:
    """Return the sorted union of sorted position lists."""
    if len(groups) == 1:
        return groups[0]
    return sorted(set().union(*groups))


def _has(positions: Sequence[int], position: int) -> bool:
    """Return whether a sorted sequence of positions holds ``position``."""
    k = bisect.bisect_left(positions, position)
    return k < len(positions) and positions[k] == position


def intersect(criteria: list[Sequence[int]]) -> Sequence[int]:
    """Return the positions in every criterion (each sorted), in order."""
    if len(criteria) == 1:
        return criteria[0]
    criteria.sort(key=len)
    first, rest = criteria[0], criteria[1:]
    return [i for i in first if all(_has(other, i) for other in rest)]


#: Narrows candidate positions (``None``: every record) to those that pass a test.
Refine: TypeAlias = Callable[[Sequence[int] | None], Sequence[int]]


def pick(
    type_: type[_T],
    records: Sequence[_T],
    criteria: list[Sequence[int]],
    refiners: Sequence[Refine] = (),
) -> Results[_T]:
    """Return the records every criterion and refiner keeps, in corpus order.

    Criteria are position lists from indexes; refiners run after them, on
    the few candidates left, or build their own list when there are none.
    """
    positions: Sequence[int] | None = intersect(criteria) if criteria else None
    for refine in refiners:
        positions = refine(positions)
    if positions is None:
        return Results(type_, records)
    return Results(type_, [records[i] for i in positions])
