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
