"""Reading older JSON formats: one upgrade step per schema version.

The loader parses every resource of a corpus folder into plain JSON values,
then hands them to :func:`migrate`, which applies the upgrade steps from the
folder's schema version up to :data:`SCHEMA_VERSION`, and only then
structures them into records. So a package that writes schema *n* still
reads every bundled corpus written in schema 1 to *n*, and the record
classes only ever describe the newest format.

Schema 2 (corpus 1.1.0 on) adds four fields, each with a default: a quote's
``source`` and ``cue``, an organisation's ``well_known_names`` and a role's
``former``. :func:`_schema_1_to_2` writes those defaults into schema 1
resources, so that after migration every field of the current format is
present, as the format promises. The next change of format gets its own
step, registered as ``MIGRATIONS[2]``, with :data:`SCHEMA_VERSION` bumped,
the corpus version bump it needs in :data:`SCHEMA_BUMPS`, and the change
listed in ``docs/format.md``; the tests run every bundled corpus through the
chain.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = [
    "MIGRATIONS",
    "READABLE_SCHEMA_VERSIONS",
    "SCHEMA_BUMPS",
    "SCHEMA_VERSION",
    "RawCorpus",
    "migrate",
]

#: Resource name (``"quotes"``) -> its parsed JSON value.
RawCorpus = dict[str, Any]

#: The JSON format version this package writes (and the newest it reads).
SCHEMA_VERSION = 2


def _role_1_to_2(role: Any) -> Any:  # noqa: ANN401 - a raw JSON value
    if isinstance(role, dict) and "former" not in role:
        return {**role, "former": False}
    return role


def _schema_1_to_2(raw: RawCorpus) -> RawCorpus:
    """Add schema 2's fields, at their defaults, to schema 1 resources.

    A value that is not what schema 1 says (a record that is not an object, a
    ``roles`` that is not an array) is passed on as it is, for the strict
    converter to word the error.

    >>> out = _schema_1_to_2({"quotes": [{"id": "d/q1", "role": None}]})
    >>> out["quotes"]
    [{'id': 'd/q1', 'role': None, 'source': None, 'cue': None}]
    """
    out = dict(raw)

    def each(name: str, upgrade: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        records = raw.get(name)
        if isinstance(records, list):
            out[name] = [upgrade(r) if isinstance(r, dict) else r for r in records]

    def quote(record: dict[str, Any]) -> dict[str, Any]:
        new = {**record, "source": record.get("source"), "cue": record.get("cue")}
        if "role" in record:
            new["role"] = _role_1_to_2(record["role"])
        return new

    def organisation(record: dict[str, Any]) -> dict[str, Any]:
        return {**record, "well_known_names": record.get("well_known_names", [])}

    def person(record: dict[str, Any]) -> dict[str, Any]:
        roles = record.get("roles")
        if not isinstance(roles, list):
            return record
        return {**record, "roles": [_role_1_to_2(role) for role in roles]}

    each("quotes", quote)
    each("organisations", organisation)
    each("people", person)
    return out


#: Schema version *n* -> the step that turns raw resources of schema *n* into
#: raw resources of schema *n* + 1. Steps must not mutate their argument.
MIGRATIONS: Mapping[int, Callable[[RawCorpus], RawCorpus]] = {1: _schema_1_to_2}

#: Schema version *n* -> the smallest corpus version bump that a corpus moving
#: from schema *n* - 1 to *n* needs, by the data policy (``docs/versions.md``):
#: ``"minor"`` for a format that only adds (a new field, a new vocabulary
#: value), ``"major"`` for one that renames, removes or retypes a field.
#: Schema 2 adds four fields, each with a default.
SCHEMA_BUMPS: Mapping[int, str] = {2: "minor"}


def readable_schema_versions(
    current: int = SCHEMA_VERSION,
    steps: Mapping[int, Callable[[RawCorpus], RawCorpus]] = MIGRATIONS,
) -> frozenset[int]:
    """Return the schema versions from which an unbroken chain of steps reaches ``current``.

    >>> sorted(readable_schema_versions(3, {1: dict, 2: dict}))
    [1, 2, 3]
    >>> sorted(readable_schema_versions(3, {2: dict}))
    [2, 3]
    """
    readable = {current}
    version = current - 1
    while version in steps:
        readable.add(version)
        version -= 1
    return frozenset(readable)


#: Schema versions the loader can read.
READABLE_SCHEMA_VERSIONS = readable_schema_versions()


def migrate(
    raw: RawCorpus,
    schema_version: int,
    *,
    current: int = SCHEMA_VERSION,
    steps: Mapping[int, Callable[[RawCorpus], RawCorpus]] = MIGRATIONS,
) -> RawCorpus:
    """Upgrade raw resources written in ``schema_version`` to the ``current`` schema.

    Args:
        raw: Resource name -> parsed JSON, as read from a corpus folder.
        schema_version: The folder's ``schema_version``.
        current: The schema to reach (the package's own, unless testing).
        steps: The upgrade steps to use (the package's own, unless testing).

    Raises:
        ValueError: There is no chain of steps from ``schema_version`` to ``current``
            (the loader checks the version against the readable ones first).

    >>> migrate({"quotes": []}, 2) == {"quotes": []}
    True
    """
    if schema_version not in readable_schema_versions(current, steps):
        msg = f"no upgrade path from schema version {schema_version} to {current}"
        raise ValueError(msg)
    for version in range(schema_version, current):
        raw = steps[version](raw)
    return raw
