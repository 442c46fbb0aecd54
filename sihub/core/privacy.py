"""Personal data: where it lives, export, erasure, the erasure ledger, retention.

Every model field that can hold personal data is declared in ``REGISTRY``;
every other text, file, JSON or user-pointing field of a sihub model is
declared in ``NOT_PERSONAL``. A test walks all installed models and fails when
a field is in neither list, so a new personal field cannot slip in unnoticed.

Erasure deletes the person's ``User`` row (foreign keys cascade or are set to
NULL as each model declares), removes what is tied to them without a foreign
key (log-in attempts, sessions, log labels, media), and appends a line to the
erasure ledger. The ledger lives outside the database (``var/`` by default)
so that restoring an older backup can erase the same people again
(``reapply_erasures``, run by ``manage.py restore``).

The audit log never stores names or e-mail addresses: it keeps the actor's
numeric id only, which points nowhere once the person is erased.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.utils import timezone


@dataclass(frozen=True)
class PersonalData:
    """Personal data held by ``model`` about the person reached by ``subject``.

    ``subject`` is the ORM path from the model to the user ("" for the user
    itself, "user" for a foreign key), or a callable ``(user) -> queryset``.
    ``on_erase`` says what erasure does with the rows: "delete" them, or
    "cascade"/"set_null" (the database does it when the user row goes).
    """

    model: str
    fields: tuple[str, ...]
    subject: str | Callable[[Any], models.QuerySet[Any]]
    on_erase: str = "delete"
    retention: timedelta | None = None
    retention_field: str = ""
    purpose: str = ""
    # For data about people who need not have an account (on_erase="by_email"):
    # ``erase_by_email(email)`` deletes the rows and every copy of them (e.g. in
    # revisions) and returns how many rows went; ``emails_held()`` lists the
    # addresses held, so ``reapply_erasures`` can recognise erased people.
    erase_by_email: Callable[[str], int] | None = None
    emails_held: Callable[[], Iterable[str]] | None = None

    def get_model(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def rows_for(self, user: Any) -> models.QuerySet[Any]:
        model = self.get_model()
        if callable(self.subject):
            return self.subject(user)
        if self.subject == "":
            return model._default_manager.filter(pk=user.pk)
        return model._default_manager.filter(**{self.subject: user})


def _axes(model: str, extra: tuple[str, ...] = ()) -> PersonalData:
    return PersonalData(
        model, ("username", "ip_address", "user_agent", *extra),
        subject=lambda user: apps.get_model(model).objects.filter(username__iexact=user.email),
        retention=timedelta(days=30), retention_field="attempt_time",
        purpose="log-in throttling",
    )


def _logs_about(user: Any) -> models.QuerySet[Any]:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(user)), object_id=str(user.pk)
    )


# --- Contact people of actors: personal data not tied to an account ------------------


def _contacts_with_email(email: str) -> models.QuerySet[Any]:
    Contact = apps.get_model("actors.Contact")
    if not email.strip():
        return Contact.objects.none()
    return Contact.objects.filter(email__iexact=email.strip())


def _erase_contacts(email: str) -> int:
    """Delete the contact people with ``email``, and their copies.

    Copies live in the actors' revisions (a revision holds the actor's child
    rows) and in editors' unsaved admin forms.
    """
    from urllib.parse import unquote_plus

    from django.contrib.contenttypes.models import ContentType
    from wagtail.admin.models import FormState
    from wagtail.models import Revision

    wanted = email.strip().lower()
    if not wanted:
        return 0
    rows = _contacts_with_email(wanted)
    ids = set(rows.values_list("pk", flat=True))
    count, _deleted = rows.delete()
    actor_type = ContentType.objects.get_for_model(apps.get_model("actors.Actor"))
    for revision in Revision.objects.filter(base_content_type=actor_type).iterator():
        contacts = revision.content.get("contacts") or []
        kept = [c for c in contacts if c.get("pk") not in ids
                and str(c.get("email") or "").strip().lower() != wanted]
        if len(kept) != len(contacts):
            Revision.objects.filter(pk=revision.pk).update(
                content={**revision.content, "contacts": kept})
    for state in FormState.objects.filter(content_type=actor_type).iterator():
        if wanted in unquote_plus(state.data).lower():
            state.delete()
    return count


def _contact_emails() -> set[str]:
    """Every contact address in the actors and in their revisions (which outlive the rows)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Revision

    emails = {e.lower() for e in apps.get_model("actors.Contact").objects.exclude(email="")
              .values_list("email", flat=True)}
    actor_type = ContentType.objects.get_for_model(apps.get_model("actors.Actor"))
    for content in Revision.objects.filter(base_content_type=actor_type).values_list(
            "content", flat=True).iterator():
        emails |= {str(c.get("email") or "").strip().lower()
                   for c in (content or {}).get("contacts") or []}
    emails.discard("")
    return emails


