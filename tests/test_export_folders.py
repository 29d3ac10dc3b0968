"""Export folders: self-describing, written whole or not at all, never through a symlink."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import integrated_care_corpus as icc
from integrated_care_corpus import _export
from integrated_care_corpus._migrations import SCHEMA_VERSION
from integrated_care_corpus._schema import schema_for

from .conftest import ROOT

FORMATS = ["json", "jsonl", "csv", "parquet", "jsonld", "spacy"]
#: Every folder holds these, whatever its format.
DESCRIBING = {"manifest.json", "LICENSE", "CITATION.cff", "README.md"}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "integrated_care_corpus", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def manifest_of(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "manifest.json").read_bytes())
    return data


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One export of the newest corpus in every format."""
    root = tmp_path_factory.mktemp("exports")
    corpus = icc.load()
    for fmt in FORMATS:
        _export.export(corpus, fmt, root / fmt)
    return {fmt: root / fmt for fmt in FORMATS}


# --- what every folder says about itself ----------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_manifest_lists_every_file_with_its_checksum_and_size(
    fmt: str, exported: dict[str, Path]
) -> None:
    folder = exported[fmt]
    manifest = manifest_of(folder)
    assert manifest["corpus_version"] == icc.CORPUS_VERSION
    assert manifest["schema_version"] == SCHEMA_VERSION
    entry = manifest["export"]
    assert entry["format"] == fmt
    assert entry["package"] == "integrated-care-corpus"
    assert entry["package_version"] == icc.__version__
    on_disk = files_in(folder)
    assert set(on_disk) >= DESCRIBING
    del on_disk["manifest.json"]
    assert set(entry["files"]) == set(on_disk)
    for name, data in on_disk.items():
        assert entry["files"][name] == {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }, name


@pytest.mark.parametrize("fmt", FORMATS)
def test_licence_citation_and_readme(fmt: str, exported: dict[str, Path]) -> None:
    folder = exported[fmt]
    assert (folder / "LICENSE").read_bytes() == (ROOT / "LICENSE").read_bytes()
    # The export's citation is the project's, for the version exported.
    ours = yaml.safe_load((folder / "CITATION.cff").read_text("utf-8"))
    project = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    assert ours == project
    readme = (folder / "README.md").read_text("utf-8")
    assert f"# integrated-care-corpus {icc.CORPUS_VERSION} ({fmt} export)" in readme
    assert "| quotes | 27 |" in readme  # the data card's record counts
    assert "## How to load" in readme
    assert "## How to cite" in readme
    for name in files_in(folder):
        assert f"- `{name}`: " in readme, name


def test_an_older_version_cites_itself(tmp_path: Path) -> None:
    _export.export(icc.load("1.0.0"), "csv", tmp_path / "out")
    cff = yaml.safe_load((tmp_path / "out" / "CITATION.cff").read_text("utf-8"))
    assert cff["version"] == "1.0.0"
    assert manifest_of(tmp_path / "out")["corpus_version"] == "1.0.0"


# --- the JSON export is a corpus folder --------------------------------------------


def test_the_json_export_loads_and_verifies(exported: dict[str, Path]) -> None:
    folder = exported["json"]
    loaded = icc.load_path(folder)
    original = icc.load()
    assert loaded.version == original.version
    for name in ("documents", "quotes", "comments", "organisations", "people", "mentions"):
        assert getattr(loaded, name) == getattr(original, name), name
    result = cli("verify", str(folder))
    assert result.returncode == 0, result.stderr
    validator = jsonschema.Draft202012Validator(
        schema_for("manifest"), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(manifest_of(folder))


def test_the_json_export_carries_tombstones(tmp_path: Path) -> None:
    corpus = icc.load()
    _export.export(corpus, "json", tmp_path / "out")
    assert icc.load_path(tmp_path / "out").tombstones == corpus.tombstones


def test_a_changed_readme_fails_verification(tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    _export.export(icc.load(), "json", folder)
    with (folder / "README.md").open("a", encoding="utf-8") as file:
        file.write("edited\n")
    with pytest.raises(icc.CorpusIntegrityError, match=r"'README.md' has \d+ bytes"):
        icc.load_path(folder)
    result = cli("verify", str(folder))
    assert result.returncode == 1
    assert "README.md" in result.stderr


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda e: e.pop("package"), "field 'export' must be an object"),
        (lambda e: e.update(format=1), "field 'export.format' is 1"),
        (lambda e: e.update(files=[]), "field 'export.files' must be an object"),
        (lambda e: e["files"].update({"../x": e["files"]["LICENSE"]}), "relative path"),
        (lambda e: e["files"]["LICENSE"].update(size=True), "non-negative integer 'size'"),
        (lambda e: e["files"].update(gone={"sha256": "0" * 64, "size": 0}), "missing"),
        (lambda e: e["files"]["LICENSE"].update(sha256="0" * 64), "SHA-256"),
        (lambda e: e["files"]["quotes.json"].update(sha256="0" * 64), "one checksum per file"),
    ],
)
def test_a_damaged_export_entry_is_refused_like_the_schema_refuses_it(
    tmp_path: Path, damage: Any, message: str
) -> None:
    folder = tmp_path / "out"
    _export.export(icc.load(), "json", folder)
    manifest = manifest_of(folder)
    damage(manifest["export"])
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(icc.CorpusError, match=message):
        icc.load_path(folder)
    validator = jsonschema.Draft202012Validator(schema_for("manifest"))
    schema_ok = validator.is_valid(manifest)
    # The schema checks shape; the files themselves only the loader can check.
    assert schema_ok == (message in ("missing", "SHA-256", "one checksum per file"))


