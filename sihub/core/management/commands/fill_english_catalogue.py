from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from sihub.core import catalogue


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


class Command(BaseCommand):
    help = "Rewrite the English catalogue so every msgstr is its (English) msgid, none fuzzy."

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
        text = path.read_text(encoding="utf-8")
        header = text.split("\n\n", 1)[0]
        blocks = [header]
        entries = catalogue.parse(text)
        for e in entries:
            lines = []
            if e.context:
                lines.append(f"msgctxt {_q(e.context)}")
            lines.append(f"msgid {_q(e.msgid)}")
            if e.msgid_plural:
                lines += [f"msgid_plural {_q(e.msgid_plural)}",
                          f"msgstr[0] {_q(e.msgid)}", f"msgstr[1] {_q(e.msgid_plural)}"]
            else:
                lines.append(f"msgstr {_q(e.msgid)}")
            blocks.append("\n".join(lines))
        path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
        self.stdout.write(f"English catalogue: {len(entries)} entries")
