"""The command line as a researcher types it: versions, misspellings, narrow terminals."""

from __future__ import annotations

import argparse
import json
import subprocess

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _cli

from .test_cli import assert_one_line_error, run

PREFIX = "integrated-care-corpus: error: "


def last_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr
    return result.stderr.strip().splitlines()[-1]


def test_version_prints_package_and_newest_corpus() -> None:
    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout == f"integrated-care-corpus {icc.__version__} (corpus {icc.versions()[-1]})\n"
    )


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (
            ("list", "quotes", "--speker", "DH"),
            "list quotes: unrecognised arguments: --speker DH; did you mean --speaker?",
        ),
        (("serch", "care"), "did you mean search?"),
        (("list", "quots"), "list: argument RECORDS: invalid choice: 'quots'"),
        (("search", "care", "--kind", "quote"), "did you mean quotes?"),
        (("list", "documents", "--publsher", "pulse"), "did you mean --publisher?"),
    ],
)
def test_misspellings_get_a_close_match(args: tuple[str, ...], suggestion: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    line = last_line(result)
    assert line.startswith(PREFIX)
    assert suggestion in line


def test_no_suggestion_for_nothing_close() -> None:
    line = last_line(run("list", "quotes", "--zzzzzz"))
    assert line == f"{PREFIX}list quotes: unrecognised arguments: --zzzzzz"


def test_every_error_has_the_one_prefix() -> None:
    for args in (
        ("list", "quotes", "--bogus"),
        ("diff", "1.0.0", "9.9"),
        ("show", "no-such-record"),
        ("list", "organisations", "--kind", "quango"),
    ):
        assert last_line(run(*args)).startswith(PREFIX), args


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found.extend(_parsers(sub))
    return found


def test_every_option_has_help() -> None:
    missing = [
        f"{p.prog} {'/'.join(a.option_strings) or a.dest}"
        for p in _parsers(_cli._parser())
        for a in p._actions
        if not a.help and not isinstance(a, argparse._SubParsersAction)
    ]
    assert missing == []


def test_vocabulary_values_as_python_reads_them() -> None:
    spaced = run("list", "organisations", "--kind", "think tank", "--json")
    assert spaced.returncode == 0, spaced.stderr
    assert {o["id"] for o in json.loads(spaced.stdout)} == {"kings-fund", "nuffield-trust"}
    assert json.loads(run("list", "organisations", "--kind", "THINK_TANK", "--json").stdout) == (
        json.loads(spaced.stdout)
    )
    line = last_line(run("list", "organisations", "--kind", "quango"))
    assert "no organisation kind 'quango'" in line
    for value in icc.OrganisationKind:
        assert value.value in line  # the allowed values, named
    gb = run("list", "organisations", "--country", "gb", "--json")
    assert len(json.loads(gb.stdout)) == len(icc.load().find_organisations(country="GB"))


# --- tables at 80 and 120 columns, and piped ------------------------------------------


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize(
    ("args", "text_column"),
    [
        (("list", "quotes"), "text"),
        (("search", "integrated care"), "snippet"),
        (("list", "comments"), "text"),
        (("list", "documents"), "title"),
    ],
)
def test_tables_keep_text_readable(columns: int, args: tuple[str, ...], text_column: str) -> None:
    result = run(*args, env={"COLUMNS": str(columns), "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= columns for line in lines), max(lines, key=len)
    header = lines[0]
    start = header.index(text_column)
    # The main text column keeps a fair share of the width (half, when the rest allow);
    # before, id columns kept their width and text shrank to 'less …'.
    share = 2 if args[0] == "search" or args[1] in {"quotes", "comments"} else 4
    assert columns - start >= (columns - 8) // share
    # A cut cell is cut at the column's width (a snippet may end in … of its own).
    cells = [line[start:] for line in lines[1:] if not line.startswith("…") and args[0] != "search"]
    assert all(len(cell) >= (columns - 8) // share for cell in cells if cell.endswith("…"))


def test_ids_are_cut_in_the_middle_at_80_columns() -> None:
    result = run("list", "quotes", env={"COLUMNS": "80", "NO_COLOR": "1"})
    first = result.stdout.splitlines()[1].split()[0]
    assert "…" in first
    assert first.endswith("/q1")  # what tells the quotes apart stays
    assert first.startswith("kings-")


def test_piped_output_keeps_every_cell_whole() -> None:
    result = run("list", "quotes", env={"COLUMNS": ""})
    assert result.returncode == 0
    assert "…" not in result.stdout.replace("... ", "")
    corpus = icc.load()
    for quote in corpus.quotes:
        assert quote.id in result.stdout


# --- diff --json ----------------------------------------------------------------------------


def test_diff_json_has_old_and_new_values() -> None:
    result = run("diff", "1.0.0", "1.0.1", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    expected = icc.diff("1.0.0", "1.0.1")
    assert (data["old_version"], data["new_version"]) == ("1.0.0", "1.0.1")
    assert data["required_bump"] == expected.required_bump()
    changes = {c["id"]: c["fields"] for c in data["organisations"]["changed"]}
    assert set(changes) == {c.id for c in expected.organisations.changed}
    for change in expected.organisations.changed:
        for field, shown in zip(change.fields, changes[change.id], strict=True):
            assert shown == {"field": field.field, "old": field.old, "new": field.new}


def test_diff_text_shows_values() -> None:
    result = run("diff", "1.0.0", "1.0.1")
    change = icc.diff("1.0.0", "1.0.1").organisations.changed[0]
    assert f"~ {change.id}: note" in result.stdout
    assert "    note: None -> " in result.stdout


def test_an_unknown_name_is_one_line() -> None:
    line = assert_one_line_error(run("list", "quotes", "--speaker", "Nick"), 1)
    assert "Nick Goodwin (nick-goodwin); Nick Mann (nick-mann)" in line
