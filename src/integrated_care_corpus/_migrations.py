"""Reading older JSON formats: one upgrade step per schema version.

The loader parses every resource of a corpus folder into plain JSON values,
then hands them to :func:`migrate`, which applies the upgrade steps from the
folder's schema version up to :data:`SCHEMA_VERSION`, and only then
structures them into records. So a package that writes schema *n* still
reads every bundled corpus written in schema 1 to *n*, and the record
classes only ever describe the newest format.

Schema 1 is the first and the current format, so there is no step yet. When
schema 2 comes, write ``_schema_1_to_2`` (a pure function over the raw
resources), register it as ``MIGRATIONS[1]``, bump :data:`SCHEMA_VERSION`,
and list the change in ``docs/format.md``; the tests run every bundled corpus
through the chain.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["MIGRATIONS", "READABLE_SCHEMA_VERSIONS", "SCHEMA_VERSION", "RawCorpus", "migrate"]

#: Resource name (``"quotes"``) -> its parsed JSON value.
RawCorpus = dict[str, Any]

#: The JSON format version this package writes (and the newest it reads).
SCHEMA_VERSION = 1

#: Schema version *n* -> the step that turns raw resources of schema *n* into
#: raw resources of schema *n* + 1. Steps must not mutate their argument.
MIGRATIONS: Mapping[int, Callable[[RawCorpus], RawCorpus]] = {}


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

    >>> migrate({"quotes": []}, 1) == {"quotes": []}
    True
    """
    if schema_version not in readable_schema_versions(current, steps):
        msg = f"no upgrade path from schema version {schema_version} to {current}"
        raise ValueError(msg)
    for version in range(schema_version, current):
        raw = steps[version](raw)
    return raw
