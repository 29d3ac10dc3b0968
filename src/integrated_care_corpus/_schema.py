"""JSON Schemas for the corpus's resources, generated from the attrs record classes.

One schema per resource file (``quotes.schema.json``, ...) and one for the
manifest, in JSON Schema draft 2020-12, shipped in the package's ``schema/``
folder; the field reference in ``docs/format.md`` comes from the same walk.
Regenerate both after changing a record class::

    integrated-care-corpus schema

The tests fail when the committed files differ from a fresh generation.
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from ._migrations import SCHEMA_VERSION
from ._records import Organisation, PublicationDate, Source, Span, Tombstone
from ._resources import OPTIONAL_RESOURCE_TYPES, RESOURCE_TYPES, VERSION_PATTERN
from ._rules import (
    DATE_PATTERN,
    FILE_NAME_PATTERN,
    ID_PATTERN,
    MAX_FILE_NAME,
    MAX_ID_LENGTH,
    MAX_INTEGER,
    SHA256_PATTERN,
)

__all__ = [
    "ExportInfo",
    "ExportedFile",
    "Manifest",
    "ResourceEntry",
    "generate",
    "main",
    "reference_markdown",
    "schema_for",
    "write",
]

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_SHA256 = SHA256_PATTERN
_VERSION = VERSION_PATTERN
_ID = {"pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH}
BEGIN = "<!-- BEGIN GENERATED REFERENCE: integrated-care-corpus schema -->"
END = "<!-- END GENERATED REFERENCE -->"


@attrs.frozen
class ResourceEntry:
    """One resource file, as the manifest lists it.

    Attributes:
        sha256: Hex SHA-256 of the file's bytes.
        count: The number of records in the file.
        size: The file's size in bytes, which the loader checks before it
            reads the file. Manifests of corpus versions built before
            package 1.2.0 have none (the loader then bounds the read).
    """

    sha256: str
    count: int
    size: int | None = None


@attrs.frozen
class ExportedFile:
    """One file of an export folder, as the manifest's ``export`` entry lists it.

    Attributes:
        sha256: Hex SHA-256 of the file's bytes.
        size: The file's size in bytes.
    """

    sha256: str
    size: int


@attrs.frozen
class ExportInfo:
    """What wrote an export folder, and every file in it but the manifest.

    Attributes:
        format: The export format: ``json`` for a corpus folder that loads.
        package: The package that wrote it, ``integrated-care-corpus``.
        package_version: That package's version.
        files: File name (a relative path with ``/``) -> its SHA-256 and size,
            for every file in the folder but ``manifest.json``.
    """

    format: str
    package: str
    package_version: str
    files: dict[str, ExportedFile]


@attrs.frozen
class Manifest:
    """The ``manifest.json`` of a corpus version: what it is and what it holds.

    Attributes:
        corpus_version: The corpus (data) version, MAJOR.MINOR.PATCH.
        schema_version: The version of this JSON format the files are written in.
        resources: Resource file name -> its SHA-256 and record count. The six
            record files are always listed; ``tombstones.json`` only when the
            version has removed ids.
        seeds: Seed file name -> the SHA-256 of the source text it holds.
        export: Only in a folder written by ``integrated-care-corpus export
            --format json``: what wrote it, and the SHA-256 and size of every
            file in it (the loader checks them).
    """

    corpus_version: str
    schema_version: int
    resources: dict[str, ResourceEntry]
    seeds: dict[str, str]
    export: ExportInfo | None = None


_RECORD_FILES = [f"{name}.json" for name in RESOURCE_TYPES]
_OPTIONAL_FILES = [f"{name}.json" for name in OPTIONAL_RESOURCE_TYPES]

#: Constraints the loader enforces that the field types alone do not say.
_EXTRA: dict[tuple[type[Any], str], dict[str, Any]] = {
    (Span, "start"): {"minimum": 0, "maximum": MAX_INTEGER},
    (Span, "end"): {"minimum": 0, "maximum": MAX_INTEGER},
    (Source, "sha256"): {"pattern": _SHA256},
    (Source, "file"): {"pattern": FILE_NAME_PATTERN, "maxLength": MAX_FILE_NAME},
    (PublicationDate, "date"): {"pattern": DATE_PATTERN},
    (Organisation, "country"): {"pattern": "^[A-Z]{2}$"},
    **{(cls, "id"): _ID for cls in (*RESOURCE_TYPES.values(), Tombstone)},
    (Tombstone, "removed_in"): {"pattern": _VERSION},
    (ResourceEntry, "sha256"): {"pattern": _SHA256},
    (ResourceEntry, "count"): {"minimum": 0, "maximum": MAX_INTEGER},
    (ResourceEntry, "size"): {"minimum": 0, "maximum": MAX_INTEGER},
    (Manifest, "corpus_version"): {"pattern": _VERSION},
    (Manifest, "schema_version"): {"minimum": 1, "maximum": SCHEMA_VERSION},
    (Manifest, "resources"): {
        "required": _RECORD_FILES,
        "propertyNames": {"enum": _RECORD_FILES + _OPTIONAL_FILES},
    },
    (Manifest, "seeds"): {
        "propertyNames": {"pattern": FILE_NAME_PATTERN, "maxLength": MAX_FILE_NAME},
        "additionalProperties": {"type": "string", "pattern": _SHA256},
    },
    (ExportedFile, "sha256"): {"pattern": _SHA256},
    (ExportedFile, "size"): {"minimum": 0},
    (ExportInfo, "files"): {
        "propertyNames": {
            "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.\\-]*(/[A-Za-z0-9_][A-Za-z0-9_.\\-]*)*$"
        }
    },
}

#: Whole-record constraints, by class name.
_CLASS_EXTRA: dict[str, dict[str, Any]] = {
    # Exactly one target (Mention.__attrs_post_init__).
    "Mention": {
        "oneOf": [
            {
                "properties": {"organisation_id": {"type": "string"}},
                "required": ["organisation_id"],
            },
            {"properties": {"person_id": {"type": "string"}}, "required": ["person_id"]},
        ]
    },
}

_RESOURCES: dict[str, type[Any]] = {**RESOURCE_TYPES, **OPTIONAL_RESOURCE_TYPES}


def _doc_parts(obj: type[Any]) -> tuple[str, dict[str, str]]:
    """Return a class docstring's summary and its ``Attributes:`` descriptions."""
    doc = (obj.__doc__ or "").expandtabs()
    lines = doc.splitlines()
    summary = _plain(lines[0].strip()) if lines else ""
    fields: dict[str, str] = {}
    in_attrs = False
    current: str | None = None
    for line in lines[1:]:
        stripped = line.strip()
        if stripped == "Attributes:":
            in_attrs = True
            continue
        if not in_attrs or not stripped:
            current = None if not stripped else current
            continue
        match = re.match(r"\s{4,8}(\w+): (.*)", line)
        if match and len(line) - len(line.lstrip()) <= 8:  # noqa: PLR2004 - docstring indent
            current = match.group(1)
            fields[current] = match.group(2).strip()
        elif current is not None:
            fields[current] += " " + stripped
    return summary, {k: _plain(v) for k, v in fields.items()}