def _list_in_export(folder: Path, name: str, entry: dict[str, Any]) -> None:
    manifest = manifest_of(folder)
    manifest["export"]["files"][name] = entry
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("a" * 300, icc.CorpusFormatError),  # no file system has such a name
        ("/".join(["ab"] * 3000), icc.CorpusIntegrityError),  # no folder 'ab': missing
    ],
)
def test_a_listed_file_with_an_unusable_name_is_a_package_error_naming_it(
    tmp_path: Path, name: str, error: type[icc.CorpusError]
) -> None:
    folder = tmp_path / "out"
    _export.export(icc.load(), "json", folder)
    _list_in_export(folder, name, {"sha256": "0" * 64, "size": 1})
    with pytest.raises(icc.CorpusError) as info:
        icc.load_path(folder)
    assert type(info.value) is error
    message = str(info.value)
    assert message.startswith(f"{folder}/manifest.json: ")
    assert f"'{name[:50]}" in message
    assert len(message) < 400  # the name is shortened, not printed whole


def test_a_listed_file_is_not_read_through_a_symlink_out_of_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    _export.export(icc.load(), "json", folder)
    outside = tmp_path / "elsewhere.md"
    outside.write_bytes(b"not part of the export\n")
    (folder / "README.md").unlink()
    (folder / "README.md").symlink_to(outside)
    digest = hashlib.sha256(outside.read_bytes()).hexdigest()
    _list_in_export(folder, "README.md", {"sha256": digest, "size": outside.stat().st_size})
    with pytest.raises(icc.CorpusFormatError) as info:
        icc.load_path(folder)
    assert str(info.value).startswith(
        f"{folder}/manifest.json: 'README.md' is a symbolic link to {outside}, outside the folder"
    )


