"""Loading: versions, caching, and clear errors for broken resources."""

from __future__ import annotations

import hashlib
import json
import threading
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
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_loading, "read_corpus", counting)
    results: list[icc.Corpus] = []
    threads = [threading.Thread(target=lambda: results.append(icc.load("1.0.0"))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert all(r is results[0] for r in results)


def test_load_path_reads_a_corpus_directory(corpus_copy: Path) -> None:
    loaded = icc.load_path(corpus_copy)
    assert loaded.counts() == icc.load().counts()
    assert loaded is not icc.load()


def _rewrite(folder: Path, name: str, edit: object) -> None:
    """Apply ``edit`` to a resource's JSON and fix the manifest checksum."""
    path = folder / name
    data = json.loads(path.read_text("utf-8"))
    edit(data)  # type: ignore[operator]
    raw = (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()
    path.write_bytes(raw)
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    manifest["resources"][name]["sha256"] = hashlib.sha256(raw).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")


def test_changed_resource_fails_its_checksum(corpus_copy: Path) -> None:
    path = corpus_copy / "quotes.json"
    path.write_bytes(path.read_bytes().replace(b"Bringing", b"Brining", 1))
    with pytest.raises(icc.CorpusIntegrityError, match=r"quotes\.json: SHA-256 .* does not match"):
        icc.load_path(corpus_copy)


def test_wrong_type_names_file_record_and_field(corpus_copy: Path) -> None:
    def edit(data: list[dict[str, object]]) -> None:
        data[2]["span"] = {"start": "12", "end": 40}

    _rewrite(corpus_copy, "quotes.json", edit)
    with pytest.raises(icc.CorpusFormatError) as info:
        icc.load_path(corpus_copy)
    message = str(info.value)
    assert "quotes.json: record 'kings-fund-undated-pilots-welcome/q3'" in message
    assert "field 'span.start'" in message
    assert "expected an integer, got a string" in message


def test_unknown_field_is_rejected(corpus_copy: Path) -> None:
    def edit(data: list[dict[str, object]]) -> None:
        data[0]["colour"] = "red"

    _rewrite(corpus_copy, "organisations.json", edit)
    with pytest.raises(icc.CorpusFormatError, match=r"organisations\.json: record '.*'.*colour"):
        icc.load_path(corpus_copy)


def test_span_not_matching_text_is_an_integrity_error(corpus_copy: Path) -> None:
    def edit(data: list[dict[str, dict[str, int]]]) -> None:
        data[0]["span"]["start"] += 1

    _rewrite(corpus_copy, "mentions.json", edit)
    with pytest.raises(icc.CorpusIntegrityError, match=r"mentions\.json: record .*field 'span'"):
        icc.load_path(corpus_copy)


def test_dangling_reference_is_a_reference_error(corpus_copy: Path) -> None:
    def edit(data: list[dict[str, object]]) -> None:
        data[0]["person_id"] = "nobody"

    _rewrite(corpus_copy, "quotes.json", edit)
    with pytest.raises(icc.CorpusReferenceError, match=r"'nobody', which does not exist"):
        icc.load_path(corpus_copy)


def test_not_a_corpus_directory(tmp_path: Path) -> None:
    with pytest.raises(icc.CorpusFormatError, match="not a corpus directory"):
        icc.load_path(tmp_path)
