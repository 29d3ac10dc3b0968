"""Loading: versions, caching and corpus directories (bad input: test_faults.py)."""

from __future__ import annotations

import gc
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
    from integrated_care_corpus import _loading  # noqa: PLC0415 - the private marker

    assert repr(_loading.UNLOADED) == "<not imported yet>"
