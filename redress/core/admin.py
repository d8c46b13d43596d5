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
from django.contrib.admin.utils import NestedObjects, flatten_fieldsets
from django.core import signing
from django.db import models, router, transaction
from django.forms.models import _get_foreign_key
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import capfirst

from . import audit, config
from .models import AuditEvent, AuthoritySetting

if TYPE_CHECKING:
    from collections.abc import Iterable

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


def deletion_of(objs: Any) -> NestedObjects:
    """Everything deleting `objs` would delete (`data`) or change (`field_updates`)."""
    objs = list(objs)
    collector = NestedObjects(using=router.db_for_write(type(objs[0])) if objs else "default")
    if objs:
        collector.collect(objs)
    return collector


def updated_by(collector: NestedObjects) -> list[tuple[models.Field, Any, models.Model]]:
    """The rows a deletion would change rather than delete (on_delete=SET_NULL and the like),
    with the field and its new value. The audit trail's own links are left out: an event keeps
    who acted as text (redress/core/append_only.py)."""
    rows: list[tuple[models.Field, Any, models.Model]] = []
    for (field, value), batches in collector.field_updates.items():
        for batch in batches:
            for obj in cast("Iterable[models.Model]", batch):
                if not isinstance(obj, AuditEvent):
                    rows.append((field, value, obj))
    return rows


# The name of the hidden field carrying the record as the change form was loaded.
LOADED_AS = "redress_loaded_as"
LOADED_AS_SALT = "redress.core.admin.loaded_as"


