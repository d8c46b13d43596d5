"""A person's subject access page and its download (the ZIP), for the complaints team."""

from __future__ import annotations

from typing import cast

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from redress.accounts.models import User

from .access import may_export_subject_access
from .models import Person
from .sar import complaints_of, roles_in, subject_access_export

NOT_FOUND = "There is no person with that address."


def _person_or_404(request: HttpRequest, pk: int) -> Person:
    if not may_export_subject_access(request.user):
        raise Http404(NOT_FOUND)
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise Http404(NOT_FOUND)
    return person


def subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request, pk)
    linked = [
        {"complaint": complaint, "roles": roles_in(person, complaint)}
        for complaint in complaints_of(person)
    ]
    return render(request, "people/subject_access.html", {"person": person, "linked": linked})


def subject_access_download(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request, pk)
    export = subject_access_export(
        person=person, by=cast(User, request.user), via="downloaded from the staff pages"
    )
    response = HttpResponse(export.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.file_name}"'
    # Sent by NoStoreMiddleware on every response too; said here as this one matters most.
    response["Cache-Control"] = "no-store"
    return response
