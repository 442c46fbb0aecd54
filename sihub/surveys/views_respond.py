"""Answering a survey, for anyone: the list of open surveys, start, sections, review, thanks.

* ``index`` — the open rounds with a public link, and the public monitor reports.
* ``start`` (``s/<public key>/``) and ``invitation`` (``i/<token>/``) — who runs
  the survey, whether answers are anonymous, the consent text and a Start
  button (POST). An invited person with answers begun goes straight back to
  them; one who has sent them is told so. Bots that fill the hidden honeypot
  get the page back with nothing done; each address may start
  ``SIHUB_SURVEYS_RESPONSES_PER_IP_HOUR`` responses an hour on a public link.
* ``answer`` (``r/<resume token>/[<step>/]``) — one shown section per page,
  Back / Next / Save and continue later; the resume link is on every page and
  can be mailed. Without a step it goes to the first section still missing
  an answer.
* ``review`` — every shown answer with a Change link per section; Submit.
* ``thanks`` — after submission. A cookie then remembers that this browser
  answered the round: the start page warns, and a second submission from it
  is flagged (not refused: computers are shared).

Unknown keys and tampered tokens are 404; rounds that are not open get a
page saying so. The services are ``services_respond``; answers are read by
``answers.read_section``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from sihub.core.i18n import current_language
from sihub.core.throttle import client_within_limit
from sihub.surveys import answers as answers_module
from sihub.surveys import logic, selectors
from sihub.surveys import services_respond as services
from sihub.surveys.forms_respond import (
    ResumeMailForm,
    StartForm,
    answers_as_data,
    review_sections,
    section_fields,
)
from sihub.surveys.models import (
    Invitation,
    MonitorReportPage,
    RoundStatus,
    SurveyResponse,
    SurveyRound,
)
from sihub.surveys.schema import Section

COOKIE_PREFIX = "sihub_survey_answered_"
COOKIE_MAX_AGE = 365 * 24 * 3600
RESUME_MAILS_PER_IP_HOUR = 10

ACTION_NEXT, ACTION_BACK, ACTION_LATER, ACTION_MAIL = "next", "back", "later", "mail"


def _cookie_name(survey_round: SurveyRound) -> str:
    return f"{COOKIE_PREFIX}{survey_round.pk}"


def _answered_here(request: HttpRequest, survey_round: SurveyRound) -> bool:
    return request.COOKIES.get(_cookie_name(survey_round)) == "1"


def _client_digest(request: HttpRequest, survey_round: SurveyRound) -> str:
    from axes.helpers import get_client_ip_address

    return services.client_digest(survey_round.pk, get_client_ip_address(request) or "",
                                  request.META.get("HTTP_USER_AGENT", "")[:400])


def _site_name(request: HttpRequest) -> str:
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return (site.site_name if site and site.site_name else "") or settings.WAGTAIL_SITE_NAME


def _texts(survey_round: SurveyRound) -> dict[str, Any]:
    """The round's texts in the page's language."""
    questionnaire = survey_round.questionnaire
    return {"survey_round": survey_round, "questionnaire": questionnaire,
            "survey_title": survey_round.title, "intro": questionnaire.intro,
            "consent_text": questionnaire.consent_text}


def _closed(request: HttpRequest, survey_round: SurveyRound, reason: str = "") -> HttpResponse:
    """The page for a round that cannot be answered (now or by this link)."""
    if not reason:
        not_yet = survey_round.opens_at is not None and timezone.now() < survey_round.opens_at
        reason = "not_open" if survey_round.status == RoundStatus.DRAFT or (
            survey_round.status == RoundStatus.OPEN and not_yet) else "closed"
    return render(request, "surveys/respond_closed.html",
                  {**_texts(survey_round), "reason": reason}, status=403)


def _done(request: HttpRequest, survey_round: SurveyRound, reason: str) -> HttpResponse:
    """The page for answers already sent (by this link, invitation or account)."""
    return render(request, "surveys/respond_done.html",
                  {**_texts(survey_round), "reason": reason})


# --- The list of open surveys ----------------------------------------------------------------


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    rounds = [r for r in selectors.open_public_rounds() if r.is_accepting()]
    reports = (MonitorReportPage.objects.live().public()
               .filter(locale__language_code=current_language()).order_by("-first_published_at"))
    return render(request, "surveys/respond_index.html",
                  {"rounds": rounds, "reports": list(reports[:20])})


# --- Starting --------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def start(request: HttpRequest, key: str) -> HttpResponse:
    survey_round = SurveyRound.objects.select_related("questionnaire").filter(
        public_key=key).first()
    if survey_round is None:
        raise Http404
    if not survey_round.public_link:
        return _closed(request, survey_round, "invitation_only")
    return _start_page(request, survey_round, invitation=None,
                       invitation_token="")  # nosec B106 - no invitation, not a password


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    invited = services.invitation_for_token(token)
    if invited is None:
        raise Http404
    if invited.submitted_at is not None:
        return _done(request, invited.round, "invitation_used")
    begun = services.response_for_token(services.invitation_resume_token(token))
    if begun is not None and not begun.is_submitted and invited.round.is_accepting():
        return redirect("surveys:answer", services.invitation_resume_token(token))
    return _start_page(request, invited.round, invitation=invited, invitation_token=token)


def _own_response(request: HttpRequest, survey_round: SurveyRound) -> SurveyResponse | None:
    """The response the logged-in account began in a named round (one per account)."""
    if survey_round.anonymous or not request.user.is_authenticated:
        return None
    return survey_round.responses.filter(user=request.user).first()


def _start_page(request: HttpRequest, survey_round: SurveyRound, *,
                invitation: Invitation | None, invitation_token: str) -> HttpResponse:
    if not survey_round.is_accepting():
        return _closed(request, survey_round)
    # An invitation names its own response; the account's counts on the public link.
    own = _own_response(request, survey_round) if invitation is None else None
    if own is not None and own.is_submitted:
        return _done(request, survey_round, "account_used")
    form = StartForm(request.POST if request.method == "POST" else None)
    context = {**_texts(survey_round), "form": form, "invitation": invitation,
               "resumable": own is not None, "answered_here": _answered_here(request, survey_round),
               "site_name": _site_name(request)}
    status = 200
    if request.method == "POST":
        if invitation is None and not client_within_limit(
                request, "surveys-start", limit=settings.SIHUB_SURVEYS_RESPONSES_PER_IP_HOUR):
            return render(request, "surveys/respond_start.html",
                          {**context, "form": None, "too_many": True}, status=429)
        if form.is_bot():
            return redirect(request.path)  # nothing done, and nothing said
        if own is not None or form.is_valid():
            try:
                _response, token = services.start_response(
                    survey_round, language=current_language(),
                    consent=bool(form.is_bound and form.is_valid()
                                 and form.cleaned_data.get("consent")),
                    user=request.user, invitation=invitation, invitation_token=invitation_token,
                    client_digest=_client_digest(request, survey_round))
            except services.ResponseError as exc:
                form.add_error(None, exc.message)
                status = 409
            else:
                return redirect("surveys:answer", token)
        else:
            status = 400
    return render(request, "surveys/respond_start.html", context, status=status)


# --- Answering, section by section -----------------------------------------------------------


def _open_response(request: HttpRequest, token: str
                   ) -> tuple[SurveyResponse | None, HttpResponse | None]:
    """The response of a resume link, or the page to show instead (sent, closed); 404 unknown."""
    response = services.response_for_token(token)
    if response is None:
        invited = services.invitation_from_resume_token(token)
        if invited is not None and invited.submitted_at is not None:
            # An anonymous invited response, sent: its link no longer opens it.
            return None, _done(request, invited.round, "submitted")
        raise Http404
    if response.is_submitted:
        return None, _done(request, response.round, "submitted")
    if not response.round.is_accepting():
        return None, _closed(request, response.round)
    return response, None


def _resume_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("surveys:answer", args=[token]))


def _step_url(token: str, step: int) -> str:
    return reverse("surveys:answer_step", args=[token, step])


def _resume_point(response: SurveyResponse, sections: list[Section]) -> int | None:
    """The first step with a shown required question unanswered (None: go to the review)."""
    schema = response.round.questionnaire.schema
    missing = answers_module.validate_complete(schema, response.answers or {})
    for step, section in enumerate(sections, start=1):
        if any(q.code in missing for q in section.questions):
            return step
    return None


def _neighbour(sections: list[Section], all_sections: tuple[Section, ...], key: str,
               forward: bool) -> int | None:
    """The step of the shown section after (or before) section ``key`` in questionnaire order."""
    order = [s.key for s in all_sections]
    here = order.index(key)
    shown = [(step, order.index(s.key)) for step, s in enumerate(sections, start=1)]
    if forward:
        later = [step for step, pos in shown if pos > here]
        return later[0] if later else None
    earlier = [step for step, pos in shown if pos < here]
    return earlier[-1] if earlier else None


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, token: str, step: int | None = None) -> HttpResponse:
    response, other = _open_response(request, token)
    if response is None:
        return other  # type: ignore[return-value]
    schema = response.round.questionnaire.schema
    sections = logic.visible_sections(schema, response.answers or {})
    if step is None:
        point = _resume_point(response, sections)
        return redirect(_step_url(token, point) if point else
                        reverse("surveys:review", args=[token]))
    if step < 1:
        raise Http404
    if step > len(sections):
        return redirect("surveys:review", token)
    section = sections[step - 1]
    lang = current_language()
    page: dict[str, Any] = {"data": answers_as_data(section, response.answers or {}),
                            "errors": {}, "new_questions": False, "mail_form": None,
                            "shown_for": response.answers or {}}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", ACTION_NEXT)
        if action == ACTION_MAIL:
            return _mail_link(request, response, token, step, section, sections)
        if request.POST.get("section") != section.key:
            # The sections shown changed in another tab: show this step as it is now.
            messages.info(request, _("The questions changed after an answer elsewhere. "
                                     "Check this page and continue."))
            return redirect(_step_url(token, step))
        values, errors = answers_module.read_section(
            schema, section, request.POST, answers=response.answers or {}, lang=lang,
            require=action == ACTION_NEXT)
        if not errors:
            return _after_save(request, response, token, section, values, action)
        before = logic.visible_codes(schema, response.answers or {})
        page = {"data": request.POST, "errors": errors, "mail_form": None,
                "new_questions": any(code not in before for code in errors),
                "shown_for": answers_module.merge(response.answers or {}, section, values)}
        status = 400
    elif request.GET.get("saved"):
        page["mail_form"] = ResumeMailForm()
    return _answer_page(request, response, token, step, section, sections, page, status)


def _after_save(request: HttpRequest, response: SurveyResponse, token: str, section: Section,
                values: dict[str, Any], action: str) -> HttpResponse:
    try:
        services.save_section(response, section.key, values)
    except services.ResponseError as exc:
        messages.error(request, exc.message)
        return redirect("surveys:answer", token)
    schema = response.round.questionnaire.schema
    sections = logic.visible_sections(schema, response.answers)
    if action == ACTION_LATER:
        keys = [s.key for s in sections]
        here = keys.index(section.key) + 1 if section.key in keys else 1
        return redirect(_step_url(token, here) + "?saved=1#continue-later")
    if action == ACTION_BACK:
        previous = _neighbour(sections, schema.sections, section.key, forward=False)
        return redirect(_step_url(token, previous or 1))
    following = _neighbour(sections, schema.sections, section.key, forward=True)
    if following is None:
        return redirect("surveys:review", token)
    return redirect(_step_url(token, following))


def _answer_page(request: HttpRequest, response: SurveyResponse, token: str, step: int,
                 section: Section, sections: list[Section], page: dict[str, Any],
                 status: int) -> HttpResponse:
    schema = response.round.questionnaire.schema
    lang = current_language()
    shown = logic.visible_codes(schema, page["shown_for"])
    fields = section_fields(section, page["data"], lang=lang, errors=page["errors"],
                            shown=shown)
    summary = [(f.anchor, f"{f.text}: {f.error}") for f in fields if f.error and not f.hidden]
    return render(request, "surveys/respond_answer.html", {
        **_texts(response.round),
        "token": token, "step": step, "steps": len(sections), "section": section,
        "section_title": section.title(lang), "section_intro": section.intro(lang),
        "fields": fields, "summary": summary, "new_questions": page["new_questions"],
        "resume_url": _resume_url(request, token), "mail_form": page["mail_form"],
        "saved": bool(request.GET.get("saved")) or page["mail_form"] is not None,
    }, status=status)


def _mail_link(request: HttpRequest, response: SurveyResponse, token: str, step: int,
               section: Section, sections: list[Section]) -> HttpResponse:
    form = ResumeMailForm(request.POST)
    if form.is_bot():
        return redirect(_step_url(token, step) + "?saved=1")
    if not client_within_limit(request, "surveys-resume-mail", limit=RESUME_MAILS_PER_IP_HOUR):
        form.add_error(None, _("Too many links were sent from your connection. Copy the link "
                               "instead, or try again in an hour."))
    elif form.is_valid():
        services.mail_resume_link(survey_round=response.round,
                                  email=form.cleaned_data["email"],
                                  url=_resume_url(request, token), language=current_language())
        messages.success(request, _("We have sent the link. We have not kept your address."))
        return redirect(_step_url(token, step) + "?saved=1#continue-later")
    page = {"data": answers_as_data(section, response.answers or {}), "errors": {},
            "new_questions": False, "mail_form": form, "shown_for": response.answers or {}}
    return _answer_page(request, response, token, step, section, sections, page, status=400)


# --- Review and submission -------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def review(request: HttpRequest, token: str) -> HttpResponse:
    response, other = _open_response(request, token)
    if response is None:
        return other  # type: ignore[return-value]
    survey_round = response.round
    schema = survey_round.questionnaire.schema
    lang = current_language()
    errors = answers_module.validate_complete(schema, response.answers or {}, lang)
    status = 200
    if request.method == "POST" and not errors:
        try:
            services.submit(response, invitation=services.invitation_from_resume_token(token),
                            seen_before=_answered_here(request, survey_round))
        except services.IncompleteResponse as exc:
            errors, status = exc.errors, 400
        except services.ResponseError as exc:
            messages.error(request, exc.message)
            return redirect("surveys:answer", token)
        else:
            done = redirect("surveys:thanks", survey_round.slug)
            done.set_cookie(_cookie_name(survey_round), "1", max_age=COOKIE_MAX_AGE,
                            path="/",
                            secure=request.is_secure(), httponly=True, samesite="Lax")
            return done
    elif request.method == "POST":
        status = 400
    sections = logic.visible_sections(schema, response.answers or {})
    shown = logic.visible_codes(schema, response.answers or {})
    items = review_sections(sections, response.answers or {}, shown=shown, errors=errors,
                            lang=lang)
    summary = [(f"review-{item.question.code}", f"{item.text}: {item.error}")
               for part in items for item in part.items if item.error]
    return render(request, "surveys/respond_review.html", {
        **_texts(survey_round), "token": token, "sections": items, "summary": summary,
        "steps": len(sections), "resume_url": _resume_url(request, token)}, status=status)


@require_safe
def thanks(request: HttpRequest, slug: str) -> HttpResponse:
    survey_round = SurveyRound.objects.select_related("questionnaire").filter(
        slug=slug).exclude(status=RoundStatus.DRAFT).first()
    if survey_round is None:
        raise Http404
    return render(request, "surveys/respond_thanks.html", _texts(survey_round))
