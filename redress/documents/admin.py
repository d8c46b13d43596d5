"""Documents in the admin: shown to complaints managers, never edited there (they are uploaded,
downloaded and removed on the complaint's pages, where each is audited)."""

from django.contrib import admin

from redress.core.admin import CaseRecordAdmin

from .models import Document


@admin.register(Document)
class DocumentAdmin(CaseRecordAdmin):
    list_display = ("complaint", "kind", "size", "uploaded_at", "uploaded_by", "removed_at")
    list_select_related = ("complaint", "uploaded_by")
    search_fields = ("complaint__reference",)
    date_hierarchy = "uploaded_at"
