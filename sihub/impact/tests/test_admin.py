"""The admin's programme and proxy snippets: who may see and change them, and the audit."""

from __future__ import annotations

from decimal import Decimal as D

from sihub.conftest import login
from sihub.core.models import AuditEntry
from sihub.impact.models import FinancialProxy, Programme
from sihub.impact.wagtail_hooks import PROGRAMME_SAVED, PROXY_SAVED

PROXIES = "/admin/snippets/impact/financialproxy/"
PROGRAMMES = "/admin/snippets/impact/programme/"


def test_it_lets_editors_correct_a_proxy_and_audits_it(editor):
    proxy = FinancialProxy.objects.get(key="bbic-utredning")
    client = login(editor)
    assert client.get(PROXIES).status_code == 200
    response = client.post(f"{PROXIES}edit/{proxy.pk}/", {
        "key": proxy.key, "name_sv": proxy.name_sv, "name_en": proxy.name_en,
        "value_sek": "31000", "unit": proxy.unit, "base_year": "2016",
        "source_title": proxy.source_title, "source_publisher": proxy.source_publisher,
        "source_url": proxy.source_url, "note": proxy.note})
    assert response.status_code == 302
    proxy.refresh_from_db()
    assert (proxy.value_sek, proxy.base_year) == (D(31000), 2016)
    entry = AuditEntry.objects.get(action=PROXY_SAVED)
    assert entry.actor_id == editor.pk and "value_sek" in entry.data["fields"]


def test_it_lets_analysts_add_a_programme(analyst):
    response = login(analyst).post(f"{PROGRAMMES}add/", {
        "name": "ESF+ Programområde B", "funder": "Europeiska socialfonden (ESF)",
        "description_sv": "", "description_en": "", "starts_on": "2021-01-01",
        "ends_on": "2027-12-31"})
    assert response.status_code == 302
    assert Programme.objects.get().funder == "Europeiska socialfonden (ESF)"
    assert AuditEntry.objects.filter(action=PROGRAMME_SAVED, actor_id=analyst.pk).exists()


def test_it_lets_facilitators_read_but_not_change_proxies(facilitator):
    proxy = FinancialProxy.objects.first()
    client = login(facilitator)
    assert client.get(PROXIES).status_code == 200
    response = client.get(f"{PROXIES}edit/{proxy.pk}/")
    assert response.status_code in (302, 403)


def test_it_keeps_members_and_outsiders_out(member, outsider):
    for user in (member, outsider):
        response = login(user).get(PROXIES)
        assert response.status_code == 302 and "/login" in response["Location"]


def test_it_keeps_anonymous_visitors_out(client):
    response = client.get(PROGRAMMES)
    assert response.status_code == 302 and "/login" in response["Location"]
