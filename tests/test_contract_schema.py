"""The JSON Schemas are the contract: whatever a shipped schema rejects, the loader rejects.

A differential test. Hypothesis damages one value of one record (or of the
manifest) in a copy of the bundled corpus, the manifest's checksums and
counts recomputed; ``jsonschema`` (draft 2020-12, with its format checker)
gives its verdict on the damaged file, and the loader, on each of the four
parse paths, gives its own. Wherever the schema says no, the loader must
too; and where the loader refuses a file's *format* (``CorpusFormatError``:
a wrong type, an unknown or missing field, a malformed value), the schema
must have said no as well, so that the schemas are the whole single-value
contract, but for three things no JSON Schema can say: a lone surrogate (to
a validator, just a string), ``1.0`` where an integer is wanted (draft
2020-12 counts it as one; the format wants an integer literal), and a span
that ends before it starts (a comparison of two fields). The loader
may refuse more for what no schema can say: spans that do not match their
text, dangling references, record order.

The schemas' patterns are ECMA-262 regular expressions, where ``$`` is the
end of the input; Python's ``re.search``, which jsonschema uses, also lets
``$`` match before a final line break, so the validator below reads
patterns as the standard says.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

import integrated_care_corpus as icc
from integrated_care_corpus._rules import has_lone_surrogate

from .conftest import DATA, LOAD_PATHS, load_through

SCHEMA_DIR = Path(icc.__file__).parent / "schema"
NEWEST = DATA / icc.versions()[-1]
RESOURCES = ("organisations", "people", "documents", "quotes", "comments", "mentions")


@pytest.fixture(autouse=True, params=LOAD_PATHS)
def parse_path(request: pytest.FixtureRequest) -> Iterator[str]:
    """Load on one of the four paths."""
    with load_through(request.param):
        yield str(request.param)


def _ecma_pattern(
    validator: Any,
    pattern: str,
    instance: object,
    schema: object,
) -> Iterator[jsonschema.ValidationError]:
    del validator, schema
    ecma = pattern.removesuffix("$") + r"\Z" if pattern.endswith("$") else pattern
    if isinstance(instance, str) and not re.search(ecma, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"pattern": _ecma_pattern}
)


def _schema_accepts(name: str, instance: object) -> bool:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_bytes())
    validator = _Validator(schema, format_checker=FormatChecker())
    return next(iter(validator.iter_errors(instance)), None) is None


# --- damage ------------------------------------------------------------------------

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 2**53 - 1, 2**53, 2**63, 1.5, -0.0]),
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "2012-01-05",
            "2012-W01-4",
            "20120105",
            "2012-02-30",
            "1.0.1",
            "١.٠.١",
            "1.0.1\n",
            "GB",
            "gb",
            "stated",
            "inferred",
            "a" * 64,
            "0" * 64,
            "x\udfff",
            "a/../b",
            "ok-id",
            "bad id",
        ]
    ),
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a parsed record."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _set(record: Any, path: tuple[Any, ...], value: Any) -> None:
    target = record
    for step in path[:-1]:
        target = target[step]
    if value is _DELETE and isinstance(target, dict):
        del target[path[-1]]
    elif value is _DELETE:
        target.pop(path[-1])
    else:
        target[path[-1]] = value


_DELETE = object()


#: One damage: resource, record index, path in the record, how, and the value (or key).
Damage = tuple[str, int, tuple[Any, ...], str, Any]


@st.composite
def damage(draw: st.DrawFn) -> Damage:
    """Where and how to damage one value: replace it, delete it, or add a key beside it.

    Small on purpose: Hypothesis shows it when a case fails, and the records are large.
    """
    name = draw(st.sampled_from(RESOURCES))
    records = _RECORDS[name]
    index = draw(st.integers(0, len(records) - 1))
    path = draw(st.sampled_from(_paths(records[index])))
    how = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add"]))
    value = draw(st.sampled_from(["colour", "note2", "Id"])) if how == "add" else None
    return name, index, path, how, (value, draw(_values))


_RECORDS = {name: json.loads((NEWEST / f"{name}.json").read_bytes()) for name in RESOURCES}


def _apply(damage: Damage) -> tuple[str, Any]:
    """Return the resource name and its records with the damage done."""
    name, index, path, how, (key, value) = damage
    records = json.loads(json.dumps(_RECORDS[name]))
    record = records[index]
    if how == "add":
        target = record
        for step in path[:-1]:
            target = target[step]
        if isinstance(target, dict):
            target[key] = value
        else:
            target.append(value)
    else:
        _set(record, path, _DELETE if how == "delete" else value)
    return name, records


def _write(folder: Path, name: str, data: Any) -> None:
    raw = json.dumps(data, ensure_ascii=True, indent=1).encode("ascii")
    (folder / name).write_bytes(raw)
    manifest = json.loads((folder / "manifest.json").read_bytes())
    if name != "manifest.json":
        manifest["resources"][name]["sha256"] = hashlib.sha256(raw).hexdigest()
        with contextlib.suppress(TypeError):
            manifest["resources"][name]["count"] = len(data)
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), "utf-8")


def _loader_verdict(folder: Path) -> icc.CorpusError | None:
    try:
        icc.load_path(folder)
    except icc.CorpusError as exc:
        return exc
    return None


def _agree(name: str, instance: Any, folder: Path) -> None:
    schema_ok = _schema_accepts(name, instance)
    refused = _loader_verdict(folder)
    if not schema_ok:
        assert refused is not None, f"the schema refuses {name}.json, the loader loads it"
    if isinstance(refused, icc.CorpusFormatError) and not _beyond_schemas(instance):
        assert not schema_ok, f"the loader refuses a format the schema allows: {refused}"


def _beyond_schemas(value: Any) -> bool:
    """Say whether ``value`` holds what the loader refuses and no JSON Schema can say.

    A lone surrogate is a string to a schema validator; draft 2020-12
    counts ``1.0`` as an integer, where the format wants an integer literal;
    and a span whose end is before its start compares two fields, which no
    schema keyword does.
    """
    if (
        isinstance(value, dict)
        and isinstance(value.get("start"), int)
        and isinstance(value.get("end"), int)
        and value["start"] > value["end"]
    ):
        return True
    if isinstance(value, str):
        return has_lone_surrogate(value)
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, dict):
        return any(_beyond_schemas(k) or _beyond_schemas(v) for k, v in value.items())
    if isinstance(value, list):
        return any(map(_beyond_schemas, value))
    return False


@given(damage())
def test_the_loader_refuses_what_the_schema_refuses(where: Damage) -> None:
    name, records = _apply(where)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / NEWEST.name
        shutil.copytree(NEWEST, folder)
        _write(folder, f"{name}.json", records)
        _agree(name, records, folder)


_MANIFEST_FIELDS = st.sampled_from(
    [
        ("corpus_version",),
        ("schema_version",),
        ("seeds",),
        ("resources", "people.json", "count"),
        ("resources", "people.json", "sha256"),
        ("resources", "people.json", "size"),
    ]
)


@given(_MANIFEST_FIELDS, _values | st.just(_DELETE))
def test_the_loader_refuses_the_manifests_the_schema_refuses(
    path: tuple[str, ...],
    value: Any,
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / NEWEST.name
        shutil.copytree(NEWEST, folder)
        manifest = json.loads((folder / "manifest.json").read_bytes())
        if path[-1] == "size" and value is _DELETE:
            return  # a manifest without sizes is the released form
        if path == ("resources", "people.json", "sha256") and value is _DELETE:
            value = None
        _set(manifest, path, value)
        if path == ("seeds",) and isinstance(value, dict):
            manifest["seeds"] = {
                **json.loads((NEWEST / "manifest.json").read_bytes())["seeds"],
                **value,
            }
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), "utf-8")
        _agree("manifest", manifest, folder)


def test_the_ecma_reading_of_patterns() -> None:
    # The one difference the validator corrects: Python's "$" also matches before "\n".
    assert re.search("^[0-9]$", "1\n")
    assert list(_ecma_pattern(None, "^[0-9]$", "1\n", None))
    assert not list(_ecma_pattern(None, "^[0-9]$", "1", None))
