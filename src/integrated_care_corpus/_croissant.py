"""Croissant (MLCommons) metadata for the Parquet export: ``croissant.json``.

Croissant (https://mlcommons.org/croissant/) describes a dataset for
machine-learning tools: the Dataset (name, description, licence, version,
citation), its files (``distribution``, each with its SHA-256) and its
record sets, one per table, with every field's type and description, the
table's key, and the references between tables. ``mlcroissant`` validates
the file and reads the records straight from the Parquet files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._rows import Vocabulary
from ._tables import DESCRIPTION, LICENCE_SUMMARY, TABLES, schema_of

if TYPE_CHECKING:
    from ._corpus import Corpus

__all__ = ["CONTEXT", "croissant"]

#: The Croissant 1.0 ``@context``, as the specification gives it.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

_TYPES = {
    "str": "sc:Text",
    "int": "sc:Integer",
    "bool": "sc:Boolean",
    "date": "sc:Date",
    "strs": "sc:Text",
}


def _field(table: str, name: str, kind: str | Vocabulary) -> dict[str, Any]:
    info = TABLES[table]
    description = info.columns[name]
    if isinstance(kind, Vocabulary):
        description += " One of: " + ", ".join(kind.names) + "."
    field: dict[str, Any] = {
        "@type": "cr:Field",
        "@id": f"{table}/{name}",
        "name": name,
        "description": description,
        "dataType": "sc:Text" if isinstance(kind, Vocabulary) else _TYPES[kind],
        "source": {"fileObject": {"@id": f"{table}.parquet"}, "extract": {"column": name}},
    }
    if kind == "strs" or (isinstance(kind, Vocabulary) and kind.many):
        field["repeated"] = True
    if name in info.foreign_keys:
        ref, column = info.foreign_keys[name]
        # A reference within the table (a quote continuing another) stays in
        # the description: Croissant reads references as a graph without cycles.
        if ref != table:
            field["references"] = {"field": {"@id": f"{ref}/{column}"}}
    return field


def croissant(corpus: Corpus, folder: Path, package_version: str) -> dict[str, Any]:
    """Return the ``croissant.json`` of a Parquet export in ``folder``."""
    from ._citation import AUTHOR, DATE_RELEASED, TITLE, citation, citation_cff  # noqa: PLC0415
    from ._errors import UnknownVersionError  # noqa: PLC0415

    try:
        cite = citation("bibtex", version=corpus.version)
    except UnknownVersionError:  # a version this package does not bundle
        cite = citation_cff(corpus.version)

    distribution = []
    for table in TABLES:
        path = folder / f"{table}.parquet"
        distribution.append(
            {
                "@type": "cr:FileObject",
                "@id": path.name,
                "name": path.name,
                "description": f"The {table} table.",
                "contentUrl": path.name,
                "encodingFormat": "application/x-parquet",
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            }
        )
    record_sets = [
        {
            "@type": "cr:RecordSet",
            "@id": table,
            "name": table,
            "description": info.description,
            "key": [{"@id": f"{table}/{c}"} for c in info.primary_key],
            "field": [_field(table, name, kind) for name, kind in schema_of(table)],
        }
        for table, info in TABLES.items()
    ]
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": "integrated-care-corpus",
        "alternateName": TITLE,
        "description": DESCRIPTION,
        "version": corpus.version,
        **({"datePublished": DATE_RELEASED} if DATE_RELEASED else {}),
        "license": LICENCE_SUMMARY,
        "url": "https://pypi.org/project/integrated-care-corpus/",
        "creator": {"@type": "sc:Organization", "name": AUTHOR},
        "citeAs": cite,
        "inLanguage": "en-GB",
        "keywords": ["corpus", "integrated care", "quotations", "NHS"],
        "sdVersion": package_version,
        "distribution": distribution,
        "recordSet": record_sets,
    }
