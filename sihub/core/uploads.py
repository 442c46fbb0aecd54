"""Upload safety: size before parsing, content sniffing, random names, no metadata.

* ``LimitedUploadHandler`` sits first in FILE_UPLOAD_HANDLERS and counts bytes
  as the request streams in; past the limit it swallows the rest, so an
  oversized file is never stored or parsed, and the form reports it as too large.
* ``sniff_document`` checks that a document's bytes match its extension.
* ``random_name`` replaces the uploader's file name (which often holds a
  person's name) with a random one.
* ``clean_image`` re-encodes an image without EXIF (GPS, camera, owner) after
  checking its pixel count from the header, before decoding any pixels.
"""

from __future__ import annotations

import io
import os
import secrets
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class OversizedUpload(UploadedFile):
    """Stands in for a file that was cut off at the limit; holds no data."""

    def __init__(self, name: str, size: int, content_type: str | None) -> None:
        super().__init__(io.BytesIO(b""), name=name, content_type=content_type, size=size)
        self.oversized = True


class LimitedUploadHandler(FileUploadHandler):
    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.limit = settings.SIHUB_MAX_UPLOAD_MB * 1_048_576

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > self.limit:
            return None  # later handlers get nothing more; the file is discarded
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.received > self.limit:
            return OversizedUpload(self.file_name or "upload", self.received, self.content_type)
        return None


ZIP_FORMATS = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}
TEXT_FORMATS = {"csv", "txt"}


def sniff_document(head: bytes, extension: str) -> bool:
    """Do the first bytes of a file match what its extension promises?"""
    ext = extension.lower().lstrip(".")
    if ext == "pdf":
        return head.startswith(b"%PDF-")
    if ext in ZIP_FORMATS:
        return head.startswith(b"PK\x03\x04")
    if ext in TEXT_FORMATS:
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the end of the sample is fine.
            if exc.start < len(head) - 3:
                try:
                    head.decode("cp1252")
                except UnicodeDecodeError:
                    return False
        return True
    return False


def random_name(original: str) -> str:
    ext = os.path.splitext(original)[1].lower()
    return secrets.token_hex(10) + ext


def clean_image(upload: Any, *, max_pixels: int) -> SimpleUploadedFile:
    """The same picture, re-encoded without metadata, under a random name."""
    from PIL import Image, ImageOps

    upload.seek(0)
    with Image.open(upload) as img:  # reads the header only
        width, height = img.size
        if width * height > max_pixels:
            raise ValueError(f"{width}×{height} pixels is more than {max_pixels}")
        fmt = img.format or "PNG"
        frames = getattr(img, "n_frames", 1)
        out = io.BytesIO()
        if frames > 1:  # animated GIF/WebP: keep the frames, drop the metadata
            img.save(out, format=fmt, save_all=True, loop=img.info.get("loop", 0),
                     duration=img.info.get("duration", 100))
        else:
            clean = ImageOps.exif_transpose(img)  # keep the visible orientation
            if fmt == "JPEG" and clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
            params: dict[str, Any] = {"quality": 90} if fmt in ("JPEG", "WEBP") else {}
            clean.save(out, format=fmt, **params)  # no exif= argument: metadata dropped
    return SimpleUploadedFile(random_name(upload.name), out.getvalue(),
                              content_type=getattr(upload, "content_type", None))
