from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm


def check_upload_size(upload: object, limit_bytes: int) -> None:
    size = getattr(upload, "size", None)
    if size is not None and size > limit_bytes:
        raise forms.ValidationError(
            _("The file is too large (%(size)s MB). The limit is %(limit)s MB."),
            code="file_too_large",
            params={"size": round(size / 1_048_576, 1), "limit": limit_bytes // 1_048_576},
        )


class LimitedDocumentForm(BaseDocumentForm):
    """Wagtail's document form with the site's upload size limit."""

    def clean_file(self) -> object:
        upload = self.cleaned_data.get("file")
        check_upload_size(upload, settings.SIHUB_MAX_UPLOAD_MB * 1_048_576)
        return upload
