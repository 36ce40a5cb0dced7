"""The familjeombud role page: what the role is for, what it needs, whom to ask."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import ContentItem


class RoleItem(ContentItem):
    class Kind(models.TextChoices):
        ASSIGNMENT = "assignment", _("Familjeombudens uppdrag som resurspersoner")
        PREREQUISITE = "prerequisite", _("Förutsättningar för familjeombudens uppdrag")
        PACKAGE_CONTENT = "package_content", _("Stödpakets innehåll inom varje mandatområde")

    kind = models.CharField(_("avsnitt"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("text"))

    class Meta(ContentItem.Meta):
        ordering = ["kind", "order", "pk"]
        verbose_name = _("punkt om uppdraget")
        verbose_name_plural = _("punkter om uppdraget")

    def __str__(self) -> str:
        return self.text


class Contact(ContentItem):
    """ "För vidare stöd och/eller utbildning": people familjeombud can turn to."""

    name = models.CharField(_("namn"), max_length=200)
    role = models.CharField(_("roll"), max_length=300)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)

    class Meta(ContentItem.Meta):
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self) -> str:
        return self.name

    @property
    def phone_uri(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return f"tel:+46{digits[1:]}" if digits.startswith("0") else f"tel:{digits}"
