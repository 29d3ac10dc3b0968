"""Reading corpus resources: bundled versions through ``files()``, or a directory."""

from __future__ import annotations

import errno
import functools
import gc
import os
import re
import stat
import threading
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ._builders import BUILDERS
from ._checks import check_records, raise_problems
from ._corpus import Corpus
from ._errors import CorpusError, CorpusFormatError, CorpusIntegrityError, UnknownVersionError
from ._exported import check_export
from ._files import data_root, sha256_hex
from ._migrations import READABLE_SCHEMA_VERSIONS, SCHEMA_VERSION, migrate
from ._resources import (
    MANIFEST,
    OPTIONAL_RESOURCE_TYPES,
    RESOURCE_TYPES,
    RecordSet,
    is_version,
    version_key,
)
from ._rules import (
    MAX_INTEGER,
    has_lone_surrogate,
    is_count,
    is_plain_file_name,
    is_sha256,
    keys_are_unique,
)
from ._tombstones import check_tombstones
from ._versions import verify_manifest


class _Unloaded:
    """The marker of an optional module not imported yet (see :func:`_optional`)."""

    def __repr__(self) -> str:
        return "<not imported yet>"


#: Not imported yet: imported on first use, when a resource is large enough to gain.
UNLOADED: Any = _Unloaded()

#: The [fast] extra's parser and decoder: each the module once imported, ``None``
#: if it is not installed (or switched off), :data:`UNLOADED` until first needed.
_orjson: Any = UNLOADED
_decode: Any = UNLOADED

#: Resources smaller than this many bytes are parsed by the standard library:
#: importing msgspec or orjson costs a few milliseconds each, more than either
#: saves on a resource this small (``benchmarks/bench_start.py`` measures it).
FAST_FROM = 1 << 18


@functools.cache
def _import(name: str) -> ModuleType | None:
    import importlib  # noqa: PLC0415 - on first use only

    try:
        return importlib.import_module(name, __package__)
    except ImportError:
        return None


def _optional(value: Any, name: str) -> Any:  # noqa: ANN401 - a module or None
    """Return the switch's module: imported now if it was :data:`UNLOADED`."""
    return _import(name) if value is UNLOADED else value


if TYPE_CHECKING:
    from ._files import Traversable

__all__ = [
    "MAX_MANIFEST_BYTES",
    "MAX_RESOURCE_BYTES",
    "SCHEMA_VERSION",
    "corpus_version",
    "load",
    "load_path",
    "read_corpus",
    "resolve_version",
    "versions",
]

#: The longest path the loader tries to open (longer ones fail on every system).
_MAX_PATH = 4096

# Keyed by what was asked for (``None``, ``"1"``, ``"1.0.1"``) and by what it resolved to.
_cache: dict[str | None, Corpus] = {}
_lock = threading.Lock()


def versions() -> tuple[str, ...]:
    """Return the bundled corpus versions, oldest first.

    Folders under ``data/`` whose names are not versions (``1.0.1-rc1``,
    ``tmp``) are not versions and are ignored.

    >>> import integrated_care_corpus as icc
    >>> icc.versions()[0]
    '1.0.0'
    """
    found = [
        entry.name
        for entry in data_root().iterdir()
        if is_version(entry.name) and entry.is_dir() and entry.joinpath(MANIFEST).is_file()
    ]
    return tuple(sorted(found, key=version_key))


def corpus_version() -> str:
    """Return the newest bundled corpus version: what ``icc.load()`` loads."""
    return versions()[-1]


def resolve_version(version: str | None) -> str:
    """Return the bundled version ``version`` names (exact, prefix, or newest if None).

    Raises:
        TypeError: ``version`` is neither a string nor ``None``.
        UnknownVersionError: No bundled version matches.
    """
    if version is not None and not isinstance(version, str):
        msg = (
            "version must be a string such as '1.0.1' or '1', or None for the newest; "
            f"got {type(version).__name__}"
        )
        raise TypeError(msg)
    available = versions()
    if not available:
        msg = "no corpus versions are bundled: the package data is missing from this install"
        raise UnknownVersionError(msg)
    if version is None:
        return available[-1]
    wanted = version.split(".")
    matching = [v for v in available if v.split(".")[: len(wanted)] == wanted]
    if not matching:
        msg = f"no bundled corpus version matches {version!r}; bundled versions: " + ", ".join(
            available
        )
        raise UnknownVersionError(msg)
    return matching[-1]


