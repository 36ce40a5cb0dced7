"""Drops the dashboard figures' cache version whenever data they are computed from changes.

Connected in ChecklistsConfig.ready(). Dropped at once (so the same request or test sees the
change) and again on commit (so figures computed by another request from data read before the
commit are not kept). bulk_create and QuerySet.update send no signals: code that writes that
way (seed_demo_units) calls figures_changed() itself."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from mandates.models import ChecklistItem, MandateArea
from organisation.models import Membership, Municipality, Unit

from .figures import figures_changed
from .models import Assessment, EventAttendance, ItemAssessment, RegionEvent

WATCHED = [
    Unit,
    Municipality,  # its name is in the heatmap, the filter and the unit page's cached body
    Membership,
    Assessment,
    ItemAssessment,
    ChecklistItem,
    RegionEvent,
    EventAttendance,
    MandateArea,
]


def _changed(sender, **kwargs):
    figures_changed()
    transaction.on_commit(figures_changed)


def _user_changed(sender, update_fields=None, **kwargs):
    """Names appear in the familjeombud flags; a login (only last_login saved) changes none."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    _changed(sender, **kwargs)


def connect() -> None:
    for model in WATCHED:
        uid = f"checklists-figures-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + "-delete")
    user = get_user_model()
    post_save.connect(_user_changed, sender=user, dispatch_uid="checklists-figures-user-save")
    post_delete.connect(_changed, sender=user, dispatch_uid="checklists-figures-user-delete")
