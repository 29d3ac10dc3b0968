"""The data card's tables, generated from the corpus so that they cannot drift.

``DATACARD.md`` holds the prose; every table of counts, sources and
vocabularies in it sits between a pair of markers::

    <!-- begin generated: record-counts -->
    ...
    <!-- end generated: record-counts -->

and is rendered here from :func:`~integrated_care_corpus.load`. A test fails
when the committed text differs from a fresh rendering. To regenerate after
a corpus change, from the project root::

    python -m integrated_care_corpus._datacard DATACARD.md

(``--check`` reports a stale card without writing it.)
"""

from __future__ import annotations

import argparse
import enum
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from ._corpus import Corpus
from ._records import (
    Basis,
    Document,
    DocumentKind,
    OrganisationKind,
    QuoteKind,
    RegionKind,
    Topic,
)

__all__ = ["ORGANISATION_KINDS", "REGION_KINDS", "TABLES", "TOPICS", "main", "render", "tables"]

#: What each topic means; a document gets every topic it discusses.
TOPICS: Mapping[Topic, str] = {
    Topic.INTEGRATED_CARE: "Joining up care around the person: services, professions "
    "or organisations working as one.",
    Topic.HEALTH_AND_SOCIAL_CARE: "Health care and social care, and the boundary between them.",
    Topic.NHS_REFORM: "Reform of the NHS's structures, legislation or national policy.",
    Topic.PILOTS_AND_PIONEERS: "Pilot schemes, pioneer areas and other trial programmes.",
    Topic.COMMISSIONING: "How care is planned and bought: commissioners, GP consortia, "
    "clinical commissioning groups.",
    Topic.FUNDING: "Money: budgets, funds set aside, financial flows and incentives.",
    Topic.LEADERSHIP: "Leadership, and the development of leaders.",
    Topic.EVALUATION: "Whether pilots or programmes worked, and how to find out.",
    Topic.INTERNATIONAL: "Examples and comparisons from outside the United Kingdom.",
}

#: What each organisation kind means. Kind (and country) are the editor's
#: classification: the texts do not state them.
ORGANISATION_KINDS: Mapping[OrganisationKind, str] = {
    OrganisationKind.THINK_TANK: "An independent organisation that researches health "
    "policy and seeks to influence it.",
    OrganisationKind.GOVERNMENT: "A national government as a whole.",
    OrganisationKind.GOVERNMENT_DEPARTMENT: "A ministerial department of a government.",
    OrganisationKind.PUBLIC_BODY: "A national body set up by or for government that is "
    "neither a department nor a provider: regulators, national NHS bodies, advisory "
    "forums, national programme teams.",
    OrganisationKind.HEALTH_SYSTEM: "A national health system as a whole.",
    OrganisationKind.HEALTH_BODY: "One organisation that provides, commissions or "
    "coordinates care: a trust, a hospital, a health board, a care programme.",
    OrganisationKind.PROFESSIONAL_BODY: "A professional institute or association.",
    OrganisationKind.MEDIA: "A publication or publishing site: a magazine, a news or jobs site.",
    OrganisationKind.COMPANY: "A commercial firm: a research company, a care business, "
    "an online platform.",
    OrganisationKind.ACADEMIC: "A university or a university research centre.",
    OrganisationKind.CLASS_OF_BODIES: "A kind of local body that exists in many places, "
    "not one body; a single body of the kind that the text does not name "
    "(“the council”, “our PCT”) is linked to its class.",
}

#: What each region kind covers.
REGION_KINDS: Mapping[RegionKind, str] = {
    RegionKind.HEADLINE: "The title as printed.",
    RegionKind.STANDFIRST: "The summary paragraph printed under the headline.",
    RegionKind.DATELINE: "A date printed on its own line.",
    RegionKind.BYLINE: "The author line.",
    RegionKind.BODY: "The text of the release, article or post.",
    RegionKind.NOTES: "Notes to editors, with their citations.",
    RegionKind.COMMENT: "One reader comment: every paragraph the reader wrote, "
    "without bullet or signature block.",
    RegionKind.FURNITURE: "Site furniture: cookie notices, notices to readers, slogans, "
    "logos, topic banners, image captions, related-content links, subscription "
    "prompts, comment counters, bullets, signature blocks, report links, comment forms.",
}

_BEGIN = "<!-- begin generated: {name} -->"
_END = "<!-- end generated: {name} -->"
_E = TypeVar("_E", bound=enum.Enum)


def _cell(value: object) -> str:
    return str(value).replace("|", r"\|").replace("\n", " ")


def _table(header: Iterable[str], rows: Iterable[Iterable[object]], align: str) -> str:
    """Return a Markdown table; ``align`` has one ``l`` or ``r`` per column."""
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|",
    ]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _tally(values: Iterable[_E], vocabulary: type[_E]) -> str:
    """Return ``"2 press-release, 1 blog-post"``: counts in vocabulary order, zeros left out."""
    counts = Counter(values)
    return ", ".join(f"{counts[v]} {v.value}" for v in vocabulary if counts[v])


