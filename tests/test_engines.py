"""The cookbook's three queries, in DuckDB and Polars, against answers from the records."""

from __future__ import annotations

from pathlib import Path

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _export

duckdb = pytest.importorskip("duckdb")
pl = pytest.importorskip("polars")

TABLES = ("documents", "quotes", "comments", "organisations", "people", "mentions")


def expected_speakers(corpus: icc.Corpus) -> list[tuple[str, int, list[str]]]:
    """Quotes per speaker (the person's name, else the credit), with organisation names."""
    counts: dict[str, tuple[int, set[str]]] = {}
    for q in corpus.quotes:
        speaker = corpus.person(q.person_id).name if q.person_id else q.speaker
        n, names = counts.get(speaker, (0, set()))
        names |= {corpus.organisation(o).name for o in q.organisation_ids}
        counts[speaker] = (n + 1, names)
    rows = [(s, n, sorted(names)) for s, (n, names) in counts.items()]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def expected_nuffield(corpus: icc.Corpus) -> list[str]:
    trust = corpus.organisation("Nuffield Trust").id
    return sorted({m.document_id for m in corpus.mentions if m.organisation_id == trust})


def expected_comments(corpus: icc.Corpus) -> list[tuple[str, int]]:
    rows = [(d.id, len(corpus.in_document(d).comments)) for d in corpus.documents]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


@pytest.fixture(scope="module", params=["1.0.0", "1.0.1"])
def exported(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[icc.Corpus, Path]:
    corpus = icc.load(request.param)
    folder = tmp_path_factory.mktemp("engines") / "parquet"
    _export.export(corpus, "parquet", folder)
    return corpus, folder


def test_duckdb(exported: tuple[icc.Corpus, Path]) -> None:
    corpus, folder = exported
    db = duckdb.connect()
    for table in TABLES:
        path = folder / f"{table}.parquet"
        db.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{path}')")  # noqa: S608
    speakers = db.sql(
        """
        WITH credits AS (
            SELECT q.id, o.name
            FROM quotes AS q, unnest(q.organisation_ids) AS u(organisation_id)
            JOIN organisations AS o ON o.id = u.organisation_id)
        SELECT coalesce(p.name, q.speaker) AS speaker, count(DISTINCT q.id) AS quotes,
               list_sort(list_distinct(list(c.name) FILTER (c.name IS NOT NULL))) AS organisations
        FROM quotes AS q
        LEFT JOIN people AS p ON p.id = q.person_id
        LEFT JOIN credits AS c ON c.id = q.id
        GROUP BY 1 ORDER BY quotes DESC, speaker"""
    ).fetchall()
    assert [(s, n, list(o)) for s, n, o in speakers] == expected_speakers(corpus)
    nuffield = db.sql(
        """
        SELECT DISTINCT d.id FROM mentions AS m
        JOIN organisations AS o ON o.id = m.organisation_id
        JOIN documents AS d ON d.id = m.document_id
        WHERE o.name = 'Nuffield Trust' ORDER BY d.id"""
    ).fetchall()
    assert [r[0] for r in nuffield] == expected_nuffield(corpus)
    comments = db.sql(
        """
        SELECT d.id, count(c.id) AS comments FROM documents AS d
        LEFT JOIN comments AS c ON c.document_id = d.id
        GROUP BY d.id ORDER BY comments DESC, d.id"""
    ).fetchall()
    assert comments == expected_comments(corpus)
    # Dates and vocabularies keep their types through Parquet.
    assert db.sql("SELECT typeof(published) FROM documents LIMIT 1").fetchall() == [("DATE",)]
    assert db.sql("SELECT count(*) FROM quotes WHERE kind = 'direct'").fetchall() == [
        (sum(q.kind is icc.QuoteKind.DIRECT for q in corpus.quotes),)
    ]


def test_polars(exported: tuple[icc.Corpus, Path]) -> None:
    corpus, folder = exported
    t = {name: pl.read_parquet(folder / f"{name}.parquet") for name in TABLES}
    names = t["organisations"].select(pl.col("id").alias("organisation_id"), "name")
    people = t["people"].select(pl.col("id").alias("person_id"), pl.col("name").alias("person"))
    speakers = (
        t["quotes"]
        .join(people, on="person_id", how="left")
        .with_columns(pl.coalesce("person", "speaker").alias("speaker"))
        .explode("organisation_ids")
        .rename({"organisation_ids": "organisation_id"})
        .join(names, on="organisation_id", how="left")
        .group_by("speaker")
        .agg(
            pl.col("id").n_unique().alias("quotes"),
            pl.col("name").drop_nulls().unique().sort().alias("organisations"),
        )
        .sort(["quotes", "speaker"], descending=[True, False])
    )
    assert speakers.rows() == expected_speakers(corpus)
    nuffield = (
        t["mentions"]
        .join(names, on="organisation_id")
        .filter(pl.col("name") == "Nuffield Trust")
        .select(pl.col("document_id").alias("id"))
        .unique()
        .sort("id")
    )
    assert nuffield["id"].to_list() == expected_nuffield(corpus)
    comments = (
        t["documents"]
        .select("id")
        .join(
            t["comments"].group_by("document_id").len("comments"),
            left_on="id",
            right_on="document_id",
            how="left",
        )
        .with_columns(pl.col("comments").fill_null(0))
        .sort(["comments", "id"], descending=[True, False])
    )
    assert comments.rows() == expected_comments(corpus)
    assert t["quotes"].schema["kind"] == pl.Categorical
    assert t["documents"].schema["published"] == pl.Date
