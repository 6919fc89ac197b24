"""The consultant profile: one TOML file per client that shapes the template.

Keys are Dutch, as consultants write them (see templates/profiel-voorbeeld.toml).
A bad profile raises :class:`PlanXlError` whose message names the key and the
problem; no pydantic or TOML traceback reaches the consultant.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from plan_xl import contract as c
from plan_xl.errors import PlanXlError
from plan_xl.i18n import t
from plan_xl.template.content import (
    DependencyRow,
    SettingsContent,
    ThemeRow,
    WorkbookContent,
    default_dependencies,
    default_themes,
)

BLANK_ACTION_ROWS = 25
BLANK_PROJECT_LINE_ROWS = 80
MAX_PLAN_YEARS = 12

_STRICT = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)


class PeriodProfile(BaseModel):
    model_config = _STRICT

    start_year: int = Field(c.DEFAULT_START_YEAR, alias="startjaar", ge=2000, le=2100)
    end_year: int = Field(c.DEFAULT_END_YEAR, alias="eindjaar", ge=2000, le=2100)


class ThresholdsProfile(BaseModel):
    model_config = _STRICT

    tolerance_eur: float = Field(100, alias="tolerantie_eur", ge=0)
    tolerance_pct: float = Field(1, alias="tolerantie_pct", ge=0, le=100)
    max_steps: int = Field(2, alias="max_stappen", ge=1, le=4)
    max_imbalance: int = Field(2, alias="max_onbalans", ge=0, le=4)


class ThemeProfile(BaseModel):
    model_config = _STRICT

    name: str = Field(alias="naam", min_length=1)
    description: str = Field("", alias="omschrijving")
    critical_questions: str = Field("", alias="kritische_vragen")
    owner: str = Field("", alias="eigenaar")


class DependencyProfile(BaseModel):
    model_config = _STRICT

    theme: str = Field(alias="thema", min_length=1)
    required_theme: str = Field(alias="vereist_thema", min_length=1)
    max_lag: int = Field(1, alias="max_achterstand", ge=0, le=4)


class LayoutProfile(BaseModel):
    model_config = _STRICT

    action_rows: int = Field(BLANK_ACTION_ROWS, alias="rijen_acties", ge=1, le=1000)
    project_line_rows: int = Field(
        BLANK_PROJECT_LINE_ROWS, alias="rijen_projectlijnen", ge=1, le=5000
    )


class Profile(BaseModel):
    """A consultant's choices for one client's template."""

    model_config = _STRICT

    organisation: str = Field("", alias="organisatie")
    language: Literal["nl", "en"] = Field("nl", alias="taal")
    period: PeriodProfile = Field(
        default_factory=lambda: PeriodProfile.model_validate({}), alias="periode"
    )
    thresholds: ThresholdsProfile = Field(
        default_factory=lambda: ThresholdsProfile.model_validate({}), alias="drempels"
    )
    themes: list[ThemeProfile] | None = Field(None, alias="themas")
    dependencies: list[DependencyProfile] | None = Field(None, alias="afhankelijkheden")
    layout: LayoutProfile = Field(
        default_factory=lambda: LayoutProfile.model_validate({}), alias="sjabloon"
    )

    def content(self, language: str | None = None) -> WorkbookContent:
        """The blank workbook this profile describes."""
        p, th = self.period, self.thresholds
        settings = SettingsContent(
            organisation=self.organisation,
            start_year=p.start_year,
            end_year=p.end_year,
            tolerance_eur=_plain_number(th.tolerance_eur),
            tolerance_pct=_plain_number(th.tolerance_pct),
            max_steps=th.max_steps,
            max_imbalance=th.max_imbalance,
            language=language or self.language,
        )
        if self.themes is None:
            themes = default_themes()
        else:
            themes = tuple(
                ThemeRow(x.name, x.description, x.critical_questions, owner=x.owner)
                for x in self.themes
            )
        if self.dependencies is None:
            deps = default_dependencies([x.name for x in themes])
        else:
            deps = tuple(
                DependencyRow(d.theme, d.required_theme, d.max_lag) for d in self.dependencies
            )
        return WorkbookContent(
            settings=settings,
            themes=themes,
            dependencies=deps,
            spare_action_rows=self.layout.action_rows,
            spare_project_line_rows=self.layout.project_line_rows,
        )


def _plain_number(value: float) -> float:
    return int(value) if float(value).is_integer() else value


def default_profile() -> Profile:
    return Profile.model_validate({})


def load_profile(path: Path | str, lang: str | None = None) -> Profile:
    """Read and validate a TOML profile; raise PlanXlError naming the bad key."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanXlError("template.profile.not_found", lang, path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanXlError(
            "template.profile.unreadable", lang, path=str(path), detail=str(exc)
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise PlanXlError(
            "template.profile.not_toml", lang, path=str(path), detail=str(exc)
        ) from None
    return profile_from_dict(raw, source=str(path), lang=lang)


