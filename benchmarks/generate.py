"""Generate valid synthetic corpora in the real record shapes, for benchmarks.

Every generated corpus passes every check ``icc.load_path`` makes (spans,
regions, references, checksums), deterministically from a seed::

    python benchmarks/generate.py --quotes 100000 --out benchmarks/_corpora

writes ``benchmarks/_corpora/q100000/<version>/``. Proportions follow the
reference figures: per 100,000 quotes, 5,000 documents, 50,000 comments,
2,000 organisations; plus 5,000 people and two mentions per quote.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
from pathlib import Path

from integrated_care_corpus import (
    Basis,
    Comment,
    Document,
    DocumentKind,
    Mention,
    Organisation,
    OrganisationKind,
    Person,
    PublicationDate,
    Publisher,
    Quote,
    QuoteKind,
    Region,
    RegionKind,
    Role,
    Source,
    Span,
    Topic,
)
from integrated_care_corpus._build import write_corpus
from integrated_care_corpus._resources import RecordSet

VERSION = "1.0.0"
WORDS = (
    "care",
    "integration",
    "health",
    "social",
    "services",
    "patients",
    "local",
    "commissioning",
    "outcomes",
    "community",
    "hospital",
    "funding",
    "leadership",
    "pilots",
    "evaluation",
    "pathways",
    "teams",
    "budgets",
    "prevention",
    "pooled",
    "partnership",
    "boards",
    "access",
    "quality",
    "workforce",
    "discharge",
)


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


class _Text:
    """Accumulates a document's text and hands back spans of what it appends."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> Span:
        span = Span(self.length, self.length + len(piece))
        self.parts.append(piece)
        self.length += len(piece)
        return span

    def text(self) -> str:
        return "".join(self.parts)


def generate(quotes: int, seed: int = 0) -> RecordSet:
    """Return a valid record set with ``quotes`` quotes and proportional records."""
    rng = random.Random(seed)
    n_docs = max(1, quotes // 20)
    n_orgs = max(2, quotes // 50)
    n_people = max(2, quotes // 20)
    orgs = [
        Organisation(
            id=f"org-{i:05d}",
            name=f"Organisation {i:05d} Trust",
            aliases=(f"OT{i:05d}",),
            kind=rng.choice(list(OrganisationKind)),
            country="GB",
        )
        for i in range(n_orgs)
    ]
    names = [f"Person{i:05d} Surname{i % 977:03d}" for i in range(n_people)]
    person_roles: dict[int, list[Role]] = {i: [] for i in range(n_people)}
    documents, all_quotes, comments, mentions = [], [], [], []
    q_per_doc = quotes // n_docs
    extra = quotes - q_per_doc * n_docs
    for d in range(n_docs):
        doc_id = f"gen-{d:05d}"
        t = _Text()
        regions = []
        doc_quotes, doc_mentions, doc_comments = [], [], []
        title = f"Generated document {d}: {_sentence(rng, 5)[:-1]}"
        regions.append(Region(RegionKind.HEADLINE, t.add(title)))
        t.add("\n\n")
        body_start = t.length
        for q in range(q_per_doc + (1 if d < extra else 0)):
            p = rng.randrange(n_people)
            org = orgs[rng.randrange(n_orgs)]
            name_span = t.add(names[p])
            t.add(", ")
            role_text = f"director of {org.name}"
            role_span = t.add("director of ")
            org_span = Span(t.length, t.length + len(org.name))
            t.add(org.name)
            role = Role(doc_id, role_text, Span(role_span.start, org_span.end), (org.id,))
            person_roles[p].append(role)
            t.add(", said: ‘")
            quote_text = _sentence(rng, rng.randint(8, 30))
            q_span = t.add(quote_text)
            t.add("’\n\n")
            doc_quotes.append(
                Quote(
                    id=f"{doc_id}/q{q + 1}",
                    document_id=doc_id,
                    text=quote_text,
                    span=q_span,
                    speaker=names[p],
                    person_id=f"person-{p:05d}",
                    organisation_ids=(org.id,),
                    role=role,
                    kind=QuoteKind.DIRECT,
                    attribution=Basis.STATED,
                )
            )
            doc_mentions.append(
                Mention(
                    f"{doc_id}/m{name_span.start}",
                    doc_id,
                    names[p],
                    name_span,
                    person_id=f"person-{p:05d}",
                )
            )
            doc_mentions.append(
                Mention(
                    f"{doc_id}/m{org_span.start}",
                    doc_id,
                    org.name,
                    org_span,
                    organisation_id=org.id,
                )
            )
        regions.append(Region(RegionKind.BODY, Span(body_start, t.length - 2)))
        for c in range(10 if quotes >= 10 else 1):
            comment_text = _sentence(rng, rng.randint(10, 60))
            span = t.add(comment_text)
            regions.append(Region(RegionKind.COMMENT, span))
            t.add("\n")
            regions.append(Region(RegionKind.FURNITURE, t.add("Report this comment")))
            t.add("\n\n")
            doc_comments.append(
                Comment(
                    id=f"{doc_id}/c{c + 1}",
                    document_id=doc_id,
                    position=c + 1,
                    author=None,
                    person_id=None,
                    role=None,
                    affiliation=None,
                    organisation_ids=(),
                    number=None,
                    in_reply_to=None,
                    text=comment_text,
                    span=span,
                )
            )
        text = t.text()
        documents.append(
            Document(
                id=doc_id,
                title=title,
                kind=rng.choice(list(DocumentKind)),
                publisher=Publisher(orgs[d % n_orgs].id, Basis.STATED),
                authors=(),
                published=PublicationDate(
                    dt.date(2010, 1, 1) + dt.timedelta(days=d % 1400), Basis.STATED
                ),
                topics=(Topic.INTEGRATED_CARE,),
                source=Source(f"{d:05d}.txt", hashlib.sha256(text.encode()).hexdigest()),
                regions=tuple(regions),
                text=text,
            )
        )
        all_quotes += doc_quotes
        comments += doc_comments
        mentions += sorted(doc_mentions, key=lambda m: m.span.start)
    people = [
        Person(id=f"person-{i:05d}", name=names[i], aliases=(), roles=tuple(person_roles[i]))
        for i in range(n_people)
    ]
    return RecordSet(
        documents=tuple(documents),
        quotes=tuple(all_quotes),
        comments=tuple(comments),
        organisations=tuple(orgs),
        people=tuple(people),
        mentions=tuple(mentions),
    )


def write(quotes: int, out: Path, seed: int = 0) -> Path:
    """Generate and write a corpus folder; return ``out/q<quotes>/<version>``."""
    records = generate(quotes, seed)
    return write_corpus(VERSION, records, {}, out / f"q{quotes}")


def main() -> None:
    """Write corpora of the requested sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "_corpora")
    args = parser.parse_args()
    for n in args.quotes:
        print(write(n, args.out, args.seed))


if __name__ == "__main__":
    main()
