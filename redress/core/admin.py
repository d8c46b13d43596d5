"""The admin's shared base, and the admin for the audit trail and the authority's settings.

The admin is for configuration, by complaints managers: procedures, taxonomies, settings,
organisations, service areas, localities, users and roles. Every add, change and delete made
through it (inline rows included) is written to the audit trail in the same transaction as the
change. Case records (complaints, their stages and everything recorded on them, Ombudsman
enquiries, feedback, people) are read-only here: every case change goes through the staff
pages' services and their rules (`CaseRecordAdmin`).

No one types raw JSON: a JSON field is shown, never edited (`AuditedModelAdmin`). The rows of a
tabular inline have no visible label per field, so each field is given an accessible name
(`LabelledTabularInline`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from . import audit, config
from .models import AuditEvent, AuthoritySetting

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser as User  # core imports no app above it

# Never copied into the trail: a password hash is a secret, and a login time is not an edit.
NEVER_AUDITED = frozenset({"password", "last_login"})
# How an inline row finds the complaint it belongs to.
COMPLAINT_PATHS = ("complaint", "stage", "enquiry")


def may_use_admin(user: Any) -> bool:
    """Only complaints managers and superusers (who configure), and only when marked as staff."""
    return bool(user.is_active and user.is_staff and getattr(user, "configures", False))


def complaint_of(obj: models.Model | None) -> models.Model | None:
    """The complaint a record belongs to (itself, or through its stage or enquiry), if any:
    the model the audit trail links events to, so core names no app above it."""
    complaint_model = AuditEvent._meta.get_field("complaint").related_model
    if obj is None or isinstance(obj, cast(type, complaint_model)):
        return obj
    names = {f.name for f in obj._meta.concrete_fields}
    for name in COMPLAINT_PATHS:
        if name in names and getattr(obj, f"{name}_id", None) is not None:
            return complaint_of(getattr(obj, name))
    return None


def audited_snapshot(obj: models.Model) -> dict[str, Any]:
    return {k: v for k, v in audit.snapshot(obj).items() if k not in NEVER_AUDITED}


def stored_snapshot(obj: models.Model) -> dict[str, Any] | None:
    """The record as the database holds it, before the admin's form changed the instance."""
    if obj.pk is None:
        return None
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    return audited_snapshot(stored) if stored is not None else None


def record_admin_change(
    request: HttpRequest,
    obj: models.Model,
    *,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    if action == "admin.change" and before == after:
        return  # saved without a change: nothing happened
    audit.record(
        action=action,
        obj=obj,
        by=request.user if request.user.is_authenticated else None,
        before=before,
        after=after,
        complaint=complaint_of(obj),
        note="Changed in the admin.",
    )


def json_fields(model: type[models.Model], *, skip: Any = ()) -> tuple[str, ...]:
    """The model's JSON fields, shown read-only: no one types raw JSON in the admin."""
    return tuple(
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.JSONField) and f.name not in skip
    )


def label_fields(form: forms.BaseForm, row: str) -> None:
    """Give each visible field of an inline row an accessible name ("Name (service area 2)"):
    a tabular inline shows its labels once, as column headings, which name no field."""
    for name, field in form.fields.items():
        if field.widget.is_hidden:
            continue
        label = "Delete" if name == "DELETE" else str(field.label or name)
        # Inside the related-field wrapper, whose own attrs the copied form does not render.
        widget: forms.Widget = getattr(field.widget, "widget", None) or field.widget
        widget.attrs["aria-label"] = f"{label} ({row})"


class ConfigurationInlineMixin:
    """Rows of configuration inside another record's page: complaints managers edit them (JSON
    fields apart, which are only shown). Roles decide, not Django's model permissions, which no
    one is given: without this, an inline is hidden from a complaints manager who is not a
    superuser."""

    model: type[models.Model]
    exclude: Any

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = tuple(super().get_readonly_fields(request, obj))  # type: ignore[misc]
        return readonly + json_fields(self.model, skip=(*readonly, *(self.exclude or ())))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request.user)


class LabelledTabularInline(ConfigurationInlineMixin, admin.TabularInline):
    """A tabular inline of configuration whose fields have accessible names."""

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        what = str(self.model._meta.verbose_name)

        class Labelled(formset):  # type: ignore[misc,valid-type]
            def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
                super().add_fields(form, index)
                label_fields(form, f"{what} {index + 1}" if index is not None else f"new {what}")

        return Labelled


