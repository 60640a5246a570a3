"""Cleaning rules, one small fixture each, plus the seeds that exercise them for real."""

import pytest

from analysis.clean import (
    clean_text,
    count_mojibake,
    normalize_width,
    remove_boilerplate,
    remove_inline_pinyin,
    split_header,
    to_simplified,
    traditional_share,
)
from conftest import seed_text

# ------------------------------------------------------------------ width


def test_fullwidth_ascii_becomes_ascii():
    assert normalize_width("（一）２０１７年ＡＢＣ：１２件，") == "(一)2017年ABC:12件,"


def test_chinese_punctuation_and_enclosed_numerals_are_kept():
    assert normalize_width("主动公开、依申请公开。《条例》“解读”①⑴") == "主动公开、依申请公开。《条例》“解读”①⑴"


def test_ideographic_and_nbsp_spaces_become_spaces_and_invisible_marks_go():
    assert normalize_width("局\u3000\u00a02024年\u200b1月\ufeff") == "局  2024年1月"


def test_crlf_and_cr_become_newlines():
    assert normalize_width("一\r\n二\r三") == "一\n二\n三"


# ----------------------------------------------------------------- pinyin


def test_tone_marked_pinyin_is_removed():
    assert remove_inline_pinyin("年度報(bào)告") == ("年度報告", 1)


def test_consecutive_glosses_are_removed():
    assert remove_inline_pinyin("國(guó)務(wù)院") == ("國務院", 2)


@pytest.mark.parametrize(
    "text",
    [
        "(一)主动公开情况",
        "《条例》(以下简称《条例》)",
        "政务服务移动端(app)上线",
        "空气质量(PM2.5)",
        "门户网站(www.hongze.gov.cn)下载",
        "见附表(表1)",
    ],
)
def test_ordinary_parentheses_are_untouched(text):
    assert remove_inline_pinyin(text) == (text, 0)


def test_toneless_syllable_goes_only_in_a_glossed_text():
    glossed = "報(bào)告(gào)的(de)數(shù)據(jù)"
    assert remove_inline_pinyin(glossed)[0] == "報告的數據"
    assert remove_inline_pinyin("系统的(de)功能") == ("系统的(de)功能", 0)


def test_numbered_tone_pinyin_in_a_glossed_text():
    assert remove_inline_pinyin("報(bao4)告(gao4)數(shu4)據(ju4)")[0] == "報告數據"


def test_wendeng_seed_has_no_pinyin_left():
    cleaned = clean_text(seed_text("wendeng"))
    assert cleaned.n_pinyin_removed > 400
    assert "(bào)" not in cleaned.text and "(qū)" not in cleaned.text


# --------------------------------------------------------------- mojibake


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("加大日??己吮戎", 1),
        ("共公开??条，其中???件", 2),
        ("收到申请\ufffd\ufffd件", 1),
        ("领域?专家", 1),
        ("是否收费？请咨询", 0),  # a real (full-width) question mark
        ("what? yes", 0),
        ("", 0),
    ],
)
def test_mojibake_runs_are_counted(text, runs):
    assert count_mojibake(text) == runs


# ----------------------------------------------------------------- script


def test_traditional_seed_is_detected_and_converted():
    cleaned = clean_text(seed_text("wendeng"))
    assert cleaned.script == "traditional"
    assert "年度报告" in cleaned.text and "国务院" in cleaned.text
    assert "國務院" not in cleaned.text and "報告" not in cleaned.text


def test_simplified_seed_is_left_as_is():
    cleaned = clean_text(seed_text("hongze"))
    assert cleaned.script == "simplified"
    assert traditional_share(cleaned.text) == 0.0


# A page of a traditional-script site (Big5 mirror of a district portal) around the real Wendeng report:
# greeting, breadcrumb, document-information block above it; page tools and footer after the signature.
TRADITIONAL_PAGE_TOP = """‧ 您好，歡迎來到威海市文登區人民政府門戶網站！
當前位置：首頁 > 政務公開 > 政府信息公開年報
索 引 號：11371081004215566R/2023-00012  分  類：政府信息公開年報
發佈機構：威海市文登區人民政府辦公室  發文日期：2023年02月20日
名  稱：威海市文登區2022年政府信息公開工作年度報告
"""
TRADITIONAL_PAGE_BOTTOM = """
【打印本頁】【關閉窗口】
上一篇：威海市文登區2021年政府信息公開工作年度報告
主辦單位：威海市文登區人民政府辦公室
版權所有：威海市文登區人民政府  網站標識碼：3710810001
"""


