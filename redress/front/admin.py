"""What the public sent, in the admin: shown to complaints managers, never edited there (it is
sent through the public pages and triaged through the staff pages' services, each step
audited). Hashes of tokens and addresses are not shown."""

from django.contrib import admin

from redress.core.admin import CaseRecordAdmin

from .models import FollowLink, PublicAttempt, Submission, SubmissionFile


class SubmissionFileInline(admin.TabularInline):
    model = SubmissionFile
    fields = ("name", "content_type", "size", "document")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Submission)
class SubmissionAdmin(CaseRecordAdmin):
    list_display = ("reference", "kind", "status", "received_date", "triaged_by")
    list_filter = ("kind", "status")
    list_select_related = ("triaged_by",)
    search_fields = ("reference",)
    inlines = [SubmissionFileInline]


@admin.register(SubmissionFile)
class SubmissionFileAdmin(CaseRecordAdmin):
    list_display = ("name", "submission", "content_type", "size")
    list_select_related = ("submission",)
    exclude = ("stored_name",)


@admin.register(FollowLink)
class FollowLinkAdmin(CaseRecordAdmin):
    list_display = ("complaint", "created_at", "expires_at", "used_at")
    list_select_related = ("complaint",)
    exclude = ("token_hash",)


@admin.register(PublicAttempt)
class PublicAttemptAdmin(CaseRecordAdmin):
    list_display = ("action", "at")
    exclude = ("address_hash",)
