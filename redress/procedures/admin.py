from django.contrib import admin

from redress.core.admin import AuditedModelAdmin

from .models import ClosureDay, Procedure, StageRule


class StageRuleInline(admin.StackedInline):
    model = StageRule
    extra = 0
    show_change_link = True


@admin.register(Procedure)
class ProcedureAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "order")
    search_fields = ("name", "code")
    inlines = [StageRuleInline]


@admin.register(StageRule)
class StageRuleAdmin(AuditedModelAdmin):
    list_display = ("procedure", "stage", "name", "timescale_days", "max_days", "clock_start")
    list_filter = ("procedure", "stage", "clock_start")
    search_fields = ("name", "procedure__name")
    list_select_related = ("procedure",)


@admin.register(ClosureDay)
class ClosureDayAdmin(AuditedModelAdmin):
    list_display = ("date", "reason")
    search_fields = ("reason",)
    date_hierarchy = "date"
