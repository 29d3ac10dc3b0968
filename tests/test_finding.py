"""Finding things as researchers write them: speakers, cross-references, vocabularies, tables.

Expected values are read off the texts (see the notes in each test), never
taken from the functions under test.
"""

from __future__ import annotations

import datetime as dt

import pytest

import integrated_care_corpus as icc

KF_PILOTS = "kings-fund-undated-pilots-welcome"
KF_2010 = "kings-fund-2010-11-23-integration-at-heart-of-nhs-reform"
CIPFA = "cipfa-2012-01-05-ministers-must-prioritise-integration"
PULSE = "pulse-undated-nhs-fully-integrated-by-2018"
MARATHON = "kings-fund-undated-marathon-not-a-sprint"


@pytest.fixture(scope="module")
def corpus() -> icc.Corpus:
    """Corpus 1.0.1, released and so unchanging: the expected values are read off it."""
    return icc.load("1.0.1")


# --- names everywhere a record is named ------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Kings Fund", "kings-fund"),
        ("the DH", "department-of-health"),
        ("the Nuffield Trust", "nuffield-trust"),
        ("The Department of Health", "department-of-health"),
        ("the NHS", "nhs"),
        ("Fund", "kings-fund"),
        ("council", "local-authorities"),
        ("Care Trust", "torbay-care-trust"),
    ],
)
def test_the_issue_s_organisation_names(corpus: icc.Corpus, written: str, expected: str) -> None:
    assert corpus.organisation(written).id == expected


def test_people_by_surname(corpus: icc.Corpus) -> None:
    assert corpus.person("Dixon").id == "jennifer-dixon"
    assert corpus.person("Lamb").id == "norman-lamb"
    assert corpus.mention(f"{PULSE}/m2224").text == "Lamb"
    with pytest.raises(icc.AmbiguousNameError, match=r"Nick Goodwin .* Nick Mann"):
        corpus.person("Nick")


def test_documents_by_title_or_fragment(corpus: icc.Corpus) -> None:
    assert corpus.document("pulse").id == PULSE
    assert corpus.document("Making integrated care happen: a marathon not a sprint").id == (
        MARATHON
    )
    with pytest.raises(icc.AmbiguousNameError):
        corpus.document("kings-fund")
    # Every argument naming a document takes the same names.
    assert corpus.find_comments(document="pulse") == corpus.find_comments(document=PULSE)
    assert corpus.in_document("marathon").document.id == MARATHON


def test_a_removed_id_still_says_where_it_went(corpus: icc.Corpus) -> None:
    tombstone = next(iter(corpus.tombstones), None)
    if tombstone is None:
        pytest.skip("this corpus version removed nothing")
    with pytest.raises(icc.RemovedRecordError):
        getattr(corpus, tombstone.kind.value)(tombstone.id)


def test_publisher_author_and_speaker_arguments_take_names(corpus: icc.Corpus) -> None:
    assert corpus.find_documents(publisher="the Kings Fund").ids() == (KF_PILOTS, KF_2010, MARATHON)
    assert corpus.find_documents(author="Mann").ids() == (CIPFA,)  # 'By Nick Mann'
    assert corpus.find_quotes(speaker="Dixon") == corpus.find_quotes(speaker="jennifer-dixon")


# --- speakers are people or organisations -------------------------------------------------


def test_an_organisation_as_speaker(corpus: icc.Corpus) -> None:
    # The Pulse article: 'A DH statement said', 'The DH said', 'The statement ...', 'the DH'
    # twice; each credited to the Department of Health, with no person named.
    dh = corpus.find_quotes(speaker="DH")
    assert dh.ids() == tuple(f"{PULSE}/q{n}" for n in (1, 2, 3, 6, 7))
    assert corpus.find_quotes(speaker="the Department of Health") == dh
    assert all(q.person_id is None for q in dh)
    # The CIPFA article: 'The King’s Fund and the Nuffield Trust' and 'the report' (q1-q6).
    statements = corpus.quotes_by("King's Fund")
    assert statements.ids() == tuple(f"{CIPFA}/q{n}" for n in range(1, 7))
    assert all(s.person is None for s in statements)
    assert statements[0].speaker == "The King’s Fund and the Nuffield Trust"
    assert {o.id for o in statements[0].organisations} == {"kings-fund", "nuffield-trust"}


def test_a_name_as_printed_is_still_a_speaker(corpus: icc.Corpus) -> None:
    report = corpus.find_quotes(speaker="the report")
    assert report.ids() == tuple(f"{CIPFA}/q{n}" for n in range(2, 7))
    assert corpus.find_quotes(speaker="Report") == report  # no "the", any case


