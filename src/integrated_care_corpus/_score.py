r"""Score any quote attribution system's output against the corpus's quotes.

The predictions are JSON objects in the format ``extract --json`` writes (its
JSON Schema ships as ``schema/attribution/predictions.schema.json``): which
text (``file``, a seed file name or path, or ``document``, a document id),
``start`` and ``end`` (``str`` offsets into the document's text), ``text``,
and optionally ``speaker``, ``person_id``, ``organisation_ids``, ``cue``
and ``source`` (``{"start", "end", "text"}``), ``kind``, ``attribution`` and
``continues``. Keys beyond these (a confidence, say) are allowed and ignored.

The measures, per document and over the corpus (micro-averaged, that is,
counts summed before dividing), follow the content measures of PARC 3.0 and
the BBC's Citron:

- **exact**: a prediction is right when its span equals a gold quote's span;
- **overlap**: predictions and gold quotes whose spans share a character
  are paired one to one, the largest overlaps first; each pair is a match;
- **tokens**: the document's words (``\w+`` runs, apostrophes inside a
  word kept) wholly inside predicted spans against those wholly inside gold
  spans, by position;
- **speaker accuracy**, over the overlap matches: a gold quote of a person
  is matched by the same ``person_id`` or, without one, by a name the corpus
  gives that person (titles such as "Professor" ignored); any other quote by
  the same speaker words (case, spaces and quotation marks folded), or by
  the same non-empty set of ``organisation_ids``;
- **source accuracy**, over the overlap matches whose gold quote records
  a source (the words naming the speaker): the predicted source overlaps
  the gold source. ``n/a`` where no gold quote records one, as in corpora
  before 1.1.0;
- **cue accuracy**, over the overlap matches whose gold quote records a
  cue: the predicted cue overlaps the gold cue. ``n/a`` where no gold quote
  records one.

Precision with nothing predicted, and recall with nothing to find, are 1.0
when the other side is empty too and 0.0 otherwise.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._errors import CorpusError
from ._records import Span
from ._text import fold

if TYPE_CHECKING:
    from ._corpus import Corpus
    from ._records import Document, Quote

__all__ = [
    "Accuracy",
    "PrecisionRecall",
    "PredictionError",
    "ScoreCard",
    "Scores",
    "main",
    "prediction_schema",
    "read_predictions",
    "score",
]

_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
_TITLES = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Professor|Prof|Sir|Dame|Lord|Lady|Baroness|Cllr|Rev)\.?\s+)+"
)
_KINDS = {"direct", "partial"}
_ATTRIBUTIONS = {"stated", "inferred"}


class PredictionError(CorpusError):
    """A prediction is malformed or does not fit the corpus; the message says which and why."""


@attrs.frozen
class PrecisionRecall:
    """Matches against what was predicted and what there was to find.

    Attributes:
        matched: Predictions that match gold (or gold tokens found, for tokens).
        predicted: Everything predicted.
        gold: Everything there was to find.
    """

    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        """``matched / predicted``."""
        if self.predicted == 0:
            return 1.0 if self.gold == 0 else 0.0
        return self.matched / self.predicted

    @property
    def recall(self) -> float:
        """``matched / gold``."""
        if self.gold == 0:
            return 1.0 if self.predicted == 0 else 0.0
        return self.matched / self.gold

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def __add__(self, other: PrecisionRecall) -> PrecisionRecall:
        """Sum the counts (a micro-average)."""
        return PrecisionRecall(
            self.matched + other.matched, self.predicted + other.predicted, self.gold + other.gold
        )


@attrs.frozen
class Accuracy:
    """Right answers out of the cases judged.

    Attributes:
        correct: Cases judged right.
        total: Cases judged.
    """

    correct: int
    total: int

    @property
    def value(self) -> float | None:
        """``correct / total``, or ``None`` when nothing was judged."""
        return self.correct / self.total if self.total else None

    def __add__(self, other: Accuracy) -> Accuracy:
        """Sum the counts."""
        return Accuracy(self.correct + other.correct, self.total + other.total)


@attrs.frozen
class Scores:
    """Every measure for one document, or for the corpus.

    Attributes:
        exact: Spans equal to a gold quote's span.
        overlap: Spans matched one to one with an overlapping gold quote.
        tokens: Words inside predicted spans against words inside gold spans.
        speaker: Speaker accuracy over the overlap matches.
        cue: Cue accuracy over the overlap matches whose gold quote has a cue.
        source: Source accuracy over the overlap matches whose gold quote
            has a source.
    """

    exact: PrecisionRecall
    overlap: PrecisionRecall
    tokens: PrecisionRecall
    speaker: Accuracy
    cue: Accuracy
    source: Accuracy

    def __add__(self, other: Scores) -> Scores:
        """Sum the counts."""
        return Scores(
            self.exact + other.exact,
            self.overlap + other.overlap,
            self.tokens + other.tokens,
            self.speaker + other.speaker,
            self.cue + other.cue,
            self.source + other.source,
        )

    def as_dict(self) -> dict[str, Any]:
        """Return the counts and the measures as plain JSON values."""

        def pr(value: PrecisionRecall) -> dict[str, Any]:
            return {
                **attrs.asdict(value),
                "precision": round(value.precision, 4),
                "recall": round(value.recall, 4),
                "f1": round(value.f1, 4),
            }

        def acc(value: Accuracy) -> dict[str, Any]:
            shown = None if value.value is None else round(value.value, 4)
            return {**attrs.asdict(value), "accuracy": shown}

        return {
            "exact": pr(self.exact),
            "overlap": pr(self.overlap),
            "tokens": pr(self.tokens),
            "speaker": acc(self.speaker),
            "source": acc(self.source),
            "cue": acc(self.cue),
        }


_EMPTY = Scores(
    PrecisionRecall(0, 0, 0),
    PrecisionRecall(0, 0, 0),
    PrecisionRecall(0, 0, 0),
    Accuracy(0, 0),
    Accuracy(0, 0),
    Accuracy(0, 0),
)


@attrs.frozen
class ScoreCard:
    """The scores of a set of predictions, per document and over them all.

    Attributes:
        corpus_version: The corpus version scored against.
        documents: ``(document id, scores)`` in corpus order.
    """

    corpus_version: str
    documents: tuple[tuple[str, Scores], ...]

    @property
    def overall(self) -> Scores:
        """The scores over every document (counts summed)."""
        total = _EMPTY
        for _, scores in self.documents:
            total += scores
        return total

    def as_dict(self) -> dict[str, Any]:
        """Return the card as plain JSON values."""
        return {
            "corpus_version": self.corpus_version,
            "overall": self.overall.as_dict(),
            "documents": {doc: scores.as_dict() for doc, scores in self.documents},
        }

    def table(self) -> str:
        """Return the card as a Markdown table, one row per document and one overall.

        Columns: gold and predicted quotes; exact, overlap and token F1;
        overlap precision and recall; speaker, source and cue accuracy
        (``n/a`` where there was nothing to judge).
        """
        header = (
            "| document | gold | predicted | exact F1 | overlap P | overlap R | overlap F1 "
            "| token F1 | speaker | source | cue |"
        )
        rows = [header, "|" + "---|" * 11]
        for name, scores in [*self.documents, ("overall", self.overall)]:
            rows.append(
                f"| {name} | {scores.overlap.gold} | {scores.overlap.predicted} "
                f"| {scores.exact.f1:.3f} | {scores.overlap.precision:.3f} "
                f"| {scores.overlap.recall:.3f} | {scores.overlap.f1:.3f} "
                f"| {scores.tokens.f1:.3f} | {_shown(scores.speaker)} "
                f"| {_shown(scores.source)} | {_shown(scores.cue)} |"
            )
        return "\n".join(rows)


def _shown(value: Accuracy) -> str:
    return "n/a" if value.value is None else f"{value.value:.3f}"


@attrs.frozen
class _Prediction:
    document_id: str
    span: Span
    speaker: str | None
    person_id: str | None
    organisation_ids: tuple[str, ...]
    cue: Span | None
    source: Span | None = None


def _gold_cue(quote: Quote) -> Span | None:
    """Return the cue the curators recorded for a gold quote.

    Corpus versions before 1.1.0 record none, so cue accuracy is ``n/a``
    for them.
    """
    return quote.cue.span if quote.cue is not None else None


def _gold_source(quote: Quote) -> Span | None:
    """Return the source the curators recorded for a gold quote (none before 1.1.0)."""
    return quote.source.span if quote.source is not None else None


def prediction_schema() -> dict[str, Any]:
    """Return the JSON Schema of one prediction, as shipped with the package.

    >>> sorted(prediction_schema()["required"])
    ['end', 'start', 'text']
    """
    from ._files import package_root  # noqa: PLC0415 - only when asked

    entry = package_root().joinpath("schema/attribution/predictions.schema.json")
    schema: dict[str, Any] = json.loads(entry.read_text(encoding="utf-8"))
    return schema


# --- reading predictions ------------------------------------------------------------------


def _fail(where: str, message: str) -> PredictionError:
    return PredictionError(f"{where}: {message}")


def _int(value: object, where: str, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _fail(where, f"{key!r} must be a non-negative integer, got {value!r}")
    return value


def _excerpt(value: object, text: str, where: str, key: str) -> Span | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not {"start", "end"} <= set(value):
        raise _fail(where, f"{key!r} must be null or an object with 'start', 'end' and 'text'")
    start = _int(value["start"], where, f"{key}.start")
    end = _int(value["end"], where, f"{key}.end")
    if end < start or end > len(text):
        raise _fail(where, f"{key!r} span [{start}, {end}) is not inside the document's text")
    if "text" in value and value["text"] != text[start:end]:
        raise _fail(
            where,
            f"{key}.text {value['text']!r} is not the document's text at [{start}, {end}) "
            f"({text[start:end]!r})",
        )
    return Span(start, end)


class _Documents:
    """Finds the document a prediction names, by seed file name or by id."""

    def __init__(self, corpus: Corpus) -> None:
        self.by_id = {d.id: d for d in corpus.documents}
        self.by_file = {d.source.file: d for d in corpus.documents}
        self.version = corpus.version

    def find(self, item: Mapping[str, Any], where: str) -> Document:
        if "document" in item:
            doc = self.by_id.get(item["document"]) if isinstance(item["document"], str) else None
            if doc is None:
                raise _fail(
                    where,
                    f"'document' {item['document']!r} is not a document id of corpus "
                    f"{self.version} (expected one of {sorted(self.by_id)})",
                )
            return doc
        if "file" in item:
            name = item["file"]
            base = re.split(r"[\\/]", name)[-1] if isinstance(name, str) else None
            doc = self.by_file.get(base or "")
            if doc is None:
                raise _fail(
                    where,
                    f"'file' {name!r} is not a seed file of corpus {self.version} "
                    f"(expected one of {sorted(self.by_file)})",
                )
            return doc
        raise _fail(where, "expected a 'file' (seed file name) or a 'document' (document id)")


def _prediction(item: object, docs: _Documents, where: str) -> _Prediction:
    if not isinstance(item, Mapping):
        raise _fail(where, f"expected a JSON object, got {type(item).__name__}")
    doc = docs.find(item, where)
    for key in ("start", "end", "text"):
        if key not in item:
            raise _fail(where, f"missing {key!r}")
    start = _int(item["start"], where, "start")
    end = _int(item["end"], where, "end")
    if end < start or end > len(doc.text):
        raise _fail(
            where, f"span [{start}, {end}) is not inside {doc.id}'s text ({len(doc.text)} chars)"
        )
    if item["text"] != doc.text[start:end]:
        raise _fail(
            where,
            f"'text' is not {doc.id}'s text at [{start}, {end}): expected "
            f"{doc.text[start:end][:60]!r}, got {str(item['text'])[:60]!r}",
        )
    speaker = item.get("speaker")
    if speaker is not None and not isinstance(speaker, str):
        raise _fail(where, f"'speaker' must be a string or null, got {speaker!r}")
    person = item.get("person_id")
    if person is not None and not isinstance(person, str):
        raise _fail(where, f"'person_id' must be a string or null, got {person!r}")
    orgs = item.get("organisation_ids") or []
    if not isinstance(orgs, list) or not all(isinstance(o, str) for o in orgs):
        raise _fail(where, f"'organisation_ids' must be a list of strings, got {orgs!r}")
    if item.get("kind") not in {None, *_KINDS}:
        raise _fail(where, f"'kind' must be one of {sorted(_KINDS)}, got {item['kind']!r}")
    if item.get("attribution") not in {None, *_ATTRIBUTIONS}:
        raise _fail(
            where,
            f"'attribution' must be one of {sorted(_ATTRIBUTIONS)}, got {item['attribution']!r}",
        )
    source = _excerpt(item.get("source"), doc.text, where, "source")
    cue = _excerpt(item.get("cue"), doc.text, where, "cue")
    return _Prediction(doc.id, Span(start, end), speaker, person, tuple(orgs), cue, source)


def read_predictions(lines: Iterable[str], name: str = "<predictions>") -> Iterator[Any]:
    """Read JSON Lines (one object per line) or one JSON array of objects.

    Args:
        lines: The lines of the input.
        name: What to call the input in errors.

    Raises:
        PredictionError: A line is not JSON; the message names the line.
    """
    buffered = list(lines)
    whole = "".join(buffered).strip()
    if whole.startswith("["):
        try:
            items = json.loads(whole)
        except (ValueError, RecursionError) as exc:
            msg = f"{name}: not valid JSON: {_json_problem(exc, whole=True)}"
            raise PredictionError(msg) from None
        yield from items
        return
    for number, line in enumerate(buffered, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError) as exc:
            msg = f"{name} line {number}: not valid JSON: {_json_problem(exc, whole=False)}"
            raise PredictionError(msg) from None
        yield value


def _json_problem(exc: ValueError | RecursionError, *, whole: bool) -> str:
    """Word why ``json.loads`` refused a text: malformed, too deep, or a number too long."""
    if isinstance(exc, json.JSONDecodeError):
        return str(exc) if whole else exc.msg
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    return f"cannot be read ({exc})"  # an integer of more digits than int() converts


# --- scoring --------------------------------------------------------------------------------


def _tokens(words: Sequence[tuple[int, int]], spans: Iterable[Span]) -> set[int]:
    """Return the document's words (by their start) wholly inside any of the spans."""
    starts = [a for a, _ in words]
    out: set[int] = set()
    for span in spans:
        i = bisect.bisect_left(starts, span.start)
        while i < len(words) and words[i][1] <= span.end:
            out.add(words[i][0])
            i += 1
    return out


