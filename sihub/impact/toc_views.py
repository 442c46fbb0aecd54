"""An initiative's theory of change: the diagram, its text alternative, the editing forms.

The diagram is SVG drawn on the server from ``toc_layout`` (no JavaScript is
needed to see or edit it), with the same content as nested lists beside it
(WCAG 1.1.1). Writers edit through small forms on the same page; every POST
goes through ``services`` (which check permissions again) and redirects.
``toc_print`` is the same diagram on a bare page for paper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sihub.impact import selectors, services, toc_layout
from sihub.impact.forms_toc import ElementDeleteForm, ElementForm, LinkForm, LinkRemoveForm
from sihub.impact.models import ElementKind, Initiative, Outcome, TheoryOfChange


@dataclass
class DiagramElement:
    box: toc_layout.Box
    outgoing: list[tuple[toc_layout.PlacedLink, toc_layout.Box]] = field(default_factory=list)
    outcome: Any = None


@dataclass
class DiagramColumn:
    column: toc_layout.Column
    label: str
    elements: list[DiagramElement]


@dataclass
class Diagram:
    """What ``impact/_toc_diagram.html`` and the lists draw; see ``diagram_for``."""

    toc: TheoryOfChange
    layout: toc_layout.Layout
    columns: list[DiagramColumn]
    assumptions: list[tuple[toc_layout.PlacedLink, toc_layout.Box, toc_layout.Box]]
    boxes: list[tuple[toc_layout.Box, str]]  # each box with its kind's label

    @property
    def element_count(self) -> int:
        return len(self.layout.boxes)

    @property
    def link_count(self) -> int:
        return len(self.layout.links)


def diagram_for(toc: TheoryOfChange) -> Diagram:
    """Lay out ``toc`` for the templates (also for the report: include _toc_diagram.html)."""
    elements = list(toc.elements.select_related("outcome"))
    links = list(toc.links.all())
    result = toc_layout.layout(
        [toc_layout.Element(id=e.pk, kind=e.kind, text=e.text, position=e.position)
         for e in elements],
        [toc_layout.Link(source=k.source_id, target=k.target_id, assumption=k.assumption, id=k.pk)
         for k in links])
    labels = dict(ElementKind.choices)
    outcomes = {e.pk: e.outcome for e in elements}
    box_of = {b.id: b for b in result.boxes}
    entries = {b.id: DiagramElement(box=b, outcome=outcomes[b.id]) for b in result.boxes}
    for link in sorted(result.links, key=lambda k: (box_of[k.target].column, box_of[k.target].row)):
        entries[link.source].outgoing.append((link, box_of[link.target]))
    columns = [DiagramColumn(column=c, label=str(labels[c.kind]),
                             elements=[entries[b.id] for b in boxes])
               for c, boxes in result.column_boxes()]
    return Diagram(toc=toc, layout=result, columns=columns,
                   assumptions=[(k, box_of[k.source], box_of[k.target])
                                for k in result.assumptions],
                   boxes=[(b, str(labels[b.kind])) for b in result.boxes])


def _service_errors(form: Form, error: ValidationError) -> None:
    """A rule only the service knows (same theory, no duplicate) as a form-wide error."""
    for message in error.messages:
        form.add_error(None, message)


def _outcomes(initiative: Initiative) -> QuerySet[Outcome] | None:
    """The outcomes an element may stand for; None hides the chooser when there are none."""
    outcomes = selectors.outcomes_of(initiative)
    return outcomes if outcomes.exists() else None


def _edit_forms(toc: TheoryOfChange, initiative: Initiative) -> dict[str, Form]:
    return {"element": ElementForm(outcomes=_outcomes(initiative)), "link": LinkForm(toc=toc)}


def _page(request: HttpRequest, initiative: Initiative, *, can_write: bool,
          forms: dict[str, Form] | None = None, summary: list[tuple[str, str]] | None = None,
          status: int = 200) -> HttpResponse:
    toc = initiative.theory_of_change
    if toc is not None and can_write:
        forms = {**_edit_forms(toc, initiative), **(forms or {})}
    context = {
        "initiative": initiative, "can_write": can_write, "section": "toc", "toc": toc,
        "diagram": diagram_for(toc) if toc is not None else None,
        "forms": forms or {}, "summary": summary or [],
    }
    return render(request, "impact/toc.html", context, status=status)


@require_http_methods(["GET", "POST"])
def toc(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the diagram and its text (forms for writers). POST: one edit, named by ``action``."""
    initiative = selectors.get_initiative_for_user(user=request.user, pk=pk,
                                                   write=request.method == "POST")
    can_write = selectors.user_can_change_initiative(request.user, initiative)
    if request.method == "GET":
        return _page(request, initiative, can_write=can_write)

    here = reverse("impact:toc", args=[initiative.pk])
    action = request.POST.get("action", "")
    theory = initiative.theory_of_change
    if action == "create":
        try:
            services.toc_create(initiative=initiative, user=request.user)
        except ValidationError:  # created meanwhile, e.g. in another tab
            messages.info(request, _("This initiative already has a theory of change."))
        else:
            messages.success(request, _("The theory of change was created."))
        return redirect(here)
    if theory is None:
        messages.error(request, _("Create the theory of change first."))
        return redirect(here)

    if action == "add_element":
        form: Form = ElementForm(request.POST, outcomes=_outcomes(initiative))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.toc_element_add(toc=theory, user=request.user, kind=data["kind"],
                                         text=data["text"], outcome=data.get("outcome"))
            except ValidationError as exc:
                _service_errors(form, exc)
            else:
                messages.success(request, _("The element was added."))
                return redirect(here)
        return _page(request, initiative, can_write=True, forms={"element": form},
                     summary=form.error_summary(), status=400)

    if action == "add_link":
        form = LinkForm(request.POST, toc=theory)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.toc_link_add(toc=theory, user=request.user, source=data["source"],
                                      target=data["target"], assumption=data["assumption"])
            except ValidationError as exc:
                _service_errors(form, exc)
            else:
                messages.success(request, _("The link was added."))
                return redirect(here)
        return _page(request, initiative, can_write=True, forms={"link": form},
                     summary=form.error_summary(), status=400)

    if action == "delete_element":
        form = ElementDeleteForm(request.POST, toc=theory)
        if form.is_valid():
            services.toc_element_delete(element=form.cleaned_data["element"], user=request.user)
            messages.success(request, _("The element and its links were deleted."))
            return redirect(here)
        return _page(request, initiative, can_write=True, status=400, summary=[
            ("", _("That element is not in this theory of change (any more)."))])

    if action == "remove_link":
        form = LinkRemoveForm(request.POST, toc=theory)
        if form.is_valid():
            services.toc_link_remove(link=form.cleaned_data["link"], user=request.user)
            messages.success(request, _("The link was removed."))
            return redirect(here)
        return _page(request, initiative, can_write=True, status=400, summary=[
            ("", _("That link is not in this theory of change (any more)."))])

    return HttpResponseBadRequest(_("Unknown action."))


@require_GET
def toc_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The diagram and its assumptions on a bare page for A4 landscape (print CSS)."""
    initiative = selectors.get_initiative_for_user(user=request.user, pk=pk)
    if initiative.theory_of_change is None:
        raise Http404("No theory of change")
    return render(request, "impact/toc_print.html", {
        "initiative": initiative, "toc": initiative.theory_of_change,
        "diagram": diagram_for(initiative.theory_of_change), "today": timezone.localdate(),
    })
