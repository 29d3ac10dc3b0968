"""Build corpus resources from seeds and curation files, refusing any that fail a check.

The curation files (TOML, one per document, plus ``organisations.toml``,
``people.toml`` and ``corpus.toml``) never hold character offsets: they hold
the words, and the build finds them in the seed text, so every span is proved
by construction and every ambiguity is an error. See ``docs/curation.md``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from ._checks import Problem, check_records
from ._converter import converter, describe_structuring_error
from ._errors import CorpusError, CorpusIntegrityError
from ._files import data_root
from ._migrations import SCHEMA_VERSION
from ._records import (
    Comment,
    Document,
    Mention,
    Organisation,
    Person,
    Quote,
    Region,
    RegionKind,
    Span,
    Tombstone,
)
from ._resources import MANIFEST, RESOURCE_TYPES, RecordSet, is_version, version_key
from ._review import review_marks, without_review_marks
from ._rules import is_plain_file_name, is_sha256
from ._tombstones import check_tombstones
from ._versions import LOCK_FILE, read_lock

__all__ = ["BuildError", "build", "build_tombstones", "main", "write_corpus"]

_OPENERS = "‘“'\""
_CLOSERS = "’”'\""
_QUOTABLE = {RegionKind.HEADLINE, RegionKind.STANDFIRST, RegionKind.BODY, RegionKind.NOTES}


class BuildError(CorpusError):
    """The curation files or seeds fail a check; the message lists every problem."""


def _toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib  # noqa: PLC0415 - only the build needs it
    else:  # pragma: no cover - Python 3.10
        try:
            import tomli as tomllib  # noqa: PLC0415
        except ImportError as exc:
            msg = "building needs tomli on Python 3.10: pip install 'integrated-care-corpus[build]'"
            raise BuildError(msg) from exc
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        msg = f"{path}: not valid TOML: {exc}"
        raise BuildError(msg) from None
    except RecursionError:
        msg = f"{path}: nested too deeply to read; expected curation records a few levels deep"
        raise BuildError(msg) from None
    except UnicodeDecodeError as exc:
        msg = f"{path}: not UTF-8 (byte {exc.start}); expected a UTF-8 TOML file"
        raise BuildError(msg) from None
    except OSError as exc:
        msg = f"{path}: cannot be read ({exc.strerror or exc})"
        raise BuildError(msg) from None
    return data


def _known_keys(spec: dict[str, Any], allowed: set[str], path: Path) -> dict[str, Any]:
    """Return ``spec``, or raise naming its unknown keys (a misspelt ``[[tombstone]]``, say)."""
    extra = set(spec) - allowed
    if extra:
        msg = f"{path}: unknown keys {sorted(extra)}; expected some of {sorted(allowed)}"
        raise BuildError(msg)
    return spec


#: The keys of the curation files other than the documents' (each checked apart).
_CORPUS_KEYS = {"version", "tombstones"}


def _table_list(spec: dict[str, Any], key: str, path: Path) -> list[dict[str, Any]]:
    """Return ``spec[key]``, an array of tables (empty if absent), or raise naming the key."""
    value = spec.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        msg = f"{path}: key {key!r} must be an array of tables ([[{key}]]), got {value!r:.60}"
        raise BuildError(msg)
    return value


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")


def _boundary_matches(text: str, needle: str, *, ignore_case: bool = False) -> Iterator[Span]:
    """Yield spans of ``needle`` not inside a longer word (letters and digits)."""
    flags = re.IGNORECASE if ignore_case else 0
    for m in re.finditer(r"(?<![\w@])" + re.escape(needle) + r"(?!\w)", text, flags):
        yield Span(m.start(), m.end())


def _context(text: str, span: Span, width: int = 30) -> str:
    before = text[max(0, span.start - width) : span.start].replace("\n", " ")
    after = text[span.end : span.end + width].replace("\n", " ")
    return f"...{before}[{span.of(text)}]{after}..."


_ARTICLE = re.compile(r"(?:the|a|an)\s", re.IGNORECASE)


def _no_article(aliases: tuple[str, ...], where: str, problems: _Problems) -> None:
    """Aliases are stored without a leading article: lookups fold articles away."""
    for alias in aliases:
        if _ARTICLE.match(alias):
            problems.add(
                where,
                f"alias {alias!r} starts with an article; store it without one "
                f"({_ARTICLE.sub('', alias, count=1)!r})",
            )


class _DocumentBuilder:
    """Resolves one document's curation file against its seed text."""

    def __init__(self, path: Path, spec: dict[str, Any], text: str, problems: _Problems) -> None:
        self.path = path
        self.spec = spec
        self.text = text
        self.problems = problems
        self.id: str = spec.get("id", "?")

    def where(self, part: str) -> str:
        return f"{self.path.name} [{self.id}] {part}"

    def find_unique(self, needle: str, part: str, context: str | None = None) -> Span | None:
        """Find ``needle`` exactly once (inside ``context``, itself unique, when given)."""
        base = 0
        scope = self.text
        if context is not None:
            found = self.find_unique(context, f"{part} context")
            if found is None:
                return None
            base, scope = found.start, found.of(self.text)
        hits = [m.start() for m in re.finditer(re.escape(needle), scope)]
        if len(hits) != 1:
            self.problems.add(
                self.where(part),
                f"{needle!r} occurs {len(hits)} times"
                + (" in its context" if context else "")
                + "; expected exactly once (add or lengthen a 'context')",
            )
            return None
        return Span(base + hits[0], base + hits[0] + len(needle))

    def locate(self, item: Mapping[str, Any], part: str) -> Span | None:
        """Resolve an item given by ``text`` or by ``from`` and ``to`` anchors."""
        context = item.get("context")
        if "text" in item:
            return self.find_unique(item["text"], part, context)
        if "from" in item and "to" in item:
            start = self.find_unique(item["from"], f"{part} 'from'", context)
            if start is None:
                return None
            end = self.text.find(item["to"], start.start)
            if end < 0:
                self.problems.add(
                    self.where(part), f"'to' anchor {item['to']!r} not found after 'from'"
                )
                return None
            return Span(start.start, end + len(item["to"]))
        self.problems.add(self.where(part), "expected 'text', or 'from' and 'to'")
        return None

    def regions(self) -> tuple[Region, ...]:
        """Resolve regions in order, each starting at the first non-blank after the last."""
        out = []
        cursor = 0
        for i, item in enumerate(self.spec.get("regions", [])):
            part = f"regions[{i}] ({item.get('kind')})"
            start = cursor + (len(self.text[cursor:]) - len(self.text[cursor:].lstrip()))
            if "from" in item:
                found = self.text.find(item["from"], cursor)
                if found < 0:
                    self.problems.add(self.where(part), f"'from' {item['from']!r} not found")
                    continue
                start = found
            end = self.text.find(item["to"], start)
            if end < 0:
                self.problems.add(self.where(part), f"'to' {item['to']!r} not found after {start}")
                continue
            span = Span(start, end + len(item["to"]))
            try:
                out.append(Region(RegionKind(item["kind"]), span))
            except ValueError:
                self.problems.add(self.where(part), f"unknown region kind {item['kind']!r}")
            cursor = span.end
        return tuple(out)


