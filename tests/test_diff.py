"""Diffs between corpus versions, tombstones for removed ids, and the release policy."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus._cli import main as cli_main
from integrated_care_corpus._diff import bump_of
from integrated_care_corpus._migrations import MIGRATIONS, SCHEMA_BUMPS

from .conftest import DATA, ROOT

_ORDER = {"patch": 0, "minor": 1, "major": 2}


class Copy:
    """A scratch corpus folder, edited as JSON with its manifest kept in step."""

    def __init__(self, folder: Path, version: str) -> None:
        self.folder = folder
        self.set_manifest(corpus_version=version)

    def read(self, name: str) -> Any:
        return json.loads((self.folder / name).read_bytes())

    def set_manifest(self, **fields: object) -> None:
        manifest = self.read("manifest.json")
        manifest.update(fields)
        (self.folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    def write(self, name: str, records: list[dict[str, Any]]) -> None:
        data = (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode()
        (self.folder / name).write_bytes(data)
        manifest = self.read("manifest.json")
        manifest["resources"][name] = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "count": len(records),
        }
        self.set_manifest(resources=manifest["resources"])

    def drop(self, name: str, record_id: str) -> None:
        records = self.read(name)
        kept = [r for r in records if r["id"] != record_id]
        assert len(kept) == len(records) - 1, f"test setup: {record_id} not in {name}"
        self.write(name, kept)

    def edit(self, name: str, record_id: str, **fields: object) -> None:
        records = self.read(name)
        (record,) = [r for r in records if r["id"] == record_id]
        record.update(fields)
        self.write(name, records)


TWITTER_MENTION = "kings-fund-undated-marathon-not-a-sprint/m3462"
# Two mentions of the Nuffield Trust in the same document (checked by hand in its text).
NUFFIELD_FIRST = "cipfa-2012-01-05-ministers-must-prioritise-integration/m437"
NUFFIELD_SECOND = "cipfa-2012-01-05-ministers-must-prioritise-integration/m2556"


@pytest.fixture
def released_copy(tmp_path: Path) -> Path:
    """A scratch copy of corpus 1.0.0, which never changes: the base of made-up versions."""
    return Path(shutil.copytree(DATA / "1.0.0", tmp_path / "1.0.0"))


@pytest.fixture
def v2(released_copy: Path) -> Copy:
    """Corpus 1.0.0 as a made-up 2.0.0: the Twitter organisation and its one mention
    removed (tombstoned, nothing replacing them), a mention removed and tombstoned as
    replaced by another, and a note corrected."""
    copy = Copy(released_copy, "2.0.0")
    copy.drop("organisations.json", "twitter")
    copy.drop("mentions.json", TWITTER_MENTION)
    copy.drop("mentions.json", NUFFIELD_SECOND)
    copy.edit("organisations.json", "pf-jobsite", note="A jobs board, named only by its logo.")
    copy.write(
        "tombstones.json",
        [
            {"kind": "organisation", "id": "twitter", "removed_in": "2.0.0", "note": "furniture"},
            {"kind": "mention", "id": TWITTER_MENTION, "removed_in": "2.0.0"},
            {
                "kind": "mention",
                "id": NUFFIELD_SECOND,
                "removed_in": "2.0.0",
                "replaced_by": NUFFIELD_FIRST,
                "note": "a made-up merge",
            },
        ],
    )
    return copy


def test_the_bundled_versions_have_no_tombstones() -> None:
    for version in icc.versions():
        assert icc.load(version).tombstones == ()


def test_a_removed_id_says_when_it_went_and_what_replaced_it(v2: Copy) -> None:
    corpus = icc.load_path(v2.folder)
    with pytest.raises(icc.RemovedRecordError) as info:
        corpus.mention(NUFFIELD_SECOND)
    error = info.value
    assert str(error) == (
        f"mention '{NUFFIELD_SECOND}' was removed in corpus 2.0.0 "
        f"and replaced by '{NUFFIELD_FIRST}' (a made-up merge)"
    )
    assert (error.kind, error.key, error.removed_in, error.replaced_by) == (
        "mention",
        NUFFIELD_SECOND,
        "2.0.0",
        NUFFIELD_FIRST,
    )
    assert corpus.mention(NUFFIELD_FIRST).text == "Nuffield Trust"
    # It is still an UnknownRecordError, and a KeyError, for code that catches those.
    assert isinstance(error, icc.UnknownRecordError)
    assert isinstance(error, KeyError)

    with pytest.raises(
        icc.RemovedRecordError,
        match=r"^organisation 'twitter' was removed in corpus 2\.0\.0; "
        r"nothing replaced it \(furniture\)$",
    ):
        corpus.organisation("twitter")
    with pytest.raises(icc.RemovedRecordError, match=r"nothing replaced it$"):
        corpus.mention(TWITTER_MENTION)
    # An id that never existed is still a plain UnknownRecordError with suggestions.
    with pytest.raises(icc.UnknownRecordError) as unknown:
        corpus.organisation("twiter")
    assert not isinstance(unknown.value, icc.RemovedRecordError)


def test_a_removed_id_as_a_speaker_says_when_it_went(v2: Copy) -> None:
    corpus = icc.load_path(v2.folder)
    removed = r"^organisation 'twitter' was removed in corpus 2\.0\.0; nothing replaced it"
    with pytest.raises(icc.RemovedRecordError, match=removed):
        corpus.find_quotes(speaker="twitter")
    with pytest.raises(icc.RemovedRecordError, match=removed):
        corpus.quotes_by("twitter")
    with pytest.raises(icc.RemovedRecordError, match=removed):
        corpus.find_documents(mentions="twitter")
    # A name that never was a record still gets the plain error, with suggestions.
    with pytest.raises(icc.UnknownRecordError) as info:
        corpus.find_quotes(speaker="twiter")
    assert not isinstance(info.value, icc.RemovedRecordError)
    # Comments have no organisation authors: a removed organisation is no author.
    with pytest.raises(icc.UnknownRecordError) as author:
        corpus.find_comments(author="twitter")
    assert not isinstance(author.value, icc.RemovedRecordError)


def test_removed_ids_of_other_kinds_are_not_confused(v2: Copy) -> None:
    corpus = icc.load_path(v2.folder)
    # 'twitter' is a removed organisation, not a removed person.
    with pytest.raises(icc.UnknownRecordError) as info:
        corpus.person("twitter")
    assert not isinstance(info.value, icc.RemovedRecordError)
    for kind, lookup in (
        ("document", corpus.document),
        ("quote", corpus.quote),
        ("comment", corpus.comment),
    ):
        with pytest.raises(icc.UnknownRecordError, match=f"^no {kind} "):
            lookup(TWITTER_MENTION)


@pytest.mark.parametrize(
    ("tombstone", "message"),
    [
        (
            {"kind": "organisation", "id": "nhs", "removed_in": "2.0.0"},
            (
                r"tombstones\.json: record 'nhs', field 'id': organisation 'nhs' is tombstoned "
                r"but still in organisations\.json"
            ),
        ),
        (
            {"kind": "mention", "id": "x/m1", "removed_in": "2.0.0", "replaced_by": "x/m2"},
            r"record 'x/m1', field 'replaced_by': points at mention 'x/m2', which does not exist",
        ),
        (
            {"kind": "mention", "id": "x/m1", "removed_in": "3.0.0"},
            r"field 'removed_in': 3\.0\.0 is newer than this corpus 2\.0\.0",
        ),
        (
            {"kind": "mention", "id": "x/m1", "removed_in": "soon"},
            r"field 'removed_in': expected MAJOR\.MINOR\.PATCH",
        ),
        (
            {"kind": "paragraph", "id": "x/m1", "removed_in": "2.0.0"},
            r"tombstones\.json: record 'x/m1', field 'kind': expected a RecordKind",
        ),
    ],
)
def test_a_bad_tombstone_fails_to_load(v2: Copy, tombstone: dict[str, Any], message: str) -> None:
    v2.write("tombstones.json", [*v2.read("tombstones.json"), tombstone])
    with pytest.raises(icc.CorpusError, match=message):
        icc.load_path(v2.folder)


def test_a_duplicate_tombstone_fails(v2: Copy) -> None:
    tombstones = v2.read("tombstones.json")
    v2.write("tombstones.json", [*tombstones, tombstones[0]])
    with pytest.raises(icc.CorpusReferenceError, match="'twitter', field 'id': duplicate"):
        icc.load_path(v2.folder)


def test_an_unlisted_resource_is_still_refused(v2: Copy) -> None:
    manifest = v2.read("manifest.json")
    manifest["resources"]["extras.json"] = manifest["resources"]["tombstones.json"]
    v2.set_manifest(resources=manifest["resources"])
    with pytest.raises(icc.CorpusFormatError, match=r"may list \['tombstones\.json'\]"):
        icc.load_path(v2.folder)


# --- diff ------------------------------------------------------------------------


def test_diff_reports_each_change_by_id_and_field(v2: Copy) -> None:
    old = icc.load("1.0.0")
    new = icc.load_path(v2.folder)
    changes = icc.diff(old, new)
    assert (changes.old_version, changes.new_version) == ("1.0.0", "2.0.0")
    assert [r.id for r in changes.organisations.removed] == ["twitter"]
    assert [r.id for r in changes.mentions.removed] == [NUFFIELD_SECOND, TWITTER_MENTION]
    assert changes.organisations.added == ()
    assert changes.mentions.added == ()
    (change,) = changes.organisations.changed
    assert change.id == "pf-jobsite"
    assert change.old == old.organisation("pf-jobsite")
    assert change.fields == (
        icc.FieldChange(
            "note",
            "Named only by its logo ('PF Jobsite logo').",
            "A jobs board, named only by its logo.",
        ),
    )
    for part in (changes.documents, changes.quotes, changes.comments, changes.people):
        assert not part
    assert [t.id for t in changes.tombstones] == ["twitter", TWITTER_MENTION, NUFFIELD_SECOND]
    assert changes.required_bump() == "major"
    assert changes.summary() == (
        "corpus 1.0.0 -> 2.0.0\n"
        "organisations: 0 added, 1 removed, 1 changed\n"
        "  - twitter\n"
        "  ~ pf-jobsite: note\n"
        "mentions: 0 added, 2 removed, 0 changed\n"
        f"  - {NUFFIELD_SECOND}\n"
        f"  - {TWITTER_MENTION}"
    )


def test_diff_the_other_way_reports_additions(v2: Copy) -> None:
    changes = icc.diff(icc.load_path(v2.folder), "1.0.0")
    assert [r.id for r in changes.organisations.added] == ["twitter"]
    assert [r.id for r in changes.mentions.added] == [NUFFIELD_SECOND, TWITTER_MENTION]
    assert changes.tombstones == ()
    assert changes.required_bump() == "minor"  # additions, and the note back as it was


def test_a_nested_field_change_is_reported_on_its_top_level_field(released_copy: Path) -> None:
    copy = Copy(released_copy, "1.0.1")
    quote_id = "kings-fund-undated-pilots-welcome/q1"
    (quote,) = [q for q in copy.read("quotes.json") if q["id"] == quote_id]
    copy.edit("quotes.json", quote_id, kind="partial", note="corrected")
    changes = icc.diff("1.0.0", icc.load_path(released_copy))
    (change,) = changes.quotes.changed
    assert [(f.field, f.old, f.new) for f in change.fields] == [
        ("kind", icc.QuoteKind(quote["kind"]), icc.QuoteKind.PARTIAL),
        ("note", quote["note"], "corrected"),
    ]
    assert changes.required_bump() == "patch"
    assert change.fields[0].old is icc.QuoteKind.DIRECT


def test_an_added_record_needs_a_minor_version(released_copy: Path) -> None:
    copy = Copy(released_copy, "1.1.0")
    orgs = copy.read("organisations.json")
    orgs.append({**orgs[0], "id": "zz-new", "name": "A New Body", "aliases": []})
    copy.write("organisations.json", orgs)
    changes = icc.diff("1.0.0", icc.load_path(released_copy))
    assert [o.name for o in changes.organisations.added] == ["A New Body"]
    assert changes.required_bump() == "minor"


def test_a_changed_document_text_needs_a_major_version() -> None:
    old = icc.load("1.0.0")
    doc = old.documents[0]
    changes = icc.diff(old, old)
    assert changes.required_bump() is None
    assert not changes
    assert changes.summary() == "corpus 1.0.0 -> 1.0.0: no changes"
    fake = icc.RecordChange(doc, doc, (icc.FieldChange("text", doc.text, doc.text + " "),))
    bigger = icc.CorpusDiff(
        "1.0.0",
        "1.0.1",
        documents=icc.RecordDiff(icc.RecordKind.DOCUMENT, changed=(fake,)),
        quotes=changes.quotes,
        comments=changes.comments,
        organisations=changes.organisations,
        people=changes.people,
        mentions=changes.mentions,
    )
    assert bigger.required_bump() == "major"


def test_a_schema_change_needs_the_bump_the_format_change_does() -> None:
    # Corpus 1.1.0 only corrected records, but in schema 2, which adds fields: MINOR.
    changes = icc.diff("1.0.1", "1.1.0")
    assert (changes.old_schema_version, changes.new_schema_version) == ("1", "2")
    assert changes.schema_changed
    assert changes.required_bump() == "minor"
    assert changes.summary().startswith("corpus 1.0.1 -> 1.1.0 (schema 1 -> 2)\n")
    data = changes.to_dict()
    assert (data["old_schema_version"], data["new_schema_version"]) == ("1", "2")
    assert data["required_bump"] == "minor"
    same = icc.diff("1.0.0", "1.0.1")
    assert not same.schema_changed
    assert same.required_bump() == "patch"
    assert same.summary().startswith("corpus 1.0.0 -> 1.0.1\n")
    # Back to an older schema takes fields away.
    assert icc.diff("1.1.0", "1.0.1").required_bump() == "major"


def test_a_schema_change_alone_is_a_change() -> None:
    old = icc.load("1.0.1")
    nothing = icc.diff(old, old)
    parts = {
        name: getattr(nothing, name)
        for name in ("documents", "quotes", "comments", "organisations", "people", "mentions")
    }

    def between(a: str | None, b: str | None) -> icc.CorpusDiff:
        return icc.CorpusDiff("1.0.1", "1.1.0", **parts, old_schema_version=a, new_schema_version=b)

    assert between("1", "2")
    assert between("1", "2").required_bump() == "minor"
    assert between("1", "2").summary() == "corpus 1.0.1 -> 1.1.0 (schema 1 -> 2)"
    assert between("2", "3").required_bump() == "major"  # a step not known to only add
    assert not between("1", "1")
    assert between("1", "1").required_bump() is None
    assert between(None, "2").required_bump() is None  # built by hand, schemas not given


def test_every_schema_step_says_what_bump_it_needs() -> None:
    assert set(SCHEMA_BUMPS) == {version + 1 for version in MIGRATIONS}
    assert set(SCHEMA_BUMPS.values()) <= set(_ORDER)


def test_diff_accepts_versions_and_corpora() -> None:
    newest = icc.versions()[-1]
    a = icc.diff("1", icc.load(newest))  # "1": the newest 1.x
    b = icc.diff(icc.load(newest), newest)
    assert a == b
    assert a.old_version == a.new_version == newest
    assert not a
    assert icc.diff("1.0.0", "1.0") == icc.diff(icc.load("1.0.0"), icc.load("1.0.1"))


def test_the_diff_command(v2: Copy, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["diff", "1.0.0", str(v2.folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("corpus 1.0.0 -> 2.0.0\norganisations: 0 added, 1 removed, 1 changed\n")
    assert cli_main(["diff", "1.0.0", "8"]) == 1
    assert "no bundled corpus version matches '8'" in capsys.readouterr().err


# --- the release policy, over every pair of consecutive bundled versions -----------


def _pairs() -> list[tuple[str, str]]:
    versions = icc.versions()
    return list(itertools.pairwise(versions))


def _changelog_section(version: str) -> str:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    match = re.search(
        rf"^### Corpus {re.escape(version)}\b.*?(?=^##(?!#)|^### Corpus |\Z)",
        text,
        re.MULTILINE | re.DOTALL,
    )
    assert match, f"CHANGELOG.md has no '### Corpus {version}' section"
    return match.group(0)


@pytest.mark.parametrize("version", icc.versions())
def test_every_bundled_version_has_a_changelog_entry(version: str) -> None:
    _changelog_section(version)


@pytest.mark.parametrize(("old", "new"), _pairs())
def test_consecutive_versions_follow_the_policy(old: str, new: str) -> None:
    changes = icc.diff(old, new)
    required = changes.required_bump()
    actual = bump_of(old, new)
    assert actual is not None
    if required is not None:
        assert _ORDER[actual] >= _ORDER[required], (
            f"corpus {old} -> {new} is a {actual} release, but the changes need a {required} "
            f"one:\n{changes.summary()}"
        )
    before, after = icc.load(old), icc.load(new)
    if int(after.schema_version) > int(before.schema_version):  # a new field: at least MINOR
        assert _ORDER[actual] >= _ORDER["minor"], f"{old} -> {new} changes the schema"
    carried = {(t.kind, t.id) for t in after.tombstones}
    assert {(t.kind, t.id) for t in before.tombstones} <= carried, "tombstones are kept"
    for part in changes.parts():
        for record in part.removed:
            assert (part.kind, record.id) in carried, f"{record.id} was removed without a tombstone"
    section = _changelog_section(new)
    for part in changes.parts():
        for record_id in [r.id for r in part.removed] + [c.id for c in part.changed]:
            assert record_id in section, f"CHANGELOG entry for corpus {new} omits {record_id}"


# --- the build writes tombstones from corpus.toml ------------------------------------


def test_the_build_writes_tombstones_from_curation(
    curation_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (curation_copy / "corpus.toml").open("a", encoding="utf-8") as f:
        f.write(
            '\n[[tombstones]]\nkind = "organisation"\nid = "nuffield"\nremoved_in = "1.0.0"\n'
            'replaced_by = "nuffield-trust"\nnote = "a made-up duplicate"\n'
        )
    out = tmp_path / "out"
    argv = ["build", "--curation", str(curation_copy), "--seeds", str(ROOT / "seeds")]
    assert cli_main([*argv, "--out", str(out)]) == 0
    capsys.readouterr()
    corpus = icc.load_path(out / icc.CORPUS_VERSION)  # the curation's version
    assert corpus.tombstones == (
        icc.Tombstone(
            icc.RecordKind.ORGANISATION,
            "nuffield",
            "1.0.0",
            "nuffield-trust",
            "a made-up duplicate",
        ),
    )
    with pytest.raises(icc.RemovedRecordError, match="and replaced by 'nuffield-trust'"):
        corpus.organisation("nuffield")
    assert icc.diff(icc.CORPUS_VERSION, corpus).tombstones == corpus.tombstones
    assert not icc.diff(icc.CORPUS_VERSION, corpus)

    with (curation_copy / "corpus.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[tombstones]]\nkind = "person"\nid = "chris-ham"\nremoved_in = "1.0.0"\n')
    assert cli_main([*argv, "--out", str(tmp_path / "bad")]) == 1
    assert "person 'chris-ham' is tombstoned but still in people.json" in capsys.readouterr().err
    assert not (tmp_path / "bad").exists()
