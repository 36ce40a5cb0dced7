import csv
import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from checklists import figures
from checklists.models import EventAttendance, EventKind, RegionEvent
from checklists.services import assessment_set_status, assessment_start_year
from organisation.models import Membership
from tests.signed_in import AUTH_QUERIES

from .conftest import MembershipFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(items, superuser):
    """Two units in 2026 with hand-picked statuses, one also in 2025, one without a checklist.

    Area 1 (barnets-rattigheter) items 0-2, area 2 items 3-5 ... 3 items in each of 5 areas.
    Alvesta VC 2026: area 1: klar, klar, ej_aktuell -> 2/2 = 100 %; area 2: klar, pagar, - -> 1/3
        = 33 %; others nothing -> 0 %. Overall 3 done of 14 applicable = 21 %.
    Ljungby BVC 2026: area 1: klar, -, - -> 1/3 = 33 %; overall 1/15 = 7 %.
    Ljungby BVC 2025: area 1: nothing; overall 0/15.
    """
    a = UnitFactory(name="Alvesta VC", municipality_id="alvesta", kind="vardcentral")
    b = UnitFactory(name="Ljungby BVC", municipality_id="ljungby", kind="bvc")
    UnitFactory(name="Markaryd Tandvård", municipality_id="markaryd", kind="tandvard")
    by = superuser
    a26 = assessment_start_year(unit=a, year=2026, by=by, copy_previous=False)
    for i, status in [(0, "klar"), (1, "klar"), (3, "klar"), (4, "pagar")]:
        assessment_set_status(assessment=a26, item=items[i], status=status, by=by)
    assessment_set_status(assessment=a26, item=items[2], status="ej_aktuell", by=by, reason="-")
    assessment_start_year(unit=b, year=2025, by=by, copy_previous=False)
    b26 = assessment_start_year(unit=b, year=2026, by=by, copy_previous=False)
    assessment_set_status(assessment=b26, item=items[0], status="klar", by=by)
    return a, b


def get(client, user, name="dashboard", **params):
    client.force_login(user)
    return client.get(reverse(f"checklists:{name}"), {"ar": 2026, **params})


def test_the_heatmap_figures_match_hand_computed_percentages(client, region, strateg):
    rows = {r.unit.name: r for r in get(client, strateg).context["rows"]}
    alvesta, ljungby, markaryd = rows["Alvesta VC"], rows["Ljungby BVC"], rows["Markaryd Tandvård"]
    assert [p.percent for p in alvesta.areas] == [100, 33, 0, 0, 0]
    assert (alvesta.overall.done, alvesta.overall.applicable, alvesta.overall.percent) == (
        3,
        14,
        21,
    )
    assert [p.percent for p in ljungby.areas] == [33, 0, 0, 0, 0]
    assert ljungby.overall.percent == 7
    assert markaryd.has_assessment is False


def test_the_region_totals_sum_done_over_applicable_across_units(client, region, strateg):
    context = get(client, strateg).context
    # area 1: (2 + 1) done of (2 + 3 + 3) applicable; Markaryd has no checklist but counts as 0.
    assert (context["totals"][0].done, context["totals"][0].applicable) == (3, 8)
    assert context["region"].done == 4 and context["region"].applicable == 44


def test_the_heatmap_prints_percentages_as_text_with_colour_only_as_a_class(
    client, region, strateg
):
    html = get(client, strateg).content.decode()
    assert '<td class="heat-4">100 %</td>' in html
    assert '<td class="heat-1">33 %</td>' in html
    assert "Ingen checklista för året" in html
    assert "style=" not in html


@pytest.mark.parametrize(
    ("params", "names"),
    [({"municipality": "ljungby"}, ["Ljungby BVC"]), ({"kind": "vardcentral"}, ["Alvesta VC"]),
     ({"municipality": "alvesta", "kind": "bvc"}, [])],
)  # fmt: skip
def test_the_dashboard_filters_by_municipality_and_kind(client, region, strateg, params, names):
    assert [r.unit.name for r in get(client, strateg, **params).context["rows"]] == names


def test_the_year_selector_shows_another_year(client, region, strateg):
    rows = {r.unit.name: r for r in get(client, strateg, ar=2025).context["rows"]}
    assert rows["Ljungby BVC"].has_assessment and not rows["Alvesta VC"].has_assessment
    assert rows["Ljungby BVC"].overall.percent == 0


def test_the_trend_has_one_point_per_year_and_a_text_alternative(client, region, strateg):
    response = get(client, strateg)
    trend = response.context["trend"]
    assert [(t["year"], t["units"]) for t in trend] == [(2025, 1), (2026, 2)]
    # 2026: 4 done of 2 units * 15 items - 1 not applicable = 29
    assert (trend[1]["overall"].done, trend[1]["overall"].applicable) == (4, 29)
    html = response.content.decode()
    assert 'role="img"' in html and '<title id="trend-title">' in html
    assert "<polyline" in html and "trend-table" in html


