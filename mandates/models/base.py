"""Pieces every content row shares, so that publishing and review work the same everywhere."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class ContentItem(models.Model):
    """A row of the support package: editors order it, hide it and record when it was checked."""

    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    published = models.BooleanField(_("publicerad"), default=True)
    reviewed_on = models.DateField(_("granskad"), null=True, blank=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


def area_key(related_name: str) -> models.ForeignKey:
    """Content that belongs to one mandate area; the area page reads it via `related_name`."""
    return models.ForeignKey(
        "mandates.MandateArea",
        on_delete=models.CASCADE,
        related_name=related_name,
        verbose_name=_("mandatområde"),
    )


AREA_ORDERING = ["area__order", "order", "pk"]


class ContentVersion(models.Model):
    """One row whose number goes up on every content change.

    Cached pages carry the number in their key; because it lives in the database, every gunicorn
    worker and every app server sees a change at once, whatever cache backend they use.
    """

    version = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("innehållsversion")
        verbose_name_plural = _("innehållsversioner")

    def __str__(self) -> str:
        return str(self.version)
