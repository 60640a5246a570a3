"""Headings, canonical sections, the problems/improvements split and the end-of-report trailer."""

import pytest

from analysis.clean import clean_text
from analysis.sections import body_end, classify_heading, cn_number, find_headings, split_problems, split_sections
from conftest import seed_text


@pytest.mark.parametrize(("s", "n"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("7", 7), ("甲", None)])
def test_cn_number(s, n):
    assert cn_number(s) == n


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("一、概述", "overview"),
        ("一、总体情况", "overview"),
        ("二、主动公开政府信息情况", "proactive"),
        ("三、收到和处理政府信息公开申请情况", "requests"),
        ("二、依申请公开政府信息的情况", "requests"),
        ("三、信息公开的收费及减免情况", "fees"),
        ("四、政府信息公开行政复议、行政诉讼情况", "review_litigation"),
        ("五、存在的主要问题及改进情况", "problems_improvements"),
        ("七、存在问题及下一步计划", "problems_improvements"),
        ("三、存在的问题和改进措施", "problems_improvements"),
        ("四、存在问题", "problems"),
        ("五、2018年工作安排", "improvements"),
        ("六、其他需要报告的事项", "other"),
        ("八、附表", "appendix"),
        ("六、人大代表建议和政协委员提案办理结果公开情况", "proposals"),
        ("五、政务公开工作要点落实情况", "workplan"),
        ("第三部分 主动公开政府信息情况", "proactive"),
        ("九、致谢", "unclassified"),
    ],
)
def test_heading_variants(heading, section):
    assert classify_heading(heading) == section


def _heads(text):
    return [(h.level, h.text) for h in find_headings(text)]


def test_three_levels_of_headings():
    text = "一、概述\n正文。\n(一)组织领导\n正文。\n1、制度建设\n正文。\n(1)考核\n正文。\n二、主动公开政府信息情况\n正文。"
    assert _heads(text) == [(1, "一、概述"), (2, "(一)组织领导"), (3, "1、制度建设"), (4, "(1)考核"), (1, "二、主动公开政府信息情况")]


def test_enumeration_inside_a_paragraph_is_not_a_heading():
    # Xiangtan 2016: the plans are enumerated 一、二、三、 inside the improvements paragraph.
    text = "七、存在的主要问题及改进措施\n2017年,我市将加大工作力度。一、进一步理顺体制机制。二、落实《实施意见》。\n八、附表"
    assert _heads(text) == [(1, "七、存在的主要问题及改进措施"), (1, "八、附表")]


def test_table_rows_are_never_headings():
    text = "八、附表\n一、主动公开情况 |\n/ |\n(一)主动公开政府信息数 |\n条 |"
    assert _heads(text) == [(1, "八、附表")]


def test_numbering_that_goes_backwards_is_not_a_heading():
    text = "一、概述\n正文。\n二、主动公开\n正文。\n一、这是列举而非标题\n正文。"
    assert [h for _, h in _heads(text)] == ["一、概述", "二、主动公开"]


def test_heading_phrase_ends_at_the_first_full_stop():
    text = "一、概述\n(一)主动公开政府信息的数量。2016年,我市主动公开政府信息244343条,全市总计公开政府信息344266条。"
    heads = find_headings(text)
    assert heads[1].text == "(一)主动公开政府信息的数量。"
    assert text[heads[1].body_start :].startswith("2016年")


def test_headings_inside_a_one_line_page_dump():
    text = ("平潭综合实验区财政金融局2019年度政府信息公开工作年度报告 根据《条例》要求编制本报告,统计期限自2019年1月1日起至12月31日止。"
            "一、总体情况2019年,我局认真贯彻《条例》。二、主动公开政府信息情况全年主动公开信息30条。"
            "三、收到和处理政府信息公开申请情况本年新收申请0件。" + "正文" * 200)
    assert [h for _, h in _heads(text)] == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]


# ---------------------------------------------------------------- trailer


def test_signature_date_and_contact_lines_are_cut():
    text = "三、存在的问题和改进措施\n存在问题。\n本报告的电子版可在本区门户网站下载。如对本报告有任何疑问,请与区政务公开办公室联系。\n以上报告,欢迎社会各界提出建议。\n某某区人民政府办公室\n2018年1月10日"
    assert text[: body_end(text)] == "三、存在的问题和改进措施\n存在问题。"


