"""Build the Plan-XL Excel add-in (``.xlam``) without Excel.

The add-in is a macro-enabled add-in package holding:

- our VBA modules (``macros/*.bas``): ribbon callbacks and macros that call
  :mod:`plan_xl.excel.entry` through xlwings ``RunPython``;
- xlwings' custom add-in VBA module, taken from the installed xlwings package
  (its ``RunPython`` treats the *active* workbook as ``Book.caller()``), and
  the ``Dictionary`` class it needs on macOS;
- the ribbon (``customUI/customUI14.xml``), related from the package root;
- a worksheet ``xlwings.conf`` with the xlwings settings (interpreter path).

pyOpenVBA writes the VBA project into a blank add-in that Excel itself
authored; this module only edits the package parts around it.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

import plan_xl
from plan_xl.contract import TEMPLATE_VERSION
from plan_xl.errors import PlanXlError

DEFAULT_ADDIN_NAME = "plan-xl.xlam"
RIBBON_FILE = "customUI14.xml"
RIBBON_PART = "customUI/customUI14.xml"
RIBBON_NAMESPACES = (
    "http://schemas.microsoft.com/office/2009/07/customui",
    "http://schemas.microsoft.com/office/2006/01/customui",
)
RIBBON_RELATIONSHIP = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
ADDIN_CONTENT_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"

# The VBA project stores module text in the Windows code page of Western Europe.
VBA_CODE_PAGE = "cp1252"

# xlwings reads its settings from a sheet named "<PROJECT_NAME>.conf"; keeping
# the project name "xlwings" gives the conventional sheet name "xlwings.conf".
XLWINGS_PROJECT_NAME = "xlwings"
CONFIG_SHEET = f"{XLWINGS_PROJECT_NAME}.conf"
XLWINGS_ADDIN_MODULE = "xlwings_custom_addin.bas"
XLWINGS_DICTIONARY_CLASS = "addin/Dictionary.cls"

_PKG_RELS = "_rels/.rels"
_CONTENT_TYPES = "[Content_Types].xml"
_WORKBOOK = "xl/workbook.xml"
_CONFIG_SHEET_PART = "xl/worksheets/sheet1.xml"
_CORE_PROPS = "docProps/core.xml"
_APP_PROPS = "docProps/app.xml"

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_NS_EXT = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

_VB_NAME = re.compile(r'^Attribute\s+VB_Name\s*=\s*"([^"]+)"', re.IGNORECASE | re.MULTILINE)
_PROJECT_NAME_LINE = re.compile(
    r'^(Public Const PROJECT_NAME As String = )"[^"]*"', re.IGNORECASE | re.MULTILINE
)
_XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_WINDOWS_PATH = re.compile(r"^(?:[A-Za-z]:|%|\\\\)|\\")


@dataclass(frozen=True)
class VbaModuleSource:
    """One VBA module to embed: its name, source (CRLF) and kind."""

    name: str
    source: str
    is_class: bool = False


# Sources ---------------------------------------------------------------------


def default_macros_dir() -> Path:
    """``macros/`` of a source checkout, or the copy shipped inside the package."""
    package_dir = Path(plan_xl.__file__).resolve().parent
    for candidate in (package_dir.parents[1] / "macros", package_dir / "excel" / "macros"):
        if (candidate / RIBBON_FILE).is_file():
            return candidate
    raise PlanXlError("addin.macros_missing", None, path=str(package_dir.parents[1] / "macros"))


def to_crlf(text: str) -> str:
    """VBA stores module text with CRLF line ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def module_name(source: str, fallback: str) -> str:
    match = _VB_NAME.search(source)
    return match.group(1) if match else fallback


def load_macro_modules(macros_dir: Path) -> list[VbaModuleSource]:
    """Our modules from ``macros/*.bas`` (and ``*.cls``), sorted by file name."""
    modules: list[VbaModuleSource] = []
    for path in sorted([*macros_dir.glob("*.bas"), *macros_dir.glob("*.cls")]):
        source = to_crlf(path.read_text(encoding="utf-8"))
        try:
            source.encode(VBA_CODE_PAGE)
        except UnicodeEncodeError as exc:
            raise PlanXlError("addin.macro_encoding", None, path=str(path)) from exc
        modules.append(
            VbaModuleSource(module_name(source, path.stem), source, path.suffix == ".cls")
        )
    if not modules:
        raise PlanXlError("addin.macros_missing", None, path=str(macros_dir))
    return modules


def xlwings_package_dir() -> Path:
    import xlwings

    return Path(xlwings.__file__).resolve().parent


