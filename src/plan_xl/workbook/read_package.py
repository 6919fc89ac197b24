"""The structure of an xlsx package: sheets, their parts, and the Excel tables on them.

Read from the small XML parts (workbook, relationships, tables) with a parser
that refuses DTDs; cell values are left to python-calamine.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)

from plan_xl.workbook.safety import refuse

ReadPart = Callable[[str], bytes]

_OFFICE_DOCUMENT = "/officeDocument"
_WORKSHEET = "/worksheet"
_TABLE = "/table"
_SHARED_KINDS = ("/sharedStrings", "/styles")


@dataclass(frozen=True)
class TablePart:
    """One Excel table (ListObject) as declared in xl/tables/tableN.xml."""

    name: str
    sheet: str
    ref: str
    columns: list[str]
    header_rows: int = 1
    totals_rows: int = 0


@dataclass
class SheetPart:
    name: str
    part: str  # zip member name of the worksheet XML
    tables: list[TablePart] = field(default_factory=list)


@dataclass
class PackageIndex:
    workbook_part: str
    sheets: list[SheetPart]
    # Workbook-level parts every cell reader parses (shared strings, styles).
    shared_parts: list[str] = field(default_factory=list)
    strings_part: str | None = None  # the shared strings among them
    styles_part: str | None = None

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]

    @property
    def tables(self) -> list[TablePart]:
        return [t for s in self.sheets for t in s.tables]

    def sheet(self, name: str) -> SheetPart | None:
        wanted = name.casefold()
        return next((s for s in self.sheets if s.name.casefold() == wanted), None)


def parse_xml(data: bytes) -> Element:
    """The element tree of an XML part, refusing DTDs, entity declarations and
    external references as ``defusedxml.ElementTree.fromstring(data, forbid_dtd=True)``
    does: the same expat parser with the same refusing handlers (they raise
    defusedxml's exceptions), but the elements go straight to ElementTree's C
    tree builder instead of through the pure-Python parser's callbacks (a third
    of the time). Text, comments and instructions are not kept, and a
    namespaced name reads ``uri}local`` (no leading brace): the index looks at
    local names and unprefixed attributes only. Raises ``expat.ExpatError`` for
    XML that is not well-formed.
    """
    parser = expat.ParserCreate(None, "}")
    builder = TreeBuilder()
    parser.StartDoctypeDeclHandler = _forbid_dtd
    parser.EntityDeclHandler = _forbid_entity
    parser.UnparsedEntityDeclHandler = _forbid_unparsed_entity
    parser.ExternalEntityRefHandler = _forbid_external
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.Parse(data, True)
    root: Element = builder.close()
    return root


def _forbid_dtd(name: str, sysid: str | None, pubid: str | None, internal: bool) -> NoReturn:
    raise DTDForbidden(name, sysid, pubid)


def _forbid_entity(
    name: str,
    parameter: bool,
    value: str | None,
    base: str | None,
    sysid: str | None,
    pubid: str | None,
    notation: str | None,
) -> NoReturn:
    raise EntitiesForbidden(name, value, base, sysid, pubid, notation)


def _forbid_unparsed_entity(
    name: str, base: str | None, sysid: str | None, pubid: str | None, notation: str | None
) -> NoReturn:
    raise EntitiesForbidden(name, None, base, sysid, pubid, notation)


def _forbid_external(
    context: str, base: str | None, sysid: str | None, pubid: str | None
) -> NoReturn:
    raise ExternalReferenceForbidden(context, base, sysid, pubid)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element: Element, local_name: str) -> str | None:
    """An attribute by local name, whatever its namespace (transitional or strict OOXML)."""
    for key, value in element.attrib.items():
        if _local(key) == local_name:
            return value
    return None


def rels_name(part: str) -> str:
    """The relationships part of a part: xl/workbook.xml -> xl/_rels/workbook.xml.rels."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve_target(source_part: str, target: str) -> str:
    """A relationship target as a part name (relative to ``source_part`` unless absolute)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


class PackageReader:
    """Resolves parts case-insensitively and parses their XML safely."""

    def __init__(self, zf: zipfile.ZipFile, path: Path, read: ReadPart) -> None:
        self.path = path
        self._read = read
        self._names = {name.lower(): name for name in zf.namelist()}

    def member(self, part: str) -> str | None:
        return self._names.get(part.lower())

    def xml(self, part: str) -> Element | None:
        member = self.member(part)
        if member is None:
            return None
        data = self._read(member)
        try:
            return parse_xml(data)
        except DefusedXmlException as exc:
            raise refuse("unreadable", "reader.xml_doctype", self.path, part=member) from exc
        except (expat.ExpatError, ValueError) as exc:
            raise refuse("unreadable", "reader.xml_invalid", self.path, part=member) from exc

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (type, resolved target part) for a part's relationships."""
        root = self.xml(rels_name(part))
        rels: dict[str, tuple[str, str]] = {}
        if root is None:
            return rels
        for rel in root:
            rid, kind, target = rel.get("Id"), rel.get("Type", ""), rel.get("Target")
            if rid and target and rel.get("TargetMode", "").lower() != "external":
                rels[rid] = (kind, resolve_target(part, target))
        return rels


def index_package(zf: zipfile.ZipFile, path: Path, read: ReadPart) -> PackageIndex:
    """Sheets in workbook order with their worksheet parts and tables."""
    pkg = PackageReader(zf, path, read)
    workbook_part = next(
        (
            target
            for kind, target in pkg.relationships("").values()
            if kind.endswith(_OFFICE_DOCUMENT)
        ),
        "xl/workbook.xml",
    )
    root = pkg.xml(workbook_part)
    if root is None:
        raise refuse("unreadable", "reader.not_a_workbook", path)
    rels = pkg.relationships(workbook_part)
    sheets: list[SheetPart] = []
    for element in root.iter():
        if _local(element.tag) != "sheet":
            continue
        name, rid = element.get("name"), _attr(element, "id")
        if not name or not rid or rid not in rels:
            continue
        kind, target = rels[rid]
        member = pkg.member(target)
        if not kind.endswith(_WORKSHEET) or member is None:
            continue  # chart sheets, dialog sheets, dangling references
        sheet = SheetPart(name, member)
        sheet.tables = _tables_of(pkg, sheet)
        sheets.append(sheet)
    shared = {
        member: kind
        for kind, target in rels.values()
        if kind.endswith(_SHARED_KINDS) and (member := pkg.member(target)) is not None
    }
    return PackageIndex(
        workbook_part,
        sheets,
        list(shared),
        strings_part=_first_of(shared, "/sharedStrings"),
        styles_part=_first_of(shared, "/styles"),
    )


def _first_of(parts: dict[str, str], kind: str) -> str | None:
    return next((member for member, k in parts.items() if k.endswith(kind)), None)


def _tables_of(pkg: PackageReader, sheet: SheetPart) -> list[TablePart]:
    tables: list[TablePart] = []
    for kind, target in pkg.relationships(sheet.part).values():
        if not kind.endswith(_TABLE):
            continue
        root = pkg.xml(target)
        if root is None or _local(root.tag) != "table":
            continue
        name = root.get("displayName") or root.get("name")
        ref = root.get("ref")
        if not name or not ref:
            continue
        columns = [col.get("name") or "" for col in root.iter() if _local(col.tag) == "tableColumn"]
        tables.append(
            TablePart(
                name=name,
                sheet=sheet.name,
                ref=ref,
                columns=columns,
                header_rows=_int(root.get("headerRowCount"), 1),
                totals_rows=_int(root.get("totalsRowCount"), 0),
            )
        )
    return tables


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