def _record(cls: type[Any], raw: dict[str, Any], where: str, problems: _Problems) -> Any:  # noqa: ANN401
    try:
        return converter.structure(raw, cls)
    except Exception as exc:  # noqa: BLE001 - reworded for the curator
        for line in describe_structuring_error(exc):
            problems.add(where, line)
        return None


def _known(keys: Mapping[str, Any], allowed: set[str], where: str, problems: _Problems) -> None:
    extra = set(keys) - allowed
    if extra:
        problems.add(where, f"unknown keys {sorted(extra)}; expected some of {sorted(allowed)}")


_DOC_KEYS = {
    "id",
    "seed",
    "kind",
    "topics",
    "authors",
    "publisher",
    "published",
    "regions",
    "quotes",
    "comments",
    "mentions",
    "not_mentions",
    "non_quotes",
}
_QUOTE_KEYS = {
    "id",
    "text",
    "from",
    "to",
    "context",
    "speaker",
    "person",
    "organisations",
    "role",
    "kind",
    "attribution",
    "continues",
    "note",
    "source",
    "cue",
}
_EXCERPT_KEYS = {"text", "context"}
_COMMENT_KEYS = {
    "author",
    "person",
    "role",
    "affiliation",
    "organisations",
    "number",
    "in_reply_to",
}
_MENTION_KEYS = {"organisation", "person", "text", "count", "skip", "basis", "note"}


