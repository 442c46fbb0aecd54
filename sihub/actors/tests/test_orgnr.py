"""Swedish organisation numbers: the pure parser (orgnr.py) and the model's validator."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sihub.actors import orgnr
from sihub.actors.models import ORGNR_MESSAGES, validate_org_number
from sihub.actors.tests.factories import make_actor


@pytest.mark.parametrize(("text", "expected"), [
    ("556036-0793", "556036-0793"),  # a company (aktiebolag)
    ("212000-0142", "212000-0142"),  # a government agency
    ("5560360793", "556036-0793"),  # without the hyphen
    ("556036 0793", "556036-0793"),  # with a space
    (" 556036-0793 ", "556036-0793"),  # pasted with spaces around
    ("165560360793", "556036-0793"),  # twelve digits with the 16 prefix
    ("16556036-0793", "556036-0793"),
    ("802002-4280", "802002-4280"),  # a foundation/association series (third digit 2)
])
def test_it_accepts_valid_numbers_and_writes_them_one_way(text, expected):
    assert orgnr.normalise(text) == expected
    assert orgnr.is_valid(text)
    validate_org_number(text)  # does not raise


@pytest.mark.parametrize(("text", "code"), [
    ("556036-0794", "checksum"),  # last digit off by one
    ("556036-0739", "checksum"),  # two digits swapped
    ("811218-9876", "personal"),  # passes Luhn, but third digit 1: a personal identity number
    ("19811218-9876", "prefix"),  # a personal number in its twelve-digit form
    ("265560360793", "prefix"),
    ("55603A-0793", "characters"),
    ("org 556036-0793", "characters"),
    ("556036/0793", "characters"),
    ("556036-079", "length"),  # nine digits
    ("556036-07930", "length"),  # eleven digits
    ("", "characters"),
])
def test_it_rejects_invalid_numbers_with_the_reason(text, code):
    with pytest.raises(orgnr.OrgNumberError) as caught:
        orgnr.normalise(text)
    assert caught.value.code == code
    assert not orgnr.is_valid(text)


@pytest.mark.parametrize(("text", "code"), [
    ("556036-0794", "checksum"),
    ("811218-9876", "personal"),
    ("19811218-9876", "prefix"),
    ("55603A-0793", "characters"),
    ("12345", "length"),
])
def test_the_validator_gives_a_clear_message_for_each_reason(text, code):
    with pytest.raises(ValidationError) as caught:
        validate_org_number(text)
    assert caught.value.code == f"orgnr_{code}"
    assert caught.value.messages == [str(ORGNR_MESSAGES[code])]


def test_it_computes_the_luhn_check_digit():
    assert orgnr.luhn_ok("5560360793")
    assert not orgnr.luhn_ok("5560360794")
    assert orgnr.with_check_digit("556036079") == "556036-0793"
    assert orgnr.with_check_digit("212000014") == "212000-0142"


def test_it_completes_any_nine_digits_to_a_valid_number():
    numbers = [orgnr.with_check_digit(f"556{n:06d}") for n in range(0, 5000, 37)]
    assert all(orgnr.is_valid(n) for n in numbers)


def test_it_stores_a_valid_number_in_the_hyphenated_form(db):
    actor = make_actor("Ett bolag", org_number="5560360793")
    actor.refresh_from_db()
    assert actor.org_number == "556036-0793"


def test_it_lets_an_actor_have_no_number(db):
    actor = make_actor("En förening utan nummer", org_number="")
    assert actor.org_number == ""


@pytest.mark.parametrize(("text", "code"), [
    ("556036-0794", "orgnr_checksum"),
    ("811218-9876", "orgnr_personal"),
    ("55603A-0793", "orgnr_characters"),
])
def test_the_model_refuses_an_invalid_number(db, text, code):
    with pytest.raises(ValidationError) as caught:
        make_actor("Fel nummer", org_number=text)
    assert code in [error.code for error in caught.value.error_dict["org_number"]]


def test_it_accepts_the_twelve_digit_form_through_model_validation(db):
    actor = make_actor("Ett annat bolag", org_number="16556036-0793")
    actor.refresh_from_db()
    assert actor.org_number == "556036-0793"


def test_an_actor_cannot_take_the_address_of_another_page(db):
    from sihub.actors.models import RESERVED_SLUGS

    assert "find-support" in RESERVED_SLUGS
    with pytest.raises(ValidationError) as caught:
        make_actor("Karta", slug="map")
    assert "slug" in caught.value.message_dict
