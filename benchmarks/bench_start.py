"""Measure a cold start: fresh interpreters, with and without the ``[fast]`` extra.

In one run::

    python benchmarks/bench_start.py

times whole interpreters, each command run many times with the commands
interleaved, so that the noise of a shared machine falls on every contender
alike, and reports medians:

- a bare interpreter (``python -c pass``), the floor every other time is taken over;
- ``python -c "import attrs"``, the baseline;
- ``python -c "import integrated_care_corpus as icc; icc.load()"``, a cold
  import and the first load of the bundled corpus;
- ``integrated-care-corpus info``, the command line's cheapest useful command.

Each is run twice over: as installed (with ``[fast]``: msgspec and orjson
importable) and with msgspec and orjson blocked, as if the extra were not
installed. The blocking is a ``sitecustomize`` module on ``PYTHONPATH`` that
marks both as absent (``sys.modules[name] = None``, so that importing them
raises ``ImportError``); the other column gets an empty ``sitecustomize``, so
both columns start the same way. The package has no switch of its own for
this: it takes whichever paths are importable.

Before timing, it compiles the package's modules to bytecode, as pip does
when it installs a wheel, so that no run pays for compiling them (a folder
checkout or an editable install in an environment with
``PYTHONDONTWRITEBYTECODE`` set would otherwise compile every module in every
run); attrs and the other installed packages were compiled when pip installed
them.

It prints each goal beside its measured ratio, and writes the Markdown table
that ``docs/performance.md`` includes (``benchmarks/results/start.md``) and
the raw figures (``benchmarks/results/start.json``, not committed).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
BLOCK = "import sys\nsys.modules['msgspec'] = None\nsys.modules['orjson'] = None\n"
LOAD = "import integrated_care_corpus as icc; icc.load()"


def _cli() -> str:
    found = Path(sys.executable).with_name("integrated-care-corpus")
    if found.is_file():
        return str(found)
    which = shutil.which("integrated-care-corpus")
    if which is None:
        sys.exit("integrated-care-corpus: not installed next to this interpreter or on PATH")
    return which


def compile_package() -> Path:
    """Write the bytecode of the installed package's modules, as ``pip install`` does."""
    found = subprocess.run(
        [sys.executable, "-c", "import integrated_care_corpus as m; print(m.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    folder = Path(found).parent
    if not compileall.compile_dir(folder, quiet=1):
        sys.exit(f"{folder}: could not compile the package's modules")
    return folder


def commands() -> dict[str, list[str]]:
    """Return the contenders, by name, as argument lists."""
    return {
        "bare": [sys.executable, "-c", "pass"],
        "attrs": [sys.executable, "-c", "import attrs"],
        "load": [sys.executable, "-c", LOAD],
        "info": [_cli(), "info"],
    }


def _envs(root: Path) -> dict[str, dict[str, str]]:
    """An environment per column: as installed, and with msgspec and orjson blocked."""
    base = dict(os.environ)
    # Bytecode caches as an installed package has them, kept out of the tree.
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    base["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "icc-bench-pycache")
    base.pop("PYTHONPATH", None)
    out = {}
    for column, code in (("fast", ""), ("plain", BLOCK)):
        folder = root / column
        folder.mkdir()
        (folder / "sitecustomize.py").write_text(code, "utf-8")
        out[column] = {**base, "PYTHONPATH": str(folder)}
    return out


def _check_blocking(envs: dict[str, dict[str, str]]) -> None:
    probe = "import importlib.util as u; print(u.find_spec('msgspec') is not None)"
    code = f"import sys\ntry:\n import msgspec\nexcept ImportError:\n sys.exit(3)\n{probe}"
    fast = subprocess.run(
        [sys.executable, "-c", code], env=envs["fast"], check=False, stdout=subprocess.DEVNULL
    )
    plain = subprocess.run([sys.executable, "-c", code], env=envs["plain"], check=False)
    if fast.returncode != 0:
        sys.exit("msgspec is not installed: pip install -e '.[fast]' to measure both columns")
    if plain.returncode != 3:
        sys.exit("the sitecustomize module did not block msgspec")


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run one command; return its wall time and the CPU time (user + system) it used."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, cmd)
    return wall, usage.ru_utime + usage.ru_stime


def measure(repeats: int) -> dict[str, dict[str, dict[str, list[float]]]]:
    """Wall and CPU times of every command in each column, interleaved."""
    cmds = commands()
    with tempfile.TemporaryDirectory() as tmp:
        envs = _envs(Path(tmp))
        _check_blocking(envs)
        times: dict[str, dict[str, dict[str, list[float]]]] = {
            clock: {column: {name: [] for name in cmds} for column in envs}
            for clock in ("wall", "cpu")
        }
        for _ in range(3):  # warm up: bytecode written, files in the page cache
            for env in envs.values():
                for cmd in cmds.values():
                    _run(cmd, env)
        for repeat in range(repeats):
            # The columns take turns to go first, so that neither gains from its place.
            order = list(envs.items()) if repeat % 2 == 0 else list(envs.items())[::-1]
            for column, env in order:
                for name, cmd in cmds.items():
                    wall, cpu = _run(cmd, env)
                    times["wall"][column][name].append(wall)
                    times["cpu"][column][name].append(cpu)
    return times


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def _spread(values: list[float]) -> str:
    """The interquartile range as a share of the median: how noisy the run was."""
    q1, _, q3 = statistics.quantiles(values, n=4)
    return f"±{(q3 - q1) / 2 / statistics.median(values) * 100:.0f}%"


def goals(times: dict[str, dict[str, list[float]]]) -> list[tuple[str, float, float]]:
    """Each goal, from one clock's times, as (name, measured ratio, limit): at most the limit."""
    med = {
        column: {name: statistics.median(v) for name, v in values.items()}
        for column, values in times.items()
    }
    out = []
    for column, label in (("fast", "with [fast]"), ("plain", "without [fast]")):
        m = med[column]
        attrs_cost = m["attrs"] - m["bare"]
        load = (m["load"] - m["bare"]) / attrs_cost
        info = (m["info"] - m["bare"]) / attrs_cost
        out.append((f"import + first `load()` vs `import attrs`, {label}", load, 1.5))
        out.append((f"`integrated-care-corpus info` vs `import attrs`, {label}", info, 2.0))
    fast_load = med["fast"]["load"] - med["fast"]["bare"]
    plain_load = med["plain"]["load"] - med["plain"]["bare"]
    out.append(("import + first `load()` with [fast] vs without", fast_load / plain_load, 1.0))
    return out


LABELS = {
    "bare": "bare interpreter (`python -c pass`)",
    "attrs": '`python -c "import attrs"`',
    "load": f'`python -c "{LOAD}"`',
    "info": "`integrated-care-corpus info`",
}


def _table(times: dict[str, dict[str, list[float]]]) -> list[str]:
    lines = [
        (
            "| Command | with `[fast]` | over bare | vs attrs | without `[fast]` | over bare "
            "| vs attrs |"
        ),
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for name, label in LABELS.items():
        cells = []
        for column in ("fast", "plain"):
            values = times[column][name]
            wall = statistics.median(values)
            bare = statistics.median(times[column]["bare"])
            attrs_cost = statistics.median(times[column]["attrs"]) - bare
            cells.append(f"{_ms(wall)} {_spread(values)}")
            if name == "bare":
                cells += ["", ""]
            else:
                cells += [_ms(wall - bare), f"{(wall - bare) / attrs_cost:.2f}×"]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def report(results: dict[str, Any]) -> str:
    """Return the Markdown tables of one run."""
    times = results["times"]
    lines = [
        f"Measured {results['date']} on {results['machine']}, Python {results['python']};",
        f"medians of {results['repeats']} interleaved runs of each command",
        f"(`{results['command']}`); ± is half the interquartile range as a share of",
        "the median: how noisy the run was. CPU time (user + system, from the",
        "operating system's account of each child) is what the goals are judged on,",
        "since on a shared machine the wall time also counts the waits for a core.",
        "",
        "**Cold start, CPU time** (a whole interpreter; the time over a bare one)",
        "",
        *_table(times["cpu"]),
        "",
        "**Cold start, wall time**",
        "",
        *_table(times["wall"]),
        "",
        "**Goals** (ratios of the times over a bare interpreter)",
        "",
        "| Goal | CPU time | Wall time | Limit | |",
        "|---|--:|--:|--:|---|",
    ]
    for (name, cpu, limit), (_, wall, _) in zip(
        goals(times["cpu"]), goals(times["wall"]), strict=True
    ):
        verdict = "✓" if cpu <= limit else "✗"
        lines.append(f"| {name} | {cpu:.2f}× | {wall:.2f}× | ≤ {limit:g}× | {verdict} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    """Run the measurements and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=41)
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args()
    command = "python benchmarks/bench_start.py"
    if args.repeats != 41:
        command += f" --repeats {args.repeats}"
    started = time.perf_counter()
    compile_package()
    results: dict[str, Any] = {
        "command": command,
        "date": dt.date.today().isoformat(),  # noqa: DTZ011 - a local date is meant
        "machine": f"{os.cpu_count()} cores, {platform.machine()}",
        "python": platform.python_version(),
        "repeats": args.repeats,
        "times": measure(args.repeats),
    }
    table = report(results)
    print(table)
    print(f"({time.perf_counter() - started:.0f} s)")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "start.md").write_text(table, "utf-8")
    (args.out / "start.json").write_text(json.dumps(results, indent=1), "utf-8")


if __name__ == "__main__":
    main()
