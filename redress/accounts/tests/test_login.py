import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def test_an_empty_form_says_what_to_enter(client):
    page = client.post(LOGIN, {"username": "", "password": ""}).content.decode()
    assert "There is a problem" in page
    assert "Enter your username" in page
    assert "Enter your password" in page
    assert 'href="#id_password"' in page
    assert "<title>Error: Sign in" in page


def test_a_wrong_password_is_one_message_at_the_username(client, officer):
    page = client.post(LOGIN, {"username": officer.username, "password": "nope"}).content.decode()
    assert "Enter a correct username and password" in page
    assert 'href="#id_username"' in page


def test_signing_in_goes_to_my_work(client, officer):
    response = client.post(
        LOGIN, {"username": officer.username, "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
