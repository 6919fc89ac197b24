"""The package index parses its small XML parts with expat and ElementTree's C tree
builder: the same elements, and the same refusals (DTD, entities, malformed XML),
as defusedxml's ``fromstring(forbid_dtd=True)`` it replaces (issue 4; issue 5 speed)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element
from xml.parsers import expat

import pytest
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from hypothesis import given, settings
from hypothesis import strategies as st

import plan_xl.workbook.read_package as read_package
from plan_xl.errors import WorkbookReadError
from plan_xl.workbook.read_package import index_package, parse_xml
from tests.workbook.conftest import Sheets, with_part

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _shape(root: Element) -> list[tuple[int, str, dict[str, str]]]:
    """Every element in document order: depth, name and attributes, namespaced
    names spelt ``uri}local`` (defusedxml spells them ``{uri}local``)."""
    shape: list[tuple[int, str, dict[str, str]]] = []

    def walk(element: Element, depth: int) -> None:
        attributes = {key.lstrip("{"): value for key, value in element.attrib.items()}
        shape.append((depth, element.tag.lstrip("{"), attributes))
        for child in element:
            walk(child, depth + 1)

    walk(root, 0)
    return shape


def _outcome(parse: Any, data: bytes) -> Any:
    try:
        return _shape(parse(data))
    except DefusedXmlException:
        return "forbidden"
    except (ParseError, expat.ExpatError, ValueError):
        return "invalid"


def _defused(data: bytes) -> Element:
    root: Element = fromstring(data, forbid_dtd=True)
    return root


_PROLOG = st.one_of(
    st.sampled_from(
        [
            "",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
            "<?xml version='1.0'?><!-- note -->",
            "<?mso-application progid?>",
        ]
    ),
    st.sampled_from(
        [
            '<!DOCTYPE r [<!ENTITY e "v">]>',
            '<!DOCTYPE r SYSTEM "http://example.org/r.dtd">',
            '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
        ]
    ),
)
_GOOD_ATTRIBUTES = [
    ' Id="rId1"',
    ' r:id="rId2"',
    " name='Blad &amp; co'",
    ' Type="http://x/worksheet" Target="worksheets/sheet1.xml"',
    ' x:ref="A1" ref="B2"',
    ' a="&lt;&#x41;&#66;"',
]
_ATTRIBUTES = st.one_of(
    st.sampled_from(_GOOD_ATTRIBUTES),
    st.sampled_from(_GOOD_ATTRIBUTES + [' a="&e;"', ' b="1" b="2"', " c=unquoted"]),
)
_TEXT = st.one_of(
    st.sampled_from(["", "tekst", "&amp;", "<![CDATA[<x>]]>", "<!-- c -->", "<?pi x?>"]),
    st.just("&e;"),
)


@st.composite
def _documents(draw: st.DrawFn) -> bytes:
    namespaces = f' xmlns="{REL_NS}" xmlns:r="urn:r" xmlns:x="urn:x"'
    if draw(st.integers(0, 3)) < 3:
        namespaces += ' xmlns:y="urn:y"'  # else y: is an undeclared prefix

    def element(depth: int) -> str:
        tag = draw(st.sampled_from(["r", "x:sheet", "Relationship", "y:tableColumn"]))
        attributes = "".join(draw(st.lists(_ATTRIBUTES, max_size=3)))
        if depth == 0:
            attributes += namespaces
        children = (
            "".join(element(depth + 1) for _ in range(draw(st.integers(0, 3)))) if depth < 3 else ""
        )
        if not children and draw(st.booleans()):
            return f"<{tag}{attributes}/>"
        return f"<{tag}{attributes}>{draw(_TEXT)}{children}</{tag}>"

    text = draw(_PROLOG) + element(0)
    cut = draw(st.integers(1, len(text))) if draw(st.integers(0, 3)) == 3 else None
    if cut is not None:  # damaged: cut short or a character dropped
        text = text[:cut] + (text[cut + 1 :] if draw(st.booleans()) else "")
    encoding = draw(st.sampled_from(["utf-8", "utf-16"]))
    return text.encode(encoding)


@settings(max_examples=400, deadline=None)
@given(data=_documents())
def test_parts_parse_and_are_refused_exactly_as_with_defusedxml(data: bytes) -> None:
    assert _outcome(parse_xml, data) == _outcome(_defused, data)


@pytest.mark.parametrize(
    "data",
    [
        b'<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><r>&b;</r>',
        b'<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>',
        '<!DOCTYPE r [<!ENTITY a "x">]><r/>'.encode("utf-16-be"),  # no BOM
    ],
)
def test_dtds_and_entities_are_forbidden(data: bytes) -> None:
    with pytest.raises(DefusedXmlException):
        parse_xml(data)


def test_index_of_a_workbook_equals_the_index_built_with_defusedxml(
    sheets: Sheets, write: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(sheets)
    with zipfile.ZipFile(path) as zf:
        fast = index_package(zf, path, zf.read)
        monkeypatch.setattr(read_package, "parse_xml", _defused)
        reference = index_package(zf, path, zf.read)
    assert fast == reference
    assert len(fast.sheets) > 3 and fast.tables


def test_a_relationships_part_with_a_dtd_is_refused_as_before(
    sheets: Sheets, write: Any, tmp_path: Path
) -> None:
    rels = (
        (
            b'<?xml version="1.0"?><!DOCTYPE Relationships '
            b'[<!ENTITY x "y">]><Relationships xmlns="' + REL_NS.encode() + b'"/>'
        )
        .decode("utf-8")
        .encode("utf-16-be")
    )  # UTF-16 without a BOM: only expat sees the DTD
    path = with_part(write(sheets), "xl/_rels/workbook.xml.rels", rels)
    from plan_xl.workbook.reader import read_workbook

    with pytest.raises(WorkbookReadError) as error:
        read_workbook(path)
    assert error.value.status == "unreadable"
    assert error.value.key == "reader.xml_doctype"
