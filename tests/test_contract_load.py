"""The loading contract, on every parse path: what the format forbids never loads.

Each test damages a scratch copy of the bundled corpus in one kind of way
(the manifest's checksums and counts recomputed, so that the damage itself
is what is tested) and expects a :class:`~integrated_care_corpus.CorpusError`
naming the file, the record and the field. The module's fixture runs every
test on each of the four load paths: msgspec with generated Structs, orjson
or the standard library with generated builders, and the strict converter
alone; the verdict must be the same on each.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _loading, _versions

from .conftest import DATA, LOAD_PATHS, load_through
from .test_faults import load_error, rewrite, write_bytes

Json = Any


@pytest.fixture(autouse=True, params=LOAD_PATHS)
def parse_path(request: pytest.FixtureRequest) -> Iterator[str]:
    """Load on one of the four paths."""
    with load_through(request.param):
        yield str(request.param)


def edit_manifest(folder: Path, edit: Any) -> None:
    """Apply ``edit`` to the manifest's JSON and write it back."""
    manifest = json.loads((folder / "manifest.json").read_bytes())
    edit(manifest)
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), "utf-8")


# --- Python arguments (item 1) ---------------------------------------------------


@pytest.mark.parametrize("version", [1, 1.0, b"1.0.1", ["1"]])
def test_load_names_what_it_accepts_for_a_wrong_type(version: object) -> None:
    with pytest.raises(TypeError, match=r"^version must be a string such as '1\.0\.1'"):
        icc.load(version)  # type: ignore[arg-type]


def test_load_of_an_empty_string_does_not_depend_on_what_was_loaded_before() -> None:
    icc.load()
    with pytest.raises(icc.UnknownVersionError, match="no bundled corpus version matches ''"):
        icc.load("")


class _BytesPath:
    """An os.PathLike whose path is bytes, which the loader does not read."""

    def __fspath__(self) -> bytes:
        return b"/tmp"


class _BrokenPath:
    """An os.PathLike whose __fspath__ returns neither str nor bytes."""

    def __fspath__(self) -> int:
        return 5


@pytest.mark.parametrize("directory", [1, None, b"/tmp", _BytesPath(), _BrokenPath()])
def test_load_path_names_what_it_accepts_for_a_wrong_type(directory: object) -> None:
    with pytest.raises(TypeError, match=r"^directory must be a path \(str or os\.PathLike\)"):
        icc.load_path(directory)  # type: ignore[arg-type]


@pytest.mark.parametrize("directory", ["a" * 5000, "a/" * 3000, "nul\0byte", "a" * 300])
def test_an_unusable_path_is_a_format_error_naming_it(directory: str) -> None:
    with pytest.raises(icc.CorpusFormatError) as info:
        icc.load_path(directory)
    assert str(info.value).startswith(directory[:50])
    assert len(str(info.value)) < 400  # the path is shortened, not printed whole


# --- versions (items 2 and 7) ----------------------------------------------------


@pytest.mark.parametrize(
    "version", ["١.٠.١", "¹.0.1", "1.0", "1.0.1-rc1", "1.0." + "9" * 5000, "v1.0.1"]
)
def test_a_corpus_version_is_ascii_major_minor_patch(corpus_copy: Path, version: str) -> None:
    edit_manifest(corpus_copy, lambda m: m.update(corpus_version=version))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.startswith(f"{corpus_copy}/manifest.json: field 'corpus_version' is ")
    assert message.endswith("expected MAJOR.MINOR.PATCH in ASCII digits")