def _pairs(predicted: Sequence[Span], gold: Sequence[Span]) -> list[tuple[int, int]]:
    """Pair overlapping spans one to one, largest overlap first."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            shared = min(p.end, g.end) - max(p.start, g.start)
            if shared > 0:
                candidates.append((-shared, g.start, p.start, i, j))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, _, _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


class _Speakers:
    """Whether a predicted speaker is a gold quote's speaker."""

    def __init__(self, corpus: Corpus) -> None:
        self.names = {p.id: {_bare(n) for n in (p.name, *p.aliases)} for p in corpus.people}

    def same(self, pred: _Prediction, gold: Quote) -> bool:
        if gold.person_id is not None:
            if pred.person_id is not None:
                return pred.person_id == gold.person_id
            if pred.speaker is None:
                return False
            bare = _bare(pred.speaker)
            return bare == _bare(gold.speaker) or bare in self.names.get(gold.person_id, set())
        if pred.speaker is not None and fold(pred.speaker) == fold(gold.speaker):
            return True
        return bool(pred.organisation_ids) and set(pred.organisation_ids) == set(
            gold.organisation_ids
        )


def _bare(name: str) -> str:
    return fold(_TITLES.sub("", name.strip()))


def _document_scores(
    doc: Document, predicted: Sequence[_Prediction], gold: Sequence[Quote], speakers: _Speakers
) -> Scores:
    p_spans = [p.span for p in predicted]
    g_spans = [q.span for q in gold]
    exact = len(set(p_spans) & set(g_spans))
    pairs = _pairs(p_spans, g_spans)
    words = [m.span() for m in _TOKEN.finditer(doc.text)]
    p_tokens = _tokens(words, p_spans)
    g_tokens = _tokens(words, g_spans)
    speaker = sum(speakers.same(predicted[i], gold[j]) for i, j in pairs)

    def judged(
        pred: Callable[[_Prediction], Span | None], of: Callable[[Quote], Span | None]
    ) -> Accuracy:
        """Over the matches whose gold quote records one: the predicted span overlaps it."""
        spans = [(pred(predicted[i]), of(gold[j])) for i, j in pairs]
        right = [p is not None and p.overlaps(g) for p, g in spans if g is not None]
        return Accuracy(sum(right), len(right))

    return Scores(
        exact=PrecisionRecall(exact, len(p_spans), len(g_spans)),
        overlap=PrecisionRecall(len(pairs), len(p_spans), len(g_spans)),
        tokens=PrecisionRecall(len(p_tokens & g_tokens), len(p_tokens), len(g_tokens)),
        speaker=Accuracy(speaker, len(pairs)),
        cue=judged(lambda p: p.cue, _gold_cue),
        source=judged(lambda p: p.source, _gold_source),
    )


