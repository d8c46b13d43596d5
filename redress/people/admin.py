from django.contrib import admin

from redress.core.admin import CaseRecordAdmin

from .models import Person


@admin.register(Person)
class PersonAdmin(CaseRecordAdmin):
    list_display = ("key", "name", "email", "phone", "created_at")
    search_fields = ("key", "name", "email", "phone")
    date_hierarchy = "created_at"
