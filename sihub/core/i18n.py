"""Bilingual fields: models store ``<field>_sv`` and ``<field>_en`` side by side."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

FALLBACK = {"sv": "en", "en": "sv"}


def current_language() -> str:
    lang = (get_language() or "sv")[:2]
    return lang if lang in FALLBACK else "sv"


def localized(obj: Any, field: str, language: str | None = None) -> str:
    """The value of ``field`` in the active language, falling back to the other one."""
    lang = language or current_language()
    value = getattr(obj, f"{field}_{lang}", "") or ""
    if value:
        return value
    return getattr(obj, f"{field}_{FALLBACK[lang]}", "") or ""


def pick_translation(by_language: dict[str, Any], language: str | None = None) -> Any:
    """Of one item's translations ({language code: item}): the one in ``language``
    (default: the active language), else the Swedish original, else any."""
    lang = language or current_language()
    return (by_language.get(lang) or by_language.get("sv")
            or next(iter(by_language.values())))