def test_the_csv_export_has_the_same_figures(client, region, strateg):
    response = get(client, strateg, name="dashboard_csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, body = rows[0], {r[0]: r for r in rows[1:]}
    assert header[:5] == ["Verksamhet", "Kommun", "Typ", "År", "Checklista påbörjad"]
    alvesta = body["Alvesta VC"]
    assert alvesta[5:10] == ["100", "33", "0", "0", "0"]
    assert alvesta[10:13] == ["21", "3", "14"]


def test_the_xlsx_export_opens_and_has_the_figures_in_its_cells(client, region, strateg):
    response = get(client, strateg, name="dashboard_xlsx", municipality="alvesta")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Verksamhet"
    assert sheet["F1"].value == "Barnets rättigheter (%)"
    assert [c.value for c in sheet[2]][:13] == [
        "Alvesta VC", "Alvesta", "Vårdcentral", 2026, "ja", 100, 33, 0, 0, 0, 21, 3, 14
    ]  # fmt: skip
    assert sheet.max_row == 2


def test_the_pdf_report_contains_the_units_figures_and_items(client, region, strateg, items):
    alvesta, _ = region
    client.force_login(strateg)
    response = client.get(reverse("checklists:unit_report_pdf", args=[alvesta.pk, 2026]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Beredskapsrapport 2026: Alvesta VC" in text
    assert "Barnets rättigheter" in text
    assert "100 %" in text and "21 %" in text
    assert "Verksamheten rapporterar in till Barnbokslutet" in text


def test_units_whose_familjeombud_lack_prerequisites_are_flagged(client, region, strateg):
    alvesta, ljungby = region
    ok = UserFactory(username="ok.ombud")
    MembershipFactory(unit=alvesta, user=ok, role="familjeombud", days_per_month=2)
    events = [
        RegionEvent.objects.create(kind=EventKind.BASIC_TRAINING, date=datetime.date(2025, 3, d),
                                   title=f"G{d}") for d in (1, 2)
    ] + [
        RegionEvent.objects.create(kind=EventKind.NETWORK_MEETING, date=datetime.date(2026, m, 1),
                                   title=f"N{m}") for m in (3, 9)
    ]  # fmt: skip
    EventAttendance.objects.bulk_create(EventAttendance(event=e, user=ok) for e in events)
    lacking = UserFactory(username="ny.ombud")
    MembershipFactory(unit=ljungby, user=lacking, role="familjeombud", days_per_month=None)
    EventAttendance.objects.create(event=events[2], user=lacking)
    page = get(client, strateg)
    rows = {r.unit.name: r for r in page.context["rows"]}
    assert rows["Alvesta VC"].flags == []
    assert rows["Ljungby BVC"].flags == [
        "Test: avsatt tid under 1 dag/månad",
        "Test: grundutbildning 0 av 2 dagar",
        "Test: nätverksträffar 1 av 2",
    ]
    assert rows["Markaryd Tandvård"].flags == ["saknar familjeombud"]
    assert page.context["flagged"] == 2
    assert Membership.objects.count() == 2


def add_units(n, items, by, offset=0):
    for i in range(n):
        unit = UnitFactory(name=f"Extra {offset + i:03d}", municipality_id="vaxjo")
        MembershipFactory(unit=unit, role="familjeombud")
        for year in (2025, 2026):
            a = assessment_start_year(unit=unit, year=year, by=by, copy_previous=False)
            assessment_set_status(assessment=a, item=items[i % 15], status="klar", by=by)


def without_csrf_tokens(html: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


@pytest.mark.parametrize("name", ["dashboard", "dashboard_csv", "dashboard_xlsx"])
def test_the_dashboard_query_count_does_not_grow_with_ten_times_the_units(
    client, items, superuser, strateg, django_assert_num_queries, name
):
    """Computed: areas, heatmap, familjeombud, trend, municipality names, the filter's
    municipalities. From the cache: nothing more (the page's content and the exports' files are
    cached whole; the test cache is in memory, with the database cache the read is one more
    query)."""
    form = 1
    add_units(3, items, superuser)
    get(client, strateg, name=name)
    url = reverse(f"checklists:{name}")
    for extra_units in (0, 27):
        add_units(extra_units, items, superuser, offset=3)
        figures.figures_changed()  # as a save does; the session stays cached
        with django_assert_num_queries(AUTH_QUERIES + 5 + form):
            computed = client.get(url, {"ar": 2026})
        with django_assert_num_queries(AUTH_QUERIES):
            cached = client.get(url, {"ar": 2026})
        assert without_csrf_tokens(cached.content) == without_csrf_tokens(computed.content)
    if name == "dashboard":
        assert len(computed.context["rows"]) == 30


def test_a_saved_item_shows_on_the_dashboard_at_once(client, region, strateg, items, superuser):
    alvesta, _ = region
    assert [p.percent for p in get(client, strateg).context["rows"][0].areas][2] == 0
    a26 = alvesta.assessments.get(year=2026)
    assessment_set_status(assessment=a26, item=items[6], status="klar", by=superuser)
    row = get(client, strateg).context["rows"][0]
    assert row.unit.name == "Alvesta VC" and row.areas[2].percent == 33
    csv_text = get(client, strateg, name="dashboard_csv").content.decode("utf-8-sig")
    assert "Alvesta VC;Alvesta;Vårdcentral;2026;ja;100;33;33;0;0;29;4;14" in csv_text


@pytest.mark.parametrize("change", ["rename", "new_unit", "delete_unit", "attendance", "days"])
def test_every_change_the_figures_read_shows_on_the_dashboard_at_once(
    client, region, strateg, change
):
    alvesta, ljungby = region
    ombud = MembershipFactory(unit=ljungby, role="familjeombud", days_per_month=None)
    before = {r.unit.name: r for r in get(client, strateg).context["rows"]}
    if change == "rename":
        alvesta.name = "Alvesta vårdcentral"
        alvesta.save()
    elif change == "new_unit":
        UnitFactory(name="Tingsryd BVC", municipality_id="tingsryd")
    elif change == "delete_unit":
        alvesta.delete()
    elif change == "attendance":
        event = RegionEvent.objects.create(
            kind=EventKind.NETWORK_MEETING, date=datetime.date(2026, 3, 1), title="N"
        )
        EventAttendance.objects.create(event=event, user=ombud.user)
    else:
        ombud.days_per_month = 2
        ombud.save()
    after = {r.unit.name: r for r in get(client, strateg).context["rows"]}
    assert after.keys() != before.keys() or [r.flags for r in after.values()] != [
        r.flags for r in before.values()
    ]


def test_a_login_does_not_empty_the_figures_cache(client, region, strateg):
    get(client, strateg)
    version = cache.get(figures.VERSION_KEY)
    client.force_login(strateg)  # saves last_login
    assert version is not None and cache.get(figures.VERSION_KEY) == version


def test_the_figures_are_dropped_again_when_the_transaction_commits(
    region, items, superuser, django_capture_on_commit_callbacks
):
    alvesta, _ = region
    a26 = alvesta.assessments.get(year=2026)
    with django_capture_on_commit_callbacks() as callbacks:
        assessment_set_status(assessment=a26, item=items[7], status="klar", by=superuser)
    version = figures.figures_version()  # a request that ran before the commit
    for callback in callbacks:
        callback()
    assert cache.get(figures.VERSION_KEY) != version


def test_the_unit_list_query_count_does_not_grow_with_ten_times_the_units(
    client, items, superuser, strateg, django_assert_num_queries
):
    """Auth, page count, the units with this year's figures, the familjeombud link."""
    add_units(3, items, superuser)
    client.force_login(strateg)
    url = reverse("checklists:unit_list")
    client.get(url)
    with django_assert_num_queries(AUTH_QUERIES + 3):
        client.get(url)
    add_units(27, items, superuser, offset=3)
    with django_assert_num_queries(AUTH_QUERIES + 3):
        response = client.get(url)
    assert len(response.context["units"]) == 30


def test_the_heatmap_escapes_unit_names_and_flags(client, region, strateg):
    unit = UnitFactory(name='<b>"Vård" & omsorg</b>', municipality_id="alvesta")
    MembershipFactory(
        unit=unit, user=UserFactory(username="x", first_name="<i>"), role="familjeombud"
    )
    html = get(client, strateg).content.decode()
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;b&gt;&quot;Vård&quot; &amp; omsorg&lt;/b&gt;" in html
    assert "&lt;i&gt;: avsatt tid under 1 dag/månad" in html


def test_the_trend_follows_the_filters(client, region, strateg):
    trend = get(client, strateg, municipality="ljungby").context["trend"]
    assert [(t["year"], t["units"]) for t in trend] == [(2025, 1), (2026, 1)]
    # Ljungby BVC 2026: 1 done of 15 items.
    assert (trend[1]["overall"].done, trend[1]["overall"].applicable) == (1, 15)
    markaryd = get(client, strateg, municipality="markaryd").context
    assert markaryd["trend"] == []
    assert markaryd["years"][0] >= 2026


def test_the_unit_list_pages_fifty_units_with_their_own_figures(
    client, items, superuser, strateg, monkeypatch
):
    monkeypatch.setattr("checklists.views.units.current_year", lambda: 2026)
    add_units(55, items, superuser)
    client.force_login(strateg)
    first_page = client.get(reverse("checklists:unit_list"))
    assert '<a class="page-link" href="?page=2">' in first_page.content.decode()
    first = first_page.context
    second = client.get(reverse("checklists:unit_list"), {"page": 2}).context
    assert first["page_obj"].paginator.count == 55
    assert [u.name for u in second["units"]] == [f"Extra {i:03d}" for i in range(50, 55)]
    # add_units marks item i % 15 done in 2025 and 2026: one of fifteen.
    assert {(u.progress.done, u.progress.applicable) for u in second["units"]} == {(1, 15)}
    assert all(u.started for u in first["units"])
