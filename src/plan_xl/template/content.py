"""What goes into a workbook: settings, themes, dependencies, actions, project lines.

Plain Python data, independent of openpyxl. The blank template and the
example municipality are both a :class:`WorkbookContent`; the sheet builders
only translate it into cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plan_xl import contract as c


@dataclass(frozen=True)
class SettingsContent:
    """The values of tblInstellingen (Sjabloonversie is always TEMPLATE_VERSION)."""

    organisation: str = ""
    start_year: int = c.DEFAULT_START_YEAR
    end_year: int = c.DEFAULT_END_YEAR
    tolerance_eur: float = 100
    tolerance_pct: float = 1
    max_steps: int = 2
    max_imbalance: int = 2
    language: str = "nl"

    @property
    def years(self) -> list[int]:
        return c.plan_years(self.start_year, self.end_year)

    def rows(self) -> list[tuple[str, object]]:
        """(Parameter, Waarde) rows in contract order."""
        values: dict[str, object] = {
            c.P_ORGANISATION: self.organisation,
            c.P_START_YEAR: self.start_year,
            c.P_END_YEAR: self.end_year,
            c.P_TEMPLATE_VERSION: c.TEMPLATE_VERSION,
            c.P_TOLERANCE_EUR: self.tolerance_eur,
            c.P_TOLERANCE_PCT: self.tolerance_pct,
            c.P_MAX_STEPS: self.max_steps,
            c.P_MAX_IMBALANCE: self.max_imbalance,
            c.P_LANGUAGE: self.language,
        }
        return [(name, values[name]) for name in c.SETTINGS_DEFAULTS]


@dataclass(frozen=True)
class ThemeRow:
    """One row of tblThemas; levels are level names ('' when not scored yet)."""

    name: str
    description: str = ""
    critical_questions: str = ""
    current: str = ""
    ambition: str = ""
    owner: str = ""


@dataclass(frozen=True)
class DependencyRow:
    theme: str
    required_theme: str
    max_lag: int = 1


@dataclass(frozen=True)
class ActionRow:
    """One MJP action (tblActies); ``amounts`` maps plan year -> estimate in euro."""

    code: str
    policy_objective: str
    action_plan: str
    action: str
    policy: str
    theme: str
    secondary_themes: str = ""
    stakeholders: str = ""
    contact: str = ""
    follow_up: str = ""
    amounts: dict[int, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ProjectLineRow:
    """One cost line of an internal project plan (tblProjectlijnen)."""

    project: str
    description: str
    action_code: str
    theme: str
    cost_type: str
    budget_type: str
    owner: str = ""
    status: str = ""
    amounts: dict[int, float] = field(default_factory=dict)


@dataclass(frozen=True)
class WorkbookContent:
    settings: SettingsContent
    themes: tuple[ThemeRow, ...]
    dependencies: tuple[DependencyRow, ...]
    actions: tuple[ActionRow, ...] = ()
    project_lines: tuple[ProjectLineRow, ...] = ()
    # Empty input rows the blank template offers below the data (sheets are protected).
    spare_action_rows: int = 0
    spare_project_line_rows: int = 0

    @property
    def years(self) -> list[int]:
        return self.settings.years


def default_themes() -> tuple[ThemeRow, ...]:
    return tuple(ThemeRow(t.name, t.description, t.critical_questions) for t in c.DEFAULT_THEMES)


def default_dependencies(theme_names: list[str] | None = None) -> tuple[DependencyRow, ...]:
    """The contract's default dependencies whose two themes both exist."""
    names = set(theme_names) if theme_names is not None else None
    return tuple(
        DependencyRow(d.theme, d.required_theme, d.max_lag)
        for d in c.DEFAULT_DEPENDENCIES
        if names is None or (d.theme in names and d.required_theme in names)
    )
