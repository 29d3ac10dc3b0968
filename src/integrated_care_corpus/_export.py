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

from . import _rows
from ._converter import converter
from ._errors import ExportError
from ._records import Comment, Document, DocumentKind, Organisation, Person, Quote
from ._resources import RESOURCE_TYPES

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

#: The ``@context`` of the JSON-LD export: schema.org as the vocabulary, and
#: ``icc:`` for the corpus's own record IRIs. It is embedded in the file.
JSONLD_CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/",
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "icc": "urn:integrated-care-corpus:",
    "datePublished": {"@type": "xsd:date"},
}

_DOCUMENT_TYPES = {
    DocumentKind.NEWS_ARTICLE: "NewsArticle",
    DocumentKind.BLOG_POST: "BlogPosting",
    DocumentKind.PRESS_RELEASE: "Article",  # schema.org has no press release type
}


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
    tables: dict[str, tuple[_rows.Schema, list[_rows.Row]]] = {
        name: (
            _rows.SCHEMAS[RESOURCE_TYPES[name]],
            [_rows.row(r) for r in _records(corpus, name)],
        )
        for name in _TYPES
    }
    tables["roles"] = (_rows.SCHEMAS["roles"], _rows.role_rows(corpus.people))
    statements = corpus.statements()
    tables["statements"] = (_rows.schema(statements.item_type), statements.to_dicts())
    paths = []
    for name, (schema, rows) in tables.items():
        path = out / f"{name}.csv"
        columns = [column for column, _ in schema]
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(columns)
            writer.writerows([_csv_value(row[c]) for c in columns] for row in rows)
        paths.append(path)
    return paths


def _write_parquet(corpus: Corpus, out: Path) -> list[Path]:
    return list(corpus.to_parquet(out).values())


def _write_jsonld(corpus: Corpus, out: Path) -> list[Path]:
    path = out / "corpus.jsonld"
    path.write_text(_dump(jsonld(corpus), indent=1) + "\n", encoding="utf-8")
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
    "html": lambda corpus, out: corpus.to_html(out),
}


# --- the folder -----------------------------------------------------------------


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version(PACKAGE)
    except PackageNotFoundError:  # pragma: no cover - run from a source tree never installed
        return "unknown"


def _is_export(folder: Path) -> bool:
    """Say whether ``folder`` holds an export this package wrote (its manifest says so)."""
    manifest = folder / MANIFEST
    if manifest.is_symlink() or not manifest.is_file():
        return False
    try:
        data = json.loads(manifest.read_bytes())
    except (OSError, ValueError):
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
        MissingExtraError: ``parquet`` without the ``[arrow]`` extra.
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


# --- JSON-LD ------------------------------------------------------------------


def _ref(kind: str, record_id: str) -> dict[str, str]:
    return {"@id": f"icc:{kind}/{record_id}"}


def _refs(kind: str, ids: Sequence[str]) -> list[dict[str, str]]:
    return [_ref(kind, i) for i in ids]


def _drop_empty(node: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if v not in (None, [], "")}


def _document_node(corpus: Corpus, d: Document) -> dict[str, Any]:
    contents = corpus.in_document(d)
    return _drop_empty(
        {
            "@id": _ref("document", d.id)["@id"],
            "@type": _DOCUMENT_TYPES[d.kind],
            "identifier": d.id,
            "headline": d.title,
            "name": d.title,
            "genre": d.kind.value,
            "datePublished": d.published.date.isoformat() if d.published.date else None,
            "publisher": (
                _ref("organisation", d.publisher.organisation_id)
                if d.publisher.organisation_id
                else None
            ),
            "author": _refs("person", d.authors),
            "keywords": [t.value for t in d.topics],
            "mentions": [
                *_refs("organisation", contents.organisations.ids()),
                *_refs("person", contents.people.ids()),
            ],
            "commentCount": len(contents.comments),
            "text": d.text,
        }
    )