def score(
    predictions: Iterable[Mapping[str, Any]],
    *,
    corpus: Corpus | None = None,
    documents: Iterable[str] | None = None,
) -> ScoreCard:
    """Score predicted quotes against a corpus's quotes.

    Args:
        predictions: Objects in the prediction format (``extract --json``,
            or :meth:`Candidate.to_json`).
        corpus: The gold standard; by default the newest bundled corpus.
        documents: Ids of the documents to score; by default every document
            of the corpus, so a document with no prediction counts as all missed.

    Returns:
        The scores, per document and overall.

    Raises:
        PredictionError: A prediction is malformed, names no document of the
            corpus, or its text is not the document's text at its span.

    >>> import integrated_care_corpus as icc
    >>> corpus = icc.load()
    >>> gold = [
    ...     {"document": q.document_id, "start": q.span.start, "end": q.span.end,
    ...      "text": q.text, "speaker": q.speaker}
    ...     for q in corpus.quotes
    ... ]
    >>> card = icc.score(gold, corpus=corpus)
    >>> card.overall.overlap.f1, card.overall.speaker.value
    (1.0, 1.0)
    """
    if corpus is None:
        from ._loading import load  # noqa: PLC0415 - the default corpus loads only when asked

        corpus = load()
    docs = _Documents(corpus)
    chosen = list(docs.by_id) if documents is None else list(documents)
    for doc_id in chosen:
        if doc_id not in docs.by_id:
            msg = f"document {doc_id!r} is not in corpus {corpus.version}"
            raise PredictionError(msg)
    by_doc: dict[str, list[_Prediction]] = {d: [] for d in chosen}
    for n, item in enumerate(predictions, start=1):
        prediction = _prediction(item, docs, f"prediction {n}")
        if prediction.document_id in by_doc:
            by_doc[prediction.document_id].append(prediction)
    gold: dict[str, list[Quote]] = {d: [] for d in chosen}
    for quote in corpus.quotes:
        if quote.document_id in gold:
            gold[quote.document_id].append(quote)
    speakers = _Speakers(corpus)
    order = [d.id for d in corpus.documents if d.id in by_doc]
    return ScoreCard(
        corpus.version,
        tuple((d, _document_scores(docs.by_id[d], by_doc[d], gold[d], speakers)) for d in order),
    )


