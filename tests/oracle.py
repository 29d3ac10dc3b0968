"""What the format forbids, worked out without the package's loader.

The fuzz tests damage a corpus folder and ask two questions: does the
loader refuse it, and should it? This module answers the second from the
written contract alone: ``docs/format.md`` and the JSON Schemas shipped in
``src/integrated_care_corpus/schema/``, read with ``json``, ``hashlib`` and
``jsonschema``. It shares no code with the loader, so a check switched off
in the package is still made here.

:func:`violations` lists every rule a folder breaks, each as a
:class:`Violation` naming its rule. An empty list does not mean the loader
must accept: the package checks more than the format states as rules (which
regions a page has, say), and those are left to the package's own tests.
"""

from __future__ import annotations

import functools
import hashlib
import json
import unicodedata
from collections.abc import Iterator
from typing import Any

import attrs
from jsonschema import Draft202012Validator, FormatChecker

from .conftest import ROOT

Json = Any
Files = dict[str, bytes]

SCHEMAS = ROOT / "src" / "integrated_care_corpus" / "schema"
MANIFEST = "manifest.json"
#: The schema versions this package reads (docs/format.md, "Schema versions").
KNOWN_SCHEMA_VERSIONS = frozenset({1, 2})


@attrs.frozen
class Violation:
    """One rule of the format that a corpus folder breaks.

    Attributes:
        rule: Which rule: ``checksum``, ``json``, ``schema:<keyword>`` (the
            JSON Schema keyword that fails: ``type``, ``pattern``, ...), ``surrogate``,
            ``duplicate-key``, ``count``, ``schema-version``, ``span``,
            ``source``, ``unique``, ``reference`` or ``order``.
        where: The file, and the record inside it.
        detail: What is wrong.
        path: Where in the file's JSON, ``/``-separated, for a schema verdict.
    """

    rule: str
    where: str
    detail: str
    path: str = ""


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name.removesuffix('.json')}.schema.json").read_bytes())
    return Draft202012Validator(schema, format_checker=FormatChecker())


_VALIDATORS: dict[str, Draft202012Validator] = {}


def _schema_errors(name: str, value: Json) -> list[Violation]:
    """The schema's verdicts, each as rule ``schema:<keyword>`` (``type``, ``pattern``...)."""
    validator = _VALIDATORS.get(name) or _VALIDATORS.setdefault(name, _validator(name))
    return [
        Violation(f"schema:{e.validator}", name, e.message, "/".join(map(str, e.absolute_path)))
        for e in validator.iter_errors(value)
    ]


def _strings(value: Json) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)


def _no_duplicate_keys(pairs: list[tuple[str, Json]]) -> dict[str, Json]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        raise _DuplicateKeyError(dupes)
    return dict(pairs)


class _DuplicateKeyError(ValueError):
    def __init__(self, keys: list[str]) -> None:
        super().__init__(f"duplicate keys {keys}")


