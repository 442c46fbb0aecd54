"""The admin's event series snippet: who may see and change it, and the audit."""

from __future__ import annotations

from sihub.conftest import login
from sihub.core.models import AuditEntry
from sihub.events.models import EventSeries
from sihub.events.wagtail_hooks import SERIES_DELETED, SERIES_SAVED

SERIES = "/admin/snippets/events/eventseries/"
FORM = {"name_sv": "Mötesplats Gotland", "name_en": "Gotland Meeting Place",
        "slug": "motesplats-gotland", "description_sv": "Varje månad i Visby.",
        "description_en": "Every month in Visby."}


def test_it_lets_editors_add_a_series_and_audits_it(editor):
    client = login(editor)
    assert client.get(SERIES).status_code == 200
    response = client.post(f"{SERIES}add/", FORM)
    assert response.status_code == 302
    series = EventSeries.objects.get(slug="motesplats-gotland")
    assert series.name_en == "Gotland Meeting Place"
    entry = AuditEntry.objects.get(action=SERIES_SAVED)
    assert entry.actor_id == editor.pk and entry.data == {"created": True}


def test_it_lets_facilitators_change_and_delete_a_series(facilitator):
    series = EventSeries.objects.create(**{**FORM, "name_sv": "Gammalt namn"})
    client = login(facilitator)
    response = client.post(f"{SERIES}edit/{series.pk}/", FORM)
    assert response.status_code == 302
    series.refresh_from_db()
    assert series.name_sv == "Mötesplats Gotland"
    assert AuditEntry.objects.get(action=SERIES_SAVED).data == {"fields": ["name_sv"]}
    assert client.post(f"{SERIES}delete/{series.pk}/").status_code == 302
    assert not EventSeries.objects.exists()
    assert AuditEntry.objects.filter(action=SERIES_DELETED, actor_id=facilitator.pk).exists()


def test_it_lets_analysts_in_the_admin_but_not_to_the_series(analyst):
    assert login(analyst).get(SERIES).status_code in (302, 403)
    assert login(analyst).post(f"{SERIES}add/", FORM).status_code in (302, 403)
    assert not EventSeries.objects.exists()


def test_it_keeps_members_outsiders_and_anonymous_visitors_out(member, outsider, client):
    for c in (login(member), login(outsider), client):
        response = c.get(SERIES)
        assert response.status_code == 302 and "/login" in response["Location"]
