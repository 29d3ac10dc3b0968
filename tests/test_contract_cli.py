"""The command line's contract: one line per error, the documented exit codes, clean output.

A data error is one line on standard error and exit 1; a usage error exit 2;
an unexpected error inside the package one line saying so and exit 70, with
the traceback only under ``--debug``. No command prints a traceback, and no
control character from the data reaches the terminal unescaped.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _cli, _console, _diff

from .conftest import DATA
from .test_cli import COMMAND, run
from .test_faults import rewrite

#: What a terminal would act on: C0 controls but tab and line feed, DEL, C1 controls.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
NASTY = "\x1b]0;owned\x07\x1b[31mred\x1b[0m\x9b2J\r\x00"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line in this process; return the exit code, stdout and stderr."""
    code = _cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_internal_error_is_one_line_and_exit_70(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_args: object) -> int:
        message = "the unexpected"
        raise RuntimeError(message)

    monkeypatch.setitem(_cli._COMMANDS, "info", broken)
    code, out, err = cli(capsys, "info")
    assert (code, out) == (70, "")
    assert err == (
        "integrated-care-corpus: error: internal error: RuntimeError: the unexpected; "
        "this is a fault in integrated-care-corpus (rerun with --debug for the traceback)\n"
    )


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_shows_the_traceback_of_an_internal_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    def broken(_args: object) -> int:
        raise KeyError("x")

    monkeypatch.setitem(_cli._COMMANDS, "info", broken)
    args = ["--debug", "info"] if where == "before" else ["info", "--debug"]
    code, _, err = cli(capsys, *args)
    assert code == 70
    assert err.startswith("Traceback (most recent call last):\n")
    assert err.splitlines()[-1] == (
        "integrated-care-corpus: error: internal error: KeyError: 'x'; "
        "this is a fault in integrated-care-corpus"
    )


def test_an_internal_error_in_a_delegated_command_is_caught(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_argv: object) -> int:
        raise ZeroDivisionError

    monkeypatch.setattr(_diff, "main", broken)
    code, _, err = cli(capsys, "diff", "1.0.0", "1.0.1")
    assert code == 70
    assert err == (
        "integrated-care-corpus: error: internal error: ZeroDivisionError; this is a fault "
        "in integrated-care-corpus (rerun with --debug for the traceback)\n"
    )


def test_an_os_error_is_one_line_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    code, _, err = cli(capsys, "schema", "--out", str(blocker / "schemas"), "--docs", "none")
    assert code == 1
    assert err.count("\n") == 1
    assert err.startswith(f"integrated-care-corpus: error: {blocker}")


@pytest.mark.parametrize(
    ("docs", "why"),
    [(b"# no markers\n", "the reference markers are missing"), (b"\xff\xfe", "not UTF-8")],
)
def test_a_docs_file_schema_cannot_update_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, docs: bytes, why: str
) -> None:
    (tmp_path / "format.md").write_bytes(docs)
    out = tmp_path / "schemas"
    code, _, err = cli(capsys, "schema", "--out", str(out), "--docs", str(tmp_path / "format.md"))
    assert code == 1
    assert err.count("\n") == 1
    assert err.startswith(f"integrated-care-corpus: error: {tmp_path / 'format.md'}: {why}")
    assert not out.exists()  # nothing is written when the docs cannot be
    assert (tmp_path / "format.md").read_bytes() == docs


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "json", "--out", "a\0b"],
        ["draft", "a\0b"],
        ["extract", "a\0b"],
        ["score", "a\0b"],
        ["schema", "--out", "a\0b"],
        ["lock", "--data", "a\0b"],
        ["verify", "a\0b"],
    ],
)
def test_an_argument_holding_nul_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    # No shell can pass one (exec refuses it); main() called from Python can.
    code, out, err = cli(capsys, *args)
    assert (code, out) == (2, "")
    assert err == (
        "integrated-care-corpus: error: an argument holds a NUL character (\\x00), "
        "which no file name or text can hold\n"
    )


@pytest.mark.parametrize(
    "args", [["info"], ["list", "quotes"], ["list", "quotes", "--json"], ["--version"]]
)
def test_a_closed_standard_output_is_one_line_and_exit_1(args: list[str]) -> None:
    # Started with no standard output at all (``>&-``): Python's sys.stdout is None.
    result = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *COMMAND, *args],
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == "integrated-care-corpus: error: standard output is closed\n"


def test_a_usage_error_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli(capsys, "nosuch")
    assert info.value.code == 2


@pytest.mark.parametrize(
    "args",
    [
        ["verify", "a" * 5000],
        ["verify", "a/" * 3000],
        ["diff", "a" * 5000, "1.0.1"],
        ["show", "x" * 5000],
        ["search", "\x1b[31m" * 100],
        ["search", "*"],
        ["search", "a*b", "--json"],
        ["list", "quotes", "--since", "9" * 5000],
    ],
)
def test_no_command_prints_a_traceback(args: list[str]) -> None:
    result = run(*args)
    assert "Traceback" not in result.stderr
    assert result.returncode in {0, 1, 2}, result.stderr
    assert not CONTROL.search(result.stdout + result.stderr)


