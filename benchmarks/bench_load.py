"""Measure validated loading, memory, caching and lookups against baselines.

In one run, on the same generated corpora (``benchmarks/generate.py``)::

    python benchmarks/bench_load.py --sizes 1000 10000 100000

measures, each in fresh subprocesses with repeats interleaved so that the
noise of a shared machine falls on every contender alike:

- validated ``icc.load_path`` vs msgspec decoding the same files into
  equivalent frozen Structs with the cyclic collector paused (the headline;
  with it on, as msgspec runs by default, in a second column), vs
  ``orjson.loads`` and ``json.loads`` to dicts;
  and the parts of a load: structuring alone, the whole-corpus checks alone;
- peak and retained memory of ``load_path`` vs msgspec (tracemalloc);
- the first vs a cached ``icc.load()``;
- building the lookup indexes, and indexed lookups vs a loop over the records.

It prints medians and ratios, and writes the Markdown table that
``docs/performance.md`` includes (``benchmarks/results/performance.md``) and
the raw figures (``benchmarks/results/performance.json``, not committed).
msgspec and orjson come from the ``bench`` dependency group.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import msgspec
import orjson

from integrated_care_corpus import (
    Basis,
    DocumentKind,
    OrganisationKind,
    QuoteKind,
    RegionKind,
    Topic,
)

HERE = Path(__file__).parent
RESOURCES = ("organisations", "people", "documents", "quotes", "comments", "mentions")
DEFAULT_REPEATS = {1_000: 31, 10_000: 11, 100_000: 5}

# --- msgspec baseline: the record shapes as frozen Structs ----------------------
# (with the package's own vocabularies, which msgspec decodes by value)

NonNegative = Annotated[int, msgspec.Meta(ge=0)]


class Span(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    start: NonNegative
    end: NonNegative


class Source(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    file: str
    sha256: str


class PublicationDate(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    date: dt.date | None
    basis: Basis
    note: str | None = None


class Publisher(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    organisation_id: str | None
    basis: Basis
    note: str | None = None


class Region(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    kind: RegionKind
    span: Span


class Role(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    document_id: str
    text: str
    span: Span
    organisation_ids: tuple[str, ...] = ()
    former: bool = False


class Excerpt(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    text: str
    span: Span


class Document(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    title: str
    kind: DocumentKind
    publisher: Publisher
    authors: tuple[str, ...]
    published: PublicationDate
    topics: tuple[Topic, ...]
    source: Source
    regions: tuple[Region, ...]
    text: str


class Quote(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    document_id: str
    text: str
    span: Span
    speaker: str
    person_id: str | None
    organisation_ids: tuple[str, ...]
    role: Role | None
    kind: QuoteKind
    attribution: Basis
    continues: str | None = None
    note: str | None = None
    source: Excerpt | None = None
    cue: Excerpt | None = None


class Comment(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    document_id: str
    position: int
    author: str | None
    person_id: str | None
    role: str | None
    affiliation: str | None
    organisation_ids: tuple[str, ...]
    number: int | None
    in_reply_to: str | None
    text: str
    span: Span


class Organisation(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: OrganisationKind
    country: str
    note: str | None = None
    well_known_names: tuple[str, ...] = ()


class Person(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    note: str | None = None


class Mention(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    document_id: str
    text: str
    span: Span
    organisation_id: str | None = None
    person_id: str | None = None
    basis: Basis = Basis.STATED
    note: str | None = None


STRUCTS: dict[str, type[Any]] = {
    "organisations": Organisation,
    "people": Person,
    "documents": Document,
    "quotes": Quote,
    "comments": Comment,
    "mentions": Mention,
}
DECODERS = {
    name: msgspec.json.Decoder(tuple[cls, ...])  # type: ignore[valid-type]
    for name, cls in STRUCTS.items()
}


# --- the contenders: each reads the same files ----------------------------------


def _read(folder: Path, name: str) -> bytes:
    return (folder / f"{name}.json").read_bytes()


def run_msgspec(folder: Path) -> dict[str, Any]:
    return {name: DECODERS[name].decode(_read(folder, name)) for name in RESOURCES}


def run_orjson(folder: Path) -> dict[str, Any]:
    return {name: orjson.loads(_read(folder, name)) for name in RESOURCES}


def run_json(folder: Path) -> dict[str, Any]:
    return {name: json.loads(_read(folder, name).decode("utf-8")) for name in RESOURCES}


def run_load_path(folder: Path, *, without: tuple[str, ...] = ()) -> object:
    """``icc.load_path``, optionally with ``"msgspec"`` and ``"orjson"`` switched off."""
    import integrated_care_corpus as icc  # noqa: PLC0415 - imported in the worker
    from integrated_care_corpus import _loading  # noqa: PLC0415

    saved = _loading._decode, _loading._orjson  # noqa: SLF001
    try:
        if "msgspec" in without:
            _loading._decode = None  # type: ignore[assignment] # noqa: SLF001
        if "orjson" in without:
            _loading._orjson = None  # type: ignore[assignment] # noqa: SLF001
        return icc.load_path(folder)
    finally:
        _loading._decode, _loading._orjson = saved  # noqa: SLF001


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    del result
    gc.collect()
    return elapsed


def worker_timing(folder: Path, repeats: int) -> dict[str, list[float]]:
    """Time every contender ``repeats`` times, interleaved, in this process."""
    from integrated_care_corpus import (  # noqa: PLC0415
        _checks,
        _decode,
        _loading,
        _resources,
    )

    raw = run_orjson(folder)
    data = {name: _read(folder, name) for name in RESOURCES}

    def paused(fn: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:  # gc paused, as load_path pauses it
            gc.disable()
            try:
                return fn()
            finally:
                gc.enable()

        return run

    def decode() -> object:
        # load_path's first path: msgspec decodes the bytes, builders make the records.
        return {
            name: _decode.decode(cls, data[name]) for name, cls in _resources.RESOURCE_TYPES.items()
        }

    def structure() -> object:
        # The path without msgspec: builders make the records from parsed dictionaries.
        return {
            name: _loading.build_all(cls, raw[name])
            for name, cls in _resources.RESOURCE_TYPES.items()
        }

    parts: Any = paused(decode)()
    if any(value is None for value in parts.values()):
        sys.exit(f"{folder}: msgspec refused the corpus; the benchmark would time the fallback")
    record_set = _resources.RecordSet(**parts)
    contenders: dict[str, Callable[[], object]] = {
        "load_path": lambda: run_load_path(folder),
        "load_path_orjson": lambda: run_load_path(folder, without=("msgspec",)),
        "load_path_json": lambda: run_load_path(folder, without=("msgspec", "orjson")),
        "msgspec": lambda: run_msgspec(folder),
        "msgspec_paused": paused(lambda: run_msgspec(folder)),
        "orjson": lambda: run_orjson(folder),
        "json": lambda: run_json(folder),
        "decode": paused(decode),
        "structure": paused(structure),
        "checks": paused(lambda: _checks.check_records(record_set)),
    }
    for fn in contenders.values():  # warm up: builders generated, files in the page cache
        _timed(fn)
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeats):
        for name, fn in contenders.items():
            times[name].append(_timed(fn))
    return times


def worker_memory(folder: Path, contender: str) -> dict[str, float]:
    """Peak and retained traced memory of one contender, after a warm-up elsewhere."""
    fn = {"load_path": run_load_path, "msgspec": run_msgspec}[contender]
    fn(HERE / "_corpora" / "q1000" / "1.0.0")  # import and generate everything first
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    result = fn(folder)
    gc.collect()
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return {"retained": retained - base, "peak": peak - base}


def worker_cache() -> dict[str, float]:
    """The first and a cached ``icc.load()`` of the bundled corpus."""
    import integrated_care_corpus as icc  # noqa: PLC0415

    start = time.perf_counter()
    icc.load()
    first = time.perf_counter() - start
    cached = []
    for _ in range(2001):
        start = time.perf_counter()
        icc.load()
        cached.append(time.perf_counter() - start)
    return {"first": first, "cached": statistics.median(cached)}


def worker_lookup(folder: Path) -> dict[str, float]:
    """Index build, indexed lookups and the same lookups by a loop."""
    import integrated_care_corpus as icc  # noqa: PLC0415

    corpus = icc.load_path(folder)
    rng = random.Random(0)
    ids = [q.id for q in rng.sample(corpus.quotes, 200)]
    people = [p.id for p in rng.sample(corpus.people, 20)]

    start = time.perf_counter()
    corpus.quote(ids[0])  # builds the id index
    build = time.perf_counter() - start
    lookups = []
    for quote_id in ids:
        start = time.perf_counter()
        corpus.quote(quote_id)
        lookups.append(time.perf_counter() - start)
    loops = []
    for quote_id in ids[:20]:
        start = time.perf_counter()
        next(q for q in corpus.quotes if q.id == quote_id)
        loops.append(time.perf_counter() - start)
    out = {
        "index_build": build,
        "lookup": statistics.median(lookups),
        "loop": statistics.median(loops),
    }
    if hasattr(corpus, "find_quotes"):  # the query helpers and their indexes
        start = time.perf_counter()
        corpus.find_quotes(speaker=people[0])
        out["query_index_build"] = time.perf_counter() - start
        queries, query_loops = [], []
        for person_id in people[1:]:
            start = time.perf_counter()
            found = corpus.find_quotes(speaker=person_id)
            queries.append(time.perf_counter() - start)
            start = time.perf_counter()
            looped = [q for q in corpus.quotes if q.person_id == person_id]
            query_loops.append(time.perf_counter() - start)
            assert len(found) == len(looped)  # noqa: S101 - the two answers agree
        out["query"] = statistics.median(queries)
        out["query_loop"] = statistics.median(query_loops)
    return out


# --- the orchestrator -----------------------------------------------------------


def _worker(*args: str) -> Any:  # noqa: ANN401 - JSON
    out = subprocess.run(
        [sys.executable, __file__, "--worker", *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds >= 0.001 else f"{seconds * 1e6:,.2f} µs"


def _mb(size: float) -> str:
    return f"{size / 1e6:,.1f} MB"


def _verdict(value: float, limit: float, *, at_most: bool = True) -> str:
    ok = value <= limit if at_most else value >= limit
    return ("✓" if ok else "✗") + f" ({'≤' if at_most else '≥'} {limit:g}×)"


def report(results: dict[str, Any]) -> str:
    """Return the Markdown tables of one run."""
    cache = results["cache"]
    lines = [
        f"Measured {results['date']} on {results['machine']}, Python {results['python']};",
        f"medians of interleaved repeats ({results['command']}).",
        "The cold start (import and first load against `import attrs`) is measured by",
        "`benchmarks/bench_start.py`.",
        "",
        (
            "**Loading** (ratios to msgspec's typed decode into frozen Structs with the"
            " cyclic collector paused, as `load_path` pauses it; msgspec as it runs by"
            " default, collector on, is the second column; bytes → records: msgspec"
            " decoding into the records, load_path's first path; dicts → records: the"
            " builders, its path without msgspec; checks: the whole-corpus checks)"
        ),
        "",
        (
            "| Quotes | msgspec → Structs, collector paused | msgspec, collector on "
            "| orjson → dicts | json → dicts | bytes → records | dicts → records | checks alone "
            "| validated `load_path` |"
        ),
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for size, data in results["sizes"].items():
        t = {name: statistics.median(values) for name, values in data["timing"].items()}
        base = t["msgspec_paused"]
        cells = [
            f"{_ms(t[name])} ({t[name] / base:.2f}×)"
            for name in (
                "msgspec",
                "orjson",
                "json",
                "decode",
                "structure",
                "checks",
                "load_path",
            )
        ]
        lines.append(f"| {int(size):,} | {_ms(base)} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "**`load_path` by what is installed** (the same checks and errors on every path)",
        "",
        "| Quotes | `[fast]`: msgspec | orjson only | standard library only |",
        "|--:|--:|--:|--:|",
    ]
    for size, data in results["sizes"].items():
        t = {name: statistics.median(values) for name, values in data["timing"].items()}
        lines.append(
            f"| {int(size):,} | {_ms(t['load_path'])} | {_ms(t['load_path_orjson'])} "
            f"| {_ms(t['load_path_json'])} |"
        )
    lines += [
        "",
        "**Memory** (tracemalloc; retained: what the result keeps alive)",
        "",
        (
            "| Quotes | msgspec retained | `load_path` retained | Ratio | msgspec peak "
            "| `load_path` peak |"
        ),
        "|--:|--:|--:|--:|--:|--:|",
    ]
    for size, data in results["sizes"].items():
        ms, lp = data["memory"]["msgspec"], data["memory"]["load_path"]
        lines.append(
            f"| {int(size):,} | {_mb(ms['retained'])} | {_mb(lp['retained'])} "
            f"| {lp['retained'] / ms['retained']:.2f}× | {_mb(ms['peak'])} | {_mb(lp['peak'])} |"
        )
    lines += [
        "",
        "**Lookups** (a quote by id; quotes by person through `find_quotes(speaker=...)`)",
        "",
        (
            "| Quotes | Index build | Lookup | Loop | Speed-up | Query index build | Query "
            "| Query loop | Speed-up |"
        ),
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for size, data in results["sizes"].items():
        lk = data["lookup"]
        row = (
            f"| {int(size):,} | {_ms(lk['index_build'])} | {_ms(lk['lookup'])} | {_ms(lk['loop'])} "
            f"| {lk['loop'] / lk['lookup']:,.0f}× |"
        )
        if "query" in lk:
            row += (
                f" {_ms(lk['query_index_build'])} | {_ms(lk['query'])} | {_ms(lk['query_loop'])} "
                f"| {lk['query_loop'] / lk['query']:,.0f}× |"
            )
        else:
            row += " | | | |"
        lines.append(row)
    lines += [
        "",
        (
            f"**Cache**: the first `icc.load()` of the bundled corpus {_ms(cache['first'])}; "
            f"a cached one {_ms(cache['cached'])} "
            "(a dictionary lookup: the same for any corpus size)."
        ),
        "",
        "**Goals** (loading, memory and lookups at the largest size):",
        "",
    ]
    size, data = list(results["sizes"].items())[-1]
    t = {name: statistics.median(values) for name, values in data["timing"].items()}
    mem = data["memory"]
    lk = data["lookup"]
    paused = t["msgspec_paused"]
    retained = mem["load_path"]["retained"]
    targets = [
        (
            "validated `load_path` vs msgspec's typed decode, collector paused",
            t["load_path"] / paused,
            2.0,
            True,
        ),
        (
            "structuring alone (bytes → records) vs msgspec, collector paused",
            t["decode"] / paused,
            1.6,
            True,
        ),
        ("retained memory vs msgspec", retained / mem["msgspec"]["retained"], 1.1, True),
        (
            "peak memory of `load_path` vs what it retains",
            mem["load_path"]["peak"] / retained,
            1.5,
            True,
        ),
        ("indexed lookup vs a loop", lk["loop"] / lk["lookup"], 50, False),
    ]
    lines += ["| Goal | Reached | |", "|---|--:|---|"]
    for name, value, limit, at_most in targets:
        verdict = _verdict(value, limit, at_most=at_most)
        lines.append(f"| {name} ({int(size):,} quotes) | {value:,.2f}× | {verdict} |")
    lines += [
        "",
        (
            "With the collector on, as msgspec runs by default, the baseline takes "
            f"{_ms(t['msgspec'])} and `load_path` {t['load_path'] / t['msgspec']:.2f}× "
            f"as long ({int(size):,} quotes); that is not the headline, since a "
            "performance-minded caller pauses the collector."
        ),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Run every measurement and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeats", type=int, help="load repeats (default: by size)")
    parser.add_argument("--corpora", type=Path, default=HERE / "_corpora")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, *rest = args.worker
        value: object
        if kind == "timing":
            value = worker_timing(Path(rest[0]), int(rest[1]))
        elif kind == "memory":
            value = worker_memory(Path(rest[0]), rest[1])
        elif kind == "cache":
            value = worker_cache()
        else:
            value = worker_lookup(Path(rest[0]))
        print(json.dumps(value))
        return

    command = "python benchmarks/bench_load.py --sizes " + " ".join(map(str, args.sizes))
    if args.repeats:
        command += f" --repeats {args.repeats}"
    results: dict[str, Any] = {
        "command": f"`{command}`",
        "date": dt.date.today().isoformat(),  # noqa: DTZ011 - a local date is meant
        "machine": f"{os.cpu_count()} cores, {platform.machine()}",
        "python": platform.python_version(),
        "sizes": {},
    }
    started = time.perf_counter()
    print("cached load() ...", flush=True)
    results["cache"] = _worker("cache")
    for size in args.sizes:
        folder = args.corpora / f"q{size}" / "1.0.0"
        if not folder.joinpath("manifest.json").is_file():
            sys.exit(f"{folder}: no corpus; run python benchmarks/generate.py --quotes {size}")
        repeats = args.repeats or DEFAULT_REPEATS.get(size, 5)
        print(f"{size:,} quotes: timing x{repeats} ...", flush=True)
        data: dict[str, Any] = {"timing": _worker("timing", str(folder), str(repeats))}
        print(f"{size:,} quotes: memory, lookups ...", flush=True)
        data["memory"] = {
            name: _worker("memory", str(folder), name) for name in ("msgspec", "load_path")
        }
        data["lookup"] = _worker("lookup", str(folder))
        results["sizes"][str(size)] = data
    table = report(results)
    print(table)
    print(f"({time.perf_counter() - started:.0f} s)")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "performance.md").write_text(table, "utf-8")
    (args.out / "performance.json").write_text(json.dumps(results, indent=1), "utf-8")


if __name__ == "__main__":
    main()