def load(version: str | None = None) -> Corpus:
    """Load a bundled corpus version (cached: later calls return the same object).

    Args:
        version: An exact version (``"1.0.0"``), a prefix meaning the newest
            match (``"1"``, ``"1.0"``), or ``None`` for the newest bundled version.

    Raises:
        UnknownVersionError: No bundled version matches.
        CorpusError: A bundled resource failed a check (a broken install).

    >>> import integrated_care_corpus as icc
    >>> corpus = icc.load("1.0.0")
    >>> corpus.version
    '1.0.0'
    >>> icc.load("1.0.0") is corpus
    True
    """
    # A repeated request is one dictionary lookup: the bundled versions do not
    # change while the process runs, so neither does what a request resolves to.
    try:
        requested = _cache.get(version)
    except TypeError:  # unhashable: resolve_version says what it accepts
        requested = None
    if requested is not None:
        return requested
    resolved = resolve_version(version)
    corpus = _cache.get(resolved)
    if corpus is not None:
        _cache[version] = corpus
        return corpus
    with _lock:
        corpus = _cache.get(resolved)
        if corpus is None:
            folder = data_root().joinpath(resolved)
            verify_manifest(folder, resolved, f"data/{resolved}")  # a released version is locked
            # The install lays out its own files (a link farm, say); the lock pins them.
            corpus = read_corpus(folder, f"data/{resolved}", confined=False)
            if corpus.version != resolved:
                msg = (
                    f"data/{resolved}/{MANIFEST}: field 'corpus_version' is "
                    f"{corpus.version!r}, expected {resolved!r}"
                )
                raise CorpusFormatError(msg)
            _cache[resolved] = corpus
        _cache[version] = corpus
    return corpus


def load_path(directory: str | os.PathLike[str]) -> Corpus:
    """Load a corpus directory in the bundled format, with every check.

    Args:
        directory: A folder holding ``manifest.json`` and the resources it lists.

    Raises:
        TypeError: ``directory`` is not a path (a string or an ``os.PathLike``).
        CorpusError: The folder is not a valid corpus; the message says why.
    """
    if not isinstance(directory, (str, os.PathLike)):
        msg = f"directory must be a path (str or os.PathLike), got {type(directory).__name__}"
        raise TypeError(msg)
    try:
        text = os.fspath(directory)
    except TypeError:  # __fspath__ returned neither str nor bytes
        text = None
    if not isinstance(text, str):
        msg = (
            "directory must be a path (str or os.PathLike), got a "
            f"{type(directory).__name__} whose __fspath__() gives no str"
        )
        raise TypeError(msg)
    from pathlib import Path  # noqa: PLC0415 - a caller's folder; icc.load() needs none

    path = Path(text)
    shown = str(path) if len(str(path)) <= 200 else str(path)[:200] + "…"  # noqa: PLR2004
    if len(str(path)) > _MAX_PATH or "\0" in str(path):
        msg = f"{shown}: not a usable path (too long, or holding NUL); expected a corpus directory"
        raise CorpusFormatError(msg)
    try:
        is_dir = path.is_dir()
        has_manifest = is_dir and path.joinpath(MANIFEST).is_file()
    except OSError as exc:  # not a missing file, which is_dir() says is no directory
        msg = f"{shown}: cannot be opened ({exc.strerror or exc}); expected a corpus directory"
        raise CorpusFormatError(msg) from None
    if not is_dir:
        msg = f"{path}: not a directory; expected a corpus directory holding {MANIFEST}"
        raise CorpusFormatError(msg)
    if not has_manifest:
        msg = f"{path}: not a corpus directory; expected a {MANIFEST} in it"
        raise CorpusFormatError(msg)
    return read_corpus(path, str(path))


