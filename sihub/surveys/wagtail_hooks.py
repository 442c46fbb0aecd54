"""Questionnaires in the Wagtail admin: the editor for sections and questions.

Analysts write a questionnaire here as a snippet (a StreamField of sections
and questions, ``blocks.py``); everything else — preview, publishing, new
versions, rounds and invitations — is on the analysts' pages of the site
(``views_manage.py``, linked from the "Surveys" menu), where the services'
checks and audit records apply. Rounds and responses are not in the admin.

A published (or retired) questionnaire is frozen: its edit form refuses every
save with a form error that says to make a new version (the model refuses a
changed save too, ``Questionnaire.clean``/``save``). A new questionnaire gets
the next version number of its family, and a family may have only one draft
(see ``services.questionnaire_new_version``). Saves and deletes are audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Max
from django.http import HttpRequest
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from sihub.core.services import audit_record
from sihub.surveys import selectors
from sihub.surveys.models import Questionnaire, QuestionnaireStatus

QUESTIONNAIRE_SAVED = "surveys.questionnaire_saved"
QUESTIONNAIRE_DELETED = "surveys.questionnaire_deleted"
SURVEYS_MENU_HOOK = "register_surveys_menu_item"

FROZEN_MESSAGE = gettext_lazy(
    "This questionnaire is published: its questions and texts can no longer change, so the "
    "answers given to it stay comparable. Make a new version from the survey pages "
    "(Surveys → the questionnaire → Make a new version) and edit that.")


class QuestionnaireAdminForm(WagtailAdminModelForm):
    """Refuses any save of a frozen questionnaire; numbers a new one in its family."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        instance = self.instance
        if instance.pk is not None:
            stored = Questionnaire.objects.filter(pk=instance.pk).values_list(
                "status", flat=True).first()
            if stored is not None and stored != QuestionnaireStatus.DRAFT:
                raise ValidationError(FROZEN_MESSAGE, code="frozen")
            return data
        family = data.get("family")
        if family:
            draft = Questionnaire.objects.filter(family=family,
                                                 status=QuestionnaireStatus.DRAFT).first()
            if draft is not None:
                self.add_error("family", _(
                    "This family already has a draft (version %(version)d): edit that one, "
                    "or use another family name.") % {"version": draft.version})
            top = Questionnaire.objects.filter(family=family).aggregate(top=Max("version"))
            instance.version = (top["top"] or 0) + 1
        return data

    def _post_clean(self) -> None:
        if self.has_error(NON_FIELD_ERRORS, "frozen"):
            return  # one clear message; the model's own check would only repeat it
        super()._post_clean()


class QuestionnaireCreateView(CreateView):
    def save_instance(self) -> Any:
        self.form.instance.created_by = self.request.user
        instance = super().save_instance()
        audit_record(actor=self.request.user, action=QUESTIONNAIRE_SAVED, target=instance,
                     data={"created": True, "version": instance.version})
        return instance


class QuestionnaireEditView(EditView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = super().get(request, *args, **kwargs)
        if self.object.is_frozen:
            messages.warning(request, FROZEN_MESSAGE)
        return response

    def save_instance(self) -> Any:
        instance = super().save_instance()
        audit_record(actor=self.request.user, action=QUESTIONNAIRE_SAVED, target=instance,
                     data={"fields": sorted(self.form.changed_data)})
        return instance


class QuestionnaireDeleteView(DeleteView):
    def delete_action(self) -> None:
        audit_record(actor=self.request.user, action=QUESTIONNAIRE_DELETED, target=self.object,
                     data={"id": self.object.pk, "version": self.object.version})
        super().delete_action()


class QuestionnaireViewSet(SnippetViewSet):
    model = Questionnaire
    icon = "form"
    menu_label = gettext_lazy("Questionnaires")
    add_view_class = QuestionnaireCreateView
    edit_view_class = QuestionnaireEditView
    delete_view_class = QuestionnaireDeleteView
    list_display = ["title", "family", "version", "status"]
    list_filter = ["status", "family"]
    search_backend_name = None  # the database: a handful of questionnaires, no index to keep
    search_fields = ["title_sv", "title_en", "family"]
    list_per_page = 50
    # New versions are made on the survey pages (they keep the family and number it).
    copy_view_enabled = False
    edit_handler = ObjectList(Questionnaire.panels, base_form_class=QuestionnaireAdminForm)


class ManageMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return selectors.can_manage(request.user)


class SurveysGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Surveys")
    menu_icon = "form"
    menu_order = 260
    items = (QuestionnaireViewSet,)
    submenu_hook = SURVEYS_MENU_HOOK


@hooks.register("register_admin_viewset")
def register_surveys_snippets() -> SurveysGroup:
    return SurveysGroup()


@hooks.register(SURVEYS_MENU_HOOK)
def register_manage_menu_item() -> MenuItem:
    # Lazy: the site's pages have a language prefix, taken from the admin's language.
    return ManageMenuItem(gettext_lazy("Rounds and invitations"), reverse_lazy("surveys:manage"),
                          icon_name="list-ul", order=900)