def versioned_form(form_class: type[forms.BaseForm], admin: AuditedModelAdmin) -> type:
    """The admin's form, carrying the record as it was when the page was loaded (signed), so a
    save over someone else's later change is refused, naming what changed, with the typed
    values kept: optimistic concurrency, as the staff pages have."""

    class Versioned(form_class):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.fields[LOADED_AS] = forms.CharField(widget=forms.HiddenInput, required=False)
            instance = getattr(self, "instance", None)
            if instance is not None and instance.pk is not None:
                self.fields[LOADED_AS].initial = signing.dumps(
                    admin.version_of(instance), salt=LOADED_AS_SALT, compress=True
                )

        def clean(self) -> Any:
            cleaned = super().clean()
            instance = getattr(self, "instance", None)
            # A post without the field came from no change page (a script): nothing to compare.
            data: Any = getattr(self, "data", {})
            if instance is None or instance.pk is None or LOADED_AS not in data:
                return cleaned
            try:
                loaded = signing.loads(data.get(LOADED_AS, ""), salt=LOADED_AS_SALT)
            except signing.BadSignature:
                loaded = None
            current = admin.version_of(instance)
            if loaded != current:
                # Saving again now overwrites, knowingly: the page carries the current version.
                self.data = data = data.copy()
                data[LOADED_AS] = signing.dumps(current, salt=LOADED_AS_SALT, compress=True)
                raise forms.ValidationError(
                    "Someone else changed this record after you opened it (%(what)s). Your"
                    " changes have not been saved: they are shown below. Check them against"
                    " the record now, then save again to keep yours.",
                    code="stale",
                    params={"what": admin.describe_changes(loaded, current)},
                )
            return cleaned

    Versioned.__name__ = form_class.__name__
    return Versioned


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

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if kwargs.get("fields"):  # the version is the form's own field, not the model's
            kwargs["fields"] = [f for f in kwargs["fields"] if f != LOADED_AS]
        form = super().get_form(request, obj, change=change, **kwargs)
        return versioned_form(form, self)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = list(super().get_fieldsets(request, obj))
        if (
            obj is None
            or not self.has_change_permission(request, obj)  # shown only: nothing to save
            or LOADED_AS in flatten_fieldsets(fieldsets)
        ):
            return fieldsets
        # Rendered (hidden) with the first fieldset: the admin shows only the fields it lists.
        name, options = fieldsets[0]
        fieldsets[0] = (name, {**options, "fields": (*options["fields"], LOADED_AS)})
        return fieldsets

    def version_of(self, obj: models.Model) -> dict[str, Any]:
        """The record and its inline rows as the database holds them now."""
        stored = type(obj)._default_manager.filter(pk=obj.pk).first()
        version: dict[str, Any] = {"": audited_snapshot(stored) if stored is not None else None}
        for inline in self.inlines:
            try:
                fk = _get_foreign_key(type(obj), inline.model, fk_name=inline.fk_name)
            except ValueError:  # not joined by a foreign key (a generic relation)
                continue
            rows = inline.model._default_manager.filter(**{fk.name: obj.pk}).order_by("pk")
            version[str(inline.model._meta.verbose_name_plural)] = {
                str(row.pk): audited_snapshot(row) for row in rows
            }
        return version

    def describe_changes(self, loaded: dict[str, Any] | None, current: dict[str, Any]) -> str:
        if loaded is None:
            return "the page did not say which version it showed"
        names = []
        before, after = loaded.get("") or {}, current.get("") or {}
        for name in sorted(set(before) | set(after)):
            if before.get(name) != after.get(name):
                field = self.model._meta.get_field(name)
                names.append(str(getattr(field, "verbose_name", name)))
        names += [what for what in current if what and loaded.get(what) != current[what]]
        return "changed: " + ", ".join(names) if names else "it was saved again"

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        """Deletion is refused when it would reach a case record: deleting one (the case
        record's own admin refuses that) or changing one (a user deleted would blank who a
        stage was allocated to): the admin lists them as protected."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        changed = [
            f"{capfirst(obj._meta.verbose_name)}: {obj} ({field.verbose_name} would be cleared)"
            for field, _, obj in updated_by(deletion_of(objs))
            if self.is_case_record(type(obj))
        ]
        return deleted, counts, perms_needed, [*protected, *changed]

    def is_case_record(self, model: type[models.Model]) -> bool:
        model_admin = self.admin_site._registry.get(model)
        if model_admin is None and model._meta.auto_created:  # a many-to-many table
            return any(
                self.is_case_record(cast("type[models.Model]", f.related_model))
                for f in model._meta.concrete_fields
                if f.is_relation
            )
        return isinstance(model_admin, ReadOnlyModelAdmin) and model is not AuditEvent

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

    def audit_deletion(self, request: HttpRequest, objs: Any) -> None:
        """An event for every row the deletion removes or changes, the cascaded ones too."""
        collector = deletion_of(objs)
        for instances in collector.data.values():
            for obj in instances:
                record_admin_change(
                    request, obj, action="admin.delete", before=audited_snapshot(obj), after=None
                )
        for field, value, obj in updated_by(collector):
            before = audited_snapshot(obj)
            after = {**before, field.name: audit.json_value(value)}
            record_admin_change(request, obj, action="admin.change", before=before, after=after)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.audit_deletion(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        # The bulk "delete selected" action runs outside the admin's own transaction.
        with transaction.atomic(using=queryset.db):
            self.audit_deletion(request, queryset)
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
    """A setting is entered as text and checked by its parser, as `redress config set` does.
    The value's help is the chosen key's own (what it does, its valid values, default and an
    example): on the change page, on the add page once a key is chosen (`?key=…`, or a refused
    value), and otherwise every key's help is listed below the form (the template)."""

    key = forms.ChoiceField(
        label="Setting",
        choices=[(k, f"{s.label} ({k})") for k, s in config.SETTINGS.items()],
    )
    text = forms.CharField(label="Value", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    class Meta:
        model = AuthoritySetting
        fields = ("key",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["key"].disabled = True
            self.fields["text"].initial = config.show(self.instance.key)
        key = self.chosen_key()
        self.fields["text"].help_text = (
            render_to_string(SETTING_HELP, {"help": config.describe(key)}, using="django")
            if key
            else "Each setting's valid values, default and an example are listed below."
        )

    def chosen_key(self) -> str | None:
        """The key whose help the value gets: the stored one, the one posted, or the one the
        add page was opened for."""
        if self.instance.pk:
            key = self.instance.key
        elif self.is_bound:
            key = self.data.get(self.add_prefix("key"))
        else:
            key = self.initial.get("key")
        return key if key in config.SETTINGS else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        key = cleaned.get("key")
        if key:
            try:
                config.SETTINGS[key].parse(cleaned.get("text", ""))
            except config.SettingError as error:
                # The refusal names the key, since the message is shown beside the value.
                self.add_error("text", f"{key}: {error}")
        return cleaned


# One key's help, in the value's help on the add and change pages and in the add page's list.
SETTING_HELP = "admin/core/authoritysetting/setting_help.html"


@admin.register(AuthoritySetting)
class AuthoritySettingAdmin(AuditedModelAdmin):
    form = AuthoritySettingForm
    exclude = ("value",)  # typed as text in the form and checked by the setting's parser
    list_display = ("key", "setting_label", "shown_value", "default_value", "updated_at")
    search_fields = ("key",)

    @admin.display(description="Setting")
    def setting_label(self, obj: AuthoritySetting) -> str:
        setting = config.SETTINGS.get(obj.key)
        return setting.label if setting else "(no longer a setting)"

    @admin.display(description="Value")
    def shown_value(self, obj: AuthoritySetting) -> str:
        return config.show(obj.key) if obj.key in config.SETTINGS else str(obj.value)

    @admin.display(description="Default")
    def default_value(self, obj: AuthoritySetting) -> str:
        return config.describe(obj.key).default if obj.key in config.SETTINGS else ""

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        # Every key with its help, and where to set it: the add page's list, without script.
        stored = dict(AuthoritySetting.objects.values_list("key", "pk"))
        context["settings_help"] = [
            (
                help_,
                reverse("admin:core_authoritysetting_change", args=[stored[help_.key]])
                if help_.key in stored
                else f"{reverse('admin:core_authoritysetting_add')}?key={help_.key}",
            )
            for help_ in config.describe_all()
        ]
        context["setting_help_template"] = SETTING_HELP
        return super().render_change_form(request, context, *args, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a setting is changed back, not deleted (closure days live elsewhere)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Through the settings service, which validates, writes and audits (`config.set`).
        key = form.cleaned_data["key"]
        config.set_value(key, form.cleaned_data.get("text", ""), by=cast("User", request.user))
        stored = AuthoritySetting.objects.get(key=key)
        obj.pk, obj.key, obj.value = stored.pk, stored.key, stored.value
