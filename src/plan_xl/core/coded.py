"""Text columns factorised once: codes per row into distinct values, with the
text and comparison key of each distinct value worked out once.

Rules and budget summaries ask many questions of the same few text columns
(action codes, themes, cost types); :class:`CodedColumn` answers them per
distinct value instead of per row. :class:`KeyGroups` groups rows by
comparison key (case- and space-insensitive, :func:`plan_xl.core.amounts.key_of`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from plan_xl.core.values import as_text

_NUMBER_TYPES = (int, float, np.integer, np.floating)


@dataclass(frozen=True)
class CodedColumn:
    """A column factorised once: ``codes`` per row (-1 for blanks) into distinct
    values; their text and comparison keys are computed once per distinct value."""

    index: pd.Index
    codes: np.ndarray
    uniques: np.ndarray  # distinct raw values
    _cache: dict[str, np.ndarray] = field(default_factory=dict)

    def texts(self) -> np.ndarray:
        """Text per distinct value, plus '' last (what code -1 picks)."""
        if "text" not in self._cache:
            uniques = self.uniques.tolist()
            texts = _texts_of_strings(uniques)
            if texts is None:
                texts = [_text_of(u) for u in uniques]
            self._cache["text"] = object_array([*texts, ""])
        return self._cache["text"]

    def keys(self) -> np.ndarray:
        """Comparison key (:func:`key_of`) per distinct value, plus '' last."""
        if "key" not in self._cache:
            self._cache["key"] = object_array(_keys_of_texts(self.texts().tolist()))
        return self._cache["key"]

    def text(self) -> pd.Series:
        return pd.Series(self.texts()[self.codes], index=self.index, dtype=object)

    def blank(self) -> pd.Series:
        """Rows whose text is '' (without computing the text of every distinct value)."""
        return pd.Series(self.blank_mask(), index=self.index, dtype=bool)

    def blank_mask(self) -> np.ndarray:
        """:meth:`blank` as a boolean array by row position."""
        if "text" in self._cache:
            blank_unique = self._cache["text"] == ""
        elif pd.api.types.infer_dtype(self.uniques, skipna=False) == "string":
            # Text only: blank when empty or all whitespace (what as_text makes '').
            n = len(self.uniques)
            empty = np.fromiter(map(len, self.uniques), dtype=np.int64, count=n) == 0
            spaces = np.fromiter(map(str.isspace, self.uniques), dtype=bool, count=n)
            blank_unique = np.append(empty | spaces, True)
        else:
            blank_unique = np.fromiter(
                (not u.strip() if u.__class__ is str else as_text(u) == "" for u in self.uniques),
                dtype=bool,
                count=len(self.uniques),
            )
            blank_unique = np.append(blank_unique, True)
        return np.asarray(blank_unique[self.codes], dtype=bool)

    def key(self) -> pd.Series:
        return pd.Series(self.keys()[self.codes], index=self.index, dtype=object)


def _text_of(value: Any) -> str:
    """:func:`as_text` (text is trimmed with its inner runs of spaces made one)."""
    if value.__class__ is str:
        return " ".join(value.split())  # what as_text gives for str, blanks included
    return as_text(value)


def _key_of_text(text: str) -> str:
    """:func:`key_of` of a text made by :func:`as_text`.

    Such a text has no leading, trailing or repeated whitespace and no other
    whitespace than single spaces (no no-break space), so ``normalise_header``
    comes down to its apostrophe replacement and ``casefold``.
    """
    return text.replace("\u2019", "'").casefold()


# Joins the distinct values of a column so that str methods run once over all
# of them (a column of 500 action codes: one call instead of 500). It is not
# whitespace, so split() and strip() leave it alone; a value that holds it
# makes the joined text split into more parts, and the caller notices.
_SEPARATOR = "\x00"


def _split_joined(joined: str, count: int) -> list[str] | None:
    """``joined`` split at :data:`_SEPARATOR` into ``count`` parts, None if it has more."""
    parts = joined.split(_SEPARATOR)
    return parts if len(parts) == count else None


def _texts_of_strings(values: list[Any]) -> list[str] | None:
    """:func:`_text_of` of every value when all are plain ``str`` (None otherwise).

    Collapsing the whitespace of the joined text collapses it inside every
    value; a value's own leading or trailing run becomes one space next to a
    separator, which ``strip`` removes (as ``" ".join(value.split())`` would).
    """
    if not values or set(map(type, values)) != {str}:
        return None
    parts = _split_joined(" ".join(_SEPARATOR.join(values).split()), len(values))
    return None if parts is None else list(map(str.strip, parts))


def _keys_of_texts(texts: list[str]) -> list[str]:
    """:func:`_key_of_text` of every text (texts made by :func:`as_text`).

    ``casefold`` and ``replace`` work character by character, so running them
    once over the joined texts gives every text's own result.
    """
    joined = _SEPARATOR.join(texts).replace("\u2019", "'").casefold()
    parts = _split_joined(joined, len(texts)) if texts else []
    return parts if parts is not None else [_key_of_text(t) for t in texts]


def blank_cells(raw: np.ndarray) -> np.ndarray:
    """Cells whose text (:func:`as_text`) is '', by position, without factorising.

    Plain non-blank text is settled by one test per cell; only the other cells
    (None, '', spaces, numbers, dates ...) go through :func:`as_text`.
    """
    cells = raw.tolist()
    n = len(cells)
    try:  # text only, none of it all spaces (any() stops early only on a space cell) ...
        spaced = any(map(str.isspace, cells))
    except TypeError:  # something else than text (None, numbers ...)
        spaced = True
    mask = np.zeros(n, dtype=bool)
    if not spaced and all(cells):  # ... and none of it '': nothing is blank
        return mask
    for i, v in enumerate(cells):
        if not (v.__class__ is str and v and not v.isspace()) and as_text(v) == "":
            mask[i] = True
    return mask


def object_array(items: list[Any]) -> np.ndarray:
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _merges_booleans(uniques: np.ndarray) -> bool:
    """True when factorising may have merged True/False with 1/0 (equal hashes)."""
    if pd.api.types.infer_dtype(uniques, skipna=True) in ("string", "empty"):
        return False
    return any(
        u.__class__ is bool or (isinstance(u, _NUMBER_TYPES) and (u == 0 or u == 1))
        for u in uniques
    )


def code_column(raw: np.ndarray, index: pd.Index) -> CodedColumn:
    """Factorise raw cell values (booleans kept apart from 1/0, as their text differs)."""
    try:
        codes, uniques = pd.factorize(raw, use_na_sentinel=True)
        if _merges_booleans(uniques):
            # Booleans hash equal to 1/0, so they are turned into text before factorising.
            fixed = object_array([as_text(v) if isinstance(v, bool) else v for v in raw])
            codes, uniques = pd.factorize(fixed, use_na_sentinel=True)
    except TypeError:  # unhashable raw values: every row its own value
        codes, uniques = np.arange(len(raw)), object_array(list(raw))
    return CodedColumn(index, np.asarray(codes), np.asarray(uniques, dtype=object))


def map_unique(series: pd.Series, fn: Callable[[Any], Any]) -> pd.Series:
    """``fn`` applied once per distinct value (columns repeat a few values a lot).

    The result keeps object dtype (plain Python values, fast to iterate).
    """
    if series.empty:
        return series.copy()
    raw = series.to_numpy(dtype=object)
    try:
        codes, uniques = pd.factorize(raw, use_na_sentinel=False)
    except TypeError:
        return pd.Series([fn(v) for v in raw], index=series.index, dtype=object)
    if _merges_booleans(uniques):
        mapping = {value: fn(value) for value in pd.unique(raw)}
        return pd.Series(series.map(mapping), index=series.index, dtype=object)
    mapped = object_array([fn(u) for u in uniques])
    return pd.Series(mapped[codes], index=series.index, dtype=object)


@dataclass(frozen=True)
class KeyGroups:
    """The rows of a column grouped by comparison key (:func:`key_of` of the text).

    ``ids[i]`` is the group of row position ``i``; ``keys[g]`` the key of group
    ``g`` (blank cells have key ''). A group may have no rows.
    """

    ids: np.ndarray
    keys: list[str]

    def mask(self, predicate: Callable[[str], bool]) -> np.ndarray:
        """Rows whose key satisfies ``predicate`` (called once per key)."""
        per_key = np.fromiter(map(predicate, self.keys), dtype=bool, count=len(self.keys))
        return per_key[self.ids]

    def first_positions(self) -> np.ndarray:
        """Row position of the first row of every group that has rows, in row order."""
        _, first = np.unique(self.ids, return_index=True)
        first.sort()
        return first


def key_groups_of(coded: CodedColumn) -> KeyGroups:
    keys_per_value = coded.keys()  # distinct values, '' (blank) last
    # Keys are plain str (never missing): groups in order of first appearance.
    per_value, keys = pd.factorize(keys_per_value)
    codes = coded.codes
    ids = np.asarray(per_value, dtype=np.int64)[np.where(codes < 0, len(keys_per_value) - 1, codes)]
    return KeyGroups(ids, keys.tolist())