class _Build:
    def __init__(self, curation: Path, seeds: Path) -> None:
        self.curation = curation
        self.seeds = seeds
        self.problems = _Problems()
        #: The file being read, named by an error no check foresaw.
        self.current: Path | None = None

    def seed_texts(self) -> dict[str, tuple[str, str]]:
        """Read seeds, check them against SHA256SUMS, return name -> (text, sha256)."""
        sums_path = self.seeds / "SHA256SUMS"
        if not sums_path.is_file():
            msg = f"{sums_path}: missing; the seeds folder must hold a SHA256SUMS file"
            raise BuildError(msg)
        sums: dict[str, str] = {}
        try:
            lines = sums_path.read_bytes().decode("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            msg = f"{sums_path}: cannot be read as UTF-8 text ({exc})"
            raise BuildError(msg) from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            digest, _, name = line.strip().partition(" ")
            name = name.strip().removeprefix("*")  # the binary-mode marker of sha256sum
            if not is_sha256(digest) or not is_plain_file_name(name) or name in sums:
                self.problems.add(
                    f"seeds/SHA256SUMS line {number}",
                    f"expected '<64 lowercase hex digits>  <file name>', a plain file name "
                    f"in seeds/ listed once; got {line[:80]!r}",
                )
                continue
            sums[name] = digest
        out = {}
        for name, expected in sorted(sums.items()):
            path = self.seeds / name
            if not path.is_file():
                self.problems.add(f"seeds/{name}", "listed in SHA256SUMS but missing")
                continue
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest != expected:
                self.problems.add(
                    f"seeds/{name}", f"SHA-256 {digest} does not match SHA256SUMS {expected}"
                )
                continue
            try:
                out[name] = (data.decode("utf-8"), digest)
            except UnicodeDecodeError as exc:
                self.problems.add(f"seeds/{name}", f"not UTF-8 at byte {exc.start}")
        listed = {p.name for p in self.seeds.iterdir() if p.name != "SHA256SUMS"}
        for name in sorted(listed - set(sums)):
            self.problems.add(f"seeds/{name}", "not listed in SHA256SUMS")
        return out

    def run(self) -> tuple[str, RecordSet, dict[str, str]]:
        self.current = self.curation / "corpus.toml"
        corpus_spec = _known_keys(_toml(self.current), _CORPUS_KEYS, self.current)
        version = corpus_spec.get("version")
        if not isinstance(version, str) or not is_version(version):
            msg = f"{self.current}: key 'version' must be MAJOR.MINOR.PATCH in ASCII digits"
            raise BuildError(msg)
        self.current = self.seeds / "SHA256SUMS"
        seeds = self.seed_texts()
        self.current = self.curation / "organisations.toml"
        organisations = self.organisations()
        self.current = self.curation / "people.toml"
        people_toml = _known_keys(_toml(self.current), {"people"}, self.current)
        people_spec = _table_list(people_toml, "people", self.current)
        doc_files = sorted((self.curation / "documents").glob("*.toml"))
        docs: list[Document] = []
        quotes: list[Quote] = []
        comments: list[Comment] = []
        mentions: list[Mention] = []
        texts: dict[str, str] = {}
        used_seeds = set()
        for path in doc_files:
            self.current = path
            spec = self.reviewed(path, _toml(path))
            _known(spec, _DOC_KEYS, path.name, self.problems)
            seed = spec.get("seed")
            if seed not in seeds:
                self.problems.add(path.name, f"seed {seed!r} is not a checked file in seeds/")
                continue
            used_seeds.add(seed)
            text, digest = seeds[seed]
            builder = _DocumentBuilder(path, spec, text, self.problems)
            doc = self.document(builder, digest)
            if doc is None:
                continue
            docs.append(doc)
            texts[doc.id] = text
            quotes += self.quotes(builder, doc, people_spec)
            comments += self.comments(builder, doc)
            mentions += self.mentions(builder, doc)
            self.quote_marks(builder, doc, [q for q in quotes if q.document_id == doc.id])
        for seed in sorted(set(seeds) - used_seeds):
            self.problems.add(
                f"seeds/{seed}", "no curation file in curation/documents uses this seed"
            )
        self.current = self.curation / "people.toml"
        people = self.people(people_spec, texts)
        self.current = None
        docs.sort(key=lambda d: d.source.file)
        rank = {d.id: i for i, d in enumerate(docs)}
        by_place = lambda r: (rank.get(r.document_id, -1), r.span.start)  # noqa: E731
        records = RecordSet(
            documents=tuple(docs),
            quotes=tuple(sorted(quotes, key=by_place)),
            comments=tuple(sorted(comments, key=by_place)),
            organisations=tuple(sorted(organisations, key=lambda o: o.id)),
            people=tuple(sorted(people, key=lambda p: p.id)),
            mentions=tuple(sorted(mentions, key=by_place)),
        )
        self.alias_audit(records)
        checked: list[Problem] = check_records(records)
        for problem in checked:
            self.problems.add("check", str(problem))
        if self.problems.items:
            n = len(self.problems.items)
            raise BuildError(
                f"the build found {n} problem(s); nothing was written:\n  "
                + "\n  ".join(self.problems.items)
            )
        return version, records, {name: sha for name, (_, sha) in seeds.items()}

    def reviewed(self, path: Path, spec: dict[str, Any]) -> dict[str, Any]:
        """Refuse every entry still marked for review; check the rest as usual."""
        for key, message in review_marks(spec):
            self.problems.add(
                f"{path.name} [{spec.get('id', '?')}] {key}",
                f"still marked for review ({message}); check the entry against the text, "
                "correct it, and delete the 'review' line",
            )
        return without_review_marks(spec)

    def organisations(self) -> list[Organisation]:
        out = []
        path = self.curation / "organisations.toml"
        spec = _known_keys(_toml(path), {"organisations"}, path)
        for i, raw in enumerate(_table_list(spec, "organisations", path)):
            where = f"organisations.toml [{raw.get('id', i)}]"
            raw = {"aliases": [], **raw}  # noqa: PLW2901
            org = _record(Organisation, raw, where, self.problems)
            if org is not None:
                _no_article(org.aliases, where, self.problems)
                out.append(org)
        return out

    def people(self, specs: list[dict[str, Any]], texts: dict[str, str]) -> list[Person]:
        out = []
        for i, raw in enumerate(specs):
            pid = raw.get("id", i)
            roles = []
            for j, role in enumerate(raw.get("roles", [])):
                where = f"people.toml [{pid}] roles[{j}]"
                text = texts.get(role.get("document", ""))
                if text is None:
                    self.problems.add(where, f"document {role.get('document')!r} does not exist")
                    continue
                b = _DocumentBuilder(
                    Path("people.toml"), {"id": role["document"]}, text, self.problems
                )
                span = b.find_unique(role["text"], f"[{pid}] role", role.get("context"))
                if span is not None:
                    roles.append(
                        {
                            "document_id": role["document"],
                            "text": role["text"],
                            "span": attrs.asdict(span),
                            "organisation_ids": role.get("organisations", []),
                            "former": role.get("former", False),
                        }
                    )
            record = {k: v for k, v in raw.items() if k != "roles"}
            record = {"aliases": [], **record, "roles": roles}
            person = _record(Person, record, f"people.toml [{pid}]", self.problems)
            if person is not None:
                _no_article(person.aliases, f"people.toml [{pid}]", self.problems)
                out.append(person)
        return out

    def document(self, b: _DocumentBuilder, digest: str) -> Document | None:
        spec = b.spec
        regions = b.regions()
        headline = [r for r in regions if r.kind is RegionKind.HEADLINE]
        publisher = dict(spec.get("publisher", {}))
        published = dict(spec.get("published", {}))
        if isinstance(published.get("date"), _dt.date):
            published["date"] = published["date"].isoformat()
        raw = {
            "id": spec.get("id"),
            "title": headline[0].span.of(b.text) if headline else "",
            "kind": spec.get("kind"),
            "publisher": {"organisation_id": publisher.pop("organisation", None), **publisher},
            "authors": spec.get("authors", []),
            "published": {"date": None, **published},
            "topics": spec.get("topics", []),
            "source": {"file": spec["seed"], "sha256": digest},
            "regions": [converter.unstructure(r) for r in regions],
            "text": b.text,
        }
        doc = _record(Document, raw, b.where("document"), self.problems)
        return doc if isinstance(doc, Document) else None

    def quotes(
        self, b: _DocumentBuilder, doc: Document, people_spec: list[dict[str, Any]]
    ) -> list[Quote]:
        out = []
        for i, item in enumerate(b.spec.get("quotes", [])):
            part = f"quotes[{i}] ({item.get('id')})"
            _known(item, _QUOTE_KEYS, b.where(part), self.problems)
            span = b.locate(item, part)
            if span is None:
                continue
            role = None
            if "role" in item:
                role = self.quote_role(b, doc, item, people_spec, part)
            who = {
                name: self.excerpt(b, item[name], f"{part} {name}")
                for name in ("source", "cue")
                if name in item
            }
            raw = {
                "id": f"{doc.id}/{item.get('id')}",
                "document_id": doc.id,
                "text": span.of(b.text),
                "span": attrs.asdict(span),
                "speaker": item.get("speaker"),
                "person_id": item.get("person"),
                "organisation_ids": item.get("organisations", []),
                "role": role,
                "kind": item.get("kind"),
                "attribution": item.get("attribution", "stated"),
                "continues": f"{doc.id}/{item['continues']}" if "continues" in item else None,
                "note": item.get("note"),
                "source": who.get("source"),
                "cue": who.get("cue"),
            }
            speaker = item.get("speaker")
            if isinstance(speaker, str) and speaker not in b.text:
                self.problems.add(
                    b.where(part), f"speaker {speaker!r} is not printed in the document"
                )
            quote = _record(Quote, raw, b.where(part), self.problems)
            if quote is not None:
                out.append(quote)
        return out

    def excerpt(self, b: _DocumentBuilder, spec: object, part: str) -> dict[str, Any] | None:
        """Locate a quote's source or cue: words, or a table of ``text`` and ``context``.

        The words must occur exactly once in the document, or once inside
        their ``context`` (itself found exactly once).
        """
        if isinstance(spec, str):
            spec = {"text": spec}
        if not isinstance(spec, dict) or not isinstance(spec.get("text"), str):
            self.problems.add(
                b.where(part), "expected words, or a table with 'text' and optional 'context'"
            )
            return None
        _known(spec, _EXCERPT_KEYS, b.where(part), self.problems)
        context = spec.get("context")
        span = b.find_unique(spec["text"], part, context if isinstance(context, str) else None)
        if span is None:
            return None
        return {"text": span.of(b.text), "span": attrs.asdict(span)}

    def quote_role(
        self,
        b: _DocumentBuilder,
        doc: Document,
        item: Mapping[str, Any],
        people_spec: list[dict[str, Any]],
        part: str,
    ) -> dict[str, Any] | None:
        """Return the stated role a quote names, from its person's roles in that document."""
        person = next((p for p in people_spec if p.get("id") == item.get("person")), None)
        for role in (person or {}).get("roles", []):
            if role.get("document") == doc.id and role.get("text") == item["role"]:
                span = b.find_unique(role["text"], f"{part} role", role.get("context"))
                if span is None:
                    return None
                return {
                    "document_id": doc.id,
                    "text": role["text"],
                    "span": attrs.asdict(span),
                    "organisation_ids": role.get("organisations", []),
                    "former": role.get("former", False),
                }
        self.problems.add(
            b.where(part),
            f"role {item['role']!r} is not among the roles "
            f"people.toml gives {item.get('person')!r} in this document",
        )
        return None

    def comments(self, b: _DocumentBuilder, doc: Document) -> list[Comment]:
        regions = doc.regions_of(RegionKind.COMMENT)
        specs = b.spec.get("comments", [])
        if len(specs) != len(regions):
            self.problems.add(
                b.where("comments"),
                f"{len(specs)} comment entries for "
                f"{len(regions)} 'comment' regions; expected one entry per region",
            )
            return []
        out = []
        for i, (item, region) in enumerate(zip(specs, regions, strict=True), start=1):
            part = f"comments[{i - 1}]"
            _known(item, _COMMENT_KEYS, b.where(part), self.problems)
            for field in ("author", "role", "affiliation"):
                value = item.get(field)
                if isinstance(value, str) and value not in b.text:
                    self.problems.add(
                        b.where(part), f"{field} {value!r} is not printed in the document"
                    )
            raw = {
                "id": f"{doc.id}/c{i}",
                "document_id": doc.id,
                "position": i,
                "author": item.get("author"),
                "person_id": item.get("person"),
                "role": item.get("role"),
                "affiliation": item.get("affiliation"),
                "organisation_ids": item.get("organisations", []),
                "number": item.get("number"),
                "in_reply_to": item.get("in_reply_to"),
                "text": region.span.of(b.text),
                "span": attrs.asdict(region.span),
            }
            comment = _record(Comment, raw, b.where(part), self.problems)
            if comment is not None:
                out.append(comment)
        return out

    def mentions(self, b: _DocumentBuilder, doc: Document) -> list[Mention]:
        """Assign every occurrence of each listed name, longest names first."""
        specs = b.spec.get("mentions", [])
        candidates = []
        for i, item in enumerate(specs):
            _known(item, _MENTION_KEYS, b.where(f"mentions[{i}]"), self.problems)
            candidates += [(span, i) for span in _boundary_matches(b.text, item.get("text", ""))]
        taken: list[tuple[Span, int]] = []
        for span, i in sorted(candidates, key=lambda c: (-len(c[0]), c[0].start)):
            if not any(span.overlaps(t) for t, _ in taken):
                taken.append((span, i))
        out = []
        for i, item in enumerate(specs):
            part = f"mentions[{i}] ({item.get('text')!r})"
            spans = sorted((s for s, j in taken if j == i), key=lambda s: s.start)
            skip = set(item.get("skip", []))
            kept = [s for n, s in enumerate(spans, start=1) if n not in skip]
            if len(kept) != item.get("count"):
                where = "; ".join(_context(b.text, s) for s in spans) or "none"
                self.problems.add(
                    b.where(part),
                    f"found {len(kept)} occurrences, 'count' says "
                    f"{item.get('count')} (found: {where})",
                )
                continue
            for span in kept:
                raw = {
                    "id": f"{doc.id}/m{span.start}",
                    "document_id": doc.id,
                    "text": span.of(b.text),
                    "span": attrs.asdict(span),
                    "organisation_id": item.get("organisation"),
                    "person_id": item.get("person"),
                    "basis": item.get("basis", "stated"),
                    "note": item.get("note"),
                }
                mention = _record(Mention, raw, b.where(part), self.problems)
                if mention is not None:
                    out.append(mention)
        return out

    def quote_marks(self, b: _DocumentBuilder, doc: Document, quotes: list[Quote]) -> None:
        """Every opening quotation mark in quotable text opens a quote or a listed non-quote."""
        starts = {q.span.start for q in quotes}
        for i, item in enumerate(b.spec.get("non_quotes", [])):
            span = b.locate(item, f"non_quotes[{i}]")
            if not item.get("reason"):
                self.problems.add(b.where(f"non_quotes[{i}]"), "expected a 'reason'")
            if span is not None:
                if span.start == 0 or b.text[span.start - 1] not in _OPENERS:
                    self.problems.add(
                        b.where(f"non_quotes[{i}]"), "is not preceded by a quotation mark"
                    )
                starts.add(span.start)
        continued = {q.continues for q in quotes if q.continues}
        for q in quotes:
            if q.span.start == 0 or b.text[q.span.start - 1] not in _OPENERS:
                self.problems.add(b.where(q.id), "a quote must start right after an opening mark")
            after = b.text[q.span.end : q.span.end + 1]
            if after not in _CLOSERS and not (q.id in continued and after == "\n"):
                self.problems.add(
                    b.where(q.id),
                    "a quote must end right before a closing mark, "
                    "or at a paragraph end when the next paragraph continues it",
                )
        for region in doc.regions:
            if region.kind not in _QUOTABLE:
                continue
            for m in re.finditer(
                r"(?:(?<=^)|(?<=[\s(\[]))[‘“'\"](?=\S)", region.span.of(b.text), re.MULTILINE
            ):
                pos = region.span.start + m.end()
                if pos not in starts:
                    self.problems.add(
                        b.where("quote marks"),
                        "opening quotation mark is neither a "
                        "quote nor a listed non-quote: " + _context(b.text, Span(pos - 1, pos), 40),
                    )

    def alias_audit(self, records: RecordSet) -> None:
        """Every occurrence of a known name or alias is a mention or a listed exception."""
        names: list[tuple[str, str]] = []
        for org in records.organisations:
            names += [(n, org.id) for n in (org.name, *org.aliases)]
        for person in records.people:
            names += [(n, person.id) for n in (person.name, *person.aliases)]
        mention_spans: dict[str, list[Span]] = {}
        for m in records.mentions:
            mention_spans.setdefault(m.document_id, []).append(m.span)
        for path in sorted((self.curation / "documents").glob("*.toml")):
            spec = _toml(path)
            doc = next((d for d in records.documents if d.id == spec.get("id")), None)
            if doc is None:
                continue
            b = _DocumentBuilder(path, spec, doc.text, self.problems)
            excused = []
            for i, item in enumerate(spec.get("not_mentions", [])):
                span = b.locate(item, f"not_mentions[{i}]")
                if not item.get("reason"):
                    self.problems.add(b.where(f"not_mentions[{i}]"), "expected a 'reason'")
                if span is not None:
                    excused.append(span)
            covered = mention_spans.get(doc.id, []) + excused
            for name, target in names:
                for span in _boundary_matches(doc.text, name, ignore_case=True):
                    if not any(span.overlaps(c) for c in covered):
                        self.problems.add(
                            b.where("mentions"),
                            f"{name!r} ({target}) is named but "
                            f"not annotated: {_context(doc.text, span)}",
                        )


def build(curation: Path, seeds: Path) -> tuple[str, RecordSet, dict[str, str]]:
    """Resolve and check the curation against the seeds; return version, records, seed sums.

    Raises:
        BuildError: Any check failed; the message lists every problem.
    """
    builder = _Build(curation, seeds)
    try:
        return builder.run()
    except CorpusError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        # A curation file of a shape no check foresaw: name it, and what broke.
        where = builder.current or curation
        detail = f"missing key {exc.args[0]!r}" if isinstance(exc, KeyError) else str(exc)
        msg = f"{where}: malformed curation ({detail}); nothing was written"
        raise BuildError(msg) from None


def build_tombstones(curation: Path, version: str, records: RecordSet) -> tuple[Tombstone, ...]:
    """Read the ``[[tombstones]]`` of ``corpus.toml``: every id removed since an earlier version.

    A removed id keeps its entry in every later version, so the list only grows.

    Raises:
        BuildError: An entry is malformed, or names a live id or a missing replacement.
    """
    path = curation / "corpus.toml"
    specs = _table_list(_known_keys(_toml(path), _CORPUS_KEYS, path), "tombstones", path)
    problems = _Problems()
    found = []
    for i, spec in enumerate(specs):
        tombstone = _record(Tombstone, spec, f"{path.name} tombstones[{i}]", problems)
        if tombstone is not None:
            found.append(tombstone)
    tombstones = tuple(found)
    for problem in check_tombstones(version, records, tombstones):
        problems.add(path.name, str(problem))
    if problems.items:
        raise BuildError("\n  ".join(["bad tombstones; nothing was written:", *problems.items]))
    return tombstones


def _dump(value: Any) -> bytes:  # noqa: ANN401 - any JSON value
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


#: The first package whose build writes each resource's size into the manifest;
#: versions first released by an older package are rebuilt without sizes.
_SIZES_SINCE = (1, 2, 0)


def write_corpus(
    version: str,
    records: RecordSet,
    seed_sums: dict[str, str],
    out: Path,
    tombstones: tuple[Tombstone, ...] = (),
) -> Path:
    """Write resources and manifest to ``out/<version>/``, byte for byte deterministic.

    ``tombstones.json`` is written, and listed in the manifest, only when
    there are tombstones. Every file is written into a temporary folder
    beside the version's, which then takes its place: a failure leaves what
    was there before.

    Raises:
        CorpusIntegrityError: ``out``'s versions lock marks ``version`` as
            released and the build's bytes differ from the released ones.
    """
    released = read_lock(out).get(version)
    first = released or read_lock().get(version)
    sizes = first is None or _locked_with_sizes(out, version, first)
    files: dict[str, bytes] = {}
    resources: dict[str, dict[str, Any]] = {}
    named = [(f"{name}.json", getattr(records, name)) for name in RESOURCE_TYPES]
    if tombstones:
        named.append(("tombstones.json", tombstones))
    for file, items in named:
        data = files[file] = _dump([converter.unstructure(item) for item in items])
        resources[file] = {"sha256": hashlib.sha256(data).hexdigest(), "count": len(items)}
        if sizes:
            resources[file]["size"] = len(data)
    manifest = {
        "corpus_version": version,
        "schema_version": SCHEMA_VERSION,
        "resources": resources,
        "seeds": dict(sorted(seed_sums.items())),
    }
    files[MANIFEST] = _dump(manifest)
    if released is not None:
        locked = {MANIFEST: released["manifest_sha256"], **released["resources"]}
        digests = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
        if digests != locked:
            changed = sorted(
                n for n in set(digests) | set(locked) if digests.get(n) != locked.get(n)
            )
            msg = (
                f"corpus {version} is released (data/{LOCK_FILE}) and this build changes "
                f"{', '.join(changed)}; bump `version` in curation/corpus.toml to release "
                "the change as a new corpus version"
            )
            raise CorpusIntegrityError(msg)
    return _replace_folder(out / version, files)


def _locked_with_sizes(out: Path, version: str, entry: dict[str, Any]) -> bool:
    """Say whether a locked version's manifest lists sizes: a rebuild keeps its form."""
    for root in (out, data_root()):
        manifest = root.joinpath(version, MANIFEST)
        if manifest.is_file():
            return b'"size"' in manifest.read_bytes()
    return version_key(entry["package"]) >= _SIZES_SINCE


def _replace_folder(folder: Path, files: Mapping[str, bytes]) -> Path:
    """Write ``files`` into a fresh temporary folder, then put it in ``folder``'s place."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    # Dot-names are no version: versions() never lists a half-written folder.
    temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    old = folder.parent / f"{temp.name}.old"
    try:
        for name, data in files.items():
            (temp / name).write_bytes(data)
        temp.chmod(0o755)
        if folder.exists():
            folder.rename(old)
        temp.rename(folder)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        if old.exists() and not folder.exists():
            old.rename(folder)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    """Build the corpus: ``python -m integrated_care_corpus build``."""
    import argparse  # noqa: PLC0415 - only the command line needs it

    parser = argparse.ArgumentParser(
        prog="integrated-care-corpus build",
        description="Build corpus resources from seeds and curation files.",
    )
    parser.add_argument("--curation", type=Path, default=Path("curation"))
    parser.add_argument("--seeds", type=Path, default=Path("seeds"))
    parser.add_argument("--out", type=Path, default=Path("src/integrated_care_corpus/data"))
    args = parser.parse_args(argv)
    try:
        version, records, sums = build(args.curation, args.seeds)
        tombstones = build_tombstones(args.curation, version, records)
        folder = write_corpus(version, records, sums, args.out, tombstones)
    except (CorpusError, OSError) as exc:
        print(f"integrated-care-corpus: error: build: {exc}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(getattr(records, n))} {n}" for n in RESOURCE_TYPES)
    print(f"wrote corpus {version} to {folder}: {counts}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