def profile_from_dict(raw: dict[str, Any], *, source: str = "", lang: str | None = None) -> Profile:
    try:
        profile = Profile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise PlanXlError(
            "template.profile.invalid",
            lang,
            path=source,
            key=_key_name(first["loc"]),
            problem=_problem(first, lang),
        ) from None
    _check_consistency(profile, source, lang)
    return profile


def _key_name(loc: tuple[int | str, ...]) -> str:
    """('themas', 2, 'naam') -> 'themas[3].naam' (positions counted from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out or "-"


_PROBLEMS = {
    "missing": "template.profile.problem.missing",
    "extra_forbidden": "template.profile.problem.unknown_key",
    "int_type": "template.profile.problem.integer",
    "int_parsing": "template.profile.problem.integer",
    "int_from_float": "template.profile.problem.integer",
    "float_type": "template.profile.problem.number",
    "float_parsing": "template.profile.problem.number",
    "string_type": "template.profile.problem.text",
    "string_too_short": "template.profile.problem.empty",
    "greater_than_equal": "template.profile.problem.min",
    "less_than_equal": "template.profile.problem.max",
    "literal_error": "template.profile.problem.choice",
    "list_type": "template.profile.problem.list",
    "model_type": "template.profile.problem.table",
    "model_attributes_type": "template.profile.problem.table",
    "dict_type": "template.profile.problem.table",
}


def _problem(error: Any, lang: str | None) -> str:
    key = _PROBLEMS.get(error["type"], "template.profile.problem.other")
    ctx = error.get("ctx") or {}
    return t(
        key,
        lang,
        ge=ctx.get("ge", ""),
        le=ctx.get("le", ""),
        expected=ctx.get("expected", ""),
        value=repr(error.get("input")),
    )


def _check_consistency(profile: Profile, source: str, lang: str | None) -> None:
    def fail(key: str, problem_key: str, **params: Any) -> None:
        problem = t(problem_key, lang, **params)
        raise PlanXlError("template.profile.invalid", lang, path=source, key=key, problem=problem)

    period = profile.period
    if period.end_year < period.start_year:
        fail(
            "periode.eindjaar", "template.profile.problem.end_before_start", start=period.start_year
        )
    if period.end_year - period.start_year + 1 > MAX_PLAN_YEARS:
        fail("periode.eindjaar", "template.profile.problem.period_too_long", max=MAX_PLAN_YEARS)
    names: list[str] = []
    if profile.themes is not None:
        if not profile.themes:
            fail("themas", "template.profile.problem.no_themes")
        seen: set[str] = set()
        for i, theme in enumerate(profile.themes, start=1):
            norm = c.normalise_header(theme.name)
            if norm in seen:
                fail(
                    f"themas[{i}].naam", "template.profile.problem.duplicate_theme", name=theme.name
                )
            seen.add(norm)
        names = [x.name for x in profile.themes]
    else:
        names = [x.name for x in c.DEFAULT_THEMES]
    for i, dep in enumerate(profile.dependencies or [], start=1):
        for field_name, value in (("thema", dep.theme), ("vereist_thema", dep.required_theme)):
            if value not in names:
                fail(
                    f"afhankelijkheden[{i}].{field_name}",
                    "template.profile.problem.unknown_theme",
                    name=value,
                )
        if dep.theme == dep.required_theme:
            fail(f"afhankelijkheden[{i}].vereist_thema", "template.profile.problem.self_dependency")