def _parse_json(data: bytes, where: str, *, exact: bool = False) -> Any:  # noqa: ANN401
    """Parse a resource: orjson if installed (unless ``exact``), else the standard library.

    orjson reads an integer outside the 64-bit range as a float, where the
    standard library keeps the integer; the caller re-parses with ``exact``
    before it words an error about such a resource. Whichever parses, a
    duplicate key in any object and a lone surrogate in any string are
    refused: orjson keeps the last of a repeated key, so its result is
    checked against the bytes (:func:`keys_are_unique`) and, unless that
    proves the keys unique, the standard library parses again, seeing every
    pair; orjson refuses lone surrogates itself. orjson reads arrays and
    objects nested up to 1,024 deep but writes only 254: what it cannot write
    back is not proven, and the standard library reads it again.
    """
    orjson = None if exact or len(data) < FAST_FROM else _optional(_orjson, "orjson")
    if orjson is not None:
        try:
            value = orjson.loads(data)
            reencoded = orjson.dumps(value)
        except (orjson.JSONDecodeError, orjson.JSONEncodeError):
            pass  # the standard library words the error (or reads what orjson refuses)
        else:
            if keys_are_unique(data, reencoded):
                return value
    import json  # noqa: PLC0415 - orjson, when it reads a large resource, needs no json

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = f"{where}: not UTF-8 (byte {exc.start}: {exc.reason}); expected UTF-8 encoded JSON"
        raise CorpusFormatError(msg) from None
    repeated: list[tuple[dict[str, Any], str]] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
            repeated.append((obj, key))
        return obj

    try:
        value = json.loads(text, object_pairs_hook=pairs_hook)
    except json.JSONDecodeError as exc:
        msg = (
            f"{where}: malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}); "
            "expected a valid JSON document"
        )
        raise CorpusFormatError(msg) from None
    except RecursionError:
        msg = f"{where}: JSON nested too deeply to read; expected records a few levels deep"
        raise CorpusFormatError(msg) from None
    except ValueError as exc:  # an integer of more digits than int() converts
        msg = f"{where}: cannot be read as JSON ({exc}); expected a valid JSON document"
        raise CorpusFormatError(msg) from None
    if repeated:
        obj, key = repeated[0]
        label, path = _locate(value, lambda node: node is obj)
        field = f"{path}.{key}" if path else key
        msg = (
            f"{where}: {label}field {field!r}: the key {key!r} appears twice in one object; "
            "expected each key once"
        )
        raise CorpusFormatError(msg)
    if _SURROGATE_ESCAPE.search(text):
        label, path = _locate(
            value, lambda node: isinstance(node, str) and has_lone_surrogate(node)
        )
        if path is not None:
            msg = (
                f"{where}: {label}field {path!r}: holds a lone surrogate (a \\u escape of "
                "half a UTF-16 pair); expected valid Unicode text"
            )
            raise CorpusFormatError(msg)
    return value


# A \uD800-\uDFFF escape: the only way JSON text can hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _locate(value: Any, found: Callable[[Any], bool]) -> tuple[str, str | None]:  # noqa: ANN401
    """Find the first node ``found`` accepts; return ``("record 'id', ", path)``.

    The path is the dotted field path inside the record (``"span.start"``,
    ``"roles[0]"``); ``None`` when no node is accepted. Keys are nodes too.
    """

    def walk(node: Any, path: str) -> str | None:  # noqa: ANN401 - parsed JSON
        if found(node):
            return path
        if isinstance(node, dict):
            for key, item in node.items():
                inner = f"{path}.{key}" if path else str(key)
                if found(key):
                    return inner
                hit = walk(item, inner)
                if hit is not None:
                    return hit
        elif isinstance(node, list):
            for index, item in enumerate(node):
                hit = walk(item, f"{path}[{index}]")
                if hit is not None:
                    return hit
        return None

    if isinstance(value, list):
        for index, item in enumerate(value):
            hit = walk(item, "")
            if hit is not None:
                record_id = item.get("id") if isinstance(item, dict) else None
                shown = (
                    repr(record_id)
                    if isinstance(record_id, str) and not has_lone_surrogate(record_id)
                    else f"#{index}"
                )
                return f"record {shown}, ", hit
        return "", None
    return "", walk(value, "")


