"""The workbook contract (DOMAIN.md section 3, template version 1).

The single place that names sheets, tables, columns, parameters and allowed
values. Template builder, readers, writers, the add-in and the docs all take
them from here, so a header rename is a one-line change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

TEMPLATE_VERSION = 1
DEFAULT_START_YEAR = 2026
DEFAULT_END_YEAR = 2031

# Sheets ---------------------------------------------------------------------

SHEET_INSTRUCTIONS = "Instructies"
SHEET_SETTINGS = "Instellingen"
SHEET_MATURITY = "Maturiteit"
SHEET_PLAN = "Meerjarenplan"
SHEET_PROJECTS = "Projectplannen"
SHEET_BUDGET = "Budgetoverzicht"
SHEET_CHECKS = "Controles"

SHEET_ORDER = (
    SHEET_INSTRUCTIONS,
    SHEET_SETTINGS,
    SHEET_MATURITY,
    SHEET_PLAN,
    SHEET_PROJECTS,
    SHEET_BUDGET,
    SHEET_CHECKS,
)

# Tables ---------------------------------------------------------------------

TBL_SETTINGS = "tblInstellingen"
TBL_DEPENDENCIES = "tblAfhankelijkheden"
TBL_LEVELS = "tblNiveaus"
TBL_THEMES = "tblThemas"
TBL_ACTIONS = "tblActies"
TBL_PROJECT_LINES = "tblProjectlijnen"
TBL_CHECKS = "tblControles"

# Columns --------------------------------------------------------------------
# Fixed columns per table, in contract order. Year columns (Startjaar..Eindjaar)
# are inserted where YEARS_MARKER stands.

COL_PARAMETER = "Parameter"
COL_VALUE = "Waarde"

COL_THEME = "Thema"
COL_REQUIRED_THEME = "Vereist thema"
COL_MAX_LAG = "Max. achterstand"

COL_LEVEL = "Niveau"
COL_SCORE = "Score"
COL_DESCRIPTION = "Omschrijving"

COL_CRITICAL_QUESTIONS = "Kritische vragen"
COL_CURRENT = "Huidige maturiteit"
COL_AMBITION = "Ambitie"
COL_OWNER = "Eigenaar"
COL_WARNINGS = "Waarschuwingen"

COL_CODE = "Code"
COL_POLICY_OBJECTIVE = "Beleidsdoelstelling"
COL_ACTION_PLAN = "Actieplan"
COL_ACTION = "Actie"
COL_POLICY = "Beleid"
COL_SECONDARY_THEMES = "Neventhema's"
COL_STAKEHOLDERS = "Stakeholders"
COL_CONTACT = "Aanspreekpunt"
COL_FOLLOW_UP = "Opvolging"
COL_TOTAL = "Totaal"

COL_PROJECT = "Project"
COL_ACTION_CODE = "Actiecode"
COL_COST_TYPE = "Kostensoort"
COL_BUDGET_TYPE = "Budgettype"
COL_STATUS = "Status"

COL_SEVERITY = "Ernst"
COL_SHEET = "Blad"
COL_CELL = "Cel"
COL_SUBJECT = "Onderwerp"
COL_MESSAGE = "Melding"

YEARS_MARKER = "<jaren>"


@dataclass(frozen=True)
class TableSpec:
    """One Excel table (ListObject) of the contract."""

    name: str
    sheet: str
    columns: tuple[str, ...]
    # Columns plan-xl writes; everything else belongs to the user.
    owned: tuple[str, ...] = ()
    # Columns a row needs before it counts as a data row (blank rows are skipped).
    key_columns: tuple[str, ...] = field(default=())

    def headers(self, years: list[int] | range) -> list[str]:
        """Column headers in contract order, year columns expanded."""
        out: list[str] = []
        for col in self.columns:
            if col == YEARS_MARKER:
                out.extend(str(y) for y in years)
            else:
                out.append(col)
        return out

    @property
    def has_years(self) -> bool:
        return YEARS_MARKER in self.columns

    @property
    def fixed_columns(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c != YEARS_MARKER)


SETTINGS_TABLE = TableSpec(TBL_SETTINGS, SHEET_SETTINGS, (COL_PARAMETER, COL_VALUE))
DEPENDENCIES_TABLE = TableSpec(
    TBL_DEPENDENCIES, SHEET_SETTINGS, (COL_THEME, COL_REQUIRED_THEME, COL_MAX_LAG)
)
LEVELS_TABLE = TableSpec(TBL_LEVELS, SHEET_SETTINGS, (COL_LEVEL, COL_SCORE, COL_DESCRIPTION))
THEMES_TABLE = TableSpec(
    TBL_THEMES,
    SHEET_MATURITY,
    (
        COL_THEME,
        COL_DESCRIPTION,
        COL_CRITICAL_QUESTIONS,
        COL_CURRENT,
        COL_AMBITION,
        COL_OWNER,
        COL_WARNINGS,
    ),
    owned=(COL_WARNINGS,),
)
ACTIONS_TABLE = TableSpec(
    TBL_ACTIONS,
    SHEET_PLAN,
    (
        COL_CODE,
        COL_POLICY_OBJECTIVE,
        COL_ACTION_PLAN,
        COL_ACTION,
        COL_POLICY,
        COL_THEME,
        COL_SECONDARY_THEMES,
        COL_STAKEHOLDERS,
        COL_CONTACT,
        COL_FOLLOW_UP,
        YEARS_MARKER,
        COL_TOTAL,
        COL_WARNINGS,
    ),
    owned=(COL_TOTAL, COL_WARNINGS),
)
PROJECT_LINES_TABLE = TableSpec(
    TBL_PROJECT_LINES,
    SHEET_PROJECTS,
    (
        COL_PROJECT,
        COL_DESCRIPTION,
        COL_ACTION_CODE,
        COL_THEME,
        COL_COST_TYPE,
        COL_BUDGET_TYPE,
        COL_OWNER,
        COL_STATUS,
        YEARS_MARKER,
        COL_TOTAL,
        COL_WARNINGS,
    ),
    owned=(COL_TOTAL, COL_WARNINGS),
)
CHECKS_TABLE = TableSpec(
    TBL_CHECKS,
    SHEET_CHECKS,
    (COL_SEVERITY, COL_CODE, COL_SHEET, COL_CELL, COL_SUBJECT, COL_MESSAGE),
    owned=(COL_SEVERITY, COL_CODE, COL_SHEET, COL_CELL, COL_SUBJECT, COL_MESSAGE),
)

TABLES: tuple[TableSpec, ...] = (
    SETTINGS_TABLE,
    DEPENDENCIES_TABLE,
    LEVELS_TABLE,
    THEMES_TABLE,
    ACTIONS_TABLE,
    PROJECT_LINES_TABLE,
    CHECKS_TABLE,
)
TABLES_BY_NAME = {t.name: t for t in TABLES}

# Tables the reader needs before any check can run (tblControles is output only).
INPUT_TABLES = (
    SETTINGS_TABLE,
    DEPENDENCIES_TABLE,
    LEVELS_TABLE,
    THEMES_TABLE,
    ACTIONS_TABLE,
    PROJECT_LINES_TABLE,
)

# Sheets and tables plan-xl owns and rewrites on every run.
OWNED_SHEETS = (SHEET_CHECKS, SHEET_BUDGET)

# Settings (tblInstellingen) -------------------------------------------------

P_ORGANISATION = "Organisatie"
P_START_YEAR = "Startjaar"
P_END_YEAR = "Eindjaar"
P_TEMPLATE_VERSION = "Sjabloonversie"
P_TOLERANCE_EUR = "Tolerantie EUR"
P_TOLERANCE_PCT = "Tolerantie %"
P_MAX_STEPS = "Max. stappen per plan"
P_MAX_IMBALANCE = "Max. onbalans"
P_LANGUAGE = "Taal"

SETTINGS_DEFAULTS: dict[str, object] = {
    P_ORGANISATION: "",
    P_START_YEAR: DEFAULT_START_YEAR,
    P_END_YEAR: DEFAULT_END_YEAR,
    P_TEMPLATE_VERSION: TEMPLATE_VERSION,
    P_TOLERANCE_EUR: 100,
    P_TOLERANCE_PCT: 1,
    P_MAX_STEPS: 2,
    P_MAX_IMBALANCE: 2,
    P_LANGUAGE: "nl",
}

# Allowed values ---------------------------------------------------------------


class MaturityLevel(StrEnum):
    INITIATIE = "Initiatie"
    BASIS = "Basis"
    ONTWIKKELING = "Ontwikkeling"
    INTEGRATIE = "Integratie"
    TRANSFORMATIE = "Transformatie"

    @property
    def score(self) -> int:
        return LEVEL_SCORES[self.value]


LEVEL_SCORES: dict[str, int] = {
    "Initiatie": 1,
    "Basis": 2,
    "Ontwikkeling": 3,
    "Integratie": 4,
    "Transformatie": 5,
}
LEVELS: tuple[str, ...] = tuple(LEVEL_SCORES)

LEVEL_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "nl": {
        "Initiatie": "Ad hoc: initiatieven hangen af van individuen, weinig afspraken.",
        "Basis": "De basis is gelegd: eerste afspraken, tools en verantwoordelijken.",
        "Ontwikkeling": "Gestructureerd: werkwijzen zijn beschreven en worden gevolgd.",
        "Integratie": "Geïntegreerd: thema's sluiten op elkaar aan, er wordt gemeten en "
        "bijgestuurd.",
        "Transformatie": "Vernieuwend: de organisatie verbetert continu en innoveert.",
    },
    "en": {
        "Initiatie": "Ad hoc: initiatives depend on individuals, few agreements.",
        "Basis": "The basics are in place: first agreements, tools and owners.",
        "Ontwikkeling": "Structured: ways of working are described and followed.",
        "Integratie": "Integrated: themes fit together, progress is measured and steered.",
        "Transformatie": "Transforming: the organisation improves and innovates continuously.",
    },
}

POLICY_VALUES = ("Prioritair", "Overig")
COST_TYPE_ONE_TIME = "Eenmalig"
COST_TYPE_RECURRING = "Recurrent"
COST_TYPE_VALUES = (COST_TYPE_ONE_TIME, COST_TYPE_RECURRING)
BUDGET_TYPE_INVESTMENT = "Investering"
BUDGET_TYPE_OPERATING = "Exploitatie"
BUDGET_TYPE_VALUES = (BUDGET_TYPE_INVESTMENT, BUDGET_TYPE_OPERATING)
STAKEHOLDER_VALUES = ("Klant", "Bestuurder", "Financieel", "Medewerker")
STATUS_VALUES = ("Gepland", "Lopend", "Afgerond", "Geannuleerd")
STATUS_CLOSED = ("Afgerond", "Geannuleerd")
LANGUAGE_VALUES = ("nl", "en")
LIST_SEPARATOR = ";"

SEVERITY_LABELS: dict[str, dict[str, str]] = {
    "nl": {"error": "Fout", "warning": "Waarschuwing", "info": "Info"},
    "en": {"error": "Error", "warning": "Warning", "info": "Info"},
}

# Defined names used by data validation (Thema dropdowns follow tblThemas).
NAME_THEME_LIST = "lstThemas"
NAME_LEVEL_LIST = "lstNiveaus"
# Action codes of tblActies, offered (not enforced) in the Actiecode dropdown.
NAME_ACTION_CODE_LIST = "lstActiecodes"

# Default themes (DOMAIN.md section 1) ------------------------------------------


@dataclass(frozen=True)
class DefaultTheme:
    name: str
    description: str
    critical_questions: str


DEFAULT_THEMES: tuple[DefaultTheme, ...] = (
    DefaultTheme(
        "Dienstverlening",
        "Digitale, toegankelijke dienstverlening aan burgers, verenigingen en ondernemers.",
        "Kan de klant zijn vraag digitaal stellen en opvolgen? Is het loket toegankelijk "
        "voor wie minder digitaal vaardig is?",
    ),
    DefaultTheme(
        "Processen",
        "Processen vereenvoudigen en digitaliseren, procesbeheer.",
        "Zijn de belangrijkste processen beschreven en vereenvoudigd voor ze gedigitaliseerd "
        "worden? Wie is proceseigenaar?",
    ),
    DefaultTheme(
        "Organisatie & governance",
        "Projectmatig werken, rollen en verantwoordelijkheden, ICT-sturing.",
        "Werken we projectmatig met een vaste aanpak? Wie beslist over ICT-prioriteiten?",
    ),
    DefaultTheme(
        "Medewerkers & digitale vaardigheden",
        "Vaardigheden, verandermanagement, digitale voortrekkers.",
        "Hebben medewerkers de vaardigheden voor de nieuwe tools? Zijn er digitale "
        "voortrekkers per dienst?",
    ),
    DefaultTheme(
        "Data & informatie",
        "Databeheer, rapportering, open data en het gebruik van AI.",
        "Weten we welke data we hebben en wie ze beheert? Sturen we op basis van cijfers?",
    ),
    DefaultTheme(
        "Toepassingen",
        "Bedrijfstoepassingen, licenties en integraties.",
        "Sluiten de toepassingen op elkaar aan? Kennen we alle terugkerende licentiekosten?",
    ),
    DefaultTheme(
        "Infrastructuur & werkplek",
        "Netwerk, cloud, toestellen en de continuïteit van de IT-dienstverlening.",
        "Is de werkplek veilig en overal bruikbaar? Wat gebeurt er bij een storing?",
    ),
    DefaultTheme(
        "Informatieveiligheid & privacy",
        "Beveiliging, GDPR en paraatheid bij incidenten.",
        "Zijn we voorbereid op een hacking of datalek? Is de verwerking van persoonsgegevens "
        "in orde?",
    ),
)


@dataclass(frozen=True)
class DefaultDependency:
    theme: str
    required_theme: str
    max_lag: int = 1


DEFAULT_DEPENDENCIES: tuple[DefaultDependency, ...] = (
    DefaultDependency("Dienstverlening", "Processen"),
    DefaultDependency("Toepassingen", "Organisatie & governance"),
    DefaultDependency("Data & informatie", "Informatieveiligheid & privacy"),
)


def plan_years(start_year: int, end_year: int) -> list[int]:
    """The plan years, Startjaar..Eindjaar inclusive."""
    return list(range(start_year, end_year + 1))


def normalise_header(text: object) -> str:
    """Header text as compared by readers: case-, space- and quote-insensitive."""
    s = "" if text is None else str(text)
    s = s.replace("\u2019", "'").replace("\u00a0", " ")
    return " ".join(s.split()).casefold()
