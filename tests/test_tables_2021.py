"""Tables of the 2019–2020 interim and 2021 formats → figures, for every flattening seen in scraped reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.cells import first_match, is_table_row, split_cells
from analysis.clean import clean_text
from analysis.figures import VALUE_KINDS
from analysis.html import html_to_text
from analysis.tables_2021 import APPLICANTS, detect_template, label_rows, parse_2019, parse_2021, parse_tables

CORPUS = Path(__file__).resolve().parents[1] / "data" / "raw"  # the development corpus ships in data/raw
CODES = [code for _, code in APPLICANTS]
NA, BLANK = "na", "blank"
REVIEW = [
    f"{prefix}_{part}"
    for prefix in ("review", "litigation_direct", "litigation_after_review")
    for part in ("upheld", "corrected", "other", "pending", "total")
]


def _cell(value) -> tuple[float | None, str]:
    if value == NA:
        return None, "not_applicable"
    if value == BLANK:
        return None, "blank"
    return float(value), "reported"


def req(indicator: str, values: str) -> list[tuple]:
    """Expected figures of one requests row: seven space-separated cells (number, na or blank)."""
    cells = values.split()
    assert len(cells) == 7
    return [(indicator, code, *_cell(v), "件") for code, v in zip(CODES, cells)]


def review(values: str) -> list[tuple]:
    cells = values.split()
    assert len(cells) == 15
    return [(ind, None, *_cell(v), "件") for ind, v in zip(REVIEW, cells)]


def sums(**parts) -> list[tuple]:
    return [(f"litigation_{part}", None, float(v), "reported", "件") for part, v in parts.items()]


def one(indicator: str, value, unit: str = "件") -> tuple:
    return (indicator, None, *_cell(value), unit)


def rows(figs) -> list[tuple]:
    """The figures with a reading (undetermined cells are checked on their own, see undetermined())."""
    return [(f.indicator, f.breakdown, f.value, f.value_kind, f.unit) for f in figs if f.value_kind != "undetermined"]


def undetermined(figs) -> dict[str, str]:
    """indicator (total column) → the reason its glued cells were not split."""
    return {f.indicator: f.label[f.label.index("[") :] for f in figs if f.value_kind == "undetermined" and f.breakdown in (None, "total")}


def check_provenance(text: str, figs, parser: str) -> None:
    """Every figure is a table figure whose offset points at the printed cell and whose evidence shows it."""
    for f in figs:
        assert f.source == "table" and f.parser == parser and f.value_kind in VALUE_KINDS
        assert f.evidence and f.label
        if f.value_kind == "reported":
            assert text[f.offset].isdigit() or text[f.offset] in "+-", f
        if f.value_kind == "not_applicable":
            assert text[f.offset] == "/", f


# ------------------------------------------------ 1. HTML-derived grid ---

HTML_GRID_2021 = """二、主动公开政府信息情况
第二十条第(一)项 | | |
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
规章 | 0 | / | 2
行政规范性文件 | 3 | 1 |
第二十条第(五)项 | | |
信息内容 | 本年处理决定数量 | |
行政许可 | 12 | |
第二十条第(六)项 | | |
信息内容 | 本年处理决定数量 | |
行政处罚 | 1,024 | |
行政强制 | | |
第二十条第(八)项 | | |
信息内容 | 本年收费金额(单位:万元) | |
行政事业性收费 | 1.5 | |
三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | | | 申请人情况 | | | | | |
| | | 自然人 | 法人或其他组织 | | | | | 总计
| | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |
一、本年新收政府信息公开申请数量 | | | 2 | 1 | 0 | 0 | 0 | 0 | 3
三、本年度办理结果 | (一)予以公开 | | 1 | / | 0 | 0 | 0 | 0 | 1
| (二)部分公开(区分处理的,只计这一情形,不计其他情形) | | 0 | 0 | 0 | 0 | 0 | 0 | 0
| (四)无法提供 | 1.本机关不掌握相关政府信息 | 1 | 1 | 0 | 0 | 0 | 0 | 2
| (六)其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
| | 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0
四、结转下年度继续办理 | | | 0 | | 0 | 0 | 0 | 0 | 0
四、政府信息公开行政复议、行政诉讼情况
行政复议 | | | | | 行政诉讼 | | | | | | | | |
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | |
| | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
1 | 0 | 0 | 0 | 1 | 2 | 0 | 0 | 1 | 3 | 0 | 0 | 0 | 0 | /
五、存在的主要问题及改进情况
无。"""


def test_html_grid_with_span_cells_blank_and_not_applicable():
    figs = parse_2021(HTML_GRID_2021)
    assert rows(figs) == [
        one("regulations_issued", 0),
        one("regulations_repealed", NA),
        one("regulations_valid", 2),
        one("normative_docs_issued", 3),
        one("normative_docs_repealed", 1),
        one("normative_docs_valid", BLANK),  # a trailing empty grid cell stays blank, never 0
        one("licensing_decisions", 12),
        one("penalty_decisions", 1024),
        one("coercion_decisions", BLANK),
        one("admin_fees_collected", 15000, "元"),  # 1.5 万元
        *req("requests_received", "2 1 0 0 0 0 3"),
        *req("outcome_granted", "1 na 0 0 0 0 1"),
        *req("outcome_partial", "0 0 0 0 0 0 0"),
        *req("outcome_not_held", "1 1 0 0 0 0 2"),
        *req("outcome_other_no_correction", "0 0 0 0 0 0 0"),
        *req("outcome_other", "0 0 0 0 0 0 0"),
        *req("requests_carried_forward", "0 blank 0 0 0 0 0"),
        *review("1 0 0 0 1 2 0 0 1 3 0 0 0 0 na"),
        *sums(upheld=2, corrected=0, other=0, pending=1),  # no total: the after-review total is "/"
    ]
    check_provenance(HTML_GRID_2021, figs, "table_2021")
    by = {(f.indicator, f.breakdown): f for f in figs}
    assert by["outcome_granted", "natural_person"].label == "(一)予以公开 / 自然人"
    assert by["outcome_partial", "total"].label == "(二)部分公开(区分处理的,只计这一情形,不计其他情形) / 总计"
    assert by["regulations_valid", None].label == "规章 / 现行有效件数"
    assert by["review_upheld", None].label == "行政复议 结果维持"
    assert by["litigation_upheld", None].label == "未经复议直接起诉 结果维持 + 复议后起诉 结果维持"
    assert by["penalty_decisions", None].evidence.count("1,024") == 1
    assert HTML_GRID_2021[by["outcome_not_held", "total"].offset] == "2"


def test_html_grid_through_the_real_html_and_clean_layers():
    html = (
        "<p>二、主动公开政府信息情况</p><table>"
        "<tr><td colspan=4>第二十条第（一）项</td></tr>"
        "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
        "<tr><td>规章</td><td>0</td><td>&nbsp;</td><td>5</td></tr>"
        "<tr><td>行政规范性文件</td><td>２</td><td>/</td><td><br/></td></tr></table>"
    )
    text = clean_text(html_to_text(html)[1]).text
    assert rows(parse_2021(text)) == [
        one("regulations_issued", 0),
        one("regulations_repealed", BLANK),
        one("regulations_valid", 5),
        one("normative_docs_issued", 2),
        one("normative_docs_repealed", NA),
        one("normative_docs_valid", BLANK),
    ]


# ------------------------------------------------ 2. markdown tables ---

MARKDOWN_2021 = """一、主动公开政府信息情况
第二十条第(一)项
## 表二:主动公开政府信息情况
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 规章 | 0 | 0 | 1 |
| 行政规范性文件 | 4 | 0 | 20 |

