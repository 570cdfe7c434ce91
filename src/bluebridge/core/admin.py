"""Django admin for core records. The audit log is read-only for everyone, superusers included."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bluebridge.core.models import (
    ApiToken,
    Area,
    AuditEvent,
    DeliveryAttempt,
    Holiday,
    Notification,
    Officer,
    PopulationMargin,
    Profile,
    Unit,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shows records; nobody may add, change or delete them here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_label", "action", "object_type", "object_ref", "summary", "ip")
    list_filter = ("action", "object_type", ("at", admin.DateFieldListFilter))
    search_fields = ("actor_label", "object_ref", "summary", "object_type")
    date_hierarchy = "at"
    list_select_related = ("actor",)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}  # no bulk delete of the append-only log


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created on the API tokens page (the secret is shown once); here they are listed."""

    list_display = ("name", "user", "hint", "created_at", "last_used_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("name", "user__username", "hint")
    readonly_fields = (
        "user",
        "token_hash",
        "hint",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    )
    list_select_related = ("user",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "unit", "language", "phone")
    list_filter = ("unit", "language")
    search_fields = ("user__username", "user__email", "phone")
    autocomplete_fields = ("user",)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "email", "phone", "active")
    list_filter = ("active",)
    search_fields = ("code", "name", "name_es", "email")


class MarginInline(admin.TabularInline):
    model = PopulationMargin
    extra = 0


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "unit", "population")
    list_filter = ("kind", "unit")
    search_fields = ("code", "name")
    readonly_fields = ("min_lon", "min_lat", "max_lon", "max_lat")
    inlines = [MarginInline]


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ("badge", "last_name", "first_name", "rank", "unit", "active")
    list_filter = ("unit", "rank", "active")
    search_fields = ("badge", "first_name", "last_name")
    readonly_fields = ("created_at", "updated_at", "created_by", "updated_by")

    def save_model(self, request: HttpRequest, obj: Officer, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user  # type: ignore[assignment]
        obj.updated_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name")
    search_fields = ("name",)
    date_hierarchy = "date"


class AttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    readonly_fields = ("at", "ok", "provider", "error")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "channel",
        "template",
        "recipient",
        "status",
        "object_ref",
        "sent_at",
    )
    list_filter = ("status", "channel", "template")
    search_fields = ("recipient", "object_ref", "subject")
    date_hierarchy = "created_at"
    inlines = [AttemptInline]
