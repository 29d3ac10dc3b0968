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
KF_2010 = "kings-fund-2010-11-23-integration-at-heart-of-nhs-reform"
MARATHON = "kings-fund-undated-marathon-not-a-sprint"


@pytest.fixture
def names(corpus: icc.Corpus) -> Names:
    """A resolver built afresh for each test (it takes a millisecond)."""
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


def test_name_words_drop_apostrophes_inside_words() -> None:
    assert name_words("The King's Fund") == ("kings", "fund")
    assert name_words("the King’s Fund") == ("kings", "fund")


def test_a_title_with_a_surname_resolves_to_the_one_with_that_surname(names: Names) -> None:
    # Chris Ham is stored as 'Professor Chris Ham'; 'Dr Ham' is no stored name.
    assert names.person("Dr Ham").id == "chris-ham"
    assert names.person("Sir Burstow").id == "paul-burstow"
    assert names.person("Ham C").id == "chris-ham"
    assert names.person("Professor Chris").id == "chris-ham"


def test_surnames_and_forenames_resolve_only_in_names_of_two_words_or_more(
    corpus: icc.Corpus,
) -> None:
    one_word = attrs.evolve(corpus.person("nick-mann"), id="cher", name="Cher", aliases=())
    three = attrs.evolve(
        corpus.person("nick-mann"), id="anna-maria-jones", name="Anna Maria Jones", aliases=()
    )
    names = Names(corpus.organisations, (*corpus.people, one_word, three), corpus.documents)
    assert names.person("Cher").id == "cher"
    assert names.person("Anna").id == "anna-maria-jones"  # the forename
    assert names.person("Jones").id == "anna-maria-jones"  # the surname
    assert names.people("Maria") == []  # a middle name is neither
    assert names.people("Dr Maria") == []


def test_acronyms_of_names_are_suggested(names: Names) -> None:
    # 'DoH' is the initials of every word, 'HWB' those of the words that are not
    # small ones ('and'), 'NE' those of a two-word name.
    for asked, label in [
        ("DoH", "Department of Health (department-of-health)"),
        ("HWB", "Health and Wellbeing Boards (health-and-wellbeing-boards)"),
        ("NE", "NHS England (nhs-england)"),
        ("N. E.", "NHS England (nhs-england)"),
    ]:
        with pytest.raises(icc.UnknownRecordError) as caught:
            names.organisation(asked)
        assert caught.value.suggestions == (label,)
        assert str(caught.value) == f"no organisation {asked!r}; did you mean {label}?"


def test_a_close_spelling_with_another_initial_is_not_offered(names: Names) -> None:
    # 'Xonitor' is one letter from 'Monitor', but shares no word or initial with it.
    with pytest.raises(icc.UnknownRecordError) as caught:
        names.organisation("Xonitor")
    assert caught.value.suggestions == ()
    assert str(caught.value) == "no organisation 'Xonitor'"


def test_suggestions_rank_close_spellings_of_whole_names(names: Names) -> None:
    with pytest.raises(icc.UnknownRecordError) as caught:
        names.organisation("Nufield Trst")
    assert caught.value.suggestions == ("Nuffield Trust (nuffield-trust)",)
    assert [label for _, _, label in names._organisations.ranked("Nufield Trst")] == [
        "Nuffield Trust (nuffield-trust)"
    ]
    (score, position, _), *_ = names._organisations.ranked("Nufield Trst")
    assert position == [o.id for o in names._organisations.records].index("nuffield-trust")
    # The closer of the spelling of the whole name (0.917) and of its words (0.95 of 0.911).
    assert -score == pytest.approx(2 * 11 / 24)


