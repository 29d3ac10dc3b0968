r"""Terminal output for the command line: aligned tables that fit, and colour.

Colour is used only when standard output is a terminal, ``NO_COLOR`` is not
set (https://no-color.org) and ``TERM`` is not ``dumb``. Without colour, a
highlighted stretch of text is marked with « and ».

Control characters (other than a line break or a tab) never reach the
terminal as they are: :func:`escape_controls` shows them as ``\x1b``, and the
command line writes through an :class:`EscapingStream`, so that no text in a
record can move the cursor, change colours or retitle the window. The
console's own colour codes are the only ones written.
"""

from __future__ import annotations

import datetime as _dt
import enum
import errno
import os
import re
import sys
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

__all__ = ["Console", "EscapingStream", "Highlighted", "cell_text", "escape_controls"]

_BOLD = "\x1b[1m"
_MARK = "\x1b[1;33m"
_DIM = "\x1b[2m"
_RESET = "\x1b[0m"
_OPEN, _CLOSE = "«", "»"
_MIN_WIDTH = 6
#: The narrowest an id column is cut to before the text columns give way.
_ID_WIDTH = 12
_GAP = "  "

# C0 controls but tab and line feed, DEL, C1 controls, and lone surrogates
# (which no terminal encoding can write).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CODES = re.compile("(" + "|".join(re.escape(c) for c in (_BOLD, _MARK, _DIM, _RESET)) + ")")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"  # noqa: PLR2004 - one byte


def escape_controls(text: str) -> str:
    r"""Return ``text`` with its control characters shown as escapes.

    Line breaks and tabs stay; every other C0 control, DEL, every C1 control
    and any lone surrogate is written as ``\xNN`` (``\uNNNN``).

    >>> escape_controls("red\x1b[31m, bell\x07\n")
    'red\\x1b[31m, bell\\x07\n'
    """
    return _CONTROL.sub(_escaped, text) if _CONTROL.search(text) else text


class EscapingStream:
    """A text stream that writes everything through :func:`escape_controls`.

    Attributes:
        raw: The stream written to.
    """

    def __init__(self, raw: TextIO | None, name: str = "standard output") -> None:
        """Wrap ``raw`` (standard output, say); ``None`` for a stream the process lacks."""
        self.raw = raw
        self.name = name

    def write(self, text: str) -> int:
        """Write ``text`` with its control characters escaped.

        Raises:
            OSError: The process was started with the stream closed (``>&-``).
        """
        if self.raw is None:
            raise OSError(errno.EBADF, f"{self.name} is closed")
        return self.raw.write(escape_controls(text))

    def flush(self) -> None:
        """Flush the raw stream, if there is one."""
        if self.raw is not None:
            self.raw.flush()

    def isatty(self) -> bool:
        """Say whether the raw stream is a terminal (a closed one is not)."""
        return self.raw is not None and self.raw.isatty()

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 - whatever the stream has
        """Everything else (``flush``, ``isatty``, ``fileno``, ...) is the raw stream's."""
        return getattr(self.raw, name)


