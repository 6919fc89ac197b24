"""JSON text for reports: the CLI's ``--format json``, the demo and the batch's rapport.json.

Written by orjson, which renders the 5 MB report of a 50,000-line workbook in
~0.005 s where the standard library's indented ``json.dumps`` takes ~0.15 s.
The text is the same as ``json.dumps(data, ensure_ascii=False, indent=2)``
(tests compare both) for every number plan-xl writes; a float in exponent form
(below 1e-4 or from 1e16) is spelt ``1e-7`` instead of ``1e-07``, the same
value. NaN and infinities, which are not JSON, are written as ``null``.
Whatever orjson refuses (an integer beyond 64 bits, an unexpected type) is
written by the standard library instead.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

# Reports have text keys only; orjson writes those a third faster without
# OPT_NON_STR_KEYS (0.29 against 0.44 ms for the 5,000-line report). A non-text
# key makes that attempt fail, and the document is written again with the option.
_TEXT_KEYS = orjson.OPT_INDENT_2
_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS


def dumps(data: Any) -> str:
    """``data`` as indented JSON text with non-ASCII characters kept as they are."""
    try:
        return orjson.dumps(data, option=_TEXT_KEYS).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError is a TypeError: a non-text key, or worse
        pass
    try:
        return orjson.dumps(data, option=_OPTIONS).decode("utf-8")
    except TypeError:
        return json.dumps(data, ensure_ascii=False, indent=2)