def test_traditional_page_is_cleaned_like_a_simplified_one():
    bare = clean_text(seed_text("wendeng"))
    page = clean_text(TRADITIONAL_PAGE_TOP + seed_text("wendeng") + TRADITIONAL_PAGE_BOTTOM)
    assert page.text == bare.text  # greeting, breadcrumb, header block and footer all gone
    assert page.text.splitlines()[0] == "2022年政府信息公开工作年度报告"
    assert page.text.splitlines()[-2:] == ["威海市文登区人民政府", "2023年2月17日"]
    assert set(page.boilerplate_hits) == {"welcome", "breadcrumb", "print_close", "prev_next", "site_owner", "icp"}
    fields = {f: v for f, _, v in page.header.fields}
    assert fields["publisher"] == "威海市文登区人民政府办公室"
    assert fields["published"] == "2023年02月20日"
    assert fields["title"] == "威海市文登区2022年政府信息公开工作年度报告"
    assert [label for _, label, _ in page.header.fields][:3] == ["索引号", "分类", "发布机构"]
    # The script measures describe the report text as printed (traditional), without the chrome.
    assert (page.script, page.traditional_share) == ("traditional", bare.traditional_share)
    assert page.n_pinyin_removed == bare.n_pinyin_removed


def test_traditional_one_line_crawl_header():
    lines = ["標題: 平潭縣財政局2009年度政府信息公開年度報告", "發佈時間: 2010-05-12 00:00", "發佈機構: 平潭縣財政局",
             "==================== 正文 ====================", "2009年，為確保我局政府信息可以全面、及時、準確公開，現將有關情況報告如下。"]
    cleaned = clean_text("\n".join(lines))
    assert [(f, v) for f, _, v in cleaned.header.fields] == [
        ("title", "平潭县财政局2009年度政府信息公开年度报告"), ("published", "2010-05-12 00:00"), ("publisher", "平潭县财政局")]
    assert cleaned.text == "2009年,为确保我局政府信息可以全面、及时、准确公开,现将有关情况报告如下。"
    assert cleaned.script == "traditional"


def test_page_title_in_the_script_of_the_text():
    traditional = clean_text(TRADITIONAL_PAGE_TOP + seed_text("wendeng"))
    simplified = clean_text(seed_text("hongze"))
    assert traditional.in_text_script("威海市文登區2022年政府信息公開工作年度報告") == "威海市文登区2022年政府信息公开工作年度报告"
    assert simplified.in_text_script("洪泽区2017年政府信息公开工作年报报告") == "洪泽区2017年政府信息公开工作年报报告"


QIANXIAN_REPORT = """乾县2016年政府信息公开工作年度报告
根据《中华人民共和国政府信息公开条例》要求,现公布乾县2016年政府信息公开工作年度报告。本报告所列数据的统计期限自2016年1月1日起至2016年12月31日止。
一、概述
2016年,我县认真贯彻落实《条例》,扎实推进政务公开工作,全年主动公开政府信息1200条。
二、依申请公开政府信息情况
全年共收到政府信息公开申请5件,均已按时答复。
三、存在的主要问题和改进措施
政府信息公开的及时性有待进一步提高。下一步,我县将进一步加强培训,规范公开流程。
乾县人民政府办公室
2017年3月20日"""


def test_simplified_report_in_traditional_chrome_loses_the_chrome_and_keeps_its_script():
    # The site's traditional version converts its own chrome, not the report pasted into it. 乾 (乾县, Shaanxi)
    # is a character t2s changes (to 干): the report must come out exactly as printed.
    page = ("‧ 您好，歡迎來到乾縣人民政府門戶網站！\n當前位置：首頁 > 政務公開 > 政府信息公開年報\n" + QIANXIAN_REPORT
            + "\n【打印本頁】【關閉窗口】\n主辦單位：乾縣人民政府辦公室\n版權所有：乾縣人民政府 網站標識碼：6104240001")
    cleaned = clean_text(page)
    assert cleaned.text == clean_text(QIANXIAN_REPORT).text == QIANXIAN_REPORT
    assert cleaned.script == "simplified" and 0 < cleaned.traditional_share < 0.03
    assert set(cleaned.boilerplate_hits) == {"welcome", "breadcrumb", "print_close", "site_owner", "icp"}


def test_simplified_page_is_cleaned_as_before():
    page = "当前位置:首页 > 信息公开\n" + seed_text("hongze") + "\n打印本页 关闭窗口"
    cleaned = clean_text(page)
    assert cleaned.text == clean_text(seed_text("hongze")).text
    assert (cleaned.script, cleaned.traditional_share) == ("simplified", 0.0)


def test_traditional_share_scale():
    assert traditional_share("政府信息公开工作年度报告") == 0.0
    assert traditional_share("政府信息公開工作年度報告") == pytest.approx(2 / 12)