def test_chinese_numeral_date_is_cut():
    text = "六、其他\n无。\n二〇一一年三月二十二日"
    assert text[: body_end(text)] == "六、其他\n无。"


def test_inline_signature_at_the_end_of_a_one_line_dump():
    text = "六、其他需要报告的事项无其他需要报告事项。 平潭综合实验区财政金融局 2020年1月2日"
    assert text[: body_end(text)] == "六、其他需要报告的事项无其他需要报告事项。"


def test_a_normal_last_paragraph_is_kept():
    text = "五、存在问题\n信息公开还不够及时。"
    assert body_end(text) == len(text)


# ------------------------------------------------------------ problems split


@pytest.mark.parametrize(
    ("body", "problems", "improvements"),
    [
        ("存在的问题:一是解读不够。\n改进措施情况:加强解读。", "一是解读不够。\n", "加强解读。"),
        ("主要表现在信息公开迟缓。\n下一步我区将健全机制。", "主要表现在信息公开迟缓。\n", "下一步我区将健全机制。"),
        ("仍存在不少问题。\n2017年,我市将加大工作力度。", "仍存在不少问题。\n", "2017年,我市将加大工作力度。"),
        ("存在信息更新不及时等问题。针对上述问题,我局将加强督查。", "存在信息更新不及时等问题。", "针对上述问题,我局将加强督查。"),
    ],
)
def test_split_problems(body, problems, improvements):
    (ps, pe, _), (is_, ie, _) = split_problems(body)
    assert body[ps:pe] == problems and body[is_:ie] == improvements


def test_no_split_point_means_no_split():
    assert split_problems("信息公开工作还存在一些不足,公开内容不够丰富。") is None


# -------------------------------------------------------------- on seeds


def _parts(name, part):
    return [s for s in split_sections(clean_text(seed_text(name)).text) if s.section == part]


def test_hongze_problems_stop_before_plans_and_signature():
    problems, improvements = _parts("hongze", "problems"), _parts("hongze", "improvements")
    assert problems[0].text.endswith("信息发布不够规范等问题。")
    assert improvements[-1].text.endswith("予以扣除相应分数。")
    assert "洪泽区人民政府办公室" not in improvements[-1].text


def test_xiangtan_plans_end_before_the_appendix():
    assert _parts("xiangtan", "improvements")[-1].text.endswith("努力使全市的政务公开工作迈向新台阶。")
    assert _parts("xiangtan", "appendix")[0].heading == "八、附表"


def test_etuoke_two_top_level_sections_with_subsections():
    problems = _parts("etuoke", "problems")
    assert [p.heading for p in problems] == ["四、存在问题", "(1)公开标准方面。", "(2)政策解读方面。", "(3)依法公开方面。", "(4)信息发布方面。"]
    assert _parts("etuoke", "improvements")[0].heading == "五、2018年工作安排"


def test_shayibake_contact_paragraph_is_in_no_section():
    sections = split_sections(clean_text(seed_text("shayibake")).text)
    assert not any("如对本报告有任何疑问" in s.text for s in sections)


def test_offsets_point_into_the_clean_text():
    text = clean_text(seed_text("wendeng")).text
    for s in split_sections(text):
        assert text[s.start : s.end] == s.text


def test_sections_do_not_overlap():
    sections = split_sections(clean_text(seed_text("xiangtan")).text)
    for a, b in zip(sections, sections[1:]):
        assert a.end <= b.start


# ------------------------------------------------ one-line page dumps (Pingtan crawl)

ONE_LINE = (
    "某局2019年度政府信息公开工作年度报告 根据《条例》要求编制本报告,统计期限自2019年1月1日起至12月31日止。"
    "一、总体情况2019年,我局发布《我为群众办实事|检测结果天天报》系列文章。"
    "二、主动公开政府信息情况全年主动公开信息30条。"
    "三、收到和处理政府信息公开申请情况 申请人情况 自然人 一、本年新收政府信息公开申请数量 0 0 0 二、上年结转政府信息公开申请数量 0 0 0 "
    "四、政府信息公开工作存在的主要问题及改进措施目前,我局仍有一些不足之处。一是人员少;二是宣传不够。因此,我们考虑从以下两个方面作进一步的改进:"
    "(一)进一步深化公开内容。加大公开力度。(二)进一步拓展公开形式。发挥网站作用。"
    "五、其他需要报告的事项无。 某局 2020年1月2日" + "正文" * 100
)


