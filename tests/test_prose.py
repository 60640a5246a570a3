"""Figures stated in sentences, including 'there was none'."""

import pytest

from analysis.clean import clean_text
from analysis.prose import parse_prose
from conftest import seed_text


def values(text):
    return {f.indicator: (f.value, f.value_kind) for f in parse_prose(text)}


def test_hongze_prose_figures():
    got = values(clean_text(seed_text("hongze")).text)
    expected = dict(proactive_total=5411, requests_received=5, requests_in_person=0, requests_fax=0, requests_online=0, requests_letter=5,
                    requests_completed_on_time=5, requests_extended=0, outcome_already_public=1, outcome_granted=2,
                    outcome_not_this_agency=1, outcome_not_held=1)
    assert {k: got[k] for k in expected} == {k: (float(v), "reported") for k, v in expected.items()}
    assert got["review_total"] == got["litigation_total"] == got["fees_collected"] == (0.0, "zero_stated")


def test_shayibake_nothing_happened():
    got = values(clean_text(seed_text("shayibake")).text)
    assert got["requests_received"] == got["review_total"] == got["litigation_total"] == (0.0, "zero_stated")


@pytest.mark.parametrize(
    ("sentence", "indicator", "value"),
    [
        ("2015年,我局全年主动公开政府信息48条。", "proactive_total", (48.0, "reported")),
        ("全年共受理政府信息公开申请1,234件。", "requests_received", (1234.0, "reported")),
        ("本年度共收到5件依申请公开。", "requests_received", (5.0, "reported")),
        ("本年度未收到政府信息公开申请。", "requests_received", (0.0, "zero_stated")),
        ("全年未发生因政府信息公开引起的行政复议、行政诉讼案件。", "litigation_total", (0.0, "zero_stated")),
        ("因政府信息公开被申请行政复议3件。", "review_total", (3.0, "reported")),
        ("我局办理的政府信息公开申请未收取任何费用。", "fees_collected", (0.0, "zero_stated")),
    ],
)
def test_sentences(sentence, indicator, value):
    assert values("一、概述\n" + sentence)[indicator] == value


def test_a_number_in_the_sentence_is_not_a_none_statement():
    # "没有…3件…行政复议" is not "none"
    assert values("一、概述\n没有发生重大问题,3件申请引起行政复议程序。").get("review_total", (None, ""))[1] != "zero_stated"


def test_a_report_that_never_mentions_litigation_has_no_litigation_figure():
    got = values("一、概述\n全年主动公开政府信息48条。收到申请2件。")
    assert "litigation_total" not in got and "review_total" not in got


def test_figures_in_work_plans_and_problems_are_not_read():
    text = ("一、概述\n全年主动公开政府信息48条。\n二、政务公开工作要点落实情况\n市食药监局全年主动公开政府信息9323条。\n"
            "三、存在的主要问题和改进措施\n部分单位未收到申请却未及时报送。")
    got = values(text)
    assert got["proactive_total"] == (48.0, "reported")
    assert "requests_received" not in got


def test_sub_unit_figures_are_not_the_total():
    assert "proactive_total" not in values("一、主动公开政府信息情况\n2016年,我市市本级主动公开政府信息244343条。")


def test_evidence_and_offset():
    text = "一、概述\n2017年度,我区主动公开政府信息5411条。"
    f = next(f for f in parse_prose(text) if f.indicator == "proactive_total")
    assert text[f.offset : f.offset + 4] == "5411" and "5411条" in f.evidence and f.source == "prose"


def test_cumulative_figures_are_not_the_years():
    assert "proactive_total" not in values("一、主动公开政府信息情况\n截至年底,我局累计主动公开政府信息805条。")


def test_no_case_lost_is_not_no_case():
    got = values("一、概述\n全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。")
    assert "review_total" not in got and "litigation_total" not in got


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("2014年度没有发生因政府信息公开申请的行政复议、行政诉讼和行政申诉。", "requests_received"),  # about reviews, not requests
        ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请。", "fees_collected"),  # a table row label
    ],
)
def test_none_statements_about_something_else_are_not_read(sentence, absent):
    assert absent not in values("一、概述\n" + sentence)


@pytest.mark.parametrize("sentence", ["我区依申请公开政府信息没有向申请人收费。", "本年度没有产生信息公开处理费。", "未向申请人收取相关费用。", "我局政府信息公开没有收费及减免。", "目前政府信息公开提供免费服务。"])
def test_no_fee_statements(sentence):
    assert values("一、概述\n" + sentence)["fees_collected"] == (0.0, "zero_stated")


