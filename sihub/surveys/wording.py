"""Skip logic in words, for the questionnaire preview and the codebook.

Translated sentences (``gettext``): the codebook writes its Swedish and its
English column by rendering the same words under ``translation.override``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from sihub.surveys import schema


def condition_words(condition: schema.Condition | None, parsed: schema.Schema,
                    lang: str) -> str:
    """Skip logic in words: "Shown only if the answer to q_x “…” is Yes."."""
    if condition is None:
        return ""
    target = parsed.question(condition.question)
    if condition.is_comparison:
        return _comparison_words(condition, target, lang)
    labels = []
    for value in condition.values:
        option = target.option(value) if target is not None else None
        labels.append(f"“{option.label(lang)}” ({value})" if option else value)
    names = {"code": condition.question,
             "question": target.text(lang) if target is not None else "?",
             "values": ", ".join(labels)}
    if len(labels) == 1:
        return _("Shown only if the answer to %(code)s “%(question)s” is %(values)s.") % names
    return _("Shown only if the answer to %(code)s “%(question)s” is one of: %(values)s.") \
        % names


def _comparison_words(condition: schema.Condition,
                      target: schema.Question | None, lang: str) -> str:
    """A comparison in words: "Shown only if the answer to q_staff “…” is at least 10."."""
    names = {"code": condition.question,
             "question": target.text(lang) if target is not None else "?",
             "number": schema.number_text(condition.number) or ", ".join(condition.values)}
    if condition.operator == schema.AT_LEAST:
        return _("Shown only if the answer to %(code)s “%(question)s” is at least "
                 "%(number)s.") % names
    if condition.operator == schema.MORE_THAN:
        return _("Shown only if the answer to %(code)s “%(question)s” is more than "
                 "%(number)s.") % names
    if condition.operator == schema.AT_MOST:
        return _("Shown only if the answer to %(code)s “%(question)s” is at most "
                 "%(number)s.") % names
    return _("Shown only if the answer to %(code)s “%(question)s” is less than "
             "%(number)s.") % names
