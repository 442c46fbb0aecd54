"""A text progress bar for long management commands."""

from __future__ import annotations

import time
from typing import Any


def stderr_writer(stream: Any) -> Any:
    """A ``write(line, final=...)`` for ProgressBar onto a command's stderr.

    Plain text (a command's stderr style paints every line as an error). On a
    terminal the bar redraws in place; elsewhere each update is a line.
    """

    def write(line: str, *, final: bool) -> None:
        if stream.isatty():
            stream.write("\r" + line, ending="\n" if final else "", style_func=lambda text: text)
            stream.flush()
        else:
            stream.write(line, style_func=lambda text: text)

    return write


class ProgressBar:
    """``label [######------] 120/500 24% 35/s``, redrawn at most every half second."""

    WIDTH = 30

    def __init__(self, write: Any, label: str, *, total: int) -> None:
        self.write, self.label, self.total = write, label, total
        self.done = 0
        self.started = self._last = time.monotonic()

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if self.write is not None and now - self._last >= 0.5:
            self._last = now
            self.write(self._line(now), final=False)

    def finish(self) -> None:
        if self.write is not None:
            self.write(self._line(time.monotonic()), final=True)

    def _line(self, now: float) -> str:
        share = self.done / self.total if self.total else 1.0
        filled = round(share * self.WIDTH)
        rate = self.done / max(now - self.started, 1e-6)
        return (f"{self.label} [{'#' * filled}{'-' * (self.WIDTH - filled)}] "
                f"{self.done}/{self.total} {share:.0%} {rate:.0f}/s")
