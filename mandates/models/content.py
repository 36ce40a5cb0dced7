"""Each kind of item in an area's support package, one model per section of the source."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..durations import DURATION_UNREADABLE, format_span, parse_duration, unreadable_duration
from .base import AREA_ORDERING, ContentItem, area_key


class LinkedItem(ContentItem):
    title = models.CharField(_("titel"), max_length=300)
    url = models.URLField(_("länk"), max_length=500, blank=True)

    class Meta(ContentItem.Meta):
        abstract = True
        ordering = AREA_ORDERING

    def __str__(self) -> str:
        return self.title


class LawReference(ContentItem):
    """One law or regulation the area's law text cites, kept apart so it can be listed and found.

    `citation` is built from the parts in the modern form ("Hälso- och sjukvårdslagen 5 kap.
    6 §"); `as_written` keeps the source's own wording ("Hälso- och sjukvårdslagen kap. 5 § 6").
    """

    area = area_key("law_references")
    law = models.CharField(_("lag eller föreskrift"), max_length=300)
    chapter = models.CharField(_("kapitel"), max_length=40, blank=True)
    section = models.CharField(_("paragraf"), max_length=40, blank=True)
    code = models.CharField(
        _("beteckning"), max_length=60, blank=True, help_text=_("Till exempel SOSFS 2014:4.")
    )
    as_written = models.CharField(_("som i källan"), max_length=300, blank=True)
    citation = models.CharField(_("hänvisning"), max_length=400, editable=False)

    class Meta(ContentItem.Meta):
        ordering = AREA_ORDERING
        verbose_name = _("lagrum")
        verbose_name_plural = _("lagrum")

    def __str__(self) -> str:
        return self.citation or self.build_citation()

    def build_citation(self) -> str:
        if self.code:
            return self.code
        text = self.law
        if self.chapter:
            text += f" {self.chapter} kap."
        if self.section:
            several = any(mark in self.section for mark in (",", "-", "–", " och "))
            text += f" {self.section} {'§§' if several else '§'}"
        return text

    def save(self, *args, **kwargs):
        self.citation = self.build_citation()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "citation"}
        super().save(*args, **kwargs)


class GoverningDocument(LinkedItem):
    area = area_key("governing_documents")
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta(LinkedItem.Meta):
        verbose_name = _("styrdokument")
        verbose_name_plural = _("styrdokument")


class Presentation(LinkedItem):
    area = area_key("presentations")

    class Meta(LinkedItem.Meta):
        verbose_name = _("presentationsmaterial")
        verbose_name_plural = _("presentationsmaterial")


class FilmGroup(LinkedItem):
    """Films the source lists under one heading, e.g. "Att ställa frågan om våldsutsatthet på:".

    `order` places the group among the area's loose films.
    """

    area = area_key("film_groups")
    intro = models.TextField(_("inledning"), blank=True)

    class Meta(LinkedItem.Meta):
        verbose_name = _("filmgrupp")
        verbose_name_plural = _("filmgrupper")


FILM_GROUP_OTHER_AREA = _("Filmgruppen hör till ett annat mandatområde än filmen.")


class Film(LinkedItem):
    """A film with its duration as written and the seconds read from it (see durations.py).

    duration_min_seconds/duration_max_seconds are None when the source gives no duration or the
    film is only announced; sums count such films apart instead of as zero.
    """

    area = area_key("films")
    group = models.ForeignKey(
        FilmGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_films",
        verbose_name=_("filmgrupp"),
    )
    provider = models.CharField(_("avsändare"), max_length=200, blank=True)
    note = models.TextField(_("beskrivning"), blank=True)
    duration_text = models.CharField(
        _("längd som skriven"),
        max_length=100,
        blank=True,
        help_text=_("Som i källan: ca 4 minuter, ca 14 + 21 minuter, 3.50 minuter, 2-3 minuter."),
    )
    duration_min_seconds = models.PositiveIntegerField(
        _("kortaste längd (s)"), null=True, blank=True, editable=False
    )
    duration_max_seconds = models.PositiveIntegerField(
        _("längsta längd (s)"), null=True, blank=True, editable=False
    )
    parts = models.PositiveSmallIntegerField(_("antal delar"), default=1, editable=False)
    announced = models.BooleanField(
        _("aviserad"), default=False, help_text=_("Filmen är på gång och har ingen länk ännu.")
    )
    discussion_questions = models.TextField(
        _("diskussionsfrågor"), blank=True, help_text=_("En fråga per rad.")
    )

    class Meta(LinkedItem.Meta):
        verbose_name = _("film")
        verbose_name_plural = _("filmer")

    def clean(self):
        super().clean()
        if self.group_id and self.area_id and self.group.area_id != self.area_id:
            raise ValidationError({"group": FILM_GROUP_OTHER_AREA})
        if unreadable_duration(self.duration_text):
            text = self.duration_text.strip()[:80]
            raise ValidationError({"duration_text": DURATION_UNREADABLE.format(text=text)})

    def save(self, *args, **kwargs):
        parsed = parse_duration(self.duration_text)
        self.duration_min_seconds = parsed.min_seconds if parsed else None
        self.duration_max_seconds = parsed.max_seconds if parsed else None
        self.parts = parsed.parts if parsed else 1
        if kwargs.get("update_fields") is not None:
            derived = {"duration_min_seconds", "duration_max_seconds", "parts"}
            kwargs["update_fields"] = {*kwargs["update_fields"], *derived}
        super().save(*args, **kwargs)

    @property
    def duration_minutes_min(self) -> float | None:
        return None if self.duration_min_seconds is None else self.duration_min_seconds / 60

    @property
    def duration_minutes_max(self) -> float | None:
        return None if self.duration_max_seconds is None else self.duration_max_seconds / 60

    @property
    def duration_display(self) -> str:
        if self.duration_min_seconds is None:
            return ""
        return format_span(self.duration_min_seconds, self.duration_max_seconds)

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.discussion_questions.splitlines() if line.strip()]


class FurtherReading(LinkedItem):
    area = area_key("further_reading")

    class Meta(LinkedItem.Meta):
        verbose_name = _("fördjupningsmaterial")
        verbose_name_plural = _("fördjupningsmaterial")


class WebCourse(LinkedItem):
    area = area_key("web_courses")

    class Meta(LinkedItem.Meta):
        verbose_name = _("webbutbildning")
        verbose_name_plural = _("webbutbildningar")


class EmployerResource(LinkedItem):
    """The section "Arbetsgivarens ansvar vid våld i nära relationer"."""

    area = area_key("employer_resources")

    class Meta(LinkedItem.Meta):
        verbose_name = _("stöd för arbetsgivarens ansvar")
        verbose_name_plural = _("arbetsgivarens ansvar")


class ReflectionQuestion(ContentItem):
    area = area_key("reflection_questions")
    text = models.TextField(_("fråga"))

    class Meta(ContentItem.Meta):
        ordering = AREA_ORDERING
        verbose_name = _("reflektionsfråga")
        verbose_name_plural = _("reflektionsfrågor")

    def __str__(self) -> str:
        return self.text