@pytest.mark.parametrize("version", ["1.0." + "9" * 5000, "¹.0.1", "١.٠.١", ""])
def test_a_tombstone_version_is_ascii_major_minor_patch(corpus_copy: Path, version: str) -> None:
    tombstones = [{"kind": "quote", "id": "gone/q1", "removed_in": version}]
    (corpus_copy / "tombstones.json").write_text(json.dumps(tombstones), "utf-8")

    def add(manifest: Json) -> None:
        data = (corpus_copy / "tombstones.json").read_bytes()
        import hashlib  # noqa: PLC0415

        manifest["resources"]["tombstones.json"] = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "count": 1,
        }

    edit_manifest(corpus_copy, add)
    with pytest.raises(icc.CorpusError) as info:
        icc.load_path(corpus_copy)
    assert "tombstones.json: record 'gone/q1', field 'removed_in': expected MAJOR.MINOR.PATCH" in (
        str(info.value)
    )


def test_folders_under_data_that_are_not_versions_are_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil  # noqa: PLC0415

    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    for name in ("1.0.1-rc1", "tmp", "١.٠.٢", "2.0"):
        shutil.copytree(DATA / "1.0.1", root / name)
    bundled = icc.versions()
    monkeypatch.setattr(_loading, "data_root", lambda: root)
    assert icc.versions() == bundled


@pytest.mark.parametrize(
    "lock", [None, b"", b"{", b'{"versions": []}', b'{"versions": {"1.0.0": 1}}']
)
def test_a_missing_or_malformed_lock_is_a_broken_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lock: bytes | None
) -> None:
    import shutil  # noqa: PLC0415

    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    if lock is None:
        (root / "versions.lock.json").unlink()
    else:
        (root / "versions.lock.json").write_bytes(lock)
    monkeypatch.setattr(_loading, "data_root", lambda: root)
    monkeypatch.setattr(_versions, "data_root", lambda: root)
    monkeypatch.setattr(_loading, "_cache", {})
    _versions._bundled_lock.cache_clear()
    try:
        with pytest.raises(
            icc.CorpusIntegrityError, match=r"^data/versions\.lock\.json: .*broken install"
        ):
            icc.load("1.0.1")
    finally:
        _versions._bundled_lock.cache_clear()


# --- the manifest (item 2) -------------------------------------------------------


@pytest.mark.parametrize("count", [True, False, -1, 1.0, "30", 2**53, None])
def test_a_count_is_an_integer_not_a_boolean(corpus_copy: Path, count: object) -> None:
    edit_manifest(corpus_copy, lambda m: m["resources"]["organisations.json"].update(count=count))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.startswith(
        f"{corpus_copy}/manifest.json: field 'resources.organisations.json' must be an object"
    )


@pytest.mark.parametrize("digest", ["not-a-sha", "A" * 64, "0" * 63, 12, None])
def test_a_resource_digest_is_64_lowercase_hex(corpus_copy: Path, digest: object) -> None:
    edit_manifest(corpus_copy, lambda m: m["resources"]["people.json"].update(sha256=digest))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert "field 'resources.people.json' must be an object with a 'sha256'" in message


@pytest.mark.parametrize("seeds", [None, [], "x", 1])
def test_seeds_is_an_object(corpus_copy: Path, seeds: object) -> None:
    edit_manifest(corpus_copy, lambda m: m.update(seeds=seeds))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.startswith(f"{corpus_copy}/manifest.json: field 'seeds' is ")


@pytest.mark.parametrize(
    ("name", "digest"),
    [
        ("../../etc/passwd", "0" * 64),
        ("sub/seed.txt", "0" * 64),
        ("..", "0" * 64),
        ("", "0" * 64),
        ("seed.txt", "not-a-sha"),
        ("seed.txt", None),
        ("seed\n.txt", "0" * 64),
    ],
)
def test_seeds_map_plain_file_names_to_digests(
    corpus_copy: Path, name: str, digest: object
) -> None:
    edit_manifest(corpus_copy, lambda m: m["seeds"].update({name: digest}))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.startswith(f"{corpus_copy}/manifest.json: field 'seeds', entry {name!r}: ")


