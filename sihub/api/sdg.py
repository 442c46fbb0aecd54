"""API: classify texts by the SDGs and targets they address.

The same classifier and result shape as ``manage.py sdg_classify``. It needs a
bearer token like the writes: classification costs CPU, so it is not open to
anonymous callers.
"""

# No "from __future__ import annotations": ninja reads the schemas from the signatures.

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from pydantic import StrictInt, StrictStr
from wagtail.api.v3.auth import BearerTokenAuth

from sihub.api.errors import errors

router = Router(tags=["Agenda 2030"])

MAX_TEXTS = 50
MAX_TEXT_LENGTH = 20_000

TextId = Annotated[StrictStr, Field(max_length=200)] | Annotated[
    StrictInt, Field(ge=-(2**63), le=2**63 - 1)]


class TextIn(Schema):
    id: TextId | None = Field(None, description="Your id for the text; echoed in its result.",
                              examples=["a"])
    text: str = Field(max_length=MAX_TEXT_LENGTH, description="Swedish or English text.",
                      examples=["Vi bygger fler vårdcentraler så att alla får god hälso- och "
                                "sjukvård nära hemmet."])


class ClassifyIn(Schema):
    texts: list[TextIn] = Field(min_length=1, max_length=MAX_TEXTS)


class TargetScore(Schema):
    code: str = Field(examples=["3.8"])
    score: float


class ResultOut(Schema):
    id: TextId | None
    sdgs: list[int] = Field(description="The goals the text addresses, best first.",
                            examples=[[3]])
    scores: dict[str, float] = Field(description="Every goal's score, 0–1, keyed by number.")
    targets: list[TargetScore] = Field(description="The likeliest targets of those goals.")
    evidence: dict[str, list[str]] = Field(
        description="Per goal in sdgs: the phrases or targets that drove the decision.")
    language: str = Field(description='"sv", "en" or "und" (undetermined).', examples=["sv"])


class ClassifyOut(Schema):
    classifier_version: str = Field(examples=["sihub-sdg-1.2"])
    results: list[ResultOut] = Field(description="One per text, in the order sent.")


@router.post("/classify", response={200: ClassifyOut, **errors(400, 401, 422)},
             auth=BearerTokenAuth(),
             summary="Which SDGs and targets texts address (1–50 texts, Swedish or English)")
def classify(request: HttpRequest, payload: ClassifyIn) -> dict[str, Any]:
    from sihub.sdg.classifier import get_classifier

    classifier = get_classifier()
    results = classifier.classify([item.text for item in payload.texts])
    return {
        "classifier_version": classifier.version,
        "results": [{"id": item.id, **result.as_json(id=item.id)} for item, result in zip(
            payload.texts, results, strict=True)],
    }
