"""Corpus versions: the version rule, the lock, schema migrations and unknown versions."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from importlib.metadata import version as installed_version
from pathlib import Path
from typing import Any

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _loading, _migrations, _resources, _versions
from integrated_care_corpus._cli import main as cli_main
from integrated_care_corpus._converter import converter
from integrated_care_corpus._resources import RESOURCE_TYPES

from .conftest import DATA, ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def _pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as f:
        found: str = tomllib.load(f)["project"]["version"]
    return found


def _manifest(version: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DATA / version / "manifest.json").read_bytes())
    return loaded


# --- the three version numbers and the rule that ties them --------------------


def test_package_version_is_the_same_everywhere() -> None:
    assert icc.__version__ == installed_version("integrated-care-corpus") == _pyproject_version(), (
        "pyproject.toml, the installed metadata and icc.__version__ disagree: "
        "reinstall the package after changing its version"
    )


def test_package_version_follows_the_corpus_versions() -> None:
    problems = _versions.check_version_rule(
        icc.__version__, icc.versions(), _versions.read_lock(DATA)
    )
    assert problems == []


def test_the_version_rule_catches_each_breach() -> None:
    lock = {"1.0.0": {"package": "1.0.0"}, "1.1.0": {"package": "1.0.1"}}
    problems = _versions.check_version_rule("1.0.1", ("1.0.0", "1.1.0"), lock)
    assert problems == [
        "package 1.0.1 bundles corpus 1.1.0: the package MAJOR.MINOR must be at least 1.1",
        (
            "corpus 1.1.0 is locked as first released in package 1.0.1, a patch release; "
            "package patch releases never add or change data"
        ),
        (
            "corpus 1.1.0 is locked as first released in package 1.0.1, "
            "whose MAJOR.MINOR is below the corpus's"
        ),
    ]
    newer = _versions.check_version_rule("1.1.0", ("1.0.0",), {"1.0.0": {"package": "1.2.0"}})
    assert newer == [
        "corpus 1.0.0 is locked as first released in package 1.2.0, newer than this package 1.1.0"
    ]


@pytest.mark.parametrize("version", icc.versions())
def test_every_bundled_version_says_what_it_is(version: str) -> None:
    manifest = _manifest(version)
    corpus = icc.load(version)
    assert corpus.version == manifest["corpus_version"] == version
    assert corpus.schema_version == str(manifest["schema_version"])
    assert manifest["schema_version"] in _migrations.READABLE_SCHEMA_VERSIONS
    lock = _versions.read_lock(DATA)
    assert lock[version]["schema_version"] == manifest["schema_version"]


def test_corpus_version_is_the_newest_bundled() -> None:
    assert icc.CORPUS_VERSION == icc.versions()[-1] == icc.load().version
    assert "CORPUS_VERSION" in dir(icc)
    assert icc.versions() == tuple(sorted(icc.versions(), key=_resources.version_key))


# --- unknown versions ----------------------------------------------------------


@pytest.mark.parametrize("wanted", ["9", "1.0.2", "1.0.0.0", "01", "latest"])
def test_an_unknown_version_fails_naming_the_bundled_ones(wanted: str) -> None:
    with pytest.raises(icc.UnknownVersionError) as info:
        icc.load(wanted)
    assert str(info.value) == (
        f"no bundled corpus version matches {wanted!r}; bundled versions: "
        + ", ".join(icc.versions())
    )


def test_diff_with_an_unknown_version_fails_clearly() -> None:
    with pytest.raises(icc.UnknownVersionError, match=r"no bundled corpus version matches '7'"):
        icc.diff("1.0.0", "7")


def test_prefixes_load_the_newest_match() -> None:
    assert icc.load("1").version == max(
        (v for v in icc.versions() if v.startswith("1.")), key=_resources.version_key
    )
    assert icc.load("1.0").version.startswith("1.0.")


# --- the lock ------------------------------------------------------------------


def test_every_released_version_is_bundled_unchanged() -> None:
    lock = _versions.read_lock(DATA)
    assert "1.0.0" in lock
    assert _versions.check_lock(DATA, lock) == []


def test_the_lock_pins_corpus_1_0_0() -> None:
    # Hashes taken when corpus 1.0.0 was locked: a second record, by hand, of what the
    # lock file holds, so that an edit to the lock file itself fails too.
    entry = _versions.read_lock(DATA)["1.0.0"]
    assert entry["manifest_sha256"] == (
        "13b790f65df06f0bb65d49745a0e56dee9e1e605c5e197aa07f02b3ed91c5fcd"
    )
    assert entry["resources"]["quotes.json"] == (
        "b5bc1bdce0217005e70b12dfd6dfc7396e72cfdf08b029228e242f79478e2444"
    )
    assert entry["package"] == "1.0.0"
    assert sorted(entry["resources"]) == sorted(f"{n}.json" for n in RESOURCE_TYPES)


@pytest.mark.parametrize("version", icc.versions())
def test_a_released_version_loads_to_its_released_bytes(version: str) -> None:
    # icc.load(version) gives the very records released: unstructured and written
    # the way the build writes them, they hash to what the lock recorded.
    entry = _versions.read_lock(DATA)[version]
    if entry["schema_version"] != _migrations.SCHEMA_VERSION:
        pytest.skip("an older schema: its records load upgraded to the current format")
    corpus = icc.load(version)
    parts: dict[str, tuple[Any, ...]] = {n: getattr(corpus, n) for n in RESOURCE_TYPES}
    if corpus.tombstones:  # pragma: no cover - no bundled version has any yet
        parts["tombstones"] = corpus.tombstones
    hashes = {}
    for name, records in parts.items():
        raw = [converter.unstructure(record) for record in records]
        data = (json.dumps(raw, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        hashes[f"{name}.json"] = hashlib.sha256(data).hexdigest()
    assert hashes == entry["resources"]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of the whole bundled data folder, lock included."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def test_a_changed_released_resource_fails(data_copy: Path) -> None:
    path = data_copy / "1.0.0" / "quotes.json"
    path.write_bytes(path.read_bytes().replace(b"Bringing", b"Brining", 1))
    problems = _versions.check_lock(data_copy, _versions.read_lock(data_copy))
    assert len(problems) == 1
    assert re.fullmatch(
        r"data/1\.0\.0/quotes\.json: SHA-256 [0-9a-f]{64} differs from "
        r"b5bc1bdce0217005e70b12dfd6dfc7396e72cfdf08b029228e242f79478e2444 in "
        r"versions\.lock\.json; corpus 1\.0\.0 was released and must never change: "
        r"release the change as a new corpus version \(docs/versions\.md\)",
        problems[0],
    )


def test_a_changed_released_manifest_fails_and_load_refuses_it(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = data_copy / "1.0.0" / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"count": 30', b'"count": 31'))
    problems = _versions.check_lock(data_copy, _versions.read_lock(data_copy))
    assert [p.split(":")[0] for p in problems] == ["data/1.0.0/manifest.json"]
    monkeypatch.setattr(_loading, "data_root", lambda: data_copy)
    monkeypatch.setattr(_loading, "_cache", {})
    with pytest.raises(
        icc.CorpusIntegrityError,
        match=r"data/1\.0\.0/manifest\.json: SHA-256 .* differs from 13b790f6.* in "
        r"data/versions\.lock\.json; corpus 1\.0\.0 was released and must never change",
    ):
        icc.load("1.0.0")


def test_a_missing_lock_entry_fails(data_copy: Path) -> None:
    lock = _versions.read_lock(data_copy)
    del lock["1.0.0"]
    assert _versions.check_lock(data_copy, lock) == [
        (
            "data/1.0.0: corpus 1.0.0 has no entry in versions.lock.json; "
            "record it when releasing it: integrated-care-corpus lock 1.0.0"
        )
    ]


def test_a_released_version_may_not_be_dropped(data_copy: Path) -> None:
    lock = _versions.read_lock(data_copy)
    shutil.rmtree(data_copy / "1.0.0")
    assert _versions.check_lock(data_copy, lock) == [
        (
            "data/1.0.0: corpus 1.0.0 is in versions.lock.json but not bundled; "
            "a released corpus version must stay in every later package"
        )
    ]


def test_a_released_version_gains_no_resources(data_copy: Path) -> None:
    folder = data_copy / "1.0.0"
    (folder / "tombstones.json").write_text("[]\n", encoding="utf-8")
    manifest = json.loads((folder / "manifest.json").read_bytes())
    manifest["resources"]["tombstones.json"] = {"sha256": "0" * 64, "count": 0}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    problems = _versions.check_lock(data_copy, _versions.read_lock(data_copy))
    assert problems[0].startswith("data/1.0.0/manifest.json: SHA-256")
    assert problems[1] == (
        "data/1.0.0/tombstones.json: not in the lock entry for corpus 1.0.0; "
        "a released version gains no resources"
    )


def test_locking_a_new_version_and_refusing_to_relock_it(data_copy: Path) -> None:
    new = data_copy / "1.2.0"
    shutil.copytree(data_copy / "1.0.0", new)
    assert _versions.check_lock(data_copy, _versions.read_lock(data_copy))[0].startswith(
        "data/1.2.0: corpus 1.2.0 has no entry"
    )
    entry = _versions.add_to_lock(data_copy, "1.2.0", "1.3.0")
    lock = _versions.read_lock(data_copy)
    assert lock["1.2.0"] == entry
    assert entry["package"] == "1.3.0"
    assert list(lock) == ["1.0.0", "1.0.1", "1.1.0", "1.2.0"]
    assert _versions.check_lock(data_copy, lock) == []
    # Locking again with the same bytes is a no-op; with other bytes, an error.
    assert _versions.add_to_lock(data_copy, "1.2.0", "1.3.0") == entry
    (new / "people.json").write_bytes(b"[]\n")
    with pytest.raises(icc.CorpusIntegrityError, match="locked already, with other contents"):
        _versions.add_to_lock(data_copy, "1.2.0", "1.3.0")
    with pytest.raises(icc.CorpusFormatError, match=r"no corpus 9\.9\.9 to lock"):
        _versions.add_to_lock(data_copy, "9.9.9", "9.9.0")


def test_a_malformed_lock_file_fails_clearly(data_copy: Path) -> None:
    lock = data_copy / "versions.lock.json"
    lock.write_text('{"versions": {"1.0.0": {"package": "1.0"}}}', encoding="utf-8")
    with pytest.raises(icc.CorpusFormatError, match=r"entry '1\.0\.0' must be"):
        _versions.read_lock(data_copy)
    lock.write_text("{", encoding="utf-8")
    with pytest.raises(icc.CorpusFormatError, match="not a valid lock file"):
        _versions.read_lock(data_copy)


def test_the_lock_command(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["lock", "--data", str(data_copy)]) == 0
    assert "released versions, all unchanged" in capsys.readouterr().out
    shutil.copytree(data_copy / "1.0.0", data_copy / "1.2.0")
    assert cli_main(["lock", "--data", str(data_copy)]) == 1
    assert "corpus 1.2.0 has no entry" in capsys.readouterr().err
    assert cli_main(["lock", "1.2.0", "--data", str(data_copy), "--package", "1.3.0"]) == 0
    assert "corpus 1.2.0 locked, first released in package 1.3.0" in capsys.readouterr().out
    assert cli_main(["lock", "--data", str(data_copy)]) == 0


# --- reading older schema versions ----------------------------------------------


def _raw(version: str) -> dict[str, Any]:
    manifest = _manifest(version)
    return {
        name.removesuffix(".json"): json.loads((DATA / version / name).read_bytes())
        for name in manifest["resources"]
    }


@pytest.mark.parametrize("version", icc.versions())
def test_every_bundled_version_migrates_to_the_current_schema(version: str) -> None:
    raw = _raw(version)
    migrated = _migrations.migrate(raw, _manifest(version)["schema_version"])
    corpus = icc.load(version)
    for name, cls in RESOURCE_TYPES.items():
        records = tuple(converter.structure(item, cls) for item in migrated[name])
        assert records == getattr(corpus, name)


def test_a_migration_chain_is_applied_step_by_step() -> None:
    def one_to_two(raw: _migrations.RawCorpus) -> _migrations.RawCorpus:
        return {**raw, "people": [{**p, "names": [p["name"]]} for p in raw["people"]]}

    def two_to_three(raw: _migrations.RawCorpus) -> _migrations.RawCorpus:
        return {**raw, "people": [{**p, "name": p["names"][0].upper()} for p in raw["people"]]}

    steps = {1: one_to_two, 2: two_to_three}
    raw = {"people": [{"name": "Chris Ham"}]}
    assert _migrations.migrate(raw, 1, current=3, steps=steps) == {
        "people": [{"name": "CHRIS HAM", "names": ["Chris Ham"]}]
    }
    assert raw == {"people": [{"name": "Chris Ham"}]}, "a step must not mutate its input"
    assert _migrations.migrate(raw, 3, current=3, steps=steps) is raw
    with pytest.raises(ValueError, match="no upgrade path from schema version 1 to 3"):
        _migrations.migrate(raw, 1, current=3, steps={2: two_to_three})


def test_the_loader_reads_an_older_schema_through_its_step(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A made-up "schema 0" whose organisations had no `country`: rewrite the copy in
    # it, and give the loader the step from 0 to 1 that the package would then ship,
    # chained to the package's own step from 1 to the current schema.
    path = corpus_copy / "organisations.json"
    orgs = json.loads(path.read_bytes())
    for org in orgs:
        del org["country"]
    data = (json.dumps(orgs, ensure_ascii=False, indent=1) + "\n").encode()
    path.write_bytes(data)
    manifest = json.loads((corpus_copy / "manifest.json").read_bytes())
    manifest["schema_version"] = 0
    manifest["resources"]["organisations.json"]["sha256"] = hashlib.sha256(data).hexdigest()
    (corpus_copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    def zero_to_one(raw: _migrations.RawCorpus) -> _migrations.RawCorpus:
        return {**raw, "organisations": [{**o, "country": "GB"} for o in raw["organisations"]]}

    with pytest.raises(icc.CorpusFormatError, match="field 'schema_version' is 0"):
        icc.load_path(corpus_copy)
    steps = {**_migrations.MIGRATIONS, 0: zero_to_one}
    monkeypatch.setattr(
        _loading, "READABLE_SCHEMA_VERSIONS", _migrations.readable_schema_versions(steps=steps)
    )
    monkeypatch.setattr(
        _loading, "migrate", lambda raw, schema: _migrations.migrate(raw, schema, steps=steps)
    )
    loaded = icc.load_path(corpus_copy)
    assert loaded.schema_version == "0"
    assert loaded.organisation("nuffield-trust").country == "GB"
    assert loaded.counts() == icc.load("1.0.0").counts()


def test_an_unreadable_schema_version_fails_clearly(corpus_copy: Path) -> None:
    manifest = json.loads((corpus_copy / "manifest.json").read_bytes())
    manifest["schema_version"] = 3
    (corpus_copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(
        icc.CorpusFormatError,
        match=r"field 'schema_version' is 3; this package reads schema versions \[1, 2\]",
    ):
        icc.load_path(corpus_copy)


def test_schema_1_gains_the_fields_of_schema_2_at_their_defaults() -> None:
    raw = _raw("1.0.1")
    assert all("source" not in q for q in raw["quotes"])
    migrated = _migrations.migrate(raw, 1)
    assert all(q["source"] is None and q["cue"] is None for q in migrated["quotes"])
    assert all(o["well_known_names"] == [] for o in migrated["organisations"])
    assert all(r["former"] is False for p in migrated["people"] for r in p["roles"])
    assert all(q["role"] is None or q["role"]["former"] is False for q in migrated["quotes"])
    assert "former" not in raw["people"][0]["roles"][0], "a step must not mutate its input"
    # Anything that is not what schema 1 says passes through, for the converter to word.
    odd = {"quotes": [1], "people": [{"id": "x", "roles": "none"}], "organisations": None}
    assert _migrations.migrate(odd, 1) == odd


# --- the lock, condition by condition -------------------------------------------

_SHA = "a" * 64
_GOOD_ENTRY = {
    "package": "1.0.0",
    "schema_version": 1,
    "manifest_sha256": _SHA,
    "resources": {"quotes.json": _SHA},
}


def _lock_bytes(versions: object) -> bytes:
    return json.dumps({"versions": versions}).encode()


def test_a_well_formed_lock_entry_is_read() -> None:
    versions = {"1.0.0": _GOOD_ENTRY}
    assert _versions._parse_lock(_lock_bytes(versions), "here") == versions


@pytest.mark.parametrize(
    ("version", "change"),
    [
        ("1.0", {}),  # the version is not MAJOR.MINOR.PATCH
        ("1.0.0", {"package": 1}),
        ("1.0.0", {"package": "1.0"}),
        ("1.0.0", {"schema_version": "1"}),
        ("1.0.0", {"schema_version": True}),
        ("1.0.0", {"manifest_sha256": 5}),
        ("1.0.0", {"manifest_sha256": "abc"}),
        ("1.0.0", {"resources": []}),
        ("1.0.0", {"resources": {"quotes.json": 5}}),
        ("1.0.0", {"resources": {"quotes.json": "x"}}),
        ("1.0.0", {"extra": 1}),
    ],
)
def test_each_malformed_lock_entry_is_refused(version: str, change: dict[str, Any]) -> None:
    data = _lock_bytes({version: {**_GOOD_ENTRY, **change}})
    with pytest.raises(icc.CorpusFormatError) as caught:
        _versions._parse_lock(data, "data/versions.lock.json")
    assert str(caught.value) == (
        f"data/versions.lock.json: entry {version!r} must be MAJOR.MINOR.PATCH -> an object "
        "with 'package' (MAJOR.MINOR.PATCH), 'schema_version' (integer), "
        "'manifest_sha256' and 'resources' (file name -> SHA-256)"
    )


def test_a_lock_entry_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(icc.CorpusFormatError, match=r"^here: entry '1\.0\.0' must be"):
        _versions._parse_lock(_lock_bytes({"1.0.0": []}), "here")


@pytest.mark.parametrize("data", [b"[]", b'{"versions": []}', b"{}"])
def test_a_lock_without_a_versions_object_is_refused(data: bytes) -> None:
    with pytest.raises(icc.CorpusFormatError) as caught:
        _versions._parse_lock(data, "here")
    assert str(caught.value) == "here: expected an object with a 'versions' object"


def test_an_unreadable_lock_file_names_itself(data_copy: Path) -> None:
    (data_copy / "versions.lock.json").write_bytes(b"\xff")
    with pytest.raises(icc.CorpusFormatError) as caught:
        _versions.read_lock(data_copy)
    assert str(caught.value).startswith("data/versions.lock.json: not a valid lock file: ")


def test_an_unreadable_manifest_cannot_be_locked(tmp_path: Path) -> None:
    with pytest.raises(icc.CorpusFormatError) as caught:
        _versions.lock_entry(tmp_path, "1.0.0")
    assert str(caught.value).startswith(
        f"{tmp_path}/manifest.json: not a readable corpus manifest and resources "
        "(FileNotFoundError("
    )


def test_the_lock_is_written_in_version_order() -> None:
    lock = {"1.10.0": {"note": "é"}, "1.9.0": {"note": "b"}}
    assert (
        _versions.dump_lock(lock)
        == (
            "{\n"
            f' "about": {json.dumps(_versions._LOCK_ABOUT)},\n'
            ' "versions": {\n'
            '  "1.9.0": {\n   "note": "b"\n  },\n'
            '  "1.10.0": {\n   "note": "é"\n  }\n'
            " }\n"
            "}\n"
        ).encode()
    )


def test_lock_problems_come_in_version_order(data_copy: Path) -> None:
    for version in ("1.9.0", "1.10.0"):
        shutil.copytree(data_copy / "1.0.0", data_copy / version)
    (data_copy / "notes").mkdir()  # a folder without a manifest is no corpus version
    lock = {**_versions.read_lock(data_copy), "2.10.0": _GOOD_ENTRY, "2.9.0": _GOOD_ENTRY}
    assert _versions.check_lock(data_copy, lock) == [
        f"data/{v}: corpus {v} is in versions.lock.json but not bundled; "
        "a released corpus version must stay in every later package"
        for v in ("2.9.0", "2.10.0")
    ] + [
        f"data/{v}: corpus {v} has no entry in versions.lock.json; "
        f"record it when releasing it: integrated-care-corpus lock {v}"
        for v in ("1.9.0", "1.10.0")
    ]


def test_every_resource_of_a_released_version_is_checked(data_copy: Path) -> None:
    folder = data_copy / "1.0.0"
    manifest = json.loads((folder / "manifest.json").read_bytes())
    manifest["resources"] = {"annotations.json": {}, **manifest["resources"]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "people.json").unlink()
    problems = _versions.check_lock(data_copy, _versions.read_lock(data_copy))
    assert [p.split(":")[0] for p in problems] == [
        "data/1.0.0/annotations.json",
        "data/1.0.0/manifest.json",
        "data/1.0.0/people.json",
    ]
    assert problems[2] == (
        "data/1.0.0/people.json: SHA-256 (missing) differs from "
        f"{_versions.read_lock(data_copy)['1.0.0']['resources']['people.json']} in "
        "versions.lock.json; corpus 1.0.0 was released and must never change: "
        "release the change as a new corpus version (docs/versions.md)"
    )


def test_a_manifest_that_lists_no_resources_is_checked_too(data_copy: Path) -> None:
    folder = data_copy / "1.0.0"
    manifest = json.loads((folder / "manifest.json").read_bytes())
    del manifest["resources"]
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    problems = _versions.check_lock(data_copy, _versions.read_lock(data_copy))
    assert [p.split(":")[0] for p in problems] == ["data/1.0.0/manifest.json"]


def test_a_locked_schema_version_must_be_the_manifests() -> None:
    lock = _versions.read_lock(DATA)
    changed = {**lock, "1.0.0": {**lock["1.0.0"], "schema_version": 99}}
    assert _versions.check_lock(DATA, changed) == [
        "data/1.0.0/manifest.json: schema version 1, the lock says 99"
    ]


def test_the_version_rule_compares_major_minor_only() -> None:
    lock = {"1.0.0": {"package": "1.0.0"}, "1.1.0": {"package": "1.1.0"}}
    assert _versions.check_version_rule("1.1.3", ("1.0.0", "1.1.0"), lock) == []
    assert _versions.check_version_rule("1.0.0", ("1.0.0", "1.0.1", "1.1.0"), {}) == [
        "package 1.0.0 bundles corpus 1.1.0: the package MAJOR.MINOR must be at least 1.1"
    ]
    patches = {"1.10.0": {"package": "1.10.1"}, "1.9.0": {"package": "1.9.1"}}
    assert [p.split(" is ")[0] for p in _versions.check_version_rule("2.0.0", (), patches)] == [
        "corpus 1.9.0",
        "corpus 1.10.0",
    ]


def test_relocking_other_contents_says_why(data_copy: Path) -> None:
    shutil.copytree(data_copy / "1.0.0", data_copy / "1.2.0")
    _versions.add_to_lock(data_copy, "1.2.0", "1.3.0")
    (data_copy / "1.2.0" / "people.json").write_bytes(b"[]\n")
    with pytest.raises(icc.CorpusIntegrityError) as caught:
        _versions.add_to_lock(data_copy, "1.2.0", "1.3.0")
    assert str(caught.value) == (
        "corpus 1.2.0 is locked already, with other contents; "
        "a released version never changes: build the change as a new version"
    )


def test_the_lock_commands_help(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as caught:
        _versions.main(["--help"])
    assert caught.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert out.startswith(
        "usage: integrated-care-corpus lock [-h] [--data DATA] [--package PACKAGE] [version] "
        "Record a bundled corpus version as released (its SHA-256s and the package version "
        "that first ships it) in the lock file; with no version, check that every released "
        "version is bundled unchanged. positional arguments: version the corpus version to "
        "lock "
    )
    assert out.endswith(
        "--package PACKAGE the package version that first ships it (default: pyproject.toml's)"
    )


def test_the_lock_command_reads_the_source_tree_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "src" / "integrated_care_corpus" / "data"
    shutil.copytree(DATA, data)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nversion = "1.3.0"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    released = len(_versions.read_lock(data))
    assert _versions.main([]) == 0
    assert capsys.readouterr().out == f"{released} released versions, all unchanged\n"
    shutil.copytree(data / "1.0.0", data / "1.2.0")
    assert _versions.main(["1.2.0"]) == 0
    assert capsys.readouterr().out == "corpus 1.2.0 locked, first released in package 1.3.0\n"
    assert _versions.read_lock(data)["1.2.0"]["package"] == "1.3.0"


def test_the_lock_command_reports_an_error(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _versions.main(["9.9.9", "--data", str(data_copy), "--package", "9.9.0"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"integrated-care-corpus: error: lock: {data_copy}/9.9.9: no corpus 9.9.9 to lock; "
        "build it first\n"
    )


def test_the_package_version_is_read_from_pyproject(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\nversion = "2.0.0"\n', encoding="utf-8")
    assert _versions._pyproject_version(path) == "2.0.0"
    path.write_text('[project]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(icc.CorpusFormatError) as caught:
        _versions._pyproject_version(path)
    assert str(caught.value) == f"{path}: no 'version = \"...\"' line; pass --package"


def test_a_released_version_without_its_manifest_is_refused(tmp_path: Path) -> None:
    locked = _versions.read_lock(DATA)["1.0.0"]["manifest_sha256"]
    with pytest.raises(icc.CorpusIntegrityError) as caught:
        _versions.verify_manifest(tmp_path, "1.0.0", "data/1.0.0")
    assert str(caught.value) == (
        f"data/1.0.0/manifest.json: SHA-256 (missing) differs from {locked} in "
        "data/versions.lock.json; corpus 1.0.0 was released and must never change "
        "(release a change as a new corpus version)"
    )
    _versions.verify_manifest(tmp_path, "9.9.9", "data/9.9.9")  # not released: not locked


@pytest.mark.parametrize("offset", [-65, -1, 0, 1, 64])
@pytest.mark.parametrize("builtin", [True, False])
def test_sha256_hex_is_hashlibs_digest_on_either_side_of_small_digest(
    offset: int, *, builtin: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Below SMALL_DIGEST the interpreter's own SHA-256 hashes, from it on hashlib's;
    # the lock, the resources and the export files are all checked with it.
    from integrated_care_corpus import _files  # noqa: PLC0415

    if not builtin:  # an interpreter built without the module
        monkeypatch.setattr(_files, "_builtin_sha256", lambda: None)
    data = bytes(range(256)) * (_files.SMALL_DIGEST // 256) + b"x" * 64
    data = data[: _files.SMALL_DIGEST + offset]
    expected = [hashlib.sha256(chunk).hexdigest() for chunk in (data, data[:1], b"")]
    monkeypatch.delitem(sys.modules, "hashlib")  # as in a cold start: small inputs go builtin
    assert [_files.sha256_hex(chunk) for chunk in (data, data[:1], b"")] == expected


def test_small_inputs_go_to_the_builtin_sha256_until_hashlib_is_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from integrated_care_corpus import _files  # noqa: PLC0415

    builtin = _files._builtin_sha256()
    if builtin is None:  # pragma: no cover - CPython builds the module
        pytest.skip("this interpreter has no built-in SHA-256")
    hashed: list[int] = []

    def counted(data: bytes) -> object:
        hashed.append(len(data))
        return builtin(data)

    monkeypatch.setattr(_files, "_builtin_sha256", lambda: counted)
    expected = hashlib.sha256(b"abc").hexdigest()
    monkeypatch.delitem(sys.modules, "hashlib")
    assert _files.sha256_hex(b"abc") == expected
    assert hashed == [3]
    # Once something has imported hashlib, OpenSSL's SHA-256 (the faster) takes all.
    monkeypatch.setitem(sys.modules, "hashlib", hashlib)
    assert _files.sha256_hex(b"abc") == expected
    assert hashed == [3]


@pytest.mark.parametrize("name", ["tmp", "1.1.0.bak", "1.2.0-rc1"])
def test_folders_that_are_not_versions_are_ignored_by_the_lock_check(
    data_copy: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # A scratch copy of a version beside the versions: versions() ignores it, and so does lock.
    shutil.copytree(data_copy / "1.1.0", data_copy / name)
    assert _versions.check_lock(data_copy, _versions.read_lock(data_copy)) == []
    assert cli_main(["lock", "--data", str(data_copy)]) == 0
    assert "released versions, all unchanged" in capsys.readouterr().out


@pytest.mark.parametrize(
    "manifest", [b"[1", b"[1]", b'{"resources": []}', b'{"resources": [1]}', b"\xff"]
)
def test_a_malformed_manifest_of_a_locked_version_is_a_problem(
    data_copy: Path, manifest: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_copy / "1.0.0" / "manifest.json").write_bytes(manifest)
    problems = _versions.check_lock(data_copy, _versions.read_lock(data_copy))
    assert problems
    assert all(p.startswith("data/1.0.0/manifest.json: ") for p in problems)
    assert cli_main(["lock", "--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "data/1.0.0/manifest.json: SHA-256" in err
    assert "internal error" not in err


@pytest.mark.parametrize(
    ("version", "package"),
    [("1.2.0", "nope"), ("1.2.0", "1.3"), ("../data/1.2.0", "1.3.0"), ("1.2.0-rc1", "1.3.0")],
)
def test_lock_writes_only_versions_it_can_read_back(
    data_copy: Path, version: str, package: str, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(data_copy / "1.0.0", data_copy / "1.2.0")
    shutil.copytree(data_copy / "1.0.0", data_copy / "1.2.0-rc1")
    before = (data_copy / "versions.lock.json").read_bytes()
    with pytest.raises(icc.CorpusFormatError, match=r"MAJOR\.MINOR\.PATCH"):
        _versions.add_to_lock(data_copy, version, package)
    assert cli_main(["lock", version, "--data", str(data_copy), "--package", package]) == 1
    err = capsys.readouterr().err
    assert err.startswith("integrated-care-corpus: error: lock: ")
    assert err.count("\n") == 1
    assert (data_copy / "versions.lock.json").read_bytes() == before
