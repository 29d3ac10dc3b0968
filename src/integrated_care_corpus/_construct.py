"""What the generated record builders call at run time.

``_builders.py`` and ``_structs.py`` (written by ``_codegen.py``) build
records without their ``__init__``: they set each slot through its own
setter and signal input they do not accept with :class:`Reject`, so that
the loader can re-run the strict converter to word the error.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

from ._rules import is_date_text

__all__ = ["MISSING", "Reject", "parse_date", "setter"]


class Reject(Exception):  # noqa: N818 - a signal, not an error shown to anyone
    """A builder met input it does not accept; the strict path will say why."""


#: The value of an optional field that a record leaves out.
MISSING = object()


def setter(cls: type[Any], name: str) -> Callable[[Any, Any], None]:
    """Return the slot's own setter, which a frozen class's ``__setattr__`` does not block."""
    slot = cls.__dict__.get(name)
    if slot is None or not hasattr(slot, "__set__"):
        raise NotImplementedError(name)  # not a slotted class
    return slot.__set__  # type: ignore[no-any-return]


def parse_date(value: object) -> _dt.date:
    """Read an ISO date string as the strict converter does (or raise)."""
    if type(value) is not str or not is_date_text(value):
        raise Reject
    return _dt.date.fromisoformat(value)
