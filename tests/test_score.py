"""The scorer, on hand-made predictions whose scores are known."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import Accuracy, PrecisionRecall, PredictionError, score
from integrated_care_corpus._score import read_predictions

from .conftest import ROOT


def gold_predictions(corpus: icc.Corpus, **changes: Any) -> list[dict[str, Any]]:
    return [
        {
            "document": q.document_id,
            "start": q.span.start,
            "end": q.span.end,
            "text": q.text,
            "speaker": q.speaker,
            "person_id": q.person_id,
            "organisation_ids": list(q.organisation_ids),
            **changes,
        }
        for q in corpus.quotes
    ]


def test_perfect_predictions_score_one_everywhere(corpus: icc.Corpus) -> None:
    card = score(gold_predictions(corpus), corpus=corpus)
    overall = card.overall
    n = len(corpus.quotes)
    assert overall.exact == PrecisionRecall(n, n, n)
    assert overall.overlap == PrecisionRecall(n, n, n)
    assert (overall.tokens.precision, overall.tokens.recall) == (1.0, 1.0)
    assert overall.speaker == Accuracy(n, n)
    assert [d for d, _ in card.documents] == [d.id for d in corpus.documents]


def test_cue_accuracy_is_n_a_where_no_gold_quote_records_a_cue() -> None:
    corpus = icc.load("1.0.1")  # corpus versions before 1.1.0 record no cues
    card = score(gold_predictions(corpus), corpus=corpus)
    assert card.overall.cue == Accuracy(0, 0)
    assert card.overall.cue.value is None
    assert card.overall.source == Accuracy(0, 0)
    assert card.overall.source.value is None
    assert (
        "| overall | 27 | 27 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | n/a | n/a |"
        in card.table()
    )


def test_cue_accuracy_counts_the_cues_corpus_1_1_0_records() -> None:
    corpus = icc.load("1.1.0")
    with_cue = [q for q in corpus.quotes if q.cue is not None]
    assert len(with_cue) == 15
    cues = {
        q.span.start: {"start": q.cue.span.start, "end": q.cue.span.end, "text": q.cue.text}
        for q in with_cue
        if q.cue is not None
    }
    right = [{**p, "cue": cues.get(p["start"])} for p in gold_predictions(corpus)]
    assert score(right, corpus=corpus).overall.cue == Accuracy(15, 15)
    assert score(gold_predictions(corpus), corpus=corpus).overall.cue == Accuracy(0, 15)
    # A cue elsewhere in the text is no match.
    first = with_cue[0]
    text = corpus.document(first.document_id).text
    wrong = [
        {**p, "cue": {"start": 0, "end": 1, "text": text[0]}}
        if p["start"] == first.span.start
        else {**p, "cue": cues.get(p["start"])}
        for p in gold_predictions(corpus)
        if p["document"] == first.document_id
    ]
    card = score(wrong, corpus=corpus, documents=[first.document_id])
    assert card.overall.cue.correct == card.overall.cue.total - 1


def _excerpt(span: icc.Span, text: str) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.of(text)}


def test_source_accuracy_counts_the_sources_corpus_1_1_0_records() -> None:
    corpus = icc.load("1.1.0")
    with_source = [q for q in corpus.quotes if q.source is not None]
    assert len(with_source) == 15
    texts = {d.id: d.text for d in corpus.documents}
    sources = {
        (q.document_id, q.span.start): _excerpt(q.source.span, texts[q.document_id])
        for q in with_source
        if q.source is not None
    }

    def with_sources(change: Any = None) -> list[dict[str, Any]]:
        out = []
        for p in gold_predictions(corpus):
            source = sources.get((p["document"], p["start"]))
            out.append({**p, "source": change(p, source) if change and source else source})
        return out

    # The right source: every judged quote right; cue accuracy is untouched.
    right = score(with_sources(), corpus=corpus).overall
    assert right.source == Accuracy(15, 15)
    assert right.cue == Accuracy(0, 15)
    # Missing: no source predicted, all wrong (and the quotes still match).
    missing = score(gold_predictions(corpus), corpus=corpus).overall
    assert missing.source == Accuracy(0, 15)
    assert missing.overlap.f1 == 1.0
    # Misplaced: a source that shares no character with the gold one is wrong;
    # one that overlaps it (the name without its role, say) is right.
    first = with_source[0]
    assert first.source is not None
    gold = first.source.span
    text = texts[first.document_id]

    def misplaced(p: dict[str, Any], source: dict[str, Any]) -> dict[str, Any]:
        if (p["document"], p["start"]) != (first.document_id, first.span.start):
            return source
        return _excerpt(icc.Span(gold.end + 1, gold.end + 3), text)

    def shorter(p: dict[str, Any], source: dict[str, Any]) -> dict[str, Any]:
        return _excerpt(icc.Span(source["start"], source["start"] + 1), texts[p["document"]])

    assert score(with_sources(misplaced), corpus=corpus).overall.source == Accuracy(14, 15)
    assert score(with_sources(shorter), corpus=corpus).overall.source == Accuracy(15, 15)
    card = score(with_sources(), corpus=corpus)
    assert card.as_dict()["overall"]["source"] == {"correct": 15, "total": 15, "accuracy": 1.0}
    assert card.table().splitlines()[0].endswith("| speaker | source | cue |")
    # A quote whose gold records no source is not judged, whatever is predicted.
    unsourced = next(q for q in corpus.quotes if q.source is None)
    only = [
        {**p, "source": _excerpt(icc.Span(0, 1), texts[unsourced.document_id])}
        for p in gold_predictions(corpus)
        if (p["document"], p["start"]) == (unsourced.document_id, unsourced.span.start)
    ]
    card = score(only, corpus=corpus, documents=[unsourced.document_id])
    assert card.overall.overlap.matched == 1
    assert card.overall.source == Accuracy(0, 0)


def test_empty_predictions_find_nothing(corpus: icc.Corpus) -> None:
    overall = score([], corpus=corpus).overall
    assert overall.overlap == PrecisionRecall(0, 0, len(corpus.quotes))
    assert (overall.overlap.precision, overall.overlap.recall, overall.overlap.f1) == (0, 0, 0)
    assert overall.speaker.value is None


def test_a_document_without_quotes_scores_one_when_nothing_is_predicted(
    corpus: icc.Corpus,
) -> None:
    card = score([], corpus=corpus, documents=["kings-fund-undated-marathon-not-a-sprint"])
    (only,) = card.documents
    assert (only[1].overlap.precision, only[1].overlap.recall) == (1.0, 1.0)


def test_shifted_spans_overlap_but_are_not_exact(corpus: icc.Corpus) -> None:
    shifted = []
    for item in gold_predictions(corpus):
        doc = corpus.document(item["document"])
        start = item["start"] + 3
        shifted.append({**item, "start": start, "text": doc.text[start : item["end"]]})
    overall = score(shifted, corpus=corpus).overall
    n = len(corpus.quotes)
    assert overall.exact.matched == 0
    assert overall.overlap == PrecisionRecall(n, n, n)
    assert overall.tokens.precision == 1.0
    assert 0.9 < overall.tokens.recall < 1.0


def test_wrong_speakers_are_counted_on_matched_quotes(corpus: icc.Corpus) -> None:
    wrong = gold_predictions(corpus, speaker="Nobody", person_id=None, organisation_ids=[])
    overall = score(wrong, corpus=corpus).overall
    assert overall.overlap.f1 == 1.0
    assert overall.speaker == Accuracy(0, len(corpus.quotes))


def test_a_person_s_other_names_and_titles_count_as_the_same_speaker(corpus: icc.Corpus) -> None:
    (ham,) = [q for q in corpus.quotes if q.speaker == "Professor Chris Ham" and not q.continues]
    item = {
        "document": ham.document_id,
        "start": ham.span.start,
        "end": ham.span.end,
        "text": ham.text,
    }
    same = score([{**item, "speaker": "Chris Ham"}], corpus=corpus).overall.speaker
    other = score([{**item, "speaker": "Niall Dickson"}], corpus=corpus).overall.speaker
    by_id = score([{**item, "person_id": "chris-ham"}], corpus=corpus).overall.speaker
    wrong_id = score(
        [{**item, "speaker": "Chris Ham", "person_id": "niall-dickson"}], corpus=corpus
    ).overall.speaker
    assert (same.correct, other.correct, by_id.correct, wrong_id.correct) == (1, 0, 1, 0)


def test_an_organisation_speaker_matches_by_words_or_by_its_organisations(
    corpus: icc.Corpus,
) -> None:
    q = corpus.quote("cipfa-2012-01-05-ministers-must-prioritise-integration/q2")  # "the report"
    item = {"document": q.document_id, "start": q.span.start, "end": q.span.end, "text": q.text}
    cases: list[dict[str, Any]] = [
        {"speaker": "The Report"},
        {"speaker": "the think-tanks", "organisation_ids": ["nuffield-trust", "kings-fund"]},
        {"speaker": "the think-tanks", "organisation_ids": ["kings-fund"]},
    ]
    got = [score([{**item, **c}], corpus=corpus).overall.speaker.correct for c in cases]
    assert got == [1, 1, 0]


def test_matching_is_one_to_one(corpus: icc.Corpus) -> None:
    q = corpus.quotes[0]
    doc = corpus.document(q.document_id)
    halves = [
        {"document": doc.id, "start": a, "end": b, "text": doc.text[a:b]}
        for a, b in ((q.span.start, q.span.start + 20), (q.span.start + 30, q.span.end))
    ]
    card = score(halves, corpus=corpus, documents=[doc.id])
    assert card.overall.overlap == PrecisionRecall(1, 2, 5)


def test_a_prediction_by_file_name_or_path(corpus: icc.Corpus) -> None:
    q = corpus.quotes[0]
    doc = corpus.document(q.document_id)
    item = {"start": q.span.start, "end": q.span.end, "text": q.text}
    for file in (doc.source.file, f"seeds/{doc.source.file}", f"C:\\x\\{doc.source.file}"):
        card = score([{**item, "file": file}], corpus=corpus, documents=[doc.id])
        assert card.overall.exact.matched == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": "not the text"}, "prediction 1: 'text' is not"),
        ({"document": "nope"}, "prediction 1: 'document' 'nope' is not a document id"),
        ({"end": 10**9}, "is not inside"),
        ({"start": -1}, "'start' must be a non-negative integer"),
        ({"kind": "indirect"}, "'kind' must be one of ['direct', 'partial']"),
        ({"attribution": "guess"}, "'attribution' must be one of"),
        ({"speaker": 3}, "'speaker' must be a string or null"),
        ({"person_id": 3}, "'person_id' must be a string or null"),
        ({"organisation_ids": "kings-fund"}, "'organisation_ids' must be a list of strings"),
        ({"cue": {"start": 0, "end": 3, "text": "xyz"}}, "cue.text 'xyz' is not"),
        ({"cue": "said"}, "'cue' must be null or an object"),
        ({"source": {"start": 5, "end": 2}}, "'source' span [5, 2) is not inside"),
    ],
)
def test_malformed_predictions_are_refused_with_a_clear_error(
    corpus: icc.Corpus, change: dict[str, Any], message: str
) -> None:
    item = {**gold_predictions(corpus)[0], **change}
    with pytest.raises(PredictionError) as info:
        score([item], corpus=corpus)
    assert message in str(info.value)


def test_a_prediction_must_name_its_text(corpus: icc.Corpus) -> None:
    with pytest.raises(PredictionError, match=r"expected a 'file'"):
        score([{"start": 0, "end": 1, "text": "x"}], corpus=corpus)
    with pytest.raises(PredictionError, match="expected a JSON object"):
        score([[1, 2]], corpus=corpus)  # type: ignore[list-item]
    with pytest.raises(PredictionError, match=r"'file' 'x\.txt' is not a seed file"):
        score([{"file": "x.txt", "start": 0, "end": 1, "text": "x"}], corpus=corpus)
    with pytest.raises(PredictionError, match="missing 'end'"):
        score([{"file": corpus.documents[0].source.file, "start": 0}], corpus=corpus)
    with pytest.raises(PredictionError, match=r"document 'nope' is not in corpus"):
        score([], corpus=corpus, documents=["nope"])


def test_read_predictions_takes_json_lines_or_an_array() -> None:
    assert list(read_predictions(['{"a": 1}\n', "\n", '{"a": 2}\n'])) == [{"a": 1}, {"a": 2}]
    assert list(read_predictions(['[{"a": 1},\n', '{"a": 2}]\n'])) == [{"a": 1}, {"a": 2}]
    with pytest.raises(PredictionError, match=r"p\.jsonl line 2: not valid JSON"):
        list(read_predictions(['{"a": 1}\n', "{nope\n"], "p.jsonl"))
    with pytest.raises(PredictionError, match=r"p\.json: not valid JSON"):
        list(read_predictions(["[{nope"], "p.json"))


def test_the_default_corpus_is_the_newest_bundled() -> None:
    assert score([]).corpus_version == icc.versions()[-1]


def test_extract_piped_into_score_works() -> None:
    command = (
        f"{sys.executable} -m integrated_care_corpus extract seeds/*.txt --json"
        f" | {sys.executable} -m integrated_care_corpus score -"
    )
    result = subprocess.run(  # noqa: S602 - the shell pipe is what is tested
        command, shell=True, capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"corpus {icc.versions()[-1]}\n| document | gold |")
    assert "| overall | 27 |" in result.stdout


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (['{"a": 1}\n', '{"a": ' * 100_000 + "1" + "}" * 100_000 + "\n"], "p.jsonl line 2: "),
        (["[" * 100_000 + "]" * 100_000], "p.jsonl: "),
        (['{"start": ' + "9" * 5000 + "}\n"], "p.jsonl line 1: "),
        (["[" + "9" * 5000 + "]"], "p.jsonl: "),
    ],
)
def test_predictions_too_deep_or_with_too_long_a_number_are_a_prediction_error(
    lines: list[str], expected: str
) -> None:
    with pytest.raises(PredictionError) as caught:
        list(read_predictions(lines, "p.jsonl"))
    assert str(caught.value).startswith(f"{expected}not valid JSON: ")


def test_score_json_and_errors_on_the_command_line(tmp_path: Any, corpus: icc.Corpus) -> None:
    predictions = tmp_path / "p.jsonl"
    predictions.write_text(
        "\n".join(json.dumps(p) for p in gold_predictions(corpus)) + "\n", encoding="utf-8"
    )
    run = [sys.executable, "-m", "integrated_care_corpus", "score"]
    result = subprocess.run(
        [*run, str(predictions), "--json", "--corpus-version", "1.0.0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    card = json.loads(result.stdout)
    assert card["corpus_version"] == "1.0.0"
    assert card["overall"]["overlap"]["f1"] == 1.0
    assert card["overall"]["cue"]["accuracy"] is None
    assert card["overall"]["source"]["accuracy"] is None
    predictions.write_text('{"file": "x.txt", "start": 0, "end": 1, "text": "x"}\n', "utf-8")
    bad = subprocess.run([*run, str(predictions)], capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert bad.stderr.startswith("integrated-care-corpus score: error: prediction 1: 'file'")
    assert "Traceback" not in bad.stderr
    missing = subprocess.run(
        [*run, str(tmp_path / "none.jsonl")], capture_output=True, text=True, check=False
    )
    assert missing.returncode == 1
    assert "none.jsonl: No such file or directory" in missing.stderr