def test_every_rule_names_a_catalogued_indicator_and_needs_words():
    from analysis.prose import prose_rules

    from analysis.tables_2014 import label_rules
    from analysis.tables_2021 import label_rows

    # Prose names only what the tables name.
    known = {r.indicator for r in label_rules()} | {c.indicator for row in label_rows() for c in row.columns}
    for rule in prose_rules():
        assert rule.all_of and all(all(w for w in g) for g in rule.all_of), rule
        assert rule.indicator == "@channel" or rule.indicator in known, rule.indicator
        assert rule.kind != "number" or rule.units, rule


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("本年度共收取信息处理费0元。", (0.0, "reported")),
        ("2023年,我局依申请公开政府信息共收取信息处理费120元。", (120.0, "reported")),
        ("本年度收取政府信息公开信息处理费共计37.50元。", (37.5, "reported")),
        ("本年度共收取信息处理费0.5万元。", (5000.0, "reported")),  # 万元 in 元
        ("2020年,我县未发生收取信息处理费的情况。", (0.0, "zero_stated")),
        ("2024 年,市科委未发生政府信息公开收费事项。", (0.0, "zero_stated")),  # Shanghai 市科委 2024
        ("本年度依申请公开政府信息未产生收费。", (0.0, "zero_stated")),
    ],
)
def test_fee_statements(sentence, value):
    assert values("六、其他需要报告的事项\n" + sentence)["fees_collected"] == value


@pytest.mark.parametrize(
    "sentence",
    [
        "截至目前,我局累计收取信息处理费300元。",  # cumulative
        "全年未发生违规收费情况。",  # no illegal charging is not no fee
        "全年未发生因收费引起的行政复议。",
    ],
)
def test_fee_statements_that_are_not_the_years_fees(sentence):
    assert "fees_collected" not in values("一、概述\n" + sentence)


def test_proactive_total_stated_as_gongji():
    assert values("一、主动公开政府信息情况\n全年主动公开政府信息共计1,506条,其中规范性文件12件。")["proactive_total"] == (1506.0, "reported")


def test_requests_from_citizens_legal_persons_and_other_organisations():
    sentence = ("全年共收到公民、法人和其他组织提出的政府信息公开申请35件,其中当面申请3件、传真申请0件、网络申请20件、"
                "电子邮件申请2件、信函申请10件。")
    got = values("三、依申请公开政府信息情况\n" + sentence)
    assert got["requests_received"] == (35.0, "reported")
    assert got["requests_online"] == (20.0, "reported")
    assert values("三、依申请公开情况\n本年度共受理公民、法人或其他组织政府信息公开申请8件。")["requests_received"] == (8.0, "reported")


def test_cumulative_requests_are_not_the_years():
    assert "requests_received" not in values("三、依申请公开情况\n2008年以来,累计收到公民、法人和其他组织提出的政府信息公开申请120件。")


@pytest.mark.parametrize("sentence", ["本年度无依申请公开事项。", "2012年,我局无依申请公开政府信息情况。", "本年度没有依申请公开的申请。"])
def test_no_requests_stated_as_no_requests_matter(sentence):
    assert values("三、依申请公开政府信息情况\n" + sentence)["requests_received"] == (0.0, "zero_stated")


@pytest.mark.parametrize("sentence", ["本年度无依申请公开事项被申请行政复议。", "本年度无依申请公开收费情况。"])
def test_no_requests_statements_about_something_else(sentence):
    assert "requests_received" not in values("三、依申请公开政府信息情况\n" + sentence)


def test_channel_figures_published_through():
    sentence = ("2017年,我县共主动公开政府信息1300条,其中通过政府网站发布信息1002条、通过政府公报发布信息8条、"
                "通过政务微博发布信息156条、通过政务微信发布信息120条、通过其他方式发布信息14条。")
    got = values("二、主动公开政府信息情况\n" + sentence)
    assert {k: got[k][0] for k in ("proactive_total", "proactive_website", "proactive_gazette", "proactive_weibo",
                                    "proactive_wechat", "proactive_other")} == {
        "proactive_total": 1300.0, "proactive_website": 1002.0, "proactive_gazette": 8.0, "proactive_weibo": 156.0,
        "proactive_wechat": 120.0, "proactive_other": 14.0}


def test_a_channel_sentence_on_its_own():
    # No 公开 in the sentence: 发布 opens the proactive rules too.
    assert values("二、主动公开政府信息情况\n通过政务微博发布信息312条。")["proactive_weibo"] == (312.0, "reported")