def test_unknown_names_say_what_was_looked_for(names: Names) -> None:
    with pytest.raises(icc.UnknownRecordError) as caught:
        names.organisation("Jennifer Dixon")
    assert (caught.value.kind, caught.value.key) == ("organisation", "Jennifer Dixon")
    assert str(caught.value) == (
        "no organisation 'Jennifer Dixon' "
        "(Jennifer Dixon (jennifer-dixon) is a person: look it up with person())"
    )
    with pytest.raises(icc.UnknownRecordError) as caught:
        names.person("King's Fund")
    assert (caught.value.kind, caught.value.key) == ("person", "King's Fund")
    assert str(caught.value) == (
        'no person "King\'s Fund" '
        "(The King's Fund (kings-fund) is an organisation: look it up with organisation())"
    )
    with pytest.raises(icc.UnknownRecordError) as caught:
        names.entity("Lam")
    assert (caught.value.kind, caught.value.key) == ("organisation or person", "Lam")
    assert str(caught.value) == (
        "no organisation or person 'Lam'; did you mean Norman Lamb (norman-lamb)?"
    )
    with pytest.raises(icc.UnknownRecordError) as caught:
        names.document("pulsee")
    assert (caught.value.kind, caught.value.key) == ("document", "pulsee")
    assert str(caught.value) == (
        "no document 'pulsee'; did you mean NHS to be fully integrated with social care "
        f"'by 2018' ({PULSE})?"
    )


def test_an_organisation_name_two_organisations_share(corpus: icc.Corpus) -> None:
    twin = attrs.evolve(corpus.organisation("monitor"), id="monitor-2", aliases=())
    names = Names((*corpus.organisations, twin), corpus.people, corpus.documents)
    expected = "'Monitor' fits 2 organisations: Monitor (monitor); Monitor (monitor-2); "
    for lookup in (names.organisation, names.entity):
        with pytest.raises(icc.AmbiguousNameError) as caught:
            lookup("Monitor")
        assert (caught.value.kind, caught.value.key) == ("organisation", "Monitor")
        assert caught.value.candidates == ("Monitor (monitor)", "Monitor (monitor-2)")
        assert str(caught.value) == expected + "give more of the name, or an id"


def test_a_forename_two_people_share_is_ambiguous_as_either_kind(names: Names) -> None:
    with pytest.raises(icc.AmbiguousNameError) as caught:
        names.entity("Nick")
    assert (caught.value.kind, caught.value.key) == ("person", "Nick")
    assert str(caught.value) == (
        "'Nick' fits 2 people: Nick Goodwin (nick-goodwin); Nick Mann (nick-mann); "
        "give more of the name, or an id"
    )


def test_an_organisation_and_a_person_of_one_name_say_how_to_choose(
    corpus: icc.Corpus,
) -> None:
    person = attrs.evolve(corpus.person("nick-mann"), id="monty", name="Monitor", aliases=())
    names = Names(corpus.organisations, (*corpus.people, person), corpus.documents)
    with pytest.raises(icc.AmbiguousNameError) as caught:
        names.entity("monitor")
    assert (caught.value.kind, caught.value.key) == ("organisation or person", "monitor")
    assert str(caught.value) == (
        "'monitor' fits 2 records: the organisation Monitor (monitor); "
        "the person Monitor (monty); "
        "pass corpus.organisation(...) or corpus.person(...) to choose"
    )


def test_a_shared_document_fragment_says_so(names: Names) -> None:
    with pytest.raises(icc.AmbiguousNameError) as caught:
        names.document("integration")
    assert (caught.value.kind, caught.value.key) == ("document", "integration")
    assert str(caught.value) == (
        "'integration' fits 2 documents: "
        "kings-fund-2010-11-23-integration-at-heart-of-nhs-reform; "
        "cipfa-2012-01-05-ministers-must-prioritise-integration; "
        "give more of the name, or an id"
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("heart of nhs", KF_2010),  # a run of words inside the title
        ("says The King's Fund", KF_2010),  # the title's last words, not in its id
        ("Put integration of care", KF_2010),  # its first words, not in its id
        ("2018", PULSE),  # the last word of the id
        ("fully-integrated", PULSE),  # words of the id (and the title)
        ("undated-marathon", MARATHON),  # a fragment of the id alone
    ],
)
def test_document_fragments(names: Names, written: str, expected: str) -> None:
    assert names.document(written).id == expected


