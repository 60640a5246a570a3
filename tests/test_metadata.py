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


def test_an_opening_sentence_is_no_title():
    text = "根据《中华人民共和国政府信息公开条例》,现公布本县2013年度政府信息公开工作报告。\n一、概述\n全年主动公开政府信息800条。"
    assert find_title(text, {}) == (None, None)
    assert find_title("本报告由县政府办公室编制,现予公布。\n2013年政府信息公开工作年度报告", {}) == (
        "2013年政府信息公开工作年度报告", "text:first_lines")  # the title on the next line


def test_title_from_first_line():
    assert find_title("2022年政府信息公开工作年度报告\n根据《条例》", {}) == ("2022年政府信息公开工作年度报告", "text:first_lines")


def test_traditional_page_title_is_read_in_simplified():
    # A Big5 page's <title> reaches metadata as printed; its text has been converted to simplified.
    fields = {"html_title": "2016年拉薩市城關區人民政府政府信息公開工作年度報告_拉薩市城關區人民政府門戶網站"}
    assert find_title("首页\n走进城关\n政务公开\n政务服务\n2016年拉萨市城关区人民政府政府信息公开工作年度报告", fields) == (
        "2016年拉萨市城关区人民政府政府信息公开工作年度报告_拉萨市城关区人民政府门户网站", "header:html_title")


def test_simplified_page_title_is_never_converted():
    fields = {"html_title": "乾安县2016年政府信息公开工作年度报告"}  # t2s would turn 乾安 into 干安
    assert find_title("正文", fields) == ("乾安县2016年政府信息公开工作年度报告", "header:html_title")
    assert find_title("正文", {"html_title": "乾安县人民政府门户网站"}) == (None, None)


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


def test_zone_named_only_in_the_body_keeps_the_zone_name():
    text = ("根据《中华人民共和国政府信息公开条例》,现公布实验区2013年度政府信息公开工作报告。\n一、概述\n"
            "2013年,平潭综合实验区管委会认真贯彻《条例》,平潭综合实验区全年主动公开政府信息800条。")
    md = extract(text, {})
    assert (md.jurisdiction, md.jurisdiction_source, md.county, md.adcode) == ("平潭综合实验区", "body_mentions", "平潭县", "350128")


def test_body_mentions_give_the_name_the_report_writes_most():
    text = ("2013年政府信息公开工作年度报告\n一、概述\n2013年,平潭县在平潭综合实验区党工委领导下,"
            "平潭综合实验区各部门……平潭综合实验区全年主动公开政府信息800条。")
    assert extract(text, {}).jurisdiction == "平潭综合实验区"
    assert extract(text.replace("平潭综合实验区", "平潭县"), {}).jurisdiction == "平潭县"


def test_department_of_the_zone():
    md = extract("平潭综合实验区财政金融局2019年度政府信息公开工作年度报告\n一、总体情况\n2019年,我局认真贯彻《条例》。", {})
    assert (md.jurisdiction, md.admin_level, md.deadline) == ("平潭综合实验区", "department", dt.date(2020, 1, 31))


def test_title_broken_over_two_lines_and_body_named_after_the_year():
    md = extract("正文\n2024 年上海市科委政府信息公开工作\n年度报告\n根据《条例》要求,编制本报告。", {})
    assert (md.title, md.title_source, md.jurisdiction, md.admin_level, md.year) == (
        "2024 年上海市科委政府信息公开工作年度报告", "text:first_lines_joined", "上海市", "department", 2024)


# -------------------------------------------------------------- townships


