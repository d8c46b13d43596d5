"""A subject access export as a ZIP: a summary page to read, each record type as CSV and JSON
for machines, `redactions.csv` of other people's names, and `manifest.json` saying what is in
it. Formats only: the material and the names come from `material` and `redactions`.

Every CSV cell goes through `redress.core.spreadsheets.csv_text`, so text typed into a record
can never run as a formula on the computer that opens the file.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import zipfile
from decimal import Decimal
from typing import Any

from django.utils import timezone

from redress.core.audit import json_value
from redress.core.spreadsheets import csv_text
from redress.documents.services import storage as document_storage

from .documents import zip_path
from .material import Material
from .redactions import Flag
from .tables import Table, Value

FORMAT = "redress.subject-access/1"
DATA = "data"
# The documents on the person's complaints go in under documents/, one folder per complaint,
# listed in data/documents and the manifest.
DOCUMENTS_NOTE = (
    "The documents held on these complaints (letters, reports, emails and other files) are in "
    "documents/, a folder for each complaint, and listed in data/documents with who uploaded "
    "each. A document that was removed is listed, but its file is no longer held. Read the "
    "documents before release too: redactions.csv does not look inside them."
)
NO_DOCUMENTS_NOTE = (
    "Redress holds no documents (letters, reports or other files) on these complaints."
)
REDACTION_HEADINGS = [
    "Name",
    "Their record key",
    "Who they are",
    "Found",
    "Record type",
    "Record",
    "Field",
]


def _plain(value: Value) -> Any:
    """A value for JSON: dates as ISO text (times in the local zone), money as text."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return json_value(value)


def _cell(value: Value) -> str:
    """A value for a CSV cell or the summary page."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
    return str(value)


def _csv(headings: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_text(h) for h in headings])
    for row in rows:
        writer.writerow([csv_text(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode()  # the mark: Excel reads the file as UTF-8


def table_csv(table: Table) -> bytes:
    return _csv(
        [heading for _, heading in table.columns],
        [[_cell(row[key]) for key, _ in table.columns] for row in table.rows],
    )


def table_json(table: Table) -> bytes:
    rows = [{key: _plain(row[key]) for key, _ in table.columns} for row in table.rows]
    return json.dumps(rows, ensure_ascii=False, indent=2).encode()


def redactions_csv(flags: list[Flag]) -> bytes:
    return _csv(
        REDACTION_HEADINGS,
        [
            [f.name, f.person_key, f.relation, f.found, f.record_type, f.record, f.field]
            for f in flags
        ],
    )


def _summary_table(table: Table) -> str:
    e = html.escape
    parts = [f'<h2 id="{e(table.name)}">{e(table.title)} ({len(table.rows)})</h2>']
    if not table.rows:
        parts.append("<p>None held.</p>")
    for row in table.rows:
        parts.append(f"<h3>{e(str(row['record']))}</h3>\n<dl>")
        for key, heading in table.columns[1:]:
            text = _cell(row[key])
            if text:
                parts.append(f"<dt>{e(heading)}</dt><dd>{e(text)}</dd>")
        parts.append("</dl>")
    return "\n".join(parts)


def summary_html(
    material: Material, manifest: dict[str, Any], flags: list[Flag], *, made: str
) -> bytes:
    e = html.escape
    person = material.person
    contents = "\n".join(
        f'<li><a href="#{e(t.name)}">{e(t.title)}</a>: {len(t.rows)}</li>' for t in material.tables
    )
    body = "\n".join(_summary_table(t) for t in material.tables)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Subject access export: {e(person.key)}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}}
dt{{font-weight:bold}}dd{{margin:0 0 .5em 1.5em;white-space:pre-wrap}}</style>
</head>
<body>
<h1>Everything Redress holds about {e(person.name or person.key)} ({e(person.key)})</h1>
<p>Made {e(made)} by {e(manifest["generated_by"])} for {e(manifest["authority"])}.</p>
<p><strong>Before release:</strong> {len(flags)} places name other people
(<code>redactions.csv</code> lists each); redact them as the law requires. Staff names are
not listed there.</p>
<p>{e(manifest["documents_note"])}</p>
<p>Each record type is also in <code>{DATA}/</code> as CSV and JSON.</p>
<ul>
{contents}
</ul>
{body}
</body>
</html>
"""
    return page.encode()


def package(
    material: Material,
    flags: list[Flag],
    *,
    generated_at: datetime.datetime,
    generated_by: str,
    authority: str,
) -> bytes:
    """The ZIP's bytes."""
    files = [f"{DATA}/{t.name}.{ext}" for t in material.tables for ext in ("csv", "json")]
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "person": material.person.key,
        "authority": authority,
        "generated_at": timezone.localtime(generated_at).isoformat(timespec="seconds"),
        "generated_by": generated_by,
        "records": {t.name: len(t.rows) for t in material.tables},
        "files": [
            "summary.html",
            "redactions.csv",
            *files,
            *(zip_path(d) for d in material.documents if not d.is_removed),
        ],
        "redactions": len(flags),
        "documents": [
            {
                "file": zip_path(d),
                "complaint": d.complaint.reference,
                "name": d.name,
                "sha256": d.sha256,
            }
            for d in material.documents
            if not d.is_removed
        ],
        "documents_note": DOCUMENTS_NOTE if material.documents else NO_DOCUMENTS_NOTE,
        "staff_names": "Staff names are included and not listed in redactions.csv.",
    }
    out = io.BytesIO()
    stamp = timezone.localtime(generated_at).timetuple()[:6]

    def put(name: str, content: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, content)

    with zipfile.ZipFile(out, "w") as archive:
        put("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode())
        made = f"{timezone.localtime(generated_at):%-d %B %Y at %H:%M}"
        put("summary.html", summary_html(material, manifest, flags, made=made))
        put("redactions.csv", redactions_csv(flags))
        for table in material.tables:
            put(f"{DATA}/{table.name}.csv", table_csv(table))
            put(f"{DATA}/{table.name}.json", table_json(table))
        for document in material.documents:
            if not document.is_removed:
                with document_storage().open(document.stored_name, "rb") as stored:
                    put(zip_path(document), stored.read())
    return out.getvalue()