# --- Digest subscribers: e-mail addresses of people who asked for the digest ---------


def _subscribers_with_email(email: str) -> models.QuerySet[Any]:
    Subscriber = apps.get_model("monitoring.Subscriber")
    if not email.strip():
        return Subscriber.objects.none()
    return Subscriber.objects.filter(email__iexact=email.strip())


def _erase_subscribers(email: str) -> int:
    """Delete the subscription of ``email`` (its deliveries go with it, by cascade)."""
    _count, deleted = _subscribers_with_email(email).delete()
    return deleted.get("monitoring.Subscriber", 0)


def _subscriber_emails() -> set[str]:
    return {e.lower() for e in apps.get_model("monitoring.Subscriber").objects.values_list(
        "email", flat=True)}


def _coalition_contacts_with_email(email: str) -> models.QuerySet[Any]:
    Member = apps.get_model("coalitions.CoalitionMember")
    if not email.strip():
        return Member.objects.none()
    return Member.objects.filter(contact_email__iexact=email.strip())


def _erase_coalition_contacts(email: str) -> int:
    """Blank the contact person of memberships with ``email``; the organisation stays a member."""
    return _coalition_contacts_with_email(email).update(contact_name="", contact_email="",
                                                        contact=None)


def _coalition_contact_emails() -> set[str]:
    return {e.lower() for e in apps.get_model("coalitions.CoalitionMember").objects.exclude(
        contact_email="").values_list("contact_email", flat=True)}


# --- Event participants: personal data of people who need not have an account ------
# (sihub.events.privacy does the work; imported when called, core imports no app above it)


def _events(name: str) -> Callable[..., Any]:
    def call(*args: Any) -> Any:
        from django.utils.module_loading import import_string

        return import_string(f"sihub.events.privacy.{name}")(*args)
    return call


def _event_rows(model: str, path: str) -> Callable[[Any], models.QuerySet[Any]]:
    return lambda user: apps.get_model(model).objects.filter(
        **{f"{path}__in": _events("registrations_of_user")(user)})


def _match_meetings_of(user: Any) -> models.QuerySet[Any]:
    return apps.get_model("events.MatchMeeting").objects.filter(
        models.Q(first__profile__user=user) | models.Q(second__profile__user=user))


# --- Survey respondents: only rounds that are not anonymous link answers to people ---


def _surveys(name: str) -> Callable[..., Any]:
    def call(*args: Any) -> Any:
        from django.utils.module_loading import import_string

        return import_string(f"sihub.surveys.privacy.{name}")(*args)
    return call


