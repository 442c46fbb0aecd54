"""Analysts' pages: questionnaires and their versions, rounds, invitations.

Every view has one shape: check the right (``selectors.can_manage``, or
``selectors.round_for_manager`` / ``questionnaire_for_manager``, which give
403 to people without it and 404 for unknown ids), validate a form, call a
``services`` function, redirect or render. Anonymous visitors are sent to log
in. Questionnaires are written in the Wagtail admin (``wagtail_hooks.py``);
these pages preview, publish and version them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from sihub.core.forms import apply_validation_error
from sihub.surveys import schema as schema_module
from sihub.surveys.schema import number_text
from sihub.surveys import selectors, services, wording
from sihub.surveys.emails import absolute
from sihub.surveys.forms_manage import (
    ActorSearchForm,
    AddInvitationsForm,
    RoundForm,
    RoundStatusForm,
    SendInvitationsForm,
)
from sihub.surveys.frame import round_frame
from sihub.surveys.models import (
    Invitation,
    Questionnaire,
    QuestionnaireStatus,
    ResponseStatus,
    RoundStatus,
    SurveyRound,
)

INVITATIONS_PER_PAGE = 100
KIND_LABELS = {
    schema_module.SINGLE: gettext_lazy("Single choice"),
    schema_module.MULTIPLE: gettext_lazy("Multiple choice"),
    schema_module.SCALE: gettext_lazy("Scale"),
    schema_module.NUMBER: gettext_lazy("Number"),
    schema_module.SHORT_TEXT: gettext_lazy("Short text"),
    schema_module.LONG_TEXT: gettext_lazy("Long text"),
    schema_module.MATRIX: gettext_lazy("Matrix"),
}


def _admin_url(name: str, *args: Any) -> str:
    """A page of the questionnaire snippet in the Wagtail admin ("" if it is not registered)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def admin_edit_url(questionnaire: Questionnaire) -> str:
    return _admin_url("wagtailsnippets_surveys_questionnaire:edit", questionnaire.pk)


# --- The dashboard ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
def dashboard(request: HttpRequest) -> HttpResponse:
    """Questionnaires by family with their versions, and every round with its counts."""
    selectors.require_manager(request.user)
    questionnaires = Questionnaire.objects.order_by("family", "-version")
    families = [(family, [{"questionnaire": q, "edit_url": admin_edit_url(q)} for q in group])
                for family, group in groupby(questionnaires, key=lambda q: q.family)]
    submitted = Q(responses__status=ResponseStatus.SUBMITTED)
    rounds = (SurveyRound.objects.select_related("questionnaire")
              .annotate(started=Count("responses"), submitted=Count("responses", filter=submitted))
              .order_by("-created_at", "-pk"))
    return render(request, "surveys/manage_dashboard.html", {
        "families": families, "rounds": rounds,
        "has_published": selectors.published_questionnaires().exists(),
        "add_url": _admin_url("wagtailsnippets_surveys_questionnaire:add"),
    })


# --- Questionnaires -----------------------------------------------------------------------


@dataclass
class QuestionView:
    code: str
    kind: str
    text: str
    help: str
    required: bool
    condition: str
    dimension: str
    options: list[tuple[str, str]] = field(default_factory=list)
    rows: list[tuple[str, str]] = field(default_factory=list)
    details: list[str] = field(default_factory=list)


@dataclass
class SectionView:
    key: str
    title: str
    intro: str
    condition: str
    questions: list[QuestionView]


def _details(q: schema_module.Question, lang: str) -> list[str]:
    """The settings of a question an analyst checks before publishing, as short phrases."""
    out: list[str] = []
    if q.kind == schema_module.SCALE:
        out.append(_("From %(low)s to %(high)s") % {"low": number_text(q.minimum),
                                                    "high": number_text(q.maximum)})
        if q.min_label or q.max_label:
            out.append(_("%(low)s means “%(low_label)s”, %(high)s means “%(high_label)s”")
                       % {"low": number_text(q.minimum), "low_label": q.min_label(lang),
                          "high": number_text(q.maximum), "high_label": q.max_label(lang)})
    if q.kind == schema_module.MULTIPLE and q.max_choices:
        out.append(_("At most %(n)d answers") % {"n": q.max_choices})
    exclusive = [o.label(lang) for o in q.options if o.code in q.exclusive_codes()]
    if q.kind == schema_module.MULTIPLE and exclusive:
        out.append(_("Cannot be combined with other answers: %(answers)s")
                   % {"answers": ", ".join(f"“{label}”" for label in exclusive)})
    if q.kind == schema_module.NUMBER:
        out.append(_("Whole numbers") if q.integer else _("Decimals allowed"))
        if q.minimum is not None or q.maximum is not None:
            out.append(_("Allowed: %(low)s to %(high)s") % {
                "low": number_text(q.minimum) or "–", "high": number_text(q.maximum) or "–"})
        if q.unit:
            out.append(_("Unit: %(unit)s") % {"unit": q.unit(lang)})
        if q.bins:
            out.append(_("Groups in results up to: %(bins)s")
                       % {"bins": ", ".join(number_text(b) for b in q.bins)})
    if q.is_text and q.max_length:
        out.append(_("At most %(n)d characters") % {"n": q.max_length})
    if q.is_text and q.classify:
        out.append(_("Global goals are suggested for the answers"))
    return out