def test_an_unknown_speaker_suggests_people_organisations_and_printed_names(
    corpus: icc.Corpus,
) -> None:
    with pytest.raises(icc.UnknownRecordError, match="Chris Ham"):
        corpus.find_quotes(speaker="Chris Hamm")
    with pytest.raises(icc.UnknownRecordError, match="the report"):
        corpus.find_quotes(speaker="the reprot")
    with pytest.raises(icc.AmbiguousNameError, match="Nick Goodwin"):
        corpus.find_quotes(speaker="Nick")


def test_organisations_are_not_comment_authors(corpus: icc.Corpus) -> None:
    with pytest.raises(TypeError, match="expected a Person"):
        corpus.find_comments(author=corpus.organisation("pulse"))  # type: ignore[arg-type]


# --- cross-references -------------------------------------------------------------------


def test_documents_mentioning_all_of_and_any_of(corpus: icc.Corpus) -> None:
    kf = set(corpus.documents_mentioning("King's Fund").ids())
    nt = set(corpus.documents_mentioning("Nuffield Trust").ids())
    both = corpus.documents_mentioning(all_of=["King's Fund", "Nuffield Trust"])
    either = corpus.documents_mentioning(any_of=["King's Fund", "Nuffield Trust"])
    assert set(both.ids()) == kf & nt
    assert set(either.ids()) == kf | nt
    assert both.ids() == (CIPFA,)  # 'The King’s Fund and the Nuffield Trust'
    # A bare list means any of them, as before.
    assert corpus.documents_mentioning(["King's Fund", "Nuffield Trust"]) == either
    # The same in the filters, with the helpers.
    assert corpus.find_documents(mentions=icc.all_of(["King's Fund", "Nuffield Trust"])) == both
    assert corpus.find_documents(mentions=icc.any_of(["King's Fund", "Nuffield Trust"])) == either
    # Given together, they combine with AND.
    assert corpus.documents_mentioning("Norman Lamb", all_of=["NHS"]) == (
        corpus.documents_mentioning(all_of=["Norman Lamb", "NHS"])
    )
    with pytest.raises(TypeError, match="all_of= or any_of="):
        corpus.documents_mentioning()


def test_all_of_in_every_filter(corpus: icc.Corpus) -> None:
    # A quote credited to both think tanks: q1-q6 of the CIPFA article.
    both = corpus.find_quotes(organisation=icc.all_of(["King's Fund", "Nuffield Trust"]))
    assert both.ids() == tuple(f"{CIPFA}/q{n}" for n in range(1, 7))
    assert len(corpus.find_quotes(organisation=["King's Fund", "Nuffield Trust"])) > len(both)
    assert corpus.find_documents(topic=icc.all_of(["funding", "integrated-care"])) == tuple(
        d
        for d in corpus.documents
        if {icc.Topic.FUNDING, icc.Topic.INTEGRATED_CARE} <= set(d.topics)
    )
    assert corpus.find_documents(kind=icc.all_of(["blog-post", "news-article"])) == ()
    assert corpus.find_organisations(country=icc.any_of(["gb", "nz"])) == tuple(
        o for o in corpus.organisations if o.country in {"GB", "NZ"}
    )


def test_quotes_and_comments_mentioning_all_of(corpus: icc.Corpus) -> None:
    for method in (corpus.quotes_mentioning, corpus.comments_mentioning):
        one = set(method("NHS").ids())
        other = set(method("local authorities").ids())
        assert set(method(all_of=["NHS", "local authorities"]).ids()) == one & other
        assert set(method(any_of=["NHS", "local authorities"]).ids()) == one | other
        assert method(["NHS", "local authorities"]) == method(any_of=["NHS", "local authorities"])


def test_co_mentions_of_a_person(corpus: icc.Corpus) -> None:
    pairs = corpus.co_mentions("Norman Lamb")
    assert pairs
    assert all(p.first.id == "norman-lamb" for p in pairs)
    documents = set(corpus.documents_mentioning("Norman Lamb").ids())
    for pair in pairs:
        assert {d.id for d in pair.documents} <= documents
        assert {d.id for d in pair.documents} <= set(corpus.documents_mentioning(pair.second).ids())
    # People are partners too: Jennifer Dixon is quoted in the Pulse article ('Dr
    # Jennifer Dixon'), Deirdre Criddle signs a comment under the blog post.
    people = {p.second.id for p in pairs if isinstance(p.second, icc.Person)}
    assert {"jennifer-dixon", "deirdre-criddle"} <= people
    # An organisation's partners include people; without an argument, organisations only.
    assert any(isinstance(p.second, icc.Person) for p in corpus.co_mentions("DH"))
    assert all(isinstance(p.second, icc.Organisation) for p in corpus.co_mentions())


# --- vocabularies ------------------------------------------------------------------------


