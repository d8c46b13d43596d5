from typing import Any

from axes.models import AccessAttempt, AccessLog
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.core import audit
from redress.core.admin import AuditedModelAdmin, record_admin_change

from .models import Role, User

# Roles decide what a user may do, so Django's groups are not used.
admin.site.unregister(Group)

STAFF_ONLY_MANAGERS = (
    "Only complaints managers can use the admin: set the role to Complaints manager, "
    "or untick Staff status."
)


def check_staff_is_manager(form: forms.ModelForm, cleaned: dict[str, Any]) -> None:
    """Only complaints managers (and superusers) may be marked as staff."""
    instance = form.instance
    is_staff = cleaned.get("is_staff", instance.is_staff)
    is_superuser = cleaned.get("is_superuser", instance.is_superuser)
    role = cleaned.get("role", instance.role)
    if is_staff and not is_superuser and role != Role.COMPLAINTS_MANAGER:
        form.add_error("is_staff" if "is_staff" in form.fields else None, STAFF_ONLY_MANAGERS)


class RedressUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_staff_is_manager(self, cleaned)
        return cleaned


class RedressUserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email", "role", "job_title")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_staff_is_manager(self, cleaned)
        return cleaned


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    form = RedressUserChangeForm
    add_form = RedressUserCreationForm
    list_display = ("username", "first_name", "last_name", "role", "organisation", "is_staff")
    list_filter = ("role", "is_staff", "is_superuser", "is_active", "organisation")
    search_fields = ("username", "first_name", "last_name", "email", "job_title")
    autocomplete_fields = ("organisation",)
    list_select_related = ("organisation",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Work", {"fields": ("role", "job_title", "organisation")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "role",
                    "job_title",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:  # a manager cannot make superusers
            readonly += ("is_superuser",)
        return readonly

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = User.objects.get(pk=id)
                record_admin_change(
                    request,
                    user,
                    action="admin.change",
                    before={"password": "(not shown)"},
                    after={"password": "(changed)"},
                )
        return response


# Signing in: lock-outs and second factors -------------------------------------------------
# Complaints managers see who is locked out and unlock them (delete the failed attempts), see
# who signed in from where, and reset a user's second factor (delete their devices; they set up
# a new app at their next sign-in). Nothing secret is shown or copied into the audit trail: not
# a device's key, not a backup code, not what was typed into the sign-in form.


class SecurityRecordAdmin(AuditedModelAdmin):
    """Shown, and deleted to reset, never added or edited here."""

    shown: tuple[str, ...] = ()

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.shown

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.shown

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _snapshot(self, obj: Any) -> dict[str, Any]:
        return audit.snapshot(obj, [f for f in self.shown if f in _field_names(obj)])

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            record_admin_change(
                request, obj, action="admin.delete", before=self._snapshot(obj), after=None
            )
            obj.delete()

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic(using=queryset.db):
            for obj in queryset:
                record_admin_change(
                    request, obj, action="admin.delete", before=self._snapshot(obj), after=None
                )
            queryset.delete()


def _field_names(obj: Any) -> set[str]:
    return {f.name for f in obj._meta.concrete_fields}


def _replace(model: Any, model_admin: type[admin.ModelAdmin]) -> None:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)


class LockoutAdmin(SecurityRecordAdmin):
    """Failed sign-ins by username and address: delete to unlock."""

    shown = ("username", "ip_address", "user_agent", "failures_since_start", "attempt_time")
    list_display = ("username", "ip_address", "failures_since_start", "locked_out", "attempt_time")
    search_fields = ("username", "ip_address")
    date_hierarchy = "attempt_time"

    @admin.display(boolean=True, description="Locked out")
    def locked_out(self, obj: AccessAttempt) -> bool:
        return obj.failures_since_start >= settings.AXES_FAILURE_LIMIT


class SignInLogAdmin(SecurityRecordAdmin):
    """Successful sign-ins: who, when, from where. Kept; never deleted here."""

    shown = ("username", "ip_address", "user_agent", "attempt_time", "logout_time")
    list_display = ("username", "ip_address", "attempt_time", "logout_time")
    search_fields = ("username", "ip_address")
    date_hierarchy = "attempt_time"

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DeviceAdmin(SecurityRecordAdmin):
    """A user's authenticator app or backup codes: delete to reset their second factor."""

    shown = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__username", "user__first_name", "user__last_name")
    list_select_related = ("user",)


_replace(AccessAttempt, LockoutAdmin)
_replace(AccessLog, SignInLogAdmin)
_replace(TOTPDevice, DeviceAdmin)
_replace(StaticDevice, DeviceAdmin)
