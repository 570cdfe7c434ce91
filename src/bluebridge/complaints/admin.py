"""Admin: complaint types and their clocks (configurable); nothing with complaint content."""

from django.contrib import admin

from bluebridge.complaints.models import ComplaintType


@admin.register(ComplaintType)
class ComplaintTypeAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "kind",
        "name",
        "acknowledge_days",
        "acknowledge_clock",
        "decision_days",
        "decision_clock",
        "active",
    )
    list_filter = ("kind", "active")
    list_editable = ("acknowledge_days", "decision_days", "active")
