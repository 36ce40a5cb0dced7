"""The query table of issue 19: real queries as people type them, each with the item it must find
first. The same table runs on SQLite and on PostgreSQL (the suite runs on both), so the same
query gives the same first hit on both databases."""

import pytest

from mandates.search import SearchResults

# (query, title of the first hit, where it is, the "Menade du" suggestion or "")
QUERIES = [
    # the ten that found nothing before (issue 19)
    ("våldet", "Våld i nära relationer", "Våld i nära relationer", ""),
    ("hedersrelaterade", "Hedersrelaterat våld och förtryck", "Våld i nära relationer", ""),
    ("VÅLD", "Våld i nära relationer", "Våld i nära relationer", ""),
    ("närstående barn", "Barn som närstående", "Barn som närstående", ""),
    ("vald", "Våld i nära relationer", "Våld i nära relationer", ""),
    ("filmerna", "Film om barn som närstående", "Barn som närstående", ""),
    ("hedersrelaterat vald", "Hedersrelaterat våld och förtryck", "Våld i nära relationer", ""),
    ("barnrattsbaserade", "Barnrättsbaserade beslut", "Barnets rättigheter", ""),
    ("valdsutsatthet", "Vårddokumentation vid våldsutsatthet", "Barn som far illa", ""),
    ("reflektionsfrågorna", "Situationsfilmer med reflektionsfrågor", "Barnets rättigheter", ""),
    # inflections and capitals
    ("barnfridsbrottet", "Barn som närstående och barnfridsbrottet", "Barn som närstående", ""),
    ("barnfridsbrott", "Lagen om barnfridsbrott", "Barn som far illa", ""),
    ("anmälningsplikt", "Barn som far illa och anmälningsplikten", "Barn som far illa", ""),
    ("Barnkonventionen", "Barnkonventionen", "Barnets rättigheter", ""),
    ("BARNKONVENTIONEN", "Barnkonventionen", "Barnets rättigheter", ""),
    ("barnkonventionens", "Barnkonventionen", "Barnets rättigheter", ""),
    ("tandläkaren", "Nybesök hos tandläkaren", "Våld i nära relationer", ""),
    ("tandvård", "Barnets rättigheter inom tandvården", "Barnets rättigheter", ""),
    (
        "Kronobarnsmodellen",
        "Samverkan inom Kronobarnsmodellen",
        "Samverkan inom Kronobarnsmodellen",
        "",
    ),
    ("riskgrupper", "Särskilda våldsutsatta riskgrupper", "Våld i nära relationer", ""),
    # without å, ä, ö
    ("barnets rattigheter", "Barnets rättigheter", "Barnets rättigheter", ""),
    ("konsstympning", "Könsstympning av flickor och kvinnor", "Våld i nära relationer", ""),
    ("manniskohandel", "Prostitution och människohandel", "Våld i nära relationer", ""),
    ("aldre", "Webbutbildning om våld mot äldre", "Våld i nära relationer", ""),
    ("Sward", "Susann Swärd", "Familjeombudets uppdrag", ""),
    # compounds
    (
        "orosanmälan",
        "Skicka orosanmälan till socialtjänsten i Kronobergs län",
        "Våld i nära relationer",
        "",
    ),
    ("barnmorska", "Barnmorskemottagning", "Våld i nära relationer", ""),
    ("kvinnofrid", "Nationellt centrum för Kvinnofrid NCK", "Våld i nära relationer", ""),
    ("funktionsnedsättning", "Våld mot barn som har funktionsnedsättning", "Barn som far illa", ""),
    (
        "hedersvåld",
        "Hedersrelaterat våld och förtryck",
        "Våld i nära relationer",
        "hedersrelaterat våld",
    ),
    # typos
    ("barnkonventionem", "Barnkonventionen", "Barnets rättigheter", "barnkonventionen"),
    (
        "orosanmälen",
        "Skicka orosanmälan till socialtjänsten i Kronobergs län",
        "Våld i nära relationer",
        "",
    ),
    (
        "kronobarnsmodelen",
        "Samverkan inom Kronobarnsmodellen",
        "Samverkan inom Kronobarnsmodellen",
        "",
    ),
    ("vlad", "Våld i nära relationer", "Våld i nära relationer", "våld"),
    (
        "hedersrelaterat vlad",
        "Hedersrelaterat våld och förtryck",
        "Våld i nära relationer",
        "hedersrelaterat våld",
    ),
    ("psykiatrin", "På psykiatriska kliniken", "Våld i nära relationer", "psykiatriska"),
    # two words and phrases in quotes
    ("skyddade personuppgifter", "Rutin vid skyddade personuppgifter", "Barn som far illa", ""),
    (
        "misstanke om våld",
        "Handlingsplan vid misstanke om våld i nära relationer och/eller barn som far illa",
        "Barn som far illa",
        "",
    ),
    ('"barn som närstående"', "Barn som närstående", "Barn som närstående", ""),
    ('"barnets plan"', "Barnets plan", "Samverkan inom Kronobarnsmodellen", ""),
    ('"våld i nära relationer"', "Våld i nära relationer", "Våld i nära relationer", ""),
    ('"barnets bästa"', "Hur bedömer vi barnets bästa hos oss?", "Barnets rättigheter", ""),
    # body text, checklist items, the role, films by their provider
    (
        "årsredovisning",
        "Verksamheten rapporterar in till Barnbokslutet i samband med årsredovisningen.",
        "Barnets rättigheter",
        "",
    ),
    (
        "nätverksträffar",
        "Tid för deltagande i nätverksträffar med andra familjeombud två gånger om året.",
        "Familjeombudets uppdrag",
        "",
    ),
    (
        "polisen",
        "Eva och Johan - En film om svartsjuka och våld i nära relationer",
        "Våld i nära relationer",
        "",
    ),
    ("NOBAB", "Korta filmer om barnets rättigheter från NOBAB", "Barnets rättigheter", ""),
    ("SOSFS", "SOSFS 2014:4", "Våld i nära relationer", ""),
    ("mediprep", "MediPrep – barnens 1177", "Barnets rättigheter", ""),
]


def test_the_table_has_forty_queries_or_more_and_each_once():
    assert len(QUERIES) >= 40
    assert len({q for q, *_ in QUERIES}) == len(QUERIES)


@pytest.mark.parametrize(("query", "title", "place", "suggestion"), QUERIES)
def test_each_query_finds_its_item_first(package, query, title, place, suggestion):
    results = SearchResults(query, first_fetch=1)
    first = results[0:1]
    assert [(h.title, h.place) for h in first] == [(title, place)]
    assert results.suggestion == suggestion