class Highlighted:
    """A table cell with one highlighted stretch, ``text[start:end]``."""

    __slots__ = ("end", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        """Hold the text and the stretch to highlight."""
        self.text = text
        self.start = start
        self.end = end


def cell_text(value: object) -> str:
    """Return a value as one line of table text: no line breaks, runs of spaces folded."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, (tuple, list)):
        value = ", ".join(str(v.value if isinstance(v, enum.Enum) else v) for v in value)
    elif isinstance(value, _dt.date):
        value = value.isoformat()
    # Escaped before measuring, so that a table's widths are the widths shown.
    return " ".join(escape_controls(str(value)).split())


def _truncate(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def terminal_columns(fallback: int) -> int:
    """Return the width as ``shutil.get_terminal_size`` does, without importing shutil.

    ``COLUMNS`` if it is a positive integer, else the terminal of standard
    output, else ``fallback``.
    """
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or fallback


def _shorten(text: str, width: int) -> str:
    """Cut an id in the middle, so that its start and its end (``/q1``) both show."""
    if len(text) <= width:
        return text
    tail = (width - 1) // 2
    return text[: width - 1 - tail] + "…" + (text[-tail:] if tail else "")


def _is_id(column: str) -> bool:
    return column in {"id", "ids"} or column.endswith(("_id", "_ids"))


def _shrink(widths: list[int], floors: dict[int, int], excess: int) -> None:
    """Take ``excess`` from the columns in ``floors``, widest first, none below its floor."""
    while excess > 0 and floors:
        widest = max(floors, key=lambda i: widths[i] - floors[i])
        if widths[widest] <= floors[widest]:
            return
        widths[widest] -= 1
        excess -= 1


class Console:
    """Where the command line writes, and whether it may colour what it writes.

    Attributes:
        out: The stream written to.
        colour: Whether to write ANSI colour codes.
        width: The width tables fit: the terminal's; when writing to a pipe
            or file, ``COLUMNS`` if set, else no limit (nothing is cut).
    """

    def __init__(self, out: TextIO | EscapingStream | None = None) -> None:
        """Decide colour and width for ``out`` (standard output by default)."""
        stream = out or sys.stdout
        # The console escapes what it writes, and lets its own colour codes through.
        # A closed stream stays wrapped: writing to it is then an OSError that says so.
        raw = stream.raw if isinstance(stream, EscapingStream) else stream
        self.out: TextIO = raw if raw is not None else stream  # type: ignore[assignment]
        isatty = getattr(self.out, "isatty", None)
        terminal = bool(isatty is not None and isatty())
        self.colour = (
            terminal and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        )
        if terminal or os.environ.get("COLUMNS"):
            self.width = max(terminal_columns(100), 40)
        else:
            self.width = sys.maxsize  # a pipe or a file: keep every id whole

    def print(self, text: str = "") -> None:
        """Write one line (or several), control characters escaped but for colour codes."""
        if self.colour:
            parts = _CODES.split(text)
            text = "".join(p if i % 2 else escape_controls(p) for i, p in enumerate(parts))
        else:
            text = escape_controls(text)
        print(text, file=self.out)

    def bold(self, text: str) -> str:
        """Return ``text`` in bold, when colour is on."""
        return f"{_BOLD}{escape_controls(text)}{_RESET}" if self.colour else text

    def dim(self, text: str) -> str:
        """Return ``text`` dimmed, when colour is on."""
        return f"{_DIM}{escape_controls(text)}{_RESET}" if self.colour else text

    def mark(self, text: str, start: int, end: int) -> str:
        """Return ``text`` with ``text[start:end]`` highlighted (colour, or « »)."""
        if self.colour:
            before, inside, after = (
                escape_controls(t) for t in (text[:start], text[start:end], text[end:])
            )
            return f"{before}{_MARK}{inside}{_RESET}{after}"
        return f"{text[:start]}{_OPEN}{text[start:end]}{_CLOSE}{text[end:]}"

    def table(
        self,
        columns: Sequence[str],
        rows: Sequence[Mapping[str, object]],
        flexible: Sequence[str] = (),
    ) -> None:
        """Write ``rows`` as a table of ``columns`` that fits the terminal width.

        The ``flexible`` columns (free text) give up width first, widest first;
        the others (ids, dates, counts) only when that is not enough. A cut
        cell ends in "…"; a highlighted stretch stays in view.
        """
        cells: list[list[str | Highlighted]] = []
        for row in rows:
            line: list[str | Highlighted] = []
            for column in columns:
                value = row.get(column)
                if isinstance(value, Highlighted) and not self.colour:
                    # Without colour the markers are text, so they count for the width.
                    marked = self.mark(value.text, value.start, value.end)
                    value = Highlighted(marked, value.start, value.end + len(_OPEN + _CLOSE))
                line.append(value if isinstance(value, Highlighted) else cell_text(value))
            cells.append(line)
        widths = [
            max(
                [
                    len(column),
                    *(
                        len(c.text if isinstance(c, Highlighted) else c)
                        for c in (r[i] for r in cells)
                    ),
                ]
            )
            for i, column in enumerate(columns)
        ]
        self._fit_widths(columns, widths, flexible)
        last = len(columns) - 1
        header = _GAP.join(
            c.ljust(w) if i < last else c
            for i, (c, w) in enumerate(zip(columns, widths, strict=True))
        )
        self.print(self.bold(header.rstrip()))
        for line in cells:
            parts = []
            for i, (cell, width) in enumerate(zip(line, widths, strict=True)):
                shown = self._fit(cell, width, middle=_is_id(columns[i]))
                pad = " " * (width - _visible(shown, colour=self.colour)) if i < last else ""
                parts.append(shown + pad)
            self.print(_GAP.join(parts).rstrip())

    def _fit_widths(
        self, columns: Sequence[str], widths: list[int], flexible: Sequence[str]
    ) -> None:
        """Narrow ``widths`` in place so that the table fits, text keeping most of it.

        The main text column (the last flexible one) keeps half the width, or
        all it needs if less; the others give up width first: ids (shortened
        in the middle), then the other text columns, then the rest. Whatever
        they do not need goes back to the main text.
        """
        room = self.width - len(_GAP) * (len(columns) - 1)
        if sum(widths) <= room:
            return
        texts = [i for i, c in enumerate(columns) if c in flexible]
        main = texts[-1] if texts else None
        ids = [i for i, c in enumerate(columns) if _is_id(c) and i != main]
        others = [i for i in texts if i != main]
        rest = [i for i in range(len(columns)) if i not in ids and i not in texts]

        def others_over(budget: int) -> int:
            return sum(w for i, w in enumerate(widths) if i != main) - budget

        keep = min(widths[main], max(room // 2, _MIN_WIDTH)) if main is not None else 0
        floors = {i: min(widths[i], max(len(columns[i]), _ID_WIDTH)) for i in ids + others}
        _shrink(widths, floors, others_over(room - keep))
        # Not enough: the main text gives way down to a third, then everything to the least.
        keep = min(keep, max(room // 3, _MIN_WIDTH)) if main is not None else 0
        for group in (rest, ids + others):
            floors = {i: min(widths[i], max(len(columns[i]), _MIN_WIDTH)) for i in group}
            _shrink(widths, floors, others_over(room - keep))
        if main is not None:
            widths[main] = max(min(widths[main], room - sum(widths) + widths[main]), _MIN_WIDTH)

    def _fit(self, cell: str | Highlighted, width: int, *, middle: bool = False) -> str:
        if not isinstance(cell, Highlighted):
            return _shorten(cell, width) if middle else _truncate(cell, width)
        text, start, end = cell.text, cell.start, cell.end
        if len(text) > width and end > width - 1:
            # Cut from the left so that the highlighted stretch stays in view.
            cut = min(max(start - (width - (end - start)) // 2, 1), len(text) - width + 1)
            text, start, end = "…" + text[cut:], start - cut + 1, end - cut + 1
            start = max(start, 1)
        shown = _truncate(text, width)
        if not self.colour:
            return shown
        end = min(end, len(shown))
        return self.mark(shown, start, end) if start < end else shown


def _visible(text: str, *, colour: bool) -> int:
    """Return the width of ``text`` on screen, without colour codes."""
    if not colour:
        return len(text)
    for code in (_BOLD, _MARK, _DIM, _RESET):
        text = text.replace(code, "")
    return len(text)