# --- command line ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run ``integrated-care-corpus score PREDICTIONS``; return the exit code."""
    import argparse  # noqa: PLC0415 - only the command line needs it
    import sys  # noqa: PLC0415

    parser = argparse.ArgumentParser(
        prog="integrated-care-corpus score",
        description="Score predicted quotes (extract --json format) against the corpus.",
    )
    parser.add_argument("predictions", metavar="PREDICTIONS", help="a JSON Lines file, or - ")
    parser.add_argument("--corpus-version", default=None, help="a bundled corpus version")
    parser.add_argument(
        "--document", action="append", metavar="ID", help="score only these documents"
    )
    parser.add_argument("--json", action="store_true", help="write the scores as JSON")
    args = parser.parse_args(argv)
    from ._loading import load  # noqa: PLC0415

    prog = "integrated-care-corpus score"
    try:
        corpus = load(args.corpus_version)
        if args.predictions == "-":
            lines = list(sys.stdin)
            name = "<stdin>"
        else:
            with open(args.predictions, encoding="utf-8") as f:  # noqa: PTH123
                lines = list(f)
            name = args.predictions
        card = score(read_predictions(lines, name), corpus=corpus, documents=args.document)
    except OSError as exc:
        print(f"{prog}: error: {args.predictions}: {exc.strerror}", file=sys.stderr)
        return 1
    except UnicodeDecodeError as exc:
        print(f"{prog}: error: {args.predictions}: not UTF-8 at byte {exc.start}", file=sys.stderr)
        return 1
    except CorpusError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(card.as_dict(), indent=2))
    else:
        print(f"corpus {card.corpus_version}")
        print(card.table())
    return 0
