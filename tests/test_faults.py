"""One test per kind of bad input: the error class, and a message naming where and what.

Each test breaks a scratch copy of the bundled corpus in one way and loads it
with :func:`icc.load_path`. A message must name the file, and the record id
and the field wherever the fault lies inside a record.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _loading

from .conftest import DATA

Json = Any


def fix_manifest(folder: Path, name: str) -> None:
    """Make the manifest agree with the bytes and record count of ``name``."""
    raw = (folder / name).read_bytes()
    manifest = json.loads((folder / "manifest.json").read_bytes())
    manifest["resources"][name]["sha256"] = hashlib.sha256(raw).hexdigest()
    # Not JSON (or not an array): the bytes fail before the count is checked.
    with contextlib.suppress(ValueError, TypeError):
        manifest["resources"][name]["count"] = len(json.loads(raw))
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), "utf-8")


def write_bytes(folder: Path, name: str, data: bytes) -> None:
    """Replace a resource's bytes and fix the manifest, so the fault is what is tested."""
    (folder / name).write_bytes(data)
    fix_manifest(folder, name)


def rewrite(folder: Path, name: str, edit: Callable[[Json], None]) -> None:
    """Apply ``edit`` to a resource's JSON, write it back and fix the manifest."""
    data = json.loads((folder / name).read_text("utf-8"))
    edit(data)
    write_bytes(folder, name, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode())


def load_error(folder: Path, cls: type[icc.CorpusError]) -> str:
    """Load ``folder``, expect ``cls`` exactly, and return the message."""
    with pytest.raises(icc.CorpusError) as info:
        icc.load_path(folder)
    assert type(info.value) is cls, f"{type(info.value).__name__}: {info.value}"
    return str(info.value)


def test_malformed_json(corpus_copy: Path) -> None:
    data = (corpus_copy / "comments.json").read_bytes()
    write_bytes(corpus_copy, "comments.json", data.replace(b'"position":', b'"position"', 1))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.startswith(f"{corpus_copy}/comments.json: malformed JSON: ")
    assert "Expecting ':' delimiter (line 5, column 14)" in message


@pytest.mark.parametrize(
    ("name", "edit", "record", "field", "expected"),
    [
        (
            "quotes.json",
            lambda d: d[2]["span"].update(start="12"),
            "kings-fund-undated-pilots-welcome/q3",
            "span.start",
            "expected an integer, got a string",
        ),
        (
            "documents.json",
            lambda d: d[1].update(topics=["integrated-care", "cats"]),
            "kings-fund-2010-11-23-integration-at-heart-of-nhs-reform",
            "topics[1]",
            "expected a Topic, one of 'integrated-care', ",
        ),
        (
            "documents.json",
            lambda d: d[2]["published"].update(date="2012-13-05"),
            "cipfa-2012-01-05-ministers-must-prioritise-integration",
            "published.date",
            "expected an ISO date string (YYYY-MM-DD), got '2012-13-05'",
        ),
        (
            "people.json",
            lambda d: d[0].update(roles=None),
            "andrew-lansley",
            "roles",
            "expected an array, got null",
        ),
        (
            "people.json",
            lambda d: d[0]["roles"].__setitem__(0, "Health Secretary"),
            "andrew-lansley",
            "roles[0]",
            "expected an object",
        ),
        (
            "organisations.json",
            lambda d: d[0].update(kind="charity"),
            "canterbury-district-health-board",
            "kind",
            "expected a OrganisationKind, one of ",
        ),
    ],
)
def test_wrong_type(
    corpus_copy: Path,
    name: str,
    edit: Callable[[Json], None],
    record: str,
    field: str,
    expected: str,
) -> None:
    rewrite(corpus_copy, name, edit)
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.startswith(f"{corpus_copy}/{name}: record {record!r}, field {field!r}: ")
    assert expected in message


