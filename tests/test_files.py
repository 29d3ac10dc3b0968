"""The package's own folder, read without pathlib: ``_files.DiskEntry`` reads as a Path does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from integrated_care_corpus import _files
from integrated_care_corpus._files import DiskEntry

from .conftest import DATA


def _pairs() -> list[tuple[DiskEntry, Path]]:
    """Each entry of the bundled data folder (two levels), as a DiskEntry and as a Path."""
    out = [(DiskEntry(str(DATA)), DATA)]
    for path in sorted(DATA.iterdir()):
        out.append((DiskEntry(str(path)), path))
        if path.is_dir():
            out += [(DiskEntry(str(p)), p) for p in sorted(path.iterdir())]
    return out


@pytest.mark.parametrize(("entry", "path"), _pairs(), ids=lambda x: str(x)[-30:])
def test_an_entry_reads_as_its_path_does(entry: DiskEntry, path: Path) -> None:
    assert (entry.name, str(entry), os.fspath(entry)) == (path.name, str(path), os.fspath(path))
    assert (entry.is_dir(), entry.is_file()) == (path.is_dir(), path.is_file())
    if path.is_dir():
        assert sorted(e.name for e in entry.iterdir()) == sorted(p.name for p in path.iterdir())
        assert all(isinstance(e, DiskEntry) for e in entry.iterdir())
    else:
        assert entry.read_bytes() == path.read_bytes()
        if path.suffix == ".json":
            assert entry.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
            with entry.open(encoding="utf-8") as text:
                assert text.read() == path.read_text(encoding="utf-8")
        with entry.open("rb") as binary:
            assert binary.read() == path.read_bytes()


def test_joining_splits_at_slashes_as_files_does() -> None:
    root = DiskEntry(str(DATA))
    version = min(p.name for p in DATA.iterdir() if p.is_dir())
    joined = root.joinpath(f"{version}/manifest.json")
    assert joined == root.joinpath(version, "manifest.json") == root / version / "manifest.json"
    assert joined == root.joinpath(Path(version), "manifest.json")
    assert str(joined) == str(DATA / version / "manifest.json")
    assert joined.is_file()
    assert hash(joined) == hash(root.joinpath(version, "manifest.json"))
    assert joined != DATA / version / "manifest.json"  # a Path is another kind of thing
    assert repr(joined) == f"DiskEntry({str(joined)!r})"


def test_a_missing_entry_is_neither_file_nor_folder() -> None:
    missing = DiskEntry(str(DATA)).joinpath("no-such-version", "manifest.json")
    assert not missing.is_file()
    assert not missing.is_dir()
    with pytest.raises(FileNotFoundError):
        missing.read_bytes()


def test_an_installed_folder_is_read_as_a_disk_entry() -> None:
    root = _files.package_root()
    if not isinstance(root, os.PathLike):  # pragma: no cover - a zip install
        pytest.skip("the package is not a folder on disk here")
    assert isinstance(root, DiskEntry)
    assert (Path(root) / "py.typed").is_file()
    assert _files.data_root() == root.joinpath("data")
