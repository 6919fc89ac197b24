"""Settings, maturity levels, themes and dependencies from their contract tables.

Pure and tolerant: a value that cannot be read keeps its default and is listed
in ``Settings.invalid`` (or left ``None`` on a theme) for the rules to report.
"""

from __future__ import annotations

import re
from typing import Any

from plan_xl import contract as c
from plan_xl.core.plan import Dependency, Settings, SheetTable, ThemeAssessment
from plan_xl.core.values import as_error, as_text, is_blank, parse_amount, parse_int

_PUNCTUATION = re.compile(r"[^\w%]")
_MIN_YEAR, _MAX_YEAR, _MAX_SPAN = 1900, 2999, 50


def parameter_key(text: Any) -> str:
    """Parameter names compared without case, spacing or punctuation
    (``"max stappen per plan"`` matches ``"Max. stappen per plan"``)."""
    return _PUNCTUATION.sub("", c.normalise_header(as_text(text)))


_PARAMETERS = {parameter_key(name): name for name in c.SETTINGS_DEFAULTS}


def _rows(table: SheetTable | None, *columns: str) -> list[tuple[int, list[Any]]]:
    """(Excel row, values of ``columns``) per data row; None for a missing column."""
    if table is None:
        return []
    frame = table.frame
    # One object block: its rows as lists at once (a Series per column costs more
    # than these few-row tables' whole reading).
    rows = frame.to_numpy(dtype=object).tolist()
    where = [frame.columns.get_loc(col) if col in frame.columns else None for col in columns]
    return [
        (int(row), [None if j is None else values[j] for j in where])
        for row, values in zip(frame.index.tolist(), rows, strict=True)
    ]


def _cells(table: SheetTable, row: int) -> dict[str, str]:
    return {str(col): table.cell(row, col) for col in table.letters}


def read_settings(table: SheetTable | None) -> Settings:
    """tblInstellingen -> Settings; unknown parameters are ignored."""
    raw: dict[str, Any] = {}
    cells: dict[str, str] = {}
    for row, (name, value) in _rows(table, c.COL_PARAMETER, c.COL_VALUE):
        parameter = _PARAMETERS.get(parameter_key(name))
        if parameter is None or parameter in raw:
            continue
        raw[parameter] = value
        if table is not None and table.has(c.COL_VALUE):
            cells[parameter] = table.cell(row, c.COL_VALUE)
    invalid: dict[str, Any] = {}
    fields: dict[str, Any] = {"organisation": as_text(raw.get(c.P_ORGANISATION))}
    fields["template_version"] = _template_version(raw, invalid)
    start = _whole(raw, c.P_START_YEAR, invalid, _MIN_YEAR, _MAX_YEAR)
    end = _whole(raw, c.P_END_YEAR, invalid, _MIN_YEAR, _MAX_YEAR)
    if start is not None and end is not None and not 0 <= end - start <= _MAX_SPAN:
        invalid[c.P_START_YEAR], invalid[c.P_END_YEAR] = raw[c.P_START_YEAR], raw[c.P_END_YEAR]
        start = end = None
    if start is not None:
        fields["start_year"] = start
    if end is not None:
        fields["end_year"] = end
    for parameter, name in (
        (c.P_TOLERANCE_EUR, "tolerance_eur"),
        (c.P_TOLERANCE_PCT, "tolerance_pct"),
    ):
        number = _non_negative(raw, parameter, invalid)
        if number is not None:
            fields[name] = number
    for parameter, name in ((c.P_MAX_STEPS, "max_steps"), (c.P_MAX_IMBALANCE, "max_imbalance")):
        whole = _whole(raw, parameter, invalid, 0, 4)
        if whole is not None:
            fields[name] = whole
    language = _language(raw, invalid)
    if language is not None:
        fields["language"] = language
    return Settings(**fields, cells=cells, raw=raw, invalid=invalid)


