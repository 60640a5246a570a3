"""Report metadata: dates, titles, years, templates, deadlines and jurisdictions."""

import datetime as dt

import pytest

from analysis.clean import clean_text
from analysis.metadata import extract, find_title, find_year, parse_date, statutory_deadline, template_for, trailer
from conftest import seed_text


@pytest.mark.parametrize(
    ("s", "date"),
    [
        ("2018-02-24", dt.date(2018, 2, 24)),
        ("2018年03月08日", dt.date(2018, 3, 8)),
        ("2018-01-10 00:00:00", dt.date(2018, 1, 10)),
        ("二〇一一年三月二十二日", dt.date(2011, 3, 22)),
        ("2013月1日", None),
        ("", None),
    ],
)
def test_parse_date(s, date):
    assert parse_date(s) == date


def test_title_from_header_field_first():
    assert find_title("正文", {"title": "洪泽区2017年政府信息公开工作年报报告"}) == ("洪泽区2017年政府信息公开工作年报报告", "header:title")


def test_title_from_first_line():
    assert find_title("2022年政府信息公开工作年度报告\n根据《条例》", {}) == ("2022年政府信息公开工作年度报告", "text:first_lines")


def test_no_title_when_the_text_has_none():
    assert find_title("一、概述\n2016年,湘潭市各级各部门", {}) == (None, None)


def test_year_from_title_then_statistics_period_then_text():
    assert find_year("洪泽区2017年政府信息公开工作年报报告", "", None) == (2017, "title")
    assert find_year(None, "本报告所列数据的统计期限自2015年1月1日起至2015年12月31日止。", None) == (2015, "statistics_period")
    assert find_year(None, "一、概述\n2016年,湘潭市各级各部门紧紧围绕", None) == (2016, "text:first_paragraphs")
    assert find_year(None, "一、概述", dt.date(2020, 3, 1)) == (2019, "published_minus_one")


@pytest.mark.parametrize(("year", "template"), [(2009, "pre2014"), (2013, "pre2014"), (2014, "2014_2018"), (2018, "2014_2018"),
                                                (2019, "2019"), (2020, "2019"), (2021, "2021"), (2025, "2021")])
def test_template_by_year(year, template):
    assert template_for(year, "") == template


def test_template_by_wording_when_the_year_is_unknown():
    assert template_for(None, "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数") == "2021"
    assert template_for(None, "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量") == "2019"
    assert template_for(None, "统 计 指 标 |") == "pre2019"
    assert template_for(None, "正文") is None


@pytest.mark.parametrize(
    ("year", "level", "deadline"),
    [
        (2017, "county", dt.date(2018, 3, 31)),
        (2017, "department", dt.date(2018, 3, 31)),
        (2022, "county", dt.date(2023, 3, 31)),
        (2022, "department", dt.date(2023, 1, 31)),
        (2022, "township", None),
        (None, "county", None),
    ],
)
def test_statutory_deadline(year, level, deadline):
    assert statutory_deadline(year, level) == deadline


def test_trailer_signature_and_date():
    assert trailer(clean_text(seed_text("wendeng")).text) == ("威海市文登区人民政府", dt.date(2023, 2, 17))


def _md(name, fields=None):
    cleaned = clean_text(seed_text(name))
    first = {}
    for f, _, v in cleaned.header.fields:
        if v and f not in first:
            first[f] = v
    return extract(cleaned.text, first)


def test_hongze_metadata():
    md = _md("hongze")
    assert (md.jurisdiction, md.prefecture, md.province, md.admin_level, md.year, md.published) == (
        "洪泽区", "淮安市", "江苏省", "county", 2017, dt.date(2018, 2, 24))
    assert (md.deadline, md.days_late) == (dt.date(2018, 3, 31), -35)
    assert md.adcode == "320813"


def test_xiangtan_jurisdiction_from_body_mentions():
    md = _md("xiangtan")
    assert (md.title, md.jurisdiction, md.jurisdiction_source, md.admin_level, md.year, md.published) == (
        None, "湘潭市", "body_mentions", "prefecture", 2016, None)


def test_wendeng_jurisdiction_from_signature():
    md = _md("wendeng")
    assert (md.jurisdiction, md.jurisdiction_source, md.prefecture, md.template, md.published) == (
        "文登区", "issuer", "威海市", "2021", dt.date(2023, 2, 17))


def test_coordinates_come_with_the_jurisdiction():
    md = _md("etuoke")
    assert md.longitude is not None and 106 < md.longitude < 109 and 38 < md.latitude < 41


def test_zone_report_keeps_the_zone_name_and_maps_to_its_county():
    text = "平潭综合实验区2017年政府信息公开工作年度报告\n一、概述\n2017年,实验区管委会认真贯彻《条例》。\n平潭综合实验区管理委员会\n2018年3月20日"
    md = extract(text, {})
    assert (md.jurisdiction, md.county, md.prefecture, md.province, md.admin_level, md.adcode) == (
        "平潭综合实验区", "平潭县", "福州市", "福建省", "county", "350128")


def test_department_of_the_zone():
    md = extract("平潭综合实验区财政金融局2019年度政府信息公开工作年度报告\n一、总体情况\n2019年,我局认真贯彻《条例》。", {})
    assert (md.jurisdiction, md.admin_level, md.deadline) == ("平潭综合实验区", "department", dt.date(2020, 1, 31))


def test_title_broken_over_two_lines_and_body_named_after_the_year():
    md = extract("正文\n2024 年上海市科委政府信息公开工作\n年度报告\n根据《条例》要求,编制本报告。", {})
    assert (md.title, md.title_source, md.jurisdiction, md.admin_level, md.year) == (
        "2024 年上海市科委政府信息公开工作年度报告", "text:first_lines_joined", "上海市", "department", 2024)
