"""Who, where, when for reports from anywhere in China: townships and their namesakes, departments at every
level, State Council bodies, names as people write them, hijacked pages, and every date form.

Each test is a small page written here in the genre's own words; the places are real (the gazetteer's).
"""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.metadata import date_line, extract, find_year, head_date, parse_date

BODY = "\n一、总体情况\n2024年,我镇认真贯彻落实《中华人民共和国政府信息公开条例》,全年主动公开政府信息86条。"


# ------------------------------------------------------------- townships


@pytest.mark.parametrize(
    ("page", "county", "prefecture", "province", "evidence"),
    [
        # 高庄镇 is a town of 沂水县, 牡丹区, 安阳县, 永城市 and 泾阳县: the page says which.
        ("高庄镇2024年政府信息公开工作年度报告" + BODY + "\n地址:泾阳县高庄镇人民政府", "泾阳县", "咸阳市", "陕西省", "parents named in the page"),
        ("高庄镇2024年政府信息公开工作年度报告" + BODY + "\n永城市人民政府网站 版权所有", "永城市", "商丘市", "河南省", "parents named in the page"),
        ("安阳县高庄镇2024年政府信息公开工作年度报告" + BODY, "安阳县", "安阳市", "河南省", "place written before it"),
    ],
    ids=["address", "portal-name", "county-in-title"],
)
def test_a_township_is_told_from_its_namesakes_by_the_places_the_page_names(page, county, prefecture, province, evidence):
    md = extract(page, {})
    assert (md.jurisdiction, md.township, md.admin_level) == ("高庄镇", "高庄镇", "township")
    assert (md.county, md.prefecture, md.province) == (county, prefecture, province)
    assert md.jurisdiction_source == f"township:title ({evidence})"
    assert len(md.township_code) == 12 and md.township_code.endswith("000") and md.adcode == md.township_code[:6]


def test_a_township_whose_county_is_named_nowhere_keeps_its_name_and_nulls():
    md = extract("高庄镇2024年政府信息公开工作年度报告" + BODY, {})
    assert (md.jurisdiction, md.admin_level, md.township_code, md.county, md.prefecture, md.province, md.adcode) == (
        "高庄镇", "township", None, None, None, None, None)
    assert "townships bear this name" in md.jurisdiction_source


def test_a_unique_township_name_needs_no_parent():
    md = extract("面甸镇2025年政府信息公开工作年度报告" + BODY, {})
    assert (md.county, md.prefecture, md.province, md.township_code) == ("建水县", "红河哈尼族彝族自治州", "云南省", "532524108000")


@pytest.mark.parametrize(
    "opening",
    [
        "根据《条例》要求,现公布北票市长皋乡人民政府2025年度政府信息公开工作报告。",
        "2025年,长皋乡认真贯彻落实《中华人民共和国政府信息公开条例》,扎实推进政务公开。北票市",
        "2025年,长皋乡党委、政府按照市委、市政府的统一部署推进政务公开。",
    ],
    ids=["published-as", "township-acts", "party-committee-and-government"],
)
def test_a_township_named_only_in_the_opening_lines(opening):
    md = extract(opening + "\n一、总体情况\n全年主动公开政府信息40条。", {})
    assert (md.jurisdiction, md.admin_level, md.county, md.prefecture) == ("长皋乡", "township", "北票市", "朝阳市")


def test_a_street_office_of_a_municipality_district_has_no_prefecture():
    md = extract("2014年上海市普陀区长风新村街道办事处政府信息公开工作年度报告\n一、概述\n2014年,我街道认真贯彻《条例》。", {})
    assert (md.jurisdiction, md.county, md.prefecture, md.province, md.admin_level) == ("长风新村街道", "普陀区", None, "上海市", "township")


def test_a_county_report_that_lists_its_towns_stays_the_county():
    text = ("泾阳县2024年政府信息公开工作年度报告\n一、总体情况\n2024年,我县认真贯彻《条例》,高庄镇人民政府、"
            "云阳镇人民政府等各乡镇同步推进政务公开。")
    md = extract(text, {})
    assert (md.jurisdiction, md.admin_level, md.township) == ("泾阳县", "county", None)


