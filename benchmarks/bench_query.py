"""Lookup, filter and search times of the query helpers, beside plain-Python loops.

Run from the project root (about a minute, most of it generating the corpus)::

    python benchmarks/bench_query.py
    python benchmarks/bench_query.py --quotes 10000 --repeat 15 --check

Two corpora: the bundled one, and one generated in memory by
``benchmarks/generate.py`` with ``--quotes`` quotes (100,000 by default, with
5,000 documents, 50,000 comments, 2,000 organisations, 5,000 people and
200,000 mentions). For each operation it prints the median time of the
helper, the median time of a plain-Python loop over the record tuples that
computes the same answer (checked equal), measured in the same run, and the
ratio. Indexes are built on first use; that one-off cost is printed on its
own line and left out of the medians. ``--check`` exits 1 unless every
indexed lookup is at least 50 times faster than its loop on the generated
corpus. The generated corpus's table, its first uses and the goals go to
``benchmarks/results/query.md`` (``--out`` for another folder), which
``docs/performance.md`` includes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # the generator sits beside this script

import integrated_care_corpus as icc
from integrated_care_corpus._corpus import Corpus

TARGET = 50.0
HERE = Path(__file__).resolve().parent


def median_seconds(call: Callable[[], object], repeat: int) -> float:
    """Return the median time of one call, from ``repeat`` samples of >= 0.2 ms each."""
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            call()
        if time.perf_counter() - start >= 2e-4:
            break
        number *= 2
    samples = []
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            for _ in range(number):
                call()
            samples.append((time.perf_counter() - start) / number)
    finally:
        gc.enable()
    return statistics.median(samples)


def shown(seconds: float) -> str:
    """Format a duration with a unit that keeps three or four digits."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


class Case:
    """One operation: the helper, the loop that gives the same answer, their group."""

    def __init__(
        self,
        group: str,
        name: str,
        helper: Callable[[], Sequence[Any]],
        loop: Callable[[], Sequence[Any]],
        same: Callable[[Sequence[Any], Sequence[Any]], bool] | None = None,
    ) -> None:
        self.group = group
        self.name = name
        self.helper = helper
        self.loop = loop
        self.same = same or (lambda a, b: tuple(a) == tuple(b))


def occurrences(text: str, phrase: str) -> list[int]:
    """Return where ``phrase`` occurs in ``text``, left to right, without overlaps."""
    found = []
    at = text.find(phrase)
    while at >= 0:
        found.append(at)
        at = text.find(phrase, at + len(phrase))
    return found