REGISTRY: list[PersonalData] = [
    PersonalData("core.User", ("email", "first_name", "last_name", "preferred_language",
                               "last_login", "date_joined", "password"),
                 subject="", on_erase="cascade", purpose="account"),
    PersonalData("wagtailusers.UserProfile", ("avatar", "preferred_language", "current_time_zone"),
                 subject="user", on_erase="cascade", purpose="admin preferences"),
    PersonalData("wagtailcore.APIToken", ("name", "prefix", "created", "last_used_at"),
                 subject="user", on_erase="cascade", purpose="API access"),
    PersonalData("wagtailcore.Comment", ("text", "created_at"), subject="user",
                 on_erase="cascade", purpose="editorial comments"),
    PersonalData("wagtailcore.CommentReply", ("text", "created_at"), subject="user",
                 on_erase="cascade", purpose="editorial comments"),
    PersonalData("wagtailcore.PageSubscription", ("page", "comment_notifications"),
                 subject="user", on_erase="cascade", purpose="notifications"),
    PersonalData("wagtailcore.Revision", ("object_str", "created_at"), subject="user",
                 on_erase="set_null", purpose="editorial history"),
    PersonalData("wagtailcore.PageLogEntry", ("action", "label", "timestamp"), subject="user",
                 on_erase="delete", purpose="editorial history"),
    PersonalData("wagtailcore.ModelLogEntry", ("action", "label", "timestamp"), subject="user",
                 on_erase="delete", purpose="editorial history"),
    PersonalData("wagtailcore.ModelLogEntry", ("action", "label", "timestamp", "data"),
                 subject=_logs_about, on_erase="delete", purpose="history of the account itself"),
    PersonalData("wagtailadmin.EditingSession", ("last_seen_at",), subject="user",
                 on_erase="cascade", purpose="concurrent editing"),
    PersonalData("wagtailadmin.FormState", ("data",), subject="user", on_erase="cascade",
                 purpose="unsaved admin forms"),
    PersonalData("admin.LogEntry", ("object_repr", "change_message", "action_time"),
                 subject="user", on_erase="cascade", purpose="admin history"),
    PersonalData("cases.CasePage", ("contact_name", "contact_email"), subject="submitted_by",
                 on_erase="anonymise", purpose="contact for a submitted good example"),
    PersonalData("impact.InitiativeMembership", ("initiative", "role", "created_at"),
                 subject="user", on_erase="cascade",
                 purpose="membership of an initiative's team (object-level access)"),
    PersonalData("core.AuditEntry", ("action", "target_type", "target_id", "created_at"),
                 subject=lambda user: apps.get_model("core.AuditEntry").objects.filter(
                     actor_id=user.pk),
                 on_erase="keep", purpose="audit (numeric actor id only)"),
    PersonalData("actors.Contact", ("name", "role", "email", "phone", "is_public", "consent_at"),
                 subject=lambda user: _contacts_with_email(user.email), on_erase="by_email",
                 erase_by_email=_erase_contacts, emails_held=_contact_emails,
                 purpose="contact people of organisations in the ecosystem (matched by e-mail; "
                         "no account needed)"),
    PersonalData("actors.Representative", ("actor", "created_at"), subject="user",
                 on_erase="cascade", purpose="speaking for an organisation (approved claim)"),
    PersonalData("actors.Claim", ("actor", "message", "status", "review_note", "created_at"),
                 subject="user", on_erase="cascade",
                 purpose="asking to represent an organisation"),
    # The changes themselves are about the organisation and stay (they are in
    # the actor's revisions too); the member's own words are blanked and the
    # link to the account is set to NULL by the database.
    PersonalData("actors.ChangeProposal", ("comment", "review_note"), subject="proposed_by",
                 on_erase="anonymise",
                 purpose="changes proposed to an organisation's profile"),
    # Unconfirmed subscriptions are deleted after 7 days (the confirmation link's
    # lifetime) by ``monitoring.subscriptions.subscribers_purge_unconfirmed``, not by
    # ``apply_retention``: that deletes by age alone, and confirmed subscriptions stay
    # until the person unsubscribes or is erased. Hence no ``retention`` here.
    PersonalData("monitoring.Subscriber", ("email", "language", "created_at", "confirmed_at",
                                           "consent_text", "consent_version"),
                 subject=lambda user: _subscribers_with_email(user.email), on_erase="by_email",
                 erase_by_email=_erase_subscribers, emails_held=_subscriber_emails,
                 purpose="the monitoring digest by e-mail (double opt-in; matched by e-mail; "
                         "no account needed)"),
    PersonalData("coalitions.CoalitionMember", ("coalition", "actor", "role", "status"),
                 subject="contact", on_erase="set_null",
                 purpose="the account that speaks for an organisation in a coalition"),
    PersonalData("coalitions.CoalitionMember",
                 ("contact_name", "contact_email", "contact", "invited_at", "responded_at"),
                 subject=lambda user: _coalition_contacts_with_email(user.email),
                 on_erase="by_email", erase_by_email=_erase_coalition_contacts,
                 emails_held=_coalition_contact_emails,
                 purpose="the contact person of an organisation in a coalition (matched by "
                         "e-mail; invited people need no account)"),
    # Event sign-ups: anyone may register without an account; matched by e-mail.
    # Anonymised (not deleted: sector and attendance stay for statistics)
    # SIHUB_EVENTS_RETENTION_DAYS after the event by sihub.events.retention.
    PersonalData("events.Registration",
                 ("name", "email", "organisation", "dietary_needs", "accessibility_needs",
                  "language", "status", "created_at", "checked_in_at"),
                 subject=_events("registrations_of_user"), on_erase="by_email",
                 erase_by_email=_events("erase_for_email"),
                 emails_held=_events("registration_emails"),
                 purpose="sign-ups to events (matched by e-mail; no account needed)"),
    PersonalData("events.Registration", ("event", "status", "created_at"), subject="user",
                 on_erase="set_null", purpose="the account that signed up to an event"),
    PersonalData("events.RegistrationConsent",
                 ("kind", "granted", "text", "text_version", "recorded_at"),
                 subject=_event_rows("events.RegistrationConsent", "registration"),
                 on_erase="keep", purpose="what a participant agreed to (proof of consent)"),
    PersonalData("events.ParticipantMessageRecipient", ("message", "claimed_at", "sent_at"),
                 subject=_event_rows("events.ParticipantMessageRecipient", "registration"),
                 on_erase="keep",
                 purpose="which organisers' messages were mailed to a participant (so none is "
                         "mailed twice); kept with the anonymised registration"),
    PersonalData("events.Feedback", ("rating", "useful", "improve", "new_contacts",
                                     "would_recommend", "created_at"),
                 subject=_event_rows("events.Feedback", "registration"), on_erase="by_email",
                 erase_by_email=_events("erase_feedback_for_email"),
                 purpose="feedback on an event"),
    PersonalData("events.MatchProfile", ("organisation", "sector", "offers", "seeks",
                                         "interests", "updated_at"),
                 subject="user", on_erase="cascade",
                 purpose="matchmaking profile (the person's own, carried across events)"),
    PersonalData("events.MatchMeeting", ("first_answer", "second_answer", "reasons"),
                 subject=_match_meetings_of, on_erase="cascade",
                 purpose="1:1 meetings proposed at events"),
    # Personal invitations to answer a survey (no account needed); the
    # addresses go SIHUB_SURVEYS_RETENTION_DAYS after the round closes.
    PersonalData("surveys.Invitation", ("email", "name", "actor", "language", "created_at",
                                        "sent_at", "started_at", "submitted_at"),
                 subject=_surveys("invitations_of_user"), on_erase="by_email",
                 erase_by_email=_surveys("erase_for_email"),
                 emails_held=_surveys("invitation_emails"),
                 purpose="invitations to answer a survey (matched by e-mail)"),
    # Responses in rounds that are not anonymous (anonymous ones hold no link).
    PersonalData("surveys.SurveyResponse", ("answers", "language", "actor", "status",
                                            "consent_text", "consent_given_at", "started_at",
                                            "submitted_at", "client_digest", "text_sdgs"),
                 subject=_surveys("responses_of_user"), on_erase="delete",
                 purpose="answers to a survey that records who answered"),
    PersonalData("surveys.SurveyResponse", ("round", "status", "submitted_at"), subject="user",
                 on_erase="delete", purpose="the account that answered a survey"),
    _axes("axes.AccessAttempt", ("get_data", "post_data")),
    _axes("axes.AccessFailureLog"),
    PersonalData("axes.AccessLog", ("username", "ip_address", "user_agent"),
                 subject=lambda user: apps.get_model("axes.AccessLog").objects.filter(
                     username__iexact=user.email),
                 retention=timedelta(days=30), retention_field="attempt_time",
                 purpose="log-in history"),
]

