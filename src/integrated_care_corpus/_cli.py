r"""The ``integrated-care-corpus`` command: query, show, search, verify and export.

Exit codes: 0 on success; 1 when nothing is found (an empty listing or
search, an unknown id, name or corpus version), when verification fails, when
data is refused, or when a file cannot be read or written; 2 for a usage error
(an unknown option, a malformed date, a missing folder); 70 for an internal
error, a fault in the package itself. Errors are one line on standard error;
no command prints a traceback unless ``--debug`` asks for one. Control
characters in the data (and in anything else written) are shown escaped
(``\x1b``), so that no record can drive the terminal.

Everything but :mod:`argparse` is imported when a command runs, so that the
package's import stays cheap.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from ._console import Console
    from ._corpus import Corpus
    from ._records import Comment, Document, Mention, Organisation, Person, Quote

__all__ = ["main"]

PROG = "integrated-care-corpus"

#: Subcommands run by a module's own ``main(argv)``: name -> (module, help).
_DELEGATED = {
    "diff": ("._diff", "what changed between two corpus versions"),
    "draft": ("._draft", "a curation file pre-filled from a text, every guess marked for review"),
    "extract": ("._extract", "find the quotes texts credit to someone, with speakers and cues"),
    "lock": ("._versions", "record a corpus version as released, or check the released ones"),
    "schema": ("._schema", "write the JSON Schemas and the format reference"),
    "score": ("._score", "score predicted quotes against the corpus's quotes"),
}

#: Every subcommand, as ``_parser`` defines them.
_SUBCOMMANDS = frozenset(
    {"info", "list", "show", "search", "verify", "export", "build", *_DELEGATED}
)

OK, NOTHING, USAGE = 0, 1, 2
_RAW_IN_JSON = re.compile("[\x7f-\x9f\ud800-\udfff]")
#: An unexpected error in the package itself (``EX_SOFTWARE`` of sysexits.h).
INTERNAL = 70
#: Asks for the traceback of an internal error; accepted before or after the command.
DEBUG = "--debug"


class UsageError(Exception):
    """A mistake in the command line that argparse cannot see (exit code 2)."""


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, sized to the terminal without importing ``shutil``.

    argparse asks ``shutil`` for the terminal's width whenever a parser is
    built, and ``shutil`` imports the compression modules: more than the
    rest of a short command costs. The width is the same.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
        **kwargs: Any,  # noqa: ANN401 - whatever a newer argparse passes on
    ) -> None:
        if width is None:
            from ._console import terminal_columns  # noqa: PLC0415 - output needs it anyway

            width = terminal_columns(80) - 2  # as argparse sizes it
        super().__init__(prog, indent_increment, max_help_position, width, **kwargs)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors have the one prefix and suggest close matches."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        """Print the usage and one error line, with a close match if there is one; exit 2."""
        self.print_usage(sys.stderr)
        where = self.prog.removeprefix(PROG).strip()
        line = f"{where}: {message}" if where else message
        self.exit(USAGE, f"{PROG}: error: {line}{_did_you_mean(self, message)}\n")


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [o for action in parser._actions for o in action.option_strings if o.startswith("--")]  # noqa: SLF001 - argparse keeps them here


def _did_you_mean(parser: argparse.ArgumentParser, message: str) -> str:
    """Return "; did you mean ...?" for a misspelt option, command or choice, or ""."""
    import difflib  # noqa: PLC0415
    import re  # noqa: PLC0415

    choice = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
    if choice:
        choices = re.findall(r"'([^']*)'", choice.group(2))
        asked = choice.group(1)
    else:
        unknown = re.search(r"unrecogni[sz]ed arguments?: (.*)", message)
        flags = [a for a in (unknown.group(1).split() if unknown else ()) if a.startswith("-")]
        if not flags:
            return ""
        asked, choices = flags[0].partition("=")[0], _options(parser)
    close = difflib.get_close_matches(asked, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else ""


class _Version(argparse.Action):
    """``--version``: the package and its newest bundled corpus, read only when asked."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        from importlib.metadata import version  # noqa: PLC0415

        from ._loading import versions  # noqa: PLC0415

        print(f"{PROG} {version(PROG)} (corpus {versions()[-1]})")
        parser.exit(OK)


