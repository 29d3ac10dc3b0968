"""Standard exports of a corpus: JSON, JSON Lines, CSV, Parquet and JSON-LD.

Every format writes a folder that describes itself: the format's files, a
``manifest.json`` (corpus, package and schema versions, and the SHA-256 and
size of every file), ``LICENSE``, ``CITATION.cff`` and a ``README.md`` that
says what the folder holds and how to load it. The formats:

- ``json``: ``<type>.json``, an array of records in the bundled format; the
  folder is a corpus folder that :func:`load_path` and ``verify`` accept;
- ``jsonl``: ``<type>.jsonl``, the same records, one per line;
- ``csv``: ``<type>.csv``, the flat rows of ``Results.to_dicts()`` plus a
  ``roles`` table and a ``statements`` table (one row per quote, with its
  speaker, role, organisations and document), a list column as a JSON
  array (``["kings-fund"]``);
- ``parquet``: the tables of ``Corpus.to_parquet()`` (the ``[arrow]`` extra);
- ``jsonld``: ``corpus.jsonld``, every record as a schema.org node in one
  ``@graph``, with its ``@context`` embedded, so that no JSON-LD processor
  needs the network to read it;
- ``spacy``: ``corpus.spacy``, a spaCy ``DocBin`` of one ``Doc`` per document
  with its mentions, quotes and comments (the ``[spacy]`` extra);
- ``html``: the static site of ``Corpus.to_html()`` (see ``docs/views.md``).

An export is written into a new temporary folder beside ``out`` and renamed
into place only when every file is written, so a failure leaves ``out`` as
it was; an earlier export at ``out`` is replaced whole, and a folder that is
not an export is refused unless ``force`` is given. New formats register a
writer in :data:`FORMATS`.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._converter import converter
from ._errors import ExportError
from ._jsonld import JSONLD_CONTEXT, jsonld

if TYPE_CHECKING:
    from ._corpus import Corpus

__all__ = ["FORMATS", "JSONLD_CONTEXT", "MANIFEST", "PACKAGE", "export", "jsonld"]

#: The record types, in the order files are written.
_TYPES = ("documents", "quotes", "comments", "organisations", "people", "mentions")

#: The manifest every export folder holds.
MANIFEST = "manifest.json"
#: The package named in export manifests: an earlier export is a folder whose
#: manifest names it.
PACKAGE = "integrated-care-corpus"


def _records(corpus: Corpus, name: str) -> tuple[Any, ...]:
    records: tuple[Any, ...] = getattr(corpus, name)
    return records


def _dump(value: object, *, indent: int | None) -> str:
    separators = None if indent else (",", ":")
    return json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)


def _write_json(corpus: Corpus, out: Path) -> list[Path]:
    """Write a corpus folder, exactly as ``build`` writes a version, manifest included."""
    from ._build import write_corpus  # noqa: PLC0415 - the one writer of corpus folders
    from ._resources import RecordSet  # noqa: PLC0415

    records = RecordSet(**{name: _records(corpus, name) for name in _TYPES})
    seeds = {d.source.file: d.source.sha256 for d in corpus.documents}
    scratch = out / ".corpus"
    folder = write_corpus(corpus.version, records, seeds, scratch, corpus.tombstones)
    paths = []
    for path in sorted(folder.iterdir()):
        target = out / path.name
        path.replace(target)
        paths.append(target)
    shutil.rmtree(scratch)
    return paths


def _write_jsonl(corpus: Corpus, out: Path) -> list[Path]:
    paths = []
    for name in _TYPES:
        path = out / f"{name}.jsonl"
        lines = (
            _dump(converter.unstructure(r), indent=None) + "\n" for r in _records(corpus, name)
        )
        path.write_text("".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def _csv_value(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return _dump(list(value), indent=None)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _write_csv(corpus: Corpus, out: Path) -> list[Path]:
    from ._tables import flat_tables  # noqa: PLC0415

    paths = []
    for name, (schema, rows) in flat_tables(corpus).items():
        path = out / f"{name}.csv"
        columns = [column for column, _ in schema]
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(columns)
            writer.writerows([_csv_value(row[c]) for c in columns] for row in rows)
        paths.append(path)
    return [*paths, _write_datapackage(corpus, "csv", out)]


def _write_parquet(corpus: Corpus, out: Path) -> list[Path]:
    from ._croissant import croissant  # noqa: PLC0415

    paths = list(corpus.to_parquet(out).values())
    path = out / "croissant.json"
    document = croissant(corpus, out, _package_version())
    path.write_text(_dump(document, indent=1) + "\n", encoding="utf-8")
    return [*paths, _write_datapackage(corpus, "parquet", out), path]


def _write_datapackage(corpus: Corpus, fmt: str, out: Path) -> Path:
    from ._frictionless import datapackage  # noqa: PLC0415

    path = out / "datapackage.json"
    path.write_text(_dump(datapackage(corpus, fmt, out), indent=1) + "\n", encoding="utf-8")
    return path


def _write_jsonld(corpus: Corpus, out: Path) -> list[Path]:
    path = out / "corpus.jsonld"
    path.write_text(_dump(jsonld(corpus), indent=1) + "\n", encoding="utf-8")
    return [path]


def _write_spacy(corpus: Corpus, out: Path) -> list[Path]:
    from ._spacy import docbin  # noqa: PLC0415 - the [spacy] extra

    path = out / "corpus.spacy"
    docbin(corpus).to_disk(path)
    return [path]


#: Format name -> writer of that format into a new, empty folder; it returns
#: the files it wrote. :func:`export` adds the manifest, licence, citation and
#: README, and the command line offers every format listed here.
FORMATS: dict[str, Callable[[Corpus, Path], list[Path]]] = {
    "json": _write_json,
    "jsonl": _write_jsonl,
    "csv": _write_csv,
    "parquet": _write_parquet,
    "jsonld": _write_jsonld,
    "spacy": _write_spacy,
    "html": lambda corpus, out: corpus.to_html(out),
}


# --- the folder -----------------------------------------------------------------


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version(PACKAGE)
    except PackageNotFoundError:  # pragma: no cover - run from a source tree never installed
        return "unknown"


#: The largest manifest read to decide whether a folder is an earlier export
#: (the loader's bound for any manifest).
_MAX_MANIFEST_BYTES = 2**26


def _is_export(folder: Path) -> bool:
    """Say whether ``folder`` holds an export this package wrote (its manifest says so)."""
    manifest = folder / MANIFEST
    if manifest.is_symlink() or not manifest.is_file():
        return False
    try:
        if manifest.stat().st_size > _MAX_MANIFEST_BYTES:  # no export writes one so large
            return False
        data = json.loads(manifest.read_bytes())
    except (OSError, ValueError, RecursionError):
        return False
    export = data.get("export") if isinstance(data, dict) else None
    return isinstance(export, dict) and export.get("package") == PACKAGE


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _describe(corpus: Corpus, fmt: str, folder: Path, written: Sequence[Path]) -> None:
    """Add LICENSE, CITATION.cff, README.md and the manifest to a written folder."""
    from ._exportdocs import LICENSE, citation_file, readme  # noqa: PLC0415
    from ._migrations import SCHEMA_VERSION  # noqa: PLC0415

    package_version = _package_version()
    (folder / "LICENSE").write_text(LICENSE, encoding="utf-8")
    (folder / "CITATION.cff").write_text(citation_file(corpus), encoding="utf-8")
    names = {p.relative_to(folder).as_posix(): "" for p in written}
    names.update({"LICENSE": "", "CITATION.cff": ""})
    (folder / "README.md").write_text(readme(corpus, fmt, names, package_version), encoding="utf-8")
    files = {
        path.relative_to(folder).as_posix(): {"sha256": _sha256(path), "size": path.stat().st_size}
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }
    entry = {"format": fmt, "package": PACKAGE, "package_version": package_version, "files": files}
    path = folder / MANIFEST
    if fmt == "json":  # the corpus manifest, with what wrote the folder
        manifest = json.loads(path.read_bytes())
    else:
        manifest = {"corpus_version": corpus.version, "schema_version": SCHEMA_VERSION}
    manifest["export"] = entry
    path.write_text(_dump(manifest, indent=1) + "\n", encoding="utf-8")


def _check_target(out: Path, *, force: bool) -> bool:
    """Refuse a target that must not be replaced; return whether it exists."""
    if out.is_symlink():
        msg = f"{out}: is a symbolic link; an export is never written through one"
        raise ExportError(msg)
    if not out.exists():
        return False
    if not out.is_dir():
        msg = f"{out}: not a directory; expected a folder to export into"
        raise ExportError(msg)
    if force or _is_export(out) or not any(out.iterdir()):
        return True
    msg = (
        f"{out}: not empty and not an earlier export; choose a new folder, or "
        "replace this one and everything in it with --force"
    )
    raise ExportError(msg)


def _missing_parents(out: Path) -> list[Path]:
    missing = []
    for parent in out.parents:
        if parent.exists() or parent.is_symlink():
            break
        missing.append(parent)
    return missing


def export(
    corpus: Corpus, fmt: str, out: str | os.PathLike[str], *, force: bool = False
) -> list[Path]:
    """Write ``corpus`` in format ``fmt`` as the folder ``out``; return the files written.

    The folder is written beside ``out`` under a temporary name, then renamed
    to ``out``: on any failure, ``out`` is left as it was and nothing else is
    left behind. An earlier export at ``out`` is replaced whole.

    Args:
        corpus: The corpus to write.
        fmt: One of :data:`FORMATS`.
        out: The folder to write; it may exist if empty or an earlier export.
        force: Replace ``out`` even if it is a folder of something else.

    Raises:
        ExportError: ``fmt`` is unknown; ``out`` is a symbolic link, a file, or
            a non-empty folder that is not an earlier export (without
            ``force``); or the folder could not be written.
        MissingExtraError: ``parquet`` without the ``[arrow]`` extra, or
            ``spacy`` without the ``[spacy]`` extra.
    """
    writer = FORMATS.get(fmt)
    if writer is None:
        msg = f"unknown export format {fmt!r}; expected one of {sorted(FORMATS)}"
        raise ExportError(msg)
    out = Path(out)
    exists = _check_target(out, force=force)
    created = _missing_parents(out)
    staging: Path | None = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
        written = writer(corpus, staging)
        _describe(corpus, fmt, staging, written)
        names = sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file())
        _swap(staging, out, replace=exists)
        staging = None
    except OSError as exc:
        msg = f"cannot write {out}: {exc.strerror or exc}; nothing was changed"
        raise ExportError(msg) from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
            for parent in created:  # innermost first
                with contextlib.suppress(OSError):
                    parent.rmdir()
    return [out / name for name in names]


def _swap(staging: Path, out: Path, *, replace: bool) -> None:
    """Rename the written folder to ``out``, moving an existing ``out`` aside first."""
    if not replace:
        staging.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
    old.rmdir()  # only its name is needed: the rename moves the folder there
    out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