def test_missing_field(corpus_copy: Path) -> None:
    rewrite(corpus_copy, "comments.json", lambda d: d[1].pop("position"))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message == (
        f"{corpus_copy}/comments.json: record 'pulse-undated-nhs-fully-integrated-by-2018/c2', "
        "field 'position': required field missing"
    )


def test_missing_id_names_the_record_by_position(corpus_copy: Path) -> None:
    rewrite(corpus_copy, "comments.json", lambda d: d[1].pop("id"))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.endswith("comments.json: record #1, field 'id': required field missing")


def test_unknown_field(corpus_copy: Path) -> None:
    rewrite(corpus_copy, "organisations.json", lambda d: d[0].update(colour="red"))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.startswith(
        f"{corpus_copy}/organisations.json: record 'canterbury-district-health-board', "
        "unknown field 'colour'; expected only the Organisation fields: id, name, "
    )


def test_unknown_field_inside_a_record(corpus_copy: Path) -> None:
    rewrite(corpus_copy, "people.json", lambda d: d[0]["roles"][0].update(colour="red"))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.startswith(
        f"{corpus_copy}/people.json: record 'andrew-lansley', field 'roles[0]': "
        "unknown field 'colour'; expected only the Role fields: document_id, "
    )


def test_missing_resource(corpus_copy: Path) -> None:
    (corpus_copy / "people.json").unlink()
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message == (
        f"{corpus_copy}/people.json: missing resource; expected the file listed in the manifest"
    )


def test_duplicate_id(corpus_copy: Path) -> None:
    rewrite(corpus_copy, "mentions.json", lambda d: d.insert(1, d[0]))
    message = load_error(corpus_copy, icc.CorpusReferenceError)
    assert message == (
        f"{corpus_copy}/mentions.json: record 'kings-fund-undated-pilots-welcome/m149', "
        "field 'id': duplicate id: ids must be unique"
    )