二、收到和处理政府信息公开申请情况
申请人情况
| 一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 1 | 0 | 6 |
|---|---|---|---|---|---|---|---|
| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| 三、 | (一)予以公开 | 3 | 0 | 0 | 0 | 1 | 0 | 4 |
| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |
| (七)总计 | 6 | 0 | 0 | 0 | 1 | 0 | 7 |
| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 |  |

三、政府信息公开行政复议、行政诉讼情况
行政复议行政诉讼
结果维持结果纠正其他结果尚未审结总计
| 维持 | 纠正 | 结果 | 审结 |
|---|---|---|---|
| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
"""


def test_markdown_pipe_tables_with_separator_rows():
    figs = parse_2021(MARKDOWN_2021)
    assert rows(figs) == [
        one("regulations_issued", 0),
        one("regulations_repealed", 0),
        one("regulations_valid", 1),
        one("normative_docs_issued", 4),
        one("normative_docs_repealed", 0),
        one("normative_docs_valid", 20),
        *req("requests_received", "5 0 0 0 1 0 6"),
        *req("requests_carried_over", "1 0 0 0 0 0 1"),
        *req("outcome_granted", "3 0 0 0 1 0 4"),
        *req("outcome_denied_state_secret", "0 0 0 0 0 0 0"),
        *req("outcome_total", "6 0 0 0 1 0 7"),
        *req("requests_carried_forward", "0 0 0 0 0 0 blank"),  # the PDF lost the total: blank, not 0
        *review("1 0 0 0 1 0 0 0 0 0 0 0 0 0 0"),
        *sums(upheld=0, corrected=0, other=0, pending=0, total=0),
    ]
    check_provenance(MARKDOWN_2021, figs, "table_2021")


def test_label_wrapped_away_from_its_values_yields_nothing():
    # PDF extraction put the label's tail and the values on later lines: the values may belong to another row.
    text = "申请人情况\n(二)部分公开(区分处理的,只计这一情\n形,不计其他情形)\n| 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
    assert parse_2021(text) == []


# ------------------------------------------------ 3. one cell per line ---

ONE_CELL_PER_LINE = """三、收到和处理政府信息公开申请情况
申请人情况 |
一、本年新收政府信息公开申请数量 |
2 |
0 |
|
0 |
0 |
1 |
3 |
二、上年结转政府信息公开申请数量 |
0 |
0 |
0 |
0 |
0 |
0 |
0 |
(七)总计
2
0
0
0
0
1
3
四、政府信息公开行政复议、行政诉讼情况
行政复议 |
结果维持 |
结果纠正 |
其他结果 |
尚未审结 |
总计 |
""" + "".join(f"{v} |\n" for v in "100010000000000") + "五、存在的主要问题及改进情况\n"


def test_one_cell_per_line():
    figs = parse_2021(ONE_CELL_PER_LINE)
    assert rows(figs) == [
        *req("requests_received", "2 0 blank 0 0 1 3"),
        *req("requests_carried_over", "0 0 0 0 0 0 0"),
        *req("outcome_total", "2 0 0 0 0 1 3"),
        *review("1 0 0 0 1 0 0 0 0 0 0 0 0 0 0"),
        *sums(upheld=0, corrected=0, other=0, pending=0, total=0),
    ]
    check_provenance(ONE_CELL_PER_LINE, figs, "table_2021")


def test_one_cell_per_line_with_a_missing_cell_yields_nothing_for_that_row():
    text = "申请人情况\n一、本年新收政府信息公开申请数量 |\n2 |\n0 |\n0 |\n0 |\n1 |\n3 |\n二、上年结转政府信息公开申请数量 |\n"
    assert parse_2021(text) == []


# ------------------------------------------------ 4. whitespace-separated one-line dump (interim format) ---

WHITESPACE_2019 = (
    "(一)主动公开政府信息的数量 2020年制作政府信息425条。 二、主动公开政府信息情况 第二十条第(一)项 信息内容 "
    "本年新制作数量 本年新公开数量 对外公开总数量 规章 0 0 0 规范性文件 6 4 11 第二十条第(五)项 信息内容 "
    "上一年项目数量 本年增/减 处理决定数量 行政许可 5 -1 30 其他对外管理服务事项 0 0 0 第二十条第(六)项 信息内容 "
    "上一年项目数量 本年增/减 处理决定数量 行政处罚 2 0 7 行政强制 0 0 0 第二十条第(八)项 信息内容 上一年项目数量 "
    "本年增/减 行政事业性收费 0 0 第二十条第(九)项 信息内容 采购项目数量 采购总金额 政府集中采购 2笔 984361元 "
    "三、收到和处理政府信息公开申请情况 (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) 申请人情况 "
    "自 然 人 法人或其他组织 总 计 商业 企业 科研 机构 社会公益组织 法律服务机构 其他 "
    "一、本年新收政府信息公开申请数量 5 0 0 0 0 3 8 二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0 "
    "三、本年度办理结果 (一)予以公开 0 0 0 0 0 00 (二)部分公开(区分处理的,只计这一情形,不计其他情形) 0 0 0 0 0 0 0 "
    "(三) 不予 公开 1.属于国家秘密 0 0 0 0 0 0 0 2.其他法律行政法规禁止公开 0 0 0 0 0 0 0 "
    "(四) 无法 提供 1.本机关不掌握相关政府信息 3 0 0 0 0 2 5 (六)其他处理 2 0 0 0 0 1 3 "
    "(七)总计 5 0 0 0 0 3 8 四、结转下年度继续办理 0 0 0 0 0 0 0 "
    "四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 "
    "未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 "
    "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 五、存在的主要问题及改进情况 无。"
)


def test_whitespace_separated_one_line_dump_in_the_interim_format():
    figs = parse_2019(WHITESPACE_2019)
    assert rows(figs) == [
        one("regulations_made", 0),
        one("regulations_published", 0),
        one("regulations_public_total", 0),
        one("normative_docs_made", 6),
        one("normative_docs_published", 4),
        one("normative_docs_public_total", 11),
        one("licensing_items_prev", 5, "个"),
        one("licensing_items_change", -1, "个"),
        one("licensing_decisions", 30),
        one("other_services_items_prev", 0, "个"),
        one("other_services_items_change", 0, "个"),
        one("other_services_decisions", 0),
        one("penalty_items_prev", 2, "个"),
        one("penalty_items_change", 0, "个"),
        one("penalty_decisions", 7),
        one("coercion_items_prev", 0, "个"),
        one("coercion_items_change", 0, "个"),
        one("coercion_decisions", 0),
        one("admin_fee_items_prev", 0, "个"),
        one("admin_fee_items_change", 0, "个"),
        one("procurement_items", 2, "个"),
        one("procurement_amount", 984361, "元"),
        *req("requests_received", "5 0 0 0 0 3 8"),
        *req("requests_carried_over", "0 0 0 0 0 0 0"),
        *req("outcome_granted", "0 0 0 0 0 0 0"),  # "0 0 0 0 0 00": seven digits for seven cells
        *req("outcome_partial", "0 0 0 0 0 0 0"),
        *req("outcome_denied_state_secret", "0 0 0 0 0 0 0"),
        *req("outcome_denied_law_prohibited", "0 0 0 0 0 0 0"),
        *req("outcome_not_held", "3 0 0 0 0 2 5"),
        *req("outcome_other_processing", "2 0 0 0 0 1 3"),
        *req("outcome_total", "5 0 0 0 0 3 8"),
        *req("requests_carried_forward", "0 0 0 0 0 0 0"),
        *review("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
        *sums(upheld=0, corrected=0, other=0, pending=0, total=0),
    ]
    check_provenance(WHITESPACE_2019, figs, "table_2019")
    by = {(f.indicator, f.breakdown): f for f in figs}
    assert by["outcome_granted", "total"].label.endswith("[split glued digits 0000000]")
    assert "split" not in by["outcome_not_held", "total"].label
    assert parse_2021(WHITESPACE_2019) == []  # wrong format: nothing rather than mislabelled rows


def test_money_unit_printed_in_the_header_is_applied():
    text = "第二十条第(九)项 信息内容 采购项目数量 采购总金额(万元) 政府集中采购 3 12.5 三、收到和处理"
    assert rows(parse_2019(text)) == [one("procurement_items", 3, "个"), one("procurement_amount", 125000, "元")]


# ------------------------------------------------ 5. glued digits ---

GLUED_2021 = (
    "二、主动公开政府信息情况第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件6051"
    "第二十条第(五)项信息内容本年处理决定数量行政许可568第二十条第(六)项信息内容本年处理决定数量行政处罚141行政强制0"
    "第二十条第(八)项信息内容本年收费金额(单位:万元)行政事业性收费0三、收到和处理政府信息公开申请情况"
    "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)申请人情况自然人法人或其他组织总计商业企业科研机构"
    "社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量1000001二、上年结转政府信息公开申请数量00000001"
    "三、本年度办理结果(一)予以公开5100000(二)部分公开(区分处理的,只计这一情形,不计其他情形)0000000"
    "(四)无法提供1.本机关不掌握相关政府信息10000012.没有现成信息需要另行制作0000000"
    "(六)其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请0000000"
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请3.其他(七)总计1000001"
    "四、结转下年度继续办理000000四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
    "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计000003001410001"
    "五、存在的主要问题及改进情况"
)


def test_glued_digits_split_only_when_one_digit_per_cell_and_totals_add_up():
    figs = parse_2021(GLUED_2021)
    assert rows(figs) == [
        one("regulations_issued", 0),  # 规章000: three digits, three cells
        one("regulations_repealed", 0),
        one("regulations_valid", 0),
        # 行政规范性文件6051: four digits for three cells, not splittable → nothing
        one("licensing_decisions", 568),  # one-cell rows need no split
        one("penalty_decisions", 141),
        one("coercion_decisions", 0),
        one("admin_fees_collected", 0, "元"),
        *req("requests_received", "1 0 0 0 0 0 1"),
        # 上年结转 00000001: eight digits for seven cells → nothing
        # (一)予以公开 5100000: total 0 ≠ 5 + 1, the split is not trusted → nothing
        *req("outcome_partial", "0 0 0 0 0 0 0"),
        *req("outcome_not_held", "1 0 0 0 0 0 1"),  # "10000012.没有…": the 2 is the next item number
        *req("outcome_unable_create", "0 0 0 0 0 0 0"),
        *req("outcome_other_no_correction", "0 0 0 0 0 0 0"),
        *req("outcome_other_no_fee", " ".join([BLANK] * 7)),  # two labels with nothing between: printed blank
        *req("outcome_other", " ".join([BLANK] * 7)),
        *req("outcome_total", "1 0 0 0 0 0 1"),
        # 结转下年度 000000: six digits for seven cells (one cell empty in the source) → nothing
        *review("0 0 0 0 0 3 0 0 1 4 1 0 0 0 1"),
        *sums(upheld=4, corrected=0, other=0, pending=1, total=5),
    ]
    check_provenance(GLUED_2021, figs, "table_2021")
    why = undetermined(figs)
    assert why["normative_docs_issued"] == why["normative_docs_valid"] == "[glued digits 6051: 2 readings, this cell differs between them]"
    assert why["requests_carried_over"] == "[glued digits 00000001: 7 cells, no reading decided]"
    assert why["outcome_granted"] == "[glued digits 5100000: one digit per cell does not add up]"
    assert all(f.value is None for f in figs if f.value_kind == "undetermined")
    split = [f for f in figs if f.indicator == "requests_received"]
    assert all(f.label.endswith("[split glued digits 1000001]") for f in split)
    assert [GLUED_2021[f.offset] for f in split] == list("1000001")
    assert next(f for f in figs if f.indicator == "litigation_total").label == (
        "未经复议直接起诉 总计 + 复议后起诉 总计 [split glued digits 000003001410001]"
    )


def test_glued_review_row_whose_totals_do_not_add_up_is_undetermined():
    text = "申请人情况 四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计010000000000000"
    figs = parse_2021(text)
    assert rows(figs) == []
    assert set(undetermined(figs)) == set(REVIEW)
    assert undetermined(figs)["review_total"] == "[glued digits 010000000000000: one digit per cell does not add up]"


def test_glued_digits_in_a_pipe_cell():
    text = "申请人情况\n| 一、本年新收政府信息公开申请数量 | 2000002 |\n| (七)总计 | 12000012 |\n"
    assert rows(parse_2021(text)) == req("requests_received", "2 0 0 0 0 0 2")
    assert undetermined(parse_2021(text)) == {"outcome_total": "[glued digits 12000012: 7 cells, no reading decided]"}


# ------------------------------------------------ formats and absence ---


def test_detect_template():
    assert detect_template(HTML_GRID_2021) == "2021"
    assert detect_template(WHITESPACE_2019) == "2019"
    assert detect_template("一、总体情况 本年度收到申请3件。") is None
    assert parse_tables(WHITESPACE_2019) == parse_2019(WHITESPACE_2019)
    assert parse_tables(HTML_GRID_2021) == parse_2021(HTML_GRID_2021)
    assert parse_2019(HTML_GRID_2021) == []


def test_no_tables_no_figures():
    prose = (
        "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况组成。\n"
        "三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请3件,上年结转1件。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n本年度发生行政复议1件,结果维持,已审结。\n"
    )
    assert parse_2021(prose) == []
    assert parse_2019(prose) == []
    assert parse_2021("") == []


def test_label_map_is_consistent():
    rows_ = label_rows()
    assert {r.table for r in rows_} == {"proactive", "requests", "review"}
    assert {r.template for r in rows_} == {"2019", "2021", "both"}
    for template in ("2019", "2021"):
        names = [c.indicator for r in rows_ if r.template in (template, "both") and r.table != "requests" for c in r.columns]
        names += [r.columns[0].indicator for r in rows_ if r.template in (template, "both") and r.table == "requests"]
        assert len(names) == len(set(names)), template
        assert all(re.fullmatch(r"[a-z_]+", n) for n in names)
    review_row = next(r for r in rows_ if r.table == "review")
    assert [c.indicator for c in review_row.columns] == REVIEW


# ------------------------------------------------ the shared cell stream ---


def test_split_cells_keeps_blank_grid_cells_and_points_at_the_text():
    text = "| 规章 |  | 0 |\n行政许可 | 12\n  本年 3 件"
    cells = split_cells(text)
    assert [c.text for c in cells] == ["规章", "", "0", "行政许可", "12", "本年", "3", "件"]
    assert all(text[c.start : c.end] == c.text for c in cells)
    assert cells[1].start == text.index("| 0")  # a blank cell sits before the pipe that ends it
    assert [c.text for c in split_cells(text, text.index("12"), text.index("3"))] == ["12", "本年"]


def test_is_table_row():
    assert is_table_row("| a | b |") and is_table_row("0 |") and is_table_row("a | b | c")
    assert not is_table_row("本年度收到申请3件。") and not is_table_row("甲|乙")
    assert not is_table_row("长" * 300 + "a | b | c")  # prose that happens to hold pipes


def test_first_match_finds_what_the_alternation_finds():
    patterns = (re.compile(r"本年(?:制发|新收)"), re.compile(r"现行有效"), re.compile(r"本年制发件数"))
    alternation = re.compile("|".join(p.pattern for p in patterns))
    for text in ("现行有效 本年制发件数", "本年制发件数 现行有效", "本年新收", "无", "现行有效现行有效"):
        for pos in (0, 2):
            got, want = first_match(patterns, text, pos), alternation.search(text, pos)
            assert (got and got.span()) == (want and want.span()), (text, pos)


# ------------------------------------------------ the real corpus ---


def _corpus_text(rel: str) -> str:
    raw = (CORPUS / rel).read_text(encoding="utf-8")
    if rel.endswith(".html"):
        raw = html_to_text(raw)[1]
    return clean_text(raw).text




def test_corpus_pingtan_040_html():
    figs = parse_2021(_corpus_text("pingtan/040.body.html"))
    by = {(f.indicator, f.breakdown): f for f in figs}
    assert by["requests_received", "total"].value == 1
    assert by["outcome_not_held", "natural_person"].value == 1
    assert by["outcome_not_held", "total"].value == 1
    assert by["requests_carried_forward", "business"].value_kind == "blank"
    litigation = [f for f in figs if f.indicator.startswith(("review_", "litigation_"))]
    assert len(litigation) == 20
    assert all(f.value == 0 and f.value_kind == "reported" for f in litigation)
    assert by["normative_docs_valid", None].value == 7


def test_corpus_pingtan_033_html_interim():
    figs = parse_2019(_corpus_text("pingtan/033.body.html"))
    by = {f.indicator: f for f in figs if f.breakdown in (None, "total")}
    assert (by["procurement_items"].value, by["procurement_amount"].value, by["procurement_amount"].unit) == (17, 8810055, "元")
    assert by["normative_docs_made"].value == 5
    assert by["outcome_other_processing"].value == 0


@pytest.mark.parametrize("number", ["033", "040"])
def test_corpus_page_text_never_contradicts_the_html(number):
    txt = {(f.indicator, f.breakdown): (f.value, f.value_kind) for f in parse_tables(_corpus_text(f"pingtan/{number}.txt"))}
    html = {(f.indicator, f.breakdown): (f.value, f.value_kind) for f in parse_tables(_corpus_text(f"pingtan/{number}.body.html"))}
    assert len(txt) > 150
    # an undetermined glued cell of the page text is no contradiction: the HTML's separate cells decide it
    assert {k: v for k, v in txt.items() if html.get(k, v) != v and v[1] != "undetermined"} == {}


def test_corpus_reports_before_2019_give_nothing():
    for n in range(1, 30):
        assert parse_tables(_corpus_text(f"pingtan/{n:03d}.txt")) == [], n


def test_next_item_number_is_not_read_as_a_value_even_when_its_label_is_unknown():
    # 其它 (variant spelling) is not in the label map, so only the "2." glued to the run marks the row end.
    text = "申请人情况(三)不予公开1.属于国家秘密00000002.其它法律行政法规禁止公开0000000"
    assert rows(parse_2021(text)) == req("outcome_denied_state_secret", "0 0 0 0 0 0 0")


def test_pdf_page_number_between_cells_of_a_column_is_no_cell():
    # A PDF's text layer: the page number "- 2 -" falls between two cells of the one-cell-per-line table
    text = ONE_CELL_PER_LINE.replace("0 |\n0 |\n1 |\n3 |\n二、", "0 |\n- 2 -\n0 |\n1 |\n3 |\n二、", 1)
    assert text != ONE_CELL_PER_LINE
    assert rows(parse_2021(text)) == rows(parse_2021(ONE_CELL_PER_LINE))
    assert [c.text for c in split_cells("1 | 2\n— 3 —\n4 | 5")] == ["1", "2", "4", "5"]


EIGHT_COLUMNS = """三、收到和处理政府信息公开申请情况
| (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |
| | 自然人 | 法人或其他组织 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
| 一、本年新收政府信息公开申请数量 | 5 | 3 | 2 | 0 | 0 | 1 | 0 | 8 |
| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 1 |
| (七)总计 | 6 | 2 | 1 | 0 | 0 | 1 | 0 | 8 |
| 四、结转下年度继续办理 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 1 |
"""


def test_eight_column_requests_table_drops_the_legal_persons_subtotal():
    figs = parse_2021(EIGHT_COLUMNS)
    assert rows(figs) == [
        *req("requests_received", "5 2 0 0 1 0 8"),
        *req("requests_carried_over", "1 0 0 0 0 0 1"),
        *req("outcome_total", "6 1 0 0 1 0 8"),
        *req("requests_carried_forward", "0 1 0 0 0 0 1"),
    ]
    check_provenance(EIGHT_COLUMNS, figs, "table_2021")


def test_eight_column_row_whose_subtotal_does_not_add_up_yields_nothing():
    text = EIGHT_COLUMNS.replace("| 5 | 3 | 2 | 0 | 0 | 1 | 0 | 8 |", "| 5 | 4 | 2 | 0 | 0 | 1 | 0 | 8 |")
    assert not [f for f in parse_2021(text) if f.indicator == "requests_received"]


# An OCR'd report in markdown: each row label is a heading over its own small table (the label repeated in the row,
# its item number only in the heading), and the review table is three small tables, one per part.
SUB_TABLES_2021 = """三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)
### 一、本年新收政府信息公开申请数量
| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |
|---|---|---|---|---|---|---|---|
| 本年新收政府信息公开申请数量 | 70 | 3 | 0 | 0 | 5 | 0 | 78 |
### 二、上年结转政府信息公开申请数量
| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |
|---|---|---|---|---|---|---|---|
| 上年结转政府信息公开申请数量 | 6 | 0 | 0 | 0 | 0 | 0 | 6 |
### (一) 予以公开
| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |
|---|---|---|---|---|---|---|---|
| 予以公开 | 29 | 1 | 0 | 0 | 3 | 0 | 33 |
### (二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)
| 部分公开 (区分处理的, 只计这一情形, 不计其他情形) | 9 | 0 | 0 | 0 | 2 | 0 | 11 |
四、政府信息公开行政复议、行政诉讼情况
### 行政复议
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
|----------|----------|----------|----------|------|
| 2 | 1 | 0 | 1 | 4 |
### 行政诉讼(未经复议直接起诉)
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
|----------|----------|----------|----------|------|
| 3 | 0 | 0 | 0 | 3 |
### 行政诉讼(复议后起诉)
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
|----------|----------|----------|----------|------|
| 1 | 0 | 1 | 0 | 2 |
"""


def test_row_labels_as_headings_and_review_as_three_sub_tables():
    got = {f.indicator: f.value for f in parse_2021(SUB_TABLES_2021) if f.breakdown in (None, "total")}
    assert (got["requests_received"], got["requests_carried_over"], got["outcome_granted"], got["outcome_partial"]) == (78, 6, 33, 11)
    assert [got[k] for k in REVIEW] == [2, 1, 0, 1, 4, 3, 0, 0, 0, 3, 1, 0, 1, 0, 2]
    assert got["litigation_total"] == 5


def test_review_sub_tables_only_when_all_three_parts_are_there():
    two = SUB_TABLES_2021.split("### 行政诉讼(复议后起诉)")[0]
    assert not any(f.indicator.startswith(("review_", "litigation_")) for f in parse_2021(two))


def test_glued_interim_row_reads_the_cells_every_reading_agrees_on():
    # 行政许可4500 = 4|50|0 or 45|0|0: its decisions are 0 either way, the other two cells stay undetermined;
    # 行政处罚0740 = 0|7|40 or 0|74|0 (no leading zeros): only its first cell is decided
    text = ("第二十条第(五)项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政许可4500 "
            "第二十条第(六)项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政处罚0740")
    figs = parse_2019(text)
    got = {f.indicator: (f.value, f.value_kind) for f in figs}
    assert got["licensing_decisions"] == (0.0, "reported") and got["penalty_items_prev"] == (0.0, "reported")
    assert {k: got[k] for k in ("licensing_items_prev", "licensing_items_change", "penalty_items_change", "penalty_decisions")} == {
        k: (None, "undetermined") for k in ("licensing_items_prev", "licensing_items_change", "penalty_items_change", "penalty_decisions")}
    decided = next(f for f in figs if f.indicator == "licensing_decisions")
    assert decided.label.endswith("[glued digits 4500: the same in all 2 readings]") and text[decided.offset] == "0"
