from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportStatus(models.TextChoices):
    REJECTED = "rejected", "Rejected: nothing written"
    IMPORTED = "imported", "Imported"
    PARTIAL = "partial", "Partly imported: rejects written"


class ImportRun(models.Model):
    """One run of `redress import`: the file, its checksum, who ran it and what it changed."""

    file_name = models.CharField(max_length=500)
    checksum = models.CharField(max_length=80, help_text="sha256 of the file or folder.")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=16, choices=ImportStatus.choices)
    counts = models.JSONField(default=dict, blank=True)
    problems = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.started_at:%Y-%m-%d %H:%M}, {self.status})"