def test_the_damage_helpers_alone_leave_a_loadable_corpus(corpus_copy: Path) -> None:
    # A control: the helpers leave a loadable corpus when they change nothing.
    rewrite(corpus_copy, "people.json", lambda _people: None)
    assert icc.load_path(corpus_copy).version == icc.versions()[-1]


# --- duplicate keys (item 5) -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "old", "new", "field"),
    [
        ("mentions.json", b'"start": ', b'"start": -5, "start": ', "span.start"),
        ("organisations.json", b'"id": ', b'"id": "x", "id": ', "id"),
        ("people.json", b'"note": ', b'"note": "a", "note": ', "note"),
        ("documents.json", b'"basis": ', b'"basis": "stated", "basis": ', "publisher.basis"),
    ],
)
def test_a_duplicate_key_is_refused(
    corpus_copy: Path, name: str, old: bytes, new: bytes, field: str
) -> None:
    data = (corpus_copy / name).read_bytes()
    write_bytes(corpus_copy, name, data.replace(old, new, 1))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    key = field.rpartition(".")[2]
    assert message.startswith(f"{corpus_copy}/{name}: record ")
    assert message.endswith(
        f"field {field!r}: the key {key!r} appears twice in one object; expected each key once"
    )


def test_a_duplicate_key_in_the_manifest_is_refused(corpus_copy: Path) -> None:
    data = (corpus_copy / "manifest.json").read_bytes()
    data = data.replace(b'"schema_version": ', b'"schema_version": 9, "schema_version": ', 1)
    (corpus_copy / "manifest.json").write_bytes(data)
    assert load_error(corpus_copy, icc.CorpusFormatError) == (
        f"{corpus_copy}/manifest.json: field 'schema_version': the key 'schema_version' "
        "appears twice in one object; expected each key once"
    )


@pytest.mark.parametrize(
    "text",
    [
        'He said \\u0022no\\u0022: then \\"left\\"',  # an escaped quote before a colon
        'a \\" : b',  # a quote, then a space and a colon, inside a string
        "colon \\u003a escaped",
    ],
)
def test_unusual_but_unique_keys_still_load(corpus_copy: Path, text: str) -> None:
    # What the cheap count cannot prove goes the exact way, and loads.
    data = (corpus_copy / "people.json").read_bytes()
    data = data.replace(b'"note": null', b'"note": "' + text.encode() + b'"', 1)
    write_bytes(corpus_copy, "people.json", data)
    corpus = icc.load_path(corpus_copy)
    assert any(p.note == json.loads('"' + text + '"') for p in corpus.people)


def test_spaces_before_colons_still_load(corpus_copy: Path) -> None:
    data = json.loads((corpus_copy / "quotes.json").read_bytes())
    write_bytes(corpus_copy, "quotes.json", json.dumps(data, separators=(" , ", " : ")).encode())
    assert len(icc.load_path(corpus_copy).quotes) == len(data)


# --- lone surrogates (item 4) ----------------------------------------------------


@pytest.mark.parametrize("escape", ["\\udfff", "\\ud800", "\\uDBFF x", "\\ude00\\ud83d"])
def test_a_lone_surrogate_anywhere_is_refused(corpus_copy: Path, escape: str) -> None:
    data = (corpus_copy / "organisations.json").read_bytes()
    first = json.loads(data)[0]["id"]
    data = data.replace(b'"note": null', b'"note": "bad ' + escape.encode() + b'"', 1)
    write_bytes(corpus_copy, "organisations.json", data)
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.startswith(f"{corpus_copy}/organisations.json: record ")
    assert "field 'note': holds a lone surrogate" in message
    assert message.endswith("expected valid Unicode text")
    del first


def test_a_lone_surrogate_in_a_key_is_refused(corpus_copy: Path) -> None:
    data = (corpus_copy / "people.json").read_bytes()
    write_bytes(corpus_copy, "people.json", data.replace(b'"note": ', b'"no\\udc00te": ', 1))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert "field 'no\\udc00te': holds a lone surrogate" in message


