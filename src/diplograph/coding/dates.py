"""Resolve date expressions found in news text against the article's date.

News reports mostly describe what has already happened, so an expression that
does not fix its own direction ("Monday", "in July", "September 12") is read
as pointing *backwards* from the article date: the most recent such day or
month on or before it.  An article dated Monday 2019-09-23 that says
"on Monday" means that same day; "in September" means September 2019; "in
October" means October 2018.

The caller passes ``future=True`` when the clause is about the future (will,
expected to, plans to, scheduled for).  Then the same expressions point
*forwards*: the first such day or month on or after the article date.

Explicit modifiers override the default direction:

* ``last`` / ``this past`` — strictly before ("last Friday" in a Friday
  article is the previous Friday; "last July" in a July article is July of
  the previous year).
* ``next`` / ``this coming`` — strictly after.
* ``this`` with a weekday follows the clause direction (on or before, or on
  or after when ``future=True``); ``this`` with a month means the article's
  year.

A day and month without a year ("September 12") take the year a bare month
would get ("September"), so the day falls in that month even if it is a few
days after the article date.

Relative periods keep only the precision the text really gives: "last week"
becomes the *month* of the date seven days earlier, "last year" a year.
"N days/weeks ago" and "N days earlier/later" are counted from the article
date with day precision; "N months ago" has month precision and "N years ago"
year precision.

Vague expressions ("recently", "earlier", "soon", "the 1990s", "several days
ago") and ambiguous numeric forms ("12/09") resolve to ``None``; the caller
falls back to the article date.  Without an article date only absolute
expressions (an ISO date or one with an explicit year) resolve.

This module is pure standard-library Python: no spaCy.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

__all__ = ["ResolvedDate", "parse_iso_date", "resolve_date"]


@dataclass(frozen=True)
class ResolvedDate:
    """A resolved date: ISO ``value`` ("2019-09-23", "2019-07" or "2019") and its precision."""

    value: str
    precision: str  # "day" | "month" | "year"


# --------------------------------------------------------------------------- vocabulary

_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _number:
        _MONTHS[_name.lower()] = _number
        _MONTHS[_name[:3].lower()] = _number
_MONTHS["sept"] = 9

_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}

_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "a couple of": 2,
    "couple of": 2,
}


def _alternation(words) -> str:
    # Longest first so that "sept" wins over "sep" and "a couple of" over "a".
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_MONTH_RE = f"(?P<month>{_alternation(_MONTHS)})"
_WEEKDAY_RE = f"(?P<weekday>{_alternation(_WEEKDAYS)})"
_NUMBER_RE = rf"(?P<number>\d{{1,3}}|{_alternation(_NUMBERS)})"
_DAY_RE = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>\d{4})"
# Qualifiers that narrow a period without changing which period it is.
_QUALIFIER_RE = (
    r"(?:(?:early|mid|late|earlier|later|end of|the end of|start of|the start of"
    r"|beginning of|the beginning of|middle of|the middle of) )"
)
_PAST_MODS = {"last", "past", "this past"}
_NEXT_MODS = {"next", "coming", "this coming"}
_MOD_RE = r"(?:(?P<mod>last|this past|past|this coming|coming|next|this) )"
_TIME_OF_DAY_RE = r"(?: (?:morning|afternoon|evening|night))?"

_LEADING_FILLERS = re.compile(r"^(?:(?:on|in|during|since|the|of) )+")

# Expressions that are a fixed number of days from the article date.
_FIXED_OFFSETS = {
    "today": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tonight": 0,
    "earlier today": 0,
    "later today": 0,
    "yesterday": -1,
    "last night": -1,
    "yesterday morning": -1,
    "yesterday afternoon": -1,
    "yesterday evening": -1,
    "tomorrow": 1,
    "tomorrow morning": 1,
    "tomorrow afternoon": 1,
    "tomorrow evening": 1,
    "tomorrow night": 1,
    "the day before yesterday": -2,
    "day before yesterday": -2,
    "the day after tomorrow": 2,
    "day after tomorrow": 2,
}

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SLASHED_YMD = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_IN_OFFSET = re.compile(rf"^in {_NUMBER_RE} (?P<unit>day|week|month|year)s?$")
_OFFSET = re.compile(
    rf"^{_NUMBER_RE} (?P<unit>day|week|month|year)s? "
    r"(?P<direction>ago|earlier|before|later|after|from now|hence)$"
)
_PERIOD = re.compile(rf"^{_QUALIFIER_RE}?(?P<mod>last|this past|next|this) (?P<unit>week|month|year)$")
_WEEKDAY = re.compile(rf"^{_MOD_RE}?{_WEEKDAY_RE}{_TIME_OF_DAY_RE}$")
_MONTH_DAY = re.compile(rf"^{_MONTH_RE} {_DAY_RE}(?: (?:of )?{_YEAR_RE})?{_TIME_OF_DAY_RE}$")
_DAY_MONTH = re.compile(rf"^{_DAY_RE} (?:of )?{_MONTH_RE}(?: {_YEAR_RE})?{_TIME_OF_DAY_RE}$")
_LEADING_WEEKDAY = re.compile(rf"^{_WEEKDAY_RE} (?P<rest>.*\d.*)$")
_MONTH_YEAR = re.compile(rf"^{_QUALIFIER_RE}?{_MONTH_RE} (?:of )?{_YEAR_RE}$")
_MONTH_ONLY = re.compile(rf"^{_QUALIFIER_RE}?{_MOD_RE}?{_QUALIFIER_RE}?{_MONTH_RE}$")
_YEAR_ONLY = re.compile(rf"^{_QUALIFIER_RE}?{_YEAR_RE}$")


# --------------------------------------------------------------------------- public API


def parse_iso_date(value: str) -> datetime.date:
    """Parse a strict ``YYYY-MM-DD`` date; raise ``ValueError`` with a clear message otherwise."""
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        raise ValueError(f"Invalid date {value!r}: use YYYY-MM-DD, e.g. 2019-09-23.")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"Invalid date {value!r}: {exc} (use YYYY-MM-DD).") from None


def resolve_date(expression: str, article_date: datetime.date | None, *, future: bool = False) -> ResolvedDate | None:
    """Resolve a date expression as found in news text (e.g. spaCy DATE entity text)
    against the article's date.

    ``future=True`` means the clause is about the future, so bare weekdays and months
    point forward from the article date instead of backward. Returns ``None`` for
    vague or unsupported expressions, and for relative ones when ``article_date``
    is ``None``.
    """
    if not isinstance(expression, str):
        return None
    text = _normalise(expression)
    if not text:
        return None
    for resolver in _RESOLVERS:
        result = resolver(text, article_date, future)
        if result is not None:
            return result
    return None


# --------------------------------------------------------------------------- helpers


def _normalise(expression: str) -> str:
    text = expression.lower().replace("\u2019", "'").replace("\u2013", "-")
    text = re.sub(r"'s\b", "", text)  # "Monday's" -> "monday"
    iso = text.strip().rstrip(".,;:!?")
    if _ISO_DAY.match(iso) or _ISO_MONTH.match(iso):
        return iso
    text = re.sub(r"\bmid-", "mid ", text)
    text = re.sub(r"[^\w\s/-]", " ", text)  # dots, commas, quotes, brackets
    text = re.sub(r"\s+", " ", text).strip(" -")
    return text


def _day(value: datetime.date) -> ResolvedDate:
    return ResolvedDate(value.isoformat(), "day")


def _month(year: int, month: int) -> ResolvedDate | None:
    if not 1 <= year <= 9999:
        return None
    return ResolvedDate(f"{year:04d}-{month:02d}", "month")


def _year(year: int) -> ResolvedDate | None:
    if not 1 <= year <= 9999:
        return None
    return ResolvedDate(f"{year:04d}", "year")


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _add_days(base: datetime.date, days: int) -> ResolvedDate | None:
    try:
        return _day(base + datetime.timedelta(days=days))
    except OverflowError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def number_word(word: str) -> int | None:
    """ "2", "two" or "a" -> the number, else None."""
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word.lower())


def names_weekday(text: str) -> bool:
    """True if ``text`` names a day of the week ("Friday night", "late on Wednesday")."""
    return any(word in _WEEKDAYS for word in re.findall(r"[a-z]+", text.lower()))


def _year_for_month(month: int, article: datetime.date, future: bool, mod: str | None) -> int:
    """The year of the named month, following the direction rules in the module docstring."""
    if mod == "this":
        return article.year
    if mod in _PAST_MODS:
        return article.year if month < article.month else article.year - 1
    if mod in _NEXT_MODS:
        return article.year if month > article.month else article.year + 1
    if future:
        return article.year if month >= article.month else article.year + 1
    return article.year if month <= article.month else article.year - 1


# --------------------------------------------------------------------------- resolvers
# Each takes (normalised text, article date, future) and returns a ResolvedDate or None.


def _resolve_iso(text, article, future):
    if match := _ISO_DAY.match(text) or _SLASHED_YMD.match(text):
        found = _safe_date(*(int(part) for part in match.groups()))
        return _day(found) if found else None
    if match := _ISO_MONTH.match(text):
        year, month = (int(part) for part in match.groups())
        return _month(year, month) if 1 <= month <= 12 else None
    return None


def _resolve_fixed(text, article, future):
    if article is None:
        return None
    offset = _FIXED_OFFSETS.get(text)
    if offset is None:
        return None
    return _add_days(article, offset)


def _offset(article, count, unit, sign):
    if count is None:
        return None
    if unit == "day":
        return _add_days(article, sign * count)
    if unit == "week":
        return _add_days(article, sign * count * 7)
    if unit == "month":
        return _month(*_shift_month(article.year, article.month, sign * count))
    return _year(article.year + sign * count)


def _resolve_offset(text, article, future):
    if article is None:
        return None
    if match := _IN_OFFSET.match(text):
        return _offset(article, number_word(match["number"]), match["unit"], +1)
    if match := _OFFSET.match(_LEADING_FILLERS.sub("", text)):
        sign = -1 if match["direction"] in {"ago", "earlier", "before"} else +1
        return _offset(article, number_word(match["number"]), match["unit"], sign)
    return None


def _resolve_period(text, article, future):
    if article is None:
        return None
    match = _PERIOD.match(_LEADING_FILLERS.sub("", text))
    if not match:
        return None
    step = {"last": -1, "this past": -1, "this": 0, "next": +1}[match["mod"]]
    unit = match["unit"]
    if unit == "week":
        anchor = article + datetime.timedelta(days=7 * step)
        return _month(anchor.year, anchor.month)
    if unit == "month":
        return _month(*_shift_month(article.year, article.month, step))
    return _year(article.year + step)


def _resolve_weekday(text, article, future):
    if article is None:
        return None
    match = _WEEKDAY.match(_LEADING_FILLERS.sub("", text))
    if not match:
        return None
    weekday = _WEEKDAYS[match["weekday"]]
    mod = match["mod"]
    back = (article.weekday() - weekday) % 7
    ahead = (weekday - article.weekday()) % 7
    if mod in _PAST_MODS:
        return _add_days(article, -(back or 7))
    if mod in _NEXT_MODS:
        return _add_days(article, ahead or 7)
    return _add_days(article, ahead if future else -back)


def _resolve_month_day(text, article, future):
    text = _LEADING_FILLERS.sub("", text)
    if match := _LEADING_WEEKDAY.match(text):  # "Monday, September 23"
        text = match["rest"]
    match = _MONTH_DAY.match(text) or _DAY_MONTH.match(text)
    if not match:
        return None
    month, day = _MONTHS[match["month"]], int(match["day"])
    if match["year"]:
        year = int(match["year"])
    elif article is not None:
        year = _year_for_month(month, article, future, None)
    else:
        return None
    found = _safe_date(year, month, day)
    return _day(found) if found else None


def _resolve_month_year(text, article, future):
    if match := _MONTH_YEAR.match(_LEADING_FILLERS.sub("", text)):
        return _month(int(match["year"]), _MONTHS[match["month"]])
    return None


def _resolve_month_only(text, article, future):
    if article is None:
        return None
    match = _MONTH_ONLY.match(_LEADING_FILLERS.sub("", text))
    if not match:
        return None
    month = _MONTHS[match["month"]]
    return _month(_year_for_month(month, article, future, match["mod"]), month)


def _resolve_year(text, article, future):
    if match := _YEAR_ONLY.match(_LEADING_FILLERS.sub("", text)):
        return _year(int(match["year"]))
    return None


_RESOLVERS = (
    _resolve_iso,
    _resolve_fixed,
    _resolve_offset,
    _resolve_period,
    _resolve_weekday,
    _resolve_month_day,
    _resolve_month_year,
    _resolve_month_only,
    _resolve_year,
)
