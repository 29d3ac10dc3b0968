"""The Parquet export's ``croissant.json``, validated and read by mlcroissant itself."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _export
from integrated_care_corpus._tables import TABLES, flat_tables

mlc = pytest.importorskip("mlcroissant")

# mlcroissant's own dependencies warn about their own deprecations.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("croissant") / "parquet"
    _export.export(icc.load(), "parquet", out)
    return out


def _text(value: Any) -> Any:
    return value.decode("utf-8") if isinstance(value, bytes) else value


def test_mlcroissant_validates_the_metadata(folder: Path) -> None:
    script = Path(sys.executable).parent / "mlcroissant"
    result = subprocess.run(
        [str(script), "validate", "--jsonld", str(folder / "croissant.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "error" not in result.stderr.lower().replace("0 error", ""), result.stderr[-3000:]


def test_the_metadata_names_the_dataset(folder: Path) -> None:
    dataset = mlc.Dataset(jsonld=str(folder / "croissant.json"))
    metadata = dataset.metadata
    assert metadata.version == icc.CORPUS_VERSION
    assert metadata.license
    assert metadata.cite_as == icc.citation("bibtex", version=icc.CORPUS_VERSION)
    assert [r.name for r in metadata.record_sets] == list(TABLES)
    document = json.loads((folder / "croissant.json").read_bytes())
    for entry in document["distribution"]:
        data = (folder / entry["contentUrl"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_the_quotes_read_back_through_mlcroissant(folder: Path) -> None:
    corpus = icc.load()
    dataset = mlc.Dataset(jsonld=str(folder / "croissant.json"))
    records = list(dataset.records(record_set="quotes"))
    assert len(records) == len(corpus.quotes)
    for record, quote in zip(records, corpus.quotes, strict=True):
        assert _text(record["quotes/id"]) == quote.id
        assert _text(record["quotes/text"]) == quote.text
        assert _text(record["quotes/speaker"]) == quote.speaker
        assert record["quotes/span_start"] == quote.span.start
        assert record["quotes/span_end"] == quote.span.end
        assert [_text(o) for o in record["quotes/organisation_ids"]] == list(quote.organisation_ids)
        assert _text(record["quotes/kind"]) == quote.kind.value
        text = corpus.document(_text(record["quotes/document_id"])).text
        assert text[record["quotes/span_start"] : record["quotes/span_end"]] == quote.text


@pytest.mark.parametrize("table", [t for t in TABLES if t != "quotes"])
def test_every_record_set_reads(folder: Path, table: str) -> None:
    dataset = mlc.Dataset(jsonld=str(folder / "croissant.json"))
    records = list(dataset.records(record_set=table))
    _, rows = flat_tables(icc.load())[table]
    assert len(records) == len(rows)
    key = TABLES[table].primary_key
    assert [tuple(_text(r[f"{table}/{c}"]) for c in key) for r in records] == [
        tuple(row[c] for c in key) for row in rows
    ]
