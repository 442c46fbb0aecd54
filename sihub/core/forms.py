from __future__ import annotations

import os
from itertools import groupby
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from sihub.core.uploads import clean_image, random_name, sniff_document


class ErrorSummaryMixin:
    """An error summary for the top of a public form (WCAG 3.3.1): each error linked to its field."""

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) for each error in form order."""
        items = [("", str(e)) for e in self.non_field_errors()]  # type: ignore[attr-defined]
        for bound in self:  # type: ignore[attr-defined]
            for error in bound.errors:
                # Checkbox groups have no single input: point at the first box.
                anchor = bound.id_for_label or f"{bound.auto_id}_0"
                # A lone checkbox's label is a sentence; its message stands alone.
                single_box = isinstance(bound.field.widget, forms.CheckboxInput)
                items.append((anchor, str(error) if single_box else f"{bound.label}: {error}"))
        return items


def check_upload_size(upload: Any, limit_bytes: int) -> None:
    size = getattr(upload, "size", None)
    if getattr(upload, "oversized", False) or (size is not None and size > limit_bytes):
        raise forms.ValidationError(
            _("The file is too large (%(size)s MB). The limit is %(limit)s MB."),
            code="file_too_large",
            params={"size": round((size or 0) / 1_048_576, 1), "limit": limit_bytes // 1_048_576},
        )


class LimitedDocumentForm(BaseDocumentForm):
    """Wagtail's document form: size limit, content sniffing, random file name."""

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is None or not hasattr(upload, "read") or "file" not in self.changed_data:
            return upload
        check_upload_size(upload, settings.SIHUB_MAX_UPLOAD_MB * 1_048_576)
        upload.seek(0)
        head = upload.read(4096)
        upload.seek(0)
        if not sniff_document(head, os.path.splitext(upload.name)[1]):
            raise forms.ValidationError(
                _("The file's content does not match its type (%(ext)s)."),
                code="content_mismatch",
                params={"ext": os.path.splitext(upload.name)[1] or "?"},
            )
        upload.name = random_name(upload.name)
        return upload


class CleanImageForm(BaseImageForm):
    """Wagtail's image form: metadata (EXIF, GPS) removed and a random file name."""

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is None or not hasattr(upload, "read") or "file" not in self.changed_data:
            return upload
        check_upload_size(upload, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
        if os.path.splitext(upload.name)[1].lower() == ".svg":
            raise forms.ValidationError(_("SVG images are not accepted."), code="svg")
        try:
            cleaned = clean_image(upload, max_pixels=settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS)
        except ValueError as exc:
            raise forms.ValidationError(
                _("The image is too large: %(detail)s."), code="too_many_pixels",
                params={"detail": str(exc)},
            ) from None
        except Exception:  # noqa: BLE001 - Pillow raises many kinds on bad input
            raise forms.ValidationError(_("This is not an image we can read."),
                                        code="invalid_image") from None
        import willow

        cleaned.image = willow.Image.open(cleaned.file)  # what Wagtail reads sizes from
        cleaned.seek(0)
        return cleaned


# --- Pieces the domain forms share -----------------------------------------------------------


def mark_optional(form: forms.Form) -> None:
    """Say "(optional)" in the label rather than marking the required ones only by a star."""
    for field in form.fields.values():
        if not field.required and not isinstance(field, forms.BooleanField) \
                and not isinstance(field.widget, (forms.HiddenInput, forms.RadioSelect)):
            field.label = _("%(label)s (optional)") % {"label": field.label}


class LabelledForm(ErrorSummaryMixin, forms.Form):
    """A form with the error summary, required fields marked by class, no label colon."""

    required_css_class = "field--required"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def municipalities_by_county() -> list[tuple[str, list[tuple[int, str]]]]:
    """Municipalities grouped by county (an <optgroup> each), so 290 names can be scanned."""
    from sihub.core.models import Municipality

    rows = Municipality.objects.select_related("county").order_by("county__code", "name")
    return [(county.name, [(m.pk, m.name) for m in group])
            for county, group in groupby(rows, key=lambda m: m.county)]


def targets_by_goal() -> list[tuple[str, list[tuple[int, str]]]]:
    """SDG targets grouped by goal (an <optgroup> each)."""
    from sihub.sdg.models import Target

    rows = Target.objects.select_related("goal").order_by("goal__number", "sort_order")
    return [(str(goal), [(t.pk, f"{t.code} {t.text[:90]}") for t in group])
            for goal, group in groupby(rows, key=lambda t: t.goal)]


def apply_validation_error(form: forms.Form, error: ValidationError) -> None:
    """Errors a service's ``full_clean()`` found, on the fields the form has."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
