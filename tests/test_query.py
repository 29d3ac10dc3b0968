"""Filters and cross-references, against answers read off the documents by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs
import pytest

import integrated_care_corpus as icc
from integrated_care_corpus._rows import SCHEMAS

KF_PILOTS = "kings-fund-undated-pilots-welcome"
KF_2010 = "kings-fund-2010-11-23-integration-at-heart-of-nhs-reform"
CIPFA = "cipfa-2012-01-05-ministers-must-prioritise-integration"
PULSE = "pulse-undated-nhs-fully-integrated-by-2018"
MARATHON = "kings-fund-undated-marathon-not-a-sprint"


def ids(records: Sequence[object]) -> list[str]:
    return [str(getattr(r, "id")) for r in records]  # noqa: B009


def quote_ids(document: str, *numbers: int) -> list[str]:
    return [f"{document}/q{n}" for n in numbers]


# --- Chris Ham: two documents, two ways of stating his role ------------------------


def test_chris_ham_by_name_alias_id_and_record(corpus: icc.Corpus) -> None:
    expected = quote_ids(KF_2010, 1, 2) + quote_ids(CIPFA, 7, 8)
    ham = corpus.person("chris-ham")
    for speaker in ("Chris Ham", "chris-ham", "Professor Chris Ham", "HAM C", ham):
        assert ids(corpus.find_quotes(speaker=speaker)) == expected


def test_quotes_by_states_role_and_organisation_each_time(corpus: icc.Corpus) -> None:
    statements = corpus.quotes_by("Chris Ham")
    assert [s.document.id for s in statements] == [KF_2010, KF_2010, CIPFA, CIPFA]
    # 'Professor Chris Ham, Chief Executive of The King's Fund and lead author of
    # the report, said:' (straight apostrophe) and 'Chris Ham, chief executive of
    # The King’s Fund, said:' (curly).
    assert [s.role for s in statements] == [
        "Chief Executive of The King's Fund and lead author of the report",
        "Chief Executive of The King's Fund and lead author of the report",
        "chief executive of The King’s Fund",
        "chief executive of The King’s Fund",
    ]
    assert all([o.name for o in s.organisations] == ["The King's Fund"] for s in statements)
    assert statements[0].text.startswith("We know that greater integration of care")
    assert statements[2].text.startswith("Integrated care can be delivered without further")
    assert [s.published for s in statements] == [dt.date(2010, 11, 23)] * 2 + [
        dt.date(2012, 1, 5)
    ] * 2
    assert statements[0].person is not None
    assert statements[0].person.name == "Chris Ham"
    assert statements[0].id == f"{KF_2010}/q1"


def test_quotes_by_jennifer_dixon(corpus: icc.Corpus) -> None:
    # 'Jennifer Dixon, director of the Nuffield Trust, added ...' and 'Nuffield
    # Trust executive Dr Jennifer Dixon said:'
    statements = corpus.quotes_by("Dr Jennifer Dixon")
    assert [(s.document.id, s.role) for s in statements] == [
        (CIPFA, "director of the Nuffield Trust"),
        (PULSE, "Nuffield Trust executive"),
        (PULSE, "Nuffield Trust executive"),
    ]
    rows = statements.to_dicts()
    assert rows[0]["person_id"] == "jennifer-dixon"
    assert rows[0]["organisation_ids"] == ("nuffield-trust",)
    assert rows[0]["published"] == dt.date(2012, 1, 5)
    assert rows[1]["published"] is None


def test_quotes_by_someone_never_quoted(corpus: icc.Corpus) -> None:
    assert corpus.quotes_by("Nick Mann") == ()  # the CIPFA article's author


# --- quotes ---------------------------------------------------------------------


def test_speakers_who_are_not_people(corpus: icc.Corpus) -> None:
    # CIPFA: "... the report said." and "This, the report said, was ‘essential’".
    found = corpus.find_quotes(speaker="the report")
    assert [q.text for q in found] == [
        (
            "Government policy should be founded on a clear, ambitious and measurable goal "
            "to improve the experience of patients and service users and to be delivered by "
            "a defined date,"
        ),
        (
            "This goal would serve a similar purpose to the aim of delivering a maximum waiting "
            "time of 18 weeks for patients receiving hospital care."
        ),
        "compelling case",
        "must do",
        "essential",
    ]
    assert ids(corpus.find_quotes(speaker="A DH statement")) == [f"{PULSE}/q1"]


def test_quotes_for_an_organisation(corpus: icc.Corpus) -> None:
    # The joint King's Fund / Nuffield Trust report (CIPFA q1-q6), Jennifer Dixon
    # for the Trust in CIPFA (q9) and in Pulse (q8, q9).
    expected = quote_ids(CIPFA, 1, 2, 3, 4, 5, 6, 9) + quote_ids(PULSE, 8, 9)
    assert ids(corpus.find_quotes(organisation="Nuffield Trust")) == expected
    trust = corpus.organisation("nuffield-trust")
    assert ids(corpus.find_quotes(organisation=trust)) == expected
    # Paul Burstow, 'Care services minister', and Mr Lamb, 'health and care minister'.
    # Aliases are stored without an article since corpus 1.1.0: "government".
    assert ids(corpus.find_quotes(organisation="government")) == quote_ids(
        CIPFA, 10, 11
    ) + quote_ids(PULSE, 4, 5)


def test_quotes_in_a_document_by_id_title_or_record(corpus: icc.Corpus) -> None:
    expected = quote_ids(PULSE, *range(1, 10))
    assert ids(corpus.find_quotes(document=PULSE)) == expected
    assert ids(corpus.find_quotes(document=corpus.document(PULSE))) == expected
    title = "NHS to be fully integrated with social care 'by 2018'"
    assert ids(corpus.find_quotes(document=title)) == expected
    assert ids(corpus.find_quotes(document=title.replace("'", "’").upper())) == expected


def test_quotes_by_date_go_through_the_document(corpus: icc.Corpus) -> None:
    # Dated documents: The King's Fund 23 Nov 2010 and CIPFA 5 Jan 2012.
    cipfa = quote_ids(CIPFA, *range(1, 12))
    assert ids(corpus.find_quotes(since=2011, until=2013)) == cipfa
    assert ids(corpus.find_quotes(since="2011-01", until="2013-12-31")) == cipfa
    assert ids(corpus.find_quotes(until="2010-11")) == quote_ids(KF_2010, 1, 2)
    assert ids(corpus.find_quotes(until=dt.date(2010, 11, 22))) == []
    assert ids(corpus.find_quotes(since=dt.date(2012, 1, 5), until="2012-01-05")) == cipfa
    assert (
        ids(corpus.find_quotes(since=dt.datetime(2012, 1, 6, 9, 30, tzinfo=dt.timezone.utc))) == []
    )
    # Quotes in undated documents never meet a date criterion.
    assert len(corpus.find_quotes(since=1900)) == 2 + 11


def test_quote_kinds_and_text(corpus: icc.Corpus) -> None:
    partial = corpus.find_quotes(kind="partial")
    # 'clear, ambitious and measurable goal', 'compelling case', 'must do',
    # 'essential', Dixon's 'less about extra spending ...'; Pulse: 'non-recurrent
    # expenditure', 'helped', 'in return'.
    assert ids(partial) == quote_ids(CIPFA, 1, 4, 5, 6, 9) + quote_ids(PULSE, 2, 6, 7)
    assert corpus.find_quotes(kind=icc.QuoteKind.PARTIAL) == partial
    assert len(corpus.find_quotes(kind=["direct", "partial"])) == len(corpus.quotes)
    # 'Integrated care can be delivered ...' (Ham), 'approaches to integrated
    # care and support' (the DH statement), 'develop integrated care' (Dixon).
    assert ids(corpus.find_quotes(text="integrated care")) == [
        f"{CIPFA}/q7",
        f"{PULSE}/q3",
        f"{PULSE}/q8",
    ]
    # The text has 'Today’s announcement'; a straight apostrophe finds it.
    assert ids(corpus.find_quotes(text="today's announcement")) == [f"{PULSE}/q9"]


def test_quote_criteria_combine_with_and(corpus: icc.Corpus) -> None:
    assert ids(corpus.find_quotes(speaker="Jennifer Dixon", document=PULSE)) == quote_ids(
        PULSE, 8, 9
    )
    assert ids(corpus.find_quotes(speaker="Jennifer Dixon", since=2012)) == [f"{CIPFA}/q9"]
    assert ids(corpus.find_quotes(organisation="Nuffield Trust", kind="partial")) == quote_ids(
        CIPFA, 1, 4, 5, 6, 9
    )
    assert corpus.find_quotes(speaker="Chris Ham", document=PULSE) == ()
    either = corpus.find_quotes(speaker=["Chris Ham", "Jennifer Dixon"], since=2012)
    assert ids(either) == quote_ids(CIPFA, 7, 8, 9)


# --- documents --------------------------------------------------------------------


def test_documents_by_each_field(corpus: icc.Corpus) -> None:
    assert ids(corpus.find_documents(publisher="The King’s Fund")) == [
        KF_PILOTS,
        KF_2010,
        MARATHON,
    ]
    assert ids(corpus.find_documents(publisher="Pulse")) == [PULSE]
    assert ids(corpus.find_documents(kind="news-article")) == [CIPFA, PULSE]
    assert ids(corpus.find_documents(kind=icc.DocumentKind.BLOG_POST)) == [MARATHON]
    assert ids(corpus.find_documents(kind="Press release")) == [KF_PILOTS, KF_2010]
    assert ids(corpus.find_documents(author="Nick Mann")) == [CIPFA]  # 'By Nick Mann'
    assert ids(corpus.find_documents(topic="funding")) == [KF_2010, CIPFA, PULSE, MARATHON]
    assert ids(corpus.find_documents(topic=icc.Topic.INTERNATIONAL)) == [KF_2010, MARATHON]
    assert ids(corpus.find_documents(mentions="Nuffield Trust")) == [CIPFA, PULSE]
    assert ids(corpus.find_documents(mentions="Norman Lamb")) == [PULSE, MARATHON]
    assert ids(corpus.find_documents(quoting="Jennifer Dixon")) == [CIPFA, PULSE]
    assert ids(corpus.find_documents(text="Torbay")) == [KF_2010]


def test_documents_by_date_leave_out_undated_ones(corpus: icc.Corpus) -> None:
    assert ids(corpus.find_documents(since=2011)) == [CIPFA]
    assert ids(corpus.find_documents(until=2011)) == [KF_2010]
    assert ids(corpus.find_documents(since=2010, until=2012)) == [KF_2010, CIPFA]
    assert ids(corpus.find_documents(since=1900)) == [KF_2010, CIPFA]
    with pytest.raises(ValueError, match="before since"):
        corpus.find_documents(since=2013, until=2011)
    with pytest.raises(ValueError, match="YYYY-MM"):
        corpus.find_documents(since="5 Jan 12")
    with pytest.raises(ValueError, match="not a date"):
        corpus.find_documents(until="2012-02-30")
    with pytest.raises(TypeError, match="since"):
        corpus.find_documents(since=2012.5)  # type: ignore[arg-type]


def test_document_criteria_combine_with_and(corpus: icc.Corpus) -> None:
    assert ids(corpus.find_documents(publisher="kings-fund", topic="international")) == [
        KF_2010,
        MARATHON,
    ]
    assert ids(corpus.find_documents(kind=["press-release", "blog-post"])) == [
        KF_PILOTS,
        KF_2010,
        MARATHON,
    ]
    assert ids(corpus.find_documents(mentions=["Nuffield Trust", "Canterbury"])) == [
        CIPFA,
        PULSE,
        MARATHON,
    ]
    assert corpus.find_documents(publisher="kings-fund", mentions="Nuffield Trust") == ()
    assert corpus.find_documents(kind=[]) == ()  # an empty collection matches nothing
    assert corpus.find_documents() == corpus.documents


# --- comments ---------------------------------------------------------------------


def test_comments_by_each_field(corpus: icc.Corpus) -> None:
    pulse = [f"{PULSE}/c{n}" for n in range(1, 6)]
    assert ids(corpus.find_comments(anonymous=True)) == pulse
    assert ids(corpus.find_comments(anonymous=False)) == [f"{MARATHON}/c1", f"{MARATHON}/c2"]
    assert ids(corpus.find_comments(document=PULSE)) == pulse
    assert ids(corpus.find_comments(author="Deirdre Criddle")) == [f"{MARATHON}/c1"]
    assert ids(corpus.find_comments(author="george-coxon")) == [f"{MARATHON}/c2"]
    # 'CoNeCT - SIr Charles Gairdner Hospital' and 'CCH Devon'.
    assert ids(corpus.find_comments(affiliation="gairdner")) == [f"{MARATHON}/c1"]
    assert ids(corpus.find_comments(organisation="Sir Charles Gairdner Hospital")) == [
        f"{MARATHON}/c1"
    ]
    assert ids(corpus.find_comments(organisation="CCH Devon")) == [f"{MARATHON}/c2"]
    # 'I have asked our PCT ...' and 'Our PCT/CCG has shown ...'.
    assert ids(corpus.find_comments(text="PCT")) == [f"{PULSE}/c2", f"{PULSE}/c3"]
    assert ids(corpus.find_comments(text="PCT", anonymous=False)) == []
    # Both documents with comments are undated.
    assert corpus.find_comments(since=1900) == ()


# --- organisations and people ---------------------------------------------------------


def test_organisations_by_kind_and_country(corpus: icc.Corpus) -> None:
    assert ids(corpus.find_organisations(kind="think-tank")) == ["kings-fund", "nuffield-trust"]
    assert ids(corpus.find_organisations(country="au")) == [
        "conect",
        "sir-charles-gairdner-hospital",
    ]
    assert ids(corpus.find_organisations(country="US")) == ["kaiser-permanente", "twitter"]
    assert ids(corpus.find_organisations(country="NZ")) == ["canterbury-district-health-board"]
    assert ids(corpus.find_organisations(kind=icc.OrganisationKind.CLASS_OF_BODIES)) == [
        "clinical-commissioning-groups",
        "gp-consortia",
        "health-and-wellbeing-boards",
        "local-authorities",
        "nhs-trusts",
        "primary-care-groups",
        "primary-care-trusts",
        "social-services-departments",
    ]
    assert ids(corpus.find_organisations(kind="health-body", country="GB")) == ["torbay-care-trust"]


def test_people_by_organisation_and_role(corpus: icc.Corpus) -> None:
    # 'Health Secretary Andrew Lansley', 'Prime Minister David Cameron', Norman
    # Lamb 'health and care minister', 'Care services minister Paul Burstow'.
    assert ids(corpus.find_people(organisation="UK Government")) == [
        "andrew-lansley",
        "david-cameron",
        "norman-lamb",
        "paul-burstow",
    ]
    assert ids(corpus.find_people(role="minister")) == [
        "david-cameron",
        "norman-lamb",
        "paul-burstow",
    ]
    assert ids(corpus.find_people(organisation="The King's Fund", role="chief executive")) == [
        "chris-ham",
        "niall-dickson",
    ]
    assert ids(corpus.find_people(organisation="CoNeCT")) == ["deirdre-criddle"]


# --- mentions -------------------------------------------------------------------------


def test_nuffield_trust_is_mentioned_twice_in_two_documents(corpus: icc.Corpus) -> None:
    # CIPFA: 'The King’s Fund and the Nuffield Trust said' and 'director of the
    # Nuffield Trust'; Pulse: 'the Nuffield Trust warned' and 'Nuffield Trust executive'.
    mentions = corpus.mentions_of("Nuffield Trust")
    assert [m.document_id for m in mentions] == [CIPFA, CIPFA, PULSE, PULSE]
    for m in mentions:
        assert corpus.document(m.document_id).text[m.span.start : m.span.end] == "Nuffield Trust"
    assert ids(corpus.documents_mentioning("nuffield trust")) == [CIPFA, PULSE]
    assert corpus.find_mentions(of="Nuffield Trust", document=PULSE) == mentions[2:]


def test_mentions_of_a_person_and_by_basis(corpus: icc.Corpus) -> None:
    # 'Professor Chris Ham' (2010), the reference 'Ham C (2010)' and 'Chris Ham' (CIPFA).
    assert [m.text for m in corpus.mentions_of("Chris Ham")] == ["Chris Ham", "Ham C", "Chris Ham"]
    inferred = corpus.find_mentions(basis="inferred")
    assert [m.text for m in inferred] == ["Ham C", "Kaiser", "trust", "trust", "SS", *["Fund"] * 3]
    # Corpus 1.0.1 marked six more readings as inferred; 1.0.0 is unchanged.
    first = icc.load("1.0.0").find_mentions(basis="inferred")
    assert [m.text for m in first] == ["Ham C", "Kaiser"]
    assert ids(corpus.documents_mentioning(corpus.person("norman-lamb"))) == [PULSE, MARATHON]


def test_quotes_and_comments_that_mention(corpus: icc.Corpus) -> None:
    # 'monopoly organisations around the NHS', 'closer integration in the NHS',
    # 'NHS staff', 'Our ambition for the NHS', 'local authorities, the NHS, social
    # care providers', 'the NHS and care system is heading for a crisis'.
    assert ids(corpus.quotes_mentioning("NHS")) == [
        f"{KF_PILOTS}/q4",
        f"{KF_2010}/q1",
        f"{CIPFA}/q7",
        f"{CIPFA}/q10",
        f"{PULSE}/q1",
        f"{PULSE}/q5",
    ]
    # '... following the first NHS Future Forum report ...'
    assert ids(corpus.quotes_mentioning("NHS Future Forum")) == [f"{CIPFA}/q11"]
    # 'ring-fenced NHS funds'; 'an NHS commissioner', 'an NHS budget'.
    assert ids(corpus.comments_mentioning("NHS")) == [f"{PULSE}/c4", f"{MARATHON}/c2"]
    # 'social services and nurses', 'underfunded SS', 'Social Services',
    # 'social services link worker'.
    assert ids(corpus.comments_mentioning("social services")) == [
        f"{PULSE}/c{n}" for n in (2, 3, 4, 5)
    ]
    # 'as Nick Goodwin has highlighted'
    assert ids(corpus.comments_mentioning("Nick Goodwin")) == [f"{MARATHON}/c1"]
    assert corpus.quotes_mentioning("Twitter") == ()


def test_co_mentions(corpus: icc.Corpus) -> None:
    pairs = corpus.co_mentions()
    top = pairs[0]
    # Every document names both: 'local councils', 'the council', 'local
    # authority', 'local authorities' twice; and the NHS.
    assert (top.first.id, top.second.id, top.count) == ("local-authorities", "nhs", 5)
    assert [c.count for c in pairs] == sorted((c.count for c in pairs), reverse=True)
    assert corpus.co_mentions(min_documents=5) == pairs[:1]
    with_trust = {c.second.id: c.count for c in corpus.co_mentions("Nuffield Trust")}
    assert with_trust["kings-fund"] == 1  # only CIPFA names both
    assert with_trust["department-of-health"] == 2
    assert with_trust["uk-government"] == 2  # 'government'; 'Goverment', 'Government'
    assert all(c.first.id == "nuffield-trust" for c in corpus.co_mentions("Nuffield Trust"))
    kf = {c.second.id: c for c in corpus.co_mentions("kings-fund")}
    assert ids(kf["nuffield-trust"].documents) == [CIPFA]
    assert kf["nhs"].count == 4  # all but Pulse, which does not name the Fund


def test_people_quoted_in_several_documents(corpus: icc.Corpus) -> None:
    assert ids(corpus.people_quoted_in_several_documents()) == ["chris-ham", "jennifer-dixon"]
    assert ids(corpus.people_quoted_in_several_documents(min_documents=1)) == [
        "chris-ham",
        "jennifer-dixon",
        "niall-dickson",
        "norman-lamb",
        "paul-burstow",
    ]
    assert corpus.people_quoted_in_several_documents(min_documents=3) == ()


def test_organisations_spoken_for(corpus: icc.Corpus) -> None:
    assert ids(corpus.organisations_spoken_for("Chris Ham")) == ["kings-fund"]
    assert ids(corpus.organisations_spoken_for("Mr Lamb")) == ["uk-government"]
    assert ids(corpus.organisations_spoken_for("Jennifer Dixon")) == ["nuffield-trust"]
    assert corpus.organisations_spoken_for("George Coxon") == ()  # a commenter, not quoted


def test_in_document(corpus: icc.Corpus) -> None:
    contents = corpus.in_document(PULSE)
    assert contents.document is corpus.document(PULSE)
    assert (len(contents.quotes), len(contents.comments), len(contents.mentions)) == (9, 5, 36)
    # Named in the article and its comments: NHS, CCGs, the Government, DH,
    # Health and Wellbeing Boards, local authorities, ICASE, the Nuffield Trust,
    # the trust, PCT, social services, PCG.
    assert ids(contents.organisations) == [
        "clinical-commissioning-groups",
        "department-of-health",
        "health-and-wellbeing-boards",
        "icase",
        "local-authorities",
        "nhs",
        "nhs-trusts",
        "nuffield-trust",
        "primary-care-groups",
        "primary-care-trusts",
        "social-services-departments",
        "uk-government",
    ]
    assert ids(contents.people) == ["jennifer-dixon", "norman-lamb"]
    assert repr(contents) == f"<DocumentContents {PULSE}: 9 quotes, 5 comments, 36 mentions>"
    assert "<table>" in contents._repr_html_()
    marathon = corpus.in_document("Making integrated care happen: a marathon not a sprint")
    assert (len(marathon.quotes), len(marathon.comments)) == (0, 2)


def test_timeline(corpus: icc.Corpus) -> None:
    timeline = corpus.timeline(undated=False)
    assert ids(timeline) == [KF_2010, CIPFA]
    assert [d.published.date for d in timeline] == [dt.date(2010, 11, 23), dt.date(2012, 1, 5)]


# --- unknown names are errors, never empty results ------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.find_quotes(speaker="Chris Hamm"), r"no speaker 'Chris Hamm'.*Chris Ham"),
        (lambda c: c.quotes_by("Jenifer Dixon"), "Jennifer Dixon"),
        (lambda c: c.find_documents(publisher="Kings Fnd"), "The King's Fund"),
        (lambda c: c.find_documents(kind="news article s"), "news-article"),
        (lambda c: c.find_documents(topic="fundng"), "funding"),
        (lambda c: c.find_documents(mentions="Nufield Trust"), "Nuffield Trust"),
        (lambda c: c.mentions_of("Norman Lam"), "Norman Lamb"),
        (lambda c: c.find_quotes(document="pulse-undatd"), "pulse-undated-nhs"),
        (lambda c: c.find_comments(author="Deirdre Cridle"), "Deirdre Criddle"),
        (lambda c: c.find_organisations(country="FR"), "no country 'FR'"),
        (lambda c: c.find_organisations(kind="thinktank"), "think-tank"),
        (lambda c: c.find_people(organisation="Nuffield"), "Nuffield Trust"),
        (lambda c: c.in_document("Making integrated care hapen"), "marathon"),
        (lambda c: c.search("care", kinds="posts"), "kind of text"),
        (lambda c: c.to_dataframe("quote"), "quotes"),
    ],
)
def test_unknown_names_suggest_close_matches(
    corpus: icc.Corpus, call: object, message: str
) -> None:
    assert callable(call)
    with pytest.raises(icc.UnknownRecordError, match=message):
        call(corpus)


def test_a_record_from_elsewhere_is_refused(corpus: icc.Corpus) -> None:
    ham = corpus.person("chris-ham")
    impostor = attrs.evolve(ham, name="Someone Else")
    with pytest.raises(icc.UnknownRecordError):
        corpus.quotes_by(impostor)
    with pytest.raises(TypeError, match="expected a Person"):
        corpus.quotes_by(42)  # type: ignore[arg-type]


# --- result collections -------------------------------------------------------------


def test_results_are_immutable_typed_sequences(corpus: icc.Corpus) -> None:
    found = corpus.find_quotes(speaker="Chris Ham")
    assert isinstance(found, icc.Results)
    assert isinstance(found, Sequence)
    assert found.item_type is icc.Quote
    assert found == tuple(found)
    assert found[1:] == tuple(found)[1:]
    assert isinstance(found[1:], icc.Results)
    assert found[0] in found
    assert hash(found) == hash(tuple(found))
    assert found.index(found[2]) == 2
    with pytest.raises(AttributeError, match="immutable"):
        found._items = ()
    with pytest.raises(AttributeError, match="immutable"):
        del found.item_type


def test_results_repr_is_short(corpus: icc.Corpus) -> None:
    assert repr(corpus.people_quoted_in_several_documents()) == (
        "<Results: 2 people: Chris Ham, Jennifer Dixon>"
    )
    assert repr(corpus.find_organisations(country="NZ")) == (
        "<Results: 1 organisation: Canterbury District Health Board>"
    )
    assert repr(corpus.find_quotes(document=PULSE, speaker="Chris Ham")) == "<Results: 0 quotes>"
    many = repr(corpus.find_organisations(kind="class-of-bodies"))
    assert many.endswith("… (5 more)>")
    assert repr(corpus.co_mentions(min_documents=5)) == (
        "<Results: 1 co-mention: local authorities + NHS (5)>"
    )


def test_to_dicts_are_flat_and_join_by_id(corpus: icc.Corpus) -> None:
    rows = corpus.find_quotes(speaker="Jennifer Dixon").to_dicts()
    words = (
        "less about extra spending and more about removing rigidities in the system "
        "and encouraging creativity"
    )
    # The words' one place in the document, found by hand: characters 2606 to 2707.
    assert corpus.document(CIPFA).text.index(words) == 2606
    assert corpus.document(CIPFA).text.count(words) == 1
    assert rows[0] == {
        "id": f"{CIPFA}/q9",
        "document_id": CIPFA,
        "span_start": 2606,
        "span_end": 2707,
        "text": words,
        "speaker": "Jennifer Dixon",
        "person_id": "jennifer-dixon",
        "organisation_ids": ("nuffield-trust",),
        "role": "director of the Nuffield Trust",
        "role_span_start": 2540,
        "role_span_end": 2570,
        "role_organisation_ids": ("nuffield-trust",),
        "kind": "partial",
        "attribution": "stated",
        "continues": None,
        "note": None,
        "source": "Jennifer Dixon, director of the Nuffield Trust",
        "source_start": rows[0]["source_start"],
        "source_end": rows[0]["source_end"],
        "cue": "added",
        "cue_start": rows[0]["cue_start"],
        "cue_end": rows[0]["cue_end"],
    }
    text = corpus.document(CIPFA).text
    assert text[rows[0]["span_start"] : rows[0]["span_end"]] == rows[0]["text"]
    role = rows[0]["role_span_start"], rows[0]["role_span_end"]
    assert text[role[0] : role[1]] == rows[0]["role"]
    assert text[rows[0]["source_start"] : rows[0]["source_end"]] == rows[0]["source"]
    assert text[rows[0]["cue_start"] : rows[0]["cue_end"]] == rows[0]["cue"]
    documents = corpus.timeline(undated=False).to_dicts()
    assert [d["published"] for d in documents] == [dt.date(2010, 11, 23), dt.date(2012, 1, 5)]
    assert documents[1]["author_ids"] == ("nick-mann",)
    people = corpus.find_people(role="chief executive").to_dicts()
    assert people[0]["roles"] == (
        "Chief Executive of The King's Fund and lead author of the report",
        "chief executive of The King’s Fund",
    )
    for results in (
        corpus.find_documents(),
        corpus.find_quotes(),
        corpus.find_comments(),
        corpus.find_mentions(),
        corpus.find_organisations(),
        corpus.find_people(),
        corpus.quotes_by("Chris Ham"),
        corpus.co_mentions(),
        corpus.search("care"),
    ):
        schema = [name for name, _ in SCHEMAS[results.item_type]]
        assert all(list(row) == schema for row in results.to_dicts())


def test_html_tables(corpus: icc.Corpus) -> None:
    page = corpus.find_quotes(speaker="Chris Ham")._repr_html_()
    assert page.count("<tr>") == 1 + 4
    assert "chief executive of The King’s Fund" in page
    assert "<caption>&lt;Results: 4 quotes" in page
    many = corpus.find_mentions()._repr_html_()
    assert f"… {len(corpus.mentions) - 50} more" in many
    whole = corpus._repr_html_()
    assert f"Corpus {corpus.version}" in whole
    assert "<td>quotes</td><td>27</td>" in whole
    assert CIPFA in whole
    assert "<table>" in corpus.search("Torbay")._repr_html_()
    assert "<table>" in corpus.co_mentions()._repr_html_()


def test_indexes_are_built_once(corpus: icc.Corpus) -> None:
    corpus.find_quotes(speaker="Chris Ham")
    index = corpus._index
    by_person = index.quotes_by_person
    corpus.find_quotes(speaker="Jennifer Dixon")
    corpus.quotes_by("Norman Lamb")
    assert corpus._index is index
    assert index.quotes_by_person is by_person
    corpus.search("care")
    search = index.search
    corpus.find_documents(text="Torbay")
    assert index.search is search


def test_results_of_other_values() -> None:
    numbers = icc.Results(int, [1, 2])
    assert repr(numbers) == "<Results: 2 int: 1, 2>"
    assert numbers.to_dicts() == [{"value": 1}, {"value": 2}]
    assert "<td>1</td>" in numbers._repr_html_()
    with pytest.raises(TypeError, match="no table layout for int results"):
        numbers.to_dataframe()


def test_people_by_role_match_current_roles_unless_asked(corpus: icc.Corpus) -> None:
    # Seed 004: "After many years as an NHS commissioner and now working across ..."
    assert ids(corpus.find_people(role="commissioner")) == []
    assert ids(corpus.find_people(role="commissioner", former=True)) == ["george-coxon"]
    assert ids(corpus.find_people(organisation="NHS")) == []
    assert ids(corpus.find_people(organisation="NHS", former=True)) == ["george-coxon"]
    assert ids(corpus.find_people(role="care home owner")) == ["george-coxon"]
    # Corpus 1.0.1 recorded the role as current.
    assert icc.load("1.0.1").find_people(role="commissioner").ids() == ("george-coxon",)


# --- the query index: groupings built fast, and only as far as a query needs ------


def _grouped_in_general(records: Sequence[object], field: str) -> dict[str, tuple[int, ...]]:
    from operator import attrgetter  # noqa: PLC0415 - only here

    from integrated_care_corpus import _index  # noqa: PLC0415 - the module under test

    return _index._group(records, lambda r: (attrgetter(field)(r),))


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("quotes", "person_id"),
        ("quotes", "document_id"),
        ("comments", "person_id"),
        ("comments", "document_id"),
        ("mentions", "organisation_id"),
        ("mentions", "person_id"),
        ("mentions", "document_id"),
        ("organisations", "country"),
        ("documents", "publisher.organisation_id"),
    ],
)
def test_a_one_key_grouping_is_the_general_grouping(kind: str, field: str) -> None:
    from integrated_care_corpus import _index  # noqa: PLC0415 - the module under test

    for version in icc.versions():
        records = getattr(icc.load(version), kind)
        grouped = _index._group_one(records, field)
        assert grouped == _grouped_in_general(records, field)
        assert list(grouped) == list(_grouped_in_general(records, field))  # first-seen order
        assert None not in grouped
    # Made-up records: repeated keys, None between them, one record per key.
    rows = [attrs.make_class("R", ["k"])(k) for k in ["a", None, "b", "a", None, "c", "a"]]
    assert _index._group_one(rows, "k") == {"a": (0, 3, 6), "b": (2,), "c": (5,)}


def test_a_lookup_by_organisation_builds_no_grouping_of_people() -> None:
    from .conftest import DATA  # noqa: PLC0415 - only here

    corpus = icc.load_path(DATA / icc.versions()[-1])  # a fresh corpus: nothing built yet
    nuffield = corpus.organisation("Nuffield Trust")
    assert corpus.mentions_of(nuffield)
    built = vars(corpus._index)
    assert "mentions_by_organisation" in built
    assert "mentions_by_person" not in built
    assert corpus.find_documents(mentions=nuffield)
    assert "documents_mentioning_person" not in vars(corpus._index)
