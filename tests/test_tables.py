"""Flat tables: every field kept, vocabularies typed, every column described."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _export, _rows
from integrated_care_corpus._tables import LICENCE, TABLES, flat_tables, schema_of

SQL_KEYWORDS = {"start", "end", "order", "position_", "select", "from", "group", "user"}


def test_every_column_of_every_table_is_described(corpus: icc.Corpus) -> None:
    # The statements' columns are a result row type's, registered once a corpus exists.
    assert corpus.statements()
    for name, table in TABLES.items():
        columns = [column for column, _ in schema_of(name)]
        assert list(table.columns) == columns, name
        assert all(table.columns.values()), name
        assert set(table.primary_key) <= set(columns)
        for column, (ref, field) in table.foreign_keys.items():
            assert column in columns
            assert field in [c for c, _ in schema_of(ref)]


def test_no_column_is_an_sql_keyword(corpus: icc.Corpus) -> None:
    assert corpus.statements()
    for name in TABLES:
        assert not {c for c, _ in schema_of(name)} & SQL_KEYWORDS, name


# --- no field lost: every record rebuilt from the flat tables alone -----------------


def _cells(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _rebuild(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[Any]]:
    """Rebuild every record from the rows, as a reader of the CSV files could."""

    def span(r: dict[str, Any], prefix: str = "span") -> icc.Span:
        return icc.Span(r[f"{prefix}_start"], r[f"{prefix}_end"])

    regions: dict[str, list[icc.Region]] = {}
    for r in tables["regions"]:
        regions.setdefault(r["document_id"], []).append(
            icc.Region(icc.RegionKind(r["kind"]), span(r))
        )
    roles: dict[str, list[icc.Role]] = {}
    for r in tables["roles"]:
        roles.setdefault(r["person_id"], []).append(
            icc.Role(r["document_id"], r["text"], span(r), r["organisation_ids"], r["former"])
        )
    documents = [
        icc.Document(
            id=r["id"],
            title=r["title"],
            kind=icc.DocumentKind(r["kind"]),
            publisher=icc.Publisher(
                r["publisher_id"], icc.Basis(r["publisher_basis"]), r["publisher_note"]
            ),
            authors=r["author_ids"],
            published=icc.PublicationDate(
                r["published"], icc.Basis(r["published_basis"]), r["published_note"]
            ),
            topics=tuple(icc.Topic(t) for t in r["topics"]),
            source=icc.Source(r["source_file"], r["source_sha256"]),
            regions=tuple(regions.get(r["id"], ())),
            text=r["text"],
        )
        for r in tables["documents"]
    ]
    quotes = [
        icc.Quote(
            id=r["id"],
            document_id=r["document_id"],
            text=r["text"],
            span=span(r),
            speaker=r["speaker"],
            person_id=r["person_id"],
            organisation_ids=r["organisation_ids"],
            role=(
                icc.Role(
                    r["document_id"], r["role"], span(r, "role_span"), r["role_organisation_ids"]
                )
                if r["role"] is not None
                else None
            ),
            kind=icc.QuoteKind(r["kind"]),
            attribution=icc.Basis(r["attribution"]),
            continues=r["continues"],
            note=r["note"],
            source=(
                icc.Excerpt(r["source"], span(r, "source")) if r["source"] is not None else None
            ),
            cue=icc.Excerpt(r["cue"], span(r, "cue")) if r["cue"] is not None else None,
        )
        for r in tables["quotes"]
    ]
    comments = [
        icc.Comment(
            **{k: v for k, v in r.items() if k not in ("span_start", "span_end")}, span=span(r)
        )
        for r in tables["comments"]
    ]
    organisations = [
        icc.Organisation(**{**r, "kind": icc.OrganisationKind(r["kind"])})
        for r in tables["organisations"]
    ]
    people = [
        icc.Person(r["id"], r["name"], r["aliases"], tuple(roles.get(r["id"], ())), r["note"])
        for r in tables["people"]
    ]
    mentions = [
        icc.Mention(
            **{k: v for k, v in r.items() if k not in ("span_start", "span_end", "basis")},
            span=span(r),
            basis=icc.Basis(r["basis"]),
        )
        for r in tables["mentions"]
    ]
    return {
        "documents": documents,
        "quotes": quotes,
        "comments": comments,
        "organisations": organisations,
        "people": people,
        "mentions": mentions,
    }


@pytest.mark.parametrize("version", ["1.0.0", "1.0.1", "1.1.0"])
def test_every_record_can_be_rebuilt_from_the_flat_tables(version: str) -> None:
    corpus = icc.load(version)
    rows = {name: rows for name, (_, rows) in flat_tables(corpus).items()}
    rebuilt = _rebuild(rows)
    for name, records in rebuilt.items():
        assert tuple(records) == getattr(corpus, name), name


def test_every_record_can_be_rebuilt_from_the_parquet_export(tmp_path: Path) -> None:
    corpus = icc.load()
    _export.export(corpus, "parquet", tmp_path / "out")
    rows = {
        name: [
            {k: _cells(v) for k, v in row.items()}
            for row in pq.read_table(tmp_path / "out" / f"{name}.parquet").to_pylist()
        ]
        for name in TABLES
    }
    for name, records in _rebuild(rows).items():
        assert tuple(records) == getattr(corpus, name), name


# --- types ----------------------------------------------------------------------------


def _vocabularies() -> list[tuple[str, str, _rows.Vocabulary]]:
    icc.load()  # the statements' columns are registered once a corpus exists
    return [
        (table, column, kind)
        for table in TABLES
        for column, kind in schema_of(table)
        if isinstance(kind, _rows.Vocabulary)
    ]


def test_vocabularies_are_categorical_in_pandas_with_every_value(corpus: icc.Corpus) -> None:
    frames = corpus.to_dataframes()
    assert _vocabularies()
    for table, column, kind in _vocabularies():
        series = frames[table][column]
        if kind.many:
            assert all(set(cell) <= set(kind.names) for cell in series), (table, column)
            continue
        assert isinstance(series.dtype, pd.CategoricalDtype), (table, column)
        assert list(series.cat.categories) == list(kind.names), (table, column)
    # Every value of the vocabulary, even one no record has.
    assert "unknown" in frames["quotes"]["attribution"].cat.categories
    assert (frames["quotes"]["attribution"] == "unknown").sum() == 0


def test_vocabularies_are_arrow_dictionaries_with_every_value(
    corpus: icc.Corpus, tmp_path: Path
) -> None:
    tables = corpus.to_arrow_tables()
    paths = corpus.to_parquet(tmp_path)
    for table, column, kind in _vocabularies():
        for source in (tables[table], pq.read_table(paths[table])):
            field = source.schema.field(column)
            values = source.column(column).combine_chunks()
            if kind.many:
                assert pa.types.is_list(field.type)
                assert pa.types.is_dictionary(field.type.value_type)
                values = values.flatten()
            else:
                assert pa.types.is_dictionary(field.type), (table, column)
            assert values.dictionary.to_pylist() == list(kind.names), (table, column)
            assert json.loads(field.metadata[b"vocabulary"]) == list(kind.names)


def test_dates_are_one_type_per_surface(corpus: icc.Corpus, tmp_path: Path) -> None:
    assert str(corpus.to_dataframe("documents")["published"].dtype) == "datetime64[s]"
    assert corpus.to_arrow("documents").schema.field("published").type == pa.date32()
    paths = corpus.to_parquet(tmp_path / "pq")
    assert pq.read_schema(paths["documents"]).field("published").type == pa.date32()
    _export.export(corpus, "jsonl", tmp_path / "jsonl")
    lines = (tmp_path / "jsonl" / "documents.jsonl").read_text("utf-8").splitlines()
    dates = [json.loads(line)["published"]["date"] for line in lines]
    assert dt.date.fromisoformat(next(d for d in dates if d)) in {
        d.published.date for d in corpus.documents
    }


def test_parquet_files_describe_themselves(corpus: icc.Corpus, tmp_path: Path) -> None:
    paths = corpus.to_parquet(tmp_path)
    assert set(paths) == set(TABLES)
    for name, path in paths.items():
        schema = pq.read_schema(path)
        meta = {k.decode(): v.decode() for k, v in schema.metadata.items()}
        assert meta["corpus_version"] == corpus.version
        assert meta["table"] == name
        assert meta["license"] == LICENCE
        assert meta["description"] == TABLES[name].description
        assert json.loads(meta["primary_key"]) == list(TABLES[name].primary_key)
        assert json.loads(meta["foreign_keys"]) == {
            k: list(v) for k, v in TABLES[name].foreign_keys.items()
        }
        for field in schema:
            assert field.metadata[b"description"].decode() == TABLES[name].columns[field.name]
