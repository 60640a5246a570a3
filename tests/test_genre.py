"""Is a file an annual report at all?"""

import pytest

from analysis.clean import clean_text
from analysis.genre import report_verdict
from analysis.metadata import find_title
from analysis.sections import split_sections
from conftest import SEEDS, seed_text


def verdict(text):
    text = clean_text(text).text
    return report_verdict(text, split_sections(text), find_title(text, {})[0])


@pytest.mark.parametrize("seed", list(SEEDS))
def test_every_seed_is_a_report(seed):
    assert verdict(seed_text(seed)) is None


def test_a_report_named_in_its_title_without_sections():
    assert verdict("平潭县质监局2010年政府信息公开年度工作报告 2010年我局认真开展政府信息公开工作,编制公开目录。") is None


def test_a_notice_about_compiling_reports_is_not_a_report():
    text = ("关于做好2019年政府信息公开工作年度报告编制发布工作的通知\n各乡镇人民政府,县政府各部门:\n"
            "根据《条例》规定,请各单位于2020年1月31日前向社会公布本单位2019年政府信息公开工作年度报告。\n县政府办公室")
    assert verdict(text).startswith("not_a_report: a notice")


def test_a_news_article_is_not_a_report():
    text = "我县召开全县经济工作会议\n12月28日,县委县政府召开全县经济工作会议,总结2019年工作,部署2020年任务。会议指出,要坚持稳中求进工作总基调。"
    assert verdict(text).startswith("not_a_report")


def test_a_report_without_its_title_is_known_by_its_opening_statements():
    # A mirror page that lost the title: the genre's statements about itself and its first section remain.
    text = ("编制说明:本年度报告根据国家、省、市政府信息公开相关法律、法规的规定编制,内容包括:概述,主动公开,依申请公开。"
            "本年度报告中所列数据的统计期限自2018年1月1日起至2018年12月31日止。\n一、概述\n"
            "2018年,我局的政府信息公开工作在深化政府信息公开内容等方面取得了新的进展。")
    assert verdict(text) is None


def test_opening_statements_alone_do_not_make_a_report():
    # A notice that quotes the period but has no section of a report is still not one.
    text = ("各单位:\n请按本通知要求编制报告,统计期限自2018年1月1日起至2018年12月31日止,做好主动公开工作。\n县政府办公室")
    assert verdict(text).startswith("not_a_report")
