"""Meetings, invitations and contacts before a meeting."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Case
from .directory import Channel, OrganisationType


class MeetingMode(models.TextChoices):
    PHYSICAL = "physical", _("Fysiskt möte")
    DIGITAL = "digital", _("Digitalt möte")


class Meeting(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    form = models.CharField(_("mötesform"), max_length=10, choices=MeetingMode.choices)
    room = models.CharField(_("lokal"), max_length=200, blank=True)
    link = models.URLField(_("möteslänk"), blank=True)
    starts_at = models.DateTimeField(_("tid"))
    is_follow_up = models.BooleanField(_("uppföljande möte"), default=False)
    held = models.BooleanField(_("hållet"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("samverkansmöte")
        verbose_name_plural = _("samverkansmöten")

    def __str__(self) -> str:
        return f"Möte {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def place(self) -> str:
        return self.room if self.form == MeetingMode.PHYSICAL else self.link


class Invitation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="invitations")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        OrganisationType, on_delete=models.PROTECT, verbose_name=_("verksamhet")
    )
    recipient = models.CharField(_("mottagare (namn eller funktion)"), max_length=200)
    recipient_address = models.TextField(_("mottagarens adress eller e-post"), blank=True)
    channel = models.CharField(_("kanal"), max_length=20, choices=Channel.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A withdrawn invitation stays on record; the organisation may then be invited again.
    withdrawn_at = models.DateTimeField(_("tillbakadragen"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("skäl"), blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")

    def __str__(self) -> str:
        return f"Inbjudan till {self.organisation_id}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class ContactBeforeMeeting(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    organisation = models.ForeignKey(
        OrganisationType, on_delete=models.PROTECT, verbose_name=_("verksamhet")
    )
    purpose = models.TextField(_("syfte och vad som delades"))
    shared_was_proportionate = models.BooleanField(
        _("det som delades var nödvändigt, relevant och proportionerligt"), default=False
    )
    no_support_agreed = models.BooleanField(
        _("inget stöd kom vi överens om utan barnet och familjen"), default=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at"]
        verbose_name = _("kontakt före mötet")
        verbose_name_plural = _("kontakter före mötet")

    def __str__(self) -> str:
        return f"Kontakt {self.recorded_at:%Y-%m-%d}"
