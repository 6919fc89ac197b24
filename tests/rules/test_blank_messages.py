"""A blank cell reads "... is niet ingevuld", never as a quoted '(leeg)' value."""

from __future__ import annotations

from plan_xl import contract as c
from plan_xl.core.engine import check_plan
from plan_xl.rules.registry import all_rules
from tests.rules.factory import PlanCase

# Columns left filled so rows stay rows (a row without them is a different problem).
KEEP = {c.COL_CODE, c.COL_ACTION, c.COL_PROJECT}


def _everything_blank() -> PlanCase:
    case = PlanCase()
    for alias in ("themes", "actions", "lines"):
        table = case.table(alias)
        for row in table.rows:
            for j, header in enumerate(table.header):
                keep = KEEP | ({c.COL_THEME} if alias == "themes" else set())
                if str(header) not in keep:
                    row[j] = None
    for parameter in c.SETTINGS_DEFAULTS:
        if parameter != c.P_END_YEAR:
            case.set_setting(parameter, None)
    return case


def test_no_message_quotes_a_blank_cell_as_leeg() -> None:
    findings = check_plan(_everything_blank().plan())
    fired = {f.code for f in findings}
    # The blank plan really exercises the rules that used to quote '(leeg)'.
    assert {"MAT001", "MAT002", "ACT010", "PRJ005", "PRJ011", "WB003", "WB005", "WB007"} <= fired
    for f in findings:
        for lang in ("nl", "en"):
            text = f.message(lang)
            assert "(leeg)" not in text and "''" not in text, (f.code, text)


def test_blank_current_maturity_asks_to_choose_a_level() -> None:
    findings = [f for f in check_plan(_everything_blank().plan()) if f.code == "MAT001"]
    assert findings
    assert findings[0].message("nl") == (
        "Huidige maturiteit is niet ingevuld: kies Initiatie, Basis, Ontwikkeling, "
        "Integratie of Transformatie."
    )
    assert findings[0].message("en") == (
        "Current maturity is not filled in: choose Initiatie, Basis, Ontwikkeling, "
        "Integratie or Transformatie."
    )


def test_every_message_variant_exists_in_dutch_and_english() -> None:
    for rule in all_rules():
        for name, templates in rule.variants.items():
            assert set(templates) == {"nl", "en"}, (rule.code, name)
            assert all(templates.values()), (rule.code, name)
