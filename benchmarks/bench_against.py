"""Time ``icc.load_path`` of this checkout against an earlier commit's, in one run.

::

    python benchmarks/bench_against.py 2684e62 --corpus benchmarks/_corpora/q100000/1.0.0

extracts the package source of the given commit (``git archive``) into a
temporary folder, then times a validated ``load_path`` of the corpus in fresh
interpreters, alternating the commit's source and this checkout's, so that a
busy machine's noise falls on both alike. Each run imports the package first
and times the load alone. It prints the median of each and their ratio; the
same interpreter, installed extras and corpus serve both.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_CHILD = """
import sys, time
import integrated_care_corpus as icc
assert icc.__file__.startswith(sys.argv[2]), icc.__file__
start = time.perf_counter()
corpus = icc.load_path(sys.argv[1])
print(time.perf_counter() - start, len(corpus.quotes))
"""


def _source_of(revision: str, into: Path) -> Path:
    """Extract ``src/`` of ``revision`` under ``into``; return that ``src`` folder."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "src"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _time(src: Path, corpus: Path) -> tuple[float, int]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(corpus), str(src)],
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), int(out[1])


def main() -> None:
    """Time both, alternating, and print the medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the earlier commit (any git revision)")
    parser.add_argument("--corpus", type=Path, default=HERE / "_corpora" / "q100000" / "1.0.0")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    if not (args.corpus / "manifest.json").is_file():
        sys.exit(f"{args.corpus}: no corpus; run python benchmarks/generate.py first")
    with tempfile.TemporaryDirectory() as tmp:
        contenders = {args.revision: _source_of(args.revision, Path(tmp)), "this": ROOT / "src"}
        times: dict[str, list[float]] = {name: [] for name in contenders}
        counts = set()
        for src in contenders.values():  # warm-up: the files in the page cache
            counts.add(_time(src, args.corpus)[1])
        for _ in range(args.repeats):
            for name, src in contenders.items():
                elapsed, count = _time(src, args.corpus)
                times[name].append(elapsed)
                counts.add(count)
    if len(counts) != 1:
        sys.exit(f"the two loads disagree on the number of quotes: {sorted(counts)}")
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"load_path of {args.corpus} ({counts.pop():,} quotes), medians of {args.repeats}:")
    for name, median in medians.items():
        spread = f"{min(times[name]):.2f}-{max(times[name]):.2f}"
        print(f"  {name:>12}: {median:.2f} s  (range {spread} s)")
    ratio = medians["this"] / medians[args.revision]
    print(f"  this / {args.revision}: {ratio:.2f}x")


if __name__ == "__main__":
    main()
