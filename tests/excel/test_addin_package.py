"""The built .xlam, read back by readers that are not our writer.

olevba (oletools) and pyOpenVBA read the VBA project; python-calamine reads
the settings sheet; the OOXML package structure is checked part by part with
zipfile + lxml. LibreOffice does not import .xlam add-ins, so it cannot serve.
"""

from __future__ import annotations

import posixpath
import re
import warnings
import zipfile
from pathlib import Path, PurePosixPath

import pytest
import xlwings
from lxml import etree
from pyopenvba import ExcelFile, check_file
from python_calamine import CalamineWorkbook

from plan_xl.cli import main
from plan_xl.errors import PlanXlError
from plan_xl.excel.addin import build_addin, xlwings_settings

with warnings.catch_warnings():  # oletools still uses pyparsing's old names
    warnings.simplefilter("ignore", DeprecationWarning)
    from oletools.olevba import VBA_Parser

REPO = Path(__file__).resolve().parents[2]
MACROS = REPO / "macros"
XLWINGS_DIR = Path(xlwings.__file__).resolve().parent
WINDOWS_PYTHON = r"C:\Users\financien\plan-xl\.venv\Scripts\pythonw.exe"

CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CUSTOMUI_14 = "http://schemas.microsoft.com/office/2009/07/customui"
UI_RELATIONSHIP = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"


@pytest.fixture(scope="module")
def addin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("addin") / "plan-xl.xlam"
    return build_addin(out, interpreter=WINDOWS_PYTHON)


def lines(text: str) -> list[str]:
    """Module text as lines, whatever the line ends, without trailing blank lines."""
    result = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while result and not result[-1].strip():
        result.pop()
    return result


def exported_class_lines(text: str) -> list[str]:
    """A .cls file as the VBE keeps it: without the VERSION/BEGIN..END preamble."""
    found = lines(text)
    first_attribute = next(i for i, line in enumerate(found) if line.startswith("Attribute "))
    return found[first_attribute:]


def stored_class_lines(text: str) -> list[str]:
    """A stored class module without the VB_Base line the VBE adds on import."""
    return [line for line in lines(text) if not line.startswith("Attribute VB_Base")]


