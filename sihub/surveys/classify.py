"""Global goals (SDGs) suggested for the free-text answers of a response.

Free-text questions marked ``classify`` ("Tell us what your organisation
does") are read by the platform's offline SDG classifier
(``sihub.sdg.classifier``); the goals found are kept on the response as
``text_sdgs = {question code: [goal numbers]}`` so that analysts can count
them across a round without reading every answer. The texts of one response
go to the classifier in one batch. Run in the background (``tasks.tag_free_text``)
after a response is submitted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sihub.surveys.schema import Schema


def classified_texts(schema: Schema, answers: Mapping[str, Any]) -> dict[str, str]:
    """{question code: text} of the non-empty answers to free-text questions marked classify."""
    out = {}
    for question in schema.questions:
        if question.is_text and question.classify:
            text = answers.get(question.code)
            if isinstance(text, str) and text.strip():
                out[question.code] = text.strip()
    return out


def text_goals(schema: Schema, answers: Mapping[str, Any], classifier: Any = None
               ) -> dict[str, list[int]]:
    """{question code: [goal numbers]} for the classified free-text answers (one batch).

    An answer in which the classifier finds no goal is kept with an empty list,
    so "looked at, nothing found" differs from "not looked at".
    """
    texts = classified_texts(schema, answers)
    if not texts:
        return {}
    if classifier is None:
        from sihub.sdg.classifier import get_classifier  # loads the model on first use

        classifier = get_classifier()
    found = classifier.classify(list(texts.values()))
    return {code: sorted(int(goal) for goal in result.sdgs)
            for code, result in zip(texts, found, strict=True)}


def tag_response(response: Any, classifier: Any = None) -> dict[str, list[int]]:
    """Set ``response.text_sdgs`` from its answers (not saved) and return it.

    Recomputed from scratch each time, so running it twice gives the same result.
    """
    response.text_sdgs = text_goals(response.round.questionnaire.schema, response.answers or {},
                                    classifier)
    return response.text_sdgs


def goal_counts(text_sdgs_list: list[Mapping[str, list[int]]], code: str) -> dict[int, int]:
    """How many responses have each goal suggested for question ``code`` (goal → count)."""
    counts: dict[int, int] = {}
    for text_sdgs in text_sdgs_list:
        for goal in set((text_sdgs or {}).get(code) or ()):
            counts[int(goal)] = counts.get(int(goal), 0) + 1
    return dict(sorted(counts.items()))
