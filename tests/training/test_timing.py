"""The agenda's clock on the source's real films (loaded from fixtures/)."""

import datetime

import pytest

from mandates.models import Film, FilmGroup, Presentation, ReflectionQuestion
from training.models import ItemKind, SessionItem
from training.services import PackageChoice, session_add_package_items, session_set_item_minutes
from training.timing import build_agenda, rounded, session_agenda

from .conftest import area

ASKING_GROUP = "Att ställa frågan om våldsutsatthet på:"


def add(session, ombud, *, films=(), presentations=(), questions=()):
    chosen = PackageChoice(
        presentations=[p.pk for p in presentations],
        films=[f.pk for f in films],
        questions=[q.pk for q in questions],
    )
    session_add_package_items(session=session, chosen=chosen, by=ombud)
    session.refresh_from_db()
    return session_agenda(session)


def test_the_two_part_dental_film_ca_14_plus_21_minutes_takes_35_minutes(session, ombud):
    from training.services import session_update_plan

    session_update_plan(
        session=session,
        date=session.date,
        start_time=datetime.time(9, 0),
        areas=[area("barnets-rattigheter")],
        by=ombud,
    )
    film = Film.objects.get(duration_text="ca 14 + 21 minuter")
    agenda = add(session, ombud, films=[film])
    assert agenda.min_seconds == agenda.max_seconds == 35 * 60
    assert agenda.rows[0].duration_display == "35 min"
    assert agenda.end_display == "09:35"


def test_the_nine_asking_about_violence_films_sum_to_45_and_a_half_minutes(session, ombud):
    films = list(Film.objects.filter(group__title=ASKING_GROUP))
    assert len(films) == 9
    agenda = add(session, ombud, films=films)
    # 3 + 5 + 7 + 3,5 + 9 + 7 + 5 + 3 + 3 minutes = 45,5 minutes, as the source lists them.
    assert agenda.min_seconds == agenda.max_seconds == 2730
    assert agenda.total_display == "45 min 30 s"
    # 13:00 + 45:30 rounds up to 13:46.
    assert agenda.end_display == "13:46"
    assert agenda.unknown == 0


def test_each_item_starts_when_the_one_before_ends(session, ombud):
    presentation = Presentation.objects.get(
        area__slug="vald-i-nara-relationer", title="Sexuellt våld"
    )
    film = Film.objects.get(title="Hedersrelaterat våld och förtryck")  # 19 minuter
    question = ReflectionQuestion.objects.filter(area__slug="vald-i-nara-relationer").first()
    agenda = add(session, ombud, presentations=[presentation], films=[film], questions=[question])
    # Presentations suggest 20 minutes and questions 10: 13:00, 13:20, 13:39, end 13:49.
    assert [row.start_display for row in agenda.rows] == ["13:00", "13:20", "13:39"]
    assert [row.item.kind for row in agenda.rows] == [
        ItemKind.PRESENTATION,
        ItemKind.FILM,
        ItemKind.QUESTION,
    ]
    assert agenda.end_display == "13:49"
    assert agenda.total_display == "49 min"


def test_a_film_of_3_minutes_50_moves_the_next_start_to_the_nearest_minute(session, ombud):
    film = Film.objects.get(duration_text="3.50 minuter")
    question = ReflectionQuestion.objects.filter(area__slug="vald-i-nara-relationer").first()
    agenda = add(session, ombud, films=[film], questions=[question])
    assert agenda.rows[1].start_min == datetime.datetime(2026, 3, 10, 13, 3, 50)
    assert agenda.rows[1].start_display == "13:04"


def test_a_range_film_makes_every_later_start_a_range(session, ombud):
    from training.services import session_update_plan

    session_update_plan(
        session=session,
        date=session.date,
        start_time=datetime.time(13, 0),
        areas=[area("barnets-rattigheter")],
        by=ombud,
    )
    nobab = Film.objects.get(duration_text="5 korta filmer (2-3 minuter)")
    question = ReflectionQuestion.objects.filter(area__slug="barnets-rattigheter").first()
    agenda = add(session, ombud, films=[nobab], questions=[question])
    # 5 films of 2-3 minutes: 10-15 minutes, then a 10-minute question.
    assert agenda.rows[0].duration_display == "10 min–15 min"
    assert agenda.rows[1].start_display == "13:10–13:15"
    assert agenda.end_display == "13:20–13:25"
    assert agenda.is_range and agenda.total_display == "20 min–25 min"


def test_a_film_without_a_duration_is_flagged_and_so_are_the_times_after_it(session, ombud):
    from training.services import session_update_plan

    session_update_plan(
        session=session,
        date=session.date,
        start_time=datetime.time(13, 0),
        areas=[area("samverkan-kronobarnsmodellen")],
        by=ombud,
    )
    no_length = Film.objects.get(title="Barnets plan")
    question = ReflectionQuestion.objects.filter(area__slug="samverkan-kronobarnsmodellen").first()
    agenda = add(session, ombud, films=[no_length], questions=[question])
    film_row, question_row = agenda.rows
    assert film_row.duration_unknown and not film_row.estimated
    assert film_row.duration_display == ""
    assert question_row.after_unknown and not film_row.after_unknown
    assert agenda.unknown == 1
    # Counted as nothing, never guessed: the question follows at once.
    assert question_row.start_display == "13:00"


def test_an_estimate_for_a_film_without_a_duration_is_used_but_still_flagged(session, ombud):
    from training.services import session_update_plan

    session_update_plan(
        session=session,
        date=session.date,
        start_time=datetime.time(13, 0),
        areas=[area("samverkan-kronobarnsmodellen")],
        by=ombud,
    )
    agenda = add(session, ombud, films=[Film.objects.get(title="Livet är inte så lätt")])
    session_set_item_minutes(session=session, item_pk=agenda.rows[0].item.pk, minutes=12, by=ombud)
    agenda = session_agenda(session.__class__.objects.get(pk=session.pk))
    assert agenda.rows[0].estimated and agenda.rows[0].duration_unknown
    assert agenda.end_display == "13:12" and agenda.unknown == 1


def test_a_film_in_a_group_is_labelled_with_the_group_heading(session, ombud):
    film = Film.objects.get(title="Akutmottagningen")
    agenda = add(session, ombud, films=[film])
    assert agenda.rows[0].item.label == f"{ASKING_GROUP} Akutmottagningen"
    assert FilmGroup.objects.filter(title=ASKING_GROUP).count() == 1


def test_the_agenda_clock_needs_no_database():
    items = [
        SessionItem(kind=ItemKind.OWN, title="Inledning", minutes=5),
        SessionItem(
            kind=ItemKind.FILM, film=Film(duration_min_seconds=120, duration_max_seconds=180)
        ),
        SessionItem(kind=ItemKind.OWN, title="Samtal", minutes=15),
    ]
    agenda = build_agenda(items, datetime.date(2026, 5, 4), datetime.time(8, 30))
    assert [r.start_display for r in agenda.rows] == ["08:30", "08:35", "08:37–08:38"]
    assert agenda.end_display == "08:52–08:53"


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "10:00"), (29, "10:00"), (30, "10:01"), (89, "10:01"), (90, "10:02")],
)
def test_times_are_rounded_to_the_nearest_minute(seconds, shown):
    moment = datetime.datetime(2026, 1, 1, 10, 0) + datetime.timedelta(seconds=seconds)
    assert f"{rounded(moment):%H:%M}" == shown
