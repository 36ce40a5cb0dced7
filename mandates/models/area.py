"""The five mandate areas. Other apps point at these rows; nothing here imports them."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..durations import DurationTotal, total_duration
from .base import PublishedQuerySet


class MandateArea(models.Model):
    slug = models.SlugField(_("kortnamn"), unique=True)
    name = models.CharField(_("namn"), max_length=200)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    summary = models.TextField(_("sammanfattning"), blank=True)
    published = models.BooleanField(_("publicerad"), default=True)
    reviewed_on = models.DateField(_("granskad"), null=True, blank=True)
    law_text = models.TextField(
        _("lagar som reglerar området"),
        blank=True,
        help_text=_("Texten under rubriken, ordagrant. Lagrumen läggs in som egna rader."),
    )
    presentation_intro = models.TextField(_("inledning till presentationsmaterial"), blank=True)
    film_intro = models.TextField(_("inledning till filmer"), blank=True)
    further_reading_intro = models.TextField(_("inledning till fördjupningsmaterial"), blank=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("mandatområde")
        verbose_name_plural = _("mandatområden")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mandates:area_detail", kwargs={"slug": self.slug})

    def film_entries(self) -> list:
        """Films and film groups interleaved as the source lists them.

        Works on prefetched `films` and `film_groups` (see MandateArea.objects... in views), so it
        costs no query; a group carries its films as `group.member_films`.
        """
        films = list(self.films.all())
        groups = list(self.film_groups.all())
        for group in groups:
            group.is_group = True
            group.member_films = [f for f in films if f.group_id == group.pk]
        loose = [f for f in films if f.group_id is None]
        return sorted([*loose, *groups], key=lambda entry: (entry.order, entry.pk))

    def film_total(self) -> DurationTotal:
        """Total viewing time of the area's published films, for workshop planning.

        Uses the prefetched (already published-only) films when there are some, else one query.
        """
        if "films" in getattr(self, "_prefetched_objects_cache", {}):
            return total_duration(self.films.all())
        return total_duration(self.films.published())