def _parse(name: str, data: bytes, found: list[Violation]) -> Json | None:
    """Parse one file as the format says: UTF-8 JSON, valid Unicode, no key twice."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        found.append(Violation("json", name, f"not UTF-8: {exc}"))
        return None
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except _DuplicateKeyError as exc:
        found.append(Violation("duplicate-key", name, str(exc)))
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        found.append(Violation("json", name, f"not JSON: {exc}"))
        return None
    for string in _strings(value):
        if any(unicodedata.category(c) == "Cs" for c in string):
            found.append(Violation("surrogate", name, f"a lone surrogate in {string!r}"))
            break
    return value


@functools.lru_cache(maxsize=32)
def _resource(name: str, data: bytes) -> tuple[Json | None, tuple[Violation, ...]]:
    """Parse and validate one resource file (cached: most damage leaves most files alone)."""
    found: list[Violation] = []
    value = _parse(name, data, found)
    if value is not None:
        errors = _schema_errors(name, value)
        found += errors
        if errors:
            value = None
    return value, tuple(found)


def violations(files: Files) -> list[Violation]:
    """Return every rule of the format that the corpus folder ``files`` breaks."""
    found: list[Violation] = []
    if MANIFEST not in files:
        return [Violation("json", MANIFEST, "no manifest")]
    manifest = _parse(MANIFEST, files[MANIFEST], found)
    if manifest is None:
        return found
    errors = _schema_errors(MANIFEST, manifest)
    found += errors
    if errors:
        return found  # what the manifest lists cannot be trusted
    if manifest["schema_version"] not in KNOWN_SCHEMA_VERSIONS:
        found.append(Violation("schema-version", MANIFEST, str(manifest["schema_version"])))
        return found
    resources: dict[str, Json] = {}
    for name, entry in manifest["resources"].items():
        data = files.get(name)
        if data is None:
            found.append(Violation("json", name, "listed in the manifest but missing"))
            continue
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            found.append(Violation("checksum", name, "SHA-256 differs from the manifest's"))
            continue
        value, broken = _resource(name, data)
        found += broken
        if value is None:
            continue
        if len(value) != entry["count"]:
            found.append(Violation("count", name, f"{len(value)} records, not {entry['count']}"))
        resources[name.removesuffix(".json")] = value
    if set(resources) >= {"documents", "quotes", "comments", "mentions", "organisations", "people"}:
        found += _integrity(resources)
    return found


def _integrity(r: dict[str, list[dict[str, Json]]]) -> list[Violation]:
    """The cross-record rules of docs/format.md's "Conventions"."""
    found: list[Violation] = []
    ids = {name: [rec["id"] for rec in r[name]] for name in r if name != "tombstones"}
    for name, values in ids.items():
        if len(set(values)) != len(values):
            found.append(Violation("unique", f"{name}.json", "an id appears twice"))
    texts = {d["id"]: d["text"] for d in r["documents"]}
    known = {name: set(values) for name, values in ids.items()}

    def ref(name: str, record: dict[str, Json], field: str, target: str, value: Json) -> None:
        if value is not None and value not in known[target]:
            found.append(Violation("reference", f"{name}.json {record['id']}", f"{field}={value}"))

    def span(name: str, record_id: str, document_id: str, text: str, at: dict[str, int]) -> None:
        document = texts.get(document_id)
        if document is None:
            return  # a reference violation, found above
        start, end = at["start"], at["end"]
        if not (0 <= start <= end <= len(document)) or document[start:end] != text:
            found.append(Violation("span", f"{name}.json {record_id}", f"{start}:{end}"))

    for d in r["documents"]:
        digest = hashlib.sha256(d["text"].encode("utf-8", "surrogatepass")).hexdigest()
        if digest != d["source"]["sha256"]:
            found.append(Violation("source", f"documents.json {d['id']}", "text vs sha256"))
        ref("documents", d, "publisher", "organisations", d["publisher"].get("organisation_id"))
        for author in d.get("authors", ()):
            ref("documents", d, "authors", "people", author)
    for name in ("quotes", "comments", "mentions"):
        for rec in r[name]:
            ref(name, rec, "document_id", "documents", rec["document_id"])
            ref(name, rec, "person_id", "people", rec.get("person_id"))
            for org in rec.get("organisation_ids", ()):
                ref(name, rec, "organisation_ids", "organisations", org)
            ref(name, rec, "organisation_id", "organisations", rec.get("organisation_id"))
            ref(name, rec, "continues", "quotes", rec.get("continues"))
            ref(name, rec, "in_reply_to", "comments", rec.get("in_reply_to"))
            span(name, rec["id"], rec["document_id"], rec["text"], rec["span"])
            if name == "quotes" and rec.get("role") is not None:
                _role(rec, rec["role"], ref, span, name)
    for person in r["people"]:
        for role in person.get("roles", ()):
            _role(person, role, ref, span, "people")
    found += _order(r)
    return found


def _role(record: Json, role: Json, ref: Any, span: Any, name: str) -> None:
    ref(name, record, "role.document_id", "documents", role["document_id"])
    for org in role.get("organisation_ids", ()):
        ref(name, record, "role.organisation_ids", "organisations", org)
    span(name, record["id"], role["document_id"], role["text"], role["span"])


def _order(r: dict[str, list[dict[str, Json]]]) -> list[Violation]:
    """Documents by source file; quotes, comments, mentions by document then position."""
    found = []
    files = [d["source"]["file"] for d in r["documents"]]
    if files != sorted(files):
        found.append(Violation("order", "documents.json", "not by source file"))
    rank = {d["id"]: i for i, d in enumerate(r["documents"])}
    for name, key in (("quotes", "span"), ("comments", "position"), ("mentions", "span")):
        keys = [
            (rank.get(rec["document_id"], -1), rec[key]["start"] if key == "span" else rec[key])
            for rec in r[name]
        ]
        if keys != sorted(keys):
            found.append(Violation("order", f"{name}.json", f"not by document, then {key}"))
    for name in ("organisations", "people"):
        ids = [rec["id"] for rec in r[name]]
        if ids != sorted(ids):
            found.append(Violation("order", f"{name}.json", "not by id"))
    return found
