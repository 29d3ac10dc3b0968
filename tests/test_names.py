"""The name resolver: names as researchers write them, ambiguity, and suggestions."""

from __future__ import annotations

import attrs
import pytest

import integrated_care_corpus as icc
from integrated_care_corpus._names import Names, name_key, name_words


@pytest.fixture(scope="module")
def corpus() -> icc.Corpus:
    """Corpus 1.0.1, released and so unchanging: the expected values are read off it."""
    return icc.load("1.0.1")


PULSE = "pulse-undated-nhs-fully-integrated-by-2018"
MARATHON = "kings-fund-undated-marathon-not-a-sprint"


@pytest.fixture(scope="module")
def names(corpus: icc.Corpus) -> Names:
    return Names(corpus.organisations, corpus.people, corpus.documents)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Kings Fund", "kings-fund"),
        ("the kings fund", "kings-fund"),
        ("THE KING‛S FUND", "kings-fund"),
        ("the DH", "department-of-health"),
        ("the Nuffield Trust", "nuffield-trust"),
        ("The Department of Health", "department-of-health"),
        ("the NHS", "nhs"),
        # Stored as 'the Fund', 'the council', 'the Care Trust':
        ("Fund", "kings-fund"),
        ("council", "local-authorities"),
        ("Care Trust", "torbay-care-trust"),
        ("health and well-being boards", "health-and-wellbeing-boards"),
        ("kings-fund", "kings-fund"),
    ],
)
def test_organisations_as_written(names: Names, written: str, expected: str) -> None:
    assert names.organisation(written).id == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Dixon", "jennifer-dixon"),
        ("Lamb", "norman-lamb"),  # mention m2224's text
        ("Dr Dixon", "jennifer-dixon"),
        ("Professor Ham", "chris-ham"),
        ("chris", "chris-ham"),
        ("Mr. Lamb", "norman-lamb"),
        ("Burstow", "paul-burstow"),
        ("niall dickson", "niall-dickson"),
    ],
)
def test_people_by_name_surname_or_forename(names: Names, written: str, expected: str) -> None:
    assert names.person(written).id == expected


def test_a_forename_two_people_share_is_ambiguous(names: Names) -> None:
    with pytest.raises(icc.AmbiguousNameError) as caught:
        names.person("Nick")
    assert caught.value.candidates == ("Nick Goodwin (nick-goodwin)", "Nick Mann (nick-mann)")
    assert str(caught.value) == (
        "'Nick' fits 2 people: Nick Goodwin (nick-goodwin); Nick Mann (nick-mann); "
        "give more of the name, or an id"
    )
    # It is still an UnknownRecordError, so existing handlers catch it.
    assert isinstance(caught.value, icc.UnknownRecordError)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (PULSE, PULSE),
        ("pulse", PULSE),
        ("marathon", MARATHON),
        ("Making integrated care happen: a marathon not a sprint", MARATHON),
        ("making integrated care happen a marathon not a sprint", MARATHON),
        ("NHS to be fully integrated with social care ‘by 2018’", PULSE),
    ],
)
def test_documents_by_id_title_or_fragment(names: Names, written: str, expected: str) -> None:
    assert names.document(written).id == expected


def test_a_shared_fragment_lists_the_documents(names: Names) -> None:
    with pytest.raises(icc.AmbiguousNameError) as caught:
        names.document("kings-fund")
    assert caught.value.candidates == (
        "kings-fund-undated-pilots-welcome",
        "kings-fund-2010-11-23-integration-at-heart-of-nhs-reform",
        MARATHON,
    )


def test_close_spellings_are_suggested(names: Names) -> None:
    with pytest.raises(icc.UnknownRecordError) as caught:
        names.organisation("Nufield Trst")
    assert caught.value.suggestions[0] == "Nuffield Trust (nuffield-trust)"
    with pytest.raises(icc.UnknownRecordError) as caught:
        names.person("Dixn")
    assert caught.value.suggestions == ("Jennifer Dixon (jennifer-dixon)",)
    with pytest.raises(icc.UnknownRecordError) as caught:
        names.document("pulsee")
    assert caught.value.suggestions[0].endswith(f"({PULSE})")


