"""An .xlsx/.xlsm file as a set of zip parts, edited part by part.

The annotated-copy writer only replaces the parts plan-xl owns; every other
part is copied unchanged (same name, same order, same bytes once inflated).
Relationships and content types are edited in place and only re-serialised
when they really change, so a re-run neither duplicates nor churns them.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lxml import etree

from plan_xl.workbook.read_package import rels_name, resolve_target

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"

REL_WORKSHEET = f"{NS_REL}/worksheet"
REL_TABLE = f"{NS_REL}/table"
REL_DRAWING = f"{NS_REL}/drawing"
REL_CHART = f"{NS_REL}/chart"
REL_CALC_CHAIN = f"{NS_REL}/calcChain"
REL_OFFICE_DOCUMENT = f"{NS_REL}/officeDocument"

CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"

CONTENT_TYPES = "[Content_Types].xml"

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False
)
PARSER = _PARSER  # shared with the row-level writer
# Characters XML 1.0 cannot carry; user text is cleaned before it is written.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def q(tag: str, ns: str = NS_MAIN) -> str:
    return f"{{{ns}}}{tag}"


XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def serialise(root: etree._Element) -> bytes:
    return XML_DECLARATION + etree.tostring(root, xml_declaration=False, encoding="UTF-8")


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str  # resolved part name for internal targets, raw target otherwise
    external: bool


def relative_target(source_part: str, part: str) -> str:
    return posixpath.relpath(part, posixpath.dirname(source_part) or ".")


class XlsxPackage:
    """Read a package, record changes, write a new zip with them applied."""

    def __init__(self, source: Path | IO[bytes]) -> None:
        self._zip = zipfile.ZipFile(source)
        self._infos = {info.filename: info for info in self._zip.infolist()}
        self._order = [info.filename for info in self._zip.infolist()]
        self._changed: dict[str, bytes] = {}
        self._removed: set[str] = set()
        self._xml: dict[str, etree._Element] = {}
        self._dirty_xml: set[str] = set()
        # Large rewritten parts kept in (spooled) temporary files, not in memory.
        self._streamed: dict[str, IO[bytes]] = {}
        # Serialised content put in place of a marker text when a parsed part is written.
        self._splices: dict[str, tuple[bytes, bytes]] = {}

    def close(self) -> None:
        for stream in self._streamed.values():
            stream.close()
        self._streamed.clear()
        self._zip.close()

    def __enter__(self) -> XlsxPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Parts ---------------------------------------------------------------------

    def exists(self, name: str) -> bool:
        if name in self._removed:
            return False
        return (
            name in self._changed
            or name in self._xml
            or name in self._streamed
            or name in self._infos
        )

    def names(self) -> list[str]:
        new = list(self._changed) + list(self._xml) + list(self._streamed)
        extra = [n for n in new if n not in self._infos]
        return [n for n in dict.fromkeys(self._order + extra) if self.exists(n)]

    def read(self, name: str) -> bytes:
        if name in self._xml:
            data = serialise(self._xml[name])
            if name in self._splices:
                marker, body = self._splices[name]
                data = data.replace(marker, body, 1)
            return data
        if name in self._changed:
            return self._changed[name]
        if name in self._streamed:
            stream = self._streamed[name]
            stream.seek(0)
            return stream.read()
        return self._zip.read(self._infos[name])

    def is_original(self, name: str) -> bool:
        """True while the part is still the source file's, unparsed and unchanged."""
        return (
            name in self._infos
            and name not in self._removed
            and name not in self._changed
            and name not in self._xml
            and name not in self._streamed
        )

    def open_original(self, name: str) -> IO[bytes]:
        """The source file's part as a stream, inflated while it is read."""
        return self._zip.open(self._infos[name])

    def put_stream(self, name: str, stream: IO[bytes]) -> None:
        """Replace a part by the content of a seekable file the package now owns."""
        self._drop_stream(name)
        self._changed.pop(name, None)
        self._xml.pop(name, None)
        self._dirty_xml.discard(name)
        self._removed.discard(name)
        self._streamed[name] = stream

    def splice(self, name: str, marker: str, body: bytes) -> None:
        """Write ``body`` where the parsed part's text ``marker`` is when it is saved.

        Keeps a large generated element list (a sheet's rows) out of the tree.
        """
        self._splices[name] = (marker.encode("utf-8"), body)
        self.touch(name)

    def _drop_stream(self, name: str) -> None:
        self._splices.pop(name, None)
        stream = self._streamed.pop(name, None)
        if stream is not None:
            stream.close()

    def xml(self, name: str) -> etree._Element:
        """The parsed part; edits to it are saved when :meth:`touch` is called."""
        if name not in self._xml:
            self._xml[name] = etree.fromstring(self.read(name), _PARSER)
            if name in self._streamed:  # the tree now holds the rewritten content
                self._drop_stream(name)
                self._dirty_xml.add(name)
        return self._xml[name]

    def touch(self, name: str) -> None:
        self._dirty_xml.add(name)
        self._removed.discard(name)

    def put(self, name: str, data: bytes) -> None:
        self._drop_stream(name)
        self._changed[name] = data
        self._xml.pop(name, None)
        self._dirty_xml.discard(name)
        self._removed.discard(name)

    def put_xml(self, name: str, root: etree._Element) -> None:
        self._drop_stream(name)
        self._changed.pop(name, None)
        self._xml[name] = root
        self.touch(name)

    def remove(self, name: str) -> None:
        self._removed.add(name)
        self._drop_stream(name)
        self._changed.pop(name, None)
        self._xml.pop(name, None)
        self._dirty_xml.discard(name)

    def free_name(self, pattern: str) -> str:
        """The lowest-numbered unused name for a pattern like ``xl/charts/chart{}.xml``."""
        n = 1
        while self.exists(pattern.format(n)):
            n += 1
        return pattern.format(n)

    # Relationships ---------------------------------------------------------------

    def rels_root(self, part: str, create: bool = False) -> etree._Element | None:
        name = rels_name(part)
        if self.exists(name):
            return self.xml(name)
        if not create:
            return None
        root = etree.Element(q("Relationships", NS_PKG_REL), nsmap={None: NS_PKG_REL})
        self.put_xml(name, root)
        return root

    def relationships(self, part: str) -> list[Relationship]:
        root = self.rels_root(part)
        if root is None:
            return []
        out = []
        for el in root.iter(q("Relationship", NS_PKG_REL)):
            external = el.get("TargetMode") == "External"
            target = el.get("Target", "")
            out.append(
                Relationship(
                    el.get("Id", ""),
                    el.get("Type", ""),
                    target if external else resolve_target(part, target),
                    external,
                )
            )
        return out

    def add_relationship(self, part: str, rel_type: str, target_part: str) -> str:
        root = self.rels_root(part, create=True)
        assert root is not None
        used = {el.get("Id") for el in root}
        n = 1
        while f"rId{n}" in used:
            n += 1
        el = etree.SubElement(root, q("Relationship", NS_PKG_REL))
        el.set("Id", f"rId{n}")
        el.set("Type", rel_type)
        el.set("Target", relative_target(part, target_part))
        self.touch(rels_name(part))
        return f"rId{n}"

    def remove_relationship(self, part: str, rel_id: str) -> None:
        root = self.rels_root(part)
        if root is None:
            return
        for el in list(root):
            if el.get("Id") == rel_id:
                root.remove(el)
                self.touch(rels_name(part))
        if len(root) == 0:
            self.remove(rels_name(part))

    def remove_part_tree(self, part: str) -> None:
        """Remove a part with everything it alone references (a drawing and its charts)."""
        for rel in self.relationships(part):
            if not rel.external and self.exists(rel.target) and rel.target != part:
                self.remove_part_tree(rel.target)
        self.remove(rels_name(part))
        self.remove(part)
        self.set_override(part, None)

    # Content types -----------------------------------------------------------------

    def set_override(self, part: str, content_type: str | None) -> None:
        """Add, change or (with None) drop the content-type override of a part."""
        root = self.xml(CONTENT_TYPES)
        part_name = "/" + part
        existing = [el for el in root.iter(q("Override", NS_CT)) if el.get("PartName") == part_name]
        if content_type is None:
            for el in existing:
                root.remove(el)
                self.touch(CONTENT_TYPES)
            return
        if existing and existing[0].get("ContentType") == content_type:
            return
        for el in existing:
            root.remove(el)
        el = etree.SubElement(root, q("Override", NS_CT))
        el.set("PartName", part_name)
        el.set("ContentType", content_type)
        self.touch(CONTENT_TYPES)

    # Workbook structure --------------------------------------------------------------

    def workbook_part(self) -> str:
        for rel in self.relationships(""):
            if rel.type == REL_OFFICE_DOCUMENT:
                return rel.target
        return "xl/workbook.xml"

    def sheet_parts(self) -> dict[str, str]:
        """Sheet name -> worksheet part name, through workbook.xml and its rels."""
        wb = self.workbook_part()
        targets = {r.id: r.target for r in self.relationships(wb) if r.type == REL_WORKSHEET}
        out: dict[str, str] = {}
        for sheet in self.xml(wb).iter(q("sheet")):
            rid = sheet.get(q("id", NS_REL))
            if rid in targets:
                out[sheet.get("name", "")] = targets[rid]
        return out

    def tables_of(self, sheet_part: str) -> dict[str, str]:
        """Table name -> table part name for one worksheet."""
        out: dict[str, str] = {}
        for rel in self.relationships(sheet_part):
            if rel.type == REL_TABLE and self.exists(rel.target):
                table = self.xml(rel.target)
                out[table.get("name") or table.get("displayName") or ""] = rel.target
        return out

    # Saving --------------------------------------------------------------------------

    def _unchanged_xml(self, name: str) -> bool:
        return name in self._xml and name not in self._dirty_xml

    def write(self, out: IO[bytes]) -> None:
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zout:
            for name in self.names():
                original = self._infos.get(name)
                if name in self._streamed:
                    self._write_stream(zout, name, original)
                    continue
                if (
                    original is not None
                    and name not in self._changed
                    and (name not in self._xml or self._unchanged_xml(name))
                ):
                    info = _copy_info(original)
                    with self._zip.open(original) as src, zout.open(info, "w") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
                    continue
                info = (
                    _copy_info(original)
                    if original
                    else zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
                )
                info.compress_type = zipfile.ZIP_DEFLATED
                zout.writestr(info, self.read(name))

    def _write_stream(
        self, zout: zipfile.ZipFile, name: str, original: zipfile.ZipInfo | None
    ) -> None:
        stream = self._streamed[name]
        size = stream.seek(0, 2)
        stream.seek(0)
        info = _copy_info(original) if original else zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.file_size = size  # lets zipfile choose ZIP64 only when the part needs it
        with zout.open(info, "w") as dst:
            shutil.copyfileobj(stream, dst, 1 << 20)


def _copy_info(original: zipfile.ZipInfo) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(original.filename, original.date_time)
    info.compress_type = original.compress_type
    info.external_attr = original.external_attr
    info.create_system = original.create_system
    return info
