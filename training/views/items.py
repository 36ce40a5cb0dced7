"""The plan's own steps: add from the package, add an own item, move, time and remove items.

Plain form posts that redirect back to the plan, so everything works without JavaScript."""

from django.utils.translation import gettext_lazy as _

from ..forms import MinutesForm, OwnItemForm
from ..services import (
    MAX_MINUTES,
    MINUTES_OUT_OF_RANGE,
    NOT_IN_AREAS,
    OWN_TITLE_REQUIRED,
    PackageChoice,
    TrainingError,
    session_add_own_item,
    session_add_package_items,
    session_move_item,
    session_remove_item,
    session_set_item_minutes,
)
from .base import ServicePostView


def _ids(values: list[str]) -> list[int]:
    try:
        return [int(v) for v in values]
    except ValueError as error:
        raise TrainingError(NOT_IN_AREAS) from error


class AddPackageItemsView(ServicePostView):
    success_message = _("Punkterna är tillagda.")

    def perform(self, session):
        post = self.request.POST
        chosen = PackageChoice(
            presentations=_ids(post.getlist("presentation")),
            films=_ids(post.getlist("film")),
            questions=_ids(post.getlist("question")),
        )
        session_add_package_items(session=session, chosen=chosen, by=self.request.user)


class AddOwnItemView(ServicePostView):
    success_message = _("Punkten är tillagd.")

    def perform(self, session):
        form = OwnItemForm(self.request.POST)
        if not form.is_valid():
            if form.has_error("title"):
                raise TrainingError(OWN_TITLE_REQUIRED)
            raise TrainingError(MINUTES_OUT_OF_RANGE.format(max=MAX_MINUTES))
        session_add_own_item(session=session, by=self.request.user, **form.cleaned_data)


class MoveItemView(ServicePostView):
    def perform(self, session):
        up = self.request.POST.get("riktning") == "upp"
        session_move_item(
            session=session, item_pk=self.kwargs["item_pk"], up=up, by=self.request.user
        )

    def redirect_url(self, session) -> str:
        return session.get_absolute_url() + f"#punkt-{self.kwargs['item_pk']}"


class ItemMinutesView(ServicePostView):
    success_message = _("Tiden är ändrad.")

    def perform(self, session):
        form = MinutesForm(self.request.POST)
        if not form.is_valid():
            raise TrainingError(MINUTES_OUT_OF_RANGE.format(max=MAX_MINUTES))
        session_set_item_minutes(
            session=session,
            item_pk=self.kwargs["item_pk"],
            minutes=form.cleaned_data["minutes"],
            by=self.request.user,
        )


class RemoveItemView(ServicePostView):
    success_message = _("Punkten är borttagen.")

    def perform(self, session):
        session_remove_item(session=session, item_pk=self.kwargs["item_pk"], by=self.request.user)
