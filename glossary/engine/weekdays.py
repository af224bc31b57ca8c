"""Weekdays in brackets after a date (2월27일자(水), 3月5日(土·日)): neither a gloss nor a term."""

from __future__ import annotations

import functools
import re

__all__ = ["WEEKDAYS", "weekday_close"]

WEEKDAYS = "月火水木金土日"
"""The weekday characters; a bracket of them after a date is read as a weekday."""


@functools.cache
def _weekdays() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Weekdays to a closing parenthesis (水), 土·日), 月~金), 水曜日)), and the date that
    ends just before their bracket (27일, 27일자, 27日, 2.27, 2/27)."""
    day = f"[{WEEKDAYS}](?:曜日?)?"
    return re.compile(f"{day}(?: ?[·ㆍ・,~∼〜\\-–] ?{day})*[)）]"), re.compile(
        "(?:[0-9０-９](?:일|日)(?:자|字)?|[0-9]{1,2}[./][0-9]{1,2}\\.?) ?$"
    )


def weekday_close(text: str, hs: int) -> int | None:
    """Where a bracket of weekdays that starts at ``hs`` after a date closes.

    Args:
        text: The text.
        hs: Where a run of hanja starts, just after an opening parenthesis.

    Returns:
        The offset of the closing parenthesis, or None when the run is no weekday bracket
        after a date.
    """
    days, date = _weekdays()
    note = days.match(text, hs, hs + 16)
    if note is None or date.search(text, max(0, hs - 9), hs - 1) is None:
        return None
    return note.end() - 1
