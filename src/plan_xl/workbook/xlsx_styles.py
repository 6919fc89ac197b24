"""Cell styles plan-xl needs in ``xl/styles.xml``: found when present, appended when not.

The writer gives the ``Budgetoverzicht`` cells a euro number format, a title
and a header look. It reuses the workbook's own cell format when one fits (the
template's locked euro cells), and otherwise appends exactly one number
format, font or cell format. Existing entries are never changed or reordered,
so every style index other parts use stays valid; ``count`` attributes follow.
Re-runs find what an earlier run appended, so nothing is added twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lxml import etree

from plan_xl.template.styles import EURO_FORMAT
from plan_xl.workbook.xlsx_package import NS_REL, XlsxPackage, q

REL_STYLES = f"{NS_REL}/styles"
FIRST_CUSTOM_NUMFMT = 164  # ids below are Excel's built-in formats

# Fonts like the template's headings, so the template's own fonts are found and reused.
TITLE_FONT = (("b", {"val": "1"}), ("color", {"rgb": "FF1F4E79"}), ("sz", {"val": "12"}))
HEADER_FONT = (("b", {"val": "1"}),)

# CT_Stylesheet child order (ECMA-376 Part 1, 18.8.39).
STYLESHEET_ORDER = (
    "numFmts",
    "fonts",
    "fills",
    "borders",
    "cellStyleXfs",
    "cellXfs",
    "cellStyles",
    "dxfs",
    "tableStyles",
    "colors",
    "extLst",
)

FontSpec = tuple[tuple[str, dict[str, str]], ...]


class StyleBook:
    """The ``cellXfs`` indexes the budget writer puts in cells' ``s`` attribute."""

    def __init__(self, pkg: XlsxPackage) -> None:
        self._pkg = pkg
        self._part = _styles_part(pkg)
        self._root = pkg.xml(self._part) if self._part else None
        self._cache: dict[str, str | None] = {}

    def euro(self) -> str | None:
        """A locked cell format with the euro number format."""
        return self._memo("euro", self._euro)

    def title(self) -> str | None:
        """Bold, larger, dark blue text: the block titles."""
        return self._memo("title", lambda: self._plain_xf(self._font(TITLE_FONT)))

    def header(self) -> str | None:
        """Bold text: the header row of each block."""
        return self._memo("header", lambda: self._plain_xf(self._font(HEADER_FONT)))

    # Lookups -------------------------------------------------------------------------

    def _memo(self, key: str, make: Callable[[], str]) -> str | None:
        if key not in self._cache:
            self._cache[key] = make() if self._root is not None else None
        return self._cache[key]

    def _euro(self) -> str:
        fmt_id = self._number_format(EURO_FORMAT)
        for i, xf in enumerate(self._cell_xfs()):
            if (
                xf.get("numFmtId") == fmt_id
                and xf.get("fillId", "0") == "0"
                and xf.get("borderId", "0") == "0"
                and self._is_plain_font(xf.get("fontId", "0"))
                and not _unlocked(xf)
            ):
                return str(i)
        return self._append_xf(numFmtId=fmt_id, fontId="0", applyNumberFormat="1")

    def _plain_xf(self, font_id: str) -> str:
        """A cell format with only ``font_id``: general numbers, no fill, border or wrap."""
        for i, xf in enumerate(self._cell_xfs()):
            if (
                xf.get("fontId", "0") == font_id
                and xf.get("numFmtId", "0") == "0"
                and xf.get("fillId", "0") == "0"
                and xf.get("borderId", "0") == "0"
                and len(xf) == 0
            ):
                return str(i)
        return self._append_xf(numFmtId="0", fontId=font_id, applyFont="1")

    def _number_format(self, code: str) -> str:
        root = self._require_root()
        numfmts = _child_in_order(root, "numFmts")
        used = []
        for el in numfmts.iterchildren(q("numFmt")):
            if el.get("formatCode") == code:
                return el.get("numFmtId", "0")
            used.append(int(el.get("numFmtId", "0")))
        new_id = str(max([FIRST_CUSTOM_NUMFMT - 1, *used]) + 1)
        el = etree.SubElement(numfmts, q("numFmt"))
        el.set("numFmtId", new_id)
        el.set("formatCode", code)
        _recount(numfmts, "numFmt")
        self._touch()
        return new_id

    def _font(self, spec: FontSpec) -> str:
        root = self._require_root()
        fonts = _child_in_order(root, "fonts")
        wanted = _font_key(spec)
        items = list(fonts.iterchildren(q("font")))
        for i, font in enumerate(items):
            if _font_key(_spec_of(font)) == wanted:
                return str(i)
        font = etree.SubElement(fonts, q("font"))
        for tag, attrs in spec:
            etree.SubElement(font, q(tag)).attrib.update(attrs)
        _recount(fonts, "font")
        self._touch()
        return str(len(items))

    def _is_plain_font(self, font_id: str) -> bool:
        """Not bold, italic or coloured: an amount reads like the rest of the sheet."""
        fonts = self._require_root().find(q("fonts"))
        items = list(fonts.iterchildren(q("font"))) if fonts is not None else []
        try:
            font = items[int(font_id)]
        except (ValueError, IndexError):
            return False
        tags = {etree.QName(el).localname for el in font}
        return not tags & {"b", "i", "u", "strike", "color"} or font_id == "0"

    def _cell_xfs(self) -> list[etree._Element]:
        cell_xfs = self._require_root().find(q("cellXfs"))
        return list(cell_xfs.iterchildren(q("xf"))) if cell_xfs is not None else []

    def _append_xf(self, **attrs: str) -> str:
        root = self._require_root()
        cell_xfs = _child_in_order(root, "cellXfs")
        if len(cell_xfs) == 0:
            # Index 0 is every unstyled cell's format; never give it a meaning.
            etree.SubElement(cell_xfs, q("xf")).attrib.update(
                {"numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"}
            )
        xf = etree.SubElement(cell_xfs, q("xf"))
        xf.attrib.update({"numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"})
        xf.attrib.update(attrs)
        if root.find(q("cellStyleXfs")) is not None:
            xf.set("xfId", "0")
        _recount(cell_xfs, "xf")
        self._touch()
        return str(len(cell_xfs) - 1)

    def _require_root(self) -> etree._Element:
        assert self._root is not None
        return self._root

    def _touch(self) -> None:
        if self._part:
            self._pkg.touch(self._part)