def _defined(definitions: Mapping[_E, str], vocabulary: type[_E]) -> list[tuple[_E, str]]:
    """Pair every value of a vocabulary with its definition; a missing one is an error."""
    missing = [member.name for member in vocabulary if member not in definitions]
    if missing:
        msg = f"{vocabulary.__name__} values without a definition in _datacard.py: {missing}"
        raise LookupError(msg)
    return [(member, definitions[member]) for member in vocabulary]


def _date(doc: Document) -> str:
    date = doc.published.date.isoformat() if doc.published.date else "undated"
    return f"{date} ({doc.published.basis.value})"


def _record_counts(corpus: Corpus) -> str:
    quotes, comments, mentions = corpus.quotes, corpus.comments, corpus.mentions
    classes = sum(o.kind is OrganisationKind.CLASS_OF_BODIES for o in corpus.organisations)
    quoted = {q.person_id for q in quotes if q.person_id}
    commenters = {c.person_id for c in comments if c.person_id}
    authors = {a for d in corpus.documents for a in d.authors}
    only_named = [p for p in corpus.people if p.id not in quoted | commenters | authors]
    rows = [
        (
            "documents",
            len(corpus.documents),
            _tally((d.kind for d in corpus.documents), DocumentKind),
        ),
        (
            "quotes",
            len(quotes),
            _tally((q.kind for q in quotes), QuoteKind)
            + "; attribution "
            + _tally((q.attribution for q in quotes), Basis)
            + f"; {sum(q.continues is not None for q in quotes)} continue the paragraph before"
            + f"; {sum(q.person_id is not None for q in quotes)} credited to a person, "
            + f"{sum(q.person_id is None for q in quotes)} to an organisation or a publication"
            + f"; {sum(q.source is not None for q in quotes)} with a source span, "
            + f"{sum(q.cue is not None for q in quotes)} with a cue span",
        ),
        (
            "comments",
            len(comments),
            (
                f"{sum(c.author is not None for c in comments)} signed, "
                f"{sum(c.author is None for c in comments)} anonymous; "
                f"{sum(c.number is not None for c in comments)} with the site's comment number; "
                f"{sum(c.in_reply_to is not None for c in comments)} linked as replies"
            ),
        ),
        (
            "organisations",
            len(corpus.organisations),
            (
                f"{len(corpus.organisations) - classes} single organisations, "
                f"{classes} classes of bodies; "
                f"{sum(bool(o.well_known_names) for o in corpus.organisations)} "
                "with well-known names"
            ),
        ),
        (
            "people",
            len(corpus.people),
            (
                f"{len(quoted)} quoted, {len(commenters)} signing a comment, "
                f"{len(authors)} named as an author, {len(only_named)} only named; "
                f"{sum(len(p.roles) for p in corpus.people)} stated roles, "
                f"{sum(r.former for p in corpus.people for r in p.roles)} of them former"
            ),
        ),
        (
            "mentions",
            len(mentions),
            f"{sum(m.organisation_id is not None for m in mentions)} of organisations, "
            f"{sum(m.person_id is not None for m in mentions)} of people; basis "
            + _tally((m.basis for m in mentions), Basis),
        ),
    ]
    table = _table(("Record type", "Count", "Of which"), rows, "lrl")
    return (
        f"Corpus version {corpus.version} (JSON schema version {corpus.schema_version}).\n\n{table}"
    )


def _document_row(
    label: str, kind: str, date: str, texts: list[str], corpus: Corpus, document_ids: set[str]
) -> tuple[object, ...]:
    mentions = [m for m in corpus.mentions if m.document_id in document_ids]
    return (
        label,
        kind,
        date,
        f"{sum(len(t) for t in texts):,}",
        sum(q.document_id in document_ids for q in corpus.quotes),
        sum(c.document_id in document_ids for c in corpus.comments),
        sum(m.organisation_id is not None for m in mentions),
        sum(m.person_id is not None for m in mentions),
        len({m.organisation_id for m in mentions if m.organisation_id}),
        len({m.person_id for m in mentions if m.person_id}),
    )


def _documents(corpus: Corpus) -> str:
    rows = [
        _document_row(f"`{d.id}`", d.kind.value, _date(d), [d.text], corpus, {d.id})
        for d in corpus.documents
    ]
    every = {d.id for d in corpus.documents}
    texts = [d.text for d in corpus.documents]
    rows.append(_document_row("**all documents**", "", "", texts, corpus, every))
    header = (
        "Document",
        "Kind",
        "Published (basis)",
        "Characters",
        "Quotes",
        "Comments",
        "Organisation mentions",
        "Person mentions",
        "Organisations named",
        "People named",
    )
    return _table(header, rows, "lllrrrrrrr")


