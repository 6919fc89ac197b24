"""Worksheet XML edits at cell level: rows, cells, inline strings, element order.

Cells plan-xl writes are inline strings (``t="inlineStr"``) or plain numbers,
so the shared-string table never changes. A cell keeps its style (``s``).
"""

from __future__ import annotations

import bisect
import contextlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from lxml import etree
from openpyxl.formula.translate import Translator

from plan_xl.core.plan import column_index, column_letter, split_cell, split_range
from plan_xl.workbook.xlsx_package import NS_MAIN, q, xml_text

# CT_Worksheet child order (ECMA-376 Part 1, 18.3.1.99).
WORKSHEET_ORDER = (
    "sheetPr",
    "dimension",
    "sheetViews",
    "sheetFormatPr",
    "cols",
    "sheetData",
    "sheetCalcPr",
    "sheetProtection",
    "protectedRanges",
    "scenarios",
    "autoFilter",
    "sortState",
    "dataConsolidate",
    "customSheetViews",
    "mergeCells",
    "phoneticPr",
    "conditionalFormatting",
    "dataValidations",
    "hyperlinks",
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
)
_RANK = {name: i for i, name in enumerate(WORKSHEET_ORDER)}
_CELL = q("c")


def local(el: etree._Element) -> str:
    return etree.QName(el).localname


def child(root: etree._Element, name: str) -> etree._Element | None:
    return root.find(q(name))


def place_child(root: etree._Element, el: etree._Element) -> etree._Element:
    """Insert a worksheet child where the schema's order wants it."""
    rank = _RANK[local(el)]
    for i, existing in enumerate(root):
        if _RANK.get(local(existing), -1) > rank:
            root.insert(i, el)
            return el
    root.append(el)
    return el


def index_rows(sheet_data: etree._Element) -> dict[int, etree._Element]:
    """Row number -> <row>; rows without ``r`` get it made explicit."""
    rows: dict[int, etree._Element] = {}
    previous = 0
    for row in sheet_data.iterchildren(q("row")):
        r = row.get("r")
        number = int(r) if r else previous + 1
        if not r:
            row.set("r", str(number))
        rows[number] = row
        previous = number
    return rows


def get_or_add_row(
    sheet_data: etree._Element, rows: dict[int, etree._Element], number: int, keys: list[int]
) -> etree._Element:
    """The <row> for ``number``; ``keys`` is the sorted list of existing row numbers."""
    row = rows.get(number)
    if row is not None:
        return row
    row = etree.Element(q("row"))
    row.set("r", str(number))
    pos = bisect.bisect_left(keys, number)
    if pos < len(keys):
        rows[keys[pos]].addprevious(row)
    else:
        sheet_data.append(row)
    keys.insert(pos, number)
    rows[number] = row
    return row


@lru_cache(maxsize=4096)
def _column_of_letters(letters: str) -> int:
    return column_index(letters)


def ref_column(ref: str) -> int:
    """'R12' -> 18, fast (called once per cell scanned)."""
    return _column_of_letters(ref.rstrip("0123456789$").replace("$", ""))


def find_cell(row: etree._Element, col: int) -> tuple[etree._Element | None, int]:
    """The cell at column ``col`` (1-based) in a row, or None and where to insert it.

    Owned columns sit at the right end of their table, so the row is scanned
    from its last cell backwards; rows with implicit cell positions fall back
    to a forward scan.
    """
    cells = list(row)
    for i in range(len(cells) - 1, -1, -1):
        cell = cells[i]
        ref = cell.get("r")
        if ref is None or cell.tag != _CELL:
            return _find_cell_forward(row, col)
        cell_col = ref_column(ref)
        if cell_col == col:
            return cell, i
        if cell_col < col:
            return None, i + 1
    return None, 0


def _find_cell_forward(row: etree._Element, col: int) -> tuple[etree._Element | None, int]:
    row_number = row.get("r")
    previous = 0
    for i, cell in enumerate(row.iterchildren(q("c"))):
        ref = cell.get("r")
        if ref:
            cell_col = column_index(split_cell(ref)[0])
        else:
            cell_col = previous + 1
            cell.set("r", f"{column_letter(cell_col)}{row_number}")
        if cell_col == col:
            return cell, i
        if cell_col > col:
            return None, i
        previous = cell_col
    return None, len(row)


def widen_spans(row: etree._Element, col: int) -> None:
    spans = row.get("spans")
    if not spans or ":" not in spans:
        return
    lo, hi = (int(x) for x in spans.split(":")[:2])
    if not lo <= col <= hi:
        row.set("spans", f"{min(lo, col)}:{max(hi, col)}")


