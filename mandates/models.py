"""The support package's content. Other apps point at these rows; nothing here imports them."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class MandateArea(models.Model):
    slug = models.SlugField(_("kortnamn"), unique=True)
    name = models.CharField(_("namn"), max_length=200)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    summary = models.TextField(_("sammanfattning"), blank=True)
    published = models.BooleanField(_("publicerad"), default=True)
    reviewed_on = models.DateField(_("granskad"), null=True, blank=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("mandatområde")
        verbose_name_plural = _("mandatområden")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mandates:area_detail", kwargs={"slug": self.slug})
