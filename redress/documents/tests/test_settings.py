"""Where documents are stored, from the environment (README, "Documents")."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from redress import settings


def test_by_default_a_private_folder_under_var(monkeypatch):
    monkeypatch.delenv("REDRESS_DOCUMENTS_STORAGE", raising=False)
    monkeypatch.delenv("REDRESS_DOCUMENTS_DIR", raising=False)
    storage = settings._documents_storage()
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    options = storage["OPTIONS"]
    assert options["location"] == settings.VAR_DIR / "documents"
    assert (options["file_permissions_mode"], options["directory_permissions_mode"]) == (
        0o600,
        0o700,
    )


def test_s3_through_django_storages(monkeypatch):
    monkeypatch.setenv("REDRESS_DOCUMENTS_STORAGE", "s3")
    monkeypatch.setenv("REDRESS_DOCUMENTS_S3_BUCKET", "kingsmoor-documents")
    monkeypatch.setenv("REDRESS_DOCUMENTS_S3_ENDPOINT_URL", "https://objects.example.net")
    storage = settings._documents_storage()
    backend = import_string(storage["BACKEND"])(**storage["OPTIONS"])
    assert (backend.bucket_name, backend.endpoint_url, backend.location) == (
        "kingsmoor-documents",
        "https://objects.example.net",
        "documents",
    )
    assert (backend.default_acl, backend.file_overwrite) == ("private", False)


def test_s3_without_a_bucket_or_another_kind_is_refused_saying_what_to_set(monkeypatch):
    monkeypatch.setenv("REDRESS_DOCUMENTS_STORAGE", "s3")
    monkeypatch.delenv("REDRESS_DOCUMENTS_S3_BUCKET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="needs REDRESS_DOCUMENTS_S3_BUCKET"):
        settings._documents_storage()
    monkeypatch.setenv("REDRESS_DOCUMENTS_STORAGE", "dropbox")
    with pytest.raises(ImproperlyConfigured, match="give filesystem"):
        settings._documents_storage()
