from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


class Command(BaseCommand):
    help = "Copy every msgid of the English catalogue into its empty msgstr (English source)."

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
        blocks = path.read_text(encoding="utf-8").split("\n\n")
        filled = 0
        out = []
        for block in blocks:
            msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
            plural = re.search(r'^msgid_plural ((?:".*"\n?)+)', block, re.M)
            if msgid and '\nmsgid ""\nmsgstr ""' not in "\n" + block[:20]:
                single = "".join(json.loads(s) for s in re.findall(r'"(?:[^"\\]|\\.)*"', msgid.group(1)))
                if single:
                    if plural:
                        many = "".join(json.loads(s) for s in re.findall(r'"(?:[^"\\]|\\.)*"', plural.group(1)))
                        new, n = re.subn(r'msgstr\[0\] ""\nmsgstr\[1\] ""$',
                                         f"msgstr[0] {_quote(single)}\nmsgstr[1] {_quote(many)}", block)
                    else:
                        new, n = re.subn(r'msgstr ""$', f"msgstr {_quote(single)}", block)
                    block, filled = new, filled + n
            out.append(block)
        path.write_text("\n\n".join(out), encoding="utf-8")
        self.stdout.write(f"Filled {filled} English entries")
