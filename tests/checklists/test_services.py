import pytest

from checklists.models import Assessment, ItemAssessment, ItemStatus, StatusChange
from checklists.services import (
    INVALID_STATUS,
    NO_PREVIOUS_YEAR,
    NOT_A_MEMBER,
    REASON_REQUIRED,
    TEXT_TOO_LONG,
    YEAR_EXISTS,
    YEAR_OUT_OF_RANGE,
    ReadinessError,
    assessment_set_status,
    assessment_start_year,
    last_allowed_year,
)

pytestmark = pytest.mark.django_db


def test_starting_a_year_empty_gives_every_published_item_the_status_not_started(
    unit, member, items
):
    assessment = assessment_start_year(unit=unit, year=2026, by=member, copy_previous=False)
    entries = ItemAssessment.objects.filter(assessment=assessment)
    assert entries.count() == len(items) == 15
    assert set(entries.values_list("status", flat=True)) == {ItemStatus.NOT_STARTED}
    assert not StatusChange.objects.exists()


def test_a_member_ticks_an_item_and_it_is_saved_with_who_and_when(assessment, member, items):
    entry = assessment_set_status(
        assessment=assessment, item=items[0], status=ItemStatus.DONE, by=member, comment="Klart"
    )
    entry.refresh_from_db()
    assert (entry.status, entry.comment, entry.changed_by) == (ItemStatus.DONE, "Klart", member)
    assert entry.changed_at is not None


def test_every_change_is_kept_in_the_history_from_and_to(assessment, member, other_member, items):
    assessment_set_status(assessment=assessment, item=items[0], status="pagar", by=member)
    assessment_set_status(assessment=assessment, item=items[0], status="klar", by=other_member)
    history = list(StatusChange.objects.filter(entry__item=items[0]).order_by("pk"))
    assert [(h.from_status, h.to_status, h.changed_by) for h in history] == [
        ("ej_paborjad", "pagar", member),
        ("pagar", "klar", other_member),
    ]


def test_saving_the_same_values_again_adds_no_history_row(assessment, member, items):
    assessment_set_status(assessment=assessment, item=items[0], status="klar", by=member)
    assessment_set_status(assessment=assessment, item=items[0], status="klar", by=member)
    assert StatusChange.objects.count() == 1


def test_a_comment_alone_is_a_change_in_the_history(assessment, member, items):
    assessment_set_status(assessment=assessment, item=items[0], status="klar", by=member)
    assessment_set_status(
        assessment=assessment, item=items[0], status="klar", by=member, comment="Ny rutin"
    )
    last = StatusChange.objects.order_by("pk").last()
    assert (last.from_status, last.to_status, last.comment) == ("klar", "klar", "Ny rutin")


def test_not_applicable_requires_a_reason_and_nothing_is_saved_without_one(
    assessment, member, items
):
    with pytest.raises(ReadinessError) as error:
        assessment_set_status(
            assessment=assessment, item=items[0], status="ej_aktuell", by=member, reason="  "
        )
    assert str(error.value) == REASON_REQUIRED
    assert ItemAssessment.objects.get(assessment=assessment, item=items[0]).status == "ej_paborjad"
    assert not StatusChange.objects.exists()


def test_not_applicable_with_a_reason_is_saved_and_the_reason_is_dropped_when_it_changes_back(
    assessment, member, items
):
    assessment_set_status(
        assessment=assessment, item=items[0], status="ej_aktuell", by=member, reason="Inga barn"
    )
    entry = ItemAssessment.objects.get(assessment=assessment, item=items[0])
    assert (entry.status, entry.reason) == ("ej_aktuell", "Inga barn")
    assessment_set_status(assessment=assessment, item=items[0], status="pagar", by=member)
    entry.refresh_from_db()
    assert (entry.status, entry.reason) == ("pagar", "")


def test_an_unknown_status_is_refused(assessment, member, items):
    with pytest.raises(ReadinessError) as error:
        assessment_set_status(assessment=assessment, item=items[0], status="typ", by=member)
    assert str(error.value) == INVALID_STATUS