def load_xlwings_modules(xlwings_dir: Path | None = None) -> list[VbaModuleSource]:
    """xlwings' custom add-in module (project name set) and its Dictionary class."""
    base = xlwings_dir or xlwings_package_dir()
    module_path = base / XLWINGS_ADDIN_MODULE
    class_path = base / XLWINGS_DICTIONARY_CLASS
    for path in (module_path, class_path):
        if not path.is_file():
            raise PlanXlError("addin.xlwings_vba_missing", None, path=str(path))
    module = to_crlf(module_path.read_text(encoding="utf-8"))
    module, count = _PROJECT_NAME_LINE.subn(rf'\1"{XLWINGS_PROJECT_NAME}"', module, count=1)
    if count != 1:
        raise PlanXlError("addin.xlwings_vba_missing", None, path=str(module_path))
    dictionary = to_crlf(class_path.read_text(encoding="utf-8"))
    return [
        VbaModuleSource(module_name(module, "xlwings"), module),
        VbaModuleSource(module_name(dictionary, "Dictionary"), dictionary, is_class=True),
    ]


def load_ribbon(macros_dir: Path) -> bytes:
    """The ribbon XML, checked to be well-formed customUI."""
    path = macros_dir / RIBBON_FILE
    try:
        data = path.read_bytes()
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
    except (OSError, etree.XMLSyntaxError) as exc:
        raise PlanXlError("addin.ribbon_invalid", None, path=str(path), reason=str(exc)) from exc
    if etree.QName(root).namespace not in RIBBON_NAMESPACES:
        raise PlanXlError("addin.ribbon_invalid", None, path=str(path), reason=root.tag)
    return data


# xlwings settings -------------------------------------------------------------


def is_windows_path(path: str) -> bool:
    return bool(_WINDOWS_PATH.search(path))


def xlwings_settings(
    interpreter: str | None = None,
    *,
    conda_path: str | None = None,
    conda_env: str | None = None,
) -> dict[str, str]:
    """The ``xlwings.conf`` rows: key -> value, only for values we know.

    An empty key would hide the user's own xlwings settings, so unknown
    values are left out. The interpreter goes under the key of the platform
    its path belongs to.
    """
    interpreter = interpreter if interpreter is not None else sys.executable
    settings: dict[str, str] = {}
    if interpreter:
        key = "Interpreter_Win" if is_windows_path(interpreter) else "Interpreter_Mac"
        settings[key] = interpreter
    if conda_path:
        settings["Conda Path"] = conda_path
    if conda_env:
        settings["Conda Env"] = conda_env
    # plan_xl comes from the environment; the plan's folder must not shadow it.
    settings["ADD_WORKBOOK_TO_PYTHONPATH"] = "false"
    return settings


# Package parts ------------------------------------------------------------------


def _xml(root: etree._Element) -> bytes:
    # Office writes a double-quoted declaration; lxml would use single quotes.
    return _XML_DECLARATION + bytes(etree.tostring(root, encoding="UTF-8"))


def _parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))


def config_sheet_xml(settings: Mapping[str, str]) -> bytes:
    """A worksheet with the settings in columns A (key) and B (value)."""
    rows = []
    for row, (key, value) in enumerate(settings.items(), start=1):
        cells = "".join(
            f'<c r="{col}{row}" t="inlineStr">'
            f'<is><t xml:space="preserve">{escape(text)}</t></is></c>'
            for col, text in (("A", key), ("B", value))
        )
        rows.append(f'<row r="{row}">{cells}</row>')
    last = max(len(settings), 1)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{_NS_MAIN}"><sheetPr codeName="Sheet1"/>'
        f'<dimension ref="A1:B{last}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="14.5"/>'
        '<cols><col min="1" max="1" width="32" customWidth="1"/>'
        '<col min="2" max="2" width="80" customWidth="1"/></cols>'
        f"<sheetData>{''.join(rows)}</sheetData>"
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        "</worksheet>"
    ).encode()


def _rename_config_sheet(workbook_xml: bytes) -> bytes:
    root = _parse(workbook_xml)
    sheets = root.findall(f"{{{_NS_MAIN}}}sheets/{{{_NS_MAIN}}}sheet")
    if len(sheets) != 1:
        raise ValueError("the blank add-in should hold exactly one sheet")
    sheets[0].set("name", CONFIG_SHEET)
    return _xml(root)


def _add_ribbon_relationship(rels_xml: bytes) -> bytes:
    root = _parse(rels_xml)
    taken = {rel.get("Id") for rel in root}
    number = 1
    while f"rId{number}" in taken:
        number += 1
    rel = etree.SubElement(root, f"{{{_NS_RELS}}}Relationship")
    rel.set("Id", f"rId{number}")
    rel.set("Type", RIBBON_RELATIONSHIP)
    rel.set("Target", RIBBON_PART)
    return _xml(root)


