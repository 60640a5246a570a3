"""Site tables stay the same size however big the corpus: listings are capped and say where the rest is."""

from __future__ import annotations

import polars as pl

from analysis import views


def _docs(n: int) -> pl.DataFrame:
    return pl.DataFrame({
        "report_id": [f"r{i:05d}" for i in range(n)], "source_path": [f"{i:05d}.txt" for i in range(n)], "status": ["ok"] * n,
        "title": ["某县2021年政府信息公开工作年度报告"] * n, "jurisdiction": [f"第{i % 30}县" for i in range(n)], "province": ["福建省"] * n,
        "admin_level": ["county"] * n, "year": [2008 + i % 18 for i in range(n)], "published": [None] * n, "days_late": [None] * n,
        "template": ["2021"] * n,
    })


def test_a_long_report_list_shows_the_first_rows_and_says_where_the_rest_are():
    html = views.report_list_table(_docs(1000)).as_raw_html()
    assert html.count("<tr") <= views.ROW_LIMIT + 5
    assert "Showing the first 200 of 1,000 rows" in html and "documents table" in html


def test_a_short_report_list_shows_every_row_without_a_cap_note():
    html = views.report_list_table(_docs(7)).as_raw_html()
    assert "Showing the first" not in html
    assert all(f"{i:05d}.txt" in html for i in range(7))


def test_the_comparison_chart_draws_the_jurisdictions_with_most_reports():
    docs = _docs(100)  # 第0县…第9县 have 4 reports, the others 3
    top = views.compared_jurisdictions(docs, top=5)
    assert top == ["第0县", "第1县", "第2县", "第3县", "第4县"]
    assert views.compared_jurisdictions(_docs(3)) == ["第0县", "第1县", "第2县"]


def test_failed_checks_listing_is_capped():
    n = 450
    checks = pl.DataFrame({"report_id": [f"r{i:05d}" for i in range(n)], "check": ["sum"] * n, "status": ["fail"] * n,
                           "expected": [1.0] * n, "observed": [2.0] * n, "detail": ["x"] * n})
    html = views.failed_checks_table(checks, _docs(n)).as_raw_html()
    assert "Showing the first 200 of 450 rows" in html


def _quality_docs(n: int) -> pl.DataFrame:
    return _docs(n).with_columns(
        pl.Series("encoding", ["gbk" if i % 4 == 0 else "utf-8" for i in range(n)]), pl.lit("simplified").alias("script"),
        pl.lit(100).alias("n_chars"), pl.Series("n_decode_errors", [1 if i == 3 else 0 for i in range(n)]), pl.lit(0).alias("n_mojibake"),
        pl.lit(0).alias("n_pinyin_removed"), pl.lit(2).alias("n_boilerplate_removed"),
    )


def test_composition_has_one_row_per_year_and_one_column_per_level():
    table = views.corpus_composition(_docs(1000))
    assert table.height == 18 and table.columns == ["year", "county", "reports", "templates"]
    assert table["reports"].sum() == 1000 and table.filter(pl.col("year") == 2008)["templates"].item() == "2021"


def test_text_quality_summarises_by_encoding_whatever_the_number_of_reports():
    table = views.text_quality(_quality_docs(1000))
    assert table.select("encoding", "reports", "with_decode_errors").rows() == [("utf-8", 750, 1), ("gbk", 250, 0)]
