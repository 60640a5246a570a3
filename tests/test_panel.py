"""The panel: one row per issuer and reporting year, a written rule when several reports compete, and a Stata file with labels."""

from __future__ import annotations

import polars as pl
import pytest

from analysis import panel
from analysis.schema import PANEL, PANEL_KINDS

DOC_COLS = {"report_id": pl.String, "source_path": pl.String, "status": pl.String, "title": pl.String, "issuer": pl.String,
            "jurisdiction": pl.String, "adcode": pl.String, "admin_level": pl.String, "province": pl.String, "prefecture": pl.String,
            "year": pl.Int64, "template": pl.String, "days_late": pl.Int64, "n_chars": pl.Int64}


def _doc(rid, path, issuer="某县财政局", year=2021, title=None, adcode="350128", jurisdiction="某县", n_chars=1000, status="ok"):
    return {"report_id": rid, "source_path": path, "status": status, "title": title, "issuer": issuer, "jurisdiction": jurisdiction,
            "adcode": adcode, "admin_level": "department", "province": "福建省", "prefecture": "福州市", "year": year,
            "template": "2021", "days_late": 3, "n_chars": n_chars}


def _fig(rid, indicator, value, kind="reported", source="table", breakdown="total"):
    return {"report_id": rid, "indicator": indicator, "breakdown": breakdown if indicator == "requests_received" else None,
            "value": value if kind in ("reported", "zero_stated") else None, "value_kind": kind, "source": source}


def _frames(docs, figs):
    return pl.DataFrame(docs, schema=DOC_COLS), pl.DataFrame(figs, schema={"report_id": pl.String, "indicator": pl.String, "breakdown": pl.String,
                                                                          "value": pl.Float64, "value_kind": pl.String, "source": pl.String})


@pytest.mark.parametrize("title, body", [
    ("2024 年上海市科委政府信息公开工作年度报告", "上海市科委"),
    ("平潭县质量技术监督局2010年度信息公开年度报告", "平潭县质量技术监督局"),
    ("沙依巴克区2017年政府信息公开工作年度报告", "沙依巴克区"),
    ("关于印发工作要点的通知", None),  # names no report
    (None, None),
])
def test_the_body_a_title_names(title, body):
    assert panel.body_from_title(title) == body


def test_one_row_per_issuer_and_year_the_report_with_more_table_figures_chosen():
    docs, figs = _frames(
        [_doc("a", "x/033.txt", n_chars=5000), _doc("b", "x/033.body.html", n_chars=4000), _doc("c", "x/034.txt", year=2022)],
        [_fig("a", "requests_received", 8, source="prose"), _fig("b", "requests_received", 8), _fig("b", "outcome_granted", 3),
         _fig("c", "requests_received", 2)],
    )
    p = panel.build_panel(docs, figs)
    assert p.select("panel_id", "year").rows() == [("350128:某县财政局", 2021), ("350128:某县财政局", 2022)]
    row = p.row(0, named=True)
    assert row["report_id"] == "b" and row["n_reports"] == 2 and row["report_ids"] == "b a"  # b states its figures in tables
    assert row["source_path"] == "x/033.body.html" and row["n_table_figures"] == 2 and row["n_conflicting"] == 0
    assert row["requests"] == 8 and row["granted"] == 3 and row["refused_kind"] == "not_stated" and row["refused"] is None


def test_reports_that_disagree_are_counted_never_averaged():
    docs, figs = _frames(
        [_doc("a", "a.txt"), _doc("b", "b.txt")],
        [_fig("a", "requests_received", 10), _fig("a", "outcome_granted", 4), _fig("a", "review_total", 1),
         _fig("b", "requests_received", 12), _fig("b", "outcome_granted", 4)],
    )
    row = panel.build_panel(docs, figs).row(0, named=True)
    assert row["report_id"] == "a" and row["requests"] == 10 and row["n_conflicting"] == 1  # 10 vs 12; granted agrees


def test_conflicts_count_columns_where_any_other_report_differs_in_each_group_of_several():
    docs, figs = _frames(
        [_doc("a", "a.txt"), _doc("b", "b.txt"), _doc("c", "c.txt"),  # three reports of one issuer and year
         _doc("d", "d.txt", year=2022), _doc("e", "e.txt", year=2022), _doc("f", "f.txt", issuer="某县教育局")],
        [_fig("a", "requests_received", 10), _fig("a", "outcome_granted", 4), _fig("a", "review_total", 1),
         _fig("b", "requests_received", 12), _fig("b", "outcome_granted", 4),  # differs from a in requests only
         _fig("c", "requests_received", 10), _fig("c", "outcome_granted", 5),  # and c in granted: two columns in all
         _fig("d", "requests_received", 3), _fig("e", "requests_received", 3), _fig("e", "outcome_granted", 1)],  # a blank is no conflict
    )
    p = panel.build_panel(docs, figs).sort("issuer", "year")
    assert p.select("report_id", "n_reports", "n_conflicting").rows() == [("f", 1, 0), ("a", 3, 2), ("e", 2, 0)]
    assert p.filter(pl.col("report_id") == "a")["report_ids"].item() == "a b c"


