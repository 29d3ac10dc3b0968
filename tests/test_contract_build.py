"""The build's contract: a released version is never rewritten, and a failure leaves the data.

Every malformed curation input is one clean error naming the file (and the
key, where there is one), never a traceback; a version that the data
folder's lock marks as released is written only when its bytes come out
identical; the files are written into a temporary folder that then takes the
version's place.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus._cli import main as cli_main

from .conftest import CURATION, DATA, SEEDS

RELEASED = icc.versions()[-1]  # the curation's version, locked


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of the package's data folder, lock included."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def build(curation: Path, out: Path, seeds: Path = SEEDS) -> int:
    return cli_main(
        ["build", "--curation", str(curation), "--seeds", str(seeds), "--out", str(out)]
    )


def _set_version(curation: Path, version: str) -> None:
    path = curation / "corpus.toml"
    text = path.read_text("utf-8")
    old = f'version = "{RELEASED}"'
    assert old in text
    path.write_text(text.replace(old, f'version = "{version}"', 1), "utf-8")


def test_an_identical_rebuild_of_a_released_version_is_allowed(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _files(data_copy / RELEASED)
    assert build(CURATION, data_copy) == 0
    assert _files(data_copy / RELEASED) == before
    assert capsys.readouterr().err == ""


def test_a_released_version_is_never_rewritten(
    curation_copy: Path, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = curation_copy / "organisations.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace('country = "GB"', 'country = "IE"', 1), "utf-8")
    before = _files(data_copy / RELEASED)
    assert build(curation_copy, data_copy) == 1
    err = capsys.readouterr().err
    assert f"corpus {RELEASED} is released" in err
    assert "bump `version` in curation/corpus.toml" in err
    assert "Traceback" not in err
    assert _files(data_copy / RELEASED) == before
    assert sorted(p.name for p in data_copy.iterdir()) == sorted(p.name for p in DATA.iterdir())


def test_a_new_version_records_every_resource_size(
    curation_copy: Path, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_version(curation_copy, "9.0.2")
    assert build(curation_copy, data_copy) == 0, capsys.readouterr().err
    folder = data_copy / "9.0.2"
    manifest = json.loads((folder / "manifest.json").read_bytes())
    for name, entry in manifest["resources"].items():
        assert entry["size"] == (folder / name).stat().st_size
    assert icc.load_path(folder).version == "9.0.2"
    # The released versions' manifests keep their released form, without sizes.
    old = json.loads((data_copy / RELEASED / "manifest.json").read_bytes())
    assert all("size" not in entry for entry in old["resources"].values())


def test_a_failed_write_leaves_the_folder_as_it_was(
    curation_copy: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _set_version(curation_copy, "9.0.2")
    assert build(curation_copy, data_copy) == 0
    before = _files(data_copy / "9.0.2")
    path = curation_copy / "organisations.toml"
    path.write_text(path.read_text("utf-8").replace('country = "GB"', 'country = "IE"', 1), "utf-8")
    calls = []
    real = Path.write_bytes

    def fail_on_the_third(self: Path, data: bytes) -> int:
        calls.append(self.name)
        if len(calls) == 3:
            message = "disk full"
            raise OSError(28, message)
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", fail_on_the_third)
    assert build(curation_copy, data_copy) == 1
    assert _files(data_copy / "9.0.2") == before
    assert not [p for p in data_copy.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(
    ("file", "content", "named"),
    [
        ("corpus.toml", "version = 1\n", "key 'version'"),
        ("corpus.toml", 'version = "١.٠.١"\n', "key 'version'"),
        ("corpus.toml", 'version = "1.0.2"\ntombstones = "none"\n', "key 'tombstones'"),
        ("people.toml", 'people = "nobody"\n', "key 'people'"),
        ("people.toml", "people = [1, 2]\n", "key 'people'"),
        ("organisations.toml", "organisations = 3\n", "key 'organisations'"),
        ("organisations.toml", b"\xff\xfe not utf-8", "not UTF-8"),
        ("people.toml", "people = [\n", "not valid TOML"),
        ("people.toml", "people = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
        # A misspelt table is not silently left out (the tombstones, say).
        (
            "corpus.toml",
            'version = "1.0.2"\n[[tombstone]]\nkind = "quote"\nid = "a/q1"\nremoved_in = "1.0.2"\n',
            "unknown keys ['tombstone']",
        ),
        ("organisations.toml", '[[organisation]]\nid = "x"\n', "unknown keys ['organisation']"),
        ("people.toml", '[[person]]\nid = "x"\n', "unknown keys ['person']"),
    ],
)
def test_a_malformed_curation_file_is_one_clean_error(
    curation_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    file: str,
    content: str | bytes,
    named: str,
) -> None:
    target = curation_copy / file
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, "utf-8")
    out = tmp_path / "out"
    assert build(curation_copy, out) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert file in err
    assert named in err
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(
    "line",
    [
        "not-a-digest  000_1a5042586f2495c4.txt",
        "0" * 64,
        "0" * 64 + "  ../../etc/passwd",
        "0" * 64 + "  /etc/passwd",
        "0" * 64 + "  sub/seed.txt",
    ],
)
def test_sha256sums_entries_stay_inside_seeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    with (seeds / "SHA256SUMS").open("a", encoding="utf-8") as file:
        file.write(line + "\n")
    assert build(CURATION, tmp_path / "out", seeds) == 1
    err = capsys.readouterr().err
    assert "seeds/SHA256SUMS line " in err
    assert "a plain file name in seeds/" in err
    assert "Traceback" not in err