#: The largest resource read when the manifest gives no size (manifests of
#: versions built before package 1.2.0): far above any real corpus's files.
MAX_RESOURCE_BYTES = 2**31
#: The largest manifest read.
MAX_MANIFEST_BYTES = 2**26


def _read_bytes(
    folder: Traversable,
    name: str,
    where: str,
    size: int | None = None,
    *,
    confined: bool = True,
) -> bytes:
    """Read one file of a corpus folder, checked before a byte is read.

    In a folder on disk the file must be a regular file, inside the folder
    if ``confined`` (a symbolic link only to another file inside it), and
    its size, by ``stat()``, the manifest's ``size`` if given, else at most
    the bound.
    """
    entry = folder.joinpath(name)
    if isinstance(folder, os.PathLike) and isinstance(entry, os.PathLike):  # a folder on disk
        limit = MAX_MANIFEST_BYTES if name == MANIFEST else MAX_RESOURCE_BYTES
        _check_file(os.fspath(folder), os.fspath(entry), where, size, limit, confined=confined)
    elif not entry.is_file():
        msg = f"{where}: missing resource; expected the file listed in the manifest"
        raise CorpusFormatError(msg)
    try:
        data: bytes = entry.read_bytes()
    except OSError as exc:
        msg = f"{where}: could not be read ({exc.strerror or exc})"
        raise CorpusFormatError(msg) from None
    return data


def _check_file(
    folder: str, entry: str, where: str, size: int | None, limit: int, *, confined: bool
) -> None:
    """Check one file of a folder on disk by ``stat()``, before it is read."""
    try:
        if not os.path.lexists(entry):
            msg = f"{where}: missing resource; expected the file listed in the manifest"
            raise CorpusFormatError(msg)
        target = os.path.realpath(entry, strict=True)
        inside = os.path.dirname(target) == os.path.realpath(folder, strict=True)  # noqa: PTH120
        info = os.stat(target)  # noqa: PTH116 - no pathlib on the bundled load
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            msg = f"{where}: a symbolic link loop; expected a regular file"
        else:
            msg = f"{where}: cannot be opened ({exc.strerror or exc}); expected a regular file"
        raise CorpusFormatError(msg) from None
    if confined and not inside:
        msg = (
            f"{where}: a symbolic link to {target}, outside the corpus folder; "
            "expected a file inside the folder"
        )
        raise CorpusFormatError(msg)
    if not stat.S_ISREG(info.st_mode):
        msg = f"{where}: not a regular file (a FIFO, device or folder); expected a regular file"
        raise CorpusFormatError(msg)
    if size is not None and info.st_size != size:
        msg = (
            f"{where}: {info.st_size} bytes, the manifest says {size}; "
            "the resource was changed, truncated or damaged (not read)"
        )
        raise CorpusIntegrityError(msg)
    if info.st_size > limit:
        msg = f"{where}: {info.st_size} bytes, more than the {limit} this package reads (not read)"
        raise CorpusFormatError(msg)


