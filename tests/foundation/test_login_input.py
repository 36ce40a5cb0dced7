"""The login form's own checks on what is typed, before anything reaches authentication."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from accounts.forms import MSG_USERNAME_TOO_LONG

pytestmark = pytest.mark.django_db


def test_a_username_longer_than_any_account_is_refused_before_authentication(client):
    """It used to reach django-axes, whose 255-character column PostgreSQL refused (a 500)."""
    response = client.post(reverse("login"), {"username": "a" * 300, "password": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        MSG_USERNAME_TOO_LONG % {"limit_value": 150}
    ]
    assert not AccessAttempt.objects.exists()


def test_a_username_of_the_longest_allowed_length_is_tried_as_usual(client):
    response = client.post(reverse("login"), {"username": "a" * 150, "password": "x"})
    assert response.status_code == 200
    assert "username" not in response.context["form"].errors
    assert AccessAttempt.objects.filter(username="a" * 150).exists()
