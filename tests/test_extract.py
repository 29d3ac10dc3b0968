"""The quote extractor: one test per pattern of the genre, on crafted snippets, and fuzzing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import integrated_care_corpus as icc
from integrated_care_corpus import Candidate, KnownNames, extract

from .conftest import ROOT, SEEDS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

NOBODY = KnownNames()
NAMES = KnownNames(
    people=(("Norman Lamb", "norman-lamb"), ("Chris Ham", "chris-ham")),
    organisations=(("The King's Fund", "kings-fund"), ("Nuffield Trust", "nuffield-trust")),
)


def found(text: str, names: KnownNames = NOBODY) -> list[tuple[str, str | None]]:
    return [(c.text, c.speaker) for c in extract(text, names=names)]


def words(text: str, span: icc.Span | None) -> str | None:
    return None if span is None else span.of(text)


# --- quotation marks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("‘", "’"), ("“", "”"), ("'", "'"), ('"', '"'), ("‘", "'"), ("“", '"')],
)
def test_double_and_single_straight_and_curly_marks(opening: str, closing: str) -> None:
    text = f"Jane Smith said: {opening}We will get there.{closing}"
    assert found(text) == [("We will get there.", "Jane Smith")]


def test_apostrophes_inside_single_quoted_speech_do_not_close_it() -> None:
    text = "Jane Smith said: 'It's what's best for patients' families, and it isn't cheap.'"
    assert found(text) == [
        ("It's what's best for patients' families, and it isn't cheap.", "Jane Smith")
    ]
    curly = "Jane Smith said: ‘Today’s plan is the King’s.’"
    assert found(curly) == [("Today’s plan is the King’s.", "Jane Smith")]


def test_plural_possessive_before_a_second_quotation_is_a_close() -> None:
    text = "The report said the plans were ‘good for carers’ and ‘overdue’."
    assert [t for t, _ in found(text)] == ["good for carers", "overdue"]


def test_british_multi_paragraph_quotation() -> None:
    text = (
        "Jane Smith, chief executive of the Trust, said:\n\n"
        "'The first paragraph opens the quotation.\n\n"
        "'The second reopens it, and runs on.\n\n"
        "'The third closes it.'\n\nAn ordinary paragraph."
    )
    first, second, third = extract(text, names=NOBODY)
    assert (first.speaker, first.continues, first.attribution.value) == (
        "Jane Smith",
        None,
        "stated",
    )
    assert words(text, first.cue) == "said"
    assert words(text, first.source) == "Jane Smith, chief executive of the Trust"
    assert second.continues == first.span.start
    assert third.continues == second.span.start
    assert {second.speaker, third.speaker} == {"Jane Smith"}
    assert (second.cue, second.source) == (None, None)
    assert third.text == "The third closes it."
    assert first.text == "The first paragraph opens the quotation."


def test_a_quotation_opened_after_a_colon_runs_on_into_the_next_paragraph() -> None:
    text = "Chris Ham said: ‘It can be done.\n\n‘It is time to move.’"
    first, second = extract(text, names=NOBODY)
    assert first.text == "It can be done."
    assert second.continues == first.span.start


# --- stated attribution --------------------------------------------------------------------------


def test_quote_then_said_x() -> None:
    text = "'We cannot wait,' said Jane Smith, director of the charity."
    (c,) = extract(text, names=NOBODY)
    assert (c.text, c.speaker, words(text, c.cue)) == ("We cannot wait,", "Jane Smith", "said")
    assert words(text, c.source) == "Jane Smith, director of the charity"
    assert c.kind is icc.QuoteKind.DIRECT


def test_quote_then_x_said() -> None:
    text = "‘We cannot wait,’ the report said."
    (c,) = extract(text, names=NOBODY)
    assert (c.speaker, words(text, c.cue), words(text, c.source)) == (
        "the report",
        "said",
        "the report",
    )


def test_x_said_colon_quote() -> None:
    text = "Nuffield Trust executive Dr Jennifer Dixon said: ‘There have been attempts.’"
    (c,) = extract(text, names=NOBODY)
    assert c.speaker == "Dr Jennifer Dixon"
    assert words(text, c.source) == "Nuffield Trust executive Dr Jennifer Dixon"
    # A clause before the name is not part of the source.
    text = "In announcing the policy, Mr Lamb commented: ‘People want the best care.’"
    (c,) = extract(text, names=NOBODY)
    assert (c.speaker, words(text, c.source)) == ("Mr Lamb", "Mr Lamb")


def test_a_quotation_ending_its_sentence_keeps_the_credit_before_it() -> None:
    # The words after ".’" begin another sentence: they credit the next quotation.
    text = "Jo Bloggs, leader of the council, said: ‘It will hurt.’ Ann Lee said so."
    (c,) = extract(text, names=NOBODY)
    assert (c.speaker, words(text, c.source)) == ("Jo Bloggs", "Jo Bloggs, leader of the council")
    text = "Jo Bloggs said: ‘It will hurt.’ He said: ‘Not for long.’"
    first, second = extract(text, names=NOBODY)
    assert (words(text, first.source), words(text, second.source)) == ("Jo Bloggs", "He")
    # A comma inside the mark still takes the credit after it.
    text = "Jo Bloggs said it was wrong. ‘It will hurt,’ Ann Lee said."
    (c,) = extract(text, names=NOBODY)
    assert c.speaker == "Ann Lee"


def test_quote_comma_outside_then_she_added() -> None:
    text = "Dr Ann Jones spoke first. 'We have to act,' she said. 'It is late', she added."
    first, second = extract(text, names=NOBODY)
    assert (first.speaker, second.speaker) == ("Dr Ann Jones", "Dr Ann Jones")
    assert words(text, second.cue) == "added"
    assert words(text, second.source) == "she"


def test_he_is_the_last_person_credited() -> None:
    text = (
        "Care services minister Paul Burstow noted that care was a priority.\n\n"
        "‘Our ambition is a simple one,’ he said."
    )
    (c,) = extract(text, names=NOBODY)
    assert c.speaker == "Paul Burstow"


def test_partial_quote_in_reported_speech() -> None:
    text = (
        "Jennifer Dixon, director of the Nuffield Trust, added that the change needed was "
        "‘less about extra spending’."
    )
    (c,) = extract(text, names=NAMES)
    assert (c.speaker, c.kind, words(text, c.cue)) == (
        "Jennifer Dixon",
        icc.QuoteKind.PARTIAL,
        "added",
    )
    assert c.organisation_ids == ("nuffield-trust",)


def test_they_stands_for_the_bodies_credited_before() -> None:
    text = (
        "The King's Fund and the Nuffield Trust said reform was needed. "
        "They called for a ‘bold goal’."
    )
    (c,) = extract(text, names=NAMES)
    assert c.speaker == "The King's Fund and the Nuffield Trust"
    assert words(text, c.cue) == "called for"
    assert set(c.organisation_ids) == {"kings-fund", "nuffield-trust"}


def test_parenthetical_credit() -> None:
    text = "This, the report said, was ‘essential’ to progress."
    (c,) = extract(text, names=NOBODY)
    assert (c.speaker, words(text, c.cue)) == ("the report", "said")


def test_a_credit_closing_the_sentence_covers_every_quotation_in_it() -> None:
    text = "The pioneers will be ‘helped’ and ‘in return’ will share, said the DH."
    assert found(text) == [("helped", "the DH"), ("in return", "the DH")]


def test_according_to() -> None:
    text = "The scheme is ‘a real step forward’, according to the charity."
    (c,) = extract(text, names=NOBODY)
    assert (c.speaker, words(text, c.cue)) == ("the charity", "according to")


def test_title_and_surname_resolve_to_the_person_named_earlier() -> None:
    text = "Health minister Norman Lamb spoke today.\n\nMr Lamb said: ‘Go now.’"
    (c,) = extract(text, names=NAMES)
    assert (c.speaker, c.person_id) == ("Mr Lamb", "norman-lamb")


def test_role_words_before_a_name_are_not_the_name() -> None:
    text = "Prime Minister David Cameron said: ‘We will merge them.’"
    assert found(text) == [("We will merge them.", "David Cameron")]


def test_known_names_give_ids_and_titles_stay_in_the_speaker() -> None:
    text = "Professor Chris Ham, Chief Executive of The King's Fund, said: ‘Yes.’"
    (c,) = extract(text, names=NAMES)
    assert (c.speaker, c.person_id, c.organisation_ids) == (
        "Professor Chris Ham",
        "chris-ham",
        ("kings-fund",),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dr Sarah Wollaston, who chairs the health committee, said: 'We need a plan.'",
            [("We need a plan.", "Dr Sarah Wollaston", "said")],
        ),
        (
            (
                "Speaking at the conference, health secretary Jeremy Hunt said the NHS was "
                "'under pressure'."
            ),
            [("under pressure", "Jeremy Hunt", "said")],
        ),
        (
            'The minister told MPs: "We will integrate care by 2020."',
            [("We will integrate care by 2020.", "The minister", "told")],
        ),
        (
            "In a statement, the Local Government Association said: ‘Councils are trying.’",
            [("Councils are trying.", "the Local Government Association", "said")],
        ),
        (
            "‘We welcome this,’ said a spokesman for NHS England.",
            [("We welcome this,", "a spokesman", "said")],
        ),
        (
            "According to the report, the pilots showed ‘no significant improvement’.",
            [("no significant improvement", "the report", "According to")],
        ),
        ("'It's a mess,' one GP told Pulse.", [("It's a mess,", "one GP", "told")]),
        (
            "Labour's Andy Burnham called the reforms 'a disaster'.",
            [("a disaster", "Andy Burnham", "called")],
        ),
        (
            (
                "'This is a wake-up call,' said Richard Murray, director of policy. "
                "'Social care is on its knees.'"
            ),
            [
                ("This is a wake-up call,", "Richard Murray", "said"),
                ("Social care is on its knees.", "Richard Murray", None),
            ],
        ),
        (
            "‘We must act now’, says minister Jane Smith",
            [("We must act now", "Jane Smith", "says")],
        ),
        ("A scheme called ‘Vanguard’ began.", []),
    ],
)
def test_more_credits_of_the_genre(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    got = [(c.text, c.speaker, words(text, c.cue)) for c in extract(text, names=NOBODY)]
    assert got == expected


# --- inferred attribution ------------------------------------------------------------------------


def test_an_uncredited_paragraph_after_a_quoted_one_is_inferred() -> None:
    text = "Paul Smith said: ‘First.’\n\n‘Second.’"
    _, second = extract(text, names=NOBODY)
    assert second.speaker == "Paul Smith"
    assert second.attribution is icc.Basis.INFERRED
    assert (second.cue, second.source, second.continues) == (None, None, None)


def test_an_uncredited_fragment_right_after_a_quoted_paragraph_is_inferred() -> None:
    text = (
        "‘Policy should be bold,’ the report said.\n\n"
        "The department is urged to make a ‘compelling case’ for change."
    )
    _, second = extract(text, names=NOBODY)
    assert (second.text, second.speaker, second.attribution) == (
        "compelling case",
        "the report",
        icc.Basis.INFERRED,
    )


def test_a_passive_verb_of_saying_credits_nobody() -> None:
    text = "The department is urged to make a ‘compelling case’ for change."
    assert found(text) == []


# --- what is not attributed speech ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "In this report the term ‘integrated care’ is broadly used.",
        "The so-called ‘integration agenda’ has stalled, he said.",
        "The bold plans aim to prevent patients ‘falling through the cracks’.",
        "A new report, ‘Making it work’, says that the NHS must change.",
        "The ‘Integrated Care Pioneers’ programme starts in September.",
        "Its experience is an example of achieving change 'from within'.",
        "Ministers ‘must prioritise integration of health and social care’\n\nBody text.",
        "NHS to be fully integrated with social care 'by 2018'\n\nThe plans were announced.",
    ],
)
def test_scare_quotes_titles_programmes_and_headline_fragments(text: str) -> None:
    assert found(text) == []


def test_reader_comments_are_not_credited_by_inference() -> None:
    text = (
        "Jane Smith said: ‘We will act.’\n\n"
        "Readers' comments (2)\n\n"
        "‘Encouraged’ is the word, is it?\n\n"
        'So the CCGs are being "encouraged" to do it.'
    )
    assert found(text) == [("We will act.", "Jane Smith")]


def test_a_quotation_that_never_closes_mid_paragraph_is_not_reported() -> None:
    assert found("He talked about the 'plan and then left.") == []


# --- the corpus, and names learnt from it --------------------------------------------------------


def test_known_names_left_out_for_a_document_are_the_ones_only_it_prints(
    corpus: icc.Corpus,
) -> None:
    names = KnownNames.from_corpus(corpus, excluding=["kings-fund-undated-pilots-welcome"])
    assert names.lookup("Niall Dickson") is None  # printed only in that document
    assert names.lookup("Chris Ham") == ("person", "chris-ham")
    everything = KnownNames.from_corpus(corpus)
    assert everything.lookup("niall dickson") == ("person", "niall-dickson")
    assert everything.lookup("The King’s Fund") == ("organisation", "kings-fund")


def test_the_default_names_are_the_bundled_corpus_s() -> None:
    text = "Niall Dickson said: ‘Yes.’"
    (c,) = extract(text)
    assert c.person_id == "niall-dickson"


def test_every_seed_quote_is_found_leaving_its_document_out(corpus: icc.Corpus) -> None:
    # Not a score (the benchmark gives those): every candidate is a real span of its text.
    for doc in corpus.documents:
        names = KnownNames.from_corpus(corpus, excluding=[doc.id])
        for c in extract(doc.text, names=names):
            assert c.span.of(doc.text) == c.text


# --- never raises; spans are the text ------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "a",
        "Jo",
        " ",
        "  ",
        "\n",
        "\n\n",
        ".",
        ",",
        ":",
        "'",
        '"',
        "‘",
        "’",
        "“",
        "”",
        "said",
        " said ",
        "he said.",
        "according to",
        "Mr Smith",
        "Jane Smith",
        "The King's Fund",
        "the report",
        "they",
        "s' ",
        "It's",
        "#1 ",
        "Readers' comments (2)",
        "•",
        "is urged",
        "the term ",
    ]
)


def _check(text: str) -> None:
    for c in extract(text, names=NAMES):
        assert isinstance(c, Candidate)
        assert 0 <= c.span.start <= c.span.end <= len(text)
        assert c.span.of(text) == c.text
        for part in (c.cue, c.source):
            if part is not None:
                assert 0 <= part.start <= part.end <= len(text)
        if c.cue is not None:
            assert not c.cue.overlaps(c.span)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_extract_never_raises_on_genre_like_text(text: str) -> None:
    _check(text)


# Texts built the way the genre builds them: quotations in every kind of mark
# (including a wrong closer), credits before and after with a cue verb, a
# pronoun or a back-reference, roles, and names with odd spacing inside
# ("Jo  Mr Smith" once crashed the extractor), across lines and paragraphs.
_OPEN_CLOSE = st.sampled_from(
    [("‘", "’"), ("“", "”"), ("'", "'"), ('"', '"'), ("‘", "'"), ("“", '"'), ("'", "’"), ("‘", "")]
)
_SPACE = st.sampled_from([" ", "  ", "\t", "\u00a0", "\n", " \n", "\u2009", ""])
_NAME_WORD = st.sampled_from(
    [
        "Jo",
        "Mr",
        "Dr",
        "Smith",
        "Norman",
        "Lamb",
        "Chris",
        "Ham",
        "O’Neill",
        "Jean-Luc",
        "DH",
        "NHS",
    ]
)
_NAME = st.lists(st.tuples(_NAME_WORD, _SPACE), min_size=1, max_size=4).map(
    lambda parts: "".join(w + sp for w, sp in parts).rstrip()
)
_ROLE = st.sampled_from(
    [
        "",
        "chief executive of The King's Fund",
        "health secretary",
        "former leader of the council",
        "director of the Nuffield Trust",
        "Nuffield Trust executive",
    ]
)
_CUE = st.sampled_from(
    ["said", "says", "added", "warned", "told Pulse", "commented", "called on", "according to"]
)
_PRONOUN = st.sampled_from(
    ["he", "she", "they", "He", "She", "It", "the minister", "the report", "The DH"]
)
_WORDS = st.lists(
    st.sampled_from(
        ["We", "must", "act", "now", "it's", "patients'", "care", "the", "plan", "won't", "work"]
    ),
    min_size=0,
    max_size=8,
).map(" ".join)


@st.composite
def _quotations(draw: st.DrawFn) -> str:
    opener, closer = draw(_OPEN_CLOSE)
    quote = opener + draw(_WORDS) + draw(st.sampled_from(["", ".", ",", "?", "!"])) + closer
    name = draw(_NAME)
    role = draw(_ROLE)
    who = draw(
        st.sampled_from(
            [
                name,
                f"{name}, {role}," if role else name,
                f"{role} {name}" if role else name,
                draw(_PRONOUN),
            ]
        )
    )
    cue = draw(_CUE)
    gap = draw(_SPACE)
    shape = draw(st.integers(0, 5))
    if shape == 0:
        return f"{who}{gap}{cue}: {quote}"
    if shape == 1:
        return f"{quote}{gap}{cue} {who}."
    if shape == 2:
        return f"{quote} {who}{gap}{cue}."
    if shape == 3:
        return f"{who} {cue} that{gap}{quote}"
    if shape == 4:
        return f"{cue.capitalize()} {who}, {quote}"
    return quote


_TEXTS = st.lists(
    st.tuples(_quotations(), st.sampled_from([" ", "  ", "\n", "\n\n", "\n \n", "\r\n\r\n"])),
    min_size=1,
    max_size=8,
).map(lambda parts: "".join(a + b for a, b in parts))


def _check_all(text: str, names: KnownNames) -> tuple[Candidate, ...]:
    found = extract(text, names=names)
    assert [c.span.start for c in found] == sorted(c.span.start for c in found)
    for c in found:
        assert 0 <= c.span.start <= c.span.end <= len(text)
        assert c.span.of(text) == c.text
        for part in (c.cue, c.source):
            if part is not None:
                assert 0 <= part.start < part.end <= len(text)
                assert not part.overlaps(c.span)
        item = c.to_json(text, file="x.txt")
        assert text[item["start"] : item["end"]] == item["text"]
        for key in ("cue", "source"):
            if item[key] is not None:
                assert text[item[key]["start"] : item[key]["end"]] == item[key]["text"]
    return found


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.sampled_from([NOBODY, NAMES]))
def test_extract_never_raises_on_quotations_credits_and_odd_names(
    text: str, names: KnownNames
) -> None:
    _check_all(text, names)


@settings(max_examples=100, deadline=None)
@given(_TEXTS)
def test_extract_with_names_spaced_oddly_in_the_known_names(text: str) -> None:
    # Known names themselves may carry odd spaces, as a corpus of one's own might.
    names = KnownNames(
        people=(("Jo  Smith", "jo"), ("Mr\u00a0Lamb", "lamb"), ("Chris Ham ", "ham")),
        organisations=(("The  DH", "dh"), ("NHS", "nhs")),
    )
    _check_all(text, names)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_extract_never_raises_on_any_text(text: str) -> None:
    _check(text)


@settings(max_examples=60, deadline=None)
@given(_TEXTS)
def test_a_draft_of_such_text_is_toml_whose_sources_and_cues_the_build_can_find(
    text: str,
) -> None:
    from integrated_care_corpus._draft import _count  # noqa: PLC0415 - the build's own counting

    spec = tomllib.loads(icc.draft(text, seed="x.txt", names=NAMES))
    for quote in spec.get("quotes", []):
        for key in ("source", "cue"):
            if key not in quote:
                continue
            where = quote[key]
            if isinstance(where, str):
                assert _count(where, text) == 1
            elif _count(where["text"], where["context"]) != 1:
                # Only where no stretch of the text holds the words once.
                assert where["context"] == text


# --- command line --------------------------------------------------------------------------------


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "integrated_care_corpus", *args],
        capture_output=True,
        text=True,
        input=stdin,
        check=False,
        cwd=ROOT,
    )


def test_extract_json_lines_follow_the_shipped_schema() -> None:
    import jsonschema  # noqa: PLC0415 - a test dependency

    from integrated_care_corpus import prediction_schema  # noqa: PLC0415

    schema = prediction_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    result = run("extract", *sorted(str(p) for p in SEEDS.glob("*.txt")), "--json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) >= 20
    for line in lines:
        item = json.loads(line)
        jsonschema.validate(item, schema)
        text = Path(item["file"]).read_text("utf-8")
        assert text[item["start"] : item["end"]] == item["text"]
        if item["cue"] is not None:
            assert text[item["cue"]["start"] : item["cue"]["end"]] == item["cue"]["text"]


def test_extract_prints_a_readable_line_per_candidate() -> None:
    result = run("extract", str(SEEDS / "002_31e346fac3759e61.txt"))
    assert result.returncode == 0, result.stderr
    assert "Jennifer Dixon\tpartial/stated\tless about extra spending" in result.stdout


def test_extract_without_known_names_gives_no_ids(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Niall Dickson said: ‘Yes.’\n", encoding="utf-8")
    result = run("extract", str(page), "--json", "--no-known-names")
    assert json.loads(result.stdout)["person_id"] is None


def test_extract_reports_unreadable_files_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9")
    result = run("extract", str(bad), str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "bad.txt: not UTF-8 at byte 3" in result.stderr
    assert "missing.txt: No such file or directory" in result.stderr
