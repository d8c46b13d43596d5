from django.contrib import admin

from redress.core.admin import CaseRecordAdmin

from .models import Compliment, InformalFeedback, InformalFeedbackAnswer, SatisfactionAnswer


@admin.register(Compliment)
class ComplimentAdmin(CaseRecordAdmin):
    list_display = (
        "received_date",
        "service_area",
        "locality",
        "source",
        "external",
        "staff_member",
        "consent_to_publish",
    )
    list_filter = ("source", "external", "consent_to_publish", "locality")
    search_fields = ("staff_member", "text", "service_area__name")
    date_hierarchy = "received_date"
    autocomplete_fields = ("service_area", "locality")
    list_select_related = ("service_area", "locality")


@admin.register(InformalFeedback)
class InformalFeedbackAdmin(CaseRecordAdmin):
    list_display = ("received_date", "service_area", "theme", "from_child", "advocate", "satisfied")
    list_filter = ("from_child", "advocate", "satisfied")
    search_fields = ("summary", "service_area__name", "theme__name")
    date_hierarchy = "received_date"
    autocomplete_fields = ("service_area", "theme")
    list_select_related = ("service_area", "theme__parent")


@admin.register(SatisfactionAnswer)
class SatisfactionAnswerAdmin(CaseRecordAdmin):
    list_display = ("complaint", "question", "answer")
    list_filter = ("question", "answer")
    search_fields = ("complaint__reference",)
    autocomplete_fields = ("complaint",)
    list_select_related = ("complaint",)


@admin.register(InformalFeedbackAnswer)
class InformalFeedbackAnswerAdmin(CaseRecordAdmin):
    list_display = ("feedback", "question", "answer")
    list_filter = ("question", "answer")
    list_select_related = ("feedback",)