def test_vocabulary_values_as_strings_everywhere(corpus: icc.Corpus) -> None:
    pulse = corpus.document(PULSE)
    assert pulse.regions_of("comment") == pulse.regions_of(icc.RegionKind.COMMENT) != ()
    assert pulse.regions_of("COMMENT") == pulse.regions_of(icc.RegionKind.COMMENT)
    with pytest.raises(icc.UnknownRecordError, match="one of headline, standfirst"):
        pulse.regions_of("comments section")
    assert corpus.find_organisations(kind="think tank").ids() == ("kings-fund", "nuffield-trust")
    assert corpus.find_organisations(country="gb") == corpus.find_organisations(country="GB")


def test_uk_is_gb_and_a_wrong_country_names_the_codes(corpus: icc.Corpus) -> None:
    assert corpus.find_organisations(country="UK") == corpus.find_organisations(country="GB")
    with pytest.raises(icc.UnknownRecordError, match="one of AU, GB, NZ, US"):
        corpus.find_organisations(country="FR")


def test_a_wrong_vocabulary_value_names_the_allowed_ones(corpus: icc.Corpus) -> None:
    with pytest.raises(icc.UnknownRecordError) as caught:
        corpus.find_documents(kind="report")
    for kind in icc.DocumentKind:
        assert kind.value in str(caught.value)


def test_timeline_puts_undated_documents_last(corpus: icc.Corpus) -> None:
    timeline = corpus.timeline()
    # Two documents print a date; three do not.
    assert timeline.ids() == (KF_2010, CIPFA, KF_PILOTS, PULSE, MARATHON)
    assert [d.published.date for d in timeline] == [
        dt.date(2010, 11, 23),
        dt.date(2012, 1, 5),
        None,
        None,
        None,
    ]
    assert corpus.timeline(undated=False).ids() == (KF_2010, CIPFA)


# --- the statements table -------------------------------------------------------------------


def test_statements_one_row_per_quote(corpus: icc.Corpus) -> None:
    rows = corpus.statements().to_dicts()
    assert [r["quote_id"] for r in rows] == [q.id for q in corpus.quotes]
    assert list(rows[0]) == [
        "quote_id",
        "text",
        "kind",
        "attribution",
        "speaker",
        "person_id",
        "person",
        "role",
        "organisation_ids",
        "organisations",
        "document_id",
        "title",
        "document_kind",
        "publisher",
        "published",
        "date_basis",
        "span_start",
        "span_end",
    ]
    dixon = next(r for r in rows if r["quote_id"] == f"{CIPFA}/q9")
    # 'Jennifer Dixon, director of the Nuffield Trust, ...' in the CIPFA article by PF Jobsite.
    assert dixon["speaker"] == "Jennifer Dixon"
    assert (dixon["person_id"], dixon["person"]) == ("jennifer-dixon", "Jennifer Dixon")
    assert dixon["role"] == "director of the Nuffield Trust"
    assert (dixon["organisation_ids"], dixon["organisations"]) == (
        ("nuffield-trust",),
        ("Nuffield Trust",),
    )
    assert dixon["title"] == "Ministers ‘must prioritise integration of health and social care’"
    assert dixon["published"] == dt.date(2012, 1, 5)
    assert (dixon["kind"], dixon["attribution"], dixon["document_kind"]) == (
        "partial",
        "stated",
        "news-article",
    )
    text = corpus.document(CIPFA).text
    assert text[dixon["span_start"] : dixon["span_end"]] == dixon["text"]
    dh = next(r for r in rows if r["quote_id"] == f"{PULSE}/q2")
    assert (dh["speaker"], dh["person_id"], dh["person"]) == ("The DH", None, None)
    assert dh["published"] is None
    assert dh["publisher"] == "Pulse"


def test_statements_in_every_table_export(corpus: icc.Corpus) -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    frame = corpus.to_dataframe("statements")
    assert len(frame) == len(corpus.quotes)
    assert frame["quote_id"].tolist() == [q.id for q in corpus.quotes]
    table = corpus.to_arrow("statements")
    assert table.num_rows == len(corpus.quotes)
    assert "statements" in corpus.to_dataframes()


# --- the questions page -------------------------------------------------------------------


def test_twenty_questions_each_answered_in_three_lines() -> None:
    from .conftest import ROOT  # noqa: PLC0415

    page = (ROOT / "docs" / "questions.md").read_text(encoding="utf-8")
    sections = page.split("\n## ")[1:]
    assert len(sections) == 20
    for section in sections:
        lines = [line for line in section.splitlines() if line.startswith((">>> ", "... "))]
        assert 1 <= len(lines) <= 3, section.splitlines()[0]
    assert "questions" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
