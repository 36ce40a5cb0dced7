import pytest

from checklists.errors import TRANSITION_NOT_ALLOWED, ReadinessError
from checklists.models import ALLOWED_TRANSITIONS, ItemAssessment, ItemStatus, StatusChange
from checklists.services import assessment_set_status
from checklists.templatetags.checklist_fields import status_radios
from core.transitions import DomainError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("begun", ["pagar", "klar"])
def test_an_item_whose_work_has_begun_is_never_not_started_again(assessment, member, items, begun):
    assessment_set_status(assessment=assessment, item=items[0], status=begun, by=member)
    with pytest.raises(ReadinessError) as error:
        assessment_set_status(assessment=assessment, item=items[0], status="ej_paborjad", by=member)
    label = ItemStatus(begun).label
    assert str(error.value) == TRANSITION_NOT_ALLOWED.format(
        from_status=label, to_status="Ej påbörjad"
    )
    assert ItemAssessment.objects.get(assessment=assessment, item=items[0]).status == begun
    assert StatusChange.objects.count() == 1


def test_an_item_found_applicable_after_all_goes_back_to_not_started(assessment, member, items):
    assessment_set_status(
        assessment=assessment, item=items[0], status="ej_aktuell", by=member, reason="Inga barn"
    )
    entry = assessment_set_status(
        assessment=assessment, item=items[0], status="ej_paborjad", by=member
    )
    assert entry.status == "ej_paborjad"


def test_every_status_may_be_kept_and_readiness_may_move_back_from_done():
    for status in ItemStatus.values:
        assert ALLOWED_TRANSITIONS.allows(status, status)
    assert ALLOWED_TRANSITIONS.allows("klar", "pagar")
    assert not ALLOWED_TRANSITIONS.allows("klar", "ej_paborjad")


def test_the_radios_offer_exactly_the_statuses_the_table_allows():
    html = status_radios(7, "klar", ItemStatus.choices)
    assert 'value="ej_paborjad" disabled>' in html
    for status in ("pagar", "ej_aktuell"):
        assert f'value="{status}">' in html
    assert 'value="klar" checked>' in html


def test_readiness_refusals_are_domain_errors():
    assert issubclass(ReadinessError, DomainError)
