"""The pre-2019 statistics table in each flattened shape, and the seed that carries it."""

import pytest

from analysis.clean import clean_text
from analysis.tables_2014 import normalize_label, parse_2014
from conftest import RAW, seed_text


def values(text):
    return {f.indicator: (f.value, f.value_kind) for f in parse_2014(text)}


# The same four rows in every shape the table arrives in.
EXPECTED = {
    "requests_received": (12.0, "reported"),
    "requests_in_person": (3.0, "reported"),
    "review_total": (1.0, "reported"),
    "funding": (125000.0, "reported"),  # 12.5 万元
}

PIPES_FROM_HTML = """| 统计指标 | 单位 | 合计 |
| 三、依申请公开情况 | / |  |
| (一)收到申请数 | 件 | 12 |
| 1.当面申请数 | 件 | 3 |
| 四、行政复议数量 | 件 | 1 |
| (四)政府信息公开专项经费 | 万元 | 12.5 |"""

MARKDOWN = """| 统计指标 | 单位 | 合计 |
|---|---|---|
| (一)收到申请数 | 件 | 12 |
| 1.当面申请数 | 件 | 3 |
| 四、行政复议数量 | 件 | 1 |
| (四)政府信息公开专项经费 | 万元 | 12.5 |"""

ONE_CELL_PER_LINE = "统 计 指 标 |\n单位 |\n合计 |\n(一)收到申请数 |\n件 |\n12 |\n1.当面申请数 |\n件 |\n3 |\n四、行政复议数量 |\n件 |\n1 |\n(四)政府信息公开专项经费 |\n万元 |\n12.5 |"

SPACES = "统计指标 单位 合计 (一)收到申请数 件 12 1.当面申请数 件 3 四、行政复议数量 件 1 (四)政府信息公开专项经费 万元 12.5"


@pytest.mark.parametrize("text", [PIPES_FROM_HTML, MARKDOWN, ONE_CELL_PER_LINE, SPACES], ids=["pipes", "markdown", "cell-per-line", "spaces"])
def test_every_shape_gives_the_same_figures(text):
    assert values(text) == EXPECTED


def test_blank_and_not_applicable_cells_are_not_zero():
    text = "| 统计指标 | 单位 | 合计 |\n| (一)收到申请数 | 件 |  |\n| 2.传真申请数 | 件 | / |\n| 3.网络申请数 | 件 | 0 |"
    assert values(text) == {
        "requests_received": (None, "blank"),
        "requests_fax": (None, "not_applicable"),
        "requests_online": (0.0, "reported"),
    }


def test_review_and_litigation_rows_are_told_apart_by_their_group():
    text = ("统计指标 | 单位 | 合计\n四、行政复议数量 | 件 | 5\n(一)维持具体行政行为数 | 件 | 3\n(二)被依法纠错数 | 件 | 2\n"
            "五、行政诉讼数量 | 件 | 4\n(一)维持具体行政行为或者驳回原告诉讼请求数 | 件 | 1\n(二)被依法纠错数 | 件 | 3")
    assert values(text) == {
        "review_total": (5.0, "reported"), "review_upheld": (3.0, "reported"), "review_corrected": (2.0, "reported"),
        "litigation_total": (4.0, "reported"), "litigation_upheld": (1.0, "reported"), "litigation_corrected": (3.0, "reported"),
    }


def test_older_local_form_with_two_value_columns_reads_the_year_column():
    text = "指标名称 计量单位 2012年度 历年累计 主动公开信息数 条 26 80 其中:1、网站公开 条 20 70 受理依申请公开信息总数 条 2 9 行政复议数 件 0 1"
    assert values(text) == {
        "proactive_total": (26.0, "reported"), "proactive_website": (20.0, "reported"),
        "requests_received": (2.0, "reported"), "review_total": (0.0, "reported"),
    }


