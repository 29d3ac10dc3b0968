"""The one strict converter between JSON-ready data and records."""

from __future__ import annotations

import datetime as _dt
import sys
import typing
from typing import Any

import cattrs
from cattrs.preconf.json import make_converter

from ._records import Comment, Document, Mention, Organisation, Person, Quote

__all__ = ["RESOURCE_TYPES", "converter", "describe_structuring_error"]

#: Resource name -> record type, in load order (referenced types first).
RESOURCE_TYPES: dict[str, type[Any]] = {
    "organisations": Organisation,
    "people": Person,
    "documents": Document,
    "quotes": Quote,
    "comments": Comment,
    "mentions": Mention,
}


def _strict_str(value: object, type_: type[str]) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, got {type(value).__name__}"
        raise TypeError(msg)
    # Single dispatch sends str-valued Enums here too: ValueError names the enum.
    return value if type_ is str else type_(value)


def _strict_int(value: object, _type: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"expected an integer, got {type(value).__name__}"
        raise TypeError(msg)
    return value


def _date(value: object, _type: object) -> _dt.date:
    if not isinstance(value, str):
        msg = f"expected an ISO date string, got {type(value).__name__}"
        raise TypeError(msg)
    return _dt.date.fromisoformat(value)


def _add_note(exc: Exception, note: str) -> None:
    if sys.version_info >= (3, 11):
        exc.add_note(note)
    else:  # pragma: no cover - Python 3.10: cattrs reads the attribute as well
        exc.__notes__ = [*getattr(exc, "__notes__", []), note]  # type: ignore[attr-defined]


def _is_homogeneous_tuple(type_: object) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _make() -> cattrs.Converter:
    conv = make_converter(forbid_extra_keys=True, detailed_validation=True)
    # cattrs would otherwise coerce ("12" -> 12, 3.7 -> 3, 5 -> "5").
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(_dt.date, _date)
    conv.register_unstructure_hook(_dt.date, _dt.date.isoformat)

    def tuple_hook_factory(type_: Any) -> Any:  # noqa: ANN401 - cattrs' hook signature
        (item,) = typing.get_args(type_)[:1]
        item_hook = conv.get_structure_hook(item)

        def structure_tuple(value: object, _type: object) -> tuple[Any, ...]:
            if not isinstance(value, list):
                msg = f"expected a JSON array, got {type(value).__name__}"
                raise TypeError(msg)
            out = []
            errors: list[Exception] = []
            for index, element in enumerate(value):
                try:
                    out.append(item_hook(element, item))
                except Exception as exc:  # noqa: BLE001 - regrouped below with its index
                    _add_note(exc, f"Structuring {type_} @ index {index}")
                    errors.append(exc)
            if errors:
                msg = f"While structuring {type_!r}"
                raise cattrs.IterableValidationError(msg, errors, type_)
            return tuple(out)

        return structure_tuple

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook_factory)
    return conv


#: The package's single converter (private: never the global cattrs converter).
converter = _make()


def describe_structuring_error(exc: Exception) -> list[str]:
    """Turn a cattrs exception group into ``"<what> @ <field path>"`` lines."""
    if isinstance(exc, (cattrs.BaseValidationError, cattrs.ForbiddenExtraKeysError)):
        return cattrs.transform_error(exc, path="$")
    return [f"{exc} @ $"]