# Text, file, JSON and user-pointing fields of sihub's own models that hold no
# personal data. Each new such field must be added here or to REGISTRY.
NOT_PERSONAL: dict[str, set[str]] = {
    "core.User": {"groups", "user_permissions", "is_active", "is_staff", "is_superuser"},
    "core.AuditEntry": {"actor_label", "target_label", "data"},
    "core.Sector": {"slug", "name_sv", "name_en", "description_sv", "description_en"},
    "core.Theme": {"slug", "name_sv", "name_en"},
    "core.County": {"code", "name_sv", "name_en"},
    "core.Municipality": {"code", "name"},
    "core.ScheduledJob": {"name", "last_run_at"},
    "core.HomePage": {"intro", "body", "owner", "locked_by"},
    "core.ContentPage": {"intro", "body", "owner", "locked_by"},
    "sdg.Goal": {"color", "title_en", "title_sv", "text_en", "text_sv"},
    "knowledge.KnowledgeArticlePage": {"intro"},
    "knowledge.MethodIndexPage": {"intro"},
    "knowledge.MethodPage": {"intro", "purpose", "phase", "time_needed", "facilitation",
                             "materials"},
    "knowledge.StoryIndexPage": {"intro"},
    "knowledge.StoryPage": {"intro", "kind", "source_url"},
    "knowledge.PublicationIndexPage": {"intro"},
    "knowledge.PublicationPage": {"intro", "publisher", "language", "publication_type",
                                  "external_url", "doi", "isbn"},
    "cases.CaseIndexPage": {"intro"},
    "cases.CasePage": {"summary", "challenge", "solution", "target_groups", "actors_involved",
                       "stage", "results", "scaling", "website", "source_url"},
    "sdg.Target": {"code", "text_en", "text_sv"},
    "impact.Programme": {"name", "funder", "description_sv", "description_en"},
    "impact.TheoryOfChange": {"title", "description"},
    "impact.Initiative": {"title", "slug", "purpose", "societal_challenge", "funder", "status",
                          "public_summary_sv", "public_summary_en"},
    "impact.StakeholderGroup": {"name", "involvement"},
    "impact.Outcome": {"description", "term"},
    "impact.ToCElement": {"kind", "text"},
    "impact.ToCLink": {"assumption"},
    "impact.Indicator": {"name", "unit", "data_source", "frequency"},
    "impact.Measurement": {"breakdown_dimension", "breakdown_value"},
    "impact.FinancialProxy": {"key", "name_sv", "name_en", "unit", "source_title",
                              "source_publisher", "source_url", "note"},
    "impact.ValueMapRow": {"proxy_source"},
    "coalitions.Coalition": {"title", "slug", "challenge", "vision", "goals",
                             "needed_offering_kinds", "phase", "public_summary_sv",
                             "public_summary_en", "results", "created_by"},
    "coalitions.PhaseChange": {"from_phase", "to_phase", "decision", "changed_by"},
    "coalitions.CoalitionMember": {"role", "status"},
    "coalitions.Commitment": {"kind", "description", "unit", "status"},
    "coalitions.Meeting": {"title", "location", "agenda", "notes", "event_url"},
    "coalitions.Decision": {"text"},
    # Self-assessment answers and scores are about the initiative; created_by is who submitted (SET_NULL).
    "impact.SelfAssessment": {"answers", "scores", "created_by"},
    # Organisations (not people): sole traders leave the organisation number
    # empty (the form says so), so no personal identity number is stored.
    "actors.Actor": {"name", "slug", "org_number", "kind", "description_sv", "description_en",
                     "website"},
    "actors.Offering": {"kind", "title_sv", "title_en", "description_sv", "description_en",
                        "stages", "target_groups", "conditions", "url"},
    "actors.Relation": {"kind", "source"},
    "actors.Representative": {"approved_by"},
    "actors.Claim": {"decided_by"},
    "actors.ChangeProposal": {"data", "previous", "status", "applied", "decided_by"},
    # Classifier output about content, and which editor decided or tagged (SET_NULL).
    "sdg.SDGSuggestion": {"targets", "evidence", "classifier_version", "status", "decided_by"},
    "sdg.SDGTagProvenance": {"source", "classifier_version", "added_by"},
    # Feeds the centre follows and what they published (public documents);
    # the owner is the staff member responsible for the feed (SET_NULL), the
    # note an analyst's working remark about the item, not about a person.
    "monitoring.Source": {"name", "url", "kind", "language", "owner", "etag", "last_modified",
                          "last_error"},
    "monitoring.Item": {"guid", "link", "canonical_url", "title", "summary", "content_html",
                        "language", "content_hash", "status", "note"},
    "monitoring.Story": {"title"},
    # Digests are public editions made of public items; created_by is the staff
    # member who composed one (SET_NULL).
    "monitoring.Digest": {"title", "language", "intro", "status", "created_by"},
    "monitoring.DigestEntry": {"title", "link", "source_name", "summary"},
    # Events: public pages and the organisers' own texts (sent_by/created_by SET_NULL).
    "events.EventSeries": {"name_sv", "name_en", "slug", "description_sv", "description_en"},
    "events.EventIndexPage": {"intro"},
    "events.EventPage": {"event_type", "intro", "body", "venue_name", "street_address",
                         "postal_code", "city", "online_url", "language", "accessibility_info"},
    "events.EventSession": {"title", "description", "room"},
    "events.ParticipantMessage": {"subject", "body", "audience", "sent_by"},
    "events.EventOutcome": {"title", "description", "created_by"},
    # Surveys: questionnaires and rounds are the centre's own texts (created_by SET_NULL);
    # flags and the analyst's exclusion describe a response, not a person.
    "surveys.Questionnaire": {"family", "title_sv", "title_en", "intro_sv", "intro_en",
                              "consent_text_sv", "consent_text_en", "body", "status",
                              "created_by"},
    "surveys.SurveyRound": {"title_sv", "title_en", "slug", "status", "public_key",
                            "created_by"},
    "surveys.Invitation": {"token_digest"},
    "surveys.SurveyResponse": {"resume_digest", "flag"},
    "surveys.MonitorReportPage": {"intro", "body", "key_questions", "chart_questions",
                                  "breakdown"},
}