def test_glued_cells_are_read_only_when_unambiguous():
    one_column = "统计指标 单位 合计 收到申请数件12 行政复议数量件1"
    two_columns = "指标名称 计量单位 2012年度 历年累计 主动公开信息数条2626 行政复议数件00"
    assert values(one_column) == {"requests_received": (12.0, "reported"), "review_total": (1.0, "reported")}
    # 2626 is 2 | 626 or 26 | 26: recorded, not published; 00 can only be 0 | 0
    assert values(two_columns) == {"proactive_total": (None, "undetermined"), "review_total": (0.0, "reported")}


def test_spaced_and_glued_labels_are_found_and_the_signature_after_the_table_is_not_read():
    text = "| 统计指标 | 单位 | 合计 |\n| 收 到 申 请 数 | 件 | 12 |\n| 行政复议数量件1 |\n某某县人民政府办公室\n2015年3月1日"
    assert values(text) == {"requests_received": (12.0, "reported"), "review_total": (1.0, "reported")}


def test_no_table_no_figures():
    assert parse_2014("一、概述\n2017年,我区主动公开政府信息5411条。") == []


@pytest.mark.parametrize(("label", "norm"), [("(一)收到申请数", "收到申请数"), ("其中:涉及国家秘密", "涉及国家秘密"), ("1.当面申请数", "当面申请数"),
                                             ("四、行政复议数量", "行政复议数量"), ("统 计 指 标", "统计指标")])
def test_normalize_label(label, norm):
    assert normalize_label(label) == norm


def test_xiangtan_seed_table():
    figures = {f.indicator: f for f in parse_2014(clean_text(seed_text("xiangtan")).text)}
    expected = dict(proactive_total=344266, proactive_gazette=1268, proactive_website=269311, requests_received=687, requests_in_person=199,
                    requests_fax=1, requests_online=176, requests_letter=311, requests_completed=655, outcome_already_public=86,
                    outcome_granted=336, outcome_partial=43, outcome_denied=41, outcome_not_this_agency=51, outcome_not_held=42,
                    outcome_total=687, review_total=97, review_upheld=60, review_corrected=17, litigation_total=197, complaints=509,
                    fees_collected=0, staff_fulltime=69, staff_parttime=350, funding=4965000, trainees=4562)
    assert {k: figures[k].value for k in expected} == {k: float(v) for k, v in expected.items()}
    assert figures["funding"].unit == "元" and figures["funding"].label.startswith("(四)政府信息公开专项经费")
    assert all(f.source == "table" and f.parser == "table_2014" for f in figures.values())


def test_offsets_point_at_the_value():
    text = clean_text(seed_text("xiangtan")).text
    f = next(f for f in parse_2014(text) if f.indicator == "trainees")
    assert text[f.offset : f.offset + 4] == "4562"


def test_local_form_with_the_denied_replies_total_row():
    # Pingtan county bureaus, 2009–2012 (附表 after the signature): 否决公开答复总数, not 否决公开答复数.
    text = ("平潭县财政局 二○一○年四月十日 附表: 指标名称 计量单位 年末统计 主动公开信息数 条 6 其中:1.网站公开 条 6 "
            "2.政府公报公开 条 0 受理依申请公开信息总数 条 2 其中:1.当面申请数 条 1 2.传真申请数 条 0 对申请的答复总数 条 2 "
            "其中:1.同意公开答复数 条 1 2.同意部分公开答复数 条 0 3.否决公开答复总数 条 1 行政复议数 件 0 行政诉讼数 件 0 行政申诉数 件 0")
    got = values(text)
    assert got["outcome_total"] == (2.0, "reported")
    assert got["outcome_denied"] == (1.0, "reported")
    assert got["review_total"] == got["complaints"] == (0.0, "reported")


GLUED_DECIDED = ("指标名称计量单位2012年度历年累计主动公开信息数条1530其中：1、网站公开条10202、政府公报公开条510"
                 "受理依申请公开信息总数条00行政复议数件00")