# --- helpers -------------------------------------------------------------------


def _error(message: str) -> None:
    first, *rest = str(message).splitlines() or [""]
    print(f"{PROG}: error: {first}", file=sys.stderr)
    for line in rest:
        print(f"  {line.strip()}", file=sys.stderr)


def _json_default(value: object) -> object:
    import datetime as _dt  # noqa: PLC0415

    if isinstance(value, _dt.date):
        return value.isoformat()
    msg = f"cannot write {type(value).__name__} as JSON"
    raise TypeError(msg)


def _print_json(value: object) -> None:
    import json  # noqa: PLC0415

    text = json.dumps(value, ensure_ascii=False, indent=2, default=_json_default)
    # json escapes C0 controls; DEL, C1 controls and lone surrogates are escaped
    # here the JSON way, so that the output stays JSON and has no raw controls.
    print(_RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def _load(args: argparse.Namespace) -> Corpus:
    from ._loading import load  # noqa: PLC0415

    return load(args.corpus_version)


def _console() -> Console:
    from ._console import Console  # noqa: PLC0415

    return Console()


# --- info --------------------------------------------------------------------------


def _manifest(version: str) -> dict[str, Any]:
    import json  # noqa: PLC0415

    from ._files import data_root  # noqa: PLC0415
    from ._resources import MANIFEST  # noqa: PLC0415

    entry = data_root().joinpath(version).joinpath(MANIFEST)
    manifest: dict[str, Any] = json.loads(entry.read_bytes())
    return manifest


def _info(args: argparse.Namespace) -> int:
    from ._citation import citation  # noqa: PLC0415
    from ._files import package_version  # noqa: PLC0415
    from ._loading import versions  # noqa: PLC0415

    __version__ = package_version()
    corpus = _load(args)
    # Counted here, in one pass each, rather than through the query indexes,
    # which this one command would otherwise import and build.
    counts: dict[str, dict[str, int]] = {doc.id: {} for doc in corpus.documents}
    for kind, records in (
        ("quotes", corpus.quotes),
        ("comments", corpus.comments),
        ("mentions", corpus.mentions),
    ):
        for record in records:
            tally = counts[record.document_id]
            tally[kind] = tally.get(kind, 0) + 1
    per_document = [
        {
            "id": doc.id,
            "kind": doc.kind.value,
            "published": doc.published.date,
            **{kind: counts[doc.id].get(kind, 0) for kind in ("quotes", "comments", "mentions")},
        }
        for doc in corpus.documents
    ]
    resources = _manifest(corpus.version)["resources"]
    checksums = {name: entry["sha256"] for name, entry in resources.items()}
    info: dict[str, Any] = {
        "package_version": __version__,
        "corpus_version": corpus.version,
        "schema_version": corpus.schema_version,
        "bundled_versions": list(versions()),
        "counts": corpus.counts(),
        "documents": per_document,
        "checksums": checksums,
        "citation": {
            "text": citation(version=corpus.version),
            "bibtex": citation("bibtex", version=corpus.version),
        },
    }
    if args.json:
        _print_json(info)
        return OK
    console = _console()
    console.print(
        console.bold(f"integrated-care-corpus {__version__}")
        + f", corpus {corpus.version} (schema {corpus.schema_version}); "
        f"bundled versions: {', '.join(versions())}"
    )
    console.print("  ".join(f"{n} {name}" for name, n in corpus.counts().items()))
    console.print()
    for row in per_document:
        row["published"] = row["published"] or "undated"
    console.table(("id", "kind", "published", "quotes", "comments", "mentions"), per_document)
    console.print()
    console.print(console.bold("SHA-256 of each resource"))
    console.table(
        ("resource", "sha256"), [{"resource": k, "sha256": v} for k, v in checksums.items()]
    )
    console.print()
    console.print(console.bold("How to cite"))
    console.print(info["citation"]["text"])
    return OK


# --- list ------------------------------------------------------------------------

#: What each ``list`` filter option is called in the Python helpers.
_FILTERS: dict[str, tuple[str, ...]] = {
    "documents": (
        "publisher",
        "kind",
        "author",
        "topic",
        "since",
        "until",
        "mentions",
        "quoting",
        "text",
    ),
    "quotes": ("speaker", "organisation", "document", "kind", "since", "until", "text"),
    "comments": (
        "document",
        "author",
        "affiliation",
        "organisation",
        "anonymous",
        "since",
        "until",
        "text",
    ),
    "organisations": ("kind", "country"),
    "people": ("organisation", "role"),
    "mentions": ("of", "document", "basis"),
}


def _listing(corpus: Corpus, what: str, args: argparse.Namespace) -> Any:  # noqa: ANN401
    criteria = {
        name: getattr(args, name) for name in _FILTERS[what] if getattr(args, name) is not None
    }
    finders: dict[str, Callable[..., Any]] = {
        "documents": corpus.find_documents,
        "quotes": corpus.find_quotes,
        "comments": corpus.find_comments,
        "organisations": corpus.find_organisations,
        "people": corpus.find_people,
        "mentions": corpus.find_mentions,
    }
    try:
        return finders[what](**criteria)
    except (ValueError, TypeError) as exc:
        raise UsageError(str(exc)) from None


#: Columns a table narrows only when the free-text columns cannot give enough.
_FIXED = frozenset({"id", "kind", "published", "country", "basis", "start", "end", "count"})


def _mark_inferred(row: dict[str, Any]) -> dict[str, Any]:
    """Say so in the cell where a document's date or publisher is the editor's inference."""
    out = dict(row)
    for value, basis in (("published", "published_basis"), ("publisher_id", "publisher_basis")):
        if out[value] is not None and out[basis] == "inferred":
            out[value] = f"{out[value]} (inferred)"
    return out


def _list(args: argparse.Namespace) -> int:
    from . import _rows  # noqa: PLC0415
    from ._records import Document  # noqa: PLC0415

    corpus = _load(args)
    results = _listing(corpus, args.what, args)
    rows = results.to_dicts()
    shown = rows if args.limit is None else rows[: args.limit]
    if args.json:
        _print_json(shown)
    elif rows:
        console = _console()
        columns = _rows.DISPLAY[results.item_type]
        if results.item_type is Document:
            shown = [_mark_inferred(row) for row in shown]
        console.table(columns, shown, flexible=[c for c in columns if c not in _FIXED])
        if len(shown) < len(rows):
            console.print(console.dim(f"… {len(rows) - len(shown)} more (--limit {args.limit})"))
    if not rows:
        print(f"no {args.what} match", file=sys.stderr)
        return NOTHING
    return OK


# --- show ------------------------------------------------------------------------

_SUFFIXES = {"q": "quote", "c": "comment", "m": "mention"}


def _find_record(
    corpus: Corpus, key: str
) -> tuple[str, Document | Quote | Comment | Mention | Organisation | Person]:
    """Return ``(kind, record)`` for an id (or an organisation's or person's name)."""
    from ._errors import RemovedRecordError, UnknownRecordError  # noqa: PLC0415

    document_id, slash, rest = key.rpartition("/")
    kind = _SUFFIXES.get(rest[:1]) if slash else None
    if kind is not None and document_id:
        lookup: Callable[[str], Any] = getattr(corpus, kind)
        return kind, lookup(key)
    errors: list[UnknownRecordError] = []
    for kind in ("document", "organisation", "person"):
        try:
            return kind, getattr(corpus, kind)(key)
        except RemovedRecordError:
            raise
        except UnknownRecordError as exc:
            errors.append(exc)
    ids = [
        r.id
        for records in (
            corpus.documents,
            corpus.quotes,
            corpus.comments,
            corpus.organisations,
            corpus.people,
        )
        for r in records
    ]
    error = UnknownRecordError("record", key, ids)
    if not error.suggestions:
        error.suggestions = tuple(s for e in errors for s in e.suggestions)[:3]
    raise error


def _fields(value: object, prefix: str = "") -> list[tuple[str, str]]:
    """Flatten an unstructured record into ``(dotted name, text)`` lines."""
    from ._console import cell_text  # noqa: PLC0415

    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            out.extend(_fields(item, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        out = []
        for index, item in enumerate(value):
            out.extend(_fields(item, f"{prefix}[{index}]"))
        return out
    return [(prefix, cell_text(value) if value not in (None, []) else "-")]


def _show(args: argparse.Namespace) -> int:
    from ._converter import converter  # noqa: PLC0415
    from ._records import Comment, Document, Mention, Quote  # noqa: PLC0415

    corpus = _load(args)
    kind, record = _find_record(corpus, args.id)
    data = converter.unstructure(record)
    context: dict[str, Any] | None = None
    if isinstance(record, (Quote, Comment, Mention)):
        span, text = record.span, corpus.document(record.document_id).text
        start = max(span.start - args.context, 0)
        end = min(span.end + args.context, len(text))
        context = {
            "document_id": record.document_id,
            "start": span.start,
            "end": span.end,
            "before": text[start : span.start],
            "text": text[span.start : span.end],
            "after": text[span.end : end],
        }
    if args.json:
        _print_json({"kind": kind, "record": data, "context": context})
        return OK
    console = _console()
    console.print(console.bold(f"{kind} {record.id}"))
    body = data.pop("text", None) if isinstance(record, Document) else None
    lines = _fields(data)
    width = max(len(name) for name, _ in lines)
    for name, value in lines:
        console.print(f"{console.dim(name.ljust(width))}  {value}")
    if context is not None:
        before, inner, after = context["before"], context["text"], context["after"]
        console.print()
        console.print(
            console.bold(f"in {context['document_id']} [{context['start']}, {context['end']}):")
        )
        shown = ("…" if start > 0 else "") + before
        marked = console.mark(shown + inner + after, len(shown), len(shown) + len(inner))
        console.print(marked + ("…" if end < len(text) else ""))
    if body is not None:
        console.print()
        console.print(console.bold("text:"))
        console.print(body)
    return OK


# --- search ------------------------------------------------------------------------


def _highlight(snippet: str, matched: str, context: int) -> tuple[int, int]:
    """Return where the match is in a hit's snippet: the occurrence nearest the expected place."""
    needle = " ".join(matched.split())
    expected = context + (1 if snippet.startswith("…") else 0)
    found = []
    at = snippet.find(needle)
    while at >= 0 and needle:
        found.append(at)
        at = snippet.find(needle, at + 1)
    if not found:
        return 0, 0
    start = min(found, key=lambda i: abs(i - expected))
    return start, start + len(needle)


def _search(args: argparse.Namespace) -> int:
    from ._console import Highlighted  # noqa: PLC0415
    from ._search import Query  # noqa: PLC0415

    if not args.text.strip():
        msg = "search: give some text to look for"
        raise UsageError(msg)
    try:  # syntax search does not support is the user's to fix, before a load
        Query.parse(args.text, whole_word=args.whole_word)
    except ValueError as exc:
        msg = f"search: {exc}"
        raise UsageError(msg) from None
    corpus = _load(args)
    hits = corpus.search(
        args.text, whole_word=args.whole_word, kinds=args.kind, context=args.context
    )
    shown = hits if args.limit is None else hits[: args.limit]
    if args.json:
        _print_json(shown.to_dicts())
    elif hits:
        console = _console()
        rows = []
        for hit in shown:
            start, end = _highlight(hit.snippet, hit.text, args.context)
            rows.append(
                {
                    "kind": hit.kind,
                    "id": hit.record.id,
                    "span": f"{hit.span.start}:{hit.span.end}",
                    "snippet": Highlighted(hit.snippet, start, end),
                }
            )
        console.table(("kind", "id", "span", "snippet"), rows, flexible=("snippet",))
        if len(shown) < len(hits):
            console.print(console.dim(f"… {len(hits) - len(shown)} more (--limit {args.limit})"))
    if not hits:
        print(f"no hits for {args.text!r}", file=sys.stderr)
        return NOTHING
    return OK


# --- verify ------------------------------------------------------------------------


def _verify(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415

    from ._errors import CorpusError, UnknownVersionError  # noqa: PLC0415
    from ._loading import load, load_path  # noqa: PLC0415

    if args.path is not None:
        path = Path(args.path)
        if not path.exists():
            msg = f"{path}: no such file or directory"
            raise UsageError(msg)
        if args.corpus_version is not None:
            msg = "give a corpus folder or --corpus-version, not both"
            raise UsageError(msg)
        where = str(path)
    else:
        where = f"bundled corpus {args.corpus_version or '(newest)'}"
    try:
        corpus = load_path(args.path) if args.path is not None else load(args.corpus_version)
    except UnknownVersionError:
        raise
    except CorpusError as exc:
        if args.json:
            _print_json(
                {"ok": False, "corpus": where, "error": type(exc).__name__, "message": str(exc)}
            )
        _error(f"verification failed: {exc}")
        return NOTHING
    counts = corpus.counts()
    spans = (
        sum(counts[k] for k in ("quotes", "comments", "mentions"))
        + sum(len(d.regions) for d in corpus.documents)
        + sum(len(p.roles) for p in corpus.people)
    )
    report = {
        "ok": True,
        "corpus": where,
        "corpus_version": corpus.version,
        "schema_version": corpus.schema_version,
        "counts": counts,
        "spans_checked": spans,
    }
    if args.json:
        _print_json(report)
    else:
        console = _console()
        console.print(
            f"ok: {where}: corpus {corpus.version} (schema {corpus.schema_version}); "
            "checksums match the manifest; "
            f"{spans} spans and every reference checked"
        )
        console.print("  ".join(f"{n} {name}" for name, n in counts.items()))
    return OK


# --- export --------------------------------------------------------------------------


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415

    from ._export import export  # noqa: PLC0415

    out = Path(args.out)
    if out.exists() and not out.is_dir() and not out.is_symlink():
        msg = f"--out {out}: not a directory"
        raise UsageError(msg)
    corpus = _load(args)
    paths = export(corpus, args.format, args.out, force=args.force)
    if args.json:
        _print_json(
            {
                "format": args.format,
                "corpus_version": corpus.version,
                "files": [str(p) for p in paths],
            }
        )
    else:
        print(f"wrote corpus {corpus.version} as {args.format} to {out}:")
        for path in paths:
            print(f"  {path.relative_to(out).as_posix()}")
    return OK


# --- the parser ----------------------------------------------------------------------


def _export_format(value: str) -> str:
    """Accept a format the export registry holds (imported only when export runs)."""
    from ._export import FORMATS  # noqa: PLC0415

    if value not in FORMATS:
        msg = f"unknown format {value!r}; expected one of {', '.join(FORMATS)}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        msg = f"expected a whole number >= 0, got {value!r}"
        raise argparse.ArgumentTypeError(msg)
    return number


def _vocabulary(enum_name: str, help_text: str) -> dict[str, Any]:
    """Return ``add_argument`` keywords for a vocabulary option, read as Python reads it.

    The value may be written as the Python argument may (``"think tank"``,
    ``think_tank``, ``THINK-TANK``); a wrong one is a usage error naming the allowed values.
    """
    from . import _records  # noqa: PLC0415 - records are light (attrs only)

    cls = getattr(_records, enum_name)
    values = [member.value for member in cls]

    def read(value: str) -> str:
        from ._criteria import vocabulary  # noqa: PLC0415
        from ._errors import UnknownRecordError  # noqa: PLC0415

        try:
            member: Any = vocabulary(cls, value, _WHAT.get(enum_name, enum_name))
        except UnknownRecordError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
        return str(member.value)

    read.__name__ = enum_name  # argparse names the type in its errors
    return {
        "type": read,
        "metavar": "VALUE",
        "help": help_text.format(choices=", ".join(values)),
    }


#: What a vocabulary is called in an error.
_WHAT = {
    "DocumentKind": "document kind",
    "QuoteKind": "quote kind",
    "OrganisationKind": "organisation kind",
    "Topic": "topic",
    "Basis": "basis",
}


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """Return the command line's parser; ``command``, if given, the one subcommand to define.

    With ``command`` ``None`` every subcommand is defined, for ``--help`` and
    for the close-match suggestion a mistyped command gets. Given the name of
    the subcommand the arguments ask for, only it is defined: building every
    subcommand's parser costs more than a short command's own work, and the
    arguments are parsed the same way.
    """

    def wanted(name: str) -> bool:
        return command is None or command == name

    common = _Parser(add_help=False)
    common.add_argument(
        "--corpus-version",
        metavar="X",
        default=None,
        help="bundled corpus version, exact (1.0.0) or a prefix (1); default: the newest",
    )
    common.add_argument("--json", action="store_true", help="write JSON, for scripts")
    limit = _Parser(add_help=False)
    limit.add_argument("--limit", type=_positive, metavar="N", help="show at most N rows")

    parser = _Parser(
        prog=PROG,
        description="Query, search, verify and export the integrated care corpus.",
        epilog=(
            "Exit codes: 0 success, 1 nothing found, data refused or verification failed, "
            "2 usage error, 70 internal error (--debug shows its traceback)."
        ),
    )
    parser.add_argument(DEBUG, action="store_true", help="show the traceback of an internal error")
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="print the package and newest corpus versions"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    if wanted("info"):
        sub.add_parser(
            "info", parents=[common], help="versions, record counts, checksums and how to cite"
        )

    if wanted("list"):
        listing = sub.add_parser("list", help="list records, filtered as the Python helpers filter")
        kinds = listing.add_subparsers(dest="what", required=True, metavar="RECORDS")
        dates = _Parser(add_help=False)
        dates.add_argument("--since", metavar="DATE", help="published on or after (2011, 2011-06)")
        dates.add_argument("--until", metavar="DATE", help="published on or before")
        text = _Parser(add_help=False)
        text.add_argument("--text", help="containing this text (as search matches it)")
        parents = [common, limit]

        docs = kinds.add_parser("documents", parents=[*parents, dates, text], help="documents")
        docs.add_argument(
            "--publisher", metavar="ORG", action="append", help="published by (repeatable)"
        )
        docs.add_argument(
            "--kind", **_vocabulary("DocumentKind", "of this kind: {choices}"), action="append"
        )
        docs.add_argument(
            "--author", metavar="PERSON", action="append", help="written by this person"
        )
        docs.add_argument(
            "--topic", **_vocabulary("Topic", "tagged with: {choices}"), action="append"
        )
        docs.add_argument(
            "--mentions", metavar="NAME", action="append", help="naming an organisation or person"
        )
        docs.add_argument(
            "--quoting", metavar="PERSON", action="append", help="quoting this person"
        )

        quotes = kinds.add_parser("quotes", parents=[*parents, dates, text], help="quotes")
        quotes.add_argument(
            "--speaker",
            metavar="NAME",
            action="append",
            help="said by this person or organisation, or a speaker's name as printed",
        )
        quotes.add_argument("--organisation", metavar="ORG", action="append", help="speaking for")
        quotes.add_argument(
            "--document", metavar="DOC", action="append", help="a document id or title"
        )
        quotes.add_argument("--kind", **_vocabulary("QuoteKind", "{choices}"), action="append")

        comments = kinds.add_parser("comments", parents=[*parents, dates, text], help="comments")
        comments.add_argument(
            "--document", metavar="DOC", action="append", help="under this document"
        )
        comments.add_argument("--author", metavar="PERSON", action="append", help="signed by")
        comments.add_argument(
            "--affiliation", metavar="WORDS", help="stated affiliation containing"
        )
        comments.add_argument(
            "--organisation", metavar="ORG", action="append", help="naming it in the affiliation"
        )
        signed = comments.add_mutually_exclusive_group()
        signed.add_argument(
            "--anonymous", action="store_const", const=True, default=None, help="unsigned only"
        )
        signed.add_argument(
            "--signed", dest="anonymous", action="store_const", const=False, help="signed only"
        )

        orgs = kinds.add_parser("organisations", parents=parents, help="organisations")
        orgs.add_argument(
            "--kind", **_vocabulary("OrganisationKind", "of this kind: {choices}"), action="append"
        )
        orgs.add_argument(
            "--country", metavar="CODE", action="append", help="ISO 3166-1 alpha-2 code"
        )

        people = kinds.add_parser("people", parents=parents, help="people")
        people.add_argument(
            "--organisation", metavar="ORG", action="append", help="with a role tied to it"
        )
        people.add_argument("--role", metavar="WORDS", help="with a stated role containing these")

        mentions = kinds.add_parser("mentions", parents=parents, help="mentions")
        mentions.add_argument(
            "--of", metavar="NAME", action="append", help="an organisation or person"
        )
        mentions.add_argument("--document", metavar="DOC", action="append", help="in this document")
        mentions.add_argument("--basis", **_vocabulary("Basis", "{choices}"))

    if wanted("show"):
        show = sub.add_parser(
            "show", parents=[common], help="one record in full, with its place in the text"
        )
        show.add_argument("id", help="a record id, or an organisation's or person's name")
        show.add_argument(
            "--context", type=_positive, default=200, metavar="N", help="characters of context"
        )

    if wanted("search"):
        search = sub.add_parser(
            "search", parents=[common, limit], help="find text; highlighted hits"
        )
        search.add_argument(
            "text",
            help="what to look for (case, accents, quote marks, hyphens ignored; "
            'integrat* for a prefix, "social care" for whole words)',
        )
        search.add_argument(
            "--kind",
            choices=["documents", "quotes", "comments"],
            action="append",
            help="search only these texts (repeatable)",
        )
        search.add_argument("--whole-word", action="store_true", help="match whole words only")
        search.add_argument(
            "--context", type=_positive, default=40, metavar="N", help="characters of context"
        )

    if wanted("verify"):
        verify = sub.add_parser(
            "verify", parents=[common], help="check checksums, spans and references"
        )
        verify.add_argument("path", nargs="?", help="a corpus folder (default: the bundled corpus)")

    if wanted("export"):
        export = sub.add_parser(
            "export", parents=[common], help="write the corpus in a standard format"
        )
        export.add_argument(
            "--format",
            required=True,
            type=_export_format,
            metavar="FORMAT",
            help=(
                "json, jsonl, csv, parquet, jsonld, spacy, html "
                "(every format the package registers)"
            ),
        )
        export.add_argument("--out", required=True, metavar="DIR", help="folder to write")
        export.add_argument(
            "--force",
            action="store_true",
            help="replace DIR even if it is a non-empty folder that is not an earlier export",
        )

    if wanted("build"):
        sub.add_parser(
            "build", help="build corpus resources from seeds and curation files", add_help=False
        )
    for name, (_, help_text) in _DELEGATED.items():
        if wanted(name):
            sub.add_parser(name, help=help_text, add_help=False)
    return parser


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "info": _info,
    "list": _list,
    "show": _show,
    "search": _search,
    "verify": _verify,
    "export": _export,
}


def _chosen(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """Return the parser of the subcommand the arguments chose (``list quotes``, say)."""
    for dest in ("command", "what"):
        subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]  # noqa: SLF001
        name = getattr(args, dest, None)
        if not subparsers or name not in subparsers[0].choices:
            break
        parser = subparsers[0].choices[name]
    return parser


def _run(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    args, rest = parser.parse_known_args(argv)
    if args.command == "build":
        from ._build import main as build_main  # noqa: PLC0415

        return build_main(rest)
    if args.command in _DELEGATED:
        import importlib  # noqa: PLC0415

        module = importlib.import_module(_DELEGATED[args.command][0], __package__)
        command: Callable[[list[str]], int] = module.main
        return command(rest)
    if rest:
        _chosen(parser, args).error(f"unrecognised arguments: {' '.join(rest)}")
    try:
        return _COMMANDS[args.command](args)
    except UsageError as exc:
        _error(str(exc))
        return USAGE


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Args:
        argv: The arguments after the program name (default: ``sys.argv[1:]``).
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    # Everything after "--" is an operand, even if it reads "--debug".
    options = arguments[: arguments.index("--")] if "--" in arguments else arguments
    debug = DEBUG in options
    if debug:
        arguments.remove(DEBUG)
    from ._console import EscapingStream  # noqa: PLC0415

    streams = sys.stdout, sys.stderr
    # Started without standard error (2>&-), errors have nowhere to go: the exit code says it.
    errors = sys.stderr if sys.stderr is not None else io.StringIO()
    sys.stdout, sys.stderr = EscapingStream(sys.stdout), EscapingStream(errors, "standard error")
    try:
        if any("\0" in argument for argument in arguments):
            # No shell passes one (exec refuses it), but main() called from Python can.
            _error(r"an argument holds a NUL character (\x00), which no file name or text can hold")
            return USAGE
        return _guarded(arguments, debug=debug)
    finally:
        sys.stdout, sys.stderr = streams


def _command_in(arguments: Sequence[str]) -> str | None:
    """Return the subcommand the arguments name: their first operand, if it is one.

    ``None`` (define every subcommand fully) when the first operand is no
    subcommand, a typo say, whose error suggests close matches.
    """
    first = next((a for a in arguments if not a.startswith("-")), None)
    return first if first in _SUBCOMMANDS else None


def _guarded(arguments: list[str], *, debug: bool) -> int:
    """Run a command; turn every exception into one line and an exit code."""
    from ._errors import CorpusError, MissingExtraError  # noqa: PLC0415

    try:
        return _run(_parser(_command_in(arguments)), arguments)
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other tools do.
        import os  # noqa: PLC0415

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return OK
    except KeyboardInterrupt:
        _error("interrupted")
        return 128 + 2  # as a shell reports SIGINT
    except (CorpusError, MissingExtraError) as exc:
        _error(str(exc))
        return NOTHING
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename is not None else ""
        _error(f"{where}{exc.strerror or exc}")
        return NOTHING
    except Exception as exc:  # noqa: BLE001 - the one place that catches everything
        if debug:
            import traceback  # noqa: PLC0415

            traceback.print_exc()
        detail = str(exc).splitlines()[0][:200] if str(exc) else ""
        _error(
            f"internal error: {type(exc).__name__}{': ' + detail if detail else ''}; "
            "this is a fault in integrated-care-corpus"
            + ("" if debug else f" (rerun with {DEBUG} for the traceback)")
        )
        return INTERNAL