# Names published as the authors of public works. They are personal data, but
# not about platform users: editors correct or remove them on request.
PUBLISHED_NAMES: dict[str, set[str]] = {
    "knowledge.StoryPage": {"author"},
    "knowledge.PublicationPage": {"authors"},
    "events.EventSession": {"speakers"},
}

# Foreign keys to the user in third-party models that are not personal data
# about that user: authorship links that erasure sets to NULL.
AUTHORSHIP_LINKS = {
    ("wagtailcore.Page", "owner"), ("wagtailcore.Page", "locked_by"),
    # Who created a coalition, and who recorded a phase change (SET_NULL).
    ("coalitions.Coalition", "created_by"), ("coalitions.PhaseChange", "changed_by"),
    # The team member who submitted a self-assessment (SET_NULL).
    ("impact.SelfAssessment", "created_by"),
    ("wagtaildocs.Document", "uploaded_by_user"), ("wagtailimages.Image", "uploaded_by_user"),
    ("wagtailcore.UploadedFile", "uploaded_by_user"), ("wagtailcore.WorkflowState", "requested_by"),
    ("wagtailcore.TaskState", "finished_by"), ("wagtailcore.Comment", "resolved_by"),
    # The editor who decided a member's request (SET_NULL).
    ("actors.Representative", "approved_by"), ("actors.Claim", "decided_by"),
    ("actors.ChangeProposal", "decided_by"),
    # The editor who decided on an SDG suggestion, or tagged a goal (SET_NULL).
    ("sdg.SDGSuggestion", "decided_by"), ("sdg.SDGTagProvenance", "added_by"),
    # The staff member responsible for a feed source (SET_NULL).
    ("monitoring.Source", "owner"),
    # The staff member who composed a digest (SET_NULL).
    ("monitoring.Digest", "created_by"),
    # The organiser who wrote to participants or recorded an outcome (SET_NULL).
    ("events.ParticipantMessage", "sent_by"), ("events.EventOutcome", "created_by"),
    # The analyst who wrote a questionnaire or set up a survey round (SET_NULL).
    ("surveys.Questionnaire", "created_by"), ("surveys.SurveyRound", "created_by"),
}