def test_a_listed_fifo_is_refused_unread(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    _export.export(icc.load(), "json", folder)
    os.mkfifo(folder / "pipe")  # reading it would block for ever
    _list_in_export(folder, "pipe", {"sha256": "0" * 64, "size": 0})
    with pytest.raises(icc.CorpusFormatError) as info:
        icc.load_path(folder)
    assert str(info.value).startswith(f"{folder}/manifest.json: 'pipe' is not a regular file")


def test_a_listed_file_of_another_size_is_refused_unread(
    tmp_path: Path, file_reads: list[str]
) -> None:
    folder = tmp_path / "out"
    _export.export(icc.load(), "json", folder)
    size = (folder / "README.md").stat().st_size
    with (folder / "README.md").open("r+b") as file:
        file.truncate(4 * 2**30)  # sparse: nothing on disk; reading it would take 4 GB
    file_reads.clear()  # what the export read; the load is what is watched
    with pytest.raises(icc.CorpusIntegrityError) as info:
        icc.load_path(folder)
    assert str(info.value) == (
        f"{folder}/manifest.json: 'README.md' has {4 * 2**30} bytes, the manifest says {size}"
    )
    assert "README.md" not in file_reads


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl", "jsonld", "spacy"])
def test_an_export_of_another_format_says_what_it_is(fmt: str, exported: dict[str, Path]) -> None:
    with pytest.raises(icc.CorpusFormatError, match=f"is a '{fmt}' export of corpus"):
        icc.load_path(exported[fmt])


# --- written whole, or not at all ------------------------------------------------------


def _failing_writer(_corpus: icc.Corpus, out: Path) -> list[Path]:
    (out / "half.csv").write_text("id\n", encoding="utf-8")
    msg = "No space left on device"
    raise OSError(28, msg)


def test_a_failed_export_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(_export.FORMATS, "broken", _failing_writer)
    target = tmp_path / "new" / "deeper" / "out"
    with pytest.raises(icc.ExportError, match="No space left on device; nothing was changed"):
        _export.export(icc.load(), "broken", target)
    assert list(tmp_path.iterdir()) == []  # not the folder, nor its new parents, nor a temp


def test_a_failed_export_over_an_earlier_one_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out"
    _export.export(icc.load(), "csv", target)
    before = files_in(target)
    monkeypatch.setitem(_export.FORMATS, "broken", _failing_writer)
    with pytest.raises(icc.ExportError):
        _export.export(icc.load(), "broken", target)
    assert files_in(target) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_failed_rename_puts_the_earlier_export_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out"
    _export.export(icc.load(), "csv", target)
    before = files_in(target)
    real_rename = Path.rename

    def rename(self: Path, to: Any) -> Path:
        if self.name.endswith(".partial"):
            raise OSError(18, "Invalid cross-device link")
        return real_rename(self, to)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(icc.ExportError, match="cross-device"):
        _export.export(icc.load(), "jsonl", target)
    assert files_in(target) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_an_export_over_an_earlier_one_replaces_it_whole(tmp_path: Path) -> None:
    target = tmp_path / "out"
    _export.export(icc.load(), "csv", target)
    (target / "stale.csv").write_text("left over\n", encoding="utf-8")
    _export.export(icc.load(), "jsonl", target)
    names = set(files_in(target))
    assert "stale.csv" not in names
    assert "quotes.csv" not in names
    assert "quotes.jsonl" in names
    assert manifest_of(target)["export"]["format"] == "jsonl"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_an_empty_folder_is_written_into(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    _export.export(icc.load(), "jsonld", target)
    assert (target / "corpus.jsonld").is_file()


def test_a_folder_that_is_not_an_export_is_refused_without_force(tmp_path: Path) -> None:
    target = tmp_path / "thesis"
    target.mkdir()
    (target / "chapter1.tex").write_text("precious\n", encoding="utf-8")
    with pytest.raises(icc.ExportError, match="not empty and not an earlier export"):
        _export.export(icc.load(), "csv", target)
    assert files_in(target) == {"chapter1.tex": b"precious\n"}
    result = cli("export", "--format", "csv", "--out", str(target))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--force" in result.stderr
    assert files_in(target) == {"chapter1.tex": b"precious\n"}
    result = cli("export", "--format", "csv", "--out", str(target), "--force")
    assert result.returncode == 0, result.stderr
    assert "chapter1.tex" not in files_in(target)
    assert "quotes.csv" in files_in(target)


def test_a_foreign_manifest_does_not_make_an_export(tmp_path: Path) -> None:
    target = tmp_path / "corpus"
    target.mkdir()
    (target / "manifest.json").write_text('{"export": {"package": "other"}}', "utf-8")
    with pytest.raises(icc.ExportError, match="not an earlier export"):
        _export.export(icc.load(), "csv", target)
    (target / "manifest.json").write_text("not json", "utf-8")
    with pytest.raises(icc.ExportError, match="not an earlier export"):
        _export.export(icc.load(), "csv", target)
    (target / "manifest.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    with pytest.raises(icc.ExportError, match="not an earlier export"):
        _export.export(icc.load(), "csv", target)
    with (target / "manifest.json").open("r+b") as file:
        file.truncate(4 * 2**30)  # sparse: nothing on disk; no manifest is 4 GB
    with pytest.raises(icc.ExportError, match="not an earlier export"):
        _export.export(icc.load(), "csv", target)


# --- never through a symbolic link -------------------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_out_as_a_symlink_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    _export.export(icc.load(), "csv", real)
    before = files_in(real)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    with pytest.raises(icc.ExportError, match="symbolic link"):
        _export.export(icc.load(), "csv", link)
    with pytest.raises(icc.ExportError, match="symbolic link"):
        _export.export(icc.load(), "csv", link, force=True)
    assert files_in(real) == before
    result = cli("export", "--format", "csv", "--out", str(link))
    assert result.returncode == 1
    assert "symbolic link" in result.stderr


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_symlink_inside_an_earlier_export_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "out"
    _export.export(icc.load(), "csv", target)
    outside = tmp_path / "outside.txt"
    outside.write_text("do not touch\n", encoding="utf-8")
    (target / "quotes.csv").unlink()
    (target / "quotes.csv").symlink_to(outside)
    _export.export(icc.load(), "csv", target)
    assert outside.read_text("utf-8") == "do not touch\n"
    assert not (target / "quotes.csv").is_symlink()
    assert (target / "quotes.csv").read_text("utf-8").startswith("id,")


def test_an_unknown_format_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(icc.ExportError, match="unknown export format 'xml'"):
        _export.export(icc.load(), "xml", tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_a_file_in_the_way_is_an_export_error(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("", encoding="utf-8")
    with pytest.raises(icc.ExportError, match="not a directory"):
        _export.export(icc.load(), "csv", target)