class FormulaRemovals:
    """Formulas removed while overwriting cells; shared-formula masters are handed on."""

    def __init__(self) -> None:
        self.count = 0
        self.masters: list[tuple[str, str, str]] = []  # (si, formula, master ref)

    def note(self, cell: etree._Element) -> None:
        f = cell.find(q("f"))
        if f is None:
            return
        self.count += 1
        if f.get("t") == "shared" and f.get("ref") and f.text:
            self.masters.append((f.get("si", ""), f.text, cell.get("r", "")))

    def hand_on_masters(self, root: etree._Element) -> None:
        """Give each orphaned shared formula a new master with a translated formula."""
        for si, formula, master_ref in self.masters:
            followers = [
                f
                for f in root.iter(q("f"))
                if f.get("t") == "shared" and f.get("si") == si and not f.text
            ]
            if not followers:
                continue
            first = followers[0]
            new_ref = first.getparent().get("r", "")
            translated = Translator("=" + formula, origin=master_ref).translate_formula(new_ref)
            first.text = translated[1:]
            refs = [split_cell(f.getparent().get("r", "A1")) for f in followers]
            lo_col = min(column_index(c) for c, _ in refs)
            hi_col = max(column_index(c) for c, _ in refs)
            lo_row = min(r for _, r in refs)
            hi_row = max(r for _, r in refs)
            first.set("ref", f"{column_letter(lo_col)}{lo_row}:{column_letter(hi_col)}{hi_row}")


def clear_cell(cell: etree._Element, removals: FormulaRemovals) -> None:
    """Empty a cell but keep its style."""
    removals.note(cell)
    for el in list(cell):
        cell.remove(el)
    for attr in ("t", "cm", "vm"):
        cell.attrib.pop(attr, None)


def set_inline_text(cell: etree._Element, text: str, removals: FormulaRemovals) -> None:
    clear_cell(cell, removals)
    cell.set("t", "inlineStr")
    is_el = etree.SubElement(cell, q("is"))
    t_el = etree.SubElement(is_el, q("t"))
    t_el.text = xml_text(text)
    t_el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def set_value(cell: etree._Element, value: Any, removals: FormulaRemovals) -> None:
    """A string as inline text, a number as a number; None leaves the cell empty."""
    if value is None or value == "":
        clear_cell(cell, removals)
    elif isinstance(value, bool):
        clear_cell(cell, removals)
        cell.set("t", "b")
        etree.SubElement(cell, q("v")).text = "1" if value else "0"
    elif isinstance(value, int | float):
        clear_cell(cell, removals)
        etree.SubElement(cell, q("v")).text = (
            repr(float(value)) if isinstance(value, float) else str(value)
        )
    else:
        set_inline_text(cell, str(value), removals)


def cell_xml(ref: str, style: str | None, value: Any, prefix: str = "") -> str:
    """The serialised ``<c>`` that :func:`set_value` makes, for rows written as text.

    ``prefix`` is the spreadsheetml prefix with its colon ('' for the default namespace).
    """
    start = f'<{prefix}c r="{ref}"' + (f' s="{style}"' if style else "")
    if value is None or value == "":
        return start + "/>"
    if isinstance(value, bool):
        return f'{start} t="b"><{prefix}v>{int(value)}</{prefix}v></{prefix}c>'
    if isinstance(value, int | float):
        number = repr(float(value)) if isinstance(value, float) else str(value)
        return f"{start}><{prefix}v>{number}</{prefix}v></{prefix}c>"
    text = _escape_text(xml_text(str(value)))
    return (
        f'{start} t="inlineStr"><{prefix}is><{prefix}t xml:space="preserve">{text}'
        f"</{prefix}t></{prefix}is></{prefix}c>"
    )


def _escape_text(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def main_prefix(root: etree._Element) -> str:
    """The prefix (with colon) under which a worksheet's children are written."""
    if root.nsmap.get(None) == NS_MAIN:
        return ""
    for prefix, uri in root.nsmap.items():
        if uri == NS_MAIN and prefix:
            return f"{prefix}:"
    return ""


def new_cell(ref: str, style: str | None) -> etree._Element:
    cell = etree.Element(q("c"))
    cell.set("r", ref)
    if style:
        cell.set("s", style)
    return cell


def column_styles(root: etree._Element) -> dict[int, str]:
    """Default cell style per column from <cols>."""
    out: dict[int, str] = {}
    cols = child(root, "cols")
    if cols is None:
        return out
    for col in cols.iterchildren(q("col")):
        style = col.get("style")
        if style and style != "0":
            for i in range(int(col.get("min", "1")), min(int(col.get("max", "1")), 16384) + 1):
                out[i] = style
    return out


def set_dimension(
    root: etree._Element, refs: Iterable[tuple[int, int, int, int]], *, keep_old: bool = True
) -> None:
    """Make <dimension> cover the given areas (and its old range when ``keep_old``)."""
    dim = child(root, "dimension")
    areas = list(refs)
    if keep_old and dim is not None and dim.get("ref"):
        with contextlib.suppress(ValueError):
            areas.append(split_range(dim.get("ref", "A1")))
    if not areas:
        return
    r1 = min(a[0] for a in areas)
    c1 = min(a[1] for a in areas)
    r2 = max(a[2] for a in areas)
    c2 = max(a[3] for a in areas)
    ref = f"{column_letter(c1)}{r1}"
    if (r1, c1) != (r2, c2):
        ref += f":{column_letter(c2)}{r2}"
    if dim is None:
        dim = place_child(root, etree.Element(q("dimension")))
    dim.set("ref", ref)