def _plain(text: str) -> str:
    """Drop reStructuredText roles and double backquotes from docstring text."""
    text = re.sub(r":\w+:`~?(?:[\w.]*\.)?(\w+)`", r"\1", text)
    return text.replace("``None``", "`null`").replace("``", "`")


def _hints(cls: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _optional_inner(tp: Any) -> Any | None:  # noqa: ANN401 - any type
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and type(None) in typing.get_args(tp):
            return args[0]
    return None


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:  # noqa: ANN401, PLR0911
    inner = _optional_inner(tp)
    if inner is not None:
        schema = _type_schema(inner, defs)
        if isinstance(schema.get("type"), str):
            # Keywords such as format and pattern only constrain their own type.
            return {**schema, "type": [schema["type"], "null"]}
        return {"anyOf": [schema, {"type": "null"}]}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is _dt.date:
        return {"type": "string", "format": "date"}
    origin = typing.get_origin(tp)
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0], defs)}
    if origin is dict:
        return {
            "type": "object",
            "additionalProperties": _type_schema(typing.get_args(tp)[1], defs),
        }
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        if tp.__name__ not in defs:
            summary, _ = _doc_parts(tp)
            defs[tp.__name__] = {
                "description": summary,
                "type": "string",
                "enum": [member.value for member in tp],
            }
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if isinstance(tp, type) and attrs.has(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # placeholder: stops recursion
            defs[tp.__name__] = _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    msg = f"no JSON Schema mapping for the type {tp!r}"
    raise TypeError(msg)


def _json_default(value: Any) -> Any:  # noqa: ANN401 - any field default
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def _class_schema(cls: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    summary, docs = _doc_parts(cls)
    hints = _hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        prop: dict[str, Any] = {}
        if field.name in docs:
            prop["description"] = docs[field.name]
        prop.update(_type_schema(hints[field.name], defs))
        prop.update(_EXTRA.get((cls, field.name), {}))
        if field.default is attrs.NOTHING:
            required.append(field.name)
        else:
            prop["default"] = _json_default(field.default)
        properties[field.name] = prop
    schema: dict[str, Any] = {
        "description": summary,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    schema.update(_CLASS_EXTRA.get(cls.__name__, {}))
    return schema


def schema_for(name: str) -> dict[str, Any]:
    """Return the JSON Schema of one resource (``"quotes"``) or of ``"manifest"``.

    >>> schema_for("quotes")["items"]
    {'$ref': '#/$defs/Quote'}
    """
    defs: dict[str, Any] = {}
    if name == "manifest":
        top = _type_schema(Manifest, defs)
        title, description = "manifest.json", "The manifest of one corpus version."
    else:
        cls = _RESOURCES[name]
        item = _type_schema(cls, defs)
        top = {"type": "array", "items": item}
        title = f"{name}.json"
        description = f"Every {cls.__name__} record of one corpus version, as a JSON array."
    return {
        "$schema": _DRAFT,
        "$comment": (
            f"Corpus JSON format, schema version {SCHEMA_VERSION}. "
            "Generated from the record classes by `integrated-care-corpus schema`; do not edit."
        ),
        "title": title,
        "description": description,
        **top,
        "$defs": dict(sorted(defs.items())),
    }


def _names() -> list[str]:
    return [*_RESOURCES, "manifest"]


def _dump(value: Any) -> str:  # noqa: ANN401 - any JSON value
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def generate() -> dict[str, str]:
    """Return every schema file: file name -> its text."""
    return {f"{name}.schema.json": _dump(schema_for(name)) for name in _names()}


# --- the reference in docs/format.md ------------------------------------------


def _type_text(tp: Any) -> str:  # noqa: ANN401, PLR0911 - any type, one return per kind
    inner = _optional_inner(tp)
    if inner is not None:
        return f"{_type_text(inner)} or null"
    if tp is str:
        return "string"
    if tp is int:
        return "integer"
    if tp is bool:
        return "boolean"
    if tp is _dt.date:
        return "string (date, YYYY-MM-DD)"
    origin = typing.get_origin(tp)
    if origin is tuple:
        return f"array of {_type_text(typing.get_args(tp)[0])}"
    if origin is dict:
        return f"object: name -> {_type_text(typing.get_args(tp)[1])}"
    if isinstance(tp, type) and (attrs.has(tp) or issubclass(tp, enum.Enum)):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    return repr(tp)


def _nested(cls: type[Any], seen: dict[str, type[Any]]) -> None:
    for tp in _hints(cls).values():
        stack = [tp]
        while stack:
            t = stack.pop()
            stack.extend(typing.get_args(t))
            named = isinstance(t, type) and (attrs.has(t) or issubclass(t, enum.Enum))
            if named and t.__name__ not in seen:
                seen[t.__name__] = t
                if attrs.has(t):
                    _nested(t, seen)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _table(cls: type[Any]) -> Iterator[str]:
    summary, docs = _doc_parts(cls)
    hints = _hints(cls)
    yield _plain(summary)
    yield ""
    yield "| field | type | required | description |"
    yield "| --- | --- | --- | --- |"
    for field in attrs.fields(cls):
        required = "yes" if field.default is attrs.NOTHING else "no"
        if field.default is not attrs.NOTHING:
            required += f" (default `{json.dumps(_json_default(field.default))}`)"
        yield (
            f"| `{field.name}` | {_type_text(hints[field.name])} | {required} "
            f"| {_cell(docs.get(field.name, ''))} |"
        )
    yield ""


def reference_markdown() -> str:
    """Return the generated field reference of ``docs/format.md``, markers included."""
    lines = [BEGIN, ""]
    types_used: dict[str, type[Any]] = {}
    documented: list[tuple[str, type[Any]]] = [*_RESOURCES.items(), ("manifest", Manifest)]
    for name, cls in documented:
        file = "manifest.json" if name == "manifest" else f"{name}.json"
        lines.append(f"### `{file}`")
        lines.append("")
        if name != "manifest":
            lines.append(f"A JSON array of {cls.__name__} objects.")
            lines.append("")
        lines.append(f"#### {cls.__name__}")
        lines.append("")
        lines.extend(_table(cls))
        _nested(cls, types_used)
    lines.append("### Value types")
    lines.append("")
    for type_name in sorted(types_used):
        t = types_used[type_name]
        lines.append(f"#### {type_name}")
        lines.append("")
        if attrs.has(t):
            lines.extend(_table(t))
        else:
            summary, _ = _doc_parts(t)
            values = ", ".join(f"`{m.value}`" for m in t)
            lines.append(f"{_plain(summary)} A string, one of: {values}.")
            lines.append("")
    lines.append(END)
    return "\n".join(lines) + "\n"


def splice_reference(document: str) -> str:
    """Return ``document`` with its generated reference replaced by a fresh one."""
    start, end = document.find(BEGIN), document.find(END)
    if start < 0 or end < start:
        msg = f"the reference markers are missing: expected {BEGIN!r} ... {END!r}"
        raise ValueError(msg)
    return document[:start] + reference_markdown() + document[end + len(END) + 1 :]


def write(out: Path, docs: Path | None) -> list[Path]:
    """Write every schema file into ``out`` and refresh the reference in ``docs``.

    Raises:
        CorpusFormatError: ``docs`` is not UTF-8 or has no reference markers;
            nothing is written then.
    """
    spliced = None
    if docs is not None:
        from ._errors import CorpusFormatError  # noqa: PLC0415

        try:
            spliced = splice_reference(docs.read_bytes().decode("utf-8"))
        except UnicodeDecodeError as exc:
            msg = f"{docs}: not UTF-8 (byte {exc.start}: {exc.reason})"
            raise CorpusFormatError(msg) from None
        except ValueError as exc:
            msg = f"{docs}: {exc}"
            raise CorpusFormatError(msg) from None
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for file, text in generate().items():
        (out / file).write_text(text, encoding="utf-8")
        written.append(out / file)
    for stale in sorted(out.glob("*.schema.json")):
        if stale.name not in generate():
            stale.unlink()
    if docs is not None and spliced is not None:
        docs.write_text(spliced, encoding="utf-8")
        written.append(docs)
    return written


def main(argv: list[str] | None = None) -> int:
    """Regenerate the schemas: ``integrated-care-corpus schema``."""
    import argparse  # noqa: PLC0415 - only the command line needs it

    parser = argparse.ArgumentParser(
        prog="integrated-care-corpus schema",
        description="Write the JSON Schemas of the corpus format and the docs reference.",
    )
    parser.add_argument("--out", type=Path, default=Path("src/integrated_care_corpus/schema"))
    parser.add_argument("--docs", type=Path, default=Path("docs/format.md"))
    args = parser.parse_args(argv)
    for path in write(args.out, args.docs if args.docs.is_file() else None):
        print(f"wrote {path}")  # noqa: T201 - a command line prints
    return 0
