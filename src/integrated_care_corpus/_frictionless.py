"""Frictionless ``datapackage.json`` for the CSV and Parquet exports.

A Data Package (https://datapackage.org) describes each table of the folder
as a tabular data resource: its file, checksum and size, and a Table
Schema with every field's type and description, the primary key, foreign
keys into the other tables, and each vocabulary column's values as an
``enum`` constraint. ``frictionless validate datapackage.json`` then checks
every row: types, required and unique values, vocabularies and references.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._rows import Vocabulary
from ._tables import DESCRIPTION, LICENCE, LICENCE_SUMMARY, TABLES, schema_of

if TYPE_CHECKING:
    from ._corpus import Corpus

__all__ = ["datapackage"]

#: Row-schema type -> Table Schema field type.
_TYPES = {
    "str": "string",
    "int": "integer",
    "bool": "boolean",
    "date": "date",
    "strs": "array",
}
#: Columns every row has a value in (besides the primary key).
_REQUIRED = {
    "documents": {"title", "kind", "publisher_basis", "published_basis", "text"},
    "quotes": {"document_id", "span_start", "span_end", "text", "speaker", "kind", "attribution"},
    "comments": {"document_id", "position", "span_start", "span_end", "text"},
    "organisations": {"name", "kind", "country"},
    "people": {"name"},
    "mentions": {"document_id", "span_start", "span_end", "text", "basis"},
    "roles": {"text"},
    "regions": {"kind", "span_end"},
    "statements": {
        "text",
        "kind",
        "attribution",
        "speaker",
        "document_id",
        "title",
        "document_kind",
        "date_basis",
        "span_start",
        "span_end",
    },
}


def _field(table: str, name: str, kind: str | Vocabulary, fmt: str) -> dict[str, Any]:
    info = TABLES[table]
    field: dict[str, Any] = {"name": name, "description": info.columns[name]}
    constraints: dict[str, Any] = {}
    many = kind == "strs" or (isinstance(kind, Vocabulary) and kind.many)
    if many:
        # A CSV cell holds a JSON array; a Parquet cell a list, which
        # Frictionless reads as no Table Schema type, so it is "any" there.
        field["type"] = "array" if fmt == "csv" else "any"
        field["description"] += " A list of strings."
        if isinstance(kind, Vocabulary):
            field["description"] += " Values: " + ", ".join(kind.names) + "."
    elif isinstance(kind, Vocabulary):
        field["type"] = "string"
        constraints["enum"] = list(kind.names)
    else:
        field["type"] = _TYPES[kind]
    required = name in info.primary_key or name in _REQUIRED.get(table, ())
    if kind == "int" and fmt == "parquet" and not required:
        # Frictionless reads Parquet through pandas, where a missing integer
        # becomes NaN, which it takes for a number but not for an integer.
        field["type"] = "number"
        field["description"] += " An integer where present."
    if field["type"] == "integer" and name.endswith(("span_start", "span_end", "position")):
        constraints["minimum"] = 0
    if required:
        constraints["required"] = True
    if info.primary_key == (name,):
        constraints["unique"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(table: str, path: Path, folder: Path, fmt: str) -> dict[str, Any]:
    info = TABLES[table]
    schema: dict[str, Any] = {
        "fields": [_field(table, name, kind, fmt) for name, kind in schema_of(table)],
        "primaryKey": list(info.primary_key),
        "missingValues": [""],
    }
    if info.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": [column],
                "reference": {"resource": "" if ref == table else ref, "fields": [field]},
            }
            for column, (ref, field) in info.foreign_keys.items()
        ]
    resource: dict[str, Any] = {
        "name": table,
        "type": "table",
        "path": path.relative_to(folder).as_posix(),
        "format": fmt,
        "description": info.description,
        "schema": schema,
    }
    if fmt == "csv":
        data = path.read_bytes()
        resource.update(
            mediatype="text/csv",
            encoding="utf-8",
            hash="sha256:" + hashlib.sha256(data).hexdigest(),
            bytes=len(data),
        )
    else:  # Frictionless counts no bytes of a Parquet file; manifest.json has them
        resource["mediatype"] = "application/vnd.apache.parquet"
    return resource


def datapackage(corpus: Corpus, fmt: str, folder: Path) -> dict[str, Any]:
    """Return the ``datapackage.json`` of a CSV or Parquet export in ``folder``.

    Args:
        corpus: The corpus exported.
        fmt: ``"csv"`` or ``"parquet"``.
        folder: The folder holding one ``<table>.<fmt>`` file per table.
    """
    from ._citation import AUTHOR, TITLE  # noqa: PLC0415

    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "integrated-care-corpus",
        "title": TITLE,
        "version": corpus.version,
        "description": DESCRIPTION,
        "licenses": [
            {
                "name": LICENCE,
                "title": LICENCE_SUMMARY,
                "path": "LICENSE",
            }
        ],
        "contributors": [{"title": AUTHOR, "roles": ["creator"]}],
        "resources": [_resource(table, folder / f"{table}.{fmt}", folder, fmt) for table in TABLES],
    }
