"""Optional exports: pandas DataFrames, Arrow tables and Parquet files.

pandas and pyarrow are imported here, on first use, and nowhere else, so
that ``import integrated_care_corpus`` never imports them. Without the
package, the error names the extra that installs it.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ._errors import MissingExtraError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    import pandas
    import pyarrow

__all__ = ["arrow_table", "dataframe", "write_parquet"]


def _require(module: str, extra: str, purpose: str) -> ModuleType:
    """Import an optional dependency, or say which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(module, extra, purpose) from None


def dataframe(
    schema: Sequence[tuple[str, str]], rows: Sequence[Mapping[str, Any]]
) -> pandas.DataFrame:
    """Return a DataFrame with one column per schema entry, typed by the schema.

    Integers and booleans are nullable (``Int64``, ``boolean``), dates are
    ``datetime64`` (``NaT`` when unknown), lists of ids stay lists.
    """
    pd = _require("pandas", "pandas", "DataFrames")
    data: dict[str, Any] = {}
    for name, kind in schema:
        values = [row[name] for row in rows]
        if kind == "int":
            data[name] = pd.array(values, dtype="Int64")
        elif kind == "bool":
            data[name] = pd.array(values, dtype="boolean")
        elif kind == "date":
            data[name] = pd.to_datetime(pd.Series(values, dtype=object))
        elif kind == "strs":
            data[name] = pd.Series([list(v) for v in values], dtype=object)
        else:
            data[name] = pd.Series(values, dtype=object).astype("string")
    frame: pandas.DataFrame = pd.DataFrame(data, columns=[name for name, _ in schema])
    return frame


def arrow_table(
    schema: Sequence[tuple[str, str]], rows: Sequence[Mapping[str, Any]]
) -> pyarrow.Table:
    """Return a pyarrow Table with one typed column per schema entry."""
    pa = _require("pyarrow", "arrow", "Arrow tables and Parquet files")
    types = {
        "str": pa.string(),
        "int": pa.int64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "strs": pa.list_(pa.string()),
    }
    fields = [pa.field(name, types[kind]) for name, kind in schema]
    columns = [
        pa.array(
            [list(row[name]) if kind == "strs" else row[name] for row in rows], type=types[kind]
        )
        for name, kind in schema
    ]
    return pa.Table.from_arrays(columns, schema=pa.schema(fields))


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
