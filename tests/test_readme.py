"""The README's promises about testing: .ci/run runs its test command, on the Pythons it names."""

from __future__ import annotations

import re
import subprocess
import sys

from .conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_RUN = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _readme_test_command() -> list[str]:
    blocks = [b for b in re.findall(r"```sh\n(.*?)```", README, re.DOTALL) if "pytest" in b]
    assert len(blocks) == 1, "the README should give one test command"
    return [step.strip() for step in blocks[0].strip().split(" && ")]


def _ci_test_command() -> list[str]:
    found = re.search(
        r"^# BEGIN README TEST COMMAND\n(.*?)^# END README TEST COMMAND$",
        CI_RUN,
        re.MULTILINE | re.DOTALL,
    )
    assert found, ".ci/run has lost its README TEST COMMAND markers"
    return [
        line.strip()
        for line in found.group(1).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def _claimed() -> list[str]:
    prefix = "Programming Language :: Python :: 3."
    minors = sorted(
        int(c.removeprefix(prefix)) for c in PYPROJECT["classifiers"] if c.startswith(prefix)
    )
    return [f"3.{m}" for m in minors]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = _readme_test_command()
    assert readme[-1] == ".venv/bin/python -m pytest"
    assert _ci_test_command() == readme


def test_ci_starts_from_a_fresh_environment_before_the_command() -> None:
    before = CI_RUN.split("# BEGIN README TEST COMMAND")[0]
    assert "\nrm -rf .venv\n" in before
    assert "\nset -euo pipefail\n" in before


def test_the_claimed_pythons_are_every_minor_from_the_oldest() -> None:
    claimed = _claimed()
    assert claimed[0] == "3.10"
    assert claimed == [f"3.{m}" for m in range(10, 10 + len(claimed))]
    assert PYPROJECT["requires-python"] == f">={claimed[0]}"


def test_the_readme_names_the_tested_pythons() -> None:
    *first, last = _claimed()
    assert f"tested on Python {', '.join(first)} and {last}" in " ".join(README.split())


def test_ci_finds_the_same_claims_as_this_test() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "claimed.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == _claimed()