def test_traditional_share_counts_each_character_as_t2s_converts_it_alone():
    text = "政府資訊公開條例第二十條規定,本機關於2019年度發佈報告。"
    han = [ch for ch in text if "\u3400" <= ch <= "\u9fff"]
    changed = [ch for ch in han if to_simplified(ch) != ch]
    assert len(changed) >= 6
    assert traditional_share(text) == pytest.approx(len(changed) / len(han))
    assert traditional_share("abc 123") == 0.0


# ------------------------------------------------------------ boilerplate


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("当前位置:首页 > 政府信息公开 > 信息公开", "breadcrumb"),
        ("您的位置:首页 > 信息公开年报", "breadcrumb"),
        ("• 您好,欢迎来到鄂托克旗人民政府门户网站!", "welcome"),
        ("打印本页 关闭窗口", "print_close"),
        ("【打印】【关闭】", "print_close"),
        ("字号:大 中 小", "font_size"),
        ("新ICP备17002312号 网站标识6501030001 新公网安备 65010302000265号", "icp"),
        ("主办单位:某某市人民政府办公室", "site_owner"),
        ("沙依巴克区人民政府主办 乌鲁木齐市沙依巴克区电子政务办公室承办", "site_owner_inline"),
        ("版权所有 © 2018 某某市人民政府", "copyright"),
        ("联系邮箱:sq5569555@163.com 网站维护联系方式:0991-6139789", "site_contact"),
        ("上一篇:2016年政府信息公开工作年度报告", "prev_next"),
        ("附件下载", "related"),
    ],
)
def test_boilerplate_lines_are_dropped(line, rule):
    kept, hits = remove_boilerplate(["一、概述", line, "二、主动公开政府信息情况"])
    assert kept == ["一、概述", "二、主动公开政府信息情况"]
    assert hits == {rule: 1}


@pytest.mark.parametrize(
    "line",
    [
        "如对本报告有疑问,请与洪泽区人民政府办公室联系(电话:0517-87222589,电子邮箱:409423819@qq.com)。",
        "区政府主办的政务公开培训班共培训120人次,进一步提升了工作人员业务能力和政策水平,取得良好效果。",
        "五、存在的主要问题及改进情况",
        "洪泽区人民政府办公室",
    ],
)
def test_report_lines_are_kept(line):
    assert remove_boilerplate([line]) == ([line], {})


def test_one_line_page_dump_loses_only_its_chrome():
    line = (
        "当前位置: 首页政务公开政府信息公开平潭综合实验区财政金融局政府信息公开年报 平潭县财政局2009年度政府信息公开年度报告 "
        "来源:平潭县财政局 时间:2010-05-12 00:00 --> 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接: "
        "2009年度政府信息公开年度报告 2009年,为确保我局政府信息可以全面、及时、准确公开。 附件下载"
    )
    kept, hits = remove_boilerplate([line])
    assert kept[0].startswith("平潭县财政局2009年度政府信息公开年度报告")
    assert "微信" not in kept[0] and "当前位置" not in kept[0] and not kept[0].endswith("附件下载")
    assert kept[0].endswith("准确公开。")
    assert hits == {"inline_breadcrumb": 1, "inline_chrome": 1, "trailing_attachments": 1}


def test_word_style_sheet_residue_is_removed():
    line = (
        "Normal 0 7.8 磅 0 2 false false false EN-US ZH-CN X-NONE /* Style Definitions */ "
        "table.MsoNormalTable {mso-style-name:普通表格; mso-padding-alt:0cm 5.4pt 0cm 5.4pt;} 根据《条例》要求,编制本报告。"
    )
    kept, _ = remove_boilerplate([line])
    assert kept == ["根据《条例》要求,编制本报告。"]


# ----------------------------------------------------------------- header


def test_hongze_information_block_becomes_fields_not_body():
    lines = [line.strip() for line in seed_text("hongze").splitlines() if line.strip()]
    header, body = split_header(lines)
    fields = {(f, v) for f, _, v in header.fields}
    assert {("index_no", "014341690/2018-00003"), ("publisher", "洪泽区政府办"), ("published", "2018-02-24"),
            ("title", "洪泽区2017年政府信息公开工作年报报告")} <= fields
    assert not any("索 引 号" in line or "发布机构" in line for line in body)
    assert "洪泽区2017年政府信息公开工作年报报告" in body  # the printed title stays in the body