def test_channel_figures_in_plans_are_not_read_and_rough_figures_are_read_as_printed():
    text = ("一、概述\n全年通过政府网站发布信息5000余条。\n二、存在的主要问题及改进措施\n下一步,力争通过政务微博发布信息500条。")
    got = values(text)
    assert got["proactive_website"] == (5000.0, "reported") and "proactive_weibo" not in got
    f = next(f for f in parse_prose(text) if f.indicator == "proactive_website")
    assert "余" in f.label


def test_a_figure_after_many_sentences_holding_only_gate_words():
    text = "一、概述\n" + "我局认真做好政府信息公开工作。依申请公开工作有序开展。" * 20 + "\n全年主动公开政府信息48条。"
    assert values(text)["proactive_total"] == (48.0, "reported")


def test_first_statement_wins():
    assert values("一、概述\n全年主动公开各类信息12条。主动公开政府信息30条。")["proactive_total"] == (12.0, "reported")
    assert values("一、概述\n全年主动公开各类信息12条,主动公开政府信息30条。")["proactive_total"] == (12.0, "reported")


def test_a_word_inside_a_longer_word_is_found():
    # 主动公开 is only found inside 已主动公开 (a word the outcome rules need)
    assert values("一、概述\n本年度已主动公开政府信息12条。")["proactive_total"] == (12.0, "reported")


def test_table_rows_and_skipped_sections_are_stepped_over():
    text = ("一、概述\n|主动公开政府信息5条|\n二、存在的主要问题和改进措施\n全年主动公开政府信息6条。\n"
            "三、其他需要报告的事项\n全年主动公开政府信息7条。")
    assert values(text)["proactive_total"] == (7.0, "reported")


def test_within_a_sentence_number_figures_are_listed_before_none_statements():
    got = parse_prose("一、概述\n本年度未收到政府信息公开申请,传真申请0件。")
    assert [(f.indicator, f.value_kind) for f in got] == [("requests_fax", "reported"), ("requests_received", "zero_stated")]


@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        ("全市共接收政府信息公开申请14,283件,较上年下降16.6%;答复13870件(含上年结转申请397件)。", "outcome_total", 13870.0),
        ("全市共接收政府信息公开申请14,283件,较上年下降16.6%;答复13870件(含上年结转申请397件)。", "requests_carried_over", 397.0),
        ("全市各级行政机关累计主动公开政府信息27万余条。", "proactive_total", 270000.0),
        ("全省通过政府公报、政府网站及政务新媒体等多种载体主动公开信息62.73万条。", "proactive_total", 627300.0),
        ("本局先后举办了两期政府信息公开培训班。", "trainings", 2.0),
        ("全区专门配备了15名专职工作人员、66名兼职工作人员。", "staff_parttime", 66.0),
        ("共有专、兼职工作人员441名。", "staff_total", 441.0),
        ("全州用于政府信息公开的专项经费共计100.28万元。", "funding", 1002800.0),
        ("自治区人民政府门户网站发布各类信息5110条。", "proactive_website", 5110.0),
        ("因政府信息公开被申请行政复议、行政诉讼数量为0件。", "litigation_total", 0.0),
        ("2024年依申请公开信息数为零。", "requests_received", 0.0),
        # a PDF's text layer, lines wrapped inside words (Shanghai 市科委 2024)
        ("所有办结的信息公开\n申请中同意公开答复 9 件,部分公开答复 0 件,不予公开答复 2\n件,无法提供的 10 件,不予处理 0 件,"
         "其他处理 14 件,转下一\n年度办理答复的有 1 件。", "requests_carried_forward", 1.0),
    ],
)
def test_clause_readings_of_real_phrasings(text, indicator, value):
    assert values("一、总体情况\n" + text)[indicator][0] == value


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("本报告由概述、主动公开政府信息情况、行政复议和行政诉讼情况等七个部分组成。", "review_total"),  # 七个部分
        ("我局通过市政府信息公开网站新增主动公开政府信息1470条。", "proactive_total"),  # one channel: the website's
        ("通过全市政务微博、微信和手机客户端等政务新媒体共发布政务信息19903条。", "proactive_total"),  # new media only
        ("在政府网上主动公开组织机构信息3条、财政预决算信息16条。", "proactive_website"),  # a topic's share
        ("办理市长信箱群众留言答复2235条。", "outcome_total"),  # a mailbox, not requests
        ("有83个服务窗口共计109名工作人员。", "staff_total"),  # a service hall's staff
        ("今年受理审批服务事项142264件,收费2.287亿元。", "fees_collected"),  # not an information fee
        ("2024年市科委有 1 件涉及政府信息公开工作的行政复\n议。", "proactive_total"),  # a review, wrapped by a PDF
        ("清理出现行有效的市政府规章173件、市政府规范性文件867件。", "normative_docs_issued"),  # stock, not the year's
        ("开展全省政务公开培训,组织工作组到全省14个市。", "trainings"),  # 14个市
        ("香港免费图库资料大全", "fees_collected"),  # spam, no fee statement
    ],
)
def test_clauses_that_name_no_such_figure(text, indicator):
    assert indicator not in values("一、总体情况\n" + text)


