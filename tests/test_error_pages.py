"""400, 403 and 404 are the service's own pages, with its layout and navigation, in
production and in development alike."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def assert_service_page(response, status: int, heading: str):
    html = response.content.decode()
    assert response.status_code == status
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in html
    # The service's header, not Django's bare page.
    assert "govuk-header" in html and "Action Tracker" in html


def test_missing_page_is_the_service_404_with_navigation(officer_client):
    response = officer_client.get("/no-such-page/")
    assert_service_page(response, 404, "Page not found")
    html = response.content.decode()
    assert f'href="{reverse("action-list")}"' in html  # the officer's navigation is there
    assert "check you copied the entire address" in html


def test_missing_record_is_the_service_404(officer_client):
    response = officer_client.get(reverse("action-detail", args=[999999]))
    assert_service_page(response, 404, "Page not found")


def test_page_outside_the_role_is_the_service_403(member_client):
    response = member_client.get(reverse("meeting-create"))
    assert_service_page(response, 403, "You do not have permission to see this page")
    assert f'href="{reverse("dashboard")}"' in response.content.decode()


def test_bad_request_is_the_service_400(client):
    # A host the service does not answer to is a bad request (DisallowedHost).
    response = client.get("/accounts/login/", HTTP_HOST="elsewhere.example")
    assert_service_page(response, 400, "Sorry, the request could not be understood")


def test_development_shows_the_service_404_not_the_technical_page(officer_client, settings):
    settings.DEBUG = True
    response = officer_client.get("/no-such-page/")
    assert_service_page(response, 404, "Page not found")
    assert "Using the URLconf defined in" not in response.content.decode()


def test_anonymous_404_offers_sign_in(client):
    response = client.get("/no-such-page/")
    assert_service_page(response, 404, "Page not found")
    assert f'href="{reverse("login")}"' in response.content.decode()