def test_the_township_table_is_not_loaded_for_a_county_report():
    code = (
        "from analysis import gazetteer, metadata\n"
        "metadata.extract('泾阳县2024年政府信息公开工作年度报告\\n一、总体情况\\n2024年,我县认真贯彻《条例》。', {})\n"
        "print(gazetteer.townships.cache_info().currsize)\n"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONPATH": src})
    assert out.stdout.strip() == "0"


# ----------------------------------------------------------- departments


@pytest.mark.parametrize(
    ("page", "jurisdiction", "county", "prefecture"),
    [
        ("东丽区水务局2020年政府信息公开工作年度报告\n一、总体情况\n2020年,我局认真贯彻《条例》。", "东丽区", "东丽区", None),
        ("根据《条例》,现向社会公开《泾阳县教育局2020年政府信息公开工作年度报告》。\n一、总体情况\n2020年,我局认真贯彻《条例》。",
         "泾阳县", "泾阳县", "咸阳市"),
        ("银川市人民政府办公室2022年政府信息公开工作年度报告\n一、总体情况\n2022年,市政府办公室认真贯彻《条例》。", "银川市", None, "银川市"),
    ],
    ids=["district-bureau", "county-bureau-in-opening", "city-government-office"],
)
def test_a_department_belongs_to_its_government(page, jurisdiction, county, prefecture):
    md = extract(page, {})
    assert (md.jurisdiction, md.county, md.prefecture, md.admin_level) == (jurisdiction, county, prefecture, "department")


def test_a_government_office_compiling_the_governments_report_stands_for_the_government():
    text = ("根据《条例》要求,由伊宁县人民政府办公室编制。全文包括概述、主动公开政府信息情况。\n一、概述\n2014年,我县认真贯彻《条例》。")
    md = extract(text, {})
    assert (md.jurisdiction, md.admin_level, md.prefecture) == ("伊宁县", "county", "伊犁哈萨克自治州")


def test_a_department_known_only_by_how_it_speaks_of_itself():
    text = "根据《条例》以及哈尔滨市政务公开领导小组办公室的有关要求,现公布2011年我办政府信息公开工作年度报告。\n一、概述\n2011年,我办认真贯彻落实《条例》。"
    assert extract(text, {}).admin_level == "department"


# ------------------------------------------------------------ ministries


@pytest.mark.parametrize(
    ("page", "issuer"),
    [
        ("交通运输部2015年政府信息公开工作年度报告\n一、概述\n2015年,部机关认真贯彻《条例》,北京市……", None),
        ("《中华人民共和国政府信息公开条例》实施以来,我局认真贯彻《条例》精神。\n一、基础工作\n国家统计局高度重视政府信息公开工作。", "国家统计局"),
        ("本年度报告由国家机关事务管理局根据《条例》编制。\n一、总体情况\n2021年,本机关深入贯彻落实《条例》。", "国家机关事务管理局"),
        ("教育部办公厅关于发布《2010年教育部政府信息公开工作年度报告》的公告\n根据《条例》,现予发布。\n二○一一年三月二十五日\n一、概述\n2010年,教育系统认真贯彻《条例》。",
         "教育部"),
    ],
    ids=["title", "body-only", "compiled-by", "notice-publishing-the-report"],
)
def test_a_state_council_body_belongs_to_no_province(page, issuer):
    md = extract(page, {})
    assert (md.jurisdiction, md.province, md.prefecture, md.county, md.admin_level) == ("中华人民共和国", None, None, None, "department")
    assert md.jurisdiction_source.endswith(":national_body")
    if issuer:
        assert md.issuer == issuer


def test_a_local_office_of_a_central_agency_is_local():
    md = extract("国家税务总局泾阳县税务局2020年政府信息公开工作年度报告\n一、总体情况\n2020年,我局认真贯彻《条例》。", {})
    assert (md.jurisdiction, md.province, md.admin_level) == ("泾阳县", "陕西省", "department")


# --------------------------------------------------------- names as written


def test_an_autonomous_prefecture_written_short_gets_its_full_name():
    md = extract("黔南州2015年政府信息公开工作年度报告\n省政府办公厅:\n现将黔南州2015年政府信息公开工作情况报告如下:", {})
    assert (md.jurisdiction, md.prefecture, md.province, md.admin_level) == ("黔南布依族苗族自治州", "黔南布依族苗族自治州", "贵州省", "prefecture")


def test_an_autonomous_county_written_short():
    md = extract("长阳县2016年政府信息公开工作年度报告\n一、概述\n2016年,我县认真贯彻《条例》。", {})
    assert (md.jurisdiction, md.county, md.prefecture) == ("长阳土家族自治县", "长阳土家族自治县", "宜昌市")


def test_a_renamed_county_keeps_its_name_as_jurisdiction_and_the_current_unit_as_county():
    md = extract("祁阳县2011年政府信息公开工作年度报告\n一、概述\n2011年,我县认真贯彻《条例》。", {})
    assert (md.jurisdiction, md.county, md.prefecture, md.adcode) == ("祁阳县", "祁阳市", "永州市", "431181")


def test_a_region_named_by_its_level_word_is_placed_by_its_short_name():
    text = ("自治区人民政府办公厅2022\n政府信息公开工作年度报告\n依据《条例》要求,编制本报告。\n一、总体情况\n"
            "2022年,自治区人民政府办公厅贯彻习近平总书记视察新疆重要讲话精神。新疆政府网微信公众号推送信息1363条。")
    md = extract(text, {})
    assert (md.jurisdiction, md.province, md.admin_level, md.jurisdiction_source) == (
        "新疆维吾尔自治区", "新疆维吾尔自治区", "department", "province_short_name")


def test_names_in_cited_documents_do_not_place_the_report():
    text = ("本年度报告由天水市政府信息公开办公室综合各县区人民政府和市政府各部门的年度报告编制而成。\n一、概述\n"
            "2016年,天水市深入贯彻《甘肃省政府信息公开试行办法》和《甘肃省人民政府办公厅关于印发〈甘肃省2016年政务公开工作要点〉的通知》。")
    md = extract(text, {})
    assert (md.jurisdiction, md.prefecture, md.admin_level) == ("天水市", "天水市", "prefecture")


def test_the_short_name_of_a_city_tells_namesake_districts_apart():
    # 南山区: 深圳市 and 鹤岗市; the report names 深圳 only in a newspaper's name.
    text = "南山区安监局2010年政府信息公开工作年度报告\n一、主动公开\n通过《深圳晚报》等主动公开政府信息。"
    md = extract(text, {})
    assert (md.prefecture, md.province) == ("深圳市", "广东省")


@pytest.mark.parametrize(
    "opening",
    ["本报告是根据《条例》要求,由北京市滚球体育app_188篮球比分-直播|官网:发展和改革委员会编制的2008年度政府信息公开年度报告。"],
)
def test_a_hijacked_author_name_leaves_the_jurisdiction_unknown(opening):
    md = extract(opening + "\n一、概述\n2008年,我委认真贯彻《条例》。", {})
    assert (md.jurisdiction, md.province, md.prefecture, md.admin_level) == (None, "北京市", None, "department")
    assert md.jurisdiction_source.startswith("hijacked")


def test_a_spam_title_is_not_read_for_the_place():
    text = "澳门威尼斯人娱乐app2019年政府信息公开工作年度报告\n一、总体情况\n2019年,泾阳县认真贯彻《条例》,泾阳县全年主动公开政府信息100条。"
    md = extract(text, {})
    assert (md.jurisdiction, md.jurisdiction_source) == ("泾阳县", "body_mentions")


# ----------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("s", "date"),
    [
        ("2012年2月20日", dt.date(2012, 2, 20)),
        ("2012-02-20", dt.date(2012, 2, 20)),
        ("2012/2/20", dt.date(2012, 2, 20)),
        ("2012.02.20", dt.date(2012, 2, 20)),
        ("二○一二年二月二十日", dt.date(2012, 2, 20)),
        ("二〇二三年一月三十一日", dt.date(2023, 1, 31)),
        ("二〇二三年一月", None),  # no day: no date
    ],
)
def test_every_date_form(s, date):
    assert parse_date(s) == date


