"""Letters and their templates in the admin: shown to complaints managers, never edited there.
Templates are edited on the letter templates pages (checked in the sandbox and versioned);
letters are produced, sent and posted from a complaint's Letters tab, where each is audited."""

from django.contrib import admin

from redress.core.admin import CaseRecordAdmin, ReadOnlyModelAdmin

from .models import Letter, LetterTemplate, LetterTemplateVersion


@admin.register(LetterTemplate)
class LetterTemplateAdmin(ReadOnlyModelAdmin):
    list_display = ("name", "kind", "stage", "audience", "version", "updated_at")


@admin.register(LetterTemplateVersion)
class LetterTemplateVersionAdmin(ReadOnlyModelAdmin):
    list_display = ("template", "version", "saved_at", "saved_by")
    list_select_related = ("template", "saved_by")


@admin.register(Letter)
class LetterAdmin(CaseRecordAdmin):
    list_display = ("complaint", "subject", "recipient_role", "produced_at", "posted_on")
    list_select_related = ("complaint",)
    search_fields = ("complaint__reference",)
    date_hierarchy = "produced_at"