def _json_value(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or ""
    return value


def personal_data_export(user: Any) -> dict[str, Any]:
    """Everything registered about ``user``, as JSON-ready data (GDPR art. 15/20)."""
    out: dict[str, Any] = {
        "format": "sihub-personal-data/1",
        "exported_at": timezone.now().isoformat(),
        "subject": {"id": user.pk, "email": user.email},
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "data": {},
    }
    for entry in REGISTRY:
        rows = [
            {name: _json_value(getattr(obj, name)) for name in entry.fields if name != "password"}
            | {"id": obj.pk}
            for obj in entry.rows_for(user)
        ]
        out["data"].setdefault(entry.model, []).extend(rows)
    return out


# --- Erasure ---------------------------------------------------------------


def ledger_path() -> Path:
    return Path(getattr(settings, "SIHUB_ERASURE_LEDGER",
                        Path(settings.BASE_DIR) / "var" / "erasure-ledger.jsonl"))


def email_digest(email: str) -> str:
    """A keyed digest: the ledger can recognise an address without storing it."""
    return hmac.new(settings.SECRET_KEY.encode(), email.strip().lower().encode(),
                    hashlib.sha256).hexdigest()


@dataclass
class ErasureReport:
    user_id: int
    rows: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def _erase(user: Any) -> ErasureReport:
    report = ErasureReport(user_id=user.pk)
    files: list[Any] = []
    with transaction.atomic():
        for entry in REGISTRY:
            rows = entry.rows_for(user)
            for name in entry.fields:
                field_obj = entry.get_model()._meta.get_field(name)
                if isinstance(field_obj, models.FileField):
                    files += [getattr(r, name) for r in rows if getattr(r, name)]
            if entry.on_erase == "delete":
                count, _ = rows.delete()
                report.rows[entry.model] = report.rows.get(entry.model, 0) + count
            elif entry.on_erase == "anonymise":
                report.rows[entry.model] = _anonymise(entry, rows)
            elif entry.on_erase == "by_email" and entry.erase_by_email is not None:
                report.rows[entry.model] = entry.erase_by_email(user.email)
        for session in Session.objects.all().iterator():
            if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
                session.delete()
                report.rows["sessions"] = report.rows.get("sessions", 0) + 1
        user.delete()  # cascades and SET_NULLs as each model declares
        for f in files:
            report.files.append(f.name)
            transaction.on_commit(lambda f=f: f.storage.delete(f.name))
    return report


def _anonymise(entry: PersonalData, rows: models.QuerySet[Any]) -> int:
    """Blank the personal fields, in the rows and in every saved revision of them."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Revision

    model = entry.get_model()
    ids = [str(pk) for pk in rows.values_list("pk", flat=True)]
    blank = {name: "" for name in entry.fields}
    count = model._default_manager.filter(pk__in=ids).update(**blank)
    base = ContentType.objects.get_for_model(model, for_concrete_model=False)
    for revision in Revision.objects.filter(object_id__in=ids).filter(
        models.Q(content_type=base) | models.Q(base_content_type=base)
        | models.Q(content_type__model=model._meta.model_name)
    ):
        revision.content = {**revision.content, **blank}
        Revision.objects.filter(pk=revision.pk).update(content=revision.content)
    return count


def person_erase(*, actor: Any, user: Any) -> ErasureReport:
    """Erase a person (GDPR art. 17) and remember that we did, outside the database."""
    from sihub.core.services import audit_record

    digest, user_id = email_digest(user.email), user.pk
    report = _erase(user)
    _append_ledger({"user_id": user_id, "email_digest": digest,
                    "erased_at": timezone.now().isoformat()})
    audit_record(actor=actor, action="person.erased", data={"subject_id": user_id})
    return report


def _append_ledger(line: dict[str, Any]) -> None:
    path = ledger_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(line) + "\n")


def _erase_by_email(email: str) -> dict[str, int]:
    rows: dict[str, int] = {}
    for entry in REGISTRY:
        if entry.on_erase == "by_email" and entry.erase_by_email is not None:
            rows[entry.model] = rows.get(entry.model, 0) + entry.erase_by_email(email)
    return {model: count for model, count in rows.items() if count}  # what was erased


def email_erase(*, actor: Any, email: str) -> dict[str, int]:
    """Erase what is held about a person without an account (e.g. an actor's contact person).

    Someone with an account is erased with ``person_erase``, which covers this too.
    """
    from sihub.core.services import audit_record

    digest = email_digest(email)
    with transaction.atomic():
        rows = _erase_by_email(email)
        # Counts only: the address itself is not kept anywhere but as the ledger's digest.
        audit_record(actor=actor, action="person.erased_by_email",
                     data={"rows": {k: v for k, v in rows.items() if v}})
    _append_ledger({"user_id": None, "email_digest": digest,
                    "erased_at": timezone.now().isoformat()})
    return rows


def ledger_entries() -> list[dict[str, Any]]:
    path = ledger_path()
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def reapply_erasures() -> int:
    """Erase again everyone in the ledger who is back (e.g. after restoring a backup)."""
    User = apps.get_model(settings.AUTH_USER_MODEL)
    entries = ledger_entries()
    ids = {e["user_id"] for e in entries}
    digests = {e["email_digest"] for e in entries}
    erased = 0
    for user in User.objects.all():
        if user.pk in ids or email_digest(user.email) in digests:
            _erase(user)
            erased += 1
    # People without an account (contact persons): recognised by their address.
    for entry in REGISTRY:
        if entry.on_erase != "by_email" or entry.emails_held is None:
            continue
        for email in sorted(entry.emails_held()):
            if email_digest(email) in digests and _erase_by_email(email).get(entry.model):
                erased += 1
    return erased


# --- Retention -------------------------------------------------------------


def apply_retention(now: Any = None, log: Callable[[str], None] = lambda _m: None) -> dict[str, int]:
    """Delete personal data older than its registered retention period."""
    now = now or timezone.now()
    deleted: dict[str, int] = {}
    seen: set[str] = set()
    for entry in REGISTRY:
        if entry.retention is None or entry.model in seen:
            continue
        seen.add(entry.model)
        cutoff = now - entry.retention
        count, _ = entry.get_model()._default_manager.filter(
            **{f"{entry.retention_field}__lt": cutoff}).delete()
        deleted[entry.model] = count
        log(f"{entry.model}: {count} rows older than {entry.retention.days} days deleted")
    count, _ = Session.objects.filter(expire_date__lt=now).delete()
    deleted["sessions.Session"] = count
    log(f"sessions: {count} expired sessions deleted")
    return deleted


def classified_fields() -> Iterable[tuple[str, str]]:
    for entry in REGISTRY:
        for name in entry.fields:
            yield entry.model, name
        if isinstance(entry.subject, str) and entry.subject:
            yield entry.model, entry.subject
    for group in (NOT_PERSONAL, PUBLISHED_NAMES):
        for model, names in group.items():
            for name in names:
                yield model, name