def test_record_count_differs_from_the_manifest(corpus_copy: Path) -> None:
    path = corpus_copy / "people.json"
    data = json.loads(path.read_bytes())
    write_bytes(corpus_copy, "people.json", json.dumps([*data, data[0]]).encode())
    manifest = json.loads((corpus_copy / "manifest.json").read_bytes())
    manifest["resources"]["people.json"]["count"] = len(data)
    (corpus_copy / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    message = load_error(corpus_copy, icc.CorpusIntegrityError)
    assert message == f"{corpus_copy}/people.json: 12 records, the manifest says 11"


def test_dangling_reference(corpus_copy: Path) -> None:
    rewrite(corpus_copy, "mentions.json", lambda d: d[0].update(organisation_id="nobody-org"))
    message = load_error(corpus_copy, icc.CorpusReferenceError)
    assert message == (
        f"{corpus_copy}/mentions.json: record 'kings-fund-undated-pilots-welcome/m149', "
        "field 'organisation_id': refers to organisation 'nobody-org', which does not exist"
    )


def test_span_out_of_range(corpus_copy: Path) -> None:
    def edit(people: Json) -> None:
        assert people[0]["roles"][0]["document_id"] == (
            "cipfa-2012-01-05-ministers-must-prioritise-integration"
        )
        people[0]["roles"][0]["span"] = {"start": 100_000, "end": 100_016}

    rewrite(corpus_copy, "people.json", edit)
    message = load_error(corpus_copy, icc.CorpusIntegrityError)
    assert message.startswith(
        f"{corpus_copy}/people.json: record 'andrew-lansley', field 'roles[0].span': "
        "span [100000, 100016) runs past the end of the document ("
    )


def test_span_not_matching_the_text(corpus_copy: Path) -> None:
    # Andrew Lansley is 'Health Secretary' at [883, 899) of the CIPFA release.
    rewrite(
        corpus_copy,
        "people.json",
        lambda d: d[0]["roles"][0].update(span={"start": 884, "end": 900}),
    )
    message = load_error(corpus_copy, icc.CorpusIntegrityError)
    assert message == (
        f"{corpus_copy}/people.json: record 'andrew-lansley', field 'roles[0].span': "
        "text[884:900] is 'ealth Secretary ', expected 'Health Secretary'"
    )


def test_span_ending_before_it_starts(corpus_copy: Path) -> None:
    rewrite(corpus_copy, "quotes.json", lambda d: d[0].update(span={"start": 900, "end": 800}))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message == (
        f"{corpus_copy}/quotes.json: record 'kings-fund-undated-pilots-welcome/q1', "
        "field 'span': span end 800 is before its start 900"
    )


def test_checksum_mismatch(corpus_copy: Path) -> None:
    path = corpus_copy / "quotes.json"
    path.write_bytes(path.read_bytes().replace(b"Bringing", b"Brining", 1))
    message = load_error(corpus_copy, icc.CorpusIntegrityError)
    assert message.startswith(f"{corpus_copy}/quotes.json: SHA-256 ")
    assert message.endswith("; the resource was changed or damaged")
    manifest = json.loads((corpus_copy / "manifest.json").read_bytes())
    assert f"does not match the manifest's {manifest['resources']['quotes.json']['sha256']}" in (
        message
    )


def test_non_utf8_bytes(corpus_copy: Path) -> None:
    data = (corpus_copy / "quotes.json").read_bytes()
    offset = data.index("’".encode())
    write_bytes(corpus_copy, "quotes.json", data.replace("’".encode(), b"\x92", 1))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message == (
        f"{corpus_copy}/quotes.json: not UTF-8 (byte {offset}: invalid start byte); "
        "expected UTF-8 encoded JSON"
    )


@pytest.mark.parametrize("schema", [3, 0, "2", None, [2]])
def test_manifest_for_an_unknown_schema_version(corpus_copy: Path, schema: object) -> None:
    path = corpus_copy / "manifest.json"
    manifest = json.loads(path.read_bytes())
    manifest["schema_version"] = schema
    path.write_text(json.dumps(manifest), "utf-8")
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.startswith(
        f"{corpus_copy}/manifest.json: field 'schema_version' is {schema!r}; "
        "this package reads schema versions ["
    )


def test_manifest_with_missing_and_unknown_fields(corpus_copy: Path) -> None:
    path = corpus_copy / "manifest.json"
    manifest = json.loads(path.read_bytes())
    manifest["schema"] = manifest.pop("schema_version")
    path.write_text(json.dumps(manifest), "utf-8")
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.startswith(
        f"{corpus_copy}/manifest.json: missing fields ['schema_version'], "
        "unknown fields ['schema']; expected exactly the fields ["
    )


def test_a_directory_that_is_not_a_corpus(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a corpus", "utf-8")
    message = load_error(tmp_path, icc.CorpusFormatError)
    assert message == f"{tmp_path}: not a corpus directory; expected a manifest.json in it"
    message = load_error(tmp_path / "notes.txt", icc.CorpusFormatError)
    assert message == (
        f"{tmp_path}/notes.txt: not a directory; expected a corpus directory holding manifest.json"
    )
    message = load_error(tmp_path / "absent", icc.CorpusFormatError)
    assert message.startswith(f"{tmp_path}/absent: not a directory")


def test_a_failed_load_leaves_the_cache_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A data folder whose 1.0.0 has a damaged resource (the manifest is intact).
    shutil.copytree(DATA / "1.0.0", tmp_path / "1.0.0")
    quotes = tmp_path / "1.0.0" / "quotes.json"
    quotes.write_bytes(quotes.read_bytes().replace(b"Bringing", b"Brining", 1))
    monkeypatch.setattr(_loading, "data_root", lambda: tmp_path)
    monkeypatch.setattr(_loading, "_cache", {})

    for _ in range(2):  # the second attempt reads the data again: nothing half-built was kept
        with pytest.raises(icc.CorpusIntegrityError, match=r"data/1\.0\.0/quotes\.json: SHA-256"):
            icc.load("1.0.0")
        assert _loading._cache == {}
    shutil.copyfile(DATA / "1.0.0" / "quotes.json", quotes)
    repaired = icc.load("1.0.0")
    assert repaired.counts() == icc.load_path(DATA / "1.0.0").counts()
    assert icc.load("1.0.0") is repaired


def test_a_failed_load_path_leaves_the_cache_as_it_was(corpus_copy: Path) -> None:
    cached = icc.load()
    before = dict(_loading._cache)
    rewrite(corpus_copy, "quotes.json", lambda d: d[0].update(person_id="nobody"))
    with pytest.raises(icc.CorpusReferenceError):
        icc.load_path(corpus_copy)
    assert _loading._cache == before
    assert icc.load() is cached


def test_lone_surrogate_in_a_text(corpus_copy: Path) -> None:
    # Valid JSON ("\ud800" escape), but no UTF-8 seed file can hold it.
    data = json.loads((corpus_copy / "documents.json").read_bytes())
    data[0]["text"] = data[0]["text"][:-1] + "\ud800"
    write_bytes(corpus_copy, "documents.json", json.dumps(data).encode("ascii"))
    # Refused as it is read, before any check could stumble on it.
    assert load_error(corpus_copy, icc.CorpusFormatError) == (
        f"{corpus_copy}/documents.json: record 'kings-fund-undated-pilots-welcome', field 'text': "
        "holds a lone surrogate (a \\u escape of half a UTF-16 pair); expected valid Unicode text"
    )


@pytest.mark.parametrize("number", [2**64, -(2**63) - 1, 10**40])
def test_an_integer_beyond_64_bits_is_read_as_the_integer_it_is(
    corpus_copy: Path, number: int
) -> None:
    # JSON integers have no size limit, and every load path keeps them exact
    # (orjson alone would read this one as a float).
    def edit(comments: Json) -> None:
        comments[0]["number"] = number

    rewrite(corpus_copy, "comments.json", edit)
    assert icc.load_path(corpus_copy).comments[0].number == number


def test_an_integer_beyond_64_bits_in_a_span_is_still_checked(corpus_copy: Path) -> None:
    def edit(mentions: Json) -> None:
        mentions[0]["span"]["end"] = 2**64

    rewrite(corpus_copy, "mentions.json", edit)
    message = load_error(corpus_copy, icc.CorpusIntegrityError)
    assert f"field 'span': span [149, {2**64}) runs past the end of the document" in message


def _put_number(folder: Path, literal: bytes) -> None:
    """Write ``literal`` as the first comment's number, and the manifest's checksum."""
    data = (
        (folder / "comments.json")
        .read_bytes()
        .replace(b'"number": null', b'"number": ' + literal, 1)
    )
    (folder / "comments.json").write_bytes(data)
    manifest = json.loads((folder / "manifest.json").read_bytes())
    manifest["resources"]["comments.json"]["sha256"] = hashlib.sha256(data).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), "utf-8")


