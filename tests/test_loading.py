"""Loading: versions, caching and corpus directories (bad input: test_faults.py)."""

from __future__ import annotations

import gc
import hashlib
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _loading

from .conftest import DATA
from .test_faults import fix_manifest


def test_versions_and_resolution() -> None:
    assert "1.0.0" in icc.versions()
    assert icc.load("1").version.startswith("1.")
    assert icc.load("1.0.0").version == "1.0.0"
    assert icc.load() is icc.load(icc.versions()[-1])


def test_unknown_version_is_a_lookup_error() -> None:
    with pytest.raises(LookupError, match=r"no bundled corpus version matches '9'.*1\.0\.0"):
        icc.load("9")


def test_concurrent_first_loads_build_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_loading, "_cache", {})
    calls = []
    real = _loading.read_corpus

    def counting(*args: object, **kwargs: object) -> icc.Corpus:
        calls.append(1)
        time.sleep(0.05)  # hold the first reader inside, so the others arrive meanwhile
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_loading, "read_corpus", counting)
    results: list[icc.Corpus] = []
    start = threading.Barrier(8)

    def first_load() -> None:
        start.wait()  # every thread calls load() at the same moment
        results.append(icc.load("1.0.0"))

    threads = [threading.Thread(target=first_load) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(results) == 8
    assert all(r is results[0] for r in results)


def test_load_path_reads_a_corpus_directory(corpus_copy: Path) -> None:
    loaded = icc.load_path(corpus_copy)
    assert loaded.counts() == icc.load().counts()
    assert loaded is not icc.load()


def _frozen_at_start() -> int:
    """How many objects a bare interpreter has frozen (Python 3.12's runtime freezes some)."""
    code = "import gc; print(gc.get_freeze_count())"
    out = subprocess.run([sys.executable, "-I", "-S", "-c", code], capture_output=True, check=True)
    return int(out.stdout)


@pytest.fixture
def frozen_by_others() -> None:
    """Unfreeze what the process froze before the test, so the test starts as a fresh interpreter.

    A load promotes its records only when nothing is frozen; a process that
    froze its objects before running the tests (the mutation run's workers
    do, docs/mutation.md) would otherwise never see a load promote.
    """
    gc.unfreeze()


@pytest.mark.usefixtures("frozen_by_others")
def test_a_load_leaves_its_records_in_the_oldest_generation(corpus_copy: Path) -> None:
    # Promoted without a scan, so no collection has to traverse them on the way.
    assert gc.isenabled()
    if _frozen_at_start():
        # Frozen objects not its own: the loader leaves them, and so does not promote.
        before = gc.get_freeze_count()
        icc.load_path(corpus_copy)
        assert gc.isenabled()
        assert gc.get_freeze_count() == before
        return
    corpus = icc.load_path(corpus_copy)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert {id(corpus.quotes[0]), id(corpus.documents[0].regions[0])} <= oldest


@pytest.mark.usefixtures("frozen_by_others")
def test_a_load_leaves_the_callers_frozen_objects_and_paused_collector_alone(
    corpus_copy: Path,
) -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        icc.load_path(corpus_copy)
        assert gc.get_freeze_count() == frozen  # theirs still frozen, nothing of ours added
    finally:
        gc.unfreeze()
    gc.disable()
    try:
        icc.load_path(corpus_copy)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.usefixtures("frozen_by_others")
def test_a_failed_load_promotes_nothing(corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    promoted: list[bool] = []
    monkeypatch.setattr(_loading, "_promote_to_oldest_generation", lambda: promoted.append(True))
    quotes = corpus_copy / "quotes.json"
    quotes.write_text(quotes.read_text("utf-8").replace('"start": ', '"start": 1', 1), "utf-8")
    fix_manifest(corpus_copy, "quotes.json")
    with pytest.raises(icc.CorpusError):
        icc.load_path(corpus_copy)
    assert promoted == []
    icc.load_path(DATA / icc.versions()[-1])
    assert promoted == [True]


def test_an_optional_module_not_imported_yet_says_so() -> None:

    assert repr(_loading.UNLOADED) == "<not imported yet>"


def test_a_version_must_be_a_string_or_none() -> None:

    with pytest.raises(TypeError) as caught:
        _loading.resolve_version(3)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "version must be a string such as '1.0.1' or '1', or None for the newest; got int"
    )


def test_versions_resolve_to_the_newest_match() -> None:

    bundled = icc.versions()
    assert len(bundled) >= 3  # the newest is neither the first nor the second
    assert _loading.resolve_version(None) == bundled[-1]
    assert _loading.resolve_version("1") == max(
        (v for v in bundled if v.startswith("1.")), key=lambda v: tuple(map(int, v.split(".")))
    )
    assert _loading.resolve_version("1.0") == "1.0.1"
    assert _loading.resolve_version("1.0.0") == "1.0.0"


def test_an_install_without_data_says_so(monkeypatch: pytest.MonkeyPatch) -> None:

    monkeypatch.setattr(_loading, "versions", tuple)
    with pytest.raises(icc.UnknownVersionError) as caught:
        _loading.resolve_version(None)
    assert str(caught.value) == (
        "no corpus versions are bundled: the package data is missing from this install"
    )


def _linked_data(tmp_path: Path, version: str, *, as_version: str | None = None) -> Path:
    """A data folder whose ``version`` is links to the bundled files, as a link farm lays out."""
    root = tmp_path / "data"
    folder = root / (as_version or version)
    folder.mkdir(parents=True)
    for file in (DATA / version).iterdir():
        (folder / file.name).symlink_to(file)
    (root / "versions.lock.json").symlink_to(DATA / "versions.lock.json")
    return root


def test_the_bundled_data_may_be_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    newest = icc.versions()[-1]
    root = _linked_data(tmp_path, newest)
    monkeypatch.setattr(_loading, "data_root", lambda: root)
    monkeypatch.setattr(_loading, "_cache", {})
    assert icc.load(newest).version == newest
    # A folder of the user's own is confined: a link out of it is refused.
    with pytest.raises(icc.CorpusFormatError, match="outside the corpus folder"):
        icc.load_path(root / newest)


def test_a_bundled_folder_must_hold_its_own_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    newest = icc.versions()[-1]
    root = _linked_data(tmp_path, newest, as_version="9.9.9")  # 9.9.9 is no released version
    monkeypatch.setattr(_loading, "data_root", lambda: root)
    monkeypatch.setattr(_loading, "_cache", {})
    with pytest.raises(icc.CorpusFormatError) as caught:
        icc.load("9.9.9")
    assert str(caught.value) == (
        f"data/9.9.9/manifest.json: field 'corpus_version' is {newest!r}, expected '9.9.9'"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ([{"id": "a", "x": {"y": [1, 2, "T"]}}, 5], ("record 'a', ", "x.y[2]")),
        ([{"id": "a"}, [0, "T"]], ("record #1, ", "[1]")),  # a record that is no object
        ([{"id": "\ud800", "k": "T"}], ("record #0, ", "k")),  # an id that cannot be shown
        ([{"id": 5, "k": "T"}], ("record #0, ", "k")),
        ([{"id": "a", "T": 1}], ("record 'a', ", "T")),  # a key is a node too
        ([{"id": "a"}], ("", None)),
        ({"a": {"b": "T"}}, ("", "a.b")),  # not an array of records
        ({"a": [0, {"T": 1}]}, ("", "a[1].T")),
        ("T", ("", "")),
    ],
)
def test_locating_a_node_in_parsed_json(value: object, expected: tuple[str, str | None]) -> None:

    assert _loading._locate(value, lambda node: node == "T") == expected