@pytest.mark.parametrize(
    ("head", "date", "source"),
    [
        ("日期:2013-03-29 00:00:00 10:35 来源:三间房地区 打印页面", dt.date(2013, 3, 29), "text:head_labelled"),
        ("公开类别 | 主动公开 | 发布时间 | 2011-04-20 |", dt.date(2011, 4, 20), "text:head_labelled"),
        ("发布日期\n2022-03-07", dt.date(2022, 3, 7), "text:head_labelled"),
        ("• 成文日期\n• 2026-01-21", dt.date(2026, 1, 21), "text:head_labelled"),
        ("来源:政府信息公开办 时间:2019-03-07 11:43", dt.date(2019, 3, 7), "text:head_labelled"),
        ("2017年03月10日来源:沈河区", dt.date(2017, 3, 10), "text:head"),
        ("2020-03-2710:40", dt.date(2020, 3, 27), "text:head"),
        ("(2015年1月31日)", dt.date(2015, 1, 31), "text:head"),
        ("银川市人民政府门户网站 www.yinchuan.gov.cn 2023-01-28", dt.date(2023, 1, 28), "text:head"),
        ("2019年12月3日星期二", None, None),  # the site's clock
        ("采集时间:2025-12-30T21:37:37+08:00", None, None),  # the crawler's
        ("来源:南京日报 更新时间:2018-02-28", None, None),  # a mirror's update
    ],
)
def test_the_date_above_the_report(head, date, source):
    assert head_date(head + "\n本年度报告根据《中华人民共和国政府信息公开条例》编制。\n一、概述") == (date, source)


