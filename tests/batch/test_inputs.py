"""Which files a batch picks up, how they are named in the report, where copies go."""

from __future__ import annotations

from pathlib import Path

from plan_xl.batch.inputs import copy_names, display_names, expand_inputs, plan_inputs


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


def test_a_folder_is_searched_recursively_for_xlsx_and_xlsm(tmp_path: Path) -> None:
    a = _touch(tmp_path / "in" / "a.xlsx")
    b = _touch(tmp_path / "in" / "sub" / "b.XLSM")
    _touch(tmp_path / "in" / "notes.txt")
    _touch(tmp_path / "in" / "old.xls")
    files, missing = expand_inputs([tmp_path / "in"])
    assert files == [a.resolve(), b.resolve()]
    assert missing == []


def test_lock_files_and_our_own_annotated_copies_are_skipped(tmp_path: Path) -> None:
    a = _touch(tmp_path / "a.xlsx")
    _touch(tmp_path / "~$a.xlsx")
    _touch(tmp_path / "a.gecontroleerd.xlsx")
    _touch(tmp_path / "b.gecontroleerd.xlsm")
    files, _ = expand_inputs([tmp_path])
    assert files == [a.resolve()]


def test_glob_patterns_are_expanded_and_a_named_file_is_always_taken(tmp_path: Path) -> None:
    a = _touch(tmp_path / "x" / "a.xlsx")
    b = _touch(tmp_path / "y" / "b.xlsx")
    text = _touch(tmp_path / "renamed.txt")
    files, _ = expand_inputs([str(tmp_path / "*" / "*.xlsx"), text])
    assert files == [a.resolve(), b.resolve(), text.resolve()]


def test_duplicates_are_checked_once(tmp_path: Path) -> None:
    a = _touch(tmp_path / "a.xlsx")
    files, _ = expand_inputs([a, tmp_path, str(tmp_path / "*.xlsx")])
    assert files == [a.resolve()]


def test_an_input_that_matches_nothing_is_listed_as_missing(tmp_path: Path) -> None:
    files, missing = expand_inputs([tmp_path / "nope.xlsx", str(tmp_path / "*.xlsm")])
    assert files == []
    assert [p.name for p in missing] == ["nope.xlsx", "*.xlsm"]


def test_the_output_folder_inside_an_input_folder_is_not_checked_again(tmp_path: Path) -> None:
    a = _touch(tmp_path / "a.xlsx")
    _touch(tmp_path / "rapport-map" / "rapport.xlsx")
    _touch(tmp_path / "rapport-map" / "earlier-copy.xlsx")
    files, _ = expand_inputs([tmp_path], exclude=tmp_path / "rapport-map")
    assert files == [a.resolve()]


def test_reports_are_skipped_when_output_and_input_folder_are_the_same(tmp_path: Path) -> None:
    a = _touch(tmp_path / "a.xlsx")
    _touch(tmp_path / "rapport.xlsx")
    files, _ = expand_inputs([tmp_path], exclude=tmp_path)
    assert files == [a.resolve()]


def test_two_inputs_with_the_same_name_get_distinct_copy_names() -> None:
    names = copy_names(
        [Path("/a/plan.xlsx"), Path("/b/plan.xlsx"), Path("/c/PLAN.xlsx"), Path("/d/m.xlsm")]
    )
    assert names == [
        "plan.gecontroleerd.xlsx",
        "plan (2).gecontroleerd.xlsx",
        "PLAN (3).gecontroleerd.xlsx",
        "m.gecontroleerd.xlsm",
    ]
    assert len({n.casefold() for n in names}) == len(names)


def test_files_are_shown_relative_to_their_common_folder() -> None:
    shown = display_names([Path("/in/gemeente-a/plan.xlsx"), Path("/in/gemeente-b/plan.xlsx")])
    assert shown == ["gemeente-a/plan.xlsx", "gemeente-b/plan.xlsx"]


def test_plan_inputs_lists_found_files_then_missing_ones(tmp_path: Path) -> None:
    _touch(tmp_path / "a.xlsx")
    items = plan_inputs([tmp_path / "gone.xlsx", tmp_path / "a.xlsx"], tmp_path / "out")
    assert [(i.display, i.exists) for i in items] == [("a.xlsx", True), ("gone.xlsx", False)]
    assert items[0].copy_name == "a.gecontroleerd.xlsx"