#: Odd input to every command, each a kind that once reached the internal-error
#: handler (exit 70) or could: ``{tmp}`` is a scratch folder, ``{deep}`` a JSON or
#: TOML file nested too deeply to read, ``{empty}`` an empty file.
ODD_ARGUMENTS = [
    ["search", "*"],
    ["search", '""', "--json"],
    ["search", "x AND y"],
    ["list", "quotes", "--text", "a*b"],
    ["list", "quotes", "--limit", "-1"],
    ["show", "kings-fund-undated-pilots-welcome/q1", "--context", "-1"],
    ["info", "--corpus-version", "1.0.1-rc1"],
    ["verify", "{empty}"],
    ["verify", "{tmp}"],
    ["diff", "{tmp}", "1.0.1"],
    ["score", "{deep}"],
    ["score", "{empty}"],
    ["extract", "{tmp}"],
    ["draft", "{tmp}"],
    ["schema", "--out", "{tmp}/schemas", "--docs", "{empty}"],
    ["lock", "--data", "{tmp}"],
    ["lock", "not-a-version", "--data", "{tmp}"],
    ["export", "--format", "csv", "--out", "{deep_folder}"],
    ["build", "--curation", "{tmp}", "--seeds", "{tmp}", "--out", "{tmp}/out"],
]


@pytest.mark.parametrize("args", ODD_ARGUMENTS, ids=lambda args: " ".join(args)[:40])
def test_odd_arguments_are_never_an_internal_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    (tmp_path / "target").mkdir()
    (tmp_path / "target" / "manifest.json").write_text("[" * 100_000, "utf-8")
    names = {
        "tmp": str(tmp_path),
        "empty": str(tmp_path / "empty.txt"),
        "deep": str(tmp_path / "deep.jsonl"),
        "deep_folder": str(tmp_path / "target"),
    }
    code: object
    try:
        code, _, err = cli(capsys, *(arg.format(**names) for arg in args))
    except SystemExit as exit_:  # argparse's own usage errors
        code, err = exit_.code, capsys.readouterr().err
    assert code in {0, 1, 2}, err
    assert "internal error" not in err
    assert "Traceback" not in err


def test_a_damaged_folder_is_one_line_and_exit_1(corpus_copy: Path) -> None:
    rewrite(corpus_copy, "quotes.json", lambda quotes: quotes[0].update(person_id="nobody"))
    result = run("verify", str(corpus_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("integrated-care-corpus: error: ")


# --- output hygiene (item 10) ----------------------------------------------------


def test_escape_controls_leaves_text_and_escapes_controls() -> None:
    assert _console.escape_controls("plain\ttext\nnext") == "plain\ttext\nnext"
    assert _console.escape_controls(NASTY) == (
        "\\x1b]0;owned\\x07\\x1b[31mred\\x1b[0m\\x9b2J\\x0d\\x00"
    )
    assert _console.escape_controls("\udfff") == "\\udfff"


def test_the_console_writes_its_own_colour_codes_only() -> None:
    out = io.StringIO()
    console = _console.Console(_console.EscapingStream(out))
    console.colour = True
    console.print(console.bold(NASTY) + " " + console.mark(NASTY, 2, 8) + NASTY)
    written = out.getvalue()
    codes = re.findall("\x1b\\[[0-9;]*m", written)
    assert set(codes) <= {"\x1b[1m", "\x1b[1;33m", "\x1b[0m"}
    assert not CONTROL.search(re.sub("\x1b\\[(?:1|1;33|0)m", "", written).replace("\n", ""))


@pytest.fixture
def nasty_corpus(tmp_path: Path) -> icc.Corpus:
    """A corpus whose free text holds terminal control sequences."""
    folder = tmp_path / "1.0.1"
    shutil.copytree(DATA / "1.0.1", folder)

    def edit(organisations: Any) -> None:
        organisations[0]["note"] = NASTY
        organisations[0]["aliases"] = [*organisations[0]["aliases"], "Alias" + NASTY]

    rewrite(folder, "organisations.json", edit)

    def edit_people(people: Any) -> None:
        people[0]["note"] = NASTY

    rewrite(folder, "people.json", edit_people)
    return icc.load_path(folder)


@pytest.mark.parametrize(
    "args",
    [
        ["list", "organisations"],
        ["list", "people"],
        ["show", "canterbury-district-health-board"],
        ["show", "andrew-lansley"],
        ["list", "organisations", "--json"],
        ["show", "andrew-lansley", "--json"],
        ["search", "Alias"],
        ["info"],
    ],
)
def test_control_characters_in_the_data_are_escaped_in_every_output(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    nasty_corpus: icc.Corpus,
    args: list[str],
) -> None:
    monkeypatch.setattr(_cli, "_load", lambda _args: nasty_corpus)
    code, out, err = cli(capsys, *args)
    assert code in {0, 1}, err
    assert not CONTROL.search(out + err)
    if args[0] == "show":
        assert "\\x1b]0;owned\\x07" in out or "\\u001b]0;owned\\u0007" in out
    if "--json" in args:
        json.loads(out)  # still JSON


def test_diff_escapes_control_characters(tmp_path: Path) -> None:
    folder = tmp_path / "1.0.2"
    shutil.copytree(DATA / "1.0.1", folder)

    def edit(organisations: Any) -> None:
        organisations[0]["note"] = NASTY

    rewrite(folder, "organisations.json", edit)
    result = run("diff", str(DATA / "1.0.1"), str(folder))
    assert result.returncode == 0, result.stderr
    assert not CONTROL.search(result.stdout.replace("\n", "") + result.stderr)


@pytest.mark.parametrize("manifest", [b"{", b"[]", b'{"resources": 1}'])
def test_lock_of_a_broken_folder_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, manifest: bytes
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.copytree(DATA / "1.0.1", data / "1.0.2")
    (data / "1.0.2" / "manifest.json").write_bytes(manifest)
    code, _, err = cli(capsys, "lock", "1.0.2", "--data", str(data), "--package", "1.2.0")
    assert code == 1
    assert err.count("\n") == 1
    assert "manifest.json: not a readable corpus manifest and resources" in err
