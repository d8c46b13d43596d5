from django.contrib import admin
from django.db.models import Max, QuerySet
from django.http import HttpRequest

from redress.core.admin import AuditedModelAdmin

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


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0
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


class MediationInline(admin.TabularInline):
    model = Mediation
    extra = 0
    fields = ("after_stage", "offered_date", "held_date", "outcome", "mediator")


class PaymentInline(admin.TabularInline):
    model = Payment
    fk_name = "complaint"
    extra = 0
    fields = ("date", "stage", "kind", "amount", "description")


class LearningActionInline(admin.StackedInline):
    model = LearningAction
    extra = 0
    autocomplete_fields = ("theme",)


class ExtensionInline(admin.TabularInline):
    model = Extension
    extra = 0
    fields = ("agreed_date", "extended_to_days", "reason", "agreed_by")
    autocomplete_fields = ("agreed_by",)


class AspectInline(admin.TabularInline):
    model = Aspect
    extra = 0
    fields = ("order", "category", "subcategory", "finding")
    autocomplete_fields = ("category", "subcategory")


class AppointmentInline(admin.TabularInline):
    model = Appointment
    extra = 0
    fields = ("role", "name", "user", "appointed_date")
    autocomplete_fields = ("user",)


@admin.register(Complaint)
class ComplaintAdmin(AuditedModelAdmin):
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
class StageAdmin(AuditedModelAdmin):
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
    inlines = [ExtensionInline, AspectInline, AppointmentInline]


@admin.register(Extension)
class ExtensionAdmin(AuditedModelAdmin):
    list_display = ("stage", "agreed_date", "extended_to_days", "reason")
    search_fields = ("stage__complaint__reference", "reason")
    date_hierarchy = "agreed_date"
    autocomplete_fields = ("stage", "agreed_by")
    list_select_related = ("stage__complaint",)


@admin.register(Hold)
class HoldAdmin(AuditedModelAdmin):
    list_display = ("stage", "start_date", "end_date", "reason")
    search_fields = ("stage__complaint__reference", "reason")
    date_hierarchy = "start_date"
    autocomplete_fields = ("stage", "placed_by")
    list_select_related = ("stage__complaint",)


@admin.register(Aspect)
class AspectAdmin(AuditedModelAdmin):
    list_display = ("stage", "category", "subcategory", "finding")
    list_filter = ("finding", "category__taxonomy")
    search_fields = ("stage__complaint__reference", "category__name", "subcategory__name")
    autocomplete_fields = ("stage", "category", "subcategory")
    list_select_related = ("stage__complaint", "category__parent", "subcategory__parent")


@admin.register(Appointment)
class AppointmentAdmin(AuditedModelAdmin):
    list_display = ("name", "role", "stage", "user", "appointed_date")
    list_filter = ("role",)
    search_fields = ("name", "stage__complaint__reference", "user__username")
    date_hierarchy = "appointed_date"
    autocomplete_fields = ("stage", "user")
    list_select_related = ("stage__complaint", "user")


@admin.register(Mediation)
class MediationAdmin(AuditedModelAdmin):
    list_display = ("complaint", "after_stage", "offered_date", "held_date", "outcome")
    list_filter = ("outcome", "after_stage")
    search_fields = ("complaint__reference", "mediator")
    date_hierarchy = "offered_date"
    autocomplete_fields = ("complaint",)
    list_select_related = ("complaint",)


@admin.register(Payment)
class PaymentAdmin(AuditedModelAdmin):
    list_display = ("date", "stage", "kind", "amount", "complaint", "enquiry")
    list_filter = ("stage", "kind")
    search_fields = ("complaint__reference", "enquiry__lgo_reference", "description")
    date_hierarchy = "date"
    autocomplete_fields = ("complaint", "enquiry")
    list_select_related = ("complaint", "enquiry")


@admin.register(LearningAction)
class LearningActionAdmin(AuditedModelAdmin):
    list_display = ("__str__", "complaint", "theme", "owner", "raised_date", "due_date")
    list_filter = (("completed_date", admin.EmptyFieldListFilter), "theme__taxonomy")
    search_fields = ("description", "owner", "complaint__reference")
    date_hierarchy = "raised_date"
    autocomplete_fields = ("complaint", "theme")
    list_select_related = ("complaint", "theme__parent")