def test_a_fragment_must_be_whole_words_in_order(names: Names) -> None:
    assert names.documents("nhs heart") == []  # out of order
    assert names.documents("reform nhs") == []
    assert names.documents("fund says") == []  # words of the title, not a run of them
    assert [d.id for d in names.documents("a marathon")] == [MARATHON]


def test_an_exact_title_is_not_also_a_fragment(corpus: icc.Corpus) -> None:
    # A document titled 'Pulse': the name fits it exactly, and is only a fragment
    # of the id of the Pulse article, so the exact one alone is found.
    note = attrs.evolve(corpus.document(MARATHON), id="editors-note", title="Pulse")
    names = Names(corpus.organisations, corpus.people, (*corpus.documents, note))
    assert names.documents("pulse") == [note]
    assert names.document("pulse") == note
    assert names.documents("editors note") == [note]


def test_an_empty_name_fits_no_document(names: Names) -> None:
    assert names.documents("") == []
    assert names.documents("--") == []


def test_printed_names_are_suggested_as_printed(names: Names) -> None:
    assert names.suggest("the reprot", also=["the report", "the report", "Ministers"]) == (
        "the report",
    )
    assert names.suggest("Dixn", also=["Dixon's team"]) == (
        "Jennifer Dixon (jennifer-dixon)",
        "Dixon's team",
    )


def test_the_initials_of_every_word_are_an_acronym_too(names: Names) -> None:
    with pytest.raises(icc.UnknownRecordError) as caught:
        names.organisation("HAWB")  # Health And Wellbeing Boards
    assert caught.value.suggestions == (
        "Health and Wellbeing Boards (health-and-wellbeing-boards)",
    )


def test_a_title_before_a_stored_name(names: Names) -> None:
    assert names.person("Mr Norman Lamb").id == "norman-lamb"
    assert names.person("Professor Jennifer Dixon").id == "jennifer-dixon"


def test_a_stored_title_tells_people_apart(corpus: icc.Corpus) -> None:
    base = corpus.person("nick-mann")
    lord = attrs.evolve(base, id="lord-smith", name="Lord Smith", aliases=())
    doctor = attrs.evolve(base, id="dr-smith", name="Dr Smith", aliases=())
    names = Names(corpus.organisations, (*corpus.people, lord, doctor), corpus.documents)
    assert names.people("Lord Smith") == [lord]
    assert names.people("Dr Smith") == [doctor]
    assert names.people("Smith") == [lord, doctor]


def test_a_later_name_of_a_record_is_still_compared(names: Names) -> None:
    # The King's Fund's first names share no initial with this; '@TheKingsFund' does.
    with pytest.raises(icc.UnknownRecordError) as caught:
        names.organisation("@TheKingsFnd")
    assert caught.value.suggestions == ("The King's Fund (kings-fund)",)


def test_small_words_do_not_count_in_a_word_by_word_match(names: Names) -> None:
    ranked = names._organisations.ranked("Department for Health")
    # 'department' and 'health' each match a word exactly; 'for' is not counted.
    assert ranked[0][0] == pytest.approx(-0.95)
    assert ranked[0][2] == "Department of Health (department-of-health)"
    # A name of small words only is compared word by word all the same.
    with pytest.raises(icc.UnknownRecordError) as caught:
        names.organisation("of the")
    assert caught.value.suggestions == ("Department of Health (department-of-health)",)


def test_an_acronym_ranks_with_an_exact_spelling_not_above_it(names: Names) -> None:
    # 'NHS' is the NHS's name and the initials of a printed name: records rank first.
    assert names.suggest("NHS", also=["National Health Service"])[:2] == (
        "NHS (nhs)",
        "National Health Service",
    )


def test_a_name_exactly_as_close_as_needed_is_offered(names: Names) -> None:
    # Three of five letters in common on each side: a similarity of exactly 0.6.
    assert names.suggest("abcde", also=["abcxy"]) == ("abcxy",)
