"""Django admin for survey policies and surveys (responses are seen through aggregates only)."""

from django.contrib import admin

from bluebridge.feedback.models import Survey, SurveyPolicy


@admin.register(SurveyPolicy)
class SurveyPolicyAdmin(admin.ModelAdmin):
    list_display = ("source_kind", "category", "survey", "enabled", "delay_hours")
    list_filter = ("source_kind", "enabled")


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ("slug", "kind", "title", "active")
    readonly_fields = ("created_at", "updated_at", "created_by", "updated_by")