def test_without_any_figure_in_tables_the_longer_text_then_the_first_file_wins():
    docs, figs = _frames([_doc("a", "a.txt", n_chars=10), _doc("b", "b.txt", n_chars=20), _doc("c", "c.txt", year=2020), _doc("d", "d.txt", year=2020)], [])
    p = panel.build_panel(docs, figs)
    assert dict(p.select("year", "report_id").iter_rows()) == {2020: "c", 2021: "b"}


def test_issuers_not_signed_are_named_from_the_title_then_the_jurisdiction():
    docs, figs = _frames(
        [_doc("a", "a.txt", issuer=None, title="某县教育局2019年政府信息公开工作年度报告"), _doc("b", "b.txt", issuer=None, title=None),
         _doc("c", "c.txt", issuer="某县 财政局"), _doc("d", "d.txt", year=None), _doc("e", "e.txt", status="error")],
        [],
    )
    p = panel.build_panel(docs, figs)
    assert dict(p.select("report_id", "issuer").iter_rows()) == {"a": "某县教育局", "b": "某县", "c": "某县财政局"}
    assert dict(p.select("report_id", "issuer_source").iter_rows()) == {"a": "title", "b": "jurisdiction", "c": "issuer"}


def test_namesake_issuers_of_different_places_are_different_rows():
    docs, figs = _frames([_doc("a", "a.txt", issuer="鼓楼区人民政府", adcode="350102"), _doc("b", "b.txt", issuer="鼓楼区人民政府", adcode="320106")], [])
    assert panel.build_panel(docs, figs)["n_reports"].to_list() == [1, 1]


def test_refusals_of_the_2021_table_are_the_sum_of_the_eight_reasons_or_say_they_are_incomplete():
    from analysis.aggregates import DENIED_2021

    docs, figs = _frames(
        [_doc("a", "a.txt"), _doc("b", "b.txt", year=2022), _doc("c", "c.txt", year=2023)],
        [_fig("a", r, 1) for r in DENIED_2021]
        + [_fig("b", r, 1) for r in DENIED_2021[:-1]] + [_fig("b", DENIED_2021[-1], None, kind="blank")]
        + [_fig("c", "outcome_denied", 0, kind="zero_stated", source="prose")],
    )
    p = panel.build_panel(docs, figs)
    assert p.select("year", "refused", "refused_kind").rows() == [
        (2021, 8.0, "sum_of_parts"), (2022, None, "parts_incomplete"), (2023, 0.0, "zero_stated")]


def test_a_stated_figure_beats_a_blank_cell_and_a_table_beats_prose():
    docs, figs = _frames(
        [_doc("a", "a.txt"), _doc("b", "b.txt", year=2022)],
        [_fig("a", "review_total", None, kind="blank"), _fig("a", "review_total", 0, kind="zero_stated", source="prose"),
         _fig("b", "review_total", 2, source="prose"), _fig("b", "review_total", 3)],
    )
    p = panel.build_panel(docs, figs)
    assert p.select("reviews", "reviews_kind").rows() == [(0.0, "zero_stated"), (3.0, "reported")]


def test_the_shipped_corpus_has_one_row_per_issuer_and_year(seeds_build):
    p, docs = seeds_build["panel"], seeds_build["documents"]
    assert p.height == p.select("panel_id", "year").n_unique()
    ok = docs.filter((pl.col("status") == "ok") & pl.col("year").is_not_null())
    assert p["n_reports"].sum() == ok.height  # every report with a year is behind exactly one row
    # pingtan/033 is one report twice (page text and HTML): one row, both files named
    row = p.filter(pl.col("report_ids").str.contains(" ") & (pl.col("year") == 2020)).row(0, named=True)
    ids = dict(docs.select("source_path", "report_id").iter_rows())
    assert set(row["report_ids"].split()) == {ids["pingtan/033.txt"], ids["pingtan/033.body.html"]} and row["n_reports"] == 2


def test_panel_dta_loads_in_pandas_with_bilingual_labels(seeds_build, tmp_path):
    import pandas as pd

    path = tmp_path / "panel.dta"
    panel.write_dta(seeds_build["panel"], path)
    frame = pd.read_stata(path)
    assert list(frame.columns) == [c.name for c in PANEL.columns] and len(frame) == seeds_build["panel"].height
    with pd.io.stata.StataReader(path) as reader:
        labels = reader.variable_labels()
    assert labels["requests"] == "Requests received · 本年新收政府信息公开申请数量"
    assert all(labels[c.name] for c in PANEL.columns)
    assert set(frame["requests_kind"]) <= set(PANEL_KINDS) and frame["year"].notna().all()