def questionnaire_view(schema: schema_module.Schema, lang: str) -> list[SectionView]:
    """The questionnaire's sections and questions as the preview shows them."""
    dimensions = dict(schema_module.DIMENSIONS)
    sections = []
    for s in schema.sections:
        questions = [QuestionView(
            code=q.code, kind=str(KIND_LABELS.get(q.kind, q.kind)), text=q.text(lang),
            help=q.help(lang), required=q.required,
            condition=wording.condition_words(q.show_if, schema, lang),
            dimension=str(dimensions.get(q.dimension, "")),
            options=[(o.code, o.label(lang)) for o in q.options],
            rows=[(o.code, o.label(lang)) for o in q.rows], details=_details(q, lang),
        ) for q in s.questions]
        sections.append(SectionView(key=s.key, title=s.title(lang), intro=s.intro(lang),
                                    condition=wording.condition_words(s.show_if, schema, lang),
                                    questions=questions))
    return sections


def _preview_language(request: HttpRequest) -> str:
    lang = request.GET.get("lang", "")
    return lang if lang in ("sv", "en") else translation.get_language()[:2]


@login_required
@require_http_methods(["GET", "HEAD"])
def questionnaire(request: HttpRequest, pk: int) -> HttpResponse:
    """Preview of every section and question, with skip logic in words and the problems."""
    found = selectors.questionnaire_for_manager(request.user, pk)
    lang = _preview_language(request)
    is_draft = found.status == QuestionnaireStatus.DRAFT
    family = Questionnaire.objects.filter(family=found.family).order_by("-version")
    return render(request, "surveys/questionnaire.html", {
        "questionnaire": found,
        "sections": questionnaire_view(found.schema, lang),
        "lang": lang, "other_lang": "en" if lang == "sv" else "sv",
        "title": found.title_en if lang == "en" else found.title_sv,
        "intro": found.intro_en if lang == "en" else found.intro_sv,
        "consent": found.consent_text_en if lang == "en" else found.consent_text_sv,
        "problems": services.questionnaire_problems(found) if is_draft else [],
        "is_draft": is_draft,
        "edit_url": admin_edit_url(found) if is_draft else "",
        "versions": family,
        "rounds": found.rounds.order_by("-created_at"),
        "draft": None if is_draft else services.family_draft(found.family),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def questionnaire_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what publishing means, and a button; POST: publish."""
    found = selectors.questionnaire_for_manager(request.user, pk)
    if request.method == "POST":
        try:
            services.questionnaire_publish(found, user=request.user)
        except services.SurveyError as error:
            flash.error(request, error.message)
            return redirect("surveys:questionnaire", pk=found.pk)
        flash.success(request, _("Version %(version)d is published: it can be used in rounds "
                                 "and no longer changes.") % {"version": found.version})
        return redirect("surveys:questionnaire", pk=found.pk)
    if found.status != QuestionnaireStatus.DRAFT:
        return redirect("surveys:questionnaire", pk=found.pk)
    return render(request, "surveys/manage_publish.html", {
        "questionnaire": found, "problems": services.questionnaire_problems(found),
        "questions": len(found.schema.questions), "sections": len(found.schema.sections),
    })


@login_required
@require_POST
def questionnaire_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    """Copy a published version into the family's next draft, then edit it in the admin."""
    found = selectors.questionnaire_for_manager(request.user, pk)
    try:
        draft = services.questionnaire_new_version(found, user=request.user)
    except services.SurveyError as error:
        flash.error(request, error.message)
        target = error.draft or found
        return redirect("surveys:questionnaire", pk=target.pk)
    flash.success(request, _("Version %(version)d is a draft copy of version %(source)d. "
                             "Change it in the editor, then publish it.")
                  % {"version": draft.version, "source": found.version})
    return redirect("surveys:questionnaire", pk=draft.pk)


# --- Rounds -------------------------------------------------------------------------------


def _service_error_to_form(form: RoundForm, error: Exception) -> None:
    if isinstance(error, ValidationError):
        apply_validation_error(form, error)
    else:
        form.add_error(None, error.message)  # type: ignore[attr-defined]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def round_new(request: HttpRequest) -> HttpResponse:
    selectors.require_manager(request.user)
    initial = {}
    wanted = request.GET.get("questionnaire", "")
    if wanted.isdigit():
        initial["questionnaire"] = int(wanted)
    form = RoundForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            created = services.round_create(user=request.user, **fields)
        except (services.SurveyError, ValidationError) as error:
            _service_error_to_form(form, error)
        else:
            flash.success(request, _("The round is saved. Open it when you are ready to "
                                     "collect answers."))
            return redirect("surveys:round", pk=created.pk)
    return render(request, "surveys/round_new.html", {
        "form": form, "summary": form.error_summary() if form.is_bound else [],
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey_round = selectors.round_for_manager(request.user, pk)
    # The form writes into its own copy; the service compares with the stored values.
    form = RoundForm(request.POST or None, instance=copy.copy(survey_round))
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(survey_round, user=request.user, **form.service_fields())
        except (services.SurveyError, ValidationError) as error:
            _service_error_to_form(form, error)
        else:
            flash.success(request, _("The round's settings are saved."))
            return redirect("surveys:round", pk=survey_round.pk)
    return render(request, "surveys/round_edit.html", {
        **round_frame(request, survey_round, "round"),
        "form": form, "summary": form.error_summary() if form.is_bound else [],
    })


def public_links(survey_round: SurveyRound) -> list[tuple[str, str, str]]:
    """(language code, language name, absolute link) of the round's public link, per language."""
    from django.conf import settings

    out = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            url = absolute(reverse("surveys:start", kwargs={"key": survey_round.public_key}))
        out.append((code, str(name), url))
    return out


def round_counts(survey_round: SurveyRound) -> dict[str, Any]:
    """The overview's numbers: responses by state, and invitations with the response rate."""
    submitted = Q(status=ResponseStatus.SUBMITTED)
    counts = survey_round.responses.aggregate(
        started=Count("pk"), submitted=Count("pk", filter=submitted),
        flagged=Count("pk", filter=~Q(flag="")), excluded=Count("pk", filter=Q(excluded=True)))
    counts["in_progress"] = counts["started"] - counts["submitted"]
    invited = survey_round.invitations.aggregate(
        total=Count("pk"), sent=Count("pk", filter=Q(sent_at__isnull=False)),
        started=Count("pk", filter=Q(started_at__isnull=False)),
        submitted=Count("pk", filter=Q(submitted_at__isnull=False)))
    invited["rate"] = round(100 * invited["submitted"] / invited["sent"]) \
        if invited["sent"] else None
    counts["invitations"] = invited
    return counts


def daily_submissions(survey_round: SurveyRound) -> list[tuple[Any, int]]:
    """(date, submitted that day) in the site's time zone, oldest first."""
    rows = (survey_round.responses.filter(status=ResponseStatus.SUBMITTED,
                                          submitted_at__isnull=False)
            .annotate(day=TruncDate("submitted_at")).values("day")
            .annotate(n=Count("pk")).order_by("day"))
    return [(row["day"], row["n"]) for row in rows]


@login_required
@require_http_methods(["GET", "HEAD"])
def round_overview(request: HttpRequest, pk: int) -> HttpResponse:
    survey_round = selectors.round_for_manager(request.user, pk)
    days = daily_submissions(survey_round)
    return render(request, "surveys/round_overview.html", {
        **round_frame(request, survey_round, "round"),
        "counts": round_counts(survey_round),
        "days": days, "days_total": sum(n for _day, n in days),
        "public_links": public_links(survey_round) if survey_round.public_link else [],
        "accepting": survey_round.is_accepting(),
        "is_open": survey_round.status == RoundStatus.OPEN,
        "can_open": survey_round.questionnaire.status == QuestionnaireStatus.PUBLISHED,
    })


@login_required
@require_POST
def round_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Open or close the round (the state to set, so a repeated POST changes nothing more)."""
    survey_round = selectors.round_for_manager(request.user, pk)
    form = RoundStatusForm(request.POST)
    if not form.is_valid():
        flash.error(request, _("Choose whether to open or close the round."))
        return redirect("surveys:round", pk=survey_round.pk)
    opening = form.cleaned_data["action"] == "open"
    try:
        if opening:
            services.round_open(survey_round, user=request.user)
        else:
            services.round_close(survey_round, user=request.user)
    except services.SurveyError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, _("The round is open.") if opening else
                      _("The round is closed: nobody can answer until it is opened again."))
    return redirect("surveys:round", pk=survey_round.pk)


# --- Invitations --------------------------------------------------------------------------


def invitation_status(invitation: Invitation) -> str:
    if invitation.submitted_at:
        return _("Submitted")
    if invitation.started_at:
        return _("Started")
    if invitation.sent_at:
        return _("Sent")
    return _("Not sent")


def _added_message(request: HttpRequest, result: services.InvitationsAdded) -> None:
    added = len(result.added)
    flash.success(request, ngettext("%(n)d invitation added.", "%(n)d invitations added.",
                                    added) % {"n": added})
    if result.already_invited:
        n = len(result.already_invited)
        flash.info(request, ngettext("%(n)d address was already invited and was skipped.",
                                     "%(n)d addresses were already invited and were skipped.",
                                     n) % {"n": n})
    if result.without_email:
        flash.warning(request, _("No public e-mail address, not invited: %(names)s")
                      % {"names": ", ".join(result.without_email)})


def _sent_message(request: HttpRequest, sent: services.InvitationsSent) -> None:
    if not sent.count:
        flash.info(request, _("There was nobody to send to."))
    elif sent.queued:
        flash.success(request, ngettext(
            "%(n)d e-mail is being sent in the background.",
            "%(n)d e-mails are being sent in the background; reload the page to follow.",
            sent.count) % {"n": sent.count})
    else:
        flash.success(request, ngettext("%(n)d e-mail sent.", "%(n)d e-mails sent.",
                                        sent.count) % {"n": sent.count})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    """Add invitations (addresses, organisations), send them or a reminder, and follow them."""
    survey_round = selectors.round_for_manager(request.user, pk)
    search = ActorSearchForm(request.GET or None)
    query = search.cleaned_data.get("q", "") if search.is_valid() else ""
    form = AddInvitationsForm(actor_query=query)
    if request.method == "POST" and request.POST.get("action") == "send":
        send_form = SendInvitationsForm(request.POST)
        if send_form.is_valid():
            sent = services.invitations_send(survey_round, user=request.user,
                                             which=send_form.cleaned_data["which"])
            _sent_message(request, sent)
        return redirect("surveys:invitations", pk=survey_round.pk)
    invalid_lines: list[str] = []
    if request.method == "POST":
        form = AddInvitationsForm(request.POST)
        if form.is_valid():
            emails, invalid_lines = form.cleaned_data["addresses"]
            result = services.invitations_add(
                survey_round, user=request.user, emails=emails,
                actors=form.cleaned_data["actors"], language=form.cleaned_data["language"])
            _added_message(request, result)
            invalid_lines += result.invalid
            if not invalid_lines:
                return redirect("surveys:invitations", pk=survey_round.pk)
            # The good addresses are added; the bad lines stay in the box to be corrected.
            form = AddInvitationsForm(initial={"addresses": "\n".join(invalid_lines),
                                               "language": form.cleaned_data["language"]},
                                      actor_query=query)
    rows = (survey_round.invitations.select_related("actor", "response")
            .order_by("created_at", "pk"))
    page = Paginator(rows, INVITATIONS_PER_PAGE).get_page(request.GET.get("page"))
    frame = round_frame(request, survey_round, "invitations")
    show_responses = frame["can_see_responses"] and not survey_round.anonymous
    listed = [{"invitation": i, "status": invitation_status(i),
               "response_url": _response_url(survey_round, i) if show_responses else ""}
              for i in page.object_list]
    return render(request, "surveys/invitations.html", {
        **frame,
        "form": form, "summary": form.error_summary() if form.is_bound else [],
        "invalid_lines": invalid_lines, "search": search, "query": query,
        "rows": listed, "page": page,
        "counts": round_counts(survey_round)["invitations"],
        "unsent": len(services.invitations_to_send(survey_round, services.UNSENT)),
        "unanswered": len(services.invitations_to_send(survey_round, services.REMINDER)),
        "send_inline_max": services.SEND_INLINE_MAX,
    })


def _response_url(survey_round: SurveyRound, invitation: Invitation) -> str:
    """The invitation's response page, in a round that is not anonymous and only if answered."""
    response = getattr(invitation, "response", None)
    if response is None or survey_round.anonymous:
        return ""
    return reverse("surveys:response", kwargs={"pk": survey_round.pk,
                                               "response_id": response.pk})
