"""The Parquet export loads with Hugging Face ``datasets``, one config per table, offline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

import integrated_care_corpus as icc
from integrated_care_corpus import _export
from integrated_care_corpus._tables import TABLES, flat_tables

datasets = pytest.importorskip("datasets")

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hf") / "parquet"
    _export.export(icc.load(), "parquet", out)
    return out


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No network and a scratch cache: the folder alone is read."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setattr(datasets.config, "HF_DATASETS_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True, raising=False)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", tmp_path / "cache")


def test_the_readme_front_matter_has_one_config_per_table(folder: Path) -> None:
    text = (folder / "README.md").read_text("utf-8")
    assert text.startswith("---\n")
    front = yaml.safe_load(text.split("---\n")[1])
    assert [c["config_name"] for c in front["configs"]] == list(TABLES)
    assert front["license"] == "other"
    assert front["license_link"] == "LICENSE"


def test_load_dataset_reads_the_quotes(folder: Path, tmp_path: Path) -> None:
    corpus = icc.load()
    quotes = datasets.load_dataset(
        str(folder), "quotes", split="train", cache_dir=str(tmp_path / "cache")
    )
    assert quotes.num_rows == len(corpus.quotes)
    assert quotes["id"] == [q.id for q in corpus.quotes]
    assert quotes["text"] == [q.text for q in corpus.quotes]
    assert quotes["span_start"] == [q.span.start for q in corpus.quotes]
    assert quotes["organisation_ids"] == [list(q.organisation_ids) for q in corpus.quotes]


@pytest.mark.parametrize("table", list(TABLES))
def test_every_config_loads(folder: Path, tmp_path: Path, table: str) -> None:
    loaded = datasets.load_dataset(
        str(folder), table, split="train", cache_dir=str(tmp_path / "cache")
    )
    _, rows = flat_tables(icc.load())[table]
    assert loaded.num_rows == len(rows)
    assert loaded.column_names == list(TABLES[table].columns)


def test_the_default_config_is_the_documents(folder: Path, tmp_path: Path) -> None:
    documents = datasets.load_dataset(str(folder), split="train", cache_dir=str(tmp_path / "c"))
    assert documents["id"] == [d.id for d in icc.load().documents]
    assert documents.features["published"].dtype == "date32"
    assert documents["published"][1] == dt.date(2010, 11, 23)
