from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form


@override_settings(SIHUB_MAX_UPLOAD_MB=1)
def test_it_refuses_documents_over_the_size_limit(db):
    big = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n" + b"0" * (1_048_576 + 10))
    form_class = get_document_form(get_document_model())
    form = form_class(data={"title": "Report", "collection": 1}, files={"file": big})
    assert not form.is_valid()
    assert "file" in form.errors
    assert "file_too_large" in [e.code for e in form.errors.as_data()["file"]]