def _template_version(raw: dict[str, Any], invalid: dict[str, Any]) -> int | None:
    """The declared template version; None when absent or unreadable (WB003)."""
    value = raw.get(c.P_TEMPLATE_VERSION)
    if is_blank(value):
        return None
    version = parse_int(value)
    if version is None:
        invalid[c.P_TEMPLATE_VERSION] = value
    return version


def _whole(
    raw: dict[str, Any], parameter: str, invalid: dict[str, Any], low: int, high: int
) -> int | None:
    if parameter not in raw:
        return None
    number = parse_int(raw[parameter])
    if number is None or not low <= number <= high:
        invalid[parameter] = raw[parameter]
        return None
    return number


def _non_negative(raw: dict[str, Any], parameter: str, invalid: dict[str, Any]) -> float | None:
    if parameter not in raw:
        return None
    value = raw[parameter]
    if isinstance(value, str):
        value = value.replace("%", "")
    number = parse_amount(value).value
    if number is None or number < 0:
        invalid[parameter] = raw[parameter]
        return None
    return number


def _language(raw: dict[str, Any], invalid: dict[str, Any]) -> str | None:
    if c.P_LANGUAGE not in raw:
        return None
    text = as_text(raw[c.P_LANGUAGE]).lower()
    aliases = {"nederlands": "nl", "dutch": "nl", "engels": "en", "english": "en"}
    language = aliases.get(text, text[:2] if len(text) == 2 or text[2:3] in "-_" else "")
    if language not in c.LANGUAGE_VALUES:
        invalid[c.P_LANGUAGE] = raw[c.P_LANGUAGE]
        return None
    return language


def read_levels(table: SheetTable | None) -> dict[str, int]:
    """tblNiveaus -> level name -> score; the contract's levels when none are readable."""
    levels: dict[str, int] = {}
    for _, (name, score) in _rows(table, c.COL_LEVEL, c.COL_SCORE):
        text, number = as_text(name), parse_int(score)
        if text and number is not None and text not in levels:
            levels[text] = number
    return levels or dict(c.LEVEL_SCORES)


def level_score(value: Any, levels: dict[str, int]) -> int | None:
    """A maturity cell as a score: the level's name (trimmed, any case) or, as
    users sometimes type it, the level's score itself (3 for Ontwikkeling)."""
    if is_blank(value) or as_error(value) is not None or isinstance(value, bool):
        return None
    text = as_text(value).casefold()
    for name, score in levels.items():
        if " ".join(name.split()).casefold() == text:
            return score
    number = parse_int(value)
    return number if number is not None and number in levels.values() else None


def read_themes(table: SheetTable | None, levels: dict[str, int]) -> list[ThemeAssessment]:
    columns = (
        c.COL_THEME,
        c.COL_DESCRIPTION,
        c.COL_CRITICAL_QUESTIONS,
        c.COL_OWNER,
        c.COL_CURRENT,
        c.COL_AMBITION,
    )
    themes: list[ThemeAssessment] = []
    for row, (name, description, questions, owner, current, ambition) in _rows(table, *columns):
        themes.append(
            ThemeAssessment(
                name=as_text(name),
                description=as_text(description),
                critical_questions=as_text(questions),
                owner=as_text(owner),
                current_raw=current,
                ambition_raw=ambition,
                current=level_score(current, levels),
                ambition=level_score(ambition, levels),
                row=row,
                cells=_cells(table, row) if table is not None else {},
            )
        )
    return themes


def read_dependencies(table: SheetTable | None) -> list[Dependency]:
    columns = (c.COL_THEME, c.COL_REQUIRED_THEME, c.COL_MAX_LAG)
    dependencies: list[Dependency] = []
    for row, (theme, required, lag) in _rows(table, *columns):
        max_lag = parse_int(lag)
        dependencies.append(
            Dependency(
                theme=as_text(theme),
                required_theme=as_text(required),
                max_lag=max_lag if max_lag is not None and max_lag >= 0 else 1,
                row=row,
                cells=_cells(table, row) if table is not None else {},
            )
        )
    return dependencies
