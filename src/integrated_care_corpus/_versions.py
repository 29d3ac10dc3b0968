"""Released corpus versions: the lock file, its checks, and the version rule.

``data/versions.lock.json`` records, for every released corpus version, the
SHA-256 of its manifest and of each of its resources, the schema version it
is written in, and the package release that first bundled it. A released
version never changes and is never dropped: :func:`check_lock` says so for
every entry, and :func:`verify_manifest` (run by :func:`load`, one small
hash) refuses a bundled version whose manifest differs from its lock entry.
Since the manifest holds every resource's SHA-256, which the loader checks,
the lock pins every byte.

A bundled version without a lock entry is one being prepared: it loads, but
the test suite fails until ``integrated-care-corpus lock VERSION`` records it.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._errors import CorpusFormatError, CorpusIntegrityError
from ._files import data_root, sha256_hex
from ._resources import MANIFEST, SHA256, VERSION, version_key

if TYPE_CHECKING:
    from pathlib import Path

    from ._files import Traversable

__all__ = [
    "LOCK_FILE",
    "check_lock",
    "check_version_rule",
    "lock_entry",
    "read_lock",
    "verify_manifest",
]

LOCK_FILE = "versions.lock.json"
_LOCK_ABOUT = (
    "SHA-256 of every released corpus version: a released version never changes "
    "and stays bundled. Add an entry with `integrated-care-corpus lock VERSION`; "
    "never edit one. See docs/versions.md."
)


_sha256 = sha256_hex


def _parse_lock(data: bytes, where: str) -> dict[str, dict[str, Any]]:
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        msg = f"{where}: not a valid lock file: {exc}"
        raise CorpusFormatError(msg) from None
    entries = raw.get("versions") if isinstance(raw, dict) else None
    if not isinstance(entries, dict):
        msg = f"{where}: expected an object with a 'versions' object"
        raise CorpusFormatError(msg)
    for version, entry in entries.items():
        if (
            not VERSION.match(version)
            or not isinstance(entry, dict)
            or set(entry) != {"package", "schema_version", "manifest_sha256", "resources"}
            or not isinstance(entry["package"], str)
            or not VERSION.match(entry["package"])
            or type(entry["schema_version"]) is not int
            or not isinstance(entry["manifest_sha256"], str)
            or not SHA256.match(entry["manifest_sha256"])
            or not isinstance(entry["resources"], dict)
            or not all(isinstance(v, str) and SHA256.match(v) for v in entry["resources"].values())
        ):
            msg = (
                f"{where}: entry {version!r} must be MAJOR.MINOR.PATCH -> an object with "
                "'package' (MAJOR.MINOR.PATCH), 'schema_version' (integer), "
                "'manifest_sha256' and 'resources' (file name -> SHA-256)"
            )
            raise CorpusFormatError(msg)
    return entries


def read_lock(root: Traversable | None = None) -> dict[str, dict[str, Any]]:
    """Read the lock file: corpus version -> its entry (empty if there is no file).

    Args:
        root: The data folder holding the versions and the lock (the bundled
            one by default).
    """
    if root is None:
        return _bundled_lock()
    entry = root.joinpath(LOCK_FILE)
    if not entry.is_file():
        return {}
    return _parse_lock(entry.read_bytes(), f"data/{LOCK_FILE}")


@functools.cache
def _bundled_lock() -> dict[str, dict[str, Any]]:
    """Read the installed package's lock: without it no released version can be checked.

    Raises:
        CorpusIntegrityError: The lock is missing or malformed (a broken install).
    """
    root = data_root()
    where = f"data/{LOCK_FILE}"
    try:
        data = root.joinpath(LOCK_FILE).read_bytes()
        return _parse_lock(data, where)
    except (OSError, CorpusFormatError) as exc:
        detail = str(exc) if isinstance(exc, CorpusFormatError) else f"{where}: missing"
        msg = (
            f"{detail}; the package's lock of released corpus versions is needed to "
            "check them (a broken install: reinstall integrated-care-corpus)"
        )
        raise CorpusIntegrityError(msg) from None


def verify_manifest(folder: Traversable, version: str, label: str) -> None:
    """Refuse a released version whose manifest is not the one locked.

    One hash of a small file: the loader then checks every resource against
    the manifest, so this pins every byte of a released version.

    Raises:
        CorpusIntegrityError: The manifest differs from the lock entry.
    """
    entry = _bundled_lock().get(version)
    if entry is None:
        return  # being prepared: the test suite insists on an entry before release
    manifest = folder.joinpath(MANIFEST)
    digest = _sha256(manifest.read_bytes()) if manifest.is_file() else "(missing)"
    if digest != entry["manifest_sha256"]:
        msg = (
            f"{label}/{MANIFEST}: SHA-256 {digest} differs from {entry['manifest_sha256']} "
            f"in data/{LOCK_FILE}; corpus {version} was released and must never change "
            "(release a change as a new corpus version)"
        )
        raise CorpusIntegrityError(msg)


def lock_entry(folder: Traversable, package: str) -> dict[str, Any]:
    """Return the lock entry for a corpus folder, first bundled by ``package``.

    The resources are the ones the folder's manifest lists, hashed afresh.
    """
    try:
        manifest_bytes = folder.joinpath(MANIFEST).read_bytes()
        manifest = json.loads(manifest_bytes)
        resources = {
            name: _sha256(folder.joinpath(name).read_bytes()) for name in manifest["resources"]
        }
        schema_version = manifest["schema_version"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        msg = f"{folder}/{MANIFEST}: not a readable corpus manifest and resources ({exc!r:.80})"
        raise CorpusFormatError(msg) from None
    return {
        "package": package,
        "schema_version": schema_version,
        "manifest_sha256": _sha256(manifest_bytes),
        "resources": resources,
    }


def check_lock(root: Traversable, lock: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Compare every locked version with the bundled files; return the problems.

    A locked version must be bundled, with the very bytes locked; a bundled
    version must be locked (it may not be released otherwise).
    """
    problems = []
    # As versions() does, folders whose names are not versions are no versions.
    bundled = {
        entry.name
        for entry in root.iterdir()
        if VERSION.match(entry.name) and entry.is_dir() and entry.joinpath(MANIFEST).is_file()
    }
    for version in sorted(lock, key=version_key):
        entry = lock[version]
        folder = root.joinpath(version)
        if version not in bundled:
            problems.append(
                f"data/{version}: corpus {version} is in {LOCK_FILE} but not bundled; "
                "a released corpus version must stay in every later package"
            )
            continue
        locked = {MANIFEST: entry["manifest_sha256"], **entry["resources"]}
        try:  # one that is not JSON differs from the locked one, which the digest says
            manifest = json.loads(folder.joinpath(MANIFEST).read_bytes())
        except (UnicodeDecodeError, ValueError, RecursionError):
            manifest = None
        if not isinstance(manifest, dict):
            manifest = {}
        listed = manifest.get("resources")
        names = listed if isinstance(listed, (dict, list)) else ()
        present = {MANIFEST, *(name for name in names if isinstance(name, str))}
        for name in sorted(present | set(locked)):
            path = f"data/{version}/{name}"
            if name not in locked:
                problems.append(
                    f"{path}: not in the lock entry for corpus {version}; "
                    "a released version gains no resources"
                )
                continue
            file = folder.joinpath(name)
            digest = _sha256(file.read_bytes()) if file.is_file() else "(missing)"
            if digest != locked[name]:
                problems.append(
                    f"{path}: SHA-256 {digest} differs from {locked[name]} in {LOCK_FILE}; "
                    f"corpus {version} was released and must never change: "
                    "release the change as a new corpus version (docs/versions.md)"
                )
        if manifest.get("schema_version") != entry["schema_version"]:
            problems.append(
                f"data/{version}/{MANIFEST}: schema version {manifest.get('schema_version')!r}, "
                f"the lock says {entry['schema_version']!r}"
            )
    problems.extend(
        f"data/{version}: corpus {version} has no entry in {LOCK_FILE}; "
        f"record it when releasing it: integrated-care-corpus lock {version}"
        for version in sorted(bundled - set(lock), key=version_key)
    )
    return problems