def test_a_too_long_comment_is_refused(assessment, member, items):
    with pytest.raises(ReadinessError) as error:
        assessment_set_status(
            assessment=assessment, item=items[0], status="klar", by=member, comment="x" * 2001
        )
    assert str(error.value) == TEXT_TOO_LONG.format(max=2000)


@pytest.mark.parametrize("who", ["outsider", "strateg"])
def test_only_members_change_an_assessment(request, assessment, items, who):
    user = request.getfixturevalue(who)
    with pytest.raises(ReadinessError) as error:
        assessment_set_status(assessment=assessment, item=items[0], status="klar", by=user)
    assert str(error.value) == NOT_A_MEMBER
    assert not StatusChange.objects.exists()


def test_a_superuser_may_change_any_assessment(assessment, superuser, items):
    assessment_set_status(assessment=assessment, item=items[0], status="klar", by=superuser)
    assert StatusChange.objects.get().changed_by == superuser


def test_a_year_can_only_be_started_once(assessment, unit, member):
    with pytest.raises(ReadinessError) as error:
        assessment_start_year(unit=unit, year=2026, by=member, copy_previous=False)
    assert str(error.value) == YEAR_EXISTS.format(year=2026)


def test_a_year_far_in_the_future_is_refused(unit, member, items):
    with pytest.raises(ReadinessError) as error:
        assessment_start_year(unit=unit, year=2099, by=member, copy_previous=False)
    assert str(error.value) == YEAR_OUT_OF_RANGE.format(first=2020, last=last_allowed_year())
    assert not Assessment.objects.exists()


def test_copying_needs_an_earlier_year(unit, member, items):
    with pytest.raises(ReadinessError) as error:
        assessment_start_year(unit=unit, year=2025, by=member, copy_previous=True)
    assert str(error.value) == NO_PREVIOUS_YEAR
    assert not Assessment.objects.exists()


def test_a_new_year_copied_from_last_year_keeps_statuses_reasons_and_comments(unit, member, items):
    last = assessment_start_year(unit=unit, year=2024, by=member, copy_previous=False)
    assessment_set_status(assessment=last, item=items[0], status="klar", by=member, comment="A")
    assessment_set_status(
        assessment=last, item=items[1], status="ej_aktuell", by=member, reason="Inga barn"
    )
    new = assessment_start_year(unit=unit, year=2025, by=member, copy_previous=True)
    copied = {e.item_id: e for e in new.entries.all()}
    assert (copied[items[0].pk].status, copied[items[0].pk].comment) == ("klar", "A")
    assert (copied[items[1].pk].status, copied[items[1].pk].reason) == ("ej_aktuell", "Inga barn")
    assert copied[items[2].pk].status == "ej_paborjad"
    assert new.copied_from == last
    copies = StatusChange.objects.filter(entry__assessment=new)
    assert copies.count() == 2 and all(c.copied for c in copies)
    # last year's own entries are untouched by later changes
    assessment_set_status(assessment=new, item=items[0], status="pagar", by=member)
    assert last.entries.get(item=items[0]).status == "klar"


def test_a_new_year_started_empty_ignores_last_year(unit, member, items):
    last = assessment_start_year(unit=unit, year=2024, by=member, copy_previous=False)
    assessment_set_status(assessment=last, item=items[0], status="klar", by=member)
    new = assessment_start_year(unit=unit, year=2025, by=member, copy_previous=False)
    assert set(new.entries.values_list("status", flat=True)) == {"ej_paborjad"}


def test_an_item_published_after_the_year_started_can_still_be_ticked(assessment, member, items):
    from mandates.models import ChecklistItem

    late = ChecklistItem.objects.create(area=items[0].area, order=9, text="Ny punkt")
    assessment_set_status(assessment=assessment, item=late, status="klar", by=member)
    assert ItemAssessment.objects.get(assessment=assessment, item=late).status == "klar"
