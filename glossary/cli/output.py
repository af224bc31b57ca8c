"""Standard output that reports its failures, and signals that end a command cleanly.

A command's output is checked: a write or a flush that fails (a full disk, ``> /dev/full``,
an I/O error) becomes an :class:`OutputError`, which the ``glossary`` command prints as
one line with a non-zero exit status, instead of a traceback or a silent exit status 0
with the output cut short. A reader that went away (``| head``) still raises
:class:`BrokenPipeError`, which the command takes quietly.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterable, Iterator
from types import FrameType
from typing import Any, TextIO, cast

from glossary.errors import GlossaryError

# Signals that end the process at once by default; while a file is written they raise
# Terminated instead, so that the temporary file is removed on the way out.
_TERMINATING = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class OutputError(GlossaryError):
    """Standard output cannot be written (full disk, I/O error): the output is incomplete."""


class Terminated(BaseException):  # noqa: N818 - like KeyboardInterrupt, not an error
    """The process was asked to end (SIGTERM, SIGHUP) while a file was being written.

    A :class:`BaseException`, like :class:`KeyboardInterrupt`, so that no ``except
    Exception`` swallows it; ``finally`` clauses run on its way out.

    Attributes:
        signum: The signal received.
    """

    def __init__(self, signum: int) -> None:
        """Remember the signal.

        Args:
            signum: The signal received.
        """
        super().__init__(signum)
        self.signum = signum


def _describe(exc: OSError) -> str:
    return f"standard output: cannot write ({exc.strerror or exc})"


class CheckedOutput:
    """A text stream's proxy that turns its write and flush failures into OutputError.

    Everything else (``isatty``, ``encoding``...) is the wrapped stream's.
    """

    def __init__(self, stream: TextIO) -> None:
        """Wrap a stream.

        Args:
            stream: The text stream to write to (standard output).
        """
        self._stream = stream

    def write(self, text: str) -> int:
        """Write text.

        Args:
            text: What to write.

        Returns:
            The number of characters written.

        Raises:
            OutputError: The write failed.
            BrokenPipeError: The reader went away.
        """
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(_describe(exc)) from None

    def writelines(self, lines: Iterable[str]) -> None:
        """Write each string in turn.

        Args:
            lines: The strings.
        """
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        """Flush the stream, so that a failure to write what it holds is seen.

        Raises:
            OutputError: The flush failed.
            BrokenPipeError: The reader went away.
        """
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(_describe(exc)) from None

    def write_bytes(self, data: bytes) -> None:
        """Write bytes as they are (an Anki package, a file with a BOM), after the text.

        Args:
            data: What to write.

        Raises:
            OutputError: The stream takes no bytes, or the write failed.
            BrokenPipeError: The reader went away.
        """
        self.flush()
        buffer = getattr(self._stream, "buffer", None)
        if buffer is None:
            raise OutputError("standard output takes no bytes; write to a file with -o FILE")
        try:
            buffer.write(data)
            buffer.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(_describe(exc)) from None

    def isatty(self) -> bool:
        """Whether the stream is a terminal.

        Returns:
            True on a terminal.
        """
        try:
            return self._stream.isatty()
        except (OSError, ValueError):
            return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def checked(stream: TextIO) -> TextIO:
    """Wrap a stream in a :class:`CheckedOutput` (typed as the stream it stands for).

    Args:
        stream: The text stream.

    Returns:
        The checked stream.
    """
    return cast(TextIO, CheckedOutput(stream))


def write_bytes(out: TextIO, data: bytes) -> None:
    """Write bytes to a text stream's binary buffer (checked when ``out`` is).

    Args:
        out: A text stream, checked or not.
        data: What to write.

    Raises:
        OutputError: The stream takes no bytes, or the write failed.
    """
    if isinstance(out, CheckedOutput):
        out.write_bytes(data)
        return
    CheckedOutput(out).write_bytes(data)


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """For the duration of the block, SIGTERM and SIGHUP raise :class:`Terminated`.

    So a file being written is cleaned up (its ``finally`` runs) instead of the process
    vanishing mid-write. A signal ignored (``nohup``) stays ignored; outside the main
    thread, where handlers cannot be set, nothing changes.

    Yields:
        Nothing.
    """

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Terminated(signum)

    previous: dict[int, Any] = {}
    try:
        for signum in _TERMINATING:
            if signal.getsignal(signum) == signal.SIG_IGN:  # nohup: left ignored.
                continue
            try:
                previous[signum] = signal.signal(signum, handler)
            except (ValueError, OSError):  # Not the main thread, or not settable here.
                break
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)
