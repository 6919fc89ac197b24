"""Consultant profiles: a good one shapes the template, a bad one is named key by key."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from plan_xl import contract as c
from plan_xl.errors import PlanXlError
from plan_xl.template import build_workbook, load_profile

COMMITTED_PROFILE = Path(__file__).parents[2] / "templates" / "profiel-voorbeeld.toml"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "profiel.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(PlanXlError) as info:
        load_profile(_write(tmp_path, text))
    return info.value.user_message()


def test_committed_example_profile_builds_its_client_template(tmp_path: Path) -> None:
    profile = load_profile(COMMITTED_PROFILE)
    out = build_workbook(tmp_path / "zonnedorp.xlsx", profile=profile)
    wb = load_workbook(out)
    settings = wb[c.SHEET_SETTINGS]
    assert settings["B2"].value == "Gemeente Zonnedorp"
    assert settings["B6"].value == 250
    themes = [
        row[0].value for row in wb[c.SHEET_MATURITY].iter_rows(min_row=2, max_row=10, max_col=1)
    ]
    assert "Slimme gemeente" in themes and len(themes) == 9
    assert wb[c.SHEET_MATURITY].tables[c.TBL_THEMES].ref == "A1:G10"
    assert wb[c.SHEET_PLAN].tables[c.TBL_ACTIONS].ref == "A1:R31"  # 30 empty rows
    assert wb[c.SHEET_SETTINGS].tables[c.TBL_DEPENDENCIES].ref == "D1:F5"


def test_profile_plan_period_sets_the_year_columns(tmp_path: Path) -> None:
    profile = load_profile(_write(tmp_path, "[periode]\nstartjaar = 2027\neindjaar = 2030\n"))
    wb = load_workbook(build_workbook(tmp_path / "t.xlsx", profile=profile))
    headers = [cell.value for cell in wb[c.SHEET_PROJECTS][1]]
    assert headers[8:12] == ["2027", "2028", "2029", "2030"]
    assert headers[12] == c.COL_TOTAL
    assert wb[c.SHEET_PROJECTS]["M2"].value == "=SUM(tblProjectlijnen[[#This Row],[2027]:[2030]])"


def test_custom_themes_without_dependencies_keep_only_valid_default_dependencies(
    tmp_path: Path,
) -> None:
    text = '[[themas]]\nnaam = "Processen"\n[[themas]]\nnaam = "Dienstverlening"\n'
    content = load_profile(_write(tmp_path, text)).content()
    assert [(d.theme, d.required_theme) for d in content.dependencies] == [
        ("Dienstverlening", "Processen")
    ]


def test_unknown_key_is_named(tmp_path: Path) -> None:
    message = _error(tmp_path, 'organisatie = "X"\n[drempels]\nmax_stapen = 3\n')
    assert "drempels.max_stapen" in message and "geen gekende sleutel" in message


def test_wrong_type_is_named_with_its_value(tmp_path: Path) -> None:
    message = _error(tmp_path, '[periode]\nstartjaar = "twintig"\n')
    assert "periode.startjaar" in message and "geheel getal" in message and "twintig" in message


def test_theme_without_name_is_named_by_position(tmp_path: Path) -> None:
    message = _error(tmp_path, '[[themas]]\nnaam = "A"\n[[themas]]\nomschrijving = "zonder naam"\n')
    assert "themas[2].naam" in message and "ontbreekt" in message


def test_end_year_before_start_year(tmp_path: Path) -> None:
    message = _error(tmp_path, "[periode]\nstartjaar = 2030\neindjaar = 2026\n")
    assert "periode.eindjaar" in message and "2030" in message


def test_duplicate_theme_and_unknown_dependency_theme(tmp_path: Path) -> None:
    dup = _error(tmp_path, '[[themas]]\nnaam = "A"\n[[themas]]\nnaam = "a"\n')
    assert "themas[2].naam" in dup and "herhaalt" in dup
    dep = _error(
        tmp_path,
        '[[afhankelijkheden]]\nthema = "Dienstverlening"\nvereist_thema = "Onbestaand"\n',
    )
    assert "afhankelijkheden[1].vereist_thema" in dep and "Onbestaand" in dep


def test_threshold_out_of_range_and_bad_language(tmp_path: Path) -> None:
    assert "minstens 0" in _error(tmp_path, "[drempels]\ntolerantie_eur = -5\n")
    message = _error(tmp_path, 'taal = "fr"\n')
    assert "taal" in message and "'nl'" in message


def test_broken_toml_and_missing_file_give_dutch_messages(tmp_path: Path) -> None:
    assert "geen geldig TOML-bestand" in _error(tmp_path, "organisatie = \n")
    with pytest.raises(PlanXlError) as info:
        load_profile(tmp_path / "bestaat-niet.toml")
    assert "niet gevonden" in info.value.user_message()


def test_profile_errors_in_english_on_request(tmp_path: Path) -> None:
    with pytest.raises(PlanXlError) as info:
        load_profile(_write(tmp_path, "[drempels]\nmax_stapen = 3\n"), lang="en")
    assert "is not a known key" in info.value.user_message("en")
