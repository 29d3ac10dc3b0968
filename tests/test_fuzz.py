"""Fuzzing the loader against an oracle: what the format forbids never loads, on any path.

Every test starts from the bundled corpus, damages it one way (bytes cut or
overwritten, fields dropped, duplicated, renamed or given another type, spans
shifted, ids swapped), and loads it with :func:`icc.load_path` on every load
path: msgspec, orjson with the generated builders, the standard library's
``json`` with them, and the strict converter alone. Where the damage is meant
for a deeper layer than the checksum, the manifest is fixed to match, so the
damaged content itself is what gets checked. Then:

- every path gives the same verdict: all load, or all refuse with the same
  error class and the same first line of message;
- a refusal is a :class:`icc.CorpusError` naming the folder, raised from the
  package's own code (any other exception fails the test);
- where the oracle (``tests/oracle.py``: ``docs/format.md`` and the shipped
  JSON Schemas, read without the loader) finds a rule broken, the loader
  refuses; where the paths load, their records are equal, type for type.
"""

from __future__ import annotations

import copy
import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import integrated_care_corpus as icc

from . import oracle
from .conftest import DATA, LOAD_PATHS, load_through, shape

Json = Any
Files = dict[str, bytes]

_FOLDER = DATA / "1.0.0"
MANIFEST = "manifest.json"
PRISTINE: Files = {p.name: p.read_bytes() for p in sorted(_FOLDER.iterdir()) if p.is_file()}
RESOURCES = sorted(json.loads(PRISTINE[MANIFEST])["resources"])
PARSED: dict[str, Json] = {name: json.loads(PRISTINE[name]) for name in RESOURCES}