def _manifest(folder: Traversable, label: str, *, confined: bool = True) -> dict[str, Any]:
    where = f"{label}/{MANIFEST}"
    # The manifest is small: the standard library reads it on every path, so its
    # integers stay exact (orjson reads one past 64 bits as a float) and its
    # errors read alike everywhere.
    data = _read_bytes(folder, MANIFEST, where, confined=confined)
    manifest = _parse_json(data, where, exact=True)
    if not isinstance(manifest, dict):
        msg = f"{where}: expected a JSON object"
        raise CorpusFormatError(msg)
    check_export(folder, manifest, where)  # an export folder: its format, its other files
    expected = {"corpus_version", "schema_version", "resources", "seeds"}
    if set(manifest) - {"export"} != expected:
        missing = sorted(expected - set(manifest))
        unknown = sorted(set(manifest) - expected - {"export"})
        msg = (
            f"{where}: missing fields {missing}, unknown fields {unknown}; "
            f"expected exactly the fields {sorted(expected)} (and optionally 'export')"
        )
        raise CorpusFormatError(msg)
    schema = manifest["schema_version"]
    if (
        not isinstance(schema, int)
        or isinstance(schema, bool)
        or schema not in READABLE_SCHEMA_VERSIONS
    ):
        msg = (
            f"{where}: field 'schema_version' is {schema!r}; this package reads schema "
            f"versions {sorted(READABLE_SCHEMA_VERSIONS)} (a newer package may read it)"
        )
        raise CorpusFormatError(msg)
    version = manifest["corpus_version"]
    if not is_version(version):
        msg = (
            f"{where}: field 'corpus_version' is {version!r}, "
            "expected MAJOR.MINOR.PATCH in ASCII digits"
        )
        raise CorpusFormatError(msg)
    resources = manifest["resources"]
    names = {f"{name}.json" for name in RESOURCE_TYPES}
    optional = {f"{name}.json" for name in OPTIONAL_RESOURCE_TYPES}
    if not isinstance(resources, dict) or not names <= set(resources) <= names | optional:
        got = sorted(resources) if isinstance(resources, dict) else resources
        msg = (
            f"{where}: field 'resources' must list exactly {sorted(names)}, "
            f"and may list {sorted(optional)}; got {got}"
        )
        raise CorpusFormatError(msg)
    for name, entry in resources.items():
        if not (
            isinstance(entry, dict)
            and {"sha256", "count"} <= set(entry) <= {"sha256", "count", "size"}
            and is_sha256(entry["sha256"])
            and is_count(entry["count"])
            and (entry.get("size") is None or is_count(entry["size"]))
        ):
            msg = (
                f"{where}: field 'resources.{name}' must be an object with a 'sha256' "
                f"(64 lowercase hex digits), a 'count' (an integer, 0 to {MAX_INTEGER}) "
                f"and optionally a 'size' in bytes; got {_shown(entry)}"
            )
            raise CorpusFormatError(msg)
    seeds = manifest["seeds"]
    if not isinstance(seeds, dict):
        from ._converter import json_type  # noqa: PLC0415 - only to word the error

        msg = f"{where}: field 'seeds' is {json_type(seeds)}, expected an object"
        raise CorpusFormatError(msg)
    for name, digest in seeds.items():
        if not is_plain_file_name(name) or not is_sha256(digest):
            msg = (
                f"{where}: field 'seeds', entry {name!r}: expected a plain file name "
                "(no folder, no '..') -> its SHA-256 (64 lowercase hex digits); "
                f"got {_shown(digest)}"
            )
            raise CorpusFormatError(msg)
    return manifest


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"  # noqa: PLR2004 - one line


def _structure(cls: type[Any], raw: Any, where: str) -> tuple[Any, ...]:  # noqa: ANN401
    # The strict converter (and cattrs) is imported only here: when the builders
    # refused a resource, to word what is wrong with it.
    from ._converter import converter, describe_structuring_error, json_type  # noqa: PLC0415

    if not isinstance(raw, list):
        msg = f"{where}: expected a JSON array of records, got {type(raw).__name__}"
        raise CorpusFormatError(msg)
    out = []
    for index, item in enumerate(raw):
        record_id = item.get("id") if isinstance(item, dict) else None
        label = repr(record_id) if isinstance(record_id, str) else f"#{index}"
        if not isinstance(item, dict):
            msg = f"{where}: record {label}, expected a JSON object, got {json_type(item)}"
            raise CorpusFormatError(msg)
        try:
            out.append(converter.structure(item, cls))
        except Exception as exc:  # noqa: BLE001 - every structuring failure is reworded
            details = "; ".join(_field_message(line) for line in describe_structuring_error(exc))
            msg = f"{where}: record {label}, {details}"
            raise CorpusFormatError(msg) from None
    return tuple(out)