def test_an_integer_too_long_to_convert(corpus_copy: Path) -> None:
    _put_number(corpus_copy, b"9" * 5000)
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message.startswith(f"{corpus_copy}/comments.json: cannot be read as JSON (")
    assert message.endswith("); expected a valid JSON document")


def test_json_nested_too_deeply(corpus_copy: Path) -> None:
    _put_number(corpus_copy, b"[" * 100_000 + b"]" * 100_000)
    assert load_error(corpus_copy, icc.CorpusFormatError) == (
        f"{corpus_copy}/comments.json: JSON nested too deeply to read; "
        "expected records a few levels deep"
    )


@pytest.mark.parametrize("depth", [255, 600])
def test_json_nested_deeper_than_orjson_writes_is_read_as_the_standard_library_reads_it(
    corpus_copy: Path, depth: int
) -> None:
    # orjson reads arrays 1,024 deep but writes only 254, and what it reads is
    # written back to prove the keys unique: the standard library reads it then.
    _put_number(corpus_copy, b"[" * depth + b"]" * depth)
    assert load_error(corpus_copy, icc.CorpusFormatError) == (
        f"{corpus_copy}/comments.json: record 'pulse-undated-nhs-fully-integrated-by-2018/c1', "
        "field 'number': expected an integer, got an array"
    )


