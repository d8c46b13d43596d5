from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from redress.core.admin import AuditedModelAdmin, LabelledTabularInline

from .models import Taxonomy, Term


class TermInline(LabelledTabularInline):
    model = Term
    extra = 0
    fields = ("name", "parent", "order")
    autocomplete_fields = ("parent",)
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Term]:
        return super().get_queryset(request).select_related("parent")


@admin.register(Taxonomy)
class TaxonomyAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "kind", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("name", "code")
    date_hierarchy = "valid_from"
    inlines = [TermInline]


@admin.register(Term)
class TermAdmin(AuditedModelAdmin):
    list_display = ("name", "parent", "taxonomy", "order")
    list_filter = ("taxonomy",)
    search_fields = ("name", "parent__name", "taxonomy__name")
    autocomplete_fields = ("taxonomy", "parent")
    list_select_related = ("taxonomy", "parent")