def test_requests_all_answered_give_the_number_answered():
    # the requests of the year, then "all answered": outcome_total, even where the clause names no receiving verb
    got = values("二、依申请公开情况\n今年以来,累计办理依申请公开信息合计23件,已全部按期限答复办结,办结率100%。")
    assert got["outcome_total"] == (23.0, "reported")
    assert "outcome_total" not in values("二、依申请公开情况\n办理依申请公开信息23件,其中3件正在办理。")


def test_a_total_naming_its_channels_is_the_total_not_a_channel():
    got = values("二、依申请公开情况\n我局收到群众通过邮寄、网络提交的各类政府信息公开申请共计8件。")
    assert got["requests_received"] == (8.0, "reported") and "requests_online" not in got


# Classes of precision misses: a figure of something else read as the report's own.
@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        # information made or obtained is not information published; its 主动公开 part is the proactive total
        ("(一)主动公开政府信息的数量2019年制作、获取政府信息总数330条,其中主动公开政府信息90条,作为依申请公开信息数161条,"
         "不予公开信息数79条。", "proactive_total", (90.0, "reported")),
        ("2025年我局共制发政府信息405条,其中主动公开政府信息140条、依申请公开177条、不予公开88条。", "proactive_total", (140.0, "reported")),
        # an earlier clause names the one channel it was published through
        ("我局通过政府门户网站主动公开应主动公开的政府信息,全年公开政府信息共228条。", "proactive_website", (228.0, "reported")),
    ],
)
def test_figure_classes(text, indicator, value):
    assert values(text).get(indicator) == value


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("2019年制作、获取政府信息总数330条,其中主动公开政府信息90条,依申请公开信息数161条,不予公开信息数79条。", "outcome_denied"),
        ("2025年我局共制发政府信息405条,其中主动公开政府信息140条、依申请公开177条、不予公开88条。", "outcome_denied"),
        ("本年度没有依申请公开信息的情况。不予公开信息有10条,主要是关于本系统计划的信息。", "outcome_denied"),
        ("我局通过门户网站公开政府信息,并对2011年以来产生的政府信息进行清理,共清理出5条政府公开信息。", "proactive_website"),
        ("在“基层政务公开标准化规范化建设”专题专栏公开信息113条。", "proactive_total"),
        ("开展警媒座谈会2场、电台直播活动6场、微访谈活动2场。", "online_interviews"),
        ("全年公开政府信息249条,其中:发布行政公文和政策解读信息9条。", "policy_interpretations"),
        ("全市累计发布政策解读短视频近300个。", "policy_interpretations"),
        ("“非政府信息、政府信息不存在、非本机关政府信息”的件数为2件。", "outcome_not_held"),
        ("我局通过官方微信公众号发布365篇《我为群众办实事》系列信息。", "proactive_wechat"),
    ],
)
def test_not_the_figure(text, indicator):
    assert indicator not in values(text)


@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        ("2020年共发布244篇公众号信息。", "proactive_wechat", (244.0, "reported")),  # a channel's information, not a topic's
        ("“上海科技”微信公众号共编发文章 1640 篇。", "proactive_wechat", (1640.0, "reported")),
        ("充分发挥微信公众号传递政府声音的作用,及时公开各类政府信息756条。", "proactive_wechat", (756.0, "reported")),
        ("全年累计发布解读类信息 21 条。", "policy_interpretations", (21.0, "reported")),
        ("解读政策性文件10条。", "policy_interpretations", (10.0, "reported")),
        ("本机关依申请提供政府信息,不收取费用。", "fees_collected", (0.0, "zero_stated")),
    ],
)
def test_recall_classes(text, indicator, value):
    assert values(text).get(indicator) == value


