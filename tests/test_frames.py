"""The optional pandas and Arrow exports, and the core's independence from them."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import integrated_care_corpus as icc

CIPFA = "cipfa-2012-01-05-ministers-must-prioritise-integration"
PULSE = "pulse-undated-nhs-fully-integrated-by-2018"
TABLES = [
    "documents",
    "quotes",
    "comments",
    "organisations",
    "people",
    "mentions",
    "roles",
    "regions",
    "statements",
]


def test_the_core_never_imports_pandas_or_pyarrow() -> None:
    script = (
        "import sys\n"
        "import integrated_care_corpus as icc\n"
        "c = icc.load()\n"
        "c.find_quotes(speaker='Chris Ham', since=2011, text='care')\n"
        "c.quotes_by('Chris Ham').to_dicts()\n"
        "c.co_mentions(); c.search('care'); c.in_document(c.documents[0])\n"
        "c._repr_html_(); c.find_documents()._repr_html_()\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'pyarrow'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_without_pandas_the_error_names_the_extra(
    corpus: icc.Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(icc.MissingExtraError, match=r"integrated-care-corpus\[pandas\]") as info:
        corpus.to_dataframes()
    assert isinstance(info.value, ImportError)
    assert (info.value.module, info.value.extra) == ("pandas", "pandas")
    with pytest.raises(ImportError, match="DataFrames need pandas"):
        corpus.quotes_by("Chris Ham").to_dataframe()


def test_without_pyarrow_the_error_names_the_extra(
    corpus: icc.Corpus, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    for call in (
        corpus.to_arrow_tables,
        lambda: corpus.to_arrow("quotes"),
        lambda: corpus.to_parquet(tmp_path),
        lambda: corpus.find_quotes().to_arrow(),
    ):
        with pytest.raises(icc.MissingExtraError, match=r"integrated-care-corpus\[arrow\]"):
            call()
    assert not list(tmp_path.iterdir())


def test_one_dataframe_per_record_type(corpus: icc.Corpus) -> None:
    frames = corpus.to_dataframes()
    assert list(frames) == TABLES
    for name in TABLES[:-3]:
        assert len(frames[name]) == len(getattr(corpus, name))
        assert frames[name]["id"].tolist() == [r.id for r in getattr(corpus, name)]
    # Roles: Chris Ham 2, Jennifer Dixon 2, Norman Lamb 3 ('health and care
    # minister', 'MP', 'Minister'), George Coxon 2 (his signature, and 'NHS
    # commissioner' in his comment), five others 1, two people none.
    assert len(frames["roles"]) == 2 + 2 + 3 + 2 + 5
    documents = frames["documents"]
    assert str(documents["published"].dtype).startswith("datetime64")
    assert documents["published"].isna().sum() == 3
    assert str(frames["comments"]["number"].dtype) == "Int64"
    assert frames["comments"]["number"].dropna().tolist() == [40880, 40981]


def test_dataframes_join_on_ids(corpus: icc.Corpus) -> None:
    frames = corpus.to_dataframes()
    quotes = frames["quotes"].merge(
        frames["people"], left_on="person_id", right_on="id", suffixes=("", "_person")
    )
    ham = quotes[quotes["name"] == "Chris Ham"]
    assert ham["document_id"].nunique() == 2
    assert len(ham) == 4
    mentions = frames["mentions"].merge(
        frames["organisations"], left_on="organisation_id", right_on="id", suffixes=("", "_org")
    )
    trust = mentions[mentions["name"] == "Nuffield Trust"]
    assert trust.groupby("document_id").size().to_dict() == {CIPFA: 2, PULSE: 2}
    exploded = frames["quotes"].explode("organisation_ids")
    assert (exploded["organisation_ids"] == "nuffield-trust").sum() == 9
    assert corpus.to_dataframe("quotes").equals(frames["quotes"])


def test_results_to_dataframe(corpus: icc.Corpus) -> None:
    frame = corpus.quotes_by("Chris Ham").to_dataframe()
    assert (
        frame["role"].tolist()
        == [
            "Chief Executive of The King's Fund and lead author of the report",
        ]
        * 2
        + ["chief executive of The King’s Fund"] * 2
    )
    assert (
        frame["published"].tolist()
        == [pd.Timestamp(2010, 11, 23)] * 2 + [pd.Timestamp(2012, 1, 5)] * 2
    )
    empty = corpus.find_quotes(document=PULSE, speaker="Chris Ham").to_dataframe()
    assert len(empty) == 0
    assert "speaker" in empty.columns


def test_arrow_tables_and_parquet(corpus: icc.Corpus, tmp_path: Path) -> None:
    tables = corpus.to_arrow_tables()
    assert list(tables) == TABLES
    quotes = tables["quotes"]
    assert quotes.num_rows == 27
    assert quotes.schema.field("organisation_ids").type == pa.list_(pa.string())
    assert quotes.schema.field("span_start").type == pa.int64()
    assert tables["documents"].schema.field("published").type == pa.date32()
    assert tables["documents"].column("published").to_pylist()[1] == dt.date(2010, 11, 23)
    paths = corpus.to_parquet(tmp_path / "out")
    assert sorted(p.name for p in paths.values()) == sorted(f"{t}.parquet" for t in TABLES)
    for name, path in paths.items():
        assert pq.read_table(path).equals(tables[name])
    hits = corpus.search("Nuffield Trust").to_arrow()
    assert hits.column("text").to_pylist() == ["Nuffield Trust"] * 4
    assert corpus.to_arrow("mentions").num_rows == 119
    roles = tables["roles"]
    assert roles.schema.field("former").type == pa.bool_()
    former = [r for r in roles.to_pylist() if r["former"]]
    assert [(r["person_id"], r["text"]) for r in former] == [("george-coxon", "NHS commissioner")]
    assert quotes.schema.field("source_start").type == pa.int64()


def test_who_said_it_and_former_roles_in_dataframes(corpus: icc.Corpus) -> None:
    frames = corpus.to_dataframes()
    roles = frames["roles"]
    assert str(roles["former"].dtype) == "boolean"
    assert roles["former"].sum() == 1
    quotes = frames["quotes"]
    assert quotes["source"].notna().sum() == quotes["cue"].notna().sum() == 15
    assert str(quotes["cue_start"].dtype) == "Int64"
    orgs = frames["organisations"].set_index("id")
    assert list(orgs.loc["care-quality-commission", "well_known_names"]) == ["CQC"]
    people = frames["people"].set_index("id")
    assert list(people.loc["george-coxon", "former_roles"]) == ["NHS commissioner"]