def test_etuoke_block_with_full_width_style_labels():
    header, _ = split_header([line.strip() for line in seed_text("etuoke").splitlines() if line.strip()])
    fields = {f: v for f, _, v in header.fields}
    assert fields["publisher"] == "鄂托克旗人民政府办公室"
    assert fields["published"] == "2018年03月08日"
    assert fields["title"] == "鄂托克旗人民政府2017年政府信息公开年度报告"


def test_crawler_header_ends_at_the_separator():
    lines = ["标题: 平潭县财政局2009年度政府信息公开年度报告", "发布时间: 2010-05-12 00:00", "文号:", "发布机构: 平潭县财政局",
             "==================== 正文 ====================", "2009年,为确保我局政府信息可以全面公开。"]
    header, body = split_header(lines)
    assert body == ["2009年,为确保我局政府信息可以全面公开。"]
    assert [(f, v) for f, _, v in header.fields] == [
        ("title", "平潭县财政局2009年度政府信息公开年度报告"), ("published", "2010-05-12 00:00"), ("doc_no", ""), ("publisher", "平潭县财政局")]


def test_body_lines_that_start_like_labels_are_not_header():
    lines = ["分类推进政务公开标准化建设", "标题党问题不存在", "来源于群众的意见建议12条"]
    header, body = split_header(lines)
    assert header.fields == [] and body == lines


def test_header_labels_are_only_looked_for_near_the_top():
    lines = [f"第{i}段正文内容。" for i in range(20)] + ["发布机构: 某某局"]
    header, body = split_header(lines)
    assert header.fields == [] and body[-1] == "发布机构: 某某局"


# ------------------------------------------------------------------ chain


def test_clean_text_of_shayibake_drops_footer_keeps_contact_paragraph():
    cleaned = clean_text(seed_text("shayibake"))
    assert "ICP" not in cleaned.text and "关闭窗口" not in cleaned.text and "点击数" not in cleaned.text
    assert "如对本报告有任何疑问" in cleaned.text
    assert cleaned.text.splitlines()[0] == "沙依巴克区2017年政府信息公开工作年度报告"


def test_clean_text_keeps_the_flattened_xiangtan_table_rows():
    lines = clean_text(seed_text("xiangtan")).text.splitlines()
    i = lines.index("(一)收到申请数 |")
    assert lines[i : i + 3] == ["(一)收到申请数 |", "件 |", "687 |"]


# ------------------------------------------------- boilerplate shortcuts


def _remove_boilerplate_naively(lines):
    """Every rule searched on every line, as the rules file describes them: what the shortcuts must give."""
    from analysis.clean import boilerplate_rules

    rules = boilerplate_rules()
    kept, hits = [], {}
    for line in lines:
        s = line.strip()
        dropped = next((r for r in rules if r.kind == "line" and len(s) <= r.max_chars and r.pattern.search(s)), None)
        if dropped:
            hits[dropped.name] = hits.get(dropped.name, 0) + 1
            continue
        for r in rules:
            if r.kind == "inline":
                s, k = r.pattern.subn(" ", s)
                if k:
                    hits[r.name] = hits.get(r.name, 0) + k
        if s.strip():
            kept.append(s.strip())
    return kept, hits


def test_boilerplate_shortcuts_change_nothing_on_random_pages():
    import random

    rng = random.Random(11)
    report = [line.strip() for name in ("hongze", "etuoke", "xiangtan") for line in seed_text(name).splitlines() if line.strip()]
    chrome = ["打印本页 关闭窗口", "【打印】【关闭】", "[ 关闭 ]", "字号:大 中 小", "新ICP备17002312号", "新ıCP备17002312号",
              "网站标识码6501030001", "版权所有 © 2018", "COPYRIGHT 2018 某某市", "copyright", "Copyright", "(C) 2019 某某",
              "(c)2019", "©", "主办单位:某某市人民政府办公室", "人民政府主办 电子政务办公室承办", "上一篇:年报", "附件下载",
              "当前位置:首页 > 政务公开 ", "分享到:", "欢迎访问", "相关链接", "点击数:12", "网站地图",
              "Normal 0 7.8 磅 0 2 false false false EN-US ZH-CN X-NONE ", "<!--[if !supportLists]-->", "返回顶部", "ſhare"]
    for _ in range(400):
        lines = rng.sample(report, rng.randint(1, 12))
        for _ in range(rng.randint(0, 4)):
            piece = rng.choice(chrome)
            at = rng.randrange(len(lines) + 1)
            if rng.random() < 0.3 and lines:  # glued to a report line, before or after it
                i = rng.randrange(len(lines))
                lines[i] = piece + lines[i] if rng.random() < 0.5 else lines[i] + " " + piece
            else:
                lines.insert(at, piece)
        assert remove_boilerplate(lines) == _remove_boilerplate_naively(lines)
