from django.contrib import admin

from redress.core.admin import ReadOnlyModelAdmin

from .models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyModelAdmin):
    """A record of what an import did; imports are run with `redress import`, not here."""

    list_display = ("file_name", "started_at", "finished_at", "status", "by", "problems")
    list_filter = ("status",)
    search_fields = ("file_name", "checksum")
    date_hierarchy = "started_at"
    list_select_related = ("by",)
