"""Quote attribution: the extractor against a naive baseline, scored on the bundled corpus.

Run from the project root (a few seconds)::

    python benchmarks/bench_attribution.py
    python benchmarks/bench_attribution.py --repeat 7 --check

Three systems are scored by ``icc.score`` against the newest bundled corpus:

- **extractor, leave-one-document-out**: ``icc.extract`` on each document,
  knowing only the names the *other* documents print
  (``KnownNames.from_corpus(corpus, excluding=[that document])``), so it is
  never credited with a name it learnt from the document it is scored on;
- **extractor, no known names**: ``icc.extract(text, names=KnownNames())``,
  which learns nothing from the corpus at all;
- **naive baseline**: every stretch between a pair of quotation marks (curly
  single, curly double, straight double, and straight single opened after a
  space), credited to the nearest capitalised two-word name before it.

Then throughput: the median of ``--repeat`` runs of each system over every
seed text, and over one text made of the seeds repeated to about 1 MB, in MB
of UTF-8 per second on one core, with the extractor's ratio to the baseline
measured in the same run. ``--check`` exits 1 unless the leave-one-out
overlap F1 is at least 0.95, its speaker accuracy at least 0.90, and the
extractor reads at least 1 MB/s on both inputs.

It prints its tables and writes them to ``benchmarks/results/attribution.md``
(``--out`` for another folder), which ``docs/attribution.md`` includes, with
the date, the machine, its load average and the command in the first lines.

Read the scores with care: the corpus has 27 quotes in 5 documents, and the
rules were written while reading these same seeds, so they are an upper
bound on what to expect from unseen pages of the genre, not an estimate.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import functools
import gc
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import integrated_care_corpus as icc
from integrated_care_corpus import KnownNames, extract

HERE = Path(__file__).resolve().parent

_PAIRS = re.compile(
    r"‘([^’\n]+)’|“([^”\n]+)”|\"([^\"\n]+)\"|(?:(?<=\s)|^)'([^'\n]+?)'(?![A-Za-z])",
    re.MULTILINE,
)
_NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")


def baseline(text: str) -> list[dict[str, Any]]:
    """Quotation marks only; the speaker is the nearest capitalised name before the quote."""
    names = [(m.start(), m.group()) for m in _NAME.finditer(text)]
    starts = [at for at, _ in names]
    out = []
    for m in _PAIRS.finditer(text):
        group = next(g for g in range(1, 5) if m.group(g) is not None)
        before = bisect.bisect_left(starts, m.start())
        out.append(
            {
                "start": m.start(group),
                "end": m.end(group),
                "text": m.group(group),
                "speaker": names[before - 1][1] if before else None,
            }
        )
    return out


def predictions(
    corpus: icc.Corpus, system: Callable[[icc.Document], Iterable[dict[str, Any]]]
) -> list[dict[str, Any]]:
    return [{"document": doc.id, **p} for doc in corpus.documents for p in system(doc)]


def median_seconds(call: Callable[[], object], repeat: int) -> float:
    samples = []
    gc.collect()
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _each(system: Callable[[str], object], texts: Iterable[str]) -> list[object]:
    return [system(t) for t in texts]


def _shown(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="exit 1 if a goal is missed")
    parser.add_argument(
        "--out", type=Path, default=HERE / "results", help="where attribution.md is written"
    )
    args = parser.parse_args(argv)
    command = "python benchmarks/bench_attribution.py"
    if args.repeat != parser.get_default("repeat"):
        command += f" --repeat {args.repeat}"
    if args.check:
        command += " --check"
    load_before = os.getloadavg()[0]

    corpus = icc.load()
    left_out = {
        doc.id: KnownNames.from_corpus(corpus, excluding=[doc.id]) for doc in corpus.documents
    }
    nobody = KnownNames()

    def loo(doc: icc.Document) -> Iterable[dict[str, Any]]:
        found = extract(doc.text, names=left_out[doc.id])
        return [c.to_json(doc.text) for c in found]

    def unnamed(doc: icc.Document) -> Iterable[dict[str, Any]]:
        return [c.to_json(doc.text) for c in extract(doc.text, names=nobody)]

    def naive(doc: icc.Document) -> Iterable[dict[str, Any]]:
        return baseline(doc.text)

    cards = {
        "extractor, leave-one-document-out": icc.score(predictions(corpus, loo), corpus=corpus),
        "extractor, no known names": icc.score(predictions(corpus, unnamed), corpus=corpus),
        "naive baseline": icc.score(predictions(corpus, naive), corpus=corpus),
    }
    header = (
        "| system | predicted | exact F1 | overlap P | overlap R | overlap F1 | token F1 "
        "| speaker | source | cue |"
    )
    scores = [header, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for name, card in cards.items():
        o = card.overall
        scores.append(
            f"| {name} | {o.overlap.predicted} | {o.exact.f1:.3f} | {o.overlap.precision:.3f} "
            f"| {o.overlap.recall:.3f} | {o.overlap.f1:.3f} | {o.tokens.f1:.3f} "
            f"| {_shown(o.speaker.value)} | {_shown(o.source.value)} | {_shown(o.cue.value)} |"
        )

    texts = [doc.text for doc in corpus.documents]
    size = sum(len(t.encode("utf-8")) for t in texts)
    big = "\n\n".join(texts * (1_000_000 // size + 1))
    big_size = len(big.encode("utf-8"))
    names = KnownNames.from_corpus(corpus)
    extract(texts[0], names=names)  # compile and warm up

    def named(text: str) -> object:
        return extract(text, names=names)

    speed = [
        "| input | extractor | baseline | extractor / baseline |",
        "|---|--:|--:|--:|",
    ]
    rates = []
    for label, inputs, total in (
        (f"the {len(texts)} seeds ({size / 1000:.1f} kB)", texts, size),
        (f"one text of the seeds repeated ({big_size / 1e6:.2f} MB)", [big], big_size),
    ):
        ours = median_seconds(functools.partial(_each, named, inputs), args.repeat)
        theirs = median_seconds(functools.partial(_each, baseline, inputs), args.repeat)
        rate = total / ours / 1e6
        rates.append(rate)
        base = total / theirs / 1e6
        speed.append(f"| {label} | {rate:.2f} MB/s | {base:.2f} MB/s | {theirs / ours:.2f}× |")
    load_after = os.getloadavg()[0]

    o = cards["extractor, leave-one-document-out"].overall
    speaker = o.speaker.value or 0.0
    goals = (
        (
            "overlap F1, leave-one-document-out",
            f"{o.overlap.f1:.3f}",
            "≥ 0.95",
            o.overlap.f1 >= 0.95,
        ),
        ("speaker accuracy, leave-one-document-out", f"{speaker:.3f}", "≥ 0.90", speaker >= 0.90),
        ("throughput, the slower input", f"{min(rates):.2f} MB/s", "≥ 1 MB/s", min(rates) >= 1.0),
    )
    lines = [
        (
            f"Measured {dt.date.today().isoformat()} on {os.cpu_count()} cores, "  # noqa: DTZ011
            f"{platform.machine()}, Python {platform.python_version()}, package {icc.__version__},"
        ),
        (
            f"the machine's 1-minute load average {load_before:.1f} at the start and "
            f"{load_after:.1f} at the end"
        ),
        f"(`{command}`).",
        (
            f"Scores are `icc.score`'s against corpus {corpus.version} "
            f"({len(corpus.quotes)} quotes in {len(corpus.documents)} documents);"
        ),
        (
            f"throughput is the median of {args.repeat} runs on one core, "
            "MB = 10^6 bytes of UTF-8, knowing the whole corpus's names."
        ),
        "",
        "**Scores**",
        "",
        *scores,
        "",
        "**Per document, extractor leave-one-document-out**",
        "",
        cards["extractor, leave-one-document-out"].table(),
        "",
        "**Throughput**",
        "",
        *speed,
        "",
        "**Goals**",
        "",
        "| goal | measured | limit | |",
        "|---|--:|--:|---|",
        *(f"| {g} | {m} | {lim} | {'✓' if ok else '✗'} |" for g, m, lim, ok in goals),
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "attribution.md").write_text(report, "utf-8")
    missed = [g for g, _, lim, ok in goals if not ok]
    if args.check and missed:
        print(f"missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