class ConfigurationStackedInline(ConfigurationInlineMixin, admin.StackedInline):
    pass


class ReadOnlyInlineMixin:
    """An inline of a case record: shown, never added to, changed or deleted here."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CaseRecordTabularInline(ReadOnlyInlineMixin, LabelledTabularInline):
    extra = 0


class CaseRecordStackedInline(ReadOnlyInlineMixin, admin.StackedInline):
    extra = 0


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose every write is audited, for complaints managers only."""

    class Media:
        js = ("redress/admin-names.js",)  # names the autocomplete boxes

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return may_use_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = tuple(super().get_readonly_fields(request, obj))
        return readonly + json_fields(self.model, skip=(*readonly, *(self.exclude or ())))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = stored_snapshot(obj) if change else None
        super().save_model(request, obj, form, change)
        record_admin_change(
            request,
            obj,
            action="admin.change" if change else "admin.add",
            before=before,
            after=audited_snapshot(obj),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        record_admin_change(
            request, obj, action="admin.delete", before=audited_snapshot(obj), after=None
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        # The bulk "delete selected" action runs outside the admin's own transaction.
        with transaction.atomic(using=queryset.db):
            for obj in queryset:
                record_admin_change(
                    request, obj, action="admin.delete", before=audited_snapshot(obj), after=None
                )
            super().delete_queryset(request, queryset)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        befores = {obj.pk: stored_snapshot(obj) for obj, _ in formset.changed_objects}
        for obj in formset.deleted_objects:
            record_admin_change(
                request, obj, action="admin.delete", before=audited_snapshot(obj), after=None
            )
            obj.delete()
        for obj in instances:
            adding = obj.pk is None or obj.pk not in befores
            obj.save()
            record_admin_change(
                request,
                obj,
                action="admin.add" if adding else "admin.change",
                before=None if adding else befores[obj.pk],
                after=audited_snapshot(obj),
            )
        formset.save_m2m()


class ReadOnlyModelAdmin(AuditedModelAdmin):
    """Records that are only ever written by the system: viewable, never edited here."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CaseRecordAdmin(ReadOnlyModelAdmin):
    """A case record: complaints managers may look at it here, but every change goes through
    the staff pages, whose services check the rules, keep the stored state and audit it."""


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    list_display = ("at", "actor_label", "action", "content_type", "object_id", "complaint_id")
    list_filter = ("action", "content_type")
    search_fields = ("actor_label", "action", "object_id", "note")
    date_hierarchy = "at"
    list_select_related = ("content_type",)


class AuthoritySettingForm(forms.ModelForm):
    """A setting is entered as text and checked by its parser, as `redress config set` does."""

    key = forms.ChoiceField(choices=[(k, s.label) for k, s in config.SETTINGS.items()])
    text = forms.CharField(
        label="Value",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Closure days: 2021-12-29=Christmas closure,2021-12-30. Money: 3500.00.",
    )

    class Meta:
        model = AuthoritySetting
        fields = ("key",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["key"].disabled = True
            self.fields["text"].initial = config.show(self.instance.key)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        key = cleaned.get("key")
        if key:
            try:
                config.SETTINGS[key].parse(cleaned.get("text", ""))
            except config.SettingError as error:
                self.add_error("text", str(error))
        return cleaned


@admin.register(AuthoritySetting)
class AuthoritySettingAdmin(AuditedModelAdmin):
    form = AuthoritySettingForm
    exclude = ("value",)  # typed as text in the form and checked by the setting's parser
    list_display = ("key", "shown_value", "updated_at")
    search_fields = ("key",)

    @admin.display(description="Value")
    def shown_value(self, obj: AuthoritySetting) -> str:
        return config.show(obj.key) if obj.key in config.SETTINGS else str(obj.value)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a setting is changed back, not deleted (closure days live elsewhere)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Through the settings service, which validates, writes and audits (`config.set`).
        key = form.cleaned_data["key"]
        config.set_value(key, form.cleaned_data.get("text", ""), by=cast("User", request.user))
        stored = AuthoritySetting.objects.get(key=key)
        obj.pk, obj.key, obj.value = stored.pk, stored.key, stored.value
