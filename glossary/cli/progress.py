"""A one-line progress bar for long commands, redrawn in place on a terminal."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from typing import TextIO

# Redraws per second at most: drawing costs more than a small file takes to import.
REDRAWS_PER_SECOND = 10


def _clock_text(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ProgressLine:
    """Files done out of all, a bar, terms found, throughput and time left, on one line.

    Draws only when the stream is a terminal; otherwise every call does nothing, so output
    sent to a file or a pipe stays clean.
    """

    def __init__(
        self,
        stream: TextIO,
        total_files: int,
        total_bytes: int,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Prepare the line (nothing is drawn yet).

        Args:
            stream: Where to draw (standard error).
            total_files: Files to do.
            total_bytes: Their size in bytes, for throughput and time left.
            clock: Seconds, monotonic (tests pass their own).
        """
        self._stream = stream
        self._files = total_files
        self._bytes = total_bytes
        self._clock = clock
        self._start = clock()
        self._drawn = -1.0
        self._shown = False
        try:
            self.enabled = stream.isatty()
        except (AttributeError, ValueError):
            self.enabled = False

    def render(self, files: int, done_bytes: int, terms: int, width: int) -> str:
        """The line for a state, at most ``width`` characters.

        Args:
            files: Files done.
            done_bytes: Bytes of the files done.
            terms: New terms found so far.
            width: Terminal columns.

        Returns:
            The text of the line.
        """
        elapsed = max(self._clock() - self._start, 1e-9)
        share = files / self._files if self._files else 1.0
        rate = done_bytes / elapsed
        left = (self._bytes - done_bytes) / rate if rate > 0 and done_bytes else None
        bar_cells = 20
        filled = int(share * bar_cells)
        parts = [
            f"{files:,}/{self._files:,} files",
            "[" + "#" * filled + "-" * (bar_cells - filled) + "]",
            f"{share:4.0%}",
            f"{terms:,} new terms",
            f"{rate / 1e6:.1f} MB/s",
            f"{_clock_text(left)} left" if left is not None else "",
        ]
        line = "  ".join(p for p in parts if p)
        return line[: max(width - 1, 0)]

    def update(self, files: int, done_bytes: int, terms: int, *, force: bool = False) -> None:
        """Redraw the line (at most ten times a second unless forced).

        Args:
            files: Files done.
            done_bytes: Bytes of the files done.
            terms: New terms found so far.
            force: Draw even if the last drawing was just now.
        """
        if not self.enabled:
            return
        now = self._clock()
        if not force and now - self._drawn < 1 / REDRAWS_PER_SECOND:
            return
        self._drawn = now
        width = shutil.get_terminal_size((80, 24)).columns
        self._stream.write("\r\x1b[K" + self.render(files, done_bytes, terms, width))
        self._stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Remove the line, so that what is printed next starts on a clean line."""
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = False
