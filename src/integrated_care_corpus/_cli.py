"""The ``integrated-care-corpus`` command: corpus summary and build."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

__all__ = ["main"]

#: Subcommands run by a module's own ``main(argv)``: name -> (module, help).
_DELEGATED = {
    "diff": ("._diff", "what changed between two corpus versions"),
    "lock": ("._versions", "record a corpus version as released, or check the released ones"),
    "schema": ("._schema", "write the JSON Schemas and the format reference"),
}


def _info(args: argparse.Namespace) -> int:
    from . import __version__, load, versions  # noqa: PLC0415 - keep startup cheap

    corpus = load(args.corpus_version)
    print(
        f"integrated-care-corpus {__version__}, corpus {corpus.version} "
        f"(schema {corpus.schema_version}); bundled versions: {', '.join(versions())}"
    )
    counts = corpus.counts()
    print("  ".join(f"{n} {name}" for name, n in counts.items()))
    print()
    header = f"{'document':<58} {'date':<10} {'quotes':>6} {'comments':>8} {'mentions':>8}"
    print(header)
    print("-" * len(header))
    for doc in corpus.documents:
        date = doc.published.date.isoformat() if doc.published.date else "undated"
        quotes = sum(q.document_id == doc.id for q in corpus.quotes)
        comments = sum(c.document_id == doc.id for c in corpus.comments)
        mentions = sum(m.document_id == doc.id for m in corpus.mentions)
        print(f"{doc.id:<58} {date:<10} {quotes:>6} {comments:>8} {mentions:>8}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="integrated-care-corpus",
        description="Query and build the integrated care corpus.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    info = sub.add_parser("info", help="versions and record counts")
    info.add_argument("--corpus-version", default=None, help="corpus version (default: newest)")
    sub.add_parser(
        "build", help="build corpus resources from seeds and curation files", add_help=False
    )
    for name, (_, help_text) in _DELEGATED.items():
        sub.add_parser(name, help=help_text, add_help=False)
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
        parser.error(f"unrecognised arguments: {' '.join(rest)}")
    from ._errors import CorpusError  # noqa: PLC0415

    try:
        return _info(args)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
