"""Django admin for the service desk: the catalogue, requests, their timelines, Open311 keys."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bluebridge.servicedesk.models import (
    CategoryAttribute,
    Open311ApiKey,
    RequestUpdate,
    ServiceCategory,
    ServiceRequest,
)


class AttributeInline(admin.StackedInline):
    model = CategoryAttribute
    extra = 0
    fields = (
        ("code", "order", "datatype", "required", "variable"),
        "label",
        "label_es",
        "datatype_description",
        "values",
    )


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "group",
        "routing_unit",
        "first_response_hours",
        "resolution_hours",
        "clock",
        "sensitive",
        "active",
        "order",
    )
    list_filter = ("active", "group", "routing_unit", "clock", "sensitive", "allow_anonymous")
    search_fields = ("code", "name", "name_es", "keywords", "description")
    list_editable = ("order",)
    readonly_fields = ("created_at", "updated_at", "created_by", "updated_by")
    inlines = [AttributeInline]

    def save_model(
        self, request: HttpRequest, obj: ServiceCategory, form: Any, change: bool
    ) -> None:
        if not change or obj.created_by_id is None:
            obj.created_by = request.user  # type: ignore[assignment]
        obj.updated_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)


class UpdateInline(admin.TabularInline):
    model = RequestUpdate
    extra = 0
    can_delete = False
    fields = ("created_at", "kind", "status_from", "status_to", "public", "author_label", "note")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
    """Requests are worked on the staff pages (which audit every change); here they are read."""

    list_display = (
        "reference",
        "category",
        "status",
        "unit",
        "area",
        "assigned_to",
        "channel",
        "created_at",
    )
    list_filter = ("status", "unit", "category", "channel")
    search_fields = ("reference", "address", "description")
    date_hierarchy = "created_at"
    list_select_related = ("category", "unit", "area", "assigned_to")
    inlines = [UpdateInline]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def change_view(self, request: HttpRequest, object_id: str, *args: Any, **kwargs: Any) -> Any:
        from bluebridge.core import audit

        response = super().change_view(request, object_id, *args, **kwargs)
        if getattr(response, "status_code", 0) == 200:
            sr = (
                ServiceRequest.objects.filter(pk=object_id).first() if object_id.isdigit() else None
            )
            if sr is not None:
                audit.record(
                    audit.AuditEvent.VIEW,
                    "service_request",
                    sr.reference,
                    request=request,
                    summary="Django admin",
                )
        return response


@admin.register(Open311ApiKey)
class Open311ApiKeyAdmin(admin.ModelAdmin):
    """Keys are issued on the Open311 keys page (the key is shown once); the hash is read-only."""

    list_display = ("name", "hint", "rate_limit_per_minute", "created_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("name", "hint")
    readonly_fields = ("key_hash", "hint", "created_at", "created_by", "revoked_at", "revoked_by")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
