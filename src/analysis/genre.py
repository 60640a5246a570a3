"""Is this file an annual report at all?

Scraped folders also hold news items, notices about compiling the reports
(关于做好…年度报告编制发布工作的通知) and index pages. A file is taken for a
report when it has the sections of one, names itself a 政府信息公开 annual
report near the top and talks about disclosure, or opens with the genre's
statements about itself (本年度报告根据…编制, 统计期限自…1月1日) and has one of
its sections; otherwise it is skipped with the reason, never silently dropped.
"""

from __future__ import annotations

import re

from .sections import Section

CONTENT_SECTIONS = frozenset({"overview", "proactive", "requests", "fees", "review_litigation", "problems", "improvements", "not_disclosed"})
_REPORT_NAME = re.compile(r"(政府信息公开|政务公开|信息公开).{0,12}(年度报告|年报|工作报告|年度工作情况)")
_NOTICE = re.compile(r"^(关于|转发|印发).{0,80}(的)?(通知|函|意见|方案|办法|批复)\s*$|(通知|的函)\s*$")
_DISCLOSURE = re.compile(r"主动公开|依申请公开|公开申请|信息公开工作|公开目录|公开指南")
# The genre's own opening statements: a report speaks of itself (本年度报告根据…编制; 本报告…由…组成) and of
# its period (统计期限自2018年1月1日起至…). A page that has lost its title still opens with them.
_SELF_STATED = re.compile(r"本(年度)?报告.{0,80}?(编制|组成)|(统计|数据)(期限|时限|期间|时间).{0,8}?\d{4}\s*年\s*1\s*月\s*1\s*日")


def report_verdict(text: str, sections: list[Section], title: str | None) -> str | None:
    """None for a report; otherwise the reason it is not one."""
    named = {s.section for s in sections} & CONTENT_SECTIONS
    head = (title or "") + "\n" + text[:400]
    first_line = (title or text.split("\n", 1)[0]).strip()
    if _NOTICE.search(first_line) and len(named) < 3:
        return f"not_a_report: a notice or letter ({first_line[:40]}), not an annual report"
    if len(named) >= 2:
        return None
    if _REPORT_NAME.search(head) and _DISCLOSURE.search(text):
        return None
    if _SELF_STATED.search(text[:600]) and _DISCLOSURE.search(text) and named:
        return None  # a report without its title: the opening statements and at least one of its sections
    return "not_a_report: no annual-report title and fewer than two report sections (主动公开, 依申请公开, 存在的问题…)"
