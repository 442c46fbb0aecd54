"""Members send in good examples; editors approve them before anyone else sees them."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import TaskState, Workflow, WorkflowState

from sihub.cases.forms import CONSENT_TEXT
from sihub.cases.models import CasePage
from sihub.cases.services import DAILY_LIMIT, ConsentMissing, case_submit
from sihub.cases.tests.test_cases import case_index  # noqa: F401 - a shared fixture
from sihub.conftest import login
from sihub.core.models import AuditEntry, County, Municipality
from sihub.sdg.models import Goal
from sihub.search.selectors import search_everything

SV_FORM = "/sv/goda-exempel/submit/"
EN_FORM = "/en/good-examples/submit/"


def form_data(**changes: Any) -> dict[str, Any]:
    data = {
        "title": "Läxhjälp för alla",
        "summary": "Studenter hjälper elever med läxorna.",
        "challenge": "Elever utan stöd hemma halkar efter.",
        "solution": "En läxklubb som drivs av studenter.",
        "target_groups": "Elever i årskurs 4–9",
        "actors_involved": "Umeå universitet – volontärer\nUmeå kommun – lokaler",
        "stage": "pilot",
        "county": "24",
        "municipality": "2480",
        "sdgs": ["4", "10"],
        "themes": ["education"],
        "website": "https://example.org/laxhjalp",
        "contact_name": "Maja Medlem",
        "contact_email": "maja.member@example.org",
        "consent": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def submitted_cases() -> list[CasePage]:
    return list(CasePage.objects.order_by("pk"))


# --- Who may use the form ----------------------------------------------------


def test_it_redirects_anonymous_visitors_to_the_member_log_in(client, case_index):
    response = client.get(SV_FORM)
    assert response.status_code == 302
    assert response["Location"] == "/sv/accounts/login/?next=/sv/goda-exempel/submit/"
    response = client.post(EN_FORM, form_data())
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert submitted_cases() == []


@pytest.mark.parametrize("persona", ["outsider", "analyst", "facilitator"])
def test_it_refuses_people_without_a_submitting_role(persona, request, case_index):
    client = login(request.getfixturevalue(persona))
    response = client.get(EN_FORM)
    assert response.status_code == 403
    assert "<h1>Only members can submit examples</h1>" in response.content.decode()
    assert client.post(EN_FORM, form_data()).status_code == 403
    assert submitted_cases() == []


@pytest.mark.parametrize("persona", ["member", "editor", "admin_user"])
def test_it_shows_the_form_to_members_editors_and_admins(persona, request, case_index):
    user = request.getfixturevalue(persona)
    response = login(user).get(EN_FORM)
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # the form holds the user's address
    assert f'value="{user.email}"' in html
    assert "I agree that the contact details are published with the example" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_the_form_is_translated_and_labelled(member, case_index):
    html = login(member).get(SV_FORM).content.decode()
    assert '<html lang="sv">' in html
    for name in ("title", "summary", "challenge", "solution", "target_groups", "actors_involved",
                 "stage", "county", "municipality", "website", "contact_name", "contact_email",
                 "consent"):
        assert f'<label for="id_{name}"' in html, name
    # Checkbox groups are fieldsets with a legend; each box has its own label.
    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>Global goals", html) or \
        re.search(r"<fieldset[^>]*>\s*<legend[^>]*>Globala mål", html)
    assert '<label for="id_sdgs_0"><input type="checkbox" name="sdgs" value="1"' in html
    assert 'aria-describedby="id_summary_helptext"' in html
    assert "style=" not in html
    main = html[html.index("<main"):html.index("</main>")]
    levels = [int(n) for n in re.findall(r"<h([1-6])", main)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_the_municipality_list_is_grouped_by_county(member, case_index):
    html = login(member).get(EN_FORM).content.decode()
    assert '<optgroup label="Västerbotten County">' in html
    assert '<option value="2480">Umeå</option>' in html


# --- Validation -------------------------------------------------------------


def test_it_shows_errors_linked_to_their_fields(member, case_index):
    response = login(member).post(EN_FORM, {"title": "", "consent": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Submit a good example" in html
    assert 'class="error-summary" role="alert"' in html
    assert '<a href="#id_title">Name of the example: This field is required.</a>' in html
    assert '<a href="#id_sdgs_0">Global goals: Choose at least one global goal.</a>' in html
    title_input = re.search(r'<input type="text" name="title"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in title_input
    assert 'aria-describedby="id_title_error"' in title_input
    assert 'id="id_title_error"' in html
    # The checkbox group names its error in the fieldset; each box is marked invalid.
    assert re.search(r'<fieldset aria-describedby="[^"]*id_sdgs_error', html)
    assert re.search(r'<input type="checkbox" name="sdgs" value="1"[^>]*aria-invalid="true"', html)
    assert submitted_cases() == []


def test_it_rejects_a_municipality_outside_the_county(member, case_index):
    html = login(member).post(EN_FORM, form_data(county="01", municipality="2480")).content.decode()
    assert "Umeå is not in Stockholm County." in html
    assert re.search(r'<select name="municipality"[^>]*aria-invalid="true"', html)
    assert submitted_cases() == []


def test_it_requires_consent_to_publish_the_contact_details(member, case_index):
    html = login(member).post(EN_FORM, form_data(consent=None)).content.decode()
    assert "only be sent in if you agree" in html
    assert re.search(r'<input type="checkbox" name="consent"[^>]*aria-invalid="true"', html)
    assert submitted_cases() == []


def test_it_accepts_only_web_addresses_for_the_website(member, case_index):
    html = login(member).post(EN_FORM, form_data(website="javascript:alert(1)")).content.decode()
    assert 'id="id_website_error"' in html
    assert submitted_cases() == []


def test_the_service_also_refuses_outsiders_and_missing_consent(outsider, member, case_index):
    data = {"title": "x", "consent": True, "consent_text": "I agree"}
    with pytest.raises(PermissionDenied):
        case_submit(user=outsider, index_page=case_index["en"], data=data)
    with pytest.raises(ConsentMissing):
        case_submit(user=member, index_page=case_index["en"], data={**data, "consent": False})


# --- A valid submission ------------------------------------------------------


def test_a_valid_submission_creates_one_draft_in_moderation(member, case_index):
    before = timezone.now()
    response = login(member).post(SV_FORM, form_data())
    assert response.status_code == 302
    assert response["Location"] == "/sv/goda-exempel/submit/?submitted=1"

    [case] = submitted_cases()
    assert case.title == "Läxhjälp för alla" and case.slug == "laxhjalp-for-alla"
    assert not case.live and case.has_unpublished_changes
    assert case.get_parent().pk == case_index["sv"].pk and case.locale == case_index["sv"].locale
    assert case.submitted_by == member and case.owner == member
    assert case.contact_email == "maja.member@example.org"
    assert sorted(case.sdgs.values_list("number", flat=True)) == [4, 10]
    assert list(case.themes.values_list("slug", flat=True)) == ["education"]
    assert list(case.counties.all()) == [County.objects.get(code="24")]
    assert list(case.municipalities.all()) == [Municipality.objects.get(code="2480")]
    assert case.latest_revision is not None and case.latest_revision.user == member

    state = WorkflowState.objects.get(object_id=str(case.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == member
    assert state.workflow == Workflow.objects.get(name="Moderators approval")
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS

    [entry] = AuditEntry.objects.filter(action="case.submitted")
    assert entry.actor_id == member.pk and entry.target_id == str(case.pk)
    consent = entry.data["consent"]
    with translation.override("sv"):  # word for word as the Swedish form showed it
        assert consent["text"] == str(CONSENT_TEXT)
    assert consent["language"] == "sv"
    assert before <= datetime.fromisoformat(consent["given_at"]) <= timezone.now()
    assert entry.data["workflow"] == "Moderators approval"
    # The audit log keeps no names or e-mail addresses.
    assert "maja" not in str(entry.data).lower()


def test_it_thanks_the_member_after_the_redirect(member, case_index):
    client = login(member)
    response = client.post(EN_FORM, form_data(), follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [("/en/good-examples/submit/?submitted=1", 302)]
    assert "<h1>Thank you for your example</h1>" in html
    assert "I agree" not in html  # the consent is recorded, not shown


def test_it_refuses_a_post_without_a_csrf_token(member, case_index):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(EN_FORM, form_data()).status_code == 403
    assert submitted_cases() == []
    client.get(EN_FORM)  # sets the CSRF cookie, as a browser would
    token = client.cookies["csrftoken"].value
    response = client.post(EN_FORM, {**form_data(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert len(submitted_cases()) == 1


def test_sending_the_same_example_twice_creates_it_once(member, case_index):
    client = login(member)
    first = client.post(EN_FORM, form_data())
    second = client.post(EN_FORM, form_data(title=" Läxhjälp för alla "))
    assert first["Location"] == second["Location"]
    assert len(submitted_cases()) == 1
    assert AuditEntry.objects.filter(action="case.submitted").count() == 1
    assert WorkflowState.objects.count() == 1


def test_the_same_title_a_minute_later_is_a_new_example(member, case_index):
    client = login(member)
    client.post(EN_FORM, form_data())
    CasePage.objects.update(latest_revision_created_at=timezone.now() - timedelta(minutes=2))
    client.post(EN_FORM, form_data())
    assert [c.slug for c in submitted_cases()] == ["laxhjalp-for-alla", "laxhjalp-for-alla-1"]


def test_another_member_may_send_the_same_title(member, case_index):
    from sihub.conftest import _person
    from sihub.core.roles import MEMBER

    other = _person("mira.member@example.org", [MEMBER])
    login(member).post(EN_FORM, form_data())
    login(other).post(EN_FORM, form_data())
    assert len(submitted_cases()) == 2


def test_it_accepts_at_most_ten_examples_a_day(member, case_index):
    client = login(member)
    for n in range(DAILY_LIMIT):
        assert client.post(EN_FORM, form_data(title=f"Example {n}")).status_code == 302
    response = client.post(EN_FORM, form_data(title="One too many"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "You have sent in 10 examples in the last 24 hours" in html
    assert 'class="error-summary" role="alert"' in html
    assert len(submitted_cases()) == DAILY_LIMIT


def test_submissions_older_than_a_day_do_not_count(member, case_index):
    yesterday = timezone.now() - timedelta(hours=25)
    for _ in range(DAILY_LIMIT):
        AuditEntry.objects.create(actor_id=member.pk, actor_label="user",
                                  action="case.submitted", created_at=yesterday)
    assert login(member).post(EN_FORM, form_data()).status_code == 302


# --- Moderation --------------------------------------------------------------


def _is_public(case: CasePage, client: Client) -> bool:
    index = case.get_parent().specific
    lang = case.locale.language_code
    on_page = client.get(f"/{lang}/{index.slug}/{case.slug}/").status_code == 200
    listed = case.title in client.get(f"/{lang}/{index.slug}/").content.decode()
    found = search_everything("Läxhjälp", language=lang).pages
    searchable = any(p.pk == case.pk for p in found) if found is not None else False
    assert on_page == listed == searchable, (on_page, listed, searchable)
    return on_page


def test_an_example_stays_hidden_until_an_editor_approves_it(member, editor, case_index):
    login(member).post(SV_FORM, form_data())
    [case] = submitted_cases()
    visitor = Client()
    assert not _is_public(case, visitor)
    assert not _is_public(case, login(member))  # not even for its author

    task_state = WorkflowState.objects.get(object_id=str(case.pk)).current_task_state
    task_state.approve(user=editor)

    case.refresh_from_db()
    assert case.live
    assert WorkflowState.objects.get(object_id=str(case.pk)).status == WorkflowState.STATUS_APPROVED
    assert _is_public(case, visitor)
    html = visitor.get(case.url).content.decode()
    assert "Umeå universitet – volontärer<br>Umeå kommun – lokaler" in html
    assert '<a href="mailto:maja.member@example.org">' in html


def test_an_example_sent_back_for_changes_stays_hidden(member, editor, case_index):
    login(member).post(SV_FORM, form_data())
    [case] = submitted_cases()
    WorkflowState.objects.get(object_id=str(case.pk)).current_task_state.reject(user=editor)
    case.refresh_from_db()
    assert not case.live
    assert not _is_public(case, Client())


def test_editors_find_the_submitted_draft_in_the_admin(member, editor, case_index):
    login(member).post(SV_FORM, form_data())
    [case] = submitted_cases()
    html = login(editor).get(f"/admin/pages/{case_index['sv'].pk}/").content.decode()
    assert "Läxhjälp för alla" in html
    assert "under moderering" in html.lower()  # the editor's admin is in Swedish


def test_editors_are_offered_approval_in_the_admin(member, editor, case_index):
    login(member).post(SV_FORM, form_data())
    [case] = submitted_cases()
    task = WorkflowState.objects.get(object_id=str(case.pk)).current_task_state.task.specific
    assert task.get_actions(case, editor)


def test_without_a_workflow_the_example_is_left_as_a_draft(member, case_index):
    Workflow.objects.update(active=False)
    assert login(member).post(EN_FORM, form_data()).status_code == 302
    [case] = submitted_cases()
    assert not case.live and case.latest_revision.user == member
    assert WorkflowState.objects.count() == 0
    entry = AuditEntry.objects.get(action="case.submitted")
    assert entry.data["workflow"] is None and entry.data["consent"]["text"]
    assert not _is_public(case, Client())


def test_goals_are_offered_one_to_seventeen(member, case_index):
    html = login(member).get(EN_FORM).content.decode()
    values = [int(v) for v in re.findall(r'name="sdgs" value="(\d+)"', html)]
    assert values == list(range(1, 18)) == list(Goal.objects.values_list("number", flat=True))


# --- Concurrency (PostgreSQL: SQLite already serialises every writer) --------


def _post_in_parallel(clients: list[Client], data: dict[str, Any]) -> list[int | str]:
    """POST the same form from each client at the same moment, each in its own thread."""
    import threading

    barrier = threading.Barrier(len(clients))
    statuses: list[int | str] = []

    def post(client: Client) -> None:
        try:
            barrier.wait()
            statuses.append(client.post(EN_FORM, data).status_code)
        except Exception as exc:  # noqa: BLE001 - the control test counts these
            statuses.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one writer at a time (transaction_mode=IMMEDIATE)")


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_click_creates_one_example_even_in_parallel(_reference_data_back, member,
                                                             case_index):
    for round_ in range(3):
        statuses = _post_in_parallel([login(member), login(member)],
                                     form_data(title=f"Parallel {round_}"))
        assert statuses == [302, 302]
    assert [c.title for c in submitted_cases()] == ["Parallel 0", "Parallel 1", "Parallel 2"]
    assert AuditEntry.objects.filter(action="case.submitted").count() == 3


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_control_without_row_locks_does_break(_reference_data_back, member, case_index,
                                                  monkeypatch):
    """Proves the test above can fail: with select_for_update a no-op, parallel posts collide."""
    from django.db.models import QuerySet

    monkeypatch.setattr(QuerySet, "select_for_update", lambda self, *a, **k: self)
    outcomes = [_post_in_parallel([login(member), login(member)], form_data(title=f"Race {n}"))
                for n in range(5)]
    created = len(submitted_cases())
    assert created > 5 or any(statuses != [302, 302] for statuses in outcomes), outcomes