def test_glued_cells_split_by_the_tables_sums():
    # 1530 is 1 | 530 or 15 | 30; 1020 can only be 10 | 20 (after the next row's number 2), 510 only 5 | 10:
    # the parts add up to the total only with 15 | 30
    got = values(GLUED_DECIDED)
    assert got["proactive_total"] == (15.0, "reported")
    assert got["proactive_website"] == (10.0, "reported") and got["proactive_gazette"] == (5.0, "reported")
    assert got["requests_received"] == got["review_total"] == (0.0, "reported")


def test_glued_split_the_sums_do_not_decide_is_recorded_with_its_reason():
    text = GLUED_DECIDED.replace("条10202、", "条15302、").replace("条510", "条00")
    f = next(f for f in parse_2014(text) if f.indicator == "proactive_total")
    assert (f.value, f.value_kind) == (None, "undetermined")
    assert "1 | 530" in f.label and "15 | 30" in f.label


def test_glued_next_row_number_is_taken_off_one_value_column():
    # pingtan 027: 网站公开条1382、政府公报公开 is 138 and row 2, one value column (年末统计)
    text = clean_text((RAW / "pingtan" / "027.txt").read_text(encoding="utf-8")).text
    got = values(text)
    assert got["proactive_total"] == got["proactive_website"] == (138.0, "reported")
    assert got["proactive_gazette"] == (0.0, "reported")


def test_glued_real_two_column_form_publishes_only_what_the_table_decides():
    # pingtan 010: 主动公开信息数条2626 (2 | 626 or 26 | 26, and the website row the same): not published;
    # 受理依申请公开信息总数条00 is 0 | 0
    text = clean_text((RAW / "pingtan" / "010.txt").read_text(encoding="utf-8")).text
    figs = {f.indicator: f for f in parse_2014(text)}
    assert (figs["proactive_total"].value, figs["proactive_total"].value_kind) == (None, "undetermined")
    assert "26 | 26" in figs["proactive_total"].label and "2 | 626" in figs["proactive_total"].label
    assert (figs["requests_received"].value, figs["requests_received"].value_kind) == (0.0, "reported")
    assert figs["requests_received"].source == "table" and "00" in figs["requests_received"].evidence


def test_early_local_form_labels():
    # the 2008–2013 local form: 受理 / 办结 / 同意提供 / 拒绝提供 (信息不存在, 信息涉密) / 查询点 / 行政复议 / 行政诉讼
    text = ("指 标 名 称单位数量主动公开信息数条26正式受理政府信息公开申请数件3其中:1.在办件02.办结件3其中:1.同意提供件2"
            "2.拒绝提供件1其中:1.信息不存在件12.信息涉密件0政府信息公开查询点数件1受理政府信息公开工作行政复议数件0"
            "收到政府信息公开工作行政诉讼数件0")
    got = values(text)
    assert {k: got.get(k) for k in ("requests_completed", "outcome_granted", "outcome_denied", "outcome_not_held",
                                    "outcome_denied_state_secret", "reading_points", "review_total", "litigation_total")} == {
        "requests_completed": (3.0, "reported"), "outcome_granted": (2.0, "reported"), "outcome_denied": (1.0, "reported"),
        "outcome_not_held": (1.0, "reported"), "outcome_denied_state_secret": (0.0, "reported"),
        "reading_points": (1.0, "reported"), "review_total": (0.0, "reported"), "litigation_total": (0.0, "reported"),
    }


def test_letter_and_fax_row_complaints_row_and_answers_row_of_local_forms():
    text = ("指标名称 计量单位 本年度 历年累计 3.信函、传真申请数 条 2 2 对申请的答复数 条 5 5 "
            "接受行政申诉、举报数 件 0 0")
    got = values(text)
    assert (got["requests_letter"], got["outcome_total"], got["complaints"]) == ((2.0, "reported"), (5.0, "reported"), (0.0, "reported"))