def check_version_rule(
    package: str, bundled: tuple[str, ...], lock: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    """Check the rule that ties the package version to the corpus versions.

    1. The package's MAJOR.MINOR is at least the newest bundled corpus's MAJOR.MINOR.
    2. A corpus version is first released in a package MAJOR.MINOR.0 release,
       whose MAJOR.MINOR is at least the corpus's own: package patch releases
       never add or change data.
    3. No lock entry names a package newer than this one.

    >>> check_version_rule("1.0.3", ("1.0.0",), {"1.0.0": {"package": "1.0.0"}})
    []
    >>> check_version_rule("1.0.0", ("1.0.0", "1.1.0"), {"1.0.0": {"package": "1.0.0"}})
    ['package 1.0.0 bundles corpus 1.1.0: the package MAJOR.MINOR must be at least 1.1']
    """
    problems = []
    pkg = version_key(package)
    if bundled and pkg[:2] < version_key(bundled[-1])[:2]:
        newest = ".".join(bundled[-1].split(".")[:2])
        problems.append(
            f"package {package} bundles corpus {bundled[-1]}: "
            f"the package MAJOR.MINOR must be at least {newest}"
        )
    for version, entry in sorted(lock.items(), key=lambda item: version_key(item[0])):
        first = version_key(entry["package"])
        if first[2] != 0:
            problems.append(
                f"corpus {version} is locked as first released in package {entry['package']}, "
                "a patch release; package patch releases never add or change data"
            )
        if first[:2] < version_key(version)[:2]:
            problems.append(
                f"corpus {version} is locked as first released in package {entry['package']}, "
                "whose MAJOR.MINOR is below the corpus's"
            )
        if first > pkg:
            problems.append(
                f"corpus {version} is locked as first released in package {entry['package']}, "
                f"newer than this package {package}"
            )
    return problems


def dump_lock(lock: Mapping[str, Mapping[str, Any]]) -> bytes:
    """Serialise a lock deterministically (versions in order)."""
    ordered = {v: lock[v] for v in sorted(lock, key=version_key)}
    data = {"about": _LOCK_ABOUT, "versions": ordered}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def add_to_lock(data: Path, version: str, package: str) -> dict[str, Any]:
    """Record a bundled corpus version in ``data/versions.lock.json``.

    Raises:
        CorpusFormatError: The version is not bundled, or is locked already
            with different contents (a released version never changes).
    """
    for what, value in (("corpus version", version), ("package version", package)):
        if not VERSION.match(value):
            msg = f"the {what} {value!r} is not MAJOR.MINOR.PATCH in ASCII digits"
            raise CorpusFormatError(msg)
    folder = data / version
    if not folder.joinpath(MANIFEST).is_file():
        msg = f"{folder}: no corpus {version} to lock; build it first"
        raise CorpusFormatError(msg)
    lock = read_lock(data)
    entry = lock_entry(folder, package)
    old = lock.get(version)
    if old is not None:
        if {**old, "package": package} != entry:
            msg = (
                f"corpus {version} is locked already, with other contents; "
                "a released version never changes: build the change as a new version"
            )
            raise CorpusIntegrityError(msg)
        return dict(old)
    lock[version] = entry
    (data / LOCK_FILE).write_bytes(dump_lock(lock))
    return entry


def main(argv: list[str] | None = None) -> int:
    """Lock a version, or check every lock: ``integrated-care-corpus lock [VERSION]``."""
    import argparse  # noqa: PLC0415 - only the command line needs it
    from pathlib import Path  # noqa: PLC0415 - only the command line needs it

    parser = argparse.ArgumentParser(
        prog="integrated-care-corpus lock",
        description=(
            "Record a bundled corpus version as released (its SHA-256s and the package "
            "version that first ships it) in the lock file; with no version, check that "
            "every released version is bundled unchanged."
        ),
    )
    parser.add_argument("version", nargs="?", help="the corpus version to lock")
    parser.add_argument("--data", type=Path, default=Path("src/integrated_care_corpus/data"))
    parser.add_argument(
        "--package", help="the package version that first ships it (default: pyproject.toml's)"
    )
    args = parser.parse_args(argv)
    try:
        if args.version is None:
            problems = check_lock(args.data, read_lock(args.data))
            for problem in problems:
                print(f"integrated-care-corpus: error: lock: {problem}", file=sys.stderr)  # noqa: T201 - a command line prints
            if not problems:
                print(f"{len(read_lock(args.data))} released versions, all unchanged")  # noqa: T201
            return 1 if problems else 0
        package = args.package or _pyproject_version(Path("pyproject.toml"))
        entry = add_to_lock(args.data, args.version, package)
    except (CorpusFormatError, CorpusIntegrityError, OSError) as exc:
        print(f"integrated-care-corpus: error: lock: {exc}", file=sys.stderr)  # noqa: T201
        return 1
    print(f"corpus {args.version} locked, first released in package {entry['package']}")  # noqa: T201
    return 0


def _pyproject_version(path: Path) -> str:
    match = re.search(r'(?m)^version = "([^"]+)"', path.read_text(encoding="utf-8"))
    if match is None:
        msg = f"{path}: no 'version = \"...\"' line; pass --package"
        raise CorpusFormatError(msg)
    return match.group(1)
