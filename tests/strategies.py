"""Hypothesis strategies for every record type."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

import integrated_care_corpus as icc

ids = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)
texts = st.text(min_size=0, max_size=40)
#: Plain file names, as the format allows for a document's source file.
file_names = st.from_regex(r"[a-z0-9_][a-z0-9_.-]{0,30}", fullmatch=True).filter(
    lambda name: ".." not in name
)
optional_texts = st.none() | texts


@st.composite
def spans(draw: st.DrawFn) -> icc.Span:
    start = draw(st.integers(min_value=0, max_value=10_000))
    return icc.Span(start, start + draw(st.integers(min_value=0, max_value=500)))


def _tuple_of(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[tuple[object, ...]]:
    return st.lists(strategy, max_size=4).map(tuple)


roles = st.builds(
    icc.Role,
    document_id=ids,
    text=texts,
    span=spans(),
    organisation_ids=_tuple_of(ids),
    former=st.booleans(),
)
excerpts = st.builds(icc.Excerpt, text=texts, span=spans())
dates = st.builds(
    icc.PublicationDate,
    date=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    basis=st.sampled_from(icc.Basis),
    note=optional_texts,
)
documents = st.builds(
    icc.Document,
    id=ids,
    title=texts,
    kind=st.sampled_from(icc.DocumentKind),
    publisher=st.builds(
        icc.Publisher,
        organisation_id=st.none() | ids,
        basis=st.sampled_from(icc.Basis),
        note=optional_texts,
    ),
    authors=_tuple_of(ids),
    published=dates,
    topics=_tuple_of(st.sampled_from(icc.Topic)),
    source=st.builds(
        icc.Source, file=file_names, sha256=st.from_regex(r"[0-9a-f]{64}", fullmatch=True)
    ),
    regions=_tuple_of(st.builds(icc.Region, kind=st.sampled_from(icc.RegionKind), span=spans())),
    text=st.text(max_size=200),
)
quotes = st.builds(
    icc.Quote,
    id=ids,
    document_id=ids,
    text=texts,
    span=spans(),
    speaker=texts,
    person_id=st.none() | ids,
    organisation_ids=_tuple_of(ids),
    role=st.none() | roles,
    kind=st.sampled_from(icc.QuoteKind),
    attribution=st.sampled_from(icc.Basis),
    continues=st.none() | ids,
    note=optional_texts,
    source=st.none() | excerpts,
    cue=st.none() | excerpts,
)
comments = st.builds(
    icc.Comment,
    id=ids,
    document_id=ids,
    position=st.integers(1, 100),
    author=optional_texts,
    person_id=st.none() | ids,
    role=optional_texts,
    affiliation=optional_texts,
    organisation_ids=_tuple_of(ids),
    number=st.none() | st.integers(0, 10**9),
    in_reply_to=st.none() | ids,
    text=texts,
    span=spans(),
)
organisations = st.builds(
    icc.Organisation,
    id=ids,
    name=texts,
    aliases=_tuple_of(texts),
    kind=st.sampled_from(icc.OrganisationKind),
    country=st.from_regex(r"[A-Z]{2}", fullmatch=True),
    note=optional_texts,
    well_known_names=_tuple_of(texts),
)
people = st.builds(
    icc.Person,
    id=ids,
    name=texts,
    aliases=_tuple_of(texts),
    roles=_tuple_of(roles),
    note=optional_texts,
)
mentions = st.one_of(
    st.builds(
        icc.Mention,
        id=ids,
        document_id=ids,
        text=texts,
        span=spans(),
        organisation_id=ids,
        person_id=st.none(),
    ),
    st.builds(
        icc.Mention,
        id=ids,
        document_id=ids,
        text=texts,
        span=spans(),
        organisation_id=st.none(),
        person_id=ids,
    ),
)
