import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_health_answers_ok_in_plain_text_without_touching_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_health_sets_no_session_cookie(client):
    response = client.get("/halsa/")
    assert "sessionid" not in response.cookies
    assert "csrftoken" not in response.cookies


def test_health_refuses_a_post(client):
    assert client.post("/halsa/").status_code == 405
