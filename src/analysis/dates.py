"""Dates as report pages print them: 2012-02-20, 2012/2/20, 2012.02.20, 2012年2月20日, and signature dates
in Chinese numerals (二○一二年二月二十日). Where a page's own date is printed (a labelled or unlabelled date
above the report, the date line of a notice) is found here; which date a report gets is metadata's choice.
"""

from __future__ import annotations

import datetime as dt
import re

DATE = re.compile(r"(?P<y>20\d\d|19\d\d)\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})\s*日?")
CN_DATE = re.compile(r"(?P<y>[〇○零〇O0一二三四五六七八九]{4})\s*年\s*(?P<m>[元一二三四五六七八九十]{1,2})\s*月\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日")
CN_NUM = {"〇": 0, "○": 0, "零": 0, "O": 0, "0": 0, "元": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def cn_int(s: str) -> int:
    if all(ch in CN_NUM for ch in s) and "十" not in s:
        return int("".join(str(CN_NUM[ch]) for ch in s))
    tens, _, units = s.partition("十")
    return (CN_NUM[tens] if tens else 1) * 10 + (CN_NUM[units] if units else 0) if "十" in s else CN_NUM[s]


def parse_date(s: str) -> dt.date | None:
    """First date in ``s`` (2018-02-24, 2018年03月08日, 二〇一一年三月二十二日), or None."""
    for pattern, conv in ((DATE, int), (CN_DATE, cn_int)):
        m = pattern.search(s or "")
        if m:
            try:
                return dt.date(conv(m["y"]), conv(m["m"]), conv(m["d"]))
            except (ValueError, KeyError):
                continue
    return None


_HEAD_SCAN = 16
_DATE_LABEL = re.compile(r"(?:(发布|公开|成文|生成|发文|印发|信息)|(?<![\u4e00-\u9fff]))(日期|时间)\s*[:：|]?\s*$")
_UPDATED = re.compile(r"(更新|修改|浏览|访问|采集|抓取|爬取|下载|打印|检索)(日期|时间)\s*[:：|]?\s*$")  # a mirror's or a counter's time, not the page's date
_DATE_HINT = re.compile(r"\d{4}|[〇○零O0一二三四五六七八九]{4}\s*年")
_CLOCK = re.compile(r"^\s*(\d{1,2}:\d{2}(:\d{2})?\s*)?(星期|周|礼拜)[一二三四五六日天]")
_PROSE = re.compile(r"。|^[一二三四五六七八九十]+、|^(根据|按照|依据|本报告|本年度|现将|现公布)")


def dates_in(line: str):
    for pattern, conv in ((DATE, int), (CN_DATE, cn_int)):
        for m in pattern.finditer(line):
            try:
                yield m, dt.date(conv(m["y"]), conv(m["m"]), conv(m["d"]))
            except (ValueError, KeyError):
                continue


def head_date(text: str) -> tuple[dt.date | None, str | None]:
    """The page's date printed above the report (日期:2013-03-29, 发布时间 | 2011-04-20, a label on one line
    and its date on the next, or a date line of its own under the title: 2017年03月10日来源:沈河区).

    Only the lines before the report's first sentence are read; a date followed by a weekday is the
    site's clock (2019年12月3日星期二), not the page's date.
    """
    labelled = False
    for line in text.split("\n", _HEAD_SCAN + 1)[:_HEAD_SCAN]:
        line = line.strip(" •·-|")
        if _PROSE.search(line) or len(line) > 100:
            break
        if not _DATE_HINT.search(line):
            labelled = bool(re.fullmatch(r"(发布|公开|成文|生成|发文|印发)?(日期|时间)\s*[:：]?", line))
            continue
        for m, date in dates_in(line):
            if _CLOCK.match(line[m.end():]):
                continue
            before = line[: m.start()]
            if _UPDATED.search(before):
                continue
            label = _DATE_LABEL.search(before.rstrip(" |")[-12:]) or labelled
            if label:
                return date, "text:head_labelled"
            if len(line) <= 60:
                return date, "text:head"
        labelled = bool(re.fullmatch(r"(发布|公开|成文|生成|发文|印发)?(日期|时间)\s*[:：]?", line))
    return None, None


_DATE_LINE = re.compile(r"[((]?\s*(\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?|[〇○零O0一二三四五六七八九]{4}\s*年[元一二三四五六七八九十]{1,2}\s*月[一二三四五六七八九十]{1,3}\s*日)\s*[))]?")


def date_line(text: str) -> dt.date | None:
    """A line that is a date and nothing else, above the report's first section (the date of a notice
    publishing the report: …的公告 / 二○一一年三月二十五日)."""
    first = re.search(r"^\s*[一1][、.．]", text, re.M)
    for line in text[: first.start() if first else 3000].split("\n"):
        if _DATE_LINE.fullmatch(line.strip()):
            return parse_date(line)
    return None
