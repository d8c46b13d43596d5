"""Fast inserts for the import.

`bulk_create` spends most of its time compiling SQL value by value (about ten microseconds a
value: well over a minute for a hundred thousand complaints with their stages, aspects and
audit events). An import's values are already clean Python values of the right types, so each
column is converted by a function chosen once for its field type, and a column that has the
same value on every row (a default, the time of the import, the run) is converted once:

- on SQLite, rows go in multi-row `INSERT ... VALUES (...), (...) RETURNING id` statements;
- on PostgreSQL, where psycopg would spend as long splitting such a statement's thousands of
  placeholders, ids come from the table's sequence and the rows are streamed with COPY, in its
  text format.

Fields a row does not give get their model defaults, as `Model()` would give them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone

# Parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535.
MAX_PARAMS = 30_000
MAX_ROWS = 1_000
COPY_CHUNK = 200

Convert = Callable[[Any], Any]


def _json(field: models.Field) -> Convert:
    # DjangoJSONEncoder writes dates as YYYY-MM-DD and amounts as text, as the audit trail does.
    encoder_class = getattr(field, "encoder", None) or DjangoJSONEncoder
    return encoder_class(separators=(",", ":")).encode


def _sqlite_converter(field: models.Field) -> Convert | None:
    """How a value becomes a SQLite parameter (None: as it is)."""
    ops = connection.ops
    if isinstance(field, models.JSONField):
        return _json(field)
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        digits, places = field.max_digits, field.decimal_places
        return lambda v: ops.adapt_decimalfield_value(v, digits, places)
    return None


# COPY's text format: tab-separated, \N for NULL, backslash escapes in text.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(field: models.Field) -> Convert:
    """How a value becomes a field of a COPY text line."""
    if isinstance(field, models.JSONField):
        dumps = _json(field)
        return lambda v: "\\N" if v is None else dumps(v).translate(_ESCAPES)
    if isinstance(field, models.BooleanField):
        return lambda v: "\\N" if v is None else ("t" if v else "f")
    if isinstance(field, (models.DateField, models.DateTimeField)):
        return lambda v: "\\N" if v is None else v.isoformat()
    if isinstance(field, (models.CharField, models.TextField)):
        return lambda v: "\\N" if v is None else v.translate(_ESCAPES)
    return lambda v: "\\N" if v is None else str(v)


def _default(field: models.Field, now: datetime.datetime) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default() and field.default is timezone.now:
        return now
    return field.get_default()


class Inserter:
    """Inserts rows into one model's table. Each row is a dict holding `columns` (attnames);
    every other field is the same on all rows: a constant given to `insert`, or its default.
    `insert` returns the new ids in order."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        meta = model._meta
        fields = {f.attname: f for f in meta.concrete_fields if not f.primary_key}
        self.columns = list(columns)
        self.varying = [fields[name] for name in self.columns]
        self.fixed = [f for name, f in fields.items() if name not in self.columns]
        self.postgres = connection.vendor == "postgresql"
        self.table = str(meta.db_table)
        self.pk = str(meta.pk.column)
        quote = connection.ops.quote_name
        # Varying columns first, then the fixed ones: each row is its values plus one suffix.
        names = ", ".join(quote(str(f.column)) for f in [*self.varying, *self.fixed])
        if self.postgres:
            self.encoders = [_copy_text(f) for f in self.varying]
            self.copy_sql = f"COPY {quote(self.table)} ({quote(self.pk)}, {names}) FROM STDIN"
        else:
            self.converters = [
                (i, c) for i, f in enumerate(self.varying) if (c := _sqlite_converter(f))
            ]
            width = len(self.varying) + len(self.fixed)
            self.prefix = f"INSERT INTO {quote(self.table)} ({names}) VALUES "
            # sqlite3's own placeholders: the statement goes to the driver's cursor directly,
            # as Django's would spend a second per hundred thousand rows rewriting %s to ?.
            self.placeholders = "(" + ", ".join(["?"] * width) + ")"
            self.returning = f" RETURNING {quote(self.pk)}"
            self.batch = max(1, min(MAX_ROWS, MAX_PARAMS // width))

    def _fixed_values(self, constants: dict[str, Any]) -> list[Any]:
        now = timezone.now()
        return [
            constants[f.attname] if f.attname in constants else _default(f, now) for f in self.fixed
        ]

    def insert(
        self, rows: Sequence[dict[str, Any]], constants: dict[str, Any] | None = None
    ) -> list[int]:
        if not rows:
            return []
        fixed = self._fixed_values(constants or {})
        return self._copy(rows, fixed) if self.postgres else self._insert(rows, fixed)

    def _insert(self, rows: Sequence[dict[str, Any]], fixed: list[Any]) -> list[int]:
        suffix = [
            value if value is None or (convert := _sqlite_converter(f)) is None else convert(value)
            for f, value in zip(self.fixed, fixed, strict=True)
        ]
        ids: list[int] = []
        columns, converters = self.columns, self.converters
        for start in range(0, len(rows), self.batch):
            batch = rows[start : start + self.batch]
            params: list[Any] = []
            for row in batch:
                values = [row[name] for name in columns]
                for index, convert in converters:
                    if values[index] is not None:
                        values[index] = convert(values[index])
                params.extend(values)
                params.extend(suffix)
            sql = self.prefix + ", ".join([self.placeholders] * len(batch)) + self.returning
            with connection.cursor() as cursor:
                driver = cursor.cursor
                driver.execute(sql, params)
                ids.extend(r[0] for r in driver.fetchall())
        return ids

    def _copy(self, rows: Sequence[dict[str, Any]], fixed: list[Any]) -> list[int]:
        suffix = "".join(
            "\t" + _copy_text(f)(value) for f, value in zip(self.fixed, fixed, strict=True)
        )
        pairs = list(zip(self.columns, self.encoders, strict=True))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(self.table), self.pk, len(rows)],
            )
            ids = [r[0] for r in cursor.fetchall()]
            # Rows go to the server in small chunks as they are encoded, so PostgreSQL works
            # through them (on the other core) while the rest are still being encoded.
            with cursor.cursor.copy(self.copy_sql) as copy:
                lines: list[str] = []
                for pk, row in zip(ids, rows, strict=True):
                    cells = "\t".join([encode(row[name]) for name, encode in pairs])
                    lines.append(f"{pk}\t{cells}{suffix}\n")
                    if len(lines) == COPY_CHUNK:
                        copy.write("".join(lines))
                        lines = []
                if lines:
                    copy.write("".join(lines))
        return ids