def test_a_surrogate_pair_is_a_character_and_loads(corpus_copy: Path) -> None:
    data = (corpus_copy / "people.json").read_bytes()
    write_bytes(
        corpus_copy, "people.json", data.replace(b'"note": null', b'"note": "\\ud83d\\ude00"', 1)
    )
    assert any(p.note == "\U0001f600" for p in icc.load_path(corpus_copy).people)


def test_whatever_loads_exports(corpus_copy: Path) -> None:
    # The point of refusing lone surrogates: every loaded string encodes.
    corpus = icc.load_path(corpus_copy)
    for name in ("documents", "quotes", "comments", "organisations", "people", "mentions"):
        for record in getattr(corpus, name):
            repr(record).encode("utf-8")


# --- dates (item 2) --------------------------------------------------------------


@pytest.mark.parametrize(
    "date",
    [
        "2012-W01-4",
        "20120105",
        "2012-1-5",
        "2012-01-05T00:00",
        "２０１２-01-05",
        "2012-02-30",
        "+2012-01-05",
    ],
)
def test_a_date_is_exactly_yyyy_mm_dd(corpus_copy: Path, date: str) -> None:
    rewrite(corpus_copy, "documents.json", lambda d: d[2]["published"].update(date=date))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message == (
        f"{corpus_copy}/documents.json: record "
        "'cipfa-2012-01-05-ministers-must-prioritise-integration', field 'published.date': "
        f"expected an ISO date string (YYYY-MM-DD), got {date!r}"
    )


# --- cross-record rules (item 3) -------------------------------------------------


@pytest.mark.parametrize(
    "bad", ["", " ", "a b", "a\nb", "a\x00\x1b[31m", "a/../b", "-a", "/a", "é", "a" * 201]
)
@pytest.mark.parametrize("resource", ["organisations", "people", "mentions"])
def test_an_id_is_from_the_documented_character_set(
    corpus_copy: Path, resource: str, bad: str
) -> None:
    def edit(records: Json) -> None:
        records[0]["id"] = bad  # references to the old id dangle too; the id is named first

    rewrite(corpus_copy, f"{resource}.json", edit)
    with pytest.raises((icc.CorpusReferenceError, icc.CorpusIntegrityError)) as info:
        icc.load_path(corpus_copy)
    assert (
        f"{resource}.json: record {bad!r}, field 'id': expected an id of ASCII letters, digits"
        in str(info.value)
    )


def test_ids_are_unique_ignoring_case(corpus_copy: Path) -> None:
    def edit(people: Json) -> None:
        clone = json.loads(json.dumps(people[0]))
        clone["id"] = people[0]["id"].upper()
        people.insert(1, clone)

    rewrite(corpus_copy, "people.json", edit)
    with pytest.raises(icc.CorpusError) as info:
        icc.load_path(corpus_copy)
    assert "field 'id': differs from 'andrew-lansley' only in case" in str(info.value)


@pytest.mark.parametrize(
    "new_id",
    [
        "totally/unrelated/id",
        "kings-fund-undated-marathon-not-a-sprint/c9",
        "{doc}/q1",
        "{doc}/c",
        "{doc}/c٣",
    ],
)
def test_a_comment_id_is_its_document_id_slash_c_n(corpus_copy: Path, new_id: str) -> None:
    def edit(comments: Json) -> None:
        comments[0]["id"] = new_id.format(doc=comments[0]["document_id"])

    rewrite(corpus_copy, "comments.json", edit)
    with pytest.raises(icc.CorpusReferenceError) as info:
        icc.load_path(corpus_copy)
    assert "field 'id': expected '<document id>/c<n>' of its own document" in str(info.value)