def test_the_build_publishes_the_panel_for_stata(tmp_path):
    from conftest import RAW

    from analysis.build import build

    build(RAW, tmp_path / "out", jobs=1, progress=False)
    for ext in ("parquet", "csv", "dta"):
        assert (tmp_path / "out" / f"panel.{ext}").is_file()


def test_each_batchs_panel_figures_are_kept_and_reused_and_a_new_report_gets_its_row(tmp_path):
    import shutil

    from conftest import RAW

    from analysis import tables
    from analysis.build import build
    from analysis.cache import cache_dir

    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    out = tmp_path / "out"
    build(raw, out, jobs=1, progress=False)
    first = tables.load("panel", out)
    kept = sorted((cache_dir(out) / panel.FIGURES_CACHE).glob("*.parquet"))
    assert kept and {p.stat().st_mtime_ns for p in kept}
    stamps = {p.name: p.stat().st_mtime_ns for p in kept}
    (raw / "new.txt").write_text("某县财政局2030年政府信息公开工作年度报告\n一、总体情况\n本年新收政府信息公开申请数量7件。\n", encoding="utf-8")
    build(raw, out, jobs=1, progress=False)
    second = tables.load("panel", out)
    assert second.height == first.height + 1 and second.filter(pl.col("year") == 2030)["issuer"].to_list() == ["某县财政局"]
    again = {p.name: p.stat().st_mtime_ns for p in (cache_dir(out) / panel.FIGURES_CACHE).glob("*.parquet")}
    assert {k: v for k, v in again.items() if k in stamps} == stamps  # the unchanged batch's figures were read, not recomputed
    assert len(again) > len(stamps)


def test_an_empty_panel_is_still_a_stata_file(tmp_path):
    import pandas as pd

    docs, figs = _frames([], [])
    empty = panel.build_panel(docs, figs)
    panel.write_dta(empty, tmp_path / "panel.dta")
    assert list(pd.read_stata(tmp_path / "panel.dta").columns) == [c.name for c in PANEL.columns]


def test_a_signature_naming_only_its_level_gets_its_places_name():
    docs, figs = _frames([_doc("a", "a.txt", issuer="区公安局", jurisdiction="平潭综合实验区"), _doc("b", "b.txt", issuer="县教育局", jurisdiction="沙县"),
                          _doc("c", "c.txt", issuer="市场监督管理局", jurisdiction="某市")], [])
    issuers = dict(panel.build_panel(docs, figs).select("report_id", "issuer").iter_rows())
    assert issuers == {"a": "平潭综合实验区公安局", "b": "沙县教育局", "c": "市场监督管理局"}  # 市场… is a word, not a level


def test_the_stata_file_is_linked_when_the_rows_are_unchanged_and_rewritten_when_they_change(seeds_build, tmp_path):
    import pandas as pd

    p = seeds_build["panel"]
    panel.write_dta(p, tmp_path / "old.dta")
    panel.write_dta(p, tmp_path / "same.dta", previous=tmp_path / "old.dta")
    assert (tmp_path / "same.dta").stat().st_ino == (tmp_path / "old.dta").stat().st_ino
    changed = p.with_columns(pl.when(pl.col("year") == 2025).then(pl.col("requests") + 1).otherwise(pl.col("requests")).alias("requests"))
    panel.write_dta(changed, tmp_path / "new.dta", previous=tmp_path / "old.dta")
    assert (tmp_path / "new.dta").stat().st_ino != (tmp_path / "old.dta").stat().st_ino
    assert pd.read_stata(tmp_path / "new.dta")["requests"].sum() == pd.read_stata(tmp_path / "old.dta")["requests"].sum() + p.filter(
        (pl.col("year") == 2025) & pl.col("requests").is_not_null()).height


def test_long_report_lists_become_stata_strls_and_read_back_whole(seeds_build, tmp_path):
    """An issuer-year scraped hundreds of times has a report_ids list longer than a Stata str2045: it is written
    as a strL (each distinct text once), and every cell, long, short, repeated or empty, reads back as written."""
    import pandas as pd

    p = seeds_build["panel"]
    long_ids = " ".join(f"{k:016x}" for k in range(200))  # 3,399 bytes
    ids = [long_ids if k % 3 == 0 else ("" if k % 3 == 1 else f"r{k}") for k in range(p.height)]
    p = p.with_columns(pl.Series("report_ids", ids, dtype=pl.String))
    panel.write_dta(p, tmp_path / "long.dta")
    with pd.io.stata.StataReader(tmp_path / "long.dta") as reader:
        frame = reader.read()
    assert frame["report_ids"].tolist() == ids
    assert frame["issuer"].tolist() == p["issuer"].fill_null("").to_list()