def _styles_part(pkg: XlsxPackage) -> str | None:
    workbook = pkg.workbook_part()
    for rel in pkg.relationships(workbook):
        if rel.type == REL_STYLES and not rel.external and pkg.exists(rel.target):
            return rel.target
    return None


def _unlocked(xf: etree._Element) -> bool:
    protection = xf.find(q("protection"))
    return protection is not None and protection.get("locked") in ("0", "false")


def _child_in_order(root: etree._Element, name: str) -> etree._Element:
    """The stylesheet child ``name``, created at its schema position when absent."""
    found = root.find(q(name))
    if found is not None:
        return found
    el = etree.Element(q(name))
    el.set("count", "0")
    rank = STYLESHEET_ORDER.index(name)
    for i, existing in enumerate(root):
        local = etree.QName(existing).localname
        if local in STYLESHEET_ORDER and STYLESHEET_ORDER.index(local) > rank:
            root.insert(i, el)
            return el
    root.append(el)
    return el


def _recount(parent: etree._Element, tag: str) -> None:
    parent.set("count", str(sum(1 for _ in parent.iterchildren(q(tag)))))


def _spec_of(font: etree._Element) -> FontSpec:
    return tuple((etree.QName(el).localname, dict(el.attrib)) for el in font)


def _font_key(spec: Iterable[tuple[str, dict[str, str]]]) -> frozenset[tuple[str, str]]:
    """Compare fonts by content, whatever the child order; ``<b/>`` equals ``<b val="1"/>``."""
    out = set()
    for tag, attrs in spec:
        if tag in ("b", "i") and attrs.get("val", "1") in ("1", "true"):
            out.add((tag, "1"))
        elif tag in ("b", "i"):
            continue
        elif tag == "color" and "rgb" in attrs:
            out.add((tag, attrs["rgb"][-6:].upper()))  # openpyxl writes alpha 00, Excel FF
        else:
            out.add((tag, repr(sorted(attrs.items()))))
    return frozenset(out)