#: The profile's settings (see conftest.py); each example loads on every path.
FUZZ = settings()

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["", "\ud800", "1", "stated", "2012-02-30", "kings-fund"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


def _dump(value: Json) -> bytes:
    # ensure_ascii: a lone surrogate drawn above becomes a valid "\\ud800" escape.
    return (json.dumps(value, indent=1) + "\n").encode("ascii")


def _fix_manifest(files: Files, name: str) -> None:
    """Make the manifest's checksum (and count, if it can) match resource ``name``."""
    manifest = json.loads(files[MANIFEST])
    entry = manifest["resources"][name]
    entry["sha256"] = hashlib.sha256(files[name]).hexdigest()
    try:
        value = json.loads(files[name])
    except ValueError:
        value = None
    if isinstance(value, list):
        entry["count"] = len(value)
    files[MANIFEST] = _dump(manifest)


def _with(resources: dict[str, Json]) -> Files:
    """The pristine corpus with these resources replaced, the manifest fixed to match."""
    files = dict(PRISTINE)
    for name, value in resources.items():
        files[name] = _dump(value)
        _fix_manifest(files, name)
    return files


#: The load paths, fastest first; ``load_path`` picks the first one installed.
PATHS = LOAD_PATHS


def _pending(violation: oracle.Violation) -> str | None:
    """Why the loader does not enforce this rule of the format yet, or ``None`` if it does.

    Each reason has a strict xfail test below that passes (and so fails the
    suite) the day the loader enforces the rule; then its line here goes.
    """
    del violation  # every rule the oracle knows is enforced
    return None


def _records(corpus: icc.Corpus) -> object:
    parts = ("documents", "quotes", "comments", "organisations", "people", "mentions")
    return (
        corpus.version,
        shape(tuple(getattr(corpus, part) for part in parts)),
        shape(corpus.tombstones),
    )


def _outcome(folder: str) -> tuple[str, object]:
    """Load ``folder`` once: ``("loaded", records)`` or ``(error class, first line)``."""
    error: icc.CorpusError | None = None
    try:
        corpus = icc.load_path(folder)
    except icc.CorpusError as exc:
        error = exc
    if error is None:
        return "loaded", _records(corpus)
    message = str(error)
    assert message.strip(), f"{type(error).__name__} with an empty message"
    assert message.startswith(folder), message
    # Raised from the package's own code: no chained cattrs or json traceback.
    assert error.__cause__ is None, repr(error.__cause__)
    assert error.__context__ is None or error.__suppress_context__, repr(error.__context__)
    return type(error).__name__, message.splitlines()[0]


def _verdicts(files: Files) -> dict[str, tuple[str, object]]:
    """The outcome of loading ``files`` as a corpus folder, on every load path."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in files.items():
            Path(tmp, name).write_bytes(data)
        outcomes = {}
        for path in PATHS:
            with load_through(path):
                outcomes[path] = _outcome(tmp)
    return outcomes


def _load(files: Files) -> None:
    """Load ``files`` on every path: one verdict, and the oracle's where it has one."""
    broken = oracle.violations(files)
    # A damage that breaks only rules the loader does not enforce yet says nothing here.
    assume(not broken or any(_pending(v) is None for v in broken))
    outcomes = _verdicts(files)
    first = outcomes[PATHS[0]]
    for path in PATHS[1:]:
        assert outcomes[path] == first, f"{path} differs from {PATHS[0]}"
    if broken:
        assert first[0] != "loaded", f"loaded, though the format forbids it: {broken[0]}"


def test_the_pristine_corpus_loads_alike_on_every_path() -> None:
    assert oracle.violations(PRISTINE) == []
    outcomes = _verdicts(PRISTINE)
    assert {kind for kind, _ in outcomes.values()} == {"loaded"}
    assert len({repr(records) for _, records in outcomes.values()}) == 1


def _paths(value: Json, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every path to a value inside ``value`` (not the root itself)."""
    if isinstance(value, dict):
        items: list[tuple[str | int, Json]] = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    else:
        return []
    out = []
    for key, child in items:
        out.append((*prefix, key))
        out.extend(_paths(child, (*prefix, key)))
    return out


def _at(root: Json, path: tuple[str | int, ...]) -> Json:
    for key in path:
        root = root[key]
    return root


def _parent(root: Json, path: tuple[str | int, ...]) -> Json:
    return _at(root, path[:-1])


@st.composite
def resource_and_path(draw: st.DrawFn) -> tuple[str, Json, tuple[str | int, ...]]:
    """A deep copy of a resource and the path of one value inside one of its records."""
    name = draw(st.sampled_from(RESOURCES))
    data = copy.deepcopy(PARSED[name])
    index = draw(st.integers(min_value=0, max_value=len(data) - 1))
    paths = _paths(data[index], (index,))
    path = draw(st.sampled_from(paths)) if paths else (index,)
    return name, data, path


@given(
    name=st.sampled_from([*RESOURCES, MANIFEST]),
    data=st.data(),
    how=st.sampled_from(["truncate", "overwrite", "insert"]),
    fix_manifest=st.booleans(),
)
@FUZZ
def test_damaged_bytes(name: str, data: st.DataObject, how: str, *, fix_manifest: bool) -> None:
    files = dict(PRISTINE)
    raw = files[name]
    at = data.draw(st.integers(min_value=0, max_value=len(raw) - 1), label="at")
    if how == "truncate":
        raw = raw[:at]
    else:
        chunk = data.draw(st.binary(min_size=1, max_size=4), label="bytes")
        raw = raw[:at] + chunk + raw[at + (len(chunk) if how == "overwrite" else 0) :]
    files[name] = raw
    if fix_manifest and name != MANIFEST:
        _fix_manifest(files, name)
    _load(files)


@given(target=resource_and_path(), data=st.data(), how=st.sampled_from(["drop", "duplicate"]))
@FUZZ
def test_dropped_or_duplicated_fields(
    target: tuple[str, Json, tuple[str | int, ...]], data: st.DataObject, how: str
) -> None:
    name, value, path = target
    parent, key = _parent(value, path), path[-1]
    if how == "drop":
        del parent[key]
    elif isinstance(parent, list):
        parent.insert(int(key), copy.deepcopy(parent[int(key)]))
    else:  # copy the value over a sibling field, or under a new name
        other = data.draw(st.sampled_from([*sorted(parent), f"{key}_copy"]), label="to")
        parent[other] = copy.deepcopy(parent[key])
    _load(_with({name: value}))


@given(target=resource_and_path(), replacement=json_values, rename=st.text(max_size=10))
@FUZZ
def test_retyped_or_renamed_fields(
    target: tuple[str, Json, tuple[str | int, ...]], replacement: Json, rename: str
) -> None:
    name, value, path = target
    parent, key = _parent(value, path), path[-1]
    if isinstance(parent, dict) and rename and rename not in parent:
        parent[rename] = parent.pop(key)  # an unknown field, and a missing one
    parent[key if isinstance(parent, list) or key in parent else rename] = replacement
    _load(_with({name: value}))


def _spans(value: Json) -> list[tuple[str | int, ...]]:
    return [
        path
        for path in _paths(value)
        if isinstance(node := _at(value, path), dict) and set(node) == {"start", "end"}
    ]


@given(
    name=st.sampled_from(RESOURCES),
    data=st.data(),
    start=st.integers(min_value=-60, max_value=60),
    end=st.integers(min_value=-60, max_value=60),
)
@FUZZ
def test_shifted_spans(name: str, data: st.DataObject, start: int, end: int) -> None:
    value = copy.deepcopy(PARSED[name])
    spans = _spans(value)
    if not spans:  # organisations have none
        return
    span = _at(value, data.draw(st.sampled_from(spans), label="span"))
    span["start"] += start
    span["end"] += end
    _load(_with({name: value}))


_REFERENCE_FIELDS = {
    "id",
    "document_id",
    "person_id",
    "organisation_id",
    "organisation_ids",
    "continues",
    "in_reply_to",
    "authors",
}
_ALL_IDS = sorted({record["id"] for name in RESOURCES for record in PARSED[name]})


@given(name=st.sampled_from(RESOURCES), data=st.data(), swap=st.booleans())
@FUZZ
def test_swapped_ids(name: str, data: st.DataObject, *, swap: bool) -> None:
    value = copy.deepcopy(PARSED[name])
    if swap and len(value) > 1:  # two records of one resource trade ids
        i, j = data.draw(
            st.lists(st.integers(0, len(value) - 1), min_size=2, max_size=2, unique=True),
            label="records",
        )
        value[i]["id"], value[j]["id"] = value[j]["id"], value[i]["id"]
    else:  # an id or a reference takes the id of some other record, of any kind
        refs = [
            p for p in _paths(value) if any(k in _REFERENCE_FIELDS for k in p if isinstance(k, str))
        ]
        path = data.draw(st.sampled_from(refs), label="field")
        parent = _parent(value, path)
        if isinstance(parent[path[-1]], (str, type(None))):
            parent[path[-1]] = data.draw(st.sampled_from(_ALL_IDS), label="id")
    _load(_with({name: value}))


@given(target=st.sampled_from(_paths(json.loads(PRISTINE[MANIFEST]))), replacement=json_values)
@FUZZ
def test_damaged_manifest(target: tuple[str | int, ...], replacement: Json) -> None:
    manifest = json.loads(PRISTINE[MANIFEST])
    parent = _parent(manifest, target)
    if replacement is None and isinstance(parent, dict):
        del parent[target[-1]]
    else:
        parent[target[-1]] = replacement
    files = dict(PRISTINE)
    files[MANIFEST] = _dump(manifest)
    _load(files)


def _refused_everywhere(files: Files) -> None:
    broken = oracle.violations(files)
    assert broken
    outcomes = _verdicts(files)
    assert len(set(map(repr, outcomes.values()))) == 1, outcomes
    assert all(kind != "loaded" for kind, _ in outcomes.values()), broken


def test_rule_manifest_seeds_follow_the_schema() -> None:
    manifest = json.loads(PRISTINE[MANIFEST])
    manifest["seeds"] = dict.fromkeys(manifest["seeds"], "not-a-sha")
    _refused_everywhere({**PRISTINE, MANIFEST: _dump(manifest)})


def test_rule_no_lone_surrogates() -> None:
    organisations = copy.deepcopy(PARSED["organisations.json"])
    organisations[0]["note"] = "\udfff"
    _refused_everywhere(_with({"organisations.json": organisations}))


def test_rule_no_duplicate_keys() -> None:
    files = dict(PRISTINE)
    files["quotes.json"] = files["quotes.json"].replace(b'"start": ', b'"start": -5, "start": ', 1)
    _fix_manifest(files, "quotes.json")
    _refused_everywhere(files)


# --- nesting, on the current schema ------------------------------------------------------
#
# The corpus above is 1.0.0, of schema 1, which msgspec never decodes (it builds
# records of the current schema only); these examples start from the newest
# corpus, so that the msgspec path meets them too.

_NEWEST = DATA / icc.versions()[-1]
NEWEST: Files = {p.name: p.read_bytes() for p in sorted(_NEWEST.iterdir()) if p.is_file()}
NEWEST_RESOURCES = sorted(json.loads(NEWEST[MANIFEST])["resources"])
NEWEST_PARSED: dict[str, Json] = {name: json.loads(NEWEST[name]) for name in NEWEST_RESOURCES}
_HOLE = "\x00nested\x00"


def test_the_newest_corpus_breaks_no_rule_of_the_oracle() -> None:
    assert oracle.violations(NEWEST) == []


@given(
    data=st.data(),
    # orjson writes 254 levels and reads 1,024; the standard library reads about 990.
    depth=st.sampled_from([200, 254, 255, 600, 1023, 1024, 1025, 100_000]),
    opener=st.sampled_from([b"[", b'{"a": ']),
)
@FUZZ
def test_deeply_nested_values(data: st.DataObject, depth: int, opener: bytes) -> None:
    name = data.draw(st.sampled_from(NEWEST_RESOURCES))
    records = copy.deepcopy(NEWEST_PARSED[name])
    index = data.draw(st.integers(min_value=0, max_value=len(records) - 1))
    path = data.draw(st.sampled_from(_paths(records[index], (index,))))
    _parent(records, path)[path[-1]] = _HOLE
    closer = b"]" if opener == b"[" else b"}"
    nested = opener * depth + (b"1" if opener != b"[" else b"") + closer * depth
    files = dict(NEWEST)
    files[name] = _dump(records).replace(json.dumps(_HOLE).encode(), nested, 1)
    manifest = json.loads(files[MANIFEST])
    manifest["resources"][name]["sha256"] = hashlib.sha256(files[name]).hexdigest()
    files[MANIFEST] = _dump(manifest)  # the count is unchanged: one value was replaced
    outcomes = _verdicts(files)
    first = outcomes[PATHS[0]]
    for load_path in PATHS[1:]:
        assert outcomes[load_path] == first, f"{load_path} differs from {PATHS[0]}"
    assert first[0] != "loaded", "a value nested this deep fits no field, yet it loaded"
