"""Retention in the admin: complaints managers set each record type's period here (audited);
legal holds and anonymisations are shown, never edited (holds are placed and lifted on the
complaint's page, anonymisation is `redress retention`)."""

from django.contrib import admin

from redress.core.admin import AuditedModelAdmin, CaseRecordAdmin, ReadOnlyModelAdmin

from .models import COUNTED_FROM, Anonymisation, LegalHold, RecordType, RetentionPeriod


@admin.register(RetentionPeriod)
class RetentionPeriodAdmin(AuditedModelAdmin):
    list_display = ("record_type", "years", "counted_from", "updated_at")

    @admin.display(description="Counted from when")
    def counted_from(self, obj: RetentionPeriod) -> str:
        return COUNTED_FROM[RecordType(obj.record_type)]


@admin.register(LegalHold)
class LegalHoldAdmin(CaseRecordAdmin):
    list_display = ("complaint", "placed_at", "placed_by", "lifted_at", "lifted_by")
    list_select_related = ("complaint", "placed_by", "lifted_by")
    search_fields = ("complaint__reference",)
    date_hierarchy = "placed_at"


@admin.register(Anonymisation)
class AnonymisationAdmin(ReadOnlyModelAdmin):
    list_display = ("record_type", "object_id", "anonymised_at", "policy")
    list_filter = ("record_type",)
    date_hierarchy = "anonymised_at"