#: Whether to try the generated builders before the strict converter.
_FAST = True


def build_all(cls: type[Any], raw: list[Any]) -> tuple[Any, ...]:
    """Build every record of a resource with the generated builders, or raise.

    Raises:
        Exception: Anything at all (``Reject``, ``KeyError``, ``TypeError``,
            ``ValueError`` ...): some record is not valid, or the class has no
            builder. The caller re-runs the strict path to word it.
    """
    build: Callable[[Any], Any] = BUILDERS[cls]
    return tuple([build(item) for item in raw])


def _structure_resource(
    cls: type[Any],
    raw: Any,  # noqa: ANN401 - a parsed JSON value
    where: str,
    exact: Callable[[], Any] | None = None,
) -> tuple[Any, ...]:
    """Structure a resource: the fast builders, and the strict path only if they refuse.

    The builders accept only what the strict path accepts and build the same
    records; on anything else they raise, and the strict path, re-run on the
    resource, words the precise error (or, if the builders were merely
    conservative, builds the records). ``exact``, if given, re-reads the
    resource as the standard library parses it, for the strict path.
    """
    if _FAST and isinstance(raw, list):
        try:
            return build_all(cls, raw)
        except Exception:  # noqa: BLE001, S110 - the strict path says what is wrong
            pass
    return _structure(cls, raw if exact is None else exact(), where)


def _field_message(line: str) -> str:
    message, _, path = line.rpartition(" @ ")
    field = path.removeprefix("$").removeprefix(".")
    return f"field {field!r}: {message}" if field else message


def _promote_to_oldest_generation() -> None:
    """Move every object the collector tracks into its oldest generation, without a scan.

    A loaded corpus is kept (``load()`` caches it), and its records can be in
    no reference cycle: they hold strings, numbers, enums, tuples and other
    records. Left in the youngest generation, the next two collections would
    traverse every one of them on its way to the oldest (about 0.3 s each for
    100,000 quotes). ``gc.freeze()`` moves every tracked object into the
    permanent generation and ``gc.unfreeze()`` moves them on into the oldest:
    two list splices. The caller's own young objects move too, so a cycle
    among them waits for the next full collection; a caller that has frozen
    objects of its own (before forking, say) is left alone: this is not called.
    """
    gc.freeze()
    gc.unfreeze()


def read_corpus(folder: Traversable, label: str, *, confined: bool = True) -> Corpus:
    """Read, verify and structure a corpus folder; raise on the first bad resource.

    Nothing is cached or kept unless every resource passes every check.
    ``confined``: every file must lie inside the folder (a symbolic link
    only to another file in it); the bundled versions, which the lock pins
    byte for byte, are read wherever the install put their files.
    """
    manifest = _manifest(folder, label, confined=confined)
    # Parsing, structuring and checking create millions of objects and no
    # cyclic garbage: pause the cyclic collector meanwhile (it would scan the
    # new records again and again, the more often the more there are).
    paused = gc.isenabled()
    gc.disable()
    try:
        parts, tombstones = _read_records(folder, label, manifest, confined=confined)
        record_set = RecordSet(**parts)
        version = manifest["corpus_version"]
        problems = [*check_records(record_set), *check_tombstones(version, record_set, tombstones)]
        if paused and not problems and gc.get_freeze_count() == 0:
            _promote_to_oldest_generation()
    finally:
        if paused:
            gc.enable()
    try:
        raise_problems(problems)
    except CorpusError as exc:
        text = str(exc)
        # One problem reads "<folder>/<file>: record ...", as the format errors do.
        msg = f"{label}: {text}" if "\n" in text else f"{label}/{text}"
        raise type(exc)(msg) from None
    return Corpus(version, str(manifest["schema_version"]), record_set, tombstones)


