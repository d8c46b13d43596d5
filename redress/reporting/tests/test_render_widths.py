"""Printed tables' column widths (render/widths.py, Word and the PDF): text columns share the
room, then room moves between them while that makes the table shorter."""

from __future__ import annotations

from redress.reporting.render import widths
from redress.reporting.render.widths import ColumnText, column_widths, text_width

PAGE = 9865  # twips: A4 less 18 mm margins
PADDING = 160
SIZE = 9

SAID = "You were not told the outcome of the referral you made."
DID = "Referral officers now contact the person who referred to share the outcome."
DONE = "Completed 26 November 2021"


def column(header: str, text: str, rows: int = 30) -> ColumnText:
    return ColumnText([(header, True), *[(text, False)] * rows], numeric=False)


def lines(text: str, width: int) -> int:
    space = text_width(" ", bold=False, size=SIZE)
    sizes = [text_width(w, bold=False, size=SIZE) for w in text.split()]
    return widths._lines(sizes, width - PADDING, space)


LONG = (
    "Revised the case transfer protocol so that families are told the new worker's name, a "
    "handover visit is offered, and the team manager checks within five working days that it "
    "happened, with every exception reported to the service manager each month."
)


def test_a_column_of_dates_beside_sentences_is_not_squeezed_to_a_word_a_line(monkeypatch):
    """Appendix D's "you said, we did": shared by their longest lines, one long "We did" takes
    the room, "Done" wraps its date over more lines than the sentences beside it need, and
    every row is taller than it has to be."""
    rows = [("KCT-2021-001234", SAID, DID if n else LONG, "Stage 1", DONE) for n in range(30)]
    headers = ("Complaint", "You said", "We did", "Prompted by", "Done")
    columns = [
        ColumnText([(header, True), *[(row[i], False) for row in rows]], numeric=False)
        for i, header in enumerate(headers)
    ]

    def height(sized: list[int]) -> int:
        return sum(max(lines(t, w) for t, w in zip(row, sized, strict=True)) for row in rows)

    balanced = column_widths(columns, available=PAGE, padding=PADDING, size=SIZE)
    monkeypatch.setattr(widths, "_balance", lambda *args, **kwargs: None)
    shared = column_widths(columns, available=PAGE, padding=PADDING, size=SIZE)
    assert sum(balanced) == sum(shared) == PAGE
    typical = rows[1]
    assert max(lines(t, w) for t, w in zip(typical, shared, strict=True)) == 5
    assert max(lines(t, w) for t, w in zip(typical, balanced, strict=True)) == 3
    assert height(balanced) < height(shared) * 2 / 3


def test_no_column_is_narrower_than_its_longest_word():
    columns = [
        column("Complaint", "KCT-2021-001234"),
        column("You said", SAID),
        column("Done", DONE),
    ]
    sized = column_widths(columns, available=PAGE, padding=PADDING, size=SIZE)
    for col, width in zip(columns, sized, strict=True):
        longest = max(text_width(w, bold=b, size=SIZE) for t, b in col.texts for w in t.split())
        assert width >= longest + PADDING


def test_lines_wrap_between_words():
    space = text_width(" ", bold=False, size=SIZE)
    assert widths._lines([100, 100, 100], 100, space) == 3
    assert widths._lines([100, 100, 100], 200 + space, space) == 2
    assert widths._lines([], 100, space) == 1
    assert widths._lines([500], 100, space) == 1  # a word longer than the line is one line
