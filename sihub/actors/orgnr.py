"""Swedish organisation numbers (organisationsnummer): parse, check, format.

Pure Python, no Django. An organisation number has ten digits, NNNNNN-NNNN;
the last is a Luhn check digit over the first nine. Legal entities have a
third digit of 2 or more (the "month" of a personal identity number is 01–12,
so a third digit of 0 or 1 means the number is a person's). Sole traders use
their personal identity number as organisation number; sihub refuses those,
because storing them would store a person's identity number in a public
directory. A twelve-digit form with the prefix 16 is accepted and shortened.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-+]")


class OrgNumberError(ValueError):
    """The text is not a valid Swedish organisation number; ``code`` says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise(text: str) -> str:
    """Return the number as NNNNNN-NNNN, or raise OrgNumberError with the reason."""
    digits = _SEPARATORS.sub("", text or "")
    if not digits.isdigit():
        raise OrgNumberError("characters", "only digits and one hyphen are allowed")
    if len(digits) == 12:
        if not digits.startswith("16"):
            raise OrgNumberError("prefix", "a twelve-digit organisation number starts with 16")
        digits = digits[2:]
    if len(digits) != 10:
        raise OrgNumberError("length", "an organisation number has ten digits")
    if int(digits[2]) < 2:
        raise OrgNumberError(
            "personal", "this looks like a personal identity number, not an organisation number")
    if not luhn_ok(digits):
        raise OrgNumberError("checksum", "the check digit does not match")
    return f"{digits[:6]}-{digits[6:]}"


def is_valid(text: str) -> bool:
    try:
        normalise(text)
    except OrgNumberError:
        return False
    return True


def with_check_digit(nine_digits: str) -> str:
    """Complete nine digits with their Luhn check digit (for demo data and tests)."""
    for check in "0123456789":
        if luhn_ok(nine_digits + check):
            return f"{nine_digits[:6]}-{nine_digits[6:]}{check}"
    raise AssertionError("unreachable")  # pragma: no cover