@pytest.mark.parametrize("target", ["itself", "a later comment", "another document"])
def test_in_reply_to_names_an_earlier_comment_of_the_same_document(
    corpus_copy: Path, target: str
) -> None:
    def edit(comments: Json) -> None:
        first = comments[0]
        same = [c for c in comments if c["document_id"] == first["document_id"]]
        other = next(c for c in comments if c["document_id"] != first["document_id"])
        reply = same[1]
        reply["in_reply_to"] = {
            "itself": reply["id"],
            "a later comment": same[2]["id"],
            "another document": other["id"],
        }[target]

    rewrite(corpus_copy, "comments.json", edit)
    with pytest.raises(icc.CorpusReferenceError) as info:
        icc.load_path(corpus_copy)
    assert "field 'in_reply_to': refers to comment " in str(info.value)
    assert "expected an earlier comment of the same document" in str(info.value)


def test_in_reply_to_an_earlier_comment_loads(corpus_copy: Path) -> None:
    def edit(comments: Json) -> None:
        comments[1]["in_reply_to"] = comments[0]["id"]

    rewrite(corpus_copy, "comments.json", edit)
    assert icc.load_path(corpus_copy).comments[1].in_reply_to == icc.load().comments[0].id


@pytest.mark.parametrize("file", ["../../../../etc/shadow", "sub/x.txt", "..", "a\nb.txt"])
def test_a_source_file_is_a_plain_file_name(corpus_copy: Path, file: str) -> None:
    rewrite(corpus_copy, "documents.json", lambda d: d[0]["source"].update(file=file))
    with pytest.raises(icc.CorpusError) as info:
        icc.load_path(corpus_copy)
    assert "field 'source.file': is " in str(info.value)
    assert "expected a plain file name" in str(info.value)


def test_two_documents_do_not_share_a_source_file(corpus_copy: Path) -> None:
    rewrite(
        corpus_copy, "documents.json", lambda d: d[1]["source"].update(file=d[0]["source"]["file"])
    )
    with pytest.raises(icc.CorpusError) as info:
        icc.load_path(corpus_copy)
    assert "expected one document per source file" in str(info.value)


def test_a_tombstone_is_not_replaced_by_itself(corpus_copy: Path) -> None:
    import hashlib  # noqa: PLC0415

    tombstones = [
        {"kind": "quote", "id": "gone/q1", "removed_in": "1.0.0", "replaced_by": "gone/q1"}
    ]
    data = json.dumps(tombstones).encode()
    (corpus_copy / "tombstones.json").write_bytes(data)
    edit_manifest(
        corpus_copy,
        lambda m: m["resources"].update(
            {"tombstones.json": {"sha256": hashlib.sha256(data).hexdigest(), "count": 1}}
        ),
    )
    with pytest.raises(icc.CorpusReferenceError) as info:
        icc.load_path(corpus_copy)
    assert (
        "tombstones.json: record 'gone/q1', field 'replaced_by': a record is not replaced by itself"
        in str(info.value)
    )


def _write_tombstones(folder: Path, tombstones: list[dict[str, Any]]) -> None:
    import hashlib  # noqa: PLC0415

    data = json.dumps(tombstones).encode()
    (folder / "tombstones.json").write_bytes(data)
    entry = {"sha256": hashlib.sha256(data).hexdigest(), "count": len(tombstones)}
    edit_manifest(folder, lambda m: m["resources"].update({"tombstones.json": entry}))


@pytest.mark.parametrize("bad", ["", "a b", "a/../b", "\x1b[31m", "x" * 201, "-gone/q1"])
def test_a_tombstone_id_is_from_the_documented_character_set(corpus_copy: Path, bad: str) -> None:
    # The shipped schema gives a tombstone's id the pattern of every other id.
    _write_tombstones(corpus_copy, [{"kind": "quote", "id": bad, "removed_in": "1.0.0"}])
    message = load_error(corpus_copy, icc.CorpusReferenceError)
    assert f"tombstones.json: record {bad!r}, field 'id': expected an id of ASCII letters" in (
        message
    )