def test_a_value_is_shown_on_one_line() -> None:

    assert _loading._shown("a" * 78) == repr("a" * 78)  # 80 characters with its quotes
    assert _loading._shown("a" * 79) == repr("a" * 79)[:79] + "…"
    assert _loading._shown(None) == "None"


def test_a_digest_is_a_named_daemon_thread() -> None:

    digest = _loading._Digest(b"abc")
    assert (digest.name, digest.daemon, digest.hexdigest) == ("icc-sha256", True, "")
    digest.start()
    digest.join()
    assert digest.hexdigest == hashlib.sha256(b"abc").hexdigest()


@pytest.mark.parametrize(
    ("data", "reencoded", "proven"),
    [
        (b'{"a" : "x:y", "b": 1}', b'{"a":"x:y","b":1}', True),
        (b'{"a": 1, "a": 2}', b'{"a":2}', False),  # a repeated key drops its colon
        (b'{"a": "\\u003a"}', b'{"a":":"}', False),
        # An escaped colon hides a repeated key from the count: not proven.
        (b'{"a": "\\u003A", "b": 1, "b": 2}', b'{"a":":","b":2}', False),
    ],
)
def test_unique_keys_are_proven_by_counting_colons(
    data: bytes, reencoded: bytes, *, proven: bool
) -> None:
    from integrated_care_corpus._rules import keys_are_unique  # noqa: PLC0415 - the rule itself

    assert keys_are_unique(data, reencoded) is proven


def test_an_optional_module_switched_off_stays_off() -> None:
    assert _loading._optional(None, "._decode") is None
    assert _loading._optional(sys, "._decode") is sys
