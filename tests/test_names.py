"""Every indicator and metric has a Chinese and an English name, held in data and published."""

from __future__ import annotations

import polars as pl

from analysis import names
from analysis.aggregates import METRIC_LABELS, METRICS
from analysis.indicators import catalogue


def test_every_indicator_of_the_label_maps_has_both_names():
    table = names.indicator_names()
    known = set(table["indicator"])
    assert {r["indicator"] for r in catalogue()} <= known
    assert set(names.DERIVED) <= known
    for row in table.iter_rows(named=True):
        assert row["name_zh"] and row["name_en"] and row["name_short_en"], row
        assert any("\u4e00" <= ch <= "\u9fff" for ch in row["name_zh"]), row
        assert len(row["name_short_en"]) <= 40, row


def test_names_name_only_indicators_the_extractors_know():
    known = {r["indicator"] for r in catalogue()} | set(names.DERIVED)
    assert set(names.indicator_names()["indicator"]) <= known


def test_every_metric_is_named_and_built_from_known_indicators():
    known = set(names.indicator_names()["indicator"])
    for metric, (num, den, scale) in METRICS.items():
        assert num in known and (den is None or den in known), metric
        assert scale > 0
    assert set(METRICS) | {"days_late"} == set(METRIC_LABELS)
    for metric, label in METRIC_LABELS.items():
        en, zh = label.split(" · ")
        assert en and any("\u4e00" <= ch <= "\u9fff" for ch in zh), metric


def test_a_definition_names_numerator_denominator_and_the_formats_that_give_them():
    text = names.definition("share_granted")
    assert "Numerator: Disclosed in full" in text and "indicator outcome_granted" in text
    assert "Denominator: Replies to requests, total" in text and "2021 form" in text
    # proactive_total: only the 2014–2018 table (and prose) give the total
    stated = names.definition("proactive_total").split("Stated in: ")[1].split(".")[0]
    assert "2021 form" not in stated and "2014–2018" in stated and "sentences" in stated


def test_the_panel_columns_are_named_indicators():
    known = set(names.indicator_names()["indicator"])
    assert set(names.PANEL_INDICATORS.values()) <= known


def test_metric_definitions_table_has_a_definition_for_every_metric():
    defs = names.metric_definitions()
    assert defs.filter(pl.col("definition").str.len_chars() < 20).is_empty()
    assert set(defs["metric"]) == set(METRIC_LABELS)


def test_every_applicant_column_is_named_and_checks_say_what_they_are_about():
    from analysis.schema import BREAKDOWNS

    for b in BREAKDOWNS:
        en, zh = names.subject_name(b).split(" · ")
        assert en and zh, b
    assert names.subject_name("outcome_partial").startswith("Partly granted · 部分公开")
    assert names.subject_name("share_granted") == "Share of replies granted · 予以公开比例"
    assert names.subject_name("no_such_thing") == "no_such_thing"
