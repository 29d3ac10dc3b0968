"""Fuzzing the loader: damaged corpora fail with the package's own errors, never a crash.

Every test starts from the bundled corpus, damages it one way (bytes cut or
overwritten, fields dropped, duplicated, renamed or given another type, spans
shifted, ids swapped), and loads it with :func:`icc.load_path`. Where the
damage is meant for a deeper layer than the checksum, the manifest is fixed
to match, so the damaged content itself is what gets checked. The load
either succeeds (the damage was harmless, such as a changed note) or raises a
:class:`icc.CorpusError` whose message names the folder; any other exception
fails the test.
"""

from __future__ import annotations

import copy
import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import integrated_care_corpus as icc

from .conftest import DATA

Json = Any
Files = dict[str, bytes]

_FOLDER = DATA / "1.0.0"
MANIFEST = "manifest.json"
PRISTINE: Files = {p.name: p.read_bytes() for p in sorted(_FOLDER.iterdir()) if p.is_file()}
RESOURCES = sorted(json.loads(PRISTINE[MANIFEST])["resources"])
PARSED: dict[str, Json] = {name: json.loads(PRISTINE[name]) for name in RESOURCES}

#: The profile's settings (see conftest.py), with a fifth more examples: damage is varied.
FUZZ = settings(max_examples=settings().max_examples * 6 // 5)

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


def _load(files: Files) -> None:
    """Load ``files`` as a corpus folder: it loads, or fails with a clear CorpusError."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in files.items():
            Path(tmp, name).write_bytes(data)
        error: icc.CorpusError | None = None
        try:
            icc.load_path(tmp)
        except icc.CorpusError as exc:
            error = exc
    if error is not None:
        message = str(error)
        assert message.strip(), f"{type(error).__name__} with an empty message"
        assert message.startswith(tmp), message
        # Raised from the package's own code: no chained cattrs or json traceback.
        assert error.__cause__ is None, repr(error.__cause__)
        assert error.__context__ is None or error.__suppress_context__, repr(error.__context__)


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
