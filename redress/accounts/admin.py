from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest, HttpResponse

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
