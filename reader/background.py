"""Work that quitting never waits for: one call on a daemon thread, waited for until cancelled.

Textual runs a thread worker in asyncio's default executor, and ``asyncio.run`` joins that
executor's threads on exit: a worker blocked in ``open()`` on a named pipe nobody writes to
(or on a stalled network file) would keep ``q`` from ever returning. The worker runs such a
call here instead: on a daemon thread of its own, which the worker waits for only as long as
it is not cancelled. Cancelled (the app quits, or another document is asked for), the worker
returns at once and the thread is left behind; the process does not wait for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

# How often a waiting worker looks whether it was cancelled (seconds): quitting waits no more.
POLL = 0.05


class Abandoned(Exception):
    """The call was left behind: its worker was cancelled."""


class Background(Generic[T]):
    """One call run on a daemon thread.

    Args:
        what: What the call does, for a message (``"reading notes.txt"``).
        call: The call.
    """

    def __init__(self, what: str, call: Callable[[], T]) -> None:
        self.what = what
        self._call = call
        self._done = threading.Event()
        self._value: list[T] = []  # Its one result, once returned.
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"reader: {what}", daemon=True)

    def _run(self) -> None:
        try:
            self._value.append(self._call())
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting worker
            self._error = exc
        finally:
            self._done.set()

    @property
    def running(self) -> bool:
        """Whether the call has started and not ended."""
        return self._thread.is_alive() and not self._done.is_set()

    def result(self, cancelled: Callable[[], bool]) -> T:
        """Start the call and wait for it, giving up as soon as ``cancelled`` says so.

        Args:
            cancelled: Whether the waiting worker was cancelled (asked every :data:`POLL`
                seconds).

        Returns:
            What the call returned.

        Raises:
            Abandoned: The worker was cancelled first; the call goes on, left behind.
            BaseException: Whatever the call raised.
        """
        self._thread.start()
        while not self._done.wait(POLL):
            if cancelled():
                raise Abandoned(self.what)
        if self._error is not None:
            raise self._error
        return self._value[0]

    def join(self, timeout: float) -> bool:
        """Wait a while for the call to end.

        Args:
            timeout: Seconds at most.

        Returns:
            Whether it has ended.
        """
        return self._done.wait(timeout)
