"""Complaints and everything recorded on them, to look at: every change is made on the staff
pages, through the services (see `redress.core.admin.CaseRecordAdmin`)."""

from django.contrib import admin
from django.db.models import Max, QuerySet
from django.http import HttpRequest

from redress.core.admin import CaseRecordAdmin, CaseRecordStackedInline, CaseRecordTabularInline

from .models import (
    Appointment,
    Aspect,
    Complaint,
    Extension,
    Hold,
    LearningAction,
    Mediation,
    Payment,
    Stage,
)


class StageInline(CaseRecordTabularInline):
    model = Stage
    fields = (
        "number",
        "received_date",
        "acknowledged_date",
        "responded_date",
        "outcome",
        "allocated_to",
    )
    autocomplete_fields = ("allocated_to",)
    show_change_link = True


class MediationInline(CaseRecordTabularInline):
    model = Mediation
    fields = ("after_stage", "offered_date", "held_date", "outcome", "mediator")


class PaymentInline(CaseRecordTabularInline):
    model = Payment
    fk_name = "complaint"
    fields = ("date", "stage", "kind", "amount", "description")


class LearningActionInline(CaseRecordStackedInline):
    model = LearningAction
    autocomplete_fields = ("theme",)


class ExtensionInline(CaseRecordTabularInline):
    model = Extension
    fields = ("agreed_date", "extended_to_days", "reason", "agreed_by")
    autocomplete_fields = ("agreed_by",)


class AspectInline(CaseRecordTabularInline):
    model = Aspect
    fields = ("order", "category", "subcategory", "finding")
    autocomplete_fields = ("category", "subcategory")


class HoldInline(CaseRecordTabularInline):
    model = Hold
    fields = ("start_date", "end_date", "reason", "placed_by")


class AppointmentInline(CaseRecordTabularInline):
    model = Appointment
    fields = ("role", "name", "user", "appointed_date")
    autocomplete_fields = ("user",)


@admin.register(Complaint)
class ComplaintAdmin(CaseRecordAdmin):
    list_display = (
        "reference",
        "received_date",
        "procedure",
        "stage_reached",
        "service_area",
        "locality",
        "complainant_type",
    )
    list_filter = ("procedure", "method", "complainant_type", "advocate", "organisation")
    search_fields = ("reference", "summary", "complainant__key", "complainant__name")
    date_hierarchy = "received_date"
    autocomplete_fields = (
        "procedure",
        "complainant",
        "on_behalf_of",
        "advocate_person",
        "organisation",
        "service_area",
        "locality",
        "theme",
        "related_to",
    )
    list_select_related = ("procedure", "service_area", "locality")
    inlines = [StageInline, MediationInline, PaymentInline, LearningActionInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Complaint]:
        return super().get_queryset(request).annotate(_stage_reached=Max("stages__number"))

    @admin.display(description="Stage reached", ordering="_stage_reached")
    def stage_reached(self, obj: Complaint) -> int | None:
        return getattr(obj, "_stage_reached", None)


@admin.register(Stage)
class StageAdmin(CaseRecordAdmin):
    list_display = (
        "complaint",
        "number",
        "received_date",
        "acknowledged_date",
        "responded_date",
        "outcome",
        "allocated_to",
    )
    list_filter = ("number", "outcome", "complaint__procedure", "organisation")
    search_fields = ("complaint__reference",)
    date_hierarchy = "received_date"
    autocomplete_fields = ("complaint", "organisation", "allocated_to", "responded_by")
    list_select_related = ("complaint", "allocated_to")
    inlines = [ExtensionInline, HoldInline, AspectInline, AppointmentInline]


@admin.register(Extension)
class ExtensionAdmin(CaseRecordAdmin):
    list_display = ("stage", "agreed_date", "extended_to_days", "reason")
    search_fields = ("stage__complaint__reference", "reason")
    date_hierarchy = "agreed_date"
    autocomplete_fields = ("stage", "agreed_by")
    list_select_related = ("stage__complaint",)


@admin.register(Hold)
class HoldAdmin(CaseRecordAdmin):
    list_display = ("stage", "start_date", "end_date", "reason")
    search_fields = ("stage__complaint__reference", "reason")
    date_hierarchy = "start_date"
    autocomplete_fields = ("stage", "placed_by")
    list_select_related = ("stage__complaint",)


@admin.register(Aspect)
class AspectAdmin(CaseRecordAdmin):
    list_display = ("stage", "category", "subcategory", "finding")
    list_filter = ("finding", "category__taxonomy")
    search_fields = ("stage__complaint__reference", "category__name", "subcategory__name")
    autocomplete_fields = ("stage", "category", "subcategory")
    list_select_related = ("stage__complaint", "category__parent", "subcategory__parent")


@admin.register(Appointment)
class AppointmentAdmin(CaseRecordAdmin):
    list_display = ("name", "role", "stage", "user", "appointed_date")
    list_filter = ("role",)
    search_fields = ("name", "stage__complaint__reference", "user__username")
    date_hierarchy = "appointed_date"
    autocomplete_fields = ("stage", "user")
    list_select_related = ("stage__complaint", "user")


@admin.register(Mediation)
class MediationAdmin(CaseRecordAdmin):
    list_display = ("complaint", "after_stage", "offered_date", "held_date", "outcome")
    list_filter = ("outcome", "after_stage")
    search_fields = ("complaint__reference", "mediator")
    date_hierarchy = "offered_date"
    autocomplete_fields = ("complaint",)
    list_select_related = ("complaint",)


@admin.register(Payment)
class PaymentAdmin(CaseRecordAdmin):
    list_display = ("date", "stage", "kind", "amount", "complaint", "enquiry")
    list_filter = ("stage", "kind")
    search_fields = ("complaint__reference", "enquiry__lgo_reference", "description")
    date_hierarchy = "date"
    autocomplete_fields = ("complaint", "enquiry")
    list_select_related = ("complaint", "enquiry")


@admin.register(LearningAction)
class LearningActionAdmin(CaseRecordAdmin):
    list_display = ("__str__", "complaint", "theme", "owner", "raised_date", "due_date")
    list_filter = (("completed_date", admin.EmptyFieldListFilter), "theme__taxonomy")
    search_fields = ("description", "owner", "complaint__reference")
    date_hierarchy = "raised_date"
    autocomplete_fields = ("complaint", "theme")
    list_select_related = ("complaint", "theme__parent")