def cases(corpus: Corpus, phrase: str) -> list[Case]:
    """Return the operations, with keys drawn from the middle of the corpus."""
    quotes, mentions, comments, documents = (
        corpus.quotes,
        corpus.mentions,
        corpus.comments,
        corpus.documents,
    )
    person = next(q.person_id for q in quotes[len(quotes) // 2 :] if q.person_id)
    organisation = next(
        m.organisation_id for m in mentions[len(mentions) // 2 :] if m.organisation_id
    )
    document = documents[len(documents) // 2].id
    spoken_for = next(
        q.organisation_ids[0] for q in quotes[len(quotes) // 3 :] if q.organisation_ids
    )
    publisher = next(d.publisher.organisation_id for d in documents if d.publisher.organisation_id)
    dates = {d.id: d.published.date for d in documents}
    low, high = dt.date(2011, 1, 1), dt.date(2012, 12, 31)
    topic = icc.Topic.INTEGRATED_CARE
    return [
        Case(
            "lookup",
            "quotes by person",
            lambda: corpus.find_quotes(speaker=person),
            lambda: [q for q in quotes if q.person_id == person],
        ),
        Case(
            "lookup",
            "mentions of organisation",
            lambda: corpus.mentions_of(organisation),
            lambda: [m for m in mentions if m.organisation_id == organisation],
        ),
        Case(
            "lookup",
            "comments under document",
            lambda: corpus.find_comments(document=document),
            lambda: [c for c in comments if c.document_id == document],
        ),
        Case(
            "filter",
            "quotes for organisation, 2011-2012",
            lambda: corpus.find_quotes(organisation=spoken_for, since=2011, until=2012),
            lambda: [
                q
                for q in quotes
                if spoken_for in q.organisation_ids
                and (d := dates[q.document_id]) is not None
                and low <= d <= high
            ],
        ),
        Case(
            "filter",
            "documents by publisher and topic",
            lambda: corpus.find_documents(publisher=publisher, topic=topic),
            lambda: [
                d
                for d in documents
                if d.publisher.organisation_id == publisher and topic in d.topics
            ],
        ),
        Case(
            "search",
            f"quotes containing {phrase!r}",
            lambda: corpus.find_quotes(text=phrase),
            lambda: [q for q in quotes if phrase in q.text.casefold()],
        ),
        Case(
            "search",
            f"hits of {phrase!r} in quotes",
            lambda: corpus.search(phrase, kinds="quotes"),
            lambda: [(q, at) for q in quotes for at in occurrences(q.text.casefold(), phrase)],
            same=lambda a, b: len(a) == len(b),
        ),
        Case(
            "search",
            f"hits of {phrase!r} in documents",
            lambda: corpus.search(phrase, kinds="documents"),
            lambda: [(d, at) for d in documents for at in occurrences(d.text.casefold(), phrase)],
            same=lambda a, b: len(a) == len(b),
        ),
    ]


def run(
    label: str, corpus: Corpus, phrase: str, repeat: int
) -> tuple[list[tuple[Case, float, float]], dict[str, float]]:
    """Print one corpus's table; return each case with its time and ratio, and first uses."""
    print(f"\n{label}: {corpus!r}")
    chosen = cases(corpus, phrase)
    first: dict[str, float] = {}
    for case in chosen:
        start = time.perf_counter()
        answer = case.helper()
        first[case.group] = first.get(case.group, 0.0) + time.perf_counter() - start
        expected = case.loop()
        if not case.same(answer, expected):
            msg = f"{case.name}: the helper and the loop disagree"
            raise AssertionError(msg)
    print(
        "first use, building indexes: "
        + ", ".join(f"{group} {shown(seconds)}" for group, seconds in first.items())
    )
    print(f"{'':8} {'operation':42} {'helper':>10} {'loop':>10} {'ratio':>9}")
    results = []
    for case in chosen:
        helper = median_seconds(case.helper, repeat)
        loop = median_seconds(case.loop, repeat)
        ratio = loop / helper
        results.append((case, helper, ratio))
        print(
            f"{case.group:8} {case.name[:42]:42} {shown(helper):>10} {shown(loop):>10} "
            f"{ratio:8.1f}x"
        )
    return results, first


def report(
    command: str,
    quotes: int,
    results: list[tuple[Case, float, float]],
    first: dict[str, float],
    goals: list[tuple[str, str, str, bool]],
) -> str:
    """Return the generated corpus's table, first uses and goals as Markdown."""
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    machine = f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    loop = "the loop: plain Python over the record tuples, giving the same answer"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        f"Measured {today} on {machine}, load average {load} at the end;",
        f"medians (`{command}`).",
        "",
        f"**Queries** on the generated corpus of {quotes:,} quotes ({loop})",
        "",
        "| Group | Operation | Helper | Loop | Speed-up |",
        "|---|---|--:|--:|--:|",
    ]
    lines += [
        f"| {case.group} | {case.name} | {shown(helper)} | {shown(helper * ratio)} | "
        f"{ratio:,.1f}× |"
        for case, helper, ratio in results
    ]
    lines += [
        "",
        "**First use** (each group's first calls, building the indexes it needs)",
        "",
        "| Group | First use |",
        "|---|--:|",
        *(f"| {group} | {shown(seconds)} |" for group, seconds in first.items()),
        "",
        f"**Goals** at {quotes:,} quotes (issue 19)",
        "",
        "| Goal | Measured | Target | |",
        "|---|--:|--:|---|",
        *(
            f"| {name} | {measured} | {target} | {'✓' if met else '✗'} |"
            for name, measured, target, met in goals
        ),
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Benchmark both corpora; with ``--check``, fail below the lookup target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=21, help="samples per median")
    parser.add_argument("--check", action="store_true", help="exit 1 below the lookup target")
    parser.add_argument("--out", type=Path, default=HERE / "results", help="where query.md goes")
    args = parser.parse_args()
    command = " ".join(["python", "benchmarks/bench_query.py", *sys.argv[1:]])

    print(f"Python {sys.version.split()[0]}; medians of {args.repeat} samples (time.perf_counter)")
    run("bundled corpus", icc.load(), "integrated care", args.repeat)  # first uses, warm-up

    start = time.perf_counter()
    corpus = Corpus("1.0.0", "1", generate(args.quotes))
    print(f"\ngenerated {args.quotes:,} quotes in {time.perf_counter() - start:.1f} s")
    middle = corpus.quotes[len(corpus.quotes) // 3].text.casefold().split()
    phrase = " ".join(middle[1:4])
    results, first = run(f"generated corpus, {args.quotes:,} quotes", corpus, phrase, args.repeat)

    print(f"\ngoals at {args.quotes:,} quotes (issue 19):")
    goals = []
    for case, helper, _ in results:
        if case.name.startswith("hits of"):
            goals.append((f"{case.name}, per query", shown(helper), "≤ 1 ms", helper <= 1e-3))
    for group, seconds in first.items():
        goals.append((f"first use of {group}", shown(seconds), "≤ 0.25 s", seconds <= 0.25))
    for name, measured, target, met in goals:
        print(f"  {name}: {measured} (goal {target}): {'met' if met else 'NOT MET'}")
    lookups = [ratio for case, _, ratio in results if case.group == "lookup"]
    met = min(lookups) >= TARGET
    print(
        f"\nindexed lookups at {args.quotes:,} quotes: at least {min(lookups):.0f}x faster "
        f"than the loop (target {TARGET:.0f}x): {'met' if met else 'NOT MET'}"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "query.md").write_text(
        report(command, args.quotes, results, first, goals), encoding="utf-8"
    )
    print(f"wrote {args.out / 'query.md'}")
    return 0 if met or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
