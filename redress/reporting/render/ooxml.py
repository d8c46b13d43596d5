"""What the Word and spreadsheet renderers share: both formats are zip packages (Office Open
XML), and both libraries stamp every zip entry with the time of writing. Re-packing with one
fixed time makes the same report give the same bytes, so outputs can be compared and cached."""

from __future__ import annotations

import datetime
import io
import zipfile


def fixed_time(day: datetime.date) -> datetime.datetime:
    """Midnight UTC at the start of `day`: the time stamped on a report's package and in its
    document properties (the data's as-of date, never the time it was drawn up)."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


def repack(package: bytes, when: datetime.datetime) -> bytes:
    """The same zip package with every entry dated `when`, in the same order."""
    # The zip format cannot store dates before 1980.
    stamp = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(entry))
    return out.getvalue()
