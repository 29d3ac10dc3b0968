"""The CSV and Parquet exports' ``datapackage.json``, validated by Frictionless itself."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _export
from integrated_care_corpus._tables import TABLES

frictionless = pytest.importorskip("frictionless")

# frictionless writes through pandas and petl, whose own warnings are theirs.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning")


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("datapackages")
    for fmt in ("csv", "parquet"):
        _export.export(icc.load(), fmt, root / fmt)
    return {"csv": root / "csv", "parquet": root / "parquet"}


def _errors(path: Path) -> list[tuple[str, str]]:
    report = frictionless.validate(str(path))
    return [(task.name, error.type) for task in report.tasks for error in task.errors]


def _package(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "datapackage.json").read_bytes())
    return data


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_the_frictionless_command_finds_the_package_valid(
    fmt: str, folders: dict[str, Path]
) -> None:
    script = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(script), "validate", "datapackage.json", "--json"],
        cwd=folders[fmt],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    assert report["valid"], result.stdout[:2000]
    assert result.returncode == 0
    assert [task["name"] for task in report["tasks"]] == list(TABLES)
    assert all(task["stats"]["rows"] > 0 for task in report["tasks"])


def test_the_package_describes_every_table(folders: dict[str, Path]) -> None:
    package = _package(folders["csv"])
    assert package["version"] == icc.CORPUS_VERSION
    assert package["licenses"][0]["path"] == "LICENSE"
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == list(TABLES)
    quotes = resources["quotes"]["schema"]
    assert quotes["primaryKey"] == ["id"]
    fields = {f["name"]: f for f in quotes["fields"]}
    assert fields["kind"]["constraints"]["enum"] == ["direct", "partial"]
    assert fields["attribution"]["constraints"]["enum"] == ["stated", "inferred", "unknown"]
    assert fields["span_start"]["type"] == "integer"
    assert fields["organisation_ids"]["type"] == "array"
    assert all(f["description"] for f in quotes["fields"])
    references = {
        fk["fields"][0]: (fk["reference"]["resource"], fk["reference"]["fields"][0])
        for fk in quotes["foreignKeys"]
    }
    assert references == {
        "document_id": ("documents", "id"),
        "person_id": ("people", "id"),
        "continues": ("", "id"),  # the table itself
    }


def _rewrite_csv(path: Path, change: Any) -> None:
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _without_checksums(folder: Path) -> None:
    """Drop the byte counts and hashes, so only the damage itself is reported."""
    package = _package(folder)
    for resource in package["resources"]:
        resource.pop("hash", None)
        resource.pop("bytes", None)
    (folder / "datapackage.json").write_text(json.dumps(package), "utf-8")


@pytest.mark.parametrize(
    ("table", "change", "expected"),
    [
        ("quotes", lambda rows: rows[0].update(document_id="no-such-document"), "foreign-key"),
        ("mentions", lambda rows: rows[3].update(person_id="nobody"), "foreign-key"),
        ("comments", lambda rows: rows[1].update(in_reply_to="x/c99"), "foreign-key"),
        ("quotes", lambda rows: rows[0].update(kind="indirect"), "constraint-error"),
        ("documents", lambda rows: rows[1].update(published="23 November 2010"), "type-error"),
        ("quotes", lambda rows: rows[2].update(id=rows[1]["id"]), "primary-key"),
        ("regions", lambda rows: rows[0].update(span_start="-1"), "constraint-error"),
    ],
)
def test_a_broken_row_is_caught(
    folders: dict[str, Path], tmp_path: Path, table: str, change: Any, expected: str
) -> None:
    folder = tmp_path / "csv"
    shutil.copytree(folders["csv"], folder)
    assert _errors(folder / "datapackage.json") == []
    _rewrite_csv(folder / f"{table}.csv", change)
    _without_checksums(folder)
    errors = _errors(folder / "datapackage.json")
    assert (table, expected) in errors, errors


def test_a_changed_file_fails_its_checksum(folders: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    shutil.copytree(folders["csv"], folder)
    with (folder / "people.csv").open("a", encoding="utf-8") as file:
        file.write("someone,Some One,[],[],\n")
    errors = _errors(folder / "datapackage.json")
    assert ("people", "hash-count") in errors
    assert ("people", "byte-count") in errors
