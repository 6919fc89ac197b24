"""Cell values as users type them: numbers, Belgian text numbers, errors, lists.

Readers hand over raw cell values (str, int, float, bool, date/datetime, None
or :class:`CellError`); these helpers interpret them the same way for every
way in (file, live Excel).
"""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from plan_xl.contract import LIST_SEPARATOR

ERROR_LITERALS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#EXTERNAL!",
        "#PYTHON!",
    }
)


@dataclass(frozen=True)
class CellError:
    """A spreadsheet error value such as ``#REF!`` found in a cell."""

    code: str

    def __str__(self) -> str:
        return self.code


def as_error(value: Any) -> CellError | None:
    """The spreadsheet error a raw value stands for, if any."""
    if isinstance(value, CellError):
        return value
    if isinstance(value, str) and value.strip().upper() in ERROR_LITERALS:
        return CellError(value.strip().upper())
    return None


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def as_text(value: Any) -> str:
    """A raw value as trimmed text ('' for blanks); numbers without '.0'."""
    if value.__class__ is str:  # most cells: what the general path below gives for text
        return " ".join(value.split())
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return " ".join(str(value).split())


def split_list(value: Any) -> list[str]:
    """Entries of a ';'-separated list cell, trimmed, blanks dropped."""
    text = as_text(value)
    if not text:
        return []
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


class AmountKind(StrEnum):
    BLANK = "blank"
    NUMBER = "number"
    TEXT_NUMBER = "text_number"  # typed as text, read as a number (WB006)
    NOT_A_NUMBER = "not_a_number"
    ERROR = "error"


@dataclass(frozen=True)
class Amount:
    kind: AmountKind
    value: float | None = None

    @property
    def usable(self) -> bool:
        return self.value is not None


_CURRENCY = re.compile(r"(?i)(€|eur(o)?)")
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_WHOLE_EUROS = re.compile(r"[,.]-+$")  # "12.500,-": whole euros, Belgian style
# 12.500,00 / 12 500 / 12500 / -1.234 / 1.234.567,5 / 12,5 / 12500.75
_BE_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_BE_DECIMAL = re.compile(r"^[+-]?\d+(,\d+)?$")
_EN_DECIMAL = re.compile(r"^[+-]?\d+\.\d{1,2}$|^[+-]?\d+\.\d{4,}$")
_EN_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_number_text(text: str) -> float | None:
    """A number typed as text in Belgian (or plain) notation, else None.

    ``12.500,00`` -> 12500.0, ``€ 12 500`` -> 12500.0, ``12500`` -> 12500.0,
    ``12,5`` -> 12.5. A lone dot with exactly three decimals (``12.500``) is a
    thousands separator, as a Belgian user means it.
    """
    s = _CURRENCY.sub("", text)
    s = _SPACES.sub("", s).replace("\u2212", "-")
    s = _WHOLE_EUROS.sub("", s)
    if s.startswith("(") and s.endswith(")"):
        s = "-" + s[1:-1]
    if not s or len(s) > 40:
        return None
    if _BE_THOUSANDS.match(s):
        s = s.replace(".", "").replace(",", ".")
    elif _BE_DECIMAL.match(s):
        s = s.replace(",", ".")
    elif _EN_THOUSANDS.match(s) and "." in s:
        s = s.replace(",", "")
    elif not _EN_DECIMAL.match(s):
        return None
    try:
        number = float(s)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def parse_amount(value: Any) -> Amount:
    """Interpret a raw amount cell."""
    if is_blank(value):
        return Amount(AmountKind.BLANK)
    err = as_error(value)
    if err is not None:
        return Amount(AmountKind.ERROR)
    if isinstance(value, bool):
        return Amount(AmountKind.NOT_A_NUMBER)
    if isinstance(value, numbers.Real):  # also numpy numbers from DataFrames
        number = float(value)
        if not math.isfinite(number):
            return Amount(AmountKind.NOT_A_NUMBER)
        return Amount(AmountKind.NUMBER, number)
    if isinstance(value, str):
        read = parse_number_text(value)
        if read is None:
            return Amount(AmountKind.NOT_A_NUMBER)
        return Amount(AmountKind.TEXT_NUMBER, read)
    return Amount(AmountKind.NOT_A_NUMBER)


def parse_int(value: Any) -> int | None:
    """A whole number from a raw cell (number or text), else None."""
    amount = parse_amount(value)
    if amount.value is None or not float(amount.value).is_integer():
        return None
    return int(amount.value)
