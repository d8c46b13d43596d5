"""Messages in the admin: shown, never edited (they are written by the notifications service;
a failed one is sent again from /messages/failed/)."""

from django.contrib import admin

from redress.core.admin import ReadOnlyModelAdmin

from .models import Message


@admin.register(Message)
class MessageAdmin(ReadOnlyModelAdmin):
    list_display = ("created_at", "kind", "channel", "recipient", "state", "attempts", "complaint")
    list_filter = ("state", "kind", "channel")
    list_select_related = ("recipient", "complaint")
    search_fields = ("complaint__reference", "recipient__username", "subject")
    date_hierarchy = "created_at"