def olevba_modules(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {PurePosixPath(stream).name: code for _, stream, _, code in parser.extract_macros()}
    finally:
        parser.close()


def package_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        return {name: package.read(name) for name in package.namelist()}


# VBA sources ------------------------------------------------------------------------


def test_our_macro_modules_are_embedded_exactly_as_in_macros_folder(addin: Path) -> None:
    stored = olevba_modules(addin)
    bas_files = sorted(MACROS.glob("*.bas"))
    assert bas_files, "macros/ holds the add-in's VBA modules"
    for bas in bas_files:
        name = re.search(r'Attribute VB_Name = "([^"]+)"', bas.read_text(encoding="utf-8"))
        assert name, f"{bas.name} names its module"
        assert lines(stored[name.group(1)]) == lines(bas.read_text(encoding="utf-8"))


def test_pyopenvba_reads_the_same_module_sources_as_olevba(addin: Path) -> None:
    stored = olevba_modules(addin)
    with ExcelFile(addin) as book:
        assert set(book.module_names()) == set(stored)
        for name, source in book.vba_modules().items():
            assert lines(source) == lines(stored[name])


def test_xlwings_custom_addin_module_comes_from_installed_xlwings(addin: Path) -> None:
    stored = lines(olevba_modules(addin)["xlwings"])
    original = lines((XLWINGS_DIR / "xlwings_custom_addin.bas").read_text(encoding="utf-8"))
    assert len(stored) == len(original)
    differing = [(a, b) for a, b in zip(original, stored, strict=True) if a != b]
    # Only the project name differs, so xlwings reads its settings from "xlwings.conf".
    assert differing == [
        (
            'Public Const PROJECT_NAME As String = "myaddin"',
            'Public Const PROJECT_NAME As String = "xlwings"',
        )
    ]
    assert f'XLWINGS_VERSION As String = "{xlwings.__version__}"' in "\n".join(stored)


def test_custom_addin_runpython_hands_python_the_active_workbook(addin: Path) -> None:
    xlwings_module = olevba_modules(addin)["xlwings"]
    # Book.caller() is the workbook named by --wb (Windows) / the AppleScript call (macOS).
    assert '" --wb=" & """" & ActiveWorkbook.Name' in xlwings_module
    assert 'ParameterString + "|" + ActiveWorkbook.Name' in xlwings_module
    assert 'ThisWorkbook.Name & """ --from_xl' not in xlwings_module


def test_dictionary_class_for_macos_is_embedded(addin: Path) -> None:
    stored = olevba_modules(addin)["Dictionary"]
    original = (XLWINGS_DIR / "addin" / "Dictionary.cls").read_text(encoding="utf-8")
    assert stored_class_lines(stored) == exported_class_lines(original)


# Package soundness -------------------------------------------------------------------


def test_every_relationship_target_exists(addin: Path) -> None:
    parts = package_parts(addin)
    rels = [name for name in parts if name.endswith(".rels")]
    assert "_rels/.rels" in rels and "xl/_rels/workbook.xml.rels" in rels
    for rels_name in rels:
        source_dir = posixpath.dirname(posixpath.dirname(rels_name))
        for rel in etree.fromstring(parts[rels_name]).iter(f"{REL_NS}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(source_dir, rel.get("Target", "")))
            assert target.lstrip("/") in parts, f"{rels_name} -> {target}"


def test_every_part_has_a_content_type(addin: Path) -> None:
    parts = package_parts(addin)
    types = etree.fromstring(parts["[Content_Types].xml"])
    defaults = {d.get("Extension").lower() for d in types.iter(f"{CT_NS}Default")}
    overrides = {o.get("PartName") for o in types.iter(f"{CT_NS}Override")}
    for name in parts:
        if name == "[Content_Types].xml":
            continue
        extension = name.rsplit(".", 1)[-1].lower()
        assert f"/{name}" in overrides or extension in defaults, name
    for part_name in overrides:
        assert part_name.lstrip("/") in parts, f"override for a missing part {part_name}"


def test_package_is_a_macro_enabled_addin(addin: Path) -> None:
    parts = package_parts(addin)
    types = etree.fromstring(parts["[Content_Types].xml"])
    content = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{CT_NS}Override")}
    assert content["/xl/workbook.xml"] == "application/vnd.ms-excel.addin.macroEnabled.main+xml"
    assert "xl/vbaProject.bin" in parts


def test_ribbon_part_is_well_formed_customui_related_from_package_root(addin: Path) -> None:
    parts = package_parts(addin)
    root_rels = etree.fromstring(parts["_rels/.rels"])
    ui = [r for r in root_rels.iter(f"{REL_NS}Relationship") if r.get("Type") == UI_RELATIONSHIP]
    assert len(ui) == 1
    ribbon = etree.fromstring(parts[ui[0].get("Target")])
    assert etree.QName(ribbon).namespace == CUSTOMUI_14
    assert parts[ui[0].get("Target")] == (MACROS / "customUI14.xml").read_bytes()
    tab = ribbon.find(f".//{{{CUSTOMUI_14}}}tab")
    assert tab is not None and tab.get("label") == "Plan-XL"
    labels = [b.get("label") for b in ribbon.iter(f"{{{CUSTOMUI_14}}}button")]
    assert labels == ["Valideer", "Budgetoverzicht", "Wis waarschuwingen", "Over"]


def test_every_xml_part_is_well_formed(addin: Path) -> None:
    for name, data in package_parts(addin).items():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(data)


def test_pyopenvba_integrity_check_passes(addin: Path) -> None:
    report = check_file(addin)
    assert report.ok, report.issues
    assert report.complete
    with ExcelFile(addin) as book:
        assert book.validate() == []


# xlwings settings ----------------------------------------------------------------------


def test_settings_sheet_holds_the_interpreter_given(addin: Path) -> None:
    book = CalamineWorkbook.from_path(str(addin))
    assert book.sheet_names == ["xlwings.conf"]
    rows = {row[0]: row[1] for row in book.get_sheet_by_name("xlwings.conf").to_python()}
    assert rows == {"Interpreter_Win": WINDOWS_PYTHON, "ADD_WORKBOOK_TO_PYTHONPATH": "false"}


def test_macos_interpreter_and_conda_land_under_their_xlwings_keys() -> None:
    settings = xlwings_settings(
        "/Users/fin/plan-xl/.venv/bin/python", conda_path="/opt/conda", conda_env="planxl"
    )
    assert settings == {
        "Interpreter_Mac": "/Users/fin/plan-xl/.venv/bin/python",
        "Conda Path": "/opt/conda",
        "Conda Env": "planxl",
        "ADD_WORKBOOK_TO_PYTHONPATH": "false",
    }


def test_windows_environment_variable_path_counts_as_windows() -> None:
    assert "Interpreter_Win" in xlwings_settings(r"%LOCALAPPDATA%\plan-xl\python.exe")


def test_empty_interpreter_leaves_the_users_xlwings_settings_in_charge() -> None:
    assert "Interpreter_Win" not in xlwings_settings("")
    assert "Interpreter_Mac" not in xlwings_settings("")


# Command line ------------------------------------------------------------------------


def test_cli_writes_the_addin_with_the_interpreter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sub" / "mijn-addin.xlam"
    with pytest.raises(SystemExit) as exit_info:
        main(["addin", str(out), "--interpreter", "/opt/planxl/bin/python"])
    assert exit_info.value.code == 0
    assert "Add-in geschreven" in capsys.readouterr().out
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("xlwings.conf").to_python()
    assert ["Interpreter_Mac", "/opt/planxl/bin/python"] in rows
    assert [p.name for p in out.parent.iterdir()] == ["mijn-addin.xlam"]  # no temp files left


def test_broken_ribbon_is_refused_with_a_dutch_message(tmp_path: Path) -> None:
    macros = tmp_path / "macros"
    macros.mkdir()
    (macros / "PlanXl.bas").write_bytes((MACROS / "PlanXl.bas").read_bytes())
    (macros / "customUI14.xml").write_text("<customUI><ribbon>", encoding="utf-8")
    with pytest.raises(PlanXlError) as error:
        build_addin(tmp_path / "x.xlam", macros_dir=macros)
    assert "geen geldige customUI-XML" in error.value.user_message()
    assert not (tmp_path / "x.xlam").exists()


def test_failed_build_keeps_an_existing_addin_untouched(tmp_path: Path) -> None:
    out = tmp_path / "plan-xl.xlam"
    out.write_bytes(b"previous add-in")
    with pytest.raises(PlanXlError):
        build_addin(out, macros_dir=tmp_path / "missing")
    assert out.read_bytes() == b"previous add-in"


def test_dutch_accents_in_a_macro_survive_the_round_trip(tmp_path: Path) -> None:
    macros = tmp_path / "macros"
    macros.mkdir()
    for name in ("PlanXl.bas", "customUI14.xml"):
        (macros / name).write_bytes((MACROS / name).read_bytes())
    text = 'Attribute VB_Name = "Tekst"\r\nPublic Const UITLEG = "geïnstalleerd: € 12,50"\r\n'
    (macros / "Tekst.bas").write_text(text, encoding="utf-8", newline="")
    built = build_addin(tmp_path / "x.xlam", macros_dir=macros)
    assert lines(olevba_modules(built)["Tekst"]) == lines(text)


def test_macro_text_vba_cannot_store_is_refused(tmp_path: Path) -> None:
    macros = tmp_path / "macros"
    macros.mkdir()
    (macros / "customUI14.xml").write_bytes((MACROS / "customUI14.xml").read_bytes())
    (macros / "Pijl.bas").write_text('Attribute VB_Name = "Pijl"\n\' a → b\n', encoding="utf-8")
    with pytest.raises(PlanXlError) as error:
        build_addin(tmp_path / "x.xlam", macros_dir=macros)
    assert "Windows-1252" in error.value.user_message()