@pytest.mark.parametrize(
    ("title", "signature", "jurisdiction", "county"),
    [
        ("巴林右旗北关街道办事处2017年政府信息公开工作年度报告", "巴林右旗北关街道办事处", "北关街道", "巴林右旗"),
        ("临夏回族自治州和政县花园街道办事处2020年政府信息公开工作年度报告", "和政县花园街道办事处", "花园街道", "和政县"),
        ("2022年政府信息公开工作年度报告", "沈丘县朝阳街道办事处", "朝阳街道", "沈丘县"),
        ("二道区河西街道办2019年政府信息公开工作年度报告", "二道区河西街道办", "河西街道", "二道区"),
        ("宝应县射阳湖镇人民政府办公室2016年政府信息公开工作年度报告", "宝应县射阳湖镇人民政府办公室", "射阳湖镇", "宝应县"),
        ("2011年政府信息公开工作年度报告", "宜州市高桥镇人民政府党政办公室", "高桥镇", "宜州区"),  # 宜州市 is 宜州区 since 2016
    ],
    ids=["banner-subdistrict", "prefecture-county-subdistrict", "signature-only", "short-office-name", "town-government-office",
         "town-party-and-government-office"],
)
def test_subdistrict_office_is_a_township_not_a_department(title, signature, jurisdiction, county):
    # 办事处 ends like a department (…处), but a 街道办事处 is the government of a township-level unit.
    text = (f"{title}\n一、概述\n今年以来,我办认真贯彻落实《中华人民共和国政府信息公开条例》,扎实推进政务公开工作。\n"
            f"二、主动公开政府信息情况\n全年主动公开政府信息86条。\n{signature}\n2023年1月18日")
    md = extract(text, {})
    assert (md.jurisdiction, md.county, md.admin_level) == (jurisdiction, county, "township")


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("北京市人民政府驻上海办事处2016年政府信息公开工作年度报告", "department"),  # a liaison office is a department
        ("淮安市洪泽区城乡建设局2016年政府信息公开工作年度报告", "department"),
        ("淮安市洪泽区高良涧街道社区卫生服务中心2016年政府信息公开工作年度报告", "department"),
    ],
    ids=["liaison-office", "bureau", "subdistrict-health-centre"],
)
def test_departments_stay_departments(title, level):
    md = extract(f"{title}\n一、概述\n2016年,我单位认真贯彻《条例》。", {})
    assert md.admin_level == level


# ------------------------------------------------------- ambiguous names


def test_ambiguous_district_is_the_one_whose_city_the_report_names():
    # 永定区 is a district of 张家界市 (Hunan) and of 龙岩市 (Fujian); the contact paragraph says which.
    text = ("永定区2017年政府信息公开工作年度报告\n一、概述\n2017年,我区认真贯彻落实《条例》,扎实推进政务公开。\n"
            "六、其他需要报告的事项\n如对本报告有疑问,请与区政府办公室联系(地址:张家界市永定区子午西路,邮编:427000)。\n"
            "永定区人民政府办公室\n2018年3月20日")
    md = extract(text, {})
    assert (md.jurisdiction, md.jurisdiction_source, md.prefecture, md.province, md.adcode) == ("永定区", "title", "张家界市", "湖南省", "430802")


def test_ambiguous_district_resolved_by_the_province_named_in_the_header():
    text = "普陀区2019年政府信息公开工作年度报告\n一、总体情况\n2019年,我区坚持以公开为常态、不公开为例外。"
    md = extract(text, {"publisher": "浙江省舟山市普陀区人民政府办公室"})
    assert (md.jurisdiction, md.prefecture, md.province) == ("普陀区", "舟山市", "浙江省")


def test_ambiguous_department_found_only_in_the_body():
    text = ("2019年政府信息公开工作年度报告\n一、总体情况\n2019年,南山区城市管理和综合执法局在深圳市委市政府和区委区政府的正确领导下,"
            "认真贯彻《条例》,南山区城市管理和综合执法局全年主动公开政府信息312条。")
    md = extract(text, {})
    assert (md.jurisdiction, md.jurisdiction_source, md.province) == ("南山区", "body_mentions", "广东省")


def test_ambiguous_name_with_no_parent_named_stays_unresolved_by_the_title():
    md = extract("鼓楼区2016年政府信息公开工作年度报告\n一、概述\n2016年,我区认真贯彻《条例》。", {})
    assert (md.jurisdiction, md.jurisdiction_source) == ("鼓楼区", "body_mentions")  # a name, but no parent to choose by


def test_parents_named_equally_often_decide_nothing():
    text = "铁东区2016年政府信息公开工作年度报告\n一、概述\n2016年,我区组织赴鞍山市、四平市学习政务公开经验。"
    assert extract(text, {}).jurisdiction_source == "body_mentions"


