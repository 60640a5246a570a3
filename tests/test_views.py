"""Site tables stay the same size however big the corpus: listings are capped and say where the rest is."""

from __future__ import annotations

import re

import polars as pl

from analysis import views


def _docs(n: int) -> pl.DataFrame:
    return pl.DataFrame({
        "report_id": [f"r{i:05d}" for i in range(n)], "source_path": [f"{i:05d}.txt" for i in range(n)], "status": ["ok"] * n,
        "title": ["某县2021年政府信息公开工作年度报告"] * n, "jurisdiction": [f"第{i % 30}县" for i in range(n)], "province": ["福建省"] * n,
        "admin_level": ["county"] * n, "year": [2008 + i % 18 for i in range(n)], "published": [None] * n, "days_late": [None] * n,
        "template": ["2021"] * n, "prefecture": ["福州市"] * n, "county": [f"第{i % 30}县" for i in range(n)],
        "adcode": [f"3501{i % 30:02d}" for i in range(n)],
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


def _placed(n_seats: int, per_seat: int) -> pl.DataFrame:
    """Reports from ``n_seats`` seats; at each, the county and one of its towns (which has the county's seat)."""
    rows = []
    for s in range(n_seats):
        for k in range(per_seat + (1 if s % 7 == 0 else 0)):
            body = f"第{s}县" if k % 3 else f"第{s}县城关镇"
            rows.append({"report_id": f"r{s}-{k}", "status": "ok", "jurisdiction": body, "province": "福建省",
                         "admin_level": "township" if k % 3 == 0 else ("department" if k == 2 else "county"),
                         "longitude": 110.0 + s / 100, "latitude": 25.0 + s / 100, "adcode": f"35{s:04d}", "prefecture": None, "county": None})
    rows.append({"report_id": "nowhere", "status": "ok", "jurisdiction": "某部", "province": None, "admin_level": "department",
                 "longitude": None, "latitude": None, "adcode": None, "prefecture": None, "county": None})
    return pl.DataFrame(rows)


def test_the_map_has_one_point_per_seat_named_after_its_busiest_body():
    seats, total = views.places(_placed(3, 3))
    assert total == 3 and seats.height == 3
    first = seats.row(0, named=True)  # seat 0 has 4 reports: 2 of the county, 2 of its finance bureau
    assert first["reports"] == 4 and first["jurisdictions"] == 2 and first["place"] == "第0县"  # a tie (2 reports each): by name
    assert first["admin_level"] == "county"  # the county's level, though one of its reports is a department's
    assert seats["reports"].sum() == 10  # the report without coordinates is not drawn


def test_the_map_draws_at_most_the_busiest_seats_however_many_there_are():
    seats, total = views.places(_placed(40, 2), top=10)
    assert total == 40 and seats.height == 10
    assert set(seats["place"].head(6)) == {f"第{s}县" for s in (0, 7, 14, 21, 28, 35)}  # the seats with an extra report


def test_map_chart_says_how_many_seats_it_draws():
    from analysis import charts

    spec = charts.map_chart(views.places(_placed(40, 2), top=10)).to_dict()
    assert "the 10 seats with the most reports, of 40" in spec["title"]["subtitle"]
    assert len(spec["data"]["values"]) == 10
    assert "all 40 seats" in charts.map_chart(views.places(_placed(40, 2))).to_dict()["title"]["subtitle"]


def _namesakes() -> pl.DataFrame:
    rows = [  # (jurisdiction, province, prefecture, county, level, adcode)
        ("鼓楼区", "福建省", "福州市", "鼓楼区", "county", "350102"),
        ("鼓楼区", "福建省", "福州市", "鼓楼区", "department", "350102"),
        ("鼓楼区", "江苏省", "南京市", "鼓楼区", "county", "320106"),
        ("东城街道", "四川省", "成都市", "锦江区", "township", "510104"),
        ("东城街道", "四川省", "成都市", "崇州市", "township", "510184"),
        ("晋江市", "福建省", "泉州市", "晋江市", "department", "350582"),
        ("某开发区", None, None, None, "county", None),
    ]
    return pl.DataFrame(
        [{"report_id": f"r{i}", "status": "ok", "jurisdiction": j, "province": p, "prefecture": f, "county": c,
          "admin_level": lv, "adcode": a, "year": 2021} for i, (j, p, f, c, lv, a) in enumerate(rows)]
    )


def test_places_with_the_same_name_are_told_apart_by_where_they_are():
    named = dict(views.named_places(_namesakes()).select("report_id", "place").iter_rows())
    assert named["r0"] == named["r1"] == "鼓楼区（福建省福州市）"
    assert named["r2"] == "鼓楼区（江苏省南京市）"
    assert named["r3"] == "东城街道（四川省成都市锦江区）" and named["r4"] == "东城街道（四川省成都市崇州市）"
    assert named["r5"] == "晋江市" and named["r6"] == "某开发区"  # unique names stay as they are


def test_a_place_has_its_governments_level_even_when_a_department_reports_for_it():
    levels = dict(views.named_places(_namesakes()).select("report_id", "level").iter_rows())
    assert levels["r0"] == levels["r1"] == "county"
    assert levels["r5"] == "department"  # only a department reports for 晋江市


def test_namesakes_get_their_own_series_and_rank():
    docs = _namesakes()
    metrics = pl.DataFrame({"report_id": docs["report_id"], "metric": ["requests_received"] * docs.height,
                            "value": [10.0, 30.0, 5.0, 1.0, 2.0, 3.0, 4.0]})
    series = views.jurisdiction_series(docs, metrics)
    fuzhou = series.filter(pl.col("jurisdiction") == "鼓楼区（福建省福州市）")
    assert fuzhou["value"].to_list() == [20.0] and fuzhou["admin_level"].to_list() == ["county"]  # government and department
    assert series.height == 6
    assert views.compared_jurisdictions(docs, top=1) == ["鼓楼区（福建省福州市）"]
    html = views.ranking_table(series, "requests_received").as_raw_html()
    assert "鼓楼区（江苏省南京市）" in html and "东城街道（四川省成都市崇州市）" in html


def test_check_tables_read_a_lazy_checks_table_like_a_loaded_one():
    n = 6
    checks = pl.DataFrame({"report_id": [f"r{i:05d}" for i in range(n)], "check": ["sum:a", "sum:b", "y2y", "sum:a", "y2y", "sum:c"],
                           "status": ["fail", "pass", "fail", "not_applicable", "pass", "pass"],
                           "expected": [1.0] * n, "observed": [2.0] * n, "detail": ["x"] * n})
    docs = _docs(n)
    assert views.failed_checks(checks.lazy(), docs).equals(views.failed_checks(checks, docs))
    assert views.failed_checks(checks, docs)["source_path"].to_list() == ["00000.txt", "00002.txt"]
    lazy, loaded = (re.sub(r'id="\w+"|#\w+ ', "", views.check_summary_table(c).as_raw_html()) for c in (checks.lazy(), checks))
    assert lazy == loaded and "sum" in lazy and "y2y" in lazy


# -------------------------------------------------------------- trends ---


def _trend_inputs():
    """Three issuers: A and B report 2019–2021, C only in 2021 with a huge figure (composition changes the corpus median)."""
    rows = [("A", 2019, 10.0), ("A", 2020, 20.0), ("A", 2021, 40.0), ("B", 2019, 5.0), ("B", 2020, 5.0), ("B", 2021, 10.0), ("C", 2021, 1000.0)]
    docs = pl.DataFrame({"report_id": [f"{i}{y}" for i, y, _ in rows], "year": [y for _, y, _ in rows]})
    metrics = pl.DataFrame({"report_id": docs["report_id"], "metric": ["requests_received"] * len(rows), "value": [v for *_, v in rows],
                            "numerator": [v for *_, v in rows], "denominator": [None] * len(rows)},
                           schema_overrides={"denominator": pl.Float64})
    panel = pl.DataFrame({"report_id": docs["report_id"], "panel_id": [i for i, _, _ in rows], "year": docs["year"]})
    return docs, metrics, panel


def test_a_balanced_panel_keeps_the_issuers_of_every_year_of_the_longest_run():
    from analysis import aggregates

    docs, metrics, panel = _trend_inputs()
    keyed = metrics.join(panel, on="report_id")
    assert aggregates.balanced_range(keyed, ["requests_received"]) == (2019, 2021, ["A", "B"])
    assert aggregates.balanced_range(keyed, ["requests_received"], min_issuers=3) is None
    t = aggregates.trends(docs, metrics, panel)
    corpus = t.filter((pl.col("view") == "corpus") & (pl.col("year") == 2021)).row(0, named=True)
    balanced = t.filter((pl.col("view") == "balanced") & (pl.col("year") == 2021)).row(0, named=True)
    assert corpus["n_reports"] == 3 and corpus["median"] == 40.0 and corpus["sum"] == 1050.0
    assert balanced["n_reports"] == 2 and balanced["median"] == 25.0 and (balanced["range_first"], balanced["range_last"]) == (2019, 2021)
    assert balanced["q25"] == 17.5 and balanced["q75"] == 32.5  # the interquartile range comes with every median


def test_the_within_issuer_index_is_relative_to_each_issuers_first_year():
    from analysis import aggregates

    docs, metrics, panel = _trend_inputs()
    index = aggregates.trends(docs, metrics, panel).filter(pl.col("view") == "index").sort("year")
    assert index["median"].to_list() == [100.0, 150.0, 300.0]  # A: 100, 200, 400; B: 100, 100, 200; C has one year only
    assert index["n_issuers"].to_list() == [2, 2, 2]


def test_the_trends_table_says_in_words_what_cannot_be_computed():
    from analysis import aggregates

    docs, metrics, panel = _trend_inputs()
    t = aggregates.trends(docs, metrics, panel, min_issuers=3)  # no balanced panel with three issuers
    numbers = views.trend_numbers(t, ["requests_received", "share_granted"])
    assert numbers.null_count().sum_horizontal().item() == 0
    assert set(numbers["balanced"]) == {"no balanced panel"}
    html = views.trends_table(t).as_raw_html()
    assert "no balanced panel" in html and ">nan<" not in html.lower() and "inf" not in html


def test_trend_chart_says_which_view_it_shows_and_the_reports_behind_each_point():
    from analysis import aggregates, charts

    docs, metrics, panel = _trend_inputs()
    t = aggregates.trends(docs, metrics, panel)
    spec = charts.trend_chart(t, ["requests_received"], "median", "Requests", views=("corpus", "balanced", "index")).to_dict()
    titles = [" ".join(c["title"]["text"]) for c in spec["hconcat"]]
    assert titles[0].startswith("Corpus as it is") and "Balanced panel 2019–2021: the 2 issuers" in titles[1] and titles[2].startswith("Within-issuer index")
    strip = spec["hconcat"][0]["vconcat"][1]
    assert strip["mark"]["type"] == "text" and strip["encoding"]["text"]["field"] == "n_reports"
    empty = charts.trend_chart(aggregates.trends(docs, metrics, panel, min_issuers=5), ["requests_received"], "median", "R").to_dict()
    assert "Balanced panel: none" in " ".join(empty["hconcat"][1]["title"]["text"])


def test_panel_coverage_counts_issuers_by_years_reported_and_their_longest_run():
    panel = pl.DataFrame({"panel_id": ["a", "a", "a", "b", "b", "c"], "year": [2014, 2015, 2017, 2019, 2021, 2020], "n_reports": [1, 2, 1, 1, 1, 1]})
    cov = views.panel_coverage(panel)
    assert cov.rows() == [("1", 1, 1, 1), ("2", 1, 2, 1), ("3", 1, 4, 2)]
    assert "Longest run" in views.panel_coverage_table(panel).as_raw_html()


def test_the_balanced_run_is_the_one_keeping_the_most_reports():
    from analysis import aggregates

    rows = [(p, y) for p in ("a", "b") for y in range(2015, 2020)] + [(p, y) for p in "cdefgh" for y in (2020, 2021)]
    keyed = pl.DataFrame({"panel_id": [p for p, _ in rows], "year": [y for _, y in rows], "metric": ["requests_received"] * len(rows)})
    assert aggregates.balanced_range(keyed, ["requests_received"]) == (2020, 2021, list("cdefgh"))  # 12 reports beat 2 × 5
    assert aggregates.balanced_range(keyed.filter(pl.col("panel_id") != "h"), ["requests_received"])[:2] == (2015, 2019)  # 10 vs 10: the longer
