"""Background work for surveys (ids in, never rows).

``tag_free_text`` suggests SDGs for a submitted response's free-text answers
(``classify.tag_response``); enqueue it after the submission commits::

    transaction.on_commit(lambda: tag_free_text.enqueue(response.pk))

It re-reads the response and recomputes the tags, so running it twice is harmless.
"""

from __future__ import annotations

from django_tasks import task


@task()
def tag_free_text(response_id: int) -> dict[str, list[int]] | None:
    """Tag one response's free-text answers with SDGs; the tags, or None if it is gone."""
    from sihub.surveys.classify import tag_response
    from sihub.surveys.models import SurveyResponse

    response = (SurveyResponse.objects.select_related("round__questionnaire")
                .filter(pk=response_id).first())
    if response is None:
        return None
    tags = tag_response(response)
    # Only this field: a concurrent edit of the answers (or an analyst's exclusion) stays.
    response.save(update_fields=["text_sdgs"])
    return tags


@task()
def send_invitations(round_id: int, invitation_ids: list[int]) -> int:
    """Mail these invitations their links (``emails.send_invitations_now``; ids, never links)."""
    from sihub.surveys.emails import send_invitations_now

    return send_invitations_now(round_id, invitation_ids)
