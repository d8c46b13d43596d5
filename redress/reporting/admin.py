from django.contrib import admin

from redress.core.admin import AuditedModelAdmin, LabelledTabularInline, ReadOnlyModelAdmin

from .models import ContextFigure, PublishableExcerpt, ReportEdition, SectionNarrative


@admin.register(ContextFigure)
class ContextFigureAdmin(AuditedModelAdmin):
    list_display = ("period", "measure", "service_area", "value")
    list_filter = ("period", "measure")
    search_fields = ("period", "service_area__name")
    autocomplete_fields = ("service_area",)
    list_select_related = ("service_area",)


class SectionNarrativeInline(LabelledTabularInline):
    model = SectionNarrative
    fields = ("section", "text", "updated_by", "updated_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


# Editions are written on the reports pages, through the services that check and audit each
# change (a published edition never changes); the admin only shows them.
@admin.register(ReportEdition)
class ReportEditionAdmin(ReadOnlyModelAdmin):
    list_display = ("title", "period_label", "service_area_name", "status", "as_of", "created_at")
    list_filter = ("status", "period_label")
    search_fields = ("title", "service_area_name")
    inlines = [SectionNarrativeInline]


@admin.register(SectionNarrative)
class SectionNarrativeAdmin(ReadOnlyModelAdmin):
    list_display = ("edition", "section", "updated_by", "updated_at")
    list_filter = ("section",)
    search_fields = ("edition__title", "text")
    list_select_related = ("edition", "updated_by")


# Excerpts are written, approved and withdrawn on the reports pages (a complaints manager's,
# through the services that audit each step); the admin only shows them.
@admin.register(PublishableExcerpt)
class PublishableExcerptAdmin(ReadOnlyModelAdmin):
    list_display = ("source", "field", "written_by", "approved_by", "approved_at", "withdrawn_at")
    list_filter = ("source",)
    search_fields = ("text",)
    list_select_related = ("written_by", "approved_by")
