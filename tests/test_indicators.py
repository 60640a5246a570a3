"""Indicators and checks end to end: the seeds, and a 2021-format page whose identity fails."""

import polars as pl
import pytest

from analysis import tables
from analysis.build import build
from conftest import SEEDS


def figures_of(seeds_build, seed):
    rid = seeds_build["documents"].filter(pl.col("source_path") == SEEDS[seed])["report_id"].item()
    return seeds_build["indicators"].filter(pl.col("report_id") == rid), seeds_build["checks"].filter(pl.col("report_id") == rid)


def test_xiangtan_table_figures_and_the_41_vs_43_failure(seeds_build):
    ind, checks = figures_of(seeds_build, "xiangtan")
    table = {r["indicator"]: r["value"] for r in ind.filter(pl.col("source") == "table").iter_rows(named=True)}
    assert table["outcome_partial"] == 43 and table["funding"] == 4965000 and table["requests_received"] == 687
    fail = checks.filter(pl.col("status") == "fail")
    # 43 vs 41: the report contradicts itself; 269311 vs 37500: the table counts every government website, the
    # prose only the city's portal (市政府门户网站…37500余条) — reported, never reconciled.
    assert sorted(fail.select("check", "expected", "observed").rows()) == [
        ("table_vs_prose:outcome_partial", 43.0, 41.0), ("table_vs_prose:proactive_website", 269311.0, 37500.0)]
    partial = fail.filter(pl.col("check") == "table_vs_prose:outcome_partial")["detail"].item()
    assert "43" in partial and "41" in partial
    assert checks.filter(pl.col("check") == "outcomes_sum")["status"].item() == "pass"


def test_hongze_prose_figures_with_provenance(seeds_build):
    ind, _ = figures_of(seeds_build, "hongze")
    row = ind.filter(pl.col("indicator") == "proactive_total").row(0, named=True)
    assert (row["value"], row["source"], row["value_kind"], row["unit"]) == (5411.0, "prose", "reported", "条")
    assert "5411" in row["evidence"]
    assert ind.filter(pl.col("indicator") == "litigation_total")["value_kind"].to_list() == ["zero_stated"]


def test_shayibake_zeros_are_stated_not_reported(seeds_build):
    ind, _ = figures_of(seeds_build, "shayibake")
    kinds = {r["indicator"]: (r["value"], r["value_kind"]) for r in ind.iter_rows(named=True)}
    assert kinds["requests_received"] == kinds["review_total"] == kinds["litigation_total"] == (0.0, "zero_stated")


def test_nothing_is_invented(seeds_build):
    ind, _ = figures_of(seeds_build, "etuoke")  # never mentions litigation
    assert "litigation_total" not in ind["indicator"].to_list()


def test_offsets_point_into_the_text(seeds_build):
    texts = dict(seeds_build["texts"].iter_rows())
    for r in seeds_build["indicators"].filter(pl.col("value_kind") == "reported").iter_rows(named=True):
        value = texts[r["report_id"]][r["offset"] :]
        assert value[:1].isdigit(), r


PAGE_2021 = """<html><head><meta charset="utf-8"><title>某某县2022年政府信息公开工作年度报告</title></head><body>
<p>某某县人民政府2022年政府信息公开工作年度报告</p><p>一、总体情况</p><p>2022年,全县新收政府信息公开申请5件。</p>
<p>三、收到和处理政府信息公开申请情况</p>
<table>
<tr><td colspan="3" rowspan="3">(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>4</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>5</td></tr>
<tr><td colspan="3">二、上年结转政府信息公开申请数量</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">(一)予以公开</td><td>2</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>
<tr><td colspan="2">(七)总计</td><td>2</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>
<tr><td colspan="3">四、结转下年度继续办理</td><td>1</td><td><br/></td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
</table>
<p>某某县人民政府办公室</p><p>2023年1月30日</p></body></html>"""


@pytest.fixture(scope="module")
def built_2021(tmp_path_factory):
    base = tmp_path_factory.mktemp("r2021")
    raw = base / "raw"
    raw.mkdir()
    (raw / "report.html").write_text(PAGE_2021, encoding="utf-8")
    build(raw, base / "out", jobs=1, progress=False)
    return {n: tables.load(n, base / "out") for n in ("indicators", "checks")}


def test_2021_requests_by_applicant(built_2021):
    ind = built_2021["indicators"].filter(pl.col("source") == "table")
    got = {(r["indicator"], r["breakdown"]): r["value"] for r in ind.iter_rows(named=True)}
    cols = ("natural_person", "business", "research", "nonprofit", "legal_services", "other_org", "total")
    expected = {
        "requests_received": (4, 1, 0, 0, 0, 0, 5),
        "requests_carried_over": (0, 0, 0, 0, 0, 0, 0),
        "outcome_granted": (2, 1, 0, 0, 0, 0, 3),
        "outcome_total": (2, 1, 0, 0, 0, 0, 3),
        "requests_carried_forward": (1, None, 0, 0, 0, 0, 1),  # the empty business cell stays blank, never 0
    }
    want = {(i, c): (None if v is None else float(v)) for i, vs in expected.items() for c, v in zip(cols, vs)}
    assert got == want
    blank = ind.filter(pl.col("value").is_null())
    assert blank.select("indicator", "breakdown", "value_kind").rows() == [("requests_carried_forward", "business", "blank")]


def test_2021_identity_failure_is_reported(built_2021):
    checks = built_2021["checks"]
    row = checks.filter(pl.col("check") == "requests_identity:total").row(0, named=True)
    assert (row["status"], row["expected"], row["observed"]) == ("fail", 5.0, 4.0)
    assert checks.filter(pl.col("check") == "requests_identity:business")["status"].item() == "not_applicable"


def test_2021_prose_and_table_agree(built_2021):
    assert built_2021["checks"].filter(pl.col("check") == "table_vs_prose:requests_received")["status"].item() == "pass"


def test_every_extracted_indicator_is_in_the_vocabulary(seeds_build, built_2021):
    vocabulary = set(seeds_build["indicator_labels"]["indicator"])
    for ind in (seeds_build["indicators"], built_2021["indicators"]):
        assert set(ind["indicator"]) <= vocabulary


def test_vocabulary_names_the_chinese_labels_per_template(seeds_build):
    labels = seeds_build["indicator_labels"]
    funding = labels.filter((pl.col("indicator") == "funding") & (pl.col("source") == "table"))
    assert funding["template"].to_list() == ["pre2019"] and "政府信息公开专项经费" in funding["label"].item()
    # prose is read through the clause lexicon: its words are listed too
    assert "经费" in labels.filter((pl.col("indicator") == "funding") & (pl.col("source") == "prose"))["label"].item()
    assert set(labels.filter(pl.col("indicator") == "requests_received")["template"]) == {"pre2019", "2019", "2021", "any"}