def _ensure_xml_default(content_types_xml: bytes) -> bytes:
    """The ribbon part is plain ``application/xml``; make sure that is declared."""
    root = _parse(content_types_xml)
    defaults = {d.get("Extension", "").lower() for d in root.findall(f"{{{_NS_CT}}}Default")}
    if "xml" not in defaults:
        node = etree.Element(f"{{{_NS_CT}}}Default")
        node.set("Extension", "xml")
        node.set("ContentType", "application/xml")
        root.insert(0, node)
    return _xml(root)


def _app_properties(app_xml: bytes) -> bytes:
    """The sheet list Excel shows in the file properties: our one settings sheet."""
    root = _parse(app_xml)
    for titles in root.iter(f"{{{_NS_EXT}}}TitlesOfParts"):
        for title in titles.iter(f"{{{_NS_VT}}}lpstr"):
            title.text = CONFIG_SHEET
    return _xml(root)


def core_properties_xml(now: datetime | None = None) -> bytes:
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    version = getattr(plan_xl, "__version__", "")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title>Plan-XL</dc:title>"
        f"<dc:description>Plan-XL add-in {escape(version)} "
        f"(sjabloonversie {TEMPLATE_VERSION})</dc:description>"
        "<dc:creator>plan-xl</dc:creator><cp:lastModifiedBy>plan-xl</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def edit_package(source: Path, target: Path, ribbon: bytes, settings: Mapping[str, str]) -> None:
    """Copy the blank add-in package, adding the ribbon and the settings sheet."""
    with zipfile.ZipFile(source) as blank:
        parts = {name: blank.read(name) for name in blank.namelist()}
    if parts[_CONTENT_TYPES].find(ADDIN_CONTENT_TYPE.encode()) < 0:
        raise ValueError("the blank package is not an add-in")
    parts[_WORKBOOK] = _rename_config_sheet(parts[_WORKBOOK])
    parts[_CONFIG_SHEET_PART] = config_sheet_xml(settings)
    parts[_PKG_RELS] = _add_ribbon_relationship(parts[_PKG_RELS])
    parts[_CONTENT_TYPES] = _ensure_xml_default(parts[_CONTENT_TYPES])
    parts[_APP_PROPS] = _app_properties(parts[_APP_PROPS])
    parts[_CORE_PROPS] = core_properties_xml()
    parts[RIBBON_PART] = ribbon
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as out:
        # Content types first, as Office writes them.
        for name in sorted(parts, key=lambda n: (n != _CONTENT_TYPES, n)):
            out.writestr(name, parts[name])


# VBA project ----------------------------------------------------------------------


def write_vba_project(path: Path, modules: list[VbaModuleSource]) -> None:
    """Replace the blank project's placeholder module with ``modules``."""
    try:
        from pyopenvba import ExcelFile, VBAModuleKind
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise PlanXlError("addin.pyopenvba_missing") from exc

    with ExcelFile(path) as book:
        project = book.vba_project()
        for placeholder in ("Module1",):
            if placeholder in project.module_names():
                project.delete_module(placeholder)
        for module in modules:
            kind = VBAModuleKind.other if module.is_class else VBAModuleKind.standard
            project.add_module(module.name, module.source, kind=kind)
        book.save()


def _blank_addin(path: Path) -> None:
    try:
        from pyopenvba import ExcelFile
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise PlanXlError("addin.pyopenvba_missing") from exc
    ExcelFile.create_new(path).close()


# Build --------------------------------------------------------------------------------


def build_addin(
    out: Path,
    *,
    interpreter: str | None = None,
    conda_path: str | None = None,
    conda_env: str | None = None,
    macros_dir: Path | None = None,
) -> Path:
    """Write the add-in to ``out`` (atomically) and return its path.

    ``interpreter`` is the Python that Excel starts (default: this one).
    """
    out = Path(out)
    if out.suffix.lower() != ".xlam":
        out = out.with_suffix(".xlam")
    macros = macros_dir or default_macros_dir()
    modules = [*load_macro_modules(macros), *load_xlwings_modules()]
    ribbon = load_ribbon(macros)
    settings = xlwings_settings(interpreter, conda_path=conda_path, conda_env=conda_env)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=out.parent, prefix=".plan-xl-addin-") as work:
            blank = Path(work) / "blank.xlam"
            built = Path(work) / "built.xlam"
            _blank_addin(blank)
            edit_package(blank, built, ribbon, settings)
            write_vba_project(built, modules)
            os.replace(built, out)
    except OSError as exc:
        raise PlanXlError(
            "addin.write_failed", None, path=str(out), reason=exc.strerror or str(exc)
        ) from exc
    return out
