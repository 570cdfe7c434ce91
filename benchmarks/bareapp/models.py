"""One table, for the bare comparison view."""

from django.db import models


class BareReport(models.Model):
    service_code = models.CharField(max_length=40)
    description = models.TextField(blank=True)
    lat = models.FloatField(null=True)
    lon = models.FloatField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.service_code} #{self.pk}"
