"""Cell values as finance staff type them: Belgian text numbers, errors, lists."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from plan_xl.core.values import (
    AmountKind,
    CellError,
    as_error,
    as_text,
    is_blank,
    parse_amount,
    parse_int,
    parse_number_text,
    split_list,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.500,00", 12500.0),
        ("€ 12 500", 12500.0),
        ("12500", 12500.0),
        ("12,5", 12.5),
        ("12.500", 12500.0),  # a lone dot with three decimals is a thousands separator
        ("1.234.567,5", 1234567.5),
        ("-1.234", -1234.0),
        ("(1.234)", -1234.0),
        ("12500.75", 12500.75),
        ("1,234.56", 1234.56),
        ("EUR 1.000", 1000.0),
        ("1.000 euro", 1000.0),
        ("12\u00a0500,00\u00a0€", 12500.0),
        ("12\u202f500", 12500.0),
        ("+5", 5.0),
        ("12.500,-", 12500.0),  # Belgian notation for whole euros
        ("\u22121.234", -1234.0),  # a typographic minus pasted from a text processor
    ],
)
def test_belgian_and_plain_text_numbers_are_read(text: str, expected: float) -> None:
    assert parse_number_text(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "abc", "12 stuks", "1e5", "1.2.3", "€", "9" * 41, "--5"])
def test_text_that_is_not_a_number_is_refused(text: str) -> None:
    assert parse_number_text(text) is None


def test_amount_kinds_tell_numbers_text_numbers_errors_and_blanks_apart() -> None:
    assert parse_amount(1500) == parse_amount(1500.0)
    assert parse_amount(1500).kind is AmountKind.NUMBER
    assert parse_amount(np.int64(7)).value == 7.0
    text = parse_amount("1.500,00")
    assert (text.kind, text.value) == (AmountKind.TEXT_NUMBER, 1500.0)
    assert parse_amount(None).kind is AmountKind.BLANK
    assert parse_amount("   ").kind is AmountKind.BLANK
    assert parse_amount(float("nan")).kind is AmountKind.BLANK
    assert parse_amount(CellError("#REF!")).kind is AmountKind.ERROR
    assert parse_amount("#DIV/0!").kind is AmountKind.ERROR
    for odd in (True, math.inf, dt.date(2026, 1, 1), "veel", object()):
        amount = parse_amount(odd)
        assert amount.kind is AmountKind.NOT_A_NUMBER and not amount.usable


def test_negative_amounts_are_read_as_negative_numbers() -> None:
    assert parse_amount(-250).value == -250.0
    assert parse_amount("-250,5").value == -250.5


def test_error_literals_are_recognised_in_any_case_and_spacing() -> None:
    assert as_error(" #n/a ") == CellError("#N/A")
    assert as_error(CellError("#REF!")) == CellError("#REF!")
    assert as_error("#HASHTAG") is None
    assert str(CellError("#VALUE!")) == "#VALUE!"


def test_as_text_trims_and_writes_whole_numbers_without_decimals() -> None:
    assert as_text("  E-loket   evenementen ") == "E-loket evenementen"
    assert as_text(2026.0) == "2026"
    assert as_text(12.5) == "12.5"
    assert as_text(None) == "" and as_text(float("nan")) == ""
    assert as_text(True) == "WAAR"
    assert as_text(dt.date(2026, 1, 2)) == "2026-01-02"


def test_lists_are_split_on_semicolons_and_blanks_dropped() -> None:
    assert split_list(" Klant ;Bestuurder;; ") == ["Klant", "Bestuurder"]
    assert split_list(None) == []


def test_whole_numbers_from_numbers_or_text() -> None:
    assert parse_int(2026) == 2026
    assert parse_int("2026") == 2026
    assert parse_int(2026.0) == 2026
    assert parse_int(2026.5) is None
    assert parse_int("twee") is None


def test_blank_means_none_nan_or_whitespace_only() -> None:
    assert is_blank(None) and is_blank(" \t") and is_blank(float("nan"))
    assert not is_blank(0) and not is_blank("0")
