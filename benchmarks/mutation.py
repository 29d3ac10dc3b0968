"""Write the mutation-testing result table from the last mutmut run.

Run after ``mutmut run`` (configured in pyproject.toml's ``[tool.mutmut]``)::

    HYPOTHESIS_PROFILE=mutation nice -n 10 .venv/bin/mutmut run --max-children 2
    .venv/bin/python benchmarks/mutation.py --elapsed "<how long the run took>"

It reads mutmut's verdict on every mutant (``mutmut results --all true``),
counts them per module, and writes ``benchmarks/results/mutation.md``: the
score (mutants killed, of those not equivalent to the original), and every
surviving mutant with its diff and, for an equivalent one, why no test can
tell it from the original. ``docs/mutation.md`` includes the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
from collections import Counter
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MUTMUT = [sys.executable, "-m", "mutmut"]

#: Mutants no test can tell from the original code, and why. Each is named as
#: mutmut names it; the names hold while the function's code is unchanged.
EQUIVALENT: dict[str, str] = {
    # --- _names ---
    "integrated_care_corpus._names.xǁ_Tableǁranked__mutmut_8": (
        "a record that shares a word with the query also shares that word's initial, so "
        "the test of shared initials alone decides whether a record is compared"
    ),
    "integrated_care_corpus._names.x__org_names__mutmut_3": (
        "every Organisation has well_known_names (a field, () by default), so getattr's "
        "default is never used"
    ),
    "integrated_care_corpus._names.x__org_names__mutmut_6": (
        "every Organisation has well_known_names, so getattr never needs a default"
    ),
    "integrated_care_corpus._names.xǁNamesǁ__init____mutmut_34": (
        "a one-word name without titles is already its own untitled key, which people() "
        "looks up before surnames and forenames, so listing it as one changes no answer"
    ),
    "integrated_care_corpus._names.x__holds__mutmut_7": (
        "the extra start positions give slices shorter than the fragment, never equal to it"
    ),
    "integrated_care_corpus._names.x__holds__mutmut_8": (
        "the one extra start position gives a slice shorter than the fragment, never equal to it"
    ),
    # --- _search ---
    "integrated_care_corpus._search.xǁQueryǁspans__mutmut_5": (
        "whole_word=None is falsy, as False is"
    ),
    "integrated_care_corpus._search.x__snippet__mutmut_23": ("before[None:] is before[0:]"),
    "integrated_care_corpus._search.x__snippet__mutmut_34": ("after[:None] is after[:len(after)]"),
    "integrated_care_corpus._search.xǁ_Textsǁpositions__mutmut_5": (
        "no match starts before 0, so -2 skips nothing that -1 would not"
    ),
    "integrated_care_corpus._search.xǁ_Textsǁpositions__mutmut_16": (
        "the dictionary is an ordered set: only its keys are read"
    ),
    **{
        f"integrated_care_corpus._search.xǁQueryǁparse__mutmut_{n}": why
        for n, why in [
            (11, "queries are case-folded first: no upper-case X is left to strip"),
            (20, "a query of two characters with a quote mark is refused either way"),
            (21, "a query of two characters with a quote mark is refused either way"),
            (41, "folded text has no whitespace but single spaces, so strip() is strip(' ')"),
            (45, "queries are case-folded first: no upper-case X is left to strip"),
            (49, "folded text has no runs of spaces, so split() is split(' ')"),
            (70, "queries are case-folded first: no upper-case X is left to strip"),
            (86, "queries are case-folded first: no upper-case X is left to strip"),
            (97, "the prefixes are built from the words, one each: the lengths agree"),
            (100, "the prefixes are built from the words, one each: the lengths agree"),
            (101, "the prefixes are built from the words, one each: the lengths agree"),
            (107, "queries are case-folded first: no upper-case X is left to strip"),
        ]
    },
    # --- _loading ---
    **{
        f"integrated_care_corpus._loading.x_load__mutmut_{n}": (
            "the cache lookups are shortcuts: without this one, the locked lookup that "
            "follows finds the same corpus, so every call still returns the one object"
        )
        for n in (1, 3, 7, 10, 33)
    },
    "integrated_care_corpus._loading.x_load__mutmut_25": "confined=None is falsy, as False is",
    # --- _checks ---
    "integrated_care_corpus._checks.xǁ_Checkerǁregion_kind__mutmut_1": (
        "the bisection is a shortcut: when it finds no region the caller scans the regions "
        "and finds the same one"
    ),
    "integrated_care_corpus._checks.xǁ_Checkerǁ_in_region__mutmut_4": (
        "without the bisection's answer the regions are scanned, which finds the same region"
    ),
    "integrated_care_corpus._checks.xǁ_Checkerǁregion_kind__mutmut_12": (
        "a span starting where its region starts is then found by the scan instead, in the "
        "same region"
    ),
    # --- _records ---
    "integrated_care_corpus._records.x__region_kind__mutmut_3": (
        "every region kind is one word, so a value of several words matches none however "
        "its words are joined"
    ),
    # --- _versions ---
    "integrated_care_corpus._versions.x_check_version_rule__mutmut_5": (
        "(a, b, c) < (x, y) exactly when (a, b) < (x, y): a triple equal to the pair in "
        "its first two is the greater"
    ),
    "integrated_care_corpus._versions.x_check_version_rule__mutmut_41": (
        "(a, b, c) < (x, y) exactly when (a, b) < (x, y)"
    ),
    "integrated_care_corpus._versions.x_dump_lock__mutmut_14": (
        "ensure_ascii=None is falsy, as False is"
    ),
    "integrated_care_corpus._versions.x__parse_lock__mutmut_5": (
        "codec names are case-insensitive"
    ),
    "integrated_care_corpus._versions.x_dump_lock__mutmut_23": ("codec names are case-insensitive"),
    "integrated_care_corpus._versions.x__pyproject_version__mutmut_10": (
        "codec names are case-insensitive"
    ),
    "integrated_care_corpus._versions.x__pyproject_version__mutmut_8": (
        "encoding=None reads with the locale's encoding, UTF-8 where the run is made; only "
        "an interpreter started with another locale could tell (the lock command runs in "
        "the project's own checkout)"
    ),
}

_LINE = re.compile(r"^\s*(?P<name>[\w.ǁ]+__mutmut_\d+): (?P<status>.+)$")
_KILLED = {"killed", "timeout", "caught by type check"}
_NOT_RUN = "not checked"
#: The least score each module should reach, in percent.
GOAL = 90


def _module(name: str) -> str:
    """``integrated_care_corpus._records.x_ǁSpanǁof__mutmut_2`` -> ``_records``."""
    return name.split(".x", maxsplit=1)[0].removeprefix("integrated_care_corpus.")


def verdicts() -> dict[str, str]:
    """Every mutant of the last run and mutmut's verdict on it."""
    out = subprocess.run(
        [*MUTMUT, "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {m["name"]: m["status"].strip() for m in map(_LINE.match, out.splitlines()) if m}
    if not found:
        sys.exit("no mutation results: run `mutmut run` first")
    return found


def diff(name: str) -> str:
    """The mutant's change: the changed lines of ``mutmut show``."""
    out = subprocess.run(
        [*MUTMUT, "show", name], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    lines = [
        line
        for line in out.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    return "\n".join(lines)


def report(found: dict[str, str], elapsed: str) -> str:
    """The result table, as Markdown."""
    modules = sorted({_module(n) for n in found})
    rows = []
    total = Counter[str]()
    for module in modules:
        names = [n for n in found if _module(n) == module]
        killed = sum(found[n] in _KILLED for n in names)
        unrun = sum(found[n] == _NOT_RUN for n in names)
        equivalent = sum(n in EQUIVALENT and found[n] not in _KILLED for n in names)
        survived = len(names) - killed - equivalent - unrun
        total.update(
            mutants=len(names), killed=killed, equivalent=equivalent, survived=survived, unrun=unrun
        )
        score = 100 * killed / max(1, len(names) - equivalent - unrun)
        rows.append(
            f"| `{module}` | {len(names)} | {killed} | {equivalent} | {survived} | {unrun} "
            f"| {score:.1f}% |"
        )
    score = 100 * total["killed"] / max(1, total["mutants"] - total["equivalent"] - total["unrun"])
    rows.append(
        f"| **all** | {total['mutants']} | {total['killed']} | {total['equivalent']} "
        f"| {total['survived']} | {total['unrun']} | **{score:.1f}%** |"
    )
    today = dt.datetime.now(tz=dt.timezone.utc).date().isoformat()
    header = (
        f"Measured {today} on {os.cpu_count()} cores, "
        f"{platform.machine()}, Python {platform.python_version()}, mutmut {version('mutmut')}; "
        f"the run took {elapsed} (`HYPOTHESIS_PROFILE=mutation nice -n 10 .venv/bin/mutmut run "
        "--max-children 2`, then `python benchmarks/mutation.py`). "
        f"Goal: {GOAL}% of the mutants that are not equivalent killed in each module."
    )
    lines = [
        header,
        "",
        "| Module | Mutants | Killed | Equivalent | Survived | Not run | Score |",
        "|---|--:|--:|--:|--:|--:|--:|",
        *rows,
        "",
        (
            "Score: killed (a test failed or timed out) of the mutants run that are not "
            "equivalent to the original. Survived counts the mutants no test reaches as well "
            "as those every test passes; not run, the mutants the run had not reached when it "
            "was stopped."
        ),
        "",
    ]
    survivors = sorted(n for n in found if found[n] not in {*_KILLED, _NOT_RUN})
    if survivors:
        lines += ["**Not killed**", ""]
        for name in survivors:
            why = EQUIVALENT.get(name)
            verdict = f"equivalent: {why}" if why else found[name]
            lines += [f"- `{name}` ({verdict})", "", "  ```diff"]
            lines += [f"  {line}" for line in diff(name).splitlines()]
            lines += ["  ```", ""]
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    """Write benchmarks/results/mutation.md from the last mutmut run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elapsed", default="(not timed)", help="how long `mutmut run` took")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "mutation.md")
    args = parser.parse_args()
    found = verdicts()
    stale = sorted(set(EQUIVALENT) - set(found))
    if stale:
        sys.exit(f"equivalent mutants no longer generated (update EQUIVALENT): {stale}")
    args.out.write_text(report(found, args.elapsed), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
