"""Optional exports: pandas DataFrames, Arrow tables and Parquet files.

pandas and pyarrow are imported here, on first use, and nowhere else, so
that ``import integrated_care_corpus`` never imports them. Without the
package, the error names the extra that installs it.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ._errors import MissingExtraError
from ._rows import Vocabulary

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    import pandas
    import pyarrow

__all__ = ["arrow_table", "dataframe", "describe", "write_parquet"]


def _require(module: str, extra: str, purpose: str) -> ModuleType:
    """Import an optional dependency, or say which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(module, extra, purpose) from None


def dataframe(
    schema: Sequence[tuple[str, str | Vocabulary]], rows: Sequence[Mapping[str, Any]]
) -> pandas.DataFrame:
    """Return a DataFrame with one column per schema entry, typed by the schema.

    Integers and booleans are nullable (``Int64``, ``boolean``); a vocabulary
    column is a ``Categorical`` whose categories are the whole vocabulary, in
    its order, even values no row has; dates are ``datetime64[s]`` (``NaT``
    when unknown), pandas' own date type, which its date arithmetic, ``.dt``
    accessors and resampling work on without the ``[arrow]`` extra; lists of
    ids or of vocabulary values stay lists.
    """
    pd = _require("pandas", "pandas", "DataFrames")
    data: dict[str, Any] = {}
    for name, kind in schema:
        values = [row[name] for row in rows]
        if isinstance(kind, Vocabulary) and not kind.many:
            data[name] = pd.Categorical(values, categories=list(kind.names))
        elif kind == "int":
            data[name] = pd.array(values, dtype="Int64")
        elif kind == "bool":
            data[name] = pd.array(values, dtype="boolean")
        elif kind == "date":
            data[name] = pd.to_datetime(pd.Series(values, dtype=object)).astype("datetime64[s]")
        elif kind == "strs" or isinstance(kind, Vocabulary):
            data[name] = pd.Series([list(v) for v in values], dtype=object)
        else:
            data[name] = pd.Series(values, dtype=object).astype("string")
    frame: pandas.DataFrame = pd.DataFrame(data, columns=[name for name, _ in schema])
    return frame


def _arrow_type(pa: Any, kind: str | Vocabulary) -> Any:  # noqa: ANN401 - pyarrow types
    if isinstance(kind, Vocabulary):
        dictionary = pa.dictionary(pa.int32(), pa.string())
        return pa.list_(dictionary) if kind.many else dictionary
    return {
        "str": pa.string(),
        "int": pa.int64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "strs": pa.list_(pa.string()),
    }[kind]


def _arrow_column(pa: Any, kind: str | Vocabulary, values: list[Any]) -> Any:  # noqa: ANN401
    if not isinstance(kind, Vocabulary):
        if kind == "strs":
            values = [list(v) for v in values]
        return pa.array(values, type=_arrow_type(pa, kind))
    names = kind.names
    index = {name: i for i, name in enumerate(names)}
    dictionary = pa.array(names, type=pa.string())
    if not kind.many:
        indices = pa.array([index[v] for v in values], type=pa.int32())
        return pa.DictionaryArray.from_arrays(indices, dictionary)
    flat = [index[v] for cell in values for v in cell]
    offsets = [0]
    for cell in values:
        offsets.append(offsets[-1] + len(cell))
    items = pa.DictionaryArray.from_arrays(pa.array(flat, type=pa.int32()), dictionary)
    return pa.ListArray.from_arrays(pa.array(offsets, type=pa.int32()), items)


def arrow_table(
    schema: Sequence[tuple[str, str | Vocabulary]], rows: Sequence[Mapping[str, Any]]
) -> pyarrow.Table:
    """Return a pyarrow Table with one typed column per schema entry.

    Dates are ``date32``; a vocabulary column is a dictionary column whose
    dictionary is the whole vocabulary, in its order.
    """
    pa = _require("pyarrow", "arrow", "Arrow tables and Parquet files")
    fields = [pa.field(name, _arrow_type(pa, kind)) for name, kind in schema]
    columns = [_arrow_column(pa, kind, [row[name] for row in rows]) for name, kind in schema]
    return pa.Table.from_arrays(columns, schema=pa.schema(fields))


def describe(table: pyarrow.Table, name: str, corpus_version: str) -> pyarrow.Table:
    """Return ``table`` with its description, keys, licence and column descriptions.

    The schema's key-value metadata holds ``corpus_version``, ``table``,
    ``description``, ``license`` (an SPDX expression), ``license_summary``,
    ``primary_key`` and ``foreign_keys`` (JSON); each field's holds its
    ``description`` and, for a vocabulary column, the ``vocabulary`` (JSON).
    Parquet keeps both.
    """
    from ._tables import LICENCE, LICENCE_SUMMARY, TABLES, schema_of  # noqa: PLC0415

    info = TABLES[name]
    kinds = dict(schema_of(name))
    fields = []
    for field in table.schema:
        meta = {"description": info.columns[field.name]}
        kind = kinds.get(field.name)
        if isinstance(kind, Vocabulary):
            meta["vocabulary"] = json.dumps(list(kind.names))
        fields.append(field.with_metadata(meta))
    metadata = {
        "corpus_version": corpus_version,
        "table": name,
        "description": info.description,
        "license": LICENCE,
        "license_summary": LICENCE_SUMMARY,
        "primary_key": json.dumps(list(info.primary_key)),
        "foreign_keys": json.dumps({k: list(v) for k, v in info.foreign_keys.items()}),
    }
    pa = _require("pyarrow", "arrow", "Arrow tables and Parquet files")
    return pa.Table.from_arrays(table.columns, schema=pa.schema(fields, metadata=metadata))


def write_parquet(tables: Mapping[str, pyarrow.Table], directory: Path) -> dict[str, Path]:
    """Write each table as ``<directory>/<name>.parquet``; return the paths."""
    parquet = _require("pyarrow.parquet", "arrow", "Parquet files")
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, table in tables.items():
        path = directory / f"{name}.parquet"
        parquet.write_table(table, path)
        paths[name] = path
    return paths