def test_one_line_dump_headings_despite_pipes_and_table_rows():
    assert [h for lv, h in _heads(ONE_LINE) if lv == 1] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开工作存在的主要问题及改进措施", "五、其他需要报告的事项"]


def test_turn_phrase_makes_the_following_subsections_improvements():
    rows = [s for s in split_sections(ONE_LINE) if s.section in ("problems", "improvements")]
    assert [(s.section, s.heading) for s in rows] == [
        ("problems", "四、政府信息公开工作存在的主要问题及改进措施"), ("improvements", "四、政府信息公开工作存在的主要问题及改进措施"),
        ("improvements", "(一)进一步深化公开内容"), ("improvements", "(二)进一步拓展公开形式")]
    # The turning sentence opens the plans; the problems end with the sentence before it.
    assert rows[0].text.endswith("二是宣传不够。")
    assert rows[1].text == "因此,我们考虑从以下两个方面作进一步的改进:"
    assert rows[2].text.startswith("(一)进一步深化公开内容。")


@pytest.mark.parametrize(
    ("body", "improvements"),
    [
        ("一是内容不全面。为了进一步做好我局信息公开工作,我局将加大力度。", "为了进一步做好我局信息公开工作,我局将加大力度。"),
        ("仍存在如下问题:解读质量不高。我局将继续按照要求,抓好以下工作。", "我局将继续按照要求,抓好以下工作。"),
        ("依申请受理数量较少。今后我局将继续深入贯彻《条例》。", "今后我局将继续深入贯彻《条例》。"),
    ],
)
def test_more_ways_of_turning_to_plans(body, improvements):
    (_, _, _), (is_, ie, _) = split_problems(body)
    assert body[is_:ie] == improvements


def test_section_text_does_not_start_with_punctuation():
    for s in split_sections(ONE_LINE):
        assert not s.text[:1] in "。;,、:", s


def test_appendix_table_and_signature_glued_to_the_plans_are_cut_off():
    text = ("一、概述 2009年,我局认真贯彻《条例》。二、存在的主要问题和改进措施 (一)存在的问题 一是人员少。(二)改进措施 "
            "针对问题,我局将加强培训,完善制度。 平潭县财政局 二○一○年元月二十日 附件:平潭县财政局信息公开情况统计表 "
            "指标名称 计量单位 2009年度 历年累计 主动公开信息数 条 6 6" + "正文" * 200)
    parts = {s.section: s for s in split_sections(text)}
    assert parts["improvements"].text == "(二)改进措施 针对问题,我局将加强培训,完善制度。"  # the part keeps its label (gold convention)
    assert parts["appendix"].heading == "附件:"


def test_appendix_mentioned_in_prose_is_not_a_table():
    text = "一、概述\n公开了部门决算说明、政府采购情况及附表等。财政资金使用更加透明。\n二、主动公开政府信息情况\n全年公开30条。"
    assert [s.section for s in split_sections(text)] == ["overview", "proactive"]


def test_chinese_dates_with_circle_zero_and_yuan_month():
    from analysis.metadata import parse_date

    assert parse_date("二○一一年元月二十日") == __import__("datetime").date(2011, 1, 20)


# ------------------------------------------------ where headings are looked for


def test_any_space_but_a_line_break_before_an_inline_heading_counts_as_a_space():
    # every whitespace character but the newline (none lies above U+3000): tabs, NBSP, ideographic space…
    spaces = [chr(c) for c in range(0x3001) if chr(c).isspace() and chr(c) != "\n"]
    assert len(spaces) == 28
    for space in spaces:
        text = f"一、概述\n我局认真贯彻《条例》。{space}二、主动公开政府信息情况全年主动公开信息30条。"
        assert [h for _, h in _heads(text)] == ["一、概述", "二、主动公开政府信息情况"], repr(space)


def test_a_long_text_of_fewer_than_five_lines_is_read_as_a_page_dump():
    text = "一、总体情况\n我局认真贯彻《条例》。(一)组织领导 成立领导小组。(二)制度建设 完善制度。" + "正文" * 200
    assert _heads(text) == [(1, "一、总体情况"), (2, "(一)组织领导"), (2, "(二)制度建设")]
    assert _heads(text + "\n正文" * 3) == _heads(text)  # four line breaks
    assert _heads(text + "\n正文" * 4) == [(1, "一、总体情况")]  # five: subheadings inside a line are prose


