"""The Stata writer (analysis.stata): files that pandas' reader (a strict reader of the format) reads back as written."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import polars as pl
import pytest

from analysis import stata


def _read(path):
    with pd.io.stata.StataReader(path) as reader:
        frame = reader.read()
        return frame, reader.variable_labels(), reader.data_label, reader.value_labels()


@pytest.fixture
def frame():
    return pl.DataFrame({
        "name": ["平潭综合实验区公安局", None, "", "A"],
        "small": [1, 2, 100, -5],  # fits a Stata byte
        "medium": [1, 20000, 3, 4],  # an int
        "large": [1, 2_000_000_000, 3, 4],  # a long
        "huge": [1, 3_000_000_000, 3, 4],  # only a double holds it
        "with_null": [1, None, 3, 4],
        "ratio": [0.5, None, float("nan"), 2.25],
        "kind": ["reported", "blank", None, "reported"],
    })


def test_every_column_reads_back_as_written(frame, tmp_path):
    stata.write(frame, tmp_path / "f.dta", labels={"name": "发布机构 issuer"}, value_labelled={"kind"}, label="面板 panel")
    back, labels, data_label, value_labels = _read(tmp_path / "f.dta")
    assert list(back.columns) == frame.columns
    assert back["name"].tolist() == ["平潭综合实验区公安局", "", "", "A"]  # Stata's missing string is ""
    for col in ("small", "medium", "large", "huge"):
        assert back[col].tolist() == frame[col].to_list()
    assert back["with_null"].isna().tolist() == [False, True, False, False]
    assert back["ratio"].isna().tolist() == [False, True, True, False] and back["ratio"][3] == 2.25
    assert back["kind"].astype(str).tolist() == ["reported", "blank", "", "reported"]
    assert value_labels["kind"] == {0: "", 1: "blank", 2: "reported"}
    assert labels == {"name": "发布机构 issuer", "small": "", "medium": "", "large": "", "huge": "", "with_null": "",
                      "ratio": "", "kind": ""}
    assert data_label == "面板 panel" == stata.data_label(tmp_path / "f.dta")


def test_integer_columns_take_the_smallest_type_that_holds_them(frame, tmp_path):
    stata.write(frame, tmp_path / "f.dta", labels={})
    with pd.io.stata.StataReader(tmp_path / "f.dta") as reader:
        reader.read()
        types = dict(zip(reader._varlist, reader._typlist))
    assert types["small"] == "b" and types["medium"] == "h" and types["large"] == "l" and types["huge"] == "d"


def test_strings_longer_than_2045_bytes_become_strls_stored_once(tmp_path):
    long_text = "报告" * 1500  # 9,000 bytes
    df = pl.DataFrame({"ids": [long_text, "short", long_text, None, long_text + "x"], "n": [1, 2, 3, 4, 5]})
    stata.write(df, tmp_path / "s.dta", labels={})
    back, *_ = _read(tmp_path / "s.dta")
    assert back["ids"].tolist() == [long_text, "short", long_text, "", long_text + "x"]
    assert back["n"].tolist() == [1, 2, 3, 4, 5]
    assert (tmp_path / "s.dta").stat().st_size < 2 * len(long_text.encode()) + 9_000 + 2_000  # the repeated text once


def test_many_categories_need_a_wider_code_than_a_byte(tmp_path):
    codes = [f"{k:06d}" for k in range(300)]
    stata.write(pl.DataFrame({"adcode": codes}), tmp_path / "c.dta", labels={}, value_labelled={"adcode"})
    back, *_ = _read(tmp_path / "c.dta")
    assert back["adcode"].astype(str).tolist() == codes


def test_an_empty_frame_still_has_its_columns(tmp_path):
    df = pl.DataFrame(schema={"a": pl.String, "b": pl.Int64, "c": pl.Float64})
    stata.write(df, tmp_path / "e.dta", labels={"a": "x"}, value_labelled={"a"})
    back, labels, *_ = _read(tmp_path / "e.dta")
    assert list(back.columns) == ["a", "b", "c"] and len(back) == 0 and labels["a"] == "x"


def test_same_file_as_pandas_writer_reads_back(tmp_path):
    """Cross-check with pandas' own writer: both files read back to the same frame."""
    df = pl.DataFrame({"s": ["甲", "乙乙", ""], "x": [1.5, None, 3.0], "k": ["a", "b", "a"]})
    stata.write(df, tmp_path / "ours.dta", labels={"s": "名"}, value_labelled={"k"}, time_stamp=datetime(2026, 1, 2, 3, 4))
    ref = df.to_pandas()
    ref["k"] = pd.Categorical(ref["k"])
    ref["s"] = ref["s"].astype(object)
    ref.to_stata(tmp_path / "pandas.dta", write_index=False, version=118, variable_labels={"s": "名"})
    ours, pandas_ = pd.read_stata(tmp_path / "ours.dta"), pd.read_stata(tmp_path / "pandas.dta")
    assert ours.astype(str).equals(pandas_.astype(str))


def test_a_column_with_no_stata_type_is_refused_by_name(tmp_path):
    with pytest.raises(TypeError, match="column when"):
        stata.write(pl.DataFrame({"when": [datetime(2020, 1, 1)]}), tmp_path / "d.dta", labels={})
    assert not (tmp_path / "d.dta").exists()


def test_several_strl_columns_keep_their_own_strings(tmp_path):
    a, b = "甲" * 800, "乙b" * 700  # 2,400 and 2,800 bytes
    df = pl.DataFrame({"x": [a, None, a + "1", ""], "y": ["", b, b, "短"], "n": [1.5, None, 3.0, 4.0]})
    stata.write(df, tmp_path / "m.dta", labels={})
    back, *_ = _read(tmp_path / "m.dta")
    assert back["x"].tolist() == [a, "", a + "1", ""] and back["y"].tolist() == ["", b, b, "短"]
    assert back["n"].tolist()[0] == 1.5 and back["n"].isna().tolist() == [False, True, False, False]