@pytest.mark.parametrize("resource", ["quotes", "mentions"])
@pytest.mark.parametrize("swap", ["within a document", "across documents"])
def test_records_out_of_order(corpus_copy: Path, resource: str, swap: str) -> None:
    def edit(records: Json) -> None:
        same = swap == "within a document"
        docs = [r["document_id"] for r in records]
        i = next(i for i in range(len(docs) - 1) if (docs[i] == docs[i + 1]) == same)
        records[i], records[i + 1] = records[i + 1], records[i]

    rewrite(corpus_copy, f"{resource}.json", edit)
    assert load_error(corpus_copy, icc.CorpusIntegrityError) == (
        f"{corpus_copy}/{resource}.json: record '*', field 'span': "
        "records must be in document order, then text order"
    )


def test_comments_out_of_order(corpus_copy: Path) -> None:
    rewrite(corpus_copy, "comments.json", lambda comments: comments.reverse())
    message = load_error(corpus_copy, icc.CorpusIntegrityError)
    assert (
        "comments.json: record '*', field 'span': records must be in document order, "
        "then text order" in message
    )


@pytest.mark.parametrize("resource", ["organisations", "people"])
def test_organisations_and_people_out_of_id_order(corpus_copy: Path, resource: str) -> None:
    def edit(records: Json) -> None:
        records[0], records[1] = records[1], records[0]

    rewrite(corpus_copy, f"{resource}.json", edit)
    assert load_error(corpus_copy, icc.CorpusIntegrityError) == (
        f"{corpus_copy}/{resource}.json: record '*', field 'id': records must be in id order"
    )


# --- who said it (source and cue), well-known names, former roles: schema 2 -------

PULSE = "pulse-undated-nhs-fully-integrated-by-2018"
CIPFA_Q10 = "cipfa-2012-01-05-ministers-must-prioritise-integration/q10"


def _edit_quote(quote_id: str, edit: Callable[[Json], None]) -> Callable[[Json], None]:
    def apply(quotes: Json) -> None:
        (quote,) = [q for q in quotes if q["id"] == quote_id]
        edit(quote)

    return apply


def test_a_role_former_that_is_not_a_boolean(corpus_copy: Path) -> None:
    rewrite(corpus_copy, "people.json", lambda d: d[0]["roles"][0].update(former=1))
    message = load_error(corpus_copy, icc.CorpusFormatError)
    assert message == (
        f"{corpus_copy}/people.json: record 'andrew-lansley', field 'roles[0].former': "
        "expected true or false, got an integer"
    )


def test_a_source_span_that_misses_its_words(corpus_copy: Path) -> None:
    # "A DH statement" is at [1339, 1353): one character later it is not.
    def edit(q: Json) -> None:
        q["source"]["span"] = {"start": 1340, "end": 1354}

    rewrite(corpus_copy, "quotes.json", _edit_quote(f"{PULSE}/q1", edit))
    message = load_error(corpus_copy, icc.CorpusIntegrityError)
    assert message == (
        f"{corpus_copy}/quotes.json: record '{PULSE}/q1', field 'source.span': "
        "text[1340:1354] is ' DH statement ', expected 'A DH statement'"
    )


def test_a_cue_that_overlaps_the_quote(corpus_copy: Path) -> None:
    def edit(q: Json) -> None:
        start = q["span"]["start"]
        q["cue"] = {"text": q["text"][:3], "span": {"start": start, "end": start + 3}}

    rewrite(corpus_copy, "quotes.json", _edit_quote(f"{PULSE}/q1", edit))
    message = load_error(corpus_copy, icc.CorpusIntegrityError)
    assert message == (
        f"{corpus_copy}/quotes.json: record '{PULSE}/q1', field 'cue.span': "
        "overlaps the quote's own words"
    )