def test_a_date_line_of_a_notice_publishing_the_report():
    assert date_line("关于发布《2010年度报告》的公告\n现予发布。\n二○一一年三月二十五日\n一、概述\n正文") == dt.date(2011, 3, 25)


def test_a_date_for_another_year_is_not_the_reports():
    text = "天津市河北区人民政府\n2019年12月3日\n本年度报告中所列数据统计期限从2025年1月1日起至2025年12月31日止。\n一、总体情况"
    md = extract(text, {})
    assert (md.year, md.published) == (2025, None)


def test_a_date_inside_an_unsplit_header_value():
    md = extract("马港镇2024年政府信息公开工作年度报告" + BODY, {"publisher": "马港镇人民政府 日期:2025-01-06 11:29 字号:"})
    assert (md.published, md.published_source) == (dt.date(2025, 1, 6), "header:published")


def test_no_date_from_the_address_of_the_page():
    md = extract("泾阳县2019年政府信息公开工作年度报告\n一、总体情况\n2019年,我县认真贯彻《条例》。",
                 {"url": "http://www.snjingyang.gov.cn/zwgk/202003/t20200320_1234.html"})
    assert (md.published, md.published_source) == (None, None)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2025年,街道办事处认真贯彻《条例》。政府网站主动公开信息130条(较2024年增长145%),阅读量较2024年提升30%。", 2025),
        ("根据《国务院办公厅关于印发2019年政务公开工作要点的通知》,2018年,我县认真贯彻《条例》。2018年全年主动公开信息。", 2018),
    ],
    ids=["compared-year", "cited-document"],
)
def test_the_reporting_year_is_the_year_reported_on(text, year):
    assert find_year(None, text, None)[0] == year


# ------------------------------------------------------- development set


# ../shared beside the clone (CI), or beside the folder of worktrees (a helper's worktree in wt/NAME).
EXCERPTS = next((p / "shared" / "corpus" / "excerpts" for p in Path(__file__).resolve().parents[2:4]
                 if (p / "shared" / "corpus" / "excerpts" / "gold").is_dir()), Path("/nonexistent"))


@pytest.mark.skipif(not (EXCERPTS / "gold").is_dir(), reason="the excerpts development set is not beside the clone")
def test_metadata_on_the_excerpts_from_all_over_china(tmp_path):
    from analysis.evaluate import load_gold, score
    from analysis.build import build

    gold = load_gold(EXCERPTS / "gold")
    build(EXCERPTS / "raw", tmp_path, progress=False, use_cache=False)
    scores = score(gold, tmp_path)
    for name in ("jurisdiction", "province", "prefecture", "county", "admin_level", "year", "published", "template"):
        s = scores[name]
        assert s.right / s.total >= 0.95, (name, s.misses)


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("首页 -> 政务公开 -> 政府信息公开年报 -> 各区县市政府信息公开工作年度报告\n沈河区2016年度政府信息公开工作报告\n正文",
         "沈河区2016年度政府信息公开工作报告"),
        ("无障碍 | 长者版\n银川市人民政府办公室2022年政府信息公开工作年度报告\n正文", "银川市人民政府办公室2022年政府信息公开工作年度报告"),
        ("登录 | 注册\n• 乡镇政府信息公开年度报告\n• 发布日期\n2026-01-21\n建水县面甸镇2025年政府信息公开工作年度报告\n正文",
         "建水县面甸镇2025年政府信息公开工作年度报告"),
        ("正文内容区域请使用tab按钮切换浏览\n2014年上海市普陀区长风新村街道办事处政府信息公开工作年度报告\n正文",
         "2014年上海市普陀区长风新村街道办事处政府信息公开工作年度报告"),
        ('恶意区<script>x</script>2019年政府信息公开工作年度报告\n正文', '恶意区<script>x</script>2019年政府信息公开工作年度报告'),
    ],
    ids=["breadcrumb", "accessibility-links", "column-name-and-header-block", "screen-reader-hint", "markup-is-no-breadcrumb"],
)
def test_the_title_past_the_sites_chrome(page, title):
    from analysis.metadata import find_title

    assert find_title(page, {})[0] == title