def _quote_node(q: Quote) -> dict[str, Any]:
    creator: list[dict[str, Any]]
    if q.person_id is not None:
        creator = [_ref("person", q.person_id)]
    elif q.organisation_ids:
        creator = _refs("organisation", q.organisation_ids)
    else:  # a speaker the corpus has no record for: a node of its own
        creator = [{"@type": "Thing", "name": q.speaker}]
    return _drop_empty(
        {
            "@id": _ref("quote", q.id)["@id"],
            "@type": "Quotation",
            "identifier": q.id,
            "text": q.text,
            "creator": creator[0] if len(creator) == 1 else creator,
            "sourceOrganization": _refs("organisation", q.organisation_ids),
            "isPartOf": _ref("document", q.document_id),
            "citation": _ref("document", q.document_id),
            "isBasedOn": _ref("quote", q.continues) if q.continues else None,
            "description": q.note,
            "icc:source": q.source.text if q.source else None,
            "icc:cue": q.cue.text if q.cue else None,
        }
    )


def _comment_node(c: Comment) -> dict[str, Any]:
    author: dict[str, Any] | None = None
    if c.person_id is not None:
        author = _ref("person", c.person_id)
    elif c.author is not None:
        author = {"@type": "Person", "name": c.author}
    parent = _ref("comment", c.in_reply_to) if c.in_reply_to else _ref("document", c.document_id)
    return _drop_empty(
        {
            "@id": _ref("comment", c.id)["@id"],
            "@type": "Comment",
            "identifier": c.id,
            "text": c.text,
            "author": author,
            "position": c.position,
            "parentItem": parent,
            "about": _refs("organisation", c.organisation_ids),
        }
    )


def _organisation_node(o: Organisation) -> dict[str, Any]:
    return _drop_empty(
        {
            "@id": _ref("organisation", o.id)["@id"],
            "@type": "Organization",
            "identifier": o.id,
            "name": o.name,
            "alternateName": list(dict.fromkeys((*o.aliases, *o.well_known_names))),
            "keywords": o.kind.value,
            "address": {"@type": "PostalAddress", "addressCountry": o.country},
            "description": o.note,
        }
    )


def _person_node(p: Person) -> dict[str, Any]:
    organisations = dict.fromkeys(i for r in p.roles for i in r.organisation_ids)
    return _drop_empty(
        {
            "@id": _ref("person", p.id)["@id"],
            "@type": "Person",
            "identifier": p.id,
            "name": p.name,
            "alternateName": list(p.aliases),
            "jobTitle": list(dict.fromkeys(r.text for r in p.roles if not r.former)),
            "icc:formerJobTitle": list(dict.fromkeys(r.text for r in p.roles if r.former)),
            "affiliation": _refs("organisation", list(organisations)),
            "description": p.note,
        }
    )


def jsonld(corpus: Corpus) -> dict[str, Any]:
    """Return the corpus as one JSON-LD document of schema.org nodes.

    Documents are ``NewsArticle``, ``BlogPosting`` or (press releases)
    ``Article``; quotes are ``Quotation`` with a ``creator`` (the person,
    else the organisations credited) and ``isPartOf`` their document;
    comments are ``Comment`` with a ``parentItem`` (the comment answered, else
    the document); organisations and people are ``Organization`` and
    ``Person``. A ``Dataset`` node names the corpus version. Record IRIs are
    ``urn:integrated-care-corpus:<type>/<id>``.
    """
    from ._citation import citation  # noqa: PLC0415 - only this export needs it
    from ._errors import UnknownVersionError  # noqa: PLC0415

    try:
        cite: str | None = citation(version=corpus.version)
    except UnknownVersionError:  # a corpus folder of a version this package does not bundle
        cite = None
    dataset = {
        "@id": f"icc:corpus/{corpus.version}",
        "@type": "Dataset",
        "name": "integrated-care-corpus",
        "version": corpus.version,
        "citation": cite,
        "hasPart": _refs("document", [d.id for d in corpus.documents]),
    }
    graph: list[dict[str, Any]] = [
        _drop_empty(dataset),
        *(_document_node(corpus, d) for d in corpus.documents),
        *(_quote_node(q) for q in corpus.quotes),
        *(_comment_node(c) for c in corpus.comments),
        *(_organisation_node(o) for o in corpus.organisations),
        *(_person_node(p) for p in corpus.people),
    ]
    return {"@context": JSONLD_CONTEXT, "@graph": graph}
