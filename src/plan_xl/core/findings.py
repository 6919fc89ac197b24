"""Findings: what a check reports about one place in the workbook."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# A cell text can be 32,767 characters (a plan-xl input even 50 MB of XML):
# quoted in a message or named as a subject it is cut to this length.
MAX_SHOWN_CHARS = 200


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANKS[self.value]

    def at_least(self, level: Severity | str) -> bool:
        return self.rank >= Severity(level).rank


@dataclass(frozen=True, init=False)
class Finding:
    """One problem at one place.

    ``params`` fills the rule's message template; the text itself is rendered
    per language by :meth:`message`, so one finding serves Dutch and English.
    ``cell`` is in A1 notation without sheet (``"K7"``) or empty when the
    finding is about a whole sheet or table.
    """

    code: str
    severity: Severity
    sheet: str
    cell: str
    subject: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __init__(
        self,
        code: str,
        severity: Severity,
        sheet: str,
        cell: str,
        subject: str,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        # The generated frozen __init__ sets each field through object.__setattr__
        # (six calls); one update of the instance dict sets the same attributes at
        # half the cost, and a plan with many findings makes hundreds of them.
        if isinstance(subject, str) and len(subject) > MAX_SHOWN_CHARS:
            subject = shorten(subject)
        self.__dict__.update(
            code=code,
            severity=severity,
            sheet=sheet,
            cell=cell,
            subject=subject,
            params={} if params is None else params,
        )

    def message(self, lang: str = "nl") -> str:
        """The message in ``lang``, rendered once per language (findings are immutable)."""
        cache: dict[str, str] | None = self.__dict__.get("_messages")
        if cache is None:
            cache = self.__dict__["_messages"] = {}
        text = cache.get(lang)
        if text is None:
            text = cache[lang] = _renderer()(self.code, lang, self.params)
        return text

    def sort_key(self) -> tuple[str, int, str, str]:
        """(sheet, row, column, code), computed once: findings are sorted more than once."""
        key: tuple[str, int, str, str] | None = self.__dict__.get("_sort_key")
        if key is None:
            cell = self.cell
            # "K7": string methods settle it at half the cost of the regular expression.
            letters = cell.rstrip(_DIGITS)
            digits = cell[len(letters) :]
            if digits and 0 < len(letters) <= 3 and letters.isascii() and letters.isalpha():
                key = (self.sheet, int(digits), letters.rjust(3), self.code)
            elif (plain := _PLAIN_CELL.fullmatch(cell)) is not None:
                letters, digits = plain.groups()
                key = (self.sheet, int(digits), letters.rjust(3), self.code)
            else:
                key = (self.sheet, _row_of(cell), _col_of(cell), self.code)
            self.__dict__["_sort_key"] = key
        return key

    def to_dict(self, lang: str = "nl") -> dict[str, str]:
        return finding_dicts((self,), lang)[0]


def finding_dicts(findings: Iterable[Finding], lang: str = "nl") -> list[dict[str, str]]:
    """``[f.to_dict(lang) for f in findings]`` in one loop (the report's findings).

    The same dicts and the same message cache, without three calls per finding
    (to_dict, message, the catalogue's lookup): at 5,000 lines (~520 findings)
    those calls cost about as much as formatting the messages.
    """
    get_rule = _rule_getter()
    renders: dict[str, Callable[[str, Mapping[str, Any]], str]] = {}
    out: list[dict[str, str]] = []
    for f in findings:
        state = f.__dict__
        cache: dict[str, str] | None = state.get("_messages")
        if cache is None:
            cache = state["_messages"] = {}
        text = cache.get(lang)
        if text is None:
            render = renders.get(f.code)
            if render is None:
                render = renders[f.code] = get_rule(f.code).render
            text = cache[lang] = render(lang, f.params)
        out.append(
            {
                "code": f.code,
                "severity": f.severity._value_,
                "sheet": f.sheet,
                "cell": f.cell,
                "subject": f.subject,
                "message": text,
            }
        )
    return out


_RANKS = {"error": 3, "warning": 2, "info": 1}
_RENDER: list[Callable[[str, str, Mapping[str, Any]], str]] = []


def _renderer() -> Callable[[str, str, Mapping[str, Any]], str]:
    """The rule catalogue's message renderer (imported on first use: the registry
    imports this module)."""
    if not _RENDER:
        from plan_xl.rules.registry import render_message

        _RENDER.append(render_message)
    return _RENDER[0]


def _rule_getter() -> Callable[[str], Any]:
    """The rule catalogue's ``get_rule`` (imported on first use, like :func:`_renderer`)."""
    from plan_xl.rules.registry import get_rule

    return get_rule


_PLAIN_CELL = re.compile(r"([A-Za-z]{1,3})(\d+)")
_DIGITS = "0123456789"


def shorten(text: str, limit: int = MAX_SHOWN_CHARS) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _row_of(cell: str) -> int:
    digits = "".join(ch for ch in cell if ch.isdigit())
    return int(digits) if digits else 0


def _col_of(cell: str) -> str:
    letters = "".join(ch for ch in cell if ch.isalpha())
    return letters.rjust(3)


def count_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter([f.severity._value_ for f in findings])
    return {s.value: counts.get(s.value, 0) for s in Severity}


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


def severity_key(finding: Finding) -> tuple[int, str, int, str, str]:
    return (-finding.severity.rank, *finding.sort_key())


def severity_first(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then infos; each by sheet, row, column and code.

    The reading order of Controles and the JSON report: the top matters most.
    The same order as ``sorted(findings, key=severity_key)``, but linear for
    findings already in sheet order (as :func:`plan_xl.core.engine.check_plan`
    returns them): the sort then only confirms the order, the split keeps it.
    """
    return split_by_severity(sorted(findings, key=Finding.sort_key))


def split_by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then infos, each in the order given.

    :func:`severity_first` for findings known to be in sheet order already
    (what :func:`plan_xl.core.engine.check_plan` returns): no second sort.
    """
    errors: list[Finding] = []
    warnings: list[Finding] = []
    infos: list[Finding] = []
    by_value = {"error": errors, "warning": warnings, "info": infos}
    for finding in findings:
        by_value[finding.severity._value_].append(finding)
    return errors + warnings + infos
