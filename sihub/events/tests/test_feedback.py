"""Feedback: the participant's form by signed link, one response each, and the results."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from sihub.conftest import login
from sihub.core.models import AuditEntry
from sihub.events import feedback_services
from sihub.events.feedback_services import FeedbackError, feedback_submit
from sihub.events.models import Feedback, Registration, RegistrationStatus
from sihub.events.tests.conftest import make_event
from sihub.events.tokens import registration_token

pytestmark = pytest.mark.django_db


def register(event, n: int = 1, **fields) -> Registration:
    fields.setdefault("name", f"Person {n}")
    fields.setdefault("email", f"person{n}@example.org")
    return Registration.objects.create(event=event, **fields)


@pytest.fixture
def past(calendars):
    return make_event(calendars, "Verkstad i Luleå", days=-2)


def feedback_url(registration, lang: str = "sv") -> str:
    with translation.override(lang):
        return reverse("events:feedback", args=[registration_token(registration)])


ANSWERS = {"rating": "4", "useful": "Mötet med kommunen", "improve": "Längre pauser",
           "new_contacts": "3", "would_recommend": "yes"}


# --- The form -----------------------------------------------------------------------------


def test_it_shows_the_rating_as_a_radio_group_with_a_legend(past):
    response = Client().get(feedback_url(register(past), "en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<fieldset>" in html and "<legend" in html
    assert html.count('type="radio" name="rating"') == 5
    assert "Overall, how was the event?" in html


def test_it_saves_the_answers_and_thanks(past):
    registration = register(past)
    url = feedback_url(registration)
    response = Client().post(url, ANSWERS)
    assert response.status_code == 302 and response["Location"].endswith("?sent=1")
    feedback = Feedback.objects.get()
    assert (feedback.event_id, feedback.registration_id) == (past.pk, registration.pk)
    assert (feedback.rating, feedback.new_contacts, feedback.would_recommend) == (4, 3, True)
    assert feedback.useful == "Mötet med kommunen"
    thanks = Client().get(response["Location"].replace("/sv/", "/en/"))
    assert "Thank you for your feedback" in thanks.content.decode()
    entry = AuditEntry.objects.get(action=feedback_services.FEEDBACK_SUBMITTED)
    assert "person1" not in str(entry.data) and "Person 1" not in entry.target_label


def test_a_second_submission_updates_the_first(past):
    registration = register(past)
    url = feedback_url(registration)
    Client().post(url, ANSWERS)
    page = Client().get(url.replace("/sv/", "/en/"))
    assert "You have already given feedback" in page.content.decode()
    assert re.search(r'value="4"[^>]*checked', page.content.decode())
    Client().post(url, {**ANSWERS, "rating": "2", "would_recommend": "no"})
    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.would_recommend) == (2, False)
    assert AuditEntry.objects.filter(action=feedback_services.FEEDBACK_UPDATED).count() == 1


def test_it_requires_a_rating_and_shows_the_error_summary(past):
    response = Client().post(feedback_url(register(past), "en"), {"useful": "Bra"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html and 'href="#id_rating_0"' in html
    assert not Feedback.objects.exists()


def test_it_keeps_answers_in_range(past):
    response = Client().post(feedback_url(register(past)), {**ANSWERS, "rating": "6",
                                                            "new_contacts": "-1"})
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_it_only_answers_optional_questions_when_given(past):
    Client().post(feedback_url(register(past)), {"rating": "5"})
    feedback = Feedback.objects.get()
    assert (feedback.new_contacts, feedback.would_recommend, feedback.useful) == (None, None, "")


def test_it_is_closed_before_the_event_starts(event):
    registration = register(event)
    response = Client().get(feedback_url(registration, "en"))
    assert response.status_code == 403
    assert "Feedback opens when the event has started" in response.content.decode()
    assert Client().post(feedback_url(registration), ANSWERS).status_code == 403
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("status", [RegistrationStatus.WAITING, RegistrationStatus.CANCELLED])
def test_it_is_closed_to_people_without_a_place(past, status):
    registration = register(past, status=status)
    assert Client().post(feedback_url(registration), ANSWERS).status_code == 403
    with pytest.raises(FeedbackError) as exc:
        feedback_submit(registration=registration, rating=5)
    assert exc.value.code == "not_registered"
    assert not Feedback.objects.exists()


def test_it_refuses_a_bad_or_forged_token(past):
    registration = register(past)
    good = registration_token(registration)
    assert Client().get(reverse("events:feedback", args=[good[:-3] + "abc"])).status_code == 404
    assert Client().get(reverse("events:feedback", args=["nonsense"])).status_code == 404


def test_it_opens_during_the_event(calendars):
    ongoing = make_event(calendars, "Pågående konferens",
                         start=timezone.now() - timedelta(hours=1), hours=4)
    assert Client().post(feedback_url(register(ongoing)), ANSWERS).status_code == 302


# --- Results ------------------------------------------------------------------------------


def results_url(event, lang: str = "sv") -> str:
    with translation.override(lang):
        return reverse("events:feedback_results", args=[event.pk])


@pytest.fixture
def answered(past):
    """Four checked-in participants, three of whom answered, and one who never came."""
    now = timezone.now()
    regs = [register(past, i, checked_in_at=now) for i in range(1, 5)]
    register(past, 9)
    for reg, (rating, recommend, contacts, useful) in zip(regs, [
            (5, True, 4, "Nya kontakter från regionen"), (4, True, None, ""),
            (2, False, 1, "")]):
        feedback_submit(registration=reg, rating=rating, would_recommend=recommend,
                        new_contacts=contacts, useful=useful, improve="")
    return past


def test_it_shows_the_figures_to_organisers(facilitator, answered):
    response = login(facilitator).get(results_url(answered, "en"))
    assert response.status_code == 200
    html = response.content.decode()
    summary = response.context["summary"]
    assert (summary.responses, summary.base, summary.base_kind) == (3, 4, "checked_in")
    assert summary.response_rate == 75
    assert summary.average_rating == pytest.approx(3.67)
    assert [row.count for row in summary.distribution] == [0, 1, 0, 1, 1]
    assert (summary.recommend_yes, summary.recommend_answered, summary.recommend_percent) == (
        2, 3, 67)
    assert summary.average_contacts == 2.5
    assert "75 % of 4 checked in" in html
    assert "<svg" in html and "<caption>" in html and 'scope="row"' in html
    assert "Nya kontakter från regionen" in html
    assert 'aria-current="page"' in html


def test_it_shows_no_names_in_the_results(facilitator, answered):
    html = login(facilitator).get(results_url(answered)).content.decode()
    assert "Person 1" not in html and "person1@example.org" not in html


def test_it_lets_analysts_read_the_feedback(analyst, answered):
    assert login(analyst).get(results_url(answered)).status_code == 200


def test_it_says_when_there_is_no_feedback_yet(facilitator, past):
    response = login(facilitator).get(results_url(past, "en"))
    assert "No feedback yet" in response.content.decode()
    assert response.context["chart"] is None


def test_it_hides_the_results_from_others(client, outsider, member, editor, answered):
    anonymous = client.get(results_url(answered))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    for person in (outsider, member, editor):
        assert login(person).get(results_url(answered)).status_code == 403


def test_it_has_no_results_page_for_an_unknown_event(facilitator):
    assert login(facilitator).get(results_url(type("E", (), {"pk": 999999}))).status_code == 404


def test_it_reads_the_results_in_a_fixed_number_of_queries(facilitator, answered,
                                                           django_assert_max_num_queries):
    client = login(facilitator)
    client.get(results_url(answered))  # warm caches (site, locale)
    for i in range(20, 30):
        feedback_submit(registration=register(answered, i, checked_in_at=timezone.now()),
                        rating=3, useful=f"Svar {i}")
    with django_assert_max_num_queries(25):
        assert client.get(results_url(answered)).status_code == 200
