"""The API's one error shape, declared in the OpenAPI schema for every operation."""

from __future__ import annotations

from ninja import Schema


class ErrorDetail(Schema):
    loc: list[str]
    msg: str


class ErrorBody(Schema):
    code: str
    message: str
    details: list[ErrorDetail]


class ErrorOut(Schema):
    error: ErrorBody


def errors(*codes: int) -> dict[int, type[ErrorOut]]:
    """Response declarations for error status codes: ``{200: X, **errors(404, 422)}``."""
    return {code: ErrorOut for code in codes}
