"""Surveys in the admin: shown to complaints managers, never edited there (they are sent and
answered through the services, each step audited). The token's hash is not shown."""

from django.contrib import admin

from redress.core.admin import CaseRecordAdmin

from .models import OptOut, Survey


@admin.register(Survey)
class SurveyAdmin(CaseRecordAdmin):
    list_display = ("complaint", "stage_number", "channel", "sent_on", "sends", "answered_at")
    list_select_related = ("complaint",)
    search_fields = ("complaint__reference",)
    exclude = ("token_hash",)


@admin.register(OptOut)
class OptOutAdmin(CaseRecordAdmin):
    list_display = ("person", "created_at", "recorded_by")
    list_select_related = ("person", "recorded_by")
