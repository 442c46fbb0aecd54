"""A small reader for gettext .po catalogues (no Django imports).

Used by the test that keeps the Swedish and English catalogues complete and by
``manage.py fill_english_catalogue``, which copies each English msgid into its
msgstr so that both catalogues are complete by the same rule.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False
    context: str = ""

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values()) and not self.fuzzy


def _unquote(line: str) -> str:
    return ast.literal_eval(line.strip())


def parse(text: str) -> list[Entry]:
    entries: list[Entry] = []
    current = Entry()
    key: tuple[str, int] | None = None
    flags_fuzzy = False

    def flush() -> None:
        nonlocal current, flags_fuzzy, key
        if current.msgid or current.msgstr:
            current.fuzzy = flags_fuzzy
            if current.msgid:  # the header has an empty msgid
                entries.append(current)
        current, flags_fuzzy, key = Entry(), False, None

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#,"):
            flags_fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            current.context = _unquote(line[8:])
            key = ("msgctxt", 0)
        elif line.startswith("msgid_plural "):
            current.msgid_plural = _unquote(line[13:])
            key = ("msgid_plural", 0)
        elif line.startswith("msgid "):
            current.msgid = _unquote(line[6:])
            key = ("msgid", 0)
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            current.msgstr[index] = _unquote(line[line.index("]") + 1 :])
            key = ("msgstr", index)
        elif line.startswith("msgstr "):
            current.msgstr[0] = _unquote(line[7:])
            key = ("msgstr", 0)
        elif line.startswith('"') and key is not None:
            part = _unquote(line)
            name, index = key
            if name == "msgid":
                current.msgid += part
            elif name == "msgid_plural":
                current.msgid_plural += part
            elif name == "msgctxt":
                current.context += part
            else:
                current.msgstr[index] = current.msgstr.get(index, "") + part
    flush()
    return entries


def read(path: Path) -> list[Entry]:
    return parse(path.read_text(encoding="utf-8"))