def _sources(corpus: Corpus) -> str:
    rows = []
    notes = []
    for doc in corpus.documents:
        publisher = doc.publisher
        name = (
            corpus.organisation(publisher.organisation_id).name
            if publisher.organisation_id
            else "unknown"
        )
        rows.append(
            (
                f"`{doc.id}`",
                doc.title,
                f"{name} ({publisher.basis.value})",
                _date(doc),
                f"`{doc.source.file}`",
                f"`{doc.source.sha256}`",
            )
        )
        notes.append(
            f"- `{doc.id}`: publisher {publisher.basis.value}"
            + (f" ({publisher.note})" if publisher.note else "")
            + f"; date {doc.published.basis.value}"
            + (f" ({doc.published.note})" if doc.published.note else "")
            + "."
        )
    header = ("Document", "Title as printed", "Publisher (basis)", "Published (basis)")
    table = _table((*header, "Seed file", "SHA-256"), rows, "llllll")
    return (
        table + "\n\nThe evidence for each publisher and date, as recorded:\n\n" + "\n".join(notes)
    )


def _organisation_kinds(corpus: Corpus) -> str:
    kinds = Counter(o.kind for o in corpus.organisations)
    names: dict[OrganisationKind, list[str]] = {}
    for org in corpus.organisations:
        names.setdefault(org.kind, []).append(org.name)
    rows = [
        (
            f"`{kind.value}`",
            definition,
            kinds[kind],
            "; ".join(sorted(names.get(kind, []), key=str.casefold)),
        )
        for kind, definition in _defined(ORGANISATION_KINDS, OrganisationKind)
    ]
    countries = Counter(o.country for o in corpus.organisations)
    table = _table(("Kind", "Definition", "Records", "Organisations"), rows, "llrl")
    by_country = ", ".join(f"{code} {n}" for code, n in sorted(countries.items()))
    return table + f"\n\nOrganisations by country (ISO 3166-1 alpha-2): {by_country}."


def _topics(corpus: Corpus) -> str:
    counts = Counter(t for d in corpus.documents for t in d.topics)
    rows = [(f"`{t.value}`", text, counts[t]) for t, text in _defined(TOPICS, Topic)]
    return _table(("Topic", "Definition", "Documents"), rows, "llr")


def _regions(corpus: Corpus) -> str:
    counts = Counter(r.kind for d in corpus.documents for r in d.regions)
    rows = [(f"`{k.value}`", text, counts[k]) for k, text in _defined(REGION_KINDS, RegionKind)]
    return _table(("Region", "What it covers", "Regions"), rows, "llr")


#: The generated blocks, by marker name, in the order the card shows them.
TABLES: Mapping[str, Callable[[Corpus], str]] = {
    "record-counts": _record_counts,
    "documents": _documents,
    "sources": _sources,
    "regions": _regions,
    "topics": _topics,
    "organisation-kinds": _organisation_kinds,
}


def tables(corpus: Corpus) -> dict[str, str]:
    """Return every generated block's Markdown, by marker name."""
    return {name: make(corpus) for name, make in TABLES.items()}


def render(text: str, corpus: Corpus) -> str:
    """Return ``text`` with every generated block replaced by a fresh rendering.

    Raises:
        ValueError: A block's markers are missing, repeated or out of order.
    """
    for name, block in tables(corpus).items():
        begin, end = _BEGIN.format(name=name), _END.format(name=name)
        found = re.search(re.escape(begin) + r"\n.*?" + re.escape(end), text, re.DOTALL)
        if text.count(begin) != 1 or text.count(end) != 1 or found is None:
            msg = f"expected exactly one {begin!r} followed by one {end!r}"
            raise ValueError(msg)
        text = f"{text[: found.start()]}{begin}\n\n{block}\n\n{end}{text[found.end() :]}"
    return text


def main(argv: list[str] | None = None) -> int:
    """Regenerate the data card's tables in place (``--check``: only compare)."""
    from ._loading import load  # noqa: PLC0415 - keep the module import cheap

    parser = argparse.ArgumentParser(
        prog="python -m integrated_care_corpus._datacard",
        description="Regenerate the count, source and vocabulary tables of the data card.",
    )
    parser.add_argument("path", type=Path, nargs="?", default=Path("DATACARD.md"))
    parser.add_argument("--check", action="store_true", help="fail if the card is stale")
    args = parser.parse_args(argv)
    text = args.path.read_text(encoding="utf-8")
    fresh = render(text, load())
    if fresh == text:
        sys.stdout.write(f"{args.path}: up to date\n")
        return 0
    if args.check:
        sys.stderr.write(
            f"{args.path}: stale; run python -m integrated_care_corpus._datacard {args.path}\n"
        )
        return 1
    args.path.write_text(fresh, encoding="utf-8")
    sys.stdout.write(f"{args.path}: tables regenerated\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
