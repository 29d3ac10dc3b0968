"""The one strict converter between JSON-ready data and records."""

from __future__ import annotations

import datetime as _dt
import enum
import sys
import typing
from typing import Any

import attrs
import cattrs
import cattrs.errors
import cattrs.v
from cattrs.preconf.json import make_converter

from ._rules import is_date_text

__all__ = ["converter", "describe_structuring_error"]


_JSON_NAMES = {
    "NoneType": "null",
    "bool": "true or false",
    "int": "an integer",
    "float": "a number",
    "str": "a string",
    "list": "an array",
    "dict": "an object",
}


def json_type(value: object) -> str:
    """Name the JSON type of a parsed value, as a message to a curator would."""
    name = type(value).__name__
    return _JSON_NAMES.get(name, name)


def _strict_str(value: object, type_: type[str]) -> str:
    # Single dispatch sends str-valued Enums here too.
    if issubclass(type_, enum.Enum):
        allowed = ", ".join(repr(member.value) for member in type_)
        if not isinstance(value, str) or value not in {m.value for m in type_}:
            shown = repr(value) if isinstance(value, str) else json_type(value)
            msg = f"expected a {type_.__name__}, one of {allowed}; got {shown}"
            raise ValueError(msg)
        return type_(value)
    if not isinstance(value, str):
        msg = f"expected a string, got {json_type(value)}"
        raise TypeError(msg)
    return value


def _strict_int(value: object, _type: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"expected an integer, got {json_type(value)}"
        raise TypeError(msg)
    return value


def _strict_bool(value: object, _type: object) -> bool:
    if not isinstance(value, bool):
        msg = f"expected true or false, got {json_type(value)}"
        raise TypeError(msg)
    return value


def _date(value: object, _type: object) -> _dt.date:
    if not isinstance(value, str):
        msg = f"expected an ISO date string (YYYY-MM-DD), got {json_type(value)}"
        raise TypeError(msg)
    try:
        if not is_date_text(value):  # 3.11's fromisoformat also reads 2012-W01-4
            raise ValueError(value)  # noqa: TRY301 - worded below, as a bad date is
        return _dt.date.fromisoformat(value)
    except ValueError:
        msg = f"expected an ISO date string (YYYY-MM-DD), got {value!r}"
        raise ValueError(msg) from None


def _add_note(exc: Exception, note: cattrs.errors.IterableValidationNote) -> None:
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
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(_dt.date, _date)
    conv.register_unstructure_hook(_dt.date, _dt.date.isoformat)

    def tuple_hook_factory(type_: Any) -> Any:  # noqa: ANN401 - cattrs' hook signature
        (item,) = typing.get_args(type_)[:1]
        item_hook = conv.get_structure_hook(item)

        def structure_tuple(value: object, _type: object) -> tuple[Any, ...]:
            if not isinstance(value, list):
                msg = f"expected an array, got {json_type(value)}"
                raise TypeError(msg)
            out = []
            errors: list[Exception] = []
            for index, element in enumerate(value):
                try:
                    out.append(item_hook(element, item))
                except Exception as exc:  # noqa: BLE001 - regrouped below with its index
                    note = f"Structuring {type_} @ index {index}"
                    _add_note(exc, cattrs.errors.IterableValidationNote(note, index, item))
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


def _describe(exc: BaseException, type_: object) -> str:
    """Say what was expected; the hooks and validators word their own messages."""
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        extra = sorted(exc.extra_fields)
        unknown = ("unknown field " if len(extra) == 1 else "unknown fields ") + ", ".join(
            map(repr, extra)
        )
        known = ", ".join(f.name for f in attrs.fields(exc.cl))
        return f"{unknown}; expected only the {exc.cl.__name__} fields: {known}"
    if isinstance(exc, KeyError):
        return "required field missing"
    record_type = _record_type(type_)
    if (
        isinstance(exc, (TypeError, AttributeError))
        and isinstance(record_type, type)
        and attrs.has(record_type)
    ):
        # cattrs reads the value as a mapping (.keys(), [name]): it was not a JSON object.
        return "expected an object"
    if isinstance(exc, (TypeError, ValueError)) and str(exc):
        return str(exc)
    return cattrs.v.format_exception(exc, type_)  # type: ignore[arg-type]


def _record_type(type_: object) -> object:
    """Return the record class of ``X`` or ``X | None``, else ``type_``."""
    args = [a for a in typing.get_args(type_) if a is not type(None)]
    return args[0] if len(args) == 1 else type_


def describe_structuring_error(exc: Exception) -> list[str]:
    """Turn a cattrs exception group into ``"<what> @ <field path>"`` lines."""
    if isinstance(exc, (cattrs.BaseValidationError, cattrs.ForbiddenExtraKeysError)):
        return cattrs.transform_error(exc, path="$", format_exception=_describe)
    return [f"{_describe(exc, None)} @ $"]
