"""Both catalogues stay complete, compiled, and cover every string in the code."""

import gettext
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from sihub.core import catalogue

ROOT = Path(__file__).resolve().parents[3]
LANGUAGES = ("sv", "en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated(lang):
    entries = catalogue.read(ROOT / "locale" / lang / "LC_MESSAGES" / "django.po")
    assert len(entries) > 50
    missing = [e.msgid for e in entries if not e.translated]
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalogue_matches_the_source(lang):
    folder = ROOT / "locale" / lang / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for entry in catalogue.read(folder / "django.po"):
        if entry.msgid_plural or entry.context:
            continue
        assert compiled.gettext(entry.msgid) == entry.msgstr[0], entry.msgid


def test_every_string_in_the_code_is_in_the_catalogues(tmp_path):
    """Re-extract in a scratch copy of the tree; nothing new may appear untranslated."""
    import os

    shutil.copytree(ROOT / "sihub", tmp_path / "sihub",
                    ignore=shutil.ignore_patterns("__pycache__", "*.geojson"))
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
            call_command("makemessages", locale=["sv"], no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    fresh = catalogue.read(tmp_path / "locale" / "sv" / "LC_MESSAGES" / "django.po")
    untranslated = [e.msgid for e in fresh if not e.translated]
    assert untranslated == [], "run `make messages` and translate these"
