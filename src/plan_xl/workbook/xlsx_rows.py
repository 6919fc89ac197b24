"""Split a worksheet part into head, rows and tail while reading it in chunks.

The annotated-copy writer changes one cell per row of a table that may hold
50,000 rows; parsing the whole sheet into a tree costs about a gigabyte. This
scanner finds the ``<row>`` elements at byte level (``<`` never appears raw in
XML text or attribute values, so ``</row>`` cannot hide inside a cell) and
hands out one row at a time, so memory stays bounded by a chunk plus a row.

Anything the scanner does not understand with certainty — a comment, CDATA,
processing instruction or stray text between or inside rows, a self-closing or
missing ``<sheetData>``, a truncated part — raises :class:`StreamUnsupported`;
the caller then falls back to the tree-based edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

CHUNK_SIZE = 1 << 20

# A start tag with any attributes; quoted values may hold '>' (XML allows it).
_ATTRS = rb"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_ROOT_START = re.compile(rb"<(?![?!])([A-Za-z_][\w.:-]*)" + _ATTRS + rb">")
_SHEET_DATA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData\b" + _ATTRS + rb">")
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")
_WHITESPACE = re.compile(rb"[ \t\r\n]*")
_TRICKY = (b"<!--", b"<![CDATA[", b"<?")


class StreamUnsupported(Exception):
    """The part holds XML the byte-level scanner does not handle; use the tree path."""


@dataclass(frozen=True)
class SheetHead:
    """Everything up to and including the ``<sheetData>`` start tag."""

    data: bytes
    prefix: bytes  # namespace prefix of the cell elements with its colon, usually b""
    root_start: bytes  # the root's start tag, verbatim (namespace declarations)
    root_end: bytes  # the matching end tag

    def wrap(self, fragment: bytes) -> bytes:
        """A fragment inside the root element, so its namespace prefixes resolve."""
        return self.root_start + fragment + self.root_end

    def unwrap(self, document: bytes) -> bytes:
        """The inverse of :meth:`wrap` for a serialised wrapper (root start tag has no '>')."""
        return document[document.index(b">") + 1 : document.rindex(b"</")]


@dataclass(frozen=True)
class SheetRow:
    before: bytes  # whitespace between the previous row (or the start tag) and this row
    data: bytes  # the whole <row> element
    number: int | None  # its ``r`` attribute, None when implicit


class SheetRowScanner:
    """Read a worksheet part once: :meth:`head`, then :meth:`rows`, then :meth:`tail`."""

    def __init__(self, source: IO[bytes], chunk_size: int | None = None) -> None:
        self._source = source
        self._chunk_size = chunk_size or CHUNK_SIZE
        self._buf = b""
        self._pos = 0
        self._eof = False
        self._row_start: re.Pattern[bytes] | None = None
        self._row_open = b""
        self._row_end = b""
        self._data_end = b""

    def _more(self) -> bool:
        """Append the next chunk to the unread rest of the buffer; False at the end."""
        if self._eof:
            return False
        chunk = self._source.read(self._chunk_size)
        if not chunk:
            self._eof = True
            return False
        self._buf = self._buf[self._pos :] + chunk
        self._pos = 0
        return True

    def head(self) -> SheetHead:
        while True:
            found = _SHEET_DATA.search(self._buf)
            if found is not None:
                break
            if not self._more():
                raise StreamUnsupported("no <sheetData> start tag")
        if found.group(0).endswith(b"/>"):
            raise StreamUnsupported("self-closing <sheetData/>")
        data = self._buf[: found.end()]
        root = _ROOT_START.search(data)
        if root is None or root.group(0).endswith(b"/>") or root.start() >= found.start():
            raise StreamUnsupported("no root element before <sheetData>")
        prefix = found.group(1)
        self._row_start = re.compile(b"<" + re.escape(prefix) + rb"row\b" + _ATTRS + rb">")
        self._row_open = b"<" + prefix + b"row"
        self._row_end = b"</" + prefix + b"row"
        self._data_end = b"</" + prefix + b"sheetData"
        self._pos = found.end()
        return SheetHead(data, prefix, root.group(0), b"</" + root.group(1) + b">")

    def rows(self) -> Iterator[SheetRow]:
        """Each ``<row>`` in document order; stops before ``</sheetData>``."""
        if self._row_start is None:
            raise RuntimeError("head() must be read first")
        while True:
            row = self._next_row()
            if row is None:
                return
            yield row

    def _next_row(self) -> SheetRow | None:
        assert self._row_start is not None
        while True:
            space = _WHITESPACE.match(self._buf, self._pos)
            assert space is not None
            start = space.end()
            rest = len(self._buf) - start
            if rest >= len(self._data_end) + 1:
                if self._buf.startswith(self._data_end, start):
                    return None
                tag = self._row_start.match(self._buf, start)
                if tag is not None:
                    row = self._complete_row(start, tag.end(), tag.group(0))
                    if row is not None:
                        return row
                elif not self._buf.startswith(self._row_open, start):
                    raise StreamUnsupported("unexpected content between rows")
            if not self._more():
                raise StreamUnsupported("part ends inside <sheetData>")

    def _complete_row(self, start: int, tag_end: int, tag: bytes) -> SheetRow | None:
        """The row starting at ``start`` if it is wholly in the buffer, else None."""
        if tag.endswith(b"/>"):
            end = tag_end
        else:
            close = self._buf.find(self._row_end, tag_end)
            if close < 0:
                return None
            gt = self._buf.find(b">", close)
            if gt < 0:
                return None
            if self._buf[close + len(self._row_end) : gt].strip():
                raise StreamUnsupported("malformed row end tag")
            end = gt + 1
        data = self._buf[start:end]
        if any(marker in data for marker in _TRICKY):
            raise StreamUnsupported("comment, CDATA or instruction inside a row")
        before = self._buf[self._pos : start]
        self._pos = end
        number = _ROW_NUMBER.search(tag)
        return SheetRow(before, data, int(number.group(1)) if number else None)

    def tail(self) -> Iterator[bytes]:
        """``</sheetData>`` and everything after it, in chunks."""
        yield self._buf[self._pos :]
        self._buf, self._pos = b"", 0
        while True:
            chunk = self._source.read(self._chunk_size)
            if not chunk:
                return
            yield chunk
