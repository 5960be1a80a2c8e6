"""Dates as ISO 8601, whatever form a file gave them in.

RFC 2822 (`Tue, 05 Mar 2024 10:00:00 GMT`, from HTTP headers and feeds) goes through
`email.utils`; ISO forms through `datetime.fromisoformat`; everything else ("May 26, 2015",
"26 May 2015", "2015-05-26T10:00:00.000+0100" in `article:published_time`) through
`python-dateutil`. A date with a time keeps it and its UTC offset, as written (the day in the
publication's own time zone is the one that appeared in print); a date alone stays a date.

`iso_date` returns "" when it cannot be sure: no year, month and day ("March 2015", "Tuesday"),
a year outside 1000-2999, or a numeric date that reads two ways ("03/05/2024": 3 May or March 5).
The importers then keep the text as it was (nothing is lost) and the exports leave it out.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import warnings

from dateutil import parser as dateutil_parser
from dateutil import tz

# Abbreviations dateutil does not know by itself (it warns and drops them): the common ones in news.
TZINFOS = {
    name: tz.tzoffset(name, int(hours * 3600))
    for name, hours in {
        "UTC": 0,
        "GMT": 0,
        "Z": 0,
        "BST": 1,
        "CET": 1,
        "CEST": 2,
        "EET": 2,
        "EEST": 3,
        "MSK": 3,
        "IST": 5.5,
        "JST": 9,
        "AEST": 10,
        "AEDT": 11,
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
    }.items()
}
_AMBIGUOUS_NUMERIC = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*")
_DEFAULT_A = dt.datetime(1901, 1, 1, 0, 0, 0)
_DEFAULT_B = dt.datetime(1902, 2, 2, 1, 1, 1)


def iso_date(text: str) -> str:
    """`text` as an ISO 8601 date or date-time, or "" when it is not one date for certain."""
    text = " ".join((text or "").split())
    if not text or len(text) > 80:
        return ""
    parsed = _iso(text) or _rfc2822(text) or _dateutil(text)
    if parsed is None:
        return ""
    value, has_time = parsed
    if not 1000 <= value.year <= 2999:
        return ""
    if not has_time:
        return value.date().isoformat()
    return value.isoformat(timespec="seconds")


def is_iso_date(text: str) -> bool:
    """True when `text` is already what `iso_date` writes (an export can use it as it is)."""
    return bool(text) and iso_date(text) == text


def _iso(text: str) -> tuple[dt.datetime, bool] | None:
    if not re.match(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        value = dt.datetime.fromisoformat(text.replace(" ", "T", 1) if len(text) > 10 else text)
    except ValueError:
        return None
    return value, len(text) > 10


def _rfc2822(text: str) -> tuple[dt.datetime, bool] | None:
    if not re.search(r"\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}", text):
        return None
    try:
        return email.utils.parsedate_to_datetime(text), True
    except (TypeError, ValueError, IndexError):
        return None


def _dateutil(text: str) -> tuple[dt.datetime, bool] | None:
    numeric = _AMBIGUOUS_NUMERIC.fullmatch(text)
    day_or_month = numeric and int(numeric.group(1)) <= 12 and int(numeric.group(2)) <= 12
    if day_or_month and int(numeric.group(1)) != int(numeric.group(2)):
        return None  # 03/05/2024: the 3rd of May in most of the world, March 5 in the US
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an unknown zone name: the time is kept without an offset
        try:
            a = dateutil_parser.parse(text, default=_DEFAULT_A, tzinfos=TZINFOS)
            b = dateutil_parser.parse(text, default=_DEFAULT_B, tzinfos=TZINFOS)
        except (ValueError, OverflowError, TypeError):
            return None
    if a.date() != b.date():
        return None  # a part of the date is missing and would have been made up
    has_time = (a.hour, a.minute) == (b.hour, b.minute)
    return a, has_time
