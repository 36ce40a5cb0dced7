"""Every case page opens its case through a query compiled once (core.compiled): it must give
the same case, with the same related rows, to the same people as the queryset it replaces."""

import pytest
from django.forms.models import model_to_dict

from samverkan import case_page
from samverkan.models import Case
from samverkan.services import cases as cs
from samverkan.services.reading import CASE_RELATIONS, CaseNotFound, case_open

pytestmark = pytest.mark.django_db


def as_orm_opens_it(user, pk):
    return Case.objects.select_related(*CASE_RELATIONS).visible_to(user).filter(pk=pk).first()


def same(a, b):
    assert model_to_dict(a) == model_to_dict(b)
    for relation in CASE_RELATIONS:
        ours, theirs = getattr(a, relation), getattr(b, relation)
        assert (ours and model_to_dict(ours)) == (theirs and model_to_dict(theirs)), relation
    assert (a._state.db, a._state.adding) == (b._state.db, b._state.adding)


def test_the_creator_and_a_colleague_open_the_case_with_its_related_rows(
    new_case, clinician, make_clinician
):
    case = new_case()
    colleague = make_clinician("kollegan")
    cs.case_add_member(case=case, actor=clinician, colleague=colleague)
    for user in (clinician, colleague):
        opened = case_open(actor=user, pk=case.pk, path="/")
        same(opened, as_orm_opens_it(user, case.pk))
        assert opened.created_by == clinician
        assert opened.municipality.name == "Växjö"


def test_somebody_else_is_refused_and_a_colleague_removed_is_refused_too(
    new_case, clinician, make_clinician
):
    case = new_case()
    other = make_clinician("annan")
    case_open(actor=clinician, pk=case.pk, path="/")  # compiled with the creator's id
    with pytest.raises(CaseNotFound):
        case_open(actor=other, pk=case.pk, path="/")
    cs.case_add_member(case=case, actor=clinician, colleague=other)
    assert case_open(actor=other, pk=case.pk, path="/") == case
    case.members.remove(other)
    with pytest.raises(CaseNotFound):
        case_open(actor=other, pk=case.pk, path="/")


def test_a_case_that_does_not_exist_is_not_found(new_case, clinician):
    new_case()
    with pytest.raises(CaseNotFound):
        case_open(actor=clinician, pk="00000000-0000-0000-0000-000000000001", path="/")


def test_a_case_opened_with_its_page_s_rows_carries_the_rows_a_separate_query_reads(
    invited_case, clinician, make_clinician
):
    colleague = make_clinician("kollegan")
    cs.case_add_member(case=invited_case, actor=clinician, colleague=colleague)
    rows = case_page.rows()
    opened = case_open(actor=clinician, pk=invited_case.pk, path="/", rows=rows)
    same(opened, as_orm_opens_it(clinician, invited_case.pk))
    carried = rows.taken_from(opened)
    assert rows.taken_from(opened) is None  # taken off the case: read once
    fetched = rows.fetch(invited_case.pk)
    assert set(carried) == set(fetched) == set(case_page._relations())
    for name, objects in fetched.items():
        assert [model_to_dict(o) for o in carried[name]] == [model_to_dict(o) for o in objects]
    assert carried["members"] and carried["invitations"] and carried["guardians"]


def test_a_case_opened_without_rows_carries_none(new_case, clinician):
    case = new_case()
    assert case_page.rows().taken_from(case_open(actor=clinician, pk=case.pk, path="/")) is None
