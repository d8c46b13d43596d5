from django.contrib import admin

from redress.complaints.models import Payment
from redress.core.admin import CaseRecordAdmin, CaseRecordStackedInline, CaseRecordTabularInline

from .models import Enquiry, Remedy


class RemedyInline(CaseRecordStackedInline):
    model = Remedy


class EnquiryPaymentInline(CaseRecordTabularInline):
    model = Payment
    fk_name = "enquiry"
    fields = ("date", "stage", "kind", "amount", "description")


@admin.register(Enquiry)
class EnquiryAdmin(CaseRecordAdmin):
    list_display = (
        "lgo_reference",
        "complaint",
        "received_date",
        "decision",
        "decision_date",
        "remedy_due_date",
        "remedy_completed_date",
    )
    list_filter = ("decision",)
    search_fields = ("lgo_reference", "complaint__reference")
    date_hierarchy = "received_date"
    autocomplete_fields = ("complaint",)
    list_select_related = ("complaint",)
    inlines = [RemedyInline, EnquiryPaymentInline]


@admin.register(Remedy)
class RemedyAdmin(CaseRecordAdmin):
    list_display = ("enquiry", "kind", "due_date", "completed_date")
    list_filter = ("kind",)
    search_fields = ("enquiry__lgo_reference", "description", "evidence")
    date_hierarchy = "due_date"
    autocomplete_fields = ("enquiry",)
    list_select_related = ("enquiry",)
