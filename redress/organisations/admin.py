from django.contrib import admin

from redress.core.admin import AuditedModelAdmin, LabelledTabularInline

from .models import Locality, Organisation, ServiceArea


class ServiceAreaInline(LabelledTabularInline):
    model = ServiceArea
    extra = 0
    fields = ("name", "locality", "valid_from", "valid_to")
    autocomplete_fields = ("locality",)
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ("name", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)
    inlines = [ServiceAreaInline]


@admin.register(Locality)
class LocalityAdmin(AuditedModelAdmin):
    list_display = ("name", "valid_from", "valid_to")
    search_fields = ("name",)
    date_hierarchy = "valid_from"


@admin.register(ServiceArea)
class ServiceAreaAdmin(AuditedModelAdmin):
    list_display = ("name", "organisation", "locality", "valid_from", "valid_to")
    list_filter = ("organisation", "locality")
    search_fields = ("name",)
    autocomplete_fields = ("organisation", "locality")
    list_select_related = ("organisation", "locality")
    date_hierarchy = "valid_from"
