"""Column widths for the printed tables (Word and PDF), sized to what the columns hold.

Word's own autofit needs Word to run, and left to python-docx every column gets the same width,
so a narrow numeric column breaks a word like "Inconclusive" while a column of names wraps. The
PDF lays its tables out with fixed widths (measuring every cell of 60 pages of tables would slow
it), where a reference column given a third of the page squeezed "You said" and "We did" to
three words a line. We measure the text with Arial's advance widths (Liberation Sans has the
same metrics), give each numeric column just the room its header and numbers need, and the
text columns the rest; no column is narrower than its longest word unless the page cannot hold
every column's.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from redress.core import presenters
from redress.reporting.document.model import Cell, TableBlock

# Advance widths of Arial (regular and bold) for ' ' to '~', in thousandths of the font size.
_REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
    722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
    556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
    500, 334, 260, 334, 584,
)  # fmt: skip
_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722,
    722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
    611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556,
    500, 389, 280, 389, 584,
)  # fmt: skip
_OTHER = 611  # outside ASCII (an en dash, curly quotes, accented letters): a letter's width
# Word and LibreOffice round and kern a little differently: a word is never measured tight.
_SLACK = 1.06
TWIPS_PER_POINT = 20
# A numeric column never takes more than this unless a word in it needs more (5 cm).
NUMERIC_CAP = 2835


@dataclass(frozen=True)
class ColumnText:
    """What one column holds: its texts, each with whether it is set in bold."""

    texts: Sequence[tuple[str, bool]]
    numeric: bool


def text_width(text: str, *, bold: bool, size: float) -> int:
    """The width of `text` set on one line in Arial at `size` points, in twips."""
    table = _BOLD if bold else _REGULAR
    units = sum(table[code - 32] if 32 <= code < 127 else _OTHER for code in map(ord, text))
    return round(units * size / 1000 * TWIPS_PER_POINT * _SLACK)


def _longest_line(column: ColumnText, size: float) -> int:
    return max((text_width(t, bold=b, size=size) for t, b in column.texts), default=0)


def _longest_word(column: ColumnText, size: float) -> int:
    return max(
        (text_width(w, bold=b, size=size) for t, b in column.texts for w in t.split()),
        default=0,
    )


def column_widths(
    columns: Sequence[ColumnText], *, available: int, padding: int, size: float
) -> list[int]:
    """Widths in twips, adding up to `available`: numeric columns as wide as their header and
    numbers on one line (at most NUMERIC_CAP, at least their longest word), the text columns
    sharing the rest in proportion to their longest lines, none below its longest word."""
    if not columns:
        return []
    shortest = [_longest_word(c, size) + padding for c in columns]
    natural = [
        max(_longest_line(c, size) + padding, low) for c, low in zip(columns, shortest, strict=True)
    ]
    wanted = [
        max(min(line, NUMERIC_CAP), low) if c.numeric else line
        for c, line, low in zip(columns, natural, shortest, strict=True)
    ]
    numeric = [i for i, c in enumerate(columns) if c.numeric]
    text = [i for i, c in enumerate(columns) if not c.numeric] or numeric
    widths = list(wanted)
    fixed = sum(widths[i] for i in numeric if i not in text)
    if fixed + sum(shortest[i] for i in text) > available:
        # Too many columns for their headers on one line: the numeric columns wrap their
        # headers between words.
        for i in numeric:
            widths[i] = shortest[i]
        fixed = sum(widths[i] for i in numeric if i not in text)
    room = available - fixed
    if room >= sum(shortest[i] for i in text):
        _share(widths, text, room, wanted, _floors(text, room, wanted, shortest))
        _balance(widths, columns, text, shortest, padding=padding, size=size)
    else:
        # Not even every word fits: all columns narrow in proportion (words then break).
        total = sum(shortest)
        widths = [available * w // total for w in shortest]
    widths[-1] += available - sum(widths)  # whole twips add up exactly
    return widths


def _floors(indices: list[int], room: int, wanted: list[int], shortest: list[int]) -> list[int]:
    """The least each text column gets: its longest word, and where several share the room,
    up to a half-share of it (what it wants, if less), so a column of short names beside one
    of long sentences (the annex's tables beside what was withheld from them) is not squeezed
    to a word a line."""
    floors = list(shortest)
    if len(indices) > 1:
        part = room // (2 * len(indices))
        for i in indices:
            floors[i] = max(shortest[i], min(wanted[i], part))
        if sum(floors[i] for i in indices) > room:
            return list(shortest)
    return floors


def _share(
    widths: list[int], indices: list[int], room: int, wanted: list[int], shortest: list[int]
) -> None:
    """Shares `room` among the columns `indices` in proportion to what they want, giving each
    at least its floor (its longest word, or more)."""
    remaining = list(indices)
    while remaining:
        weight = sum(wanted[i] for i in remaining) or len(remaining)
        starved = [i for i in remaining if room * (wanted[i] or 1) // weight < shortest[i]]
        if not starved:
            for i in remaining:
                widths[i] = room * (wanted[i] or 1) // weight
            return
        for i in starved:
            widths[i] = shortest[i]
            room -= shortest[i]
            remaining.remove(i)


def cell_text(cell: Cell, threshold: int) -> str:
    """What a table cell prints: its text, or what a withheld count reads as (FIGURES.md,
    Publishing)."""
    return presenters.fewer_than(threshold) if cell.suppressed else cell.text


def column_texts(block: TableBlock, threshold: int) -> list[ColumnText]:
    """What each column of a table prints: its header and cells in bold, its rows and a
    subtotal's; a group's heading spans the table, so it does not widen its first column."""
    kinds = [block.kind_of_row(index) for index in range(len(block.rows))]
    body = [
        (row, kinds[i] == "subtotal") for i, row in enumerate(block.rows) if kinds[i] != "group"
    ]
    return [
        ColumnText(
            [
                (column.label, True),
                *((cell_text(row[i], threshold), bold) for row, bold in body),
                *([(cell_text(block.total[i], threshold), True)] if block.total else []),
            ],
            numeric=column.numeric,
        )
        for i, column in enumerate(block.columns)
    ]


# A table's rows that balancing looks at, at most (evenly spread over a longer table), and the
# room it moves at a time: a hundredth of the text columns' room.
BALANCE_ROWS = 60
BALANCE_STEPS = 100


def _balance(
    widths: list[int],
    columns: Sequence[ColumnText],
    text: list[int],
    shortest: list[int],
    *,
    padding: int,
    size: float,
) -> None:
    """Moves room between the text columns while that makes the table shorter. Shared by their
    longest lines, a column of short dates beside two of sentences wraps "Completed 26 November
    2021" over four lines while the sentences take two: each row is as tall as its tallest
    cell, so the room a date needs saves more than it costs. Each move gives some room (one to
    sixteen steps) to one column from another, never below its longest word, when the rows'
    lines, added up, go down; it stops when no move does. At most `BALANCE_ROWS` rows are
    counted, so a table of hundreds costs what one of sixty does."""
    if len(text) < 2:
        return
    rows = len(columns[text[0]].texts)
    picked = range(0, rows, max(1, -(-rows // BALANCE_ROWS)))
    space = text_width(" ", bold=False, size=size)
    words = {
        i: [
            [
                text_width(w, bold=columns[i].texts[r][1], size=size)
                for w in columns[i].texts[r][0].split()
            ]
            for r in picked
        ]
        for i in text
    }
    known: dict[tuple[int, int], list[int]] = {}

    def lines(i: int, width: int) -> list[int]:
        if (i, width) not in known:
            known[i, width] = [_lines(cell, width - padding, space) for cell in words[i]]
        return known[i, width]

    def height(trial: list[int]) -> int:
        return sum(map(max, zip(*(lines(i, trial[i]) for i in text), strict=True)))

    step = max(1, sum(widths[i] for i in text) // BALANCE_STEPS)
    best = height(widths)
    moved = True
    while moved:
        moved = False
        for to, source in itertools.permutations(text, 2):
            # A line is saved only once a column crosses a word: a move of one step often
            # changes nothing, so larger ones are tried too.
            for room in (step, 2 * step, 4 * step, 8 * step, 16 * step):
                if widths[source] - room < shortest[source]:
                    break
                widths[to] += room
                widths[source] -= room
                if (tried := height(widths)) < best:
                    best, moved = tried, True
                    break
                widths[to] -= room
                widths[source] += room


def _lines(word_widths: list[int], width: int, space: int) -> int:
    """How many lines words of these widths take, set one after another in `width`."""
    count, line = 1, 0
    for word in word_widths:
        if line and line + space + word > width:
            count, line = count + 1, word
        else:
            line = line + space + word if line else word
    return count
