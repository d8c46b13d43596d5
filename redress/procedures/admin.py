from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from redress.core.admin import AuditedModelAdmin, ConfigurationStackedInline

from .models import ClosureDay, Procedure, StageRule
from .signals import deadline_rules_changed


class MovesDeadlines(AuditedModelAdmin):
    """Configuration every deadline depends on: a change works the open stages' due dates out
    again in the same transaction."""

    # After the object and its inlines are saved (the admin calls this for every add and change).
    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        deadline_rules_changed.send(sender=type(form.instance))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        deadline_rules_changed.send(sender=type(obj))

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        with transaction.atomic(using=queryset.db):
            super().delete_queryset(request, queryset)
            deadline_rules_changed.send(sender=queryset.model)


class StageRuleInline(ConfigurationStackedInline):
    model = StageRule
    extra = 0
    show_change_link = True


@admin.register(Procedure)
class ProcedureAdmin(MovesDeadlines):
    list_display = ("name", "code", "order")
    search_fields = ("name", "code")
    inlines = [StageRuleInline]


@admin.register(StageRule)
class StageRuleAdmin(MovesDeadlines):
    list_display = (
        "procedure",
        "stage",
        "name",
        "timescale_days",
        "max_days",
        "clock_start",
        "independent_investigation",
    )
    list_filter = ("procedure", "stage", "clock_start", "independent_investigation")
    search_fields = ("name", "procedure__name")
    list_select_related = ("procedure",)


@admin.register(ClosureDay)
class ClosureDayAdmin(MovesDeadlines):
    list_display = ("date", "reason")
    search_fields = ("reason",)
    date_hierarchy = "date"
