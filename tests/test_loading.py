"""Loading: versions, caching and corpus directories (bad input: test_faults.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _loading


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

    def counting(*args: object) -> icc.Corpus:
        calls.append(1)
        time.sleep(0.05)  # hold the first reader inside, so the others arrive meanwhile
        return real(*args)  # type: ignore[arg-type]

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
