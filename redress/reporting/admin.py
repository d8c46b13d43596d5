from django.contrib import admin

from redress.core.admin import AuditedModelAdmin

from .models import ContextFigure


@admin.register(ContextFigure)
class ContextFigureAdmin(AuditedModelAdmin):
    list_display = ("period", "measure", "service_area", "value")
    list_filter = ("period", "measure")
    search_fields = ("period", "service_area__name")
    autocomplete_fields = ("service_area",)
    list_select_related = ("service_area",)
