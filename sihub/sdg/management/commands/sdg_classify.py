"""``sdg_classify [--batch-size N]``: JSON lines in, one JSON line of goals out per line.

    echo '{"id": 1, "text": "Vård för alla på sjukhuset"}' | manage.py sdg_classify
    {"id": 1, "sdgs": [3], "scores": {"1": 0.01, ...}, "targets": [...], ...}

Each input line is an object with ``text`` (a string) and an optional ``id``
(echoed back). Lines are read as they come and classified in batches of N
lines, each batch written before more is read; outputs keep the input
order. A line that cannot be classified gives
``{"id": ..., "line": N, "error": "..."}`` and the rest go on; the exit code
is then 1. Blank lines are skipped.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Classify JSON lines {\"id\", \"text\"} from stdin; one JSON line per input on stdout."
    # call_command("sdg_classify", stdin=io.StringIO(...)) in tests and scripts.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=64,
                            help="Texts classified together (default 64).")

    def handle(self, *args: Any, **options: Any) -> None:
        from sihub.sdg.classifier import get_classifier

        batch_size = options["batch_size"]
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        stdin = options.get("stdin") or sys.stdin
        classifier = get_classifier()

        # In input order: {"id", "text"} waiting for its batch, or {"id", "line", "error"}.
        pending: list[dict[str, Any]] = []
        lines = failed = 0
        for number, record in _records(stdin):
            lines += 1
            if "error" in record:
                failed += 1
                record = {"id": record["id"], "line": number, "error": record["error"]}
            pending.append(record)
            if len(pending) >= batch_size:
                self._flush(classifier, pending)
                pending = []
        self._flush(classifier, pending)
        if failed:
            raise CommandError(f"{failed} of {lines} lines could not be classified "
                               "(see the lines with \"error\")", returncode=1)

    def _flush(self, classifier: Any, pending: list[dict[str, Any]]) -> None:
        texts = [record["text"] for record in pending if "text" in record]
        results = iter(classifier.classify(texts) if texts else [])
        for record in pending:
            if "error" not in record:
                # "id" always, and first: as_json leaves a null id out.
                record = {"id": record["id"], **next(results).as_json(id=record["id"])}
            self.stdout.write(_dumps(record))
        self.stdout.flush()


def _records(stdin: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, {"id", "text"} or {"id", "error"}) for each non-blank line, as read."""
    source: Iterable[Any] = getattr(stdin, "buffer", stdin)  # bytes where possible
    for number, raw in enumerate(source, 1):
        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield number, {"id": None, "error": f"the line is not UTF-8 ({exc.reason} "
                                                    f"at byte {exc.start})"}
                continue
        else:
            line = raw.lstrip("\ufeff") if number == 1 else raw
        if not line.strip():
            continue
        yield number, _parse(line)


def _parse(line: str) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"invalid JSON: {exc.msg} at column {exc.colno}"}
    if not isinstance(value, dict):
        return {"id": None, "error": f"expected a JSON object, got {_kind(value)}"}
    id_ = value.get("id")
    if "text" not in value:
        return {"id": id_, "error": 'missing "text"'}
    if not isinstance(value["text"], str):
        return {"id": id_, "error": f'"text" must be a string, not {_kind(value["text"])}'}
    return {"id": id_, "text": value["text"]}


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _dumps(value: dict[str, Any]) -> str:
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a \ud800 escape in the input
        text = json.dumps(value)
    return text
