"""How several values of one criterion combine: any of them, or all of them.

A filter given one value matches it; given a collection (a list, a tuple)
it matches *any* of the values, as it always has. :func:`all_of` asks for
records that match *every* value, and :func:`any_of` says "any" explicitly:

>>> import integrated_care_corpus as icc
>>> corpus = icc.load()
>>> both = corpus.find_documents(mentions=icc.all_of(["King's Fund", "Nuffield Trust"]))
>>> either = corpus.find_documents(mentions=icc.any_of(["King's Fund", "Nuffield Trust"]))
>>> len(both) <= len(either)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

import attrs

__all__ = ["AllOf", "AnyOf", "all_of", "any_of"]

_T = TypeVar("_T")


def _values(values: Iterable[_T]) -> tuple[_T, ...]:
    if isinstance(values, str):  # one name, not its letters
        return (values,)  # type: ignore[return-value]
    return tuple(values)


@attrs.frozen
class AllOf(Generic[_T]):
    """A criterion's values, every one of which a record must match.

    Attributes:
        values: The values, as given.
    """

    values: tuple[_T, ...] = attrs.field(converter=_values)


@attrs.frozen
class AnyOf(Generic[_T]):
    """A criterion's values, any one of which a record must match (as a bare list does).

    Attributes:
        values: The values, as given.
    """

    values: tuple[_T, ...] = attrs.field(converter=_values)


def all_of(values: Iterable[_T]) -> AllOf[_T]:
    """Return a criterion that a record meets only by matching every value.

    >>> import integrated_care_corpus as icc
    >>> icc.all_of(["King's Fund", "Nuffield Trust"])
    AllOf(values=("King's Fund", 'Nuffield Trust'))
    """
    return AllOf(values)


def any_of(values: Iterable[_T]) -> AnyOf[_T]:
    """Return a criterion that a record meets by matching any value (as a bare list does)."""
    return AnyOf(values)
