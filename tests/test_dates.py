"""Tests for diplograph.coding.dates: resolving news date expressions."""

from __future__ import annotations

import datetime

import pytest

from diplograph.coding.dates import ResolvedDate, parse_iso_date, resolve_date

D = datetime.date
MON = D(2019, 9, 23)  # a Monday
FRI = D(2020, 1, 31)  # a Friday, last day of the month
JAN = D(2020, 1, 10)  # a Friday in January

RESOLVED = [
    # explicit dates
    ("2019-09-12", MON, False, "2019-09-12", "day"),
    ("September 12", MON, False, "2019-09-12", "day"),
    ("Sept. 12", MON, False, "2019-09-12", "day"),
    ("Sep 12", MON, False, "2019-09-12", "day"),
    ("12 September", MON, False, "2019-09-12", "day"),
    ("on September 12th,", MON, False, "2019-09-12", "day"),
    ("September 12, 2019", MON, False, "2019-09-12", "day"),
    ("12 September 2019", MON, False, "2019-09-12", "day"),
    ("Monday, September 23", MON, False, "2019-09-23", "day"),
    ("September 25", MON, False, "2019-09-25", "day"),  # same month as the article
    ("December 30", JAN, False, "2019-12-30", "day"),
    ("December 30", JAN, True, "2020-12-30", "day"),
    ("September 2019", MON, False, "2019-09", "month"),
    ("2015", MON, False, "2015", "year"),
    ("in 2015", MON, False, "2015", "year"),
    ("mid-2015", MON, False, "2015", "year"),
    # month alone
    ("July", MON, False, "2019-07", "month"),
    ("in July", MON, False, "2019-07", "month"),
    ("last July", MON, False, "2019-07", "month"),
    ("September", MON, False, "2019-09", "month"),
    ("last September", MON, False, "2018-09", "month"),
    ("October", MON, False, "2018-10", "month"),
    ("October", MON, True, "2019-10", "month"),
    ("July", MON, True, "2020-07", "month"),
    ("next July", MON, False, "2020-07", "month"),
    ("December", JAN, False, "2019-12", "month"),
    ("mid-December", JAN, False, "2019-12", "month"),
    # weekdays
    ("Monday", MON, False, "2019-09-23", "day"),
    ("on Monday", MON, True, "2019-09-23", "day"),
    ("Friday", MON, False, "2019-09-20", "day"),
    ("Friday night", MON, False, "2019-09-20", "day"),
    ("Friday", MON, True, "2019-09-27", "day"),
    ("last Friday", FRI, False, "2020-01-24", "day"),
    ("Friday", FRI, False, "2020-01-31", "day"),
    ("this Tuesday", MON, False, "2019-09-17", "day"),
    ("this Tuesday", MON, True, "2019-09-24", "day"),
    ("next Wednesday", MON, False, "2019-09-25", "day"),
    ("next Monday", MON, False, "2019-09-30", "day"),
    ("next Monday", FRI, False, "2020-02-03", "day"),
    ("Thursday", D(2021, 1, 1), False, "2020-12-31", "day"),
    # fixed offsets
    ("today", MON, False, "2019-09-23", "day"),
    ("this morning", MON, False, "2019-09-23", "day"),
    ("tonight", MON, True, "2019-09-23", "day"),
    ("yesterday", MON, False, "2019-09-22", "day"),
    ("yesterday", D(2020, 3, 1), False, "2020-02-29", "day"),
    ("last night", D(2019, 1, 1), False, "2018-12-31", "day"),
    ("tomorrow", FRI, True, "2020-02-01", "day"),
    ("the day before yesterday", MON, False, "2019-09-21", "day"),
    # counted offsets
    ("three days ago", MON, False, "2019-09-20", "day"),
    ("10 days ago", D(2020, 1, 5), False, "2019-12-26", "day"),
    ("two days earlier", MON, False, "2019-09-21", "day"),
    ("a week earlier", MON, False, "2019-09-16", "day"),
    ("two weeks ago", MON, False, "2019-09-09", "day"),
    ("three days later", MON, False, "2019-09-26", "day"),
    ("a couple of days ago", MON, False, "2019-09-21", "day"),
    ("in two weeks", MON, True, "2019-10-07", "day"),
    ("three months ago", JAN, False, "2019-10", "month"),
    ("two years ago", MON, False, "2017", "year"),
    ("a year ago", MON, False, "2018", "year"),
    # relative periods
    ("last week", D(2019, 10, 3), False, "2019-09", "month"),
    ("earlier this week", MON, False, "2019-09", "month"),
    ("this week", MON, False, "2019-09", "month"),
    ("next week", D(2019, 9, 28), True, "2019-10", "month"),
    ("last month", JAN, False, "2019-12", "month"),
    ("earlier this month", MON, False, "2019-09", "month"),
    ("next month", D(2019, 12, 15), True, "2020-01", "month"),
    ("last year", MON, False, "2018", "year"),
    ("late last year", MON, False, "2018", "year"),
    ("earlier this year", MON, False, "2019", "year"),
    ("next year", MON, True, "2020", "year"),
]


@pytest.mark.parametrize(("expression", "article_date", "future", "value", "precision"), RESOLVED)
def test_dates_resolve_expression(expression, article_date, future, value, precision):
    assert resolve_date(expression, article_date, future=future) == ResolvedDate(value, precision)


UNRESOLVED = [
    "earlier",
    "recently",
    "in the near future",
    "the coming days",
    "soon",
    "at the time",
    "the 1990s",
    "several days ago",
    "12/09",
    "on 12/09/2019",
    "decades",
    "",
    "   ",
    "the past few years",
]


@pytest.mark.parametrize("expression", UNRESOLVED)
def test_dates_vague_expression_is_none(expression):
    assert resolve_date(expression, MON) is None
    assert resolve_date(expression, MON, future=True) is None


@pytest.mark.parametrize(
    ("expression", "value", "precision"),
    [
        ("2019-09-12", "2019-09-12", "day"),
        ("September 12, 2019", "2019-09-12", "day"),
        ("September 2019", "2019-09", "month"),
        ("in 2015", "2015", "year"),
    ],
)
def test_dates_absolute_without_article_date(expression, value, precision):
    assert resolve_date(expression, None) == ResolvedDate(value, precision)


@pytest.mark.parametrize("expression", ["yesterday", "Monday", "July", "September 12", "last week", "two days ago"])
def test_dates_relative_without_article_date_is_none(expression):
    assert resolve_date(expression, None) is None
    assert resolve_date(expression, None, future=True) is None


def test_dates_invalid_calendar_day_is_none():
    assert resolve_date("February 30", MON) is None
    assert resolve_date("2019-02-29", MON) is None


def test_dates_parse_iso_date_accepts_strict_form():
    assert parse_iso_date("2020-02-29") == D(2020, 2, 29)


@pytest.mark.parametrize("bad", ["2019-13-01", "23/09/2019", "2019-9-23", "2019-02-29", ""])
def test_dates_parse_iso_date_rejects_invalid(bad):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_iso_date(bad)
