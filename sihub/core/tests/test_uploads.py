import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from sihub.conftest import login
from sihub.core.uploads import sniff_document

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def document_form(name: str, content: bytes):
    form_class = get_document_form(get_document_model())
    return form_class(data={"title": "Rapport", "collection": 1},
                      files={"file": SimpleUploadedFile(name, content)})


def jpeg_with_gps(size=(64, 48)) -> bytes:
    img = Image.new("RGB", size, (200, 30, 40))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x013B] = "Anna Fotograf"  # Artist
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (63.0, 49.0, 30.0)  # GPSLatitudeRef, GPSLatitude (Umeå)
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_it_sniffs_document_content():
    assert sniff_document(PDF, ".pdf")
    assert not sniff_document(b"PK\x03\x04rest", ".pdf")
    assert sniff_document(b"PK\x03\x04rest", ".docx")
    assert not sniff_document(b"%PDF-1.4", ".xlsx")
    assert sniff_document("namn;kommun\nÅsa;Umeå\n".encode(), ".csv")
    assert not sniff_document(b"MZ\x90\x00\x03\x00binary", ".txt")


@override_settings(SIHUB_MAX_UPLOAD_MB=1)
def test_it_refuses_documents_over_the_size_limit(db):
    form = document_form("report.pdf", PDF + b"0" * 1_048_576)
    assert not form.is_valid()
    assert "file_too_large" in [e.code for e in form.errors.as_data()["file"]]


def test_it_refuses_documents_whose_content_lies_about_their_type(db):
    form = document_form("report.pdf", b"PK\x03\x04 this is really a zip")
    assert not form.is_valid()
    assert "content_mismatch" in [e.code for e in form.errors.as_data()["file"]]


def test_it_stores_documents_under_a_random_name(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    form = document_form("Anna Anderssons ansökan.pdf", PDF)
    assert form.is_valid(), form.errors
    doc = form.save()
    assert "anna" not in doc.file.name.lower()
    assert doc.file.name.endswith(".pdf")
    assert doc.title == "Rapport"


@override_settings(SIHUB_MAX_UPLOAD_MB=1)
def test_oversized_uploads_are_cut_off_while_streaming(editor, settings, tmp_path):
    """Through the real admin view: the handler discards the data before any parsing."""
    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (2 * 1_048_576))
    response = login(editor).post("/admin/documents/add/",
                                  {"title": "Stor", "collection": 1, "file": big})
    assert response.status_code == 200  # the form again, with an error
    assert get_document_model().objects.count() == 0
    assert not any(tmp_path.rglob("*.pdf"))


def image_form(name: str, content: bytes):
    form_class = get_image_form(get_image_model())
    return form_class(data={"title": "Bild", "collection": 1},
                      files={"file": SimpleUploadedFile(name, content)})


def test_it_strips_exif_and_gps_from_images_and_renames_them(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    raw = jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(0x8825)  # the GPS is there before
    form = image_form("Anna på stranden.jpg", raw)
    assert form.is_valid(), form.errors
    image = form.save()
    with image.file.open("rb") as fh:
        stored = Image.open(io.BytesIO(fh.read()))
        exif = stored.getexif()
    assert len(exif) == 0
    assert not exif.get_ifd(0x8825)
    assert "anna" not in image.file.name.lower()
    assert (image.width, image.height) == (64, 48)


@pytest.mark.parametrize("name,content", [
    ("fake.png", b"this is not an image at all"),
    ("fake.jpg", b"%PDF-1.4 pretending"),
])
def test_it_refuses_files_that_are_not_images(db, name, content):
    form = image_form(name, content)
    assert not form.is_valid()


def test_it_refuses_images_with_too_many_pixels(db, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    form = image_form("wide.jpg", jpeg_with_gps((100, 100)))
    assert not form.is_valid()