# ------------------------------------------------------ development zones


@pytest.mark.parametrize(
    ("title", "zone", "evidence", "province", "prefecture", "level"),
    [
        ("苏州工业园区管委会2020年政府信息公开工作年度报告", "苏州工业园区", "statistical code", "江苏省", "苏州市", "county"),
        ("西安高新技术产业开发区管理委员会2020年政府信息公开工作年度报告", "西安高新技术产业开发区", "short name it starts with", "陕西省", "西安市", "county"),
        ("江西省赣州经济技术开发区财政局2020年政府信息公开工作年度报告", "赣州经济技术开发区", "short name it starts with", "江西省", "赣州市", "department"),
        ("泾阳县经济开发区管委会2020年政府信息公开工作年度报告", "泾阳县经济开发区", "place written before it", "陕西省", "咸阳市", "township"),
    ],
    ids=["listed-by-the-nbs", "named-after-its-city", "department-of-a-zone", "zone-of-a-county"],
)
def test_a_development_zone_is_its_own_unit_with_its_parent_place(title, zone, evidence, province, prefecture, level):
    md = extract(title + "\n一、总体情况\n2020年,我区认真贯彻《条例》。", {})
    assert (md.jurisdiction, md.province, md.prefecture, md.admin_level) == (zone, province, prefecture, level)
    assert md.jurisdiction_source == f"zone:title ({evidence})"
    assert md.adcode is None  # a zone has no GB/T 2260 code of its own


def test_a_new_area_that_is_a_district_stays_the_district():
    md = extract("滨海新区2021年政府信息公开工作年度报告\n一、总体情况\n2021年,我区认真贯彻《条例》。", {})
    assert (md.jurisdiction, md.county, md.province, md.admin_level, md.adcode) == ("滨海新区", "滨海新区", "天津市", "county", "120116")


def test_a_street_office_written_with_its_office_has_its_namesakes_too():
    md = extract("新华街道办事处2022年政府信息公开工作年度报告" + BODY, {})
    assert (md.jurisdiction, md.township_code, md.county) == ("新华街道", None, None)
    assert "townships bear this name" in md.jurisdiction_source


@pytest.mark.parametrize(
    ("title", "jurisdiction", "level"),
    [
        ("泾阳县体育局2019年政府信息公开工作年度报告", "泾阳县", "department"),  # 体育 is a bureau's word, not spam
        ("泾阳县人民政府办公室关于印发泾阳县2019年政府信息公开工作年度报告的通知", "泾阳县", "county"),  # the report published, not the notice
        ("泾阳县12345政务服务便民热线管理中心2019年政府信息公开工作年度报告", "泾阳县", "department"),
    ],
)
def test_titles_that_only_look_odd(title, jurisdiction, level):
    md = extract(title + "\n一、总体情况\n2019年,我县认真贯彻《条例》。", {})
    assert (md.jurisdiction, md.jurisdiction_source, md.admin_level) == (jurisdiction, "title", level)


def test_a_township_outside_the_statistical_list_keeps_its_name():
    md = extract("平潭综合实验区海坛片区管理局2020年政府信息公开工作年度报告\n一、总体情况\n2020年,我局认真贯彻《条例》。", {})
    assert (md.jurisdiction, md.township, md.township_code, md.admin_level, md.county) == ("海坛片区", "海坛片区", None, "township", "平潭县")