def test_a_former_district_is_chosen_over_its_current_namesake_when_the_report_names_its_city():
    # 双桥区 was a district of 重庆市 until 2011 (then 大足区); 承德市 still has one. The current one is
    # the default, but this report names 重庆市.
    text = ("双桥区科学技术局2008年政府信息公开年度报告\n一、概述\n2008年,我局在重庆市科委和区委区政府的领导下,认真贯彻《条例》。\n"
            "双桥区科学技术局\n2009年3月20日")
    md = extract(text, {})
    assert (md.jurisdiction, md.jurisdiction_source, md.province, md.adcode) == ("双桥区", "title", "重庆市", "500111")
    plain = extract("双桥区科学技术局2008年政府信息公开年度报告\n一、概述\n2008年,我局认真贯彻《条例》。", {})
    assert (plain.jurisdiction, plain.province) == ("双桥区", "河北省")  # no city named: the current 双桥区


@pytest.mark.parametrize(
    ("title", "named"),
    [("三明市沙县交通局2008年政府信息公开工作年报", "沙县"), ("三明市沙县区交通局2022年政府信息公开工作年度报告", "沙县区"),
     ("赣县教育局2012年政府信息公开工作年度报告", "赣县")],
)
def test_a_renamed_county_keeps_the_name_the_report_gives_it(title, named):
    # 沙县 became 沙县区 in 2021 and 沙县 is also the new district's short name: the report's own name is kept,
    # the codes and coordinates are the current unit's.
    md = extract(f"{title}\n一、概述\n本局认真贯彻《条例》。", {})
    assert md.jurisdiction == named and md.county == named.removesuffix("区") + "区" and md.adcode in ("350405", "360704")


def test_a_city_written_before_its_district_only_says_where_the_district_is():
    # No title: the body names 阳江市 and 江城区 as often, but always as 阳江市江城区 (the district's full address).
    text = ("2018年,为确保本局政府信息全面、及时、准确公开,本局认真做好政府信息公开工作。\n一、概述\n"
            "制定了《阳江市江城区财政局政务公开工作考核办法》。\n如有疑问请与阳江市江城区财政局办公室联系。")
    md = extract(text, {})
    assert (md.jurisdiction, md.jurisdiction_source, md.prefecture) == ("江城区", "body_mentions", "阳江市")


def test_a_city_named_on_its_own_still_counts():
    text = ("2018年政府信息公开工作年度报告\n一、概述\n阳江市人民政府认真贯彻《条例》,阳江市各部门扎实推进政务公开,"
            "阳江市江城区、阳江市阳东区同步推进。")
    assert extract(text, {}).jurisdiction == "阳江市"


# ------------------------------------------------------ traditional pages


def test_metadata_of_a_traditional_page():
    page = ("‧ 您好，歡迎來到溫州市文成縣人民政府門戶網站！\n當前位置：首頁 > 信息公開 > 政府信息公開年報\n"
            "索 引 號: 002651398/2018-00041 分  類: 綜合\n發佈機構:溫州市文成縣人民政府 發文日期:2018年03月26日\n"
            "文成縣2017年政府信息公開工作年度報告\n"
            "本報告根據《中華人民共和國政府信息公開條例》要求編制。本報告所列數據的統計期限自2017年1月1日起至2017年12月31日止。\n"
            "一、概述\n2017年，我縣認真做好政府信息公開工作，全年主動公開政府信息1514條。\n"
            "文成縣人民政府\n2018年3月25日\n【打印】【關閉】\n主辦單位：文成縣人民政府辦公室  承辦單位：文成縣大數據中心\n浙ICP備05012345號")
    cleaned = clean_text(page)
    first = {}
    for f, _, v in cleaned.header.fields:
        first.setdefault(f, v)
    md = extract(cleaned.text, first)
    assert (md.title, md.title_source) == ("文成县2017年政府信息公开工作年度报告", "text:first_lines")
    assert (md.issuer, md.issuer_source) == ("文成县人民政府", "signature")
    assert (md.published, md.published_source, md.year) == (dt.date(2018, 3, 26), "header:published", 2017)
    assert (md.jurisdiction, md.province, md.admin_level) == ("文成县", "浙江省", "county")
