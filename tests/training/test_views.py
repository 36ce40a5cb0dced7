"""Every page by who is asking, and the plan → print → record → open actions flow."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from mandates.models import Film, Presentation, ReflectionQuestion
from training.models import Action, ActionStatus, ItemKind, SessionStatus
from training.services import (
    NOT_A_PLANNER,
    ActionInput,
    PackageChoice,
    session_add_package_items,
    session_record_outcome,
)

READ, PLAN = "read", "plan"

# (url name, whose pk, kind): "read" pages are for every member, "plan" pages for planners.
PAGES = [
    ("training:unit_sessions", "unit", READ),
    ("training:plan", "unit", PLAN),
    ("training:export_csv", "unit-year", READ),
    ("training:export_xlsx", "unit-year", READ),
    ("training:session_detail", "session", READ),
    ("training:session_update", "session", PLAN),
    ("training:agenda", "session", READ),
    ("training:agenda_pdf", "session", READ),
    ("training:record", "session", PLAN),
    ("training:cancel", "session", PLAN),
    ("training:reinstate", "session", PLAN),
    ("training:action_done", "action", PLAN),
    ("training:action_reopen", "action", PLAN),
]

# Who is asking → expected status for a read page and for a planning page.
WHO = {
    "anonymous": (302, 302),
    "outsider": (404, 404),
    "strateg": (404, 404),
    "colleague": (200, 403),
    "ombud": (200, 200),
    "chef": (200, 200),
    "superuser": (200, 200),
    "viewer_admin": (200, 403),
}


@pytest.fixture
def action(session, ombud):
    session_record_outcome(
        session=session,
        participants=8,
        notes={},
        actions=[ActionInput("Ta fram rutin", "Fia", datetime.date(2026, 6, 1))],
        by=ombud,
        today=datetime.date(2026, 11, 1),
    )
    return session.actions.get()


def url_for(name, whose, unit, session, action):
    if whose == "unit":
        return reverse(name, args=[unit.pk])
    if whose == "unit-year":
        return reverse(name, args=[unit.pk, 2026])
    if whose == "action":
        return reverse(name, args=[action.pk])
    return reverse(name, args=[session.pk])


@pytest.mark.parametrize(("name", "whose", "kind"), PAGES)
@pytest.mark.parametrize("who", list(WHO))
def test_each_page_answers_by_who_is_asking(
    request, client, name, whose, kind, who, unit, session, action
):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    url = url_for(name, whose, unit, session, action)
    response = client.get(url)
    expected = WHO[who][0 if kind == READ else 1]
    assert response.status_code == expected, (who, url)
    if expected == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["anonymous", "outsider", "strateg", "ombud", "superuser"])
def test_the_index_lists_only_units_whose_sessions_one_may_see(request, client, who, session):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("training:index"))
    if who == "anonymous":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert ("BVC Ljungby" in response.text) is (who in {"ombud", "superuser"})


POSTS = [
    ("training:add_package_items", False),
    ("training:add_own_item", False),
    ("training:move_item", True),
    ("training:item_minutes", True),
    ("training:remove_item", True),
]


@pytest.fixture
def planned(session, ombud):
    question = ReflectionQuestion.objects.filter(area__slug="vald-i-nara-relationer")[:2]
    session_add_package_items(
        session=session,
        chosen=PackageChoice([], [], [q.pk for q in question]),
        by=ombud,
    )
    return session


def post_url(name, with_item, session):
    if with_item:
        return reverse(name, args=[session.pk, session.items.last().pk])
    return reverse(name, args=[session.pk])


POST_DATA = {"title": "Fika", "minutes": "15", "riktning": "upp", "question": []}


@pytest.mark.parametrize(("name", "with_item"), POSTS)
def test_plan_steps_refuse_others_and_change_nothing(
    client, name, with_item, planned, colleague, outsider
):
    url = post_url(name, with_item, planned)
    before = list(planned.items.values_list("pk", "position", "minutes"))
    assert client.post(url, POST_DATA)["Location"].startswith(reverse("login"))
    client.force_login(outsider)
    assert client.post(url, POST_DATA).status_code == 404
    client.force_login(colleague)
    response = client.post(url, POST_DATA)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [NOT_A_PLANNER]
    assert list(planned.items.values_list("pk", "position", "minutes")) == before
    assert client.get(url).status_code == 405


def test_an_ombud_plans_a_session_from_the_package_with_plain_form_posts(
    client, package, unit, ombud
):
    client.force_login(ombud)
    response = client.post(
        reverse("training:plan", args=[unit.pk]),
        {"date": "2026-12-03", "start_time": "08:30", "areas": ["4"], "title": "APT"},
    )
    session = unit.training_sessions.get()
    assert response["Location"] == session.get_absolute_url() + "#lagg-till"
    page = client.get(session.get_absolute_url()).text
    asking = Film.objects.filter(group__title__startswith="Att ställa frågan")
    for film in asking:
        assert f'id="film-{film.pk}"' in page
    presentation = Presentation.objects.get(area_id=4, title="Sexuellt våld")
    question = ReflectionQuestion.objects.filter(area_id=4).first()
    client.post(
        reverse("training:add_package_items", args=[session.pk]),
        {
            "presentation": [presentation.pk],
            "film": [f.pk for f in asking],
            "question": [question.pk],
        },
    )
    client.post(
        reverse("training:add_own_item", args=[session.pk]), {"title": "Fika", "minutes": "10"}
    )
    own = session.items.get(kind=ItemKind.OWN)
    client.post(reverse("training:move_item", args=[session.pk, own.pk]), {"riktning": "upp"})
    labels = [i.label for i in session.items.order_by("position")]
    assert labels[-2:] == ["Fika", question.text]
    # 20 (presentation) + 45,5 (films) + 10 (fika) + 10 (question) = 85,5 minutes from 08:30.
    page = client.get(session.get_absolute_url()).text
    assert "Tidsplan: start 08:30, slut 09:56, sammanlagt 1 h 25 min 30 s" in page
    assert f'id="film-{asking[0].pk}"' not in page  # already in the plan


def test_moving_the_first_item_up_changes_nothing(client, planned, ombud):
    first, second = planned.items.order_by("position")
    client.force_login(ombud)
    client.post(reverse("training:move_item", args=[planned.pk, first.pk]), {"riktning": "upp"})
    assert list(planned.items.order_by("position")) == [first, second]
    client.post(reverse("training:move_item", args=[planned.pk, first.pk]), {"riktning": "ned"})
    assert list(planned.items.order_by("position")) == [second, first]


def test_bad_minutes_give_a_swedish_message_and_save_nothing(client, planned, ombud):
    item = planned.items.first()
    client.force_login(ombud)
    response = client.post(
        reverse("training:item_minutes", args=[planned.pk, item.pk]), {"minutes": "abc"}
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Ange minuter som ett heltal mellan 1 och 480."
    ]
    item.refresh_from_db()
    assert item.minutes == 10


def test_recording_saves_notes_and_actions_and_shows_them_open_on_the_unit(
    client, planned, ombud, package
):
    q1, q2 = planned.items.order_by("position")
    client.force_login(ombud)
    data = {
        "participants": "12",
        "summary": "Bra samtal.",
        f"note_{q1.pk}": "Vi frågar för sällan.",
        f"note_{q2.pk}": "",
        "atgard-TOTAL_FORMS": "3",
        "atgard-INITIAL_FORMS": "0",
        "atgard-0-what": "Skriv verksamhetsnära rutin",
        "atgard-0-who": "Fia och Carl",
        "atgard-0-due_on": "2026-12-15",
        "atgard-0-checklist_item": "12",
    }
    response = client.post(reverse("training:record", args=[planned.pk]), data)
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == SessionStatus.HELD and planned.participants == 12
    q1.refresh_from_db()
    assert q1.notes == "Vi frågar för sällan."
    action = planned.actions.get()
    assert (action.who, action.checklist_item_id, action.status) == (
        "Fia och Carl",
        12,
        ActionStatus.OPEN,
    )
    page = client.get(reverse("training:unit_sessions", args=[planned.unit_id])).text
    assert "Skriv verksamhetsnära rutin" in page
    tag = render_tag(planned.unit, ombud)
    assert "Skriv verksamhetsnära rutin" in tag and "Markera som klar" in tag


def test_an_incomplete_action_keeps_the_form_and_saves_nothing(client, planned, ombud):
    client.force_login(ombud)
    data = {
        "participants": "5",
        "atgard-TOTAL_FORMS": "3",
        "atgard-INITIAL_FORMS": "0",
        "atgard-0-what": "Något",
    }
    response = client.post(reverse("training:record", args=[planned.pk]), data)
    assert response.status_code == 400
    assert "Fyll i vad, vem och klart senast för varje åtgärd." in response.text
    planned.refresh_from_db()
    assert planned.status == SessionStatus.PLANNED and not Action.objects.exists()


def test_closing_an_action_from_the_unit_page_goes_back_there(client, action, ombud):
    client.force_login(ombud)
    url = reverse("training:action_done", args=[action.pk])
    assert "tillbaka" in client.get(url + "?tillbaka=enhet").text
    response = client.post(url, {"tillbaka": "enhet"})
    assert response["Location"] == action.session.unit.get_absolute_url() + "#atgarder"
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert "Ta fram rutin" not in render_tag(action.session.unit, ombud)


def test_cancel_asks_first_and_then_cancels(client, session, ombud):
    client.force_login(ombud)
    url = reverse("training:cancel", args=[session.pk])
    assert "Vill du ställa in tillfället?" in client.get(url).text
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED
    client.post(url, {"reason": "Sjukdom"})
    session.refresh_from_db()
    assert (session.status, session.cancel_reason) == (SessionStatus.CANCELLED, "Sjukdom")


def render_tag(unit, user, **extra):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load training_tags %}{% unit_open_actions unit %}")
    return template.render(Context({"unit": unit, "request": request, **extra}))


@pytest.mark.parametrize(
    ("who", "shown"),
    [("ombud", True), ("colleague", True), ("superuser", True), ("viewer_admin", True),
     ("strateg", False), ("outsider", False)],
)  # fmt: skip
def test_open_actions_on_the_unit_page_only_for_members_and_administrators(
    request, action, who, shown
):
    html = render_tag(action.session.unit, request.getfixturevalue(who))
    assert ("Ta fram rutin" in html) is shown


def test_open_actions_tag_for_an_anonymous_visitor_renders_nothing(action):
    from django.contrib.auth.models import AnonymousUser

    assert render_tag(action.session.unit, AnonymousUser()).strip() == ""


PAGES_HTML = ["training:session_detail", "training:agenda", "training:record"]


@pytest.mark.parametrize("name", PAGES_HTML)
def test_pages_have_no_inline_script_or_style_and_one_h1(client, planned, ombud, name):
    client.force_login(ombud)
    html = client.get(reverse(name, args=[planned.pk])).text
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert html.count("<h1") == 1
    ids = set(re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html))
    hidden = set(re.findall(r'<input[^>]*type="hidden"[^>]*id="([^"]+)"', html))
    labelled = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', html))
    assert ids - hidden <= labelled


@pytest.mark.parametrize(
    ("who", "shown"), [("ombud", True), ("colleague", True), ("strateg", False)]
)
def test_the_unit_page_of_the_readiness_app_shows_open_actions_to_members(
    request, client, action, who, shown
):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("checklists:unit_detail", args=[action.session.unit_id]))
    assert response.status_code == 200
    assert ("Ta fram rutin" in response.text) is shown
    assert ("Öppna åtgärder från utbildningstillfällen" in response.text) is shown


@pytest.mark.parametrize("where", ["unit_sessions", "session_detail", "tag"])
def test_an_open_action_past_its_date_is_marked_late(client, action, ombud, where):
    from training.services import action_mark_done

    client.force_login(ombud)
    pages = {
        "unit_sessions": lambda: (
            client.get(reverse("training:unit_sessions", args=[action.session.unit_id])).text
        ),
        "session_detail": lambda: client.get(action.session.get_absolute_url()).text,
        "tag": lambda: render_tag(action.session.unit, ombud),
    }
    action.due_on = datetime.date.today() - datetime.timedelta(days=1)
    action.save(update_fields=["due_on"])
    assert "Försenad" in pages[where]()
    action_mark_done(action=action, by=ombud)
    assert "Försenad" not in pages[where]()


def test_the_unit_page_s_open_actions_are_the_ones_the_orm_query_gives(action, ombud):
    from django.forms.models import model_to_dict

    from training.selectors import open_actions
    from training.templatetags.training_tags import _OPEN_ACTIONS

    Action.objects.create(
        session=action.session, what="Utan punkt", who="Fia", due_on=action.due_on
    )
    Action.objects.create(
        session=action.session, what="Klar", who="Fia", due_on=action.due_on,
        status=ActionStatus.DONE,
    )  # fmt: skip
    expected = list(open_actions(action.session.unit_id))
    found = _OPEN_ACTIONS.instances(unit=action.session.unit_id)
    assert [a.what for a in found] == [a.what for a in expected] == ["Ta fram rutin", "Utan punkt"]
    for ours, theirs in zip(found, expected, strict=True):
        assert model_to_dict(ours) == model_to_dict(theirs)
        assert model_to_dict(ours.session) == model_to_dict(theirs.session)
        assert (ours.checklist_item and ours.checklist_item.text) == (
            theirs.checklist_item and theirs.checklist_item.text
        )