def test_an_acronym_suggests_its_organisation_first(names: Names) -> None:
    # "CQC" is a well-known name since corpus 1.1.0 (it resolves); "NFF" is no one's.
    with pytest.raises(icc.UnknownRecordError) as caught:
        names.organisation("NFF")
    assert caught.value.suggestions[0] == "NHS Future Forum (nhs-future-forum)"
    new = icc.load("1.1.0")
    assert Names(new.organisations, new.people, new.documents).organisation("CQC").id == (
        "care-quality-commission"
    )
    old = icc.load("1.0.1")
    with pytest.raises(icc.UnknownRecordError) as caught:
        Names(old.organisations, old.people, old.documents).organisation("CQC")
    assert caught.value.suggestions[0] == "Care Quality Commission (care-quality-commission)"


def test_shared_words_are_suggested(names: Names) -> None:
    with pytest.raises(icc.UnknownRecordError) as caught:
        names.organisation("Department for Health")
    assert caught.value.suggestions[0] == "Department of Health (department-of-health)"


def test_no_suggestion_shares_no_word_or_initial(names: Names) -> None:
    # 'the DH' once suggested The King's Fund; a query with nothing in common gets nothing.
    for query in ("zzz", "Xylophone Quango", "qwerty"):
        with pytest.raises(icc.UnknownRecordError) as caught:
            names.organisation(query)
        assert caught.value.suggestions == ()
    with pytest.raises(icc.UnknownRecordError) as caught:
        names.organisation("Health Quango")
    for label in caught.value.suggestions:
        record = names.organisation(label.rpartition("(")[2].rstrip(")"))
        words = {w for n in (record.name, *record.aliases) for w in name_words(n)}
        assert words & {"health", "quango"} or {w[0] for w in words} & {"h", "q"}


def test_a_person_asked_for_as_an_organisation_says_so(names: Names) -> None:
    with pytest.raises(icc.UnknownRecordError, match=r"is a person: look it up with person\(\)"):
        names.organisation("Jennifer Dixon")
    with pytest.raises(icc.UnknownRecordError, match=r"is an organisation: look it up with organ"):
        names.person("King's Fund")


def test_either_kind(names: Names) -> None:
    assert names.entity("the DH").id == "department-of-health"
    assert names.entity("Lamb").id == "norman-lamb"
    with pytest.raises(icc.UnknownRecordError, match="did you mean Norman Lamb"):
        names.entity("Lam")


def test_a_name_that_is_an_organisation_and_a_person(corpus: icc.Corpus) -> None:
    monitor = corpus.organisation("monitor")
    person = attrs.evolve(corpus.person("nick-mann"), id="monty", name="Monitor", aliases=())
    names = Names(corpus.organisations, (*corpus.people, person), corpus.documents)
    with pytest.raises(icc.AmbiguousNameError) as caught:
        names.entity("monitor")
    assert caught.value.candidates == (
        f"the organisation Monitor ({monitor.id})",
        "the person Monitor (monty)",
    )
    assert "pass corpus.organisation(...) or corpus.person(...)" in str(caught.value)


@pytest.mark.skipif(
    "well_known_names" not in attrs.fields_dict(icc.Organisation),
    reason="Organisation.well_known_names arrives with corpus 1.1.0",
)
def test_well_known_names_resolve(corpus: icc.Corpus) -> None:
    cqc = corpus.organisation("care-quality-commission")
    known = attrs.evolve(cqc, well_known_names=("CQC",))  # type: ignore[call-arg,unused-ignore]
    organisations = tuple(known if o.id == cqc.id else o for o in corpus.organisations)
    names = Names(organisations, corpus.people, corpus.documents)
    assert names.organisation("CQC") == known
    assert names.organisation("the cqc") == known


def test_keys() -> None:
    assert name_key("The King’s Fund") == name_key("kings fund") == "kingsfund"
    assert name_key("Déjà Vu") == "dejavu"
    assert name_words("The") == ("the",)  # a name that is only "the" keeps it