def test_a_plan_phrase_at_the_very_start_of_the_body_is_no_turn():
    assert split_problems("下一步我局将加强公开。") is None


# ---------------------------------------------------------------- issue 19: boundaries of problems ---


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("四、存在的困难和问题", "problems"),
        ("(一)主要问题", "problems"),
        ("五、下一步工作打算", "improvements"),
        ("六、今后工作", "improvements"),
        ("五、改进措施", "improvements"),
        ("(一)2024 年工作中存在问题的改进情况", "improvements"),
        ("五、政府信息公开的收费及减免情况", "fees"),
        ("五、因政府信息公开申请行政复议、提起行政诉讼的情况", "review_litigation"),
    ],
)
def test_problem_heading_variants(heading, section):
    assert classify_heading(heading) == section


def test_a_heading_running_into_its_body_stops_where_the_section_name_ends():
    body = "全面审视一年来的工作,虽取得了一些进展和成效,但仍存在一些差距和不足,主要是队伍需要加强。下一步,将坚持问题导向。"
    text = "四、政府信息公开行政复议、行政诉讼情况\n无。\n五、存在的主要问题及改进措施" + body + "\n六、其他需要报告的事项\n无。"
    rows = {r.section: r for r in split_sections(text)}
    assert rows["problems"].heading == "五、存在的主要问题及改进措施"
    assert rows["problems"].text.startswith("全面审视一年来的工作")
    assert rows["improvements"].text.startswith("下一步")


def test_an_overview_heading_glued_to_its_first_words():
    text = ("一、概述推进政府信息公开工作是本局贯彻实施条例的重要举措。二、主动公开政府信息情况全年主动公开信息30条。"
            "三、存在的问题和改进措施目前仍存在一些不足。" + "正文" * 200)
    heads = [h.text for h in find_headings(text)]
    assert heads[0] == "一、概述"


def test_a_content_subheading_stays_in_the_section_text():
    text = "一、概述\n正文。\n二、存在的困难和问题\n1.队伍建设有待加强。\n人员多为兼职。\n2.公开内容不够全面。\n部分栏目更新慢。\n三、下一步工作打算\n(一)加强培训。\n组织专题培训。"
    problems = [r for r in split_sections(text) if r.section == "problems"]
    improvements = [r for r in split_sections(text) if r.section == "improvements"]
    assert "\n".join(r.text for r in problems if r.text) == "1.队伍建设有待加强。\n人员多为兼职。\n2.公开内容不够全面。\n部分栏目更新慢。"
    assert improvements[-1].text.startswith("(一)加强培训。")


def test_an_inline_subheading_stops_before_a_nested_enumeration():
    text = ("四、存在的主要问题及改进情况目前仍有不足。因此,我们考虑从以下三个方面作进一步的改进:(一)进一步深化公开内容。按照条例要求公开。"
            "(二)进一步规范政府信息公开行为1、加强信息公开培训指导工作,确保公开准确。" + "正文" * 200)
    heads = [h.text for h in find_headings(text)]
    assert "(二)进一步规范政府信息公开行为" in heads


def test_problems_filed_under_another_section_are_still_problems():
    # The top-level heading was lost in the PDF's text: the sub-headings name the parts themselves.
    text = "三、政府信息公开行政复议、行政诉讼情况\n无。\n(一)主要问题\n栏目结构无法满足需要。\n(二)改进情况\n开设专栏。\n四、其他需要报告的事项\n无。"
    rows = {r.section: r.text for r in split_sections(text)}
    assert rows["problems"] == "栏目结构无法满足需要。"
    assert rows["improvements"] == "开设专栏。"


def test_a_closing_section_after_restarted_numbering_is_found():
    text = ("一、总体情况\n正文。\n二、主动公开\n正文。\n三、申请\n正文。\n四、管理\n正文。\n五、平台\n正文。\n六、保障\n正文。\n"
            "(一)主要问题\n栏目结构无法满足需要。\n(二)改进情况\n开设专栏。\n五、其他需要报告的事项\n未收费。")
    rows = {r.section: r.text for r in split_sections(text)}
    assert rows["improvements"] == "开设专栏。"
    assert rows["other"] == "未收费。"
