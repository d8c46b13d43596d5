"""The subject access export holds the documents on the person's complaints."""

import io
import json
import zipfile

import pytest

from redress.complaints.tests.factories import ComplaintFactory
from redress.documents import samples
from redress.documents.services import document_remove, document_upload
from redress.people.sar.services import subject_access_export

pytestmark = pytest.mark.django_db


def _upload(complaint, name, data, by):
    return document_upload(
        complaint=complaint, file=io.BytesIO(data), name=name, kind="complaint_letter", by=by
    )


def test_the_export_holds_the_files_of_their_complaints_and_lists_removed_ones(officer):
    theirs = ComplaintFactory(reference="KCT-2021-00001")
    someone_elses = ComplaintFactory(reference="KCT-2021-00002")
    letter = samples.pdf(["Dear team"])
    kept = _upload(theirs, "Letter.pdf", letter, officer)
    removed = _upload(theirs, "Wrong.txt", b"Uploaded by mistake\n", officer)
    document_remove(document=removed, reason="Wrong complaint", by=officer)
    _upload(someone_elses, "Other.pdf", letter, officer)

    export = subject_access_export(person=theirs.complainant, by=officer, via="test")
    archive = zipfile.ZipFile(io.BytesIO(export.content))
    path = f"documents/KCT-2021-00001/{kept.pk}-Letter.pdf"
    assert archive.read(path) == letter
    assert [n for n in archive.namelist() if n.startswith("documents/")] == [path]
    listed = json.loads(archive.read("data/documents.json"))
    assert [(d["name"], d["file"], d["removed_reason"]) for d in listed] == [
        ("Letter.pdf", path, ""),
        ("Wrong.txt", "", "Wrong complaint"),
    ]
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["documents"] == [
        {"file": path, "complaint": "KCT-2021-00001", "name": "Letter.pdf", "sha256": kept.sha256}
    ]
    assert path in manifest["files"]
    assert "documents/, a folder for each complaint" in manifest["documents_note"]
    actions = {e["action"] for e in json.loads(archive.read("data/audit_events.json"))}
    assert {"document.upload", "document.remove"} <= actions