def test_application_for_the_kinds_listed_before_it():
    got = values("2014年,未收到因政府信息公开提出的行政复议、行政诉讼和行政申诉的申请。")
    assert got["review_total"] == got["litigation_total"] == got["complaints"] == (0.0, "zero_stated")
    assert "requests_received" not in got


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("全年公开政府信息249条,其中:发布行政公文9条;政府网站信息185条。", "proactive_website"),  # a kind in a list
        ("全年解读政策、公布单位人事变动、业务动态等共计50条。", "policy_interpretations"),
    ],
)
def test_not_the_figure_either(text, indicator):
    assert indicator not in values(text)


@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        # the clause before says what the people or meetings are for (extend: staff_total, meetings)
        ("局办公室下设信息公开工作小组,共有工作人员2名,负责日常工作。", "staff_total", (2.0, "reported")),
        ("持续加强全局政府信息公开工作规范,召开专题会议1场、培训会2场。", "meetings", (1.0, "reported")),
        # those who attended, right after a training count of the same sentence
        ("全年举办各类培训班83次,参加人数达7681人次。", "trainees", (7681.0, "reported")),
    ],
)
def test_clause_before_and_attendance(text, indicator, value):
    assert values(text).get(indicator) == value


def test_attendance_without_a_training_count_is_no_trainee_figure():
    assert "trainees" not in values("召开会议3次,参加人数达80人次。")


def test_two_kinds_of_one_indicator_counted_apart_give_no_figure():
    assert "reading_points" not in values("本区开辟了2个信息公开查阅室和7个信息查阅点。")
    got = values("全区专门配备了15名专职工作人员、66名兼职工作人员。")  # two indicators: both read
    assert (got["staff_fulltime"], got["staff_parttime"]) == ((15.0, "reported"), (66.0, "reported"))
    # a figure further back in the list is not the one coordinated with this one
    got = values("通过政府网和新媒体平台发布各类政务信息422条,在政府网上主动公开组织机构信息3条、政府信息公开年度报告1条。")
    assert got["proactive_total"] == (422.0, "reported")


def test_published_information_through_a_channel_named_before():
    got = values("利用“某某发布”微信公众号,及时发布工作动态、政策解读等,2019年推送信息128条。")
    assert got["proactive_wechat"] == (128.0, "reported")


def test_figures_of_the_bodies_a_government_supervises_are_not_its_own():
    assert values("督促县直部门在信息公开页面发布信息3044条。") == {}


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("调整政务公开工作领导小组,确定1名分管领导和1-2名具体业务工作人员。", "staff_total"),  # a leader in charge is not the staff
        ("我区在各类媒体发布信息1800条,内容涉及经济、城建等。", "proactive_total"),  # publicity in the news media
    ],
)
def test_not_staff_not_disclosure(text, indicator):
    assert indicator not in values(text)


def test_a_leading_group_does_not_block_the_staff_figure():
    assert values("成立政务公开工作领导小组,配备专兼职工作人员5名。")["staff_total"] == (5.0, "reported")


def test_a_section_whose_body_is_none_states_none_of_its_figures():
    # 2021-format township reports often answer a whole section with 无.
    text = ("某镇2021年政府信息公开工作年度报告\n一、总体情况\n2021年,我镇主动公开政府信息152条。\n"
            "四、政府信息公开行政复议、行政诉讼情况\n无。\n五、存在的主要问题及改进情况\n一是公开内容不够全面。")
    got = {f.indicator: f for f in parse_prose(text)}
    for name in ("review_total", "litigation_total"):
        assert (got[name].value, got[name].value_kind) == (0.0, "zero_stated")
        assert "行政复议、行政诉讼情况" in got[name].evidence and "无" in got[name].evidence


def test_a_section_with_a_body_is_not_read_as_none():
    text = ("某镇2021年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
            "无行政复议案件,行政诉讼1件。\n五、存在的主要问题及改进情况\n一是公开内容不够全面。")
    got = {f.indicator: f for f in parse_prose(text)}
    assert got.get("litigation_total") is None or got["litigation_total"].value == 1.0


def test_units_of_the_same_measure_count_as_the_rules_units():
    text = "报告\n一、概述\n2017年,区政府组织召开新闻发布会2场次,回应政务舆情12条,发布重要政策措施的解读17条。"
    got = {f.indicator: f.value for f in parse_prose(text)}
    assert (got["press_conferences"], got["responses_hotspots"], got["policy_interpretations"]) == (2.0, 12.0, 17.0)