class _Digest(threading.Thread):
    """Compute the SHA-256 of some bytes in a thread of its own."""

    def __init__(self, data: bytes) -> None:
        super().__init__(name="icc-sha256", daemon=True)
        self.data = data
        self.hexdigest = ""

    def run(self) -> None:
        """Hash the bytes (with OpenSSL's, which lets go of the interpreter)."""
        import hashlib  # noqa: PLC0415 - large resources only

        self.hexdigest = hashlib.sha256(self.data).hexdigest()


def _read_records(
    folder: Traversable, label: str, manifest: dict[str, Any], *, confined: bool = True
) -> tuple[dict[str, tuple[Any, ...]], tuple[Any, ...]]:
    """Read, verify, parse, migrate and structure every resource the manifest lists."""
    raw: dict[str, Any] = {}
    decoded: dict[str, tuple[Any, ...]] = {}
    parsed_by_orjson: dict[str, bytes] = {}
    # msgspec builds records of the current schema only; older ones are migrated as JSON.
    current = _FAST and manifest["schema_version"] == SCHEMA_VERSION
    for name in (*RESOURCE_TYPES, *OPTIONAL_RESOURCE_TYPES):
        file = f"{name}.json"
        if file not in manifest["resources"]:
            continue  # an optional resource this corpus does not have
        where = f"{label}/{file}"
        expected = manifest["resources"][file]
        data = _read_bytes(folder, file, where, expected.get("size"), confined=confined)
        cls = RESOURCE_TYPES.get(name)
        large = len(data) >= FAST_FROM
        direct = _optional(_decode, "._decode") if current and large else None
        if direct and cls:
            # hashlib lets go of the interpreter while it hashes, so a second
            # core checks the bytes while msgspec decodes them; the records
            # are kept only if the checksum matches.
            hashing = _Digest(data)
            hashing.start()
            records = direct.decode(cls, data)
            hashing.join()
            digest = hashing.hexdigest
        else:
            records, digest = None, sha256_hex(data)
        if digest != expected["sha256"]:
            msg = (
                f"{where}: SHA-256 {digest} does not match the manifest's "
                f"{expected['sha256']}; the resource was changed or damaged"
            )
            raise CorpusIntegrityError(msg)
        if records is not None:
            if len(records) != expected["count"]:
                msg = f"{where}: {len(records)} records, the manifest says {expected['count']}"
                raise CorpusIntegrityError(msg)
            decoded[name] = records
            continue
        value = _parse_json(data, where)
        if large and _optional(_orjson, "orjson") is not None:
            parsed_by_orjson[name] = data
        if not isinstance(value, list):
            from ._converter import json_type  # noqa: PLC0415 - only to word the error

            msg = f"{where}: expected a JSON array of records, got {json_type(value)}"
            raise CorpusFormatError(msg)
        if len(value) != expected["count"]:
            msg = f"{where}: {len(value)} records, the manifest says {expected['count']}"
            raise CorpusIntegrityError(msg)
        raw[name] = value
    # Older formats are upgraded as plain JSON, so records only know the newest.
    schema = manifest["schema_version"]
    parsed = raw
    raw = migrate(parsed, schema)

    def structure(name: str, cls: type[Any]) -> tuple[Any, ...]:
        where = f"{label}/{name}.json"
        data = parsed_by_orjson.get(name)
        exact = None
        if data is not None:

            def exact() -> Any:  # noqa: ANN401 - the resource as the standard library reads it
                return migrate({**parsed, name: _parse_json(data, where, exact=True)}, schema)[name]

        return _structure_resource(cls, raw[name], where, exact)

    parts = {
        name: decoded[name] if name in decoded else structure(name, cls)
        for name, cls in RESOURCE_TYPES.items()
    }
    tombstones = (
        structure("tombstones", OPTIONAL_RESOURCE_TYPES["tombstones"])
        if "tombstones" in raw
        else ()
    )
    return parts, tombstones
