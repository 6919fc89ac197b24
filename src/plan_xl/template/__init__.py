"""The template builder: the blank plan workbook, a client profile, the example.

``build_workbook(out, example=..., profile=..., lang=...)`` is the one entry
point; everything it writes is named by :mod:`plan_xl.contract`.
"""

from plan_xl.template.builder import build_workbook, rebuild_committed, workbook_content
from plan_xl.template.content import WorkbookContent
from plan_xl.template.example import ExampleData, example_data
from plan_xl.template.profile import Profile, load_profile

__all__ = [
    "ExampleData",
    "Profile",
    "WorkbookContent",
    "build_workbook",
    "example_data",
    "load_profile",
    "rebuild_committed",
    "workbook_content",
]