def test_a_source_outside_the_quotes_region_and_overlapping_the_cue(corpus_copy: Path) -> None:
    # The headline "NHS to be fully integrated ..." is a region of its own.
    def edit(q: Json) -> None:
        q["source"] = {"text": "NHS", "span": {"start": 370, "end": 373}}
        q["cue"] = {"text": "NHS to", "span": {"start": 370, "end": 376}}

    rewrite(corpus_copy, "quotes.json", _edit_quote(f"{PULSE}/q1", edit))
    message = load_error(corpus_copy, icc.CorpusIntegrityError)
    where = f"quotes.json: record '{PULSE}/q1'"
    assert message == (
        f"{corpus_copy}: 3 problems:\n"
        f"  {where}, field 'source.span': expected inside the region that holds the quote\n"
        f"  {where}, field 'cue.span': expected inside the region that holds the quote\n"
        f"  {where}, field 'cue.span': overlaps the source"
    )


@pytest.mark.parametrize(
    ("quote_id", "expected"),
    [
        (f"{PULSE}/q9", "a paragraph that continues a quotation has no source or cue"),
        (f"{PULSE}/q5", "an inferred attribution has no source or cue"),
    ],
)
def test_no_source_on_a_continuation_or_an_inferred_attribution(
    corpus_copy: Path, quote_id: str, expected: str
) -> None:
    def edit(q: Json) -> None:
        q["cue"] = {"text": "said", "span": {"start": 3160, "end": 3164}}

    rewrite(corpus_copy, "quotes.json", _edit_quote(quote_id, edit))
    message = load_error(corpus_copy, icc.CorpusIntegrityError)
    assert message == f"{corpus_copy}/quotes.json: record '{quote_id}', field 'cue': {expected}"


def test_a_source_past_the_end_or_blank(corpus_copy: Path) -> None:
    def edit(q: Json) -> None:
        q["source"] = {"text": "he", "span": {"start": 99_998, "end": 100_000}}
        q["cue"] = {"text": "", "span": {"start": 3146, "end": 3146}}

    rewrite(corpus_copy, "quotes.json", _edit_quote(CIPFA_Q10, edit))
    message = load_error(corpus_copy, icc.CorpusIntegrityError)
    where = f"quotes.json: record '{CIPFA_Q10}'"
    assert message == (
        f"{corpus_copy}: 2 problems:\n"
        f"  {where}, field 'source.span': runs past the end of the document\n"
        f"  {where}, field 'cue.text': expected words, got blank text"
    )


def test_well_known_names_that_are_printed_or_repeat_an_alias(corpus_copy: Path) -> None:
    def edit(orgs: Json) -> None:
        (dh,) = [o for o in orgs if o["id"] == "department-of-health"]
        dh["well_known_names"] = ["DoH", "dh", "Department of Health pilots", " "]

    rewrite(corpus_copy, "organisations.json", edit)
    message = load_error(corpus_copy, icc.CorpusIntegrityError)
    where = "organisations.json: record 'department-of-health'"
    assert message == (
        f"{corpus_copy}: 4 problems:\n"
        f"  {where}, field 'well_known_names': must be distinct and differ from the name "
        "and every alias\n"
        f"  {where}, field 'well_known_names[1]': 'dh' is printed in "
        "'pulse-undated-nhs-fully-integrated-by-2018': a printed form is an alias, backed by "
        "mentions\n"
        f"  {where}, field 'well_known_names[2]': 'Department of Health pilots' is printed in "
        "'pulse-undated-nhs-fully-integrated-by-2018': a printed form is an alias, backed by "
        "mentions\n"
        f"  {where}, field 'well_known_names[3]': expected a name, got blank text"
    )