def test_tombstone_ids_are_unique_ignoring_case(corpus_copy: Path) -> None:
    _write_tombstones(
        corpus_copy,
        [
            {"kind": "document", "id": "gone", "removed_in": "1.0.0"},
            {"kind": "document", "id": "GONE", "removed_in": "1.0.1"},
        ],
    )
    message = load_error(corpus_copy, icc.CorpusReferenceError)
    assert "tombstones.json: record 'GONE', field 'id': duplicate tombstone" in message


def test_a_tombstone_is_not_a_live_id_in_another_case(corpus_copy: Path) -> None:
    # document() ignores case: it would say that a document it can return was removed.
    live = "kings-fund-undated-pilots-welcome"
    _write_tombstones(
        corpus_copy, [{"kind": "document", "id": live.upper(), "removed_in": "1.0.0"}]
    )
    message = load_error(corpus_copy, icc.CorpusReferenceError)
    assert (
        f"tombstones.json: record {live.upper()!r}, field 'id': document {live.upper()!r} "
        f"is tombstoned but still in documents.json (as {live!r})"
    ) in message


# --- files (item 6) --------------------------------------------------------------


def test_a_symlink_out_of_the_folder_is_refused(corpus_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.json"
    (corpus_copy / "manifest.json").rename(outside)
    (corpus_copy / "manifest.json").symlink_to(outside)
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.startswith(f"{corpus_copy}/manifest.json: a symbolic link to {outside}")


def test_a_symlink_inside_the_folder_is_followed(corpus_copy: Path) -> None:
    (corpus_copy / "people.json").rename(corpus_copy / "people.data")
    (corpus_copy / "people.json").symlink_to("people.data")
    assert icc.load_path(corpus_copy).people


def test_a_fifo_is_refused_unread(corpus_copy: Path) -> None:
    import os  # noqa: PLC0415

    (corpus_copy / "quotes.json").unlink()
    os.mkfifo(corpus_copy / "quotes.json")  # reading it would block for ever
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.startswith(f"{corpus_copy}/quotes.json: not a regular file")


def test_a_folder_in_place_of_a_resource_is_refused(corpus_copy: Path) -> None:
    (corpus_copy / "quotes.json").unlink()
    (corpus_copy / "quotes.json").mkdir()
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.startswith(f"{corpus_copy}/quotes.json: not a regular file")


def test_a_huge_file_is_refused_unread(corpus_copy: Path, file_reads: list[str]) -> None:
    # A sparse file: 4 GB long, nothing on disk; reading it would take 4 GB of memory.
    with (corpus_copy / "quotes.json").open("r+b") as file:
        file.truncate(4 * 2**30)
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message == (
        f"{corpus_copy}/quotes.json: {4 * 2**30} bytes, more than the "
        f"{_loading.MAX_RESOURCE_BYTES} this package reads (not read)"
    )
    assert "quotes.json" not in file_reads


@pytest.mark.parametrize("change", [-1, 1, 10**6])
def test_a_size_other_than_the_manifests_is_refused_unread(corpus_copy: Path, change: int) -> None:
    size = (corpus_copy / "quotes.json").stat().st_size
    edit_manifest(corpus_copy, lambda m: m["resources"]["quotes.json"].update(size=size + change))
    message = load_error(corpus_copy, icc.CorpusIntegrityError)
    assert message == (
        f"{corpus_copy}/quotes.json: {size} bytes, the manifest says {size + change}; "
        "the resource was changed, truncated or damaged (not read)"
    )


def test_the_manifests_size_when_right_loads(corpus_copy: Path) -> None:
    def sizes(manifest: Json) -> None:
        for name, entry in manifest["resources"].items():
            entry["size"] = (corpus_copy / name).stat().st_size

    edit_manifest(corpus_copy, sizes)
    assert icc.load_path(corpus_copy).version == icc.versions()[-1]
