"""Is this file an annual report at all?

Scraped folders also hold news items, notices about compiling the reports
(关于做好…年度报告编制发布工作的通知) and index pages. A file is taken for a
report when it has the sections of one, or names itself a 政府信息公开 annual
report near the top and talks about disclosure; otherwise it is skipped with
the reason, never silently dropped.
"""

from __future__ import annotations

import re

from .sections import Section

CONTENT_SECTIONS = frozenset({"overview", "proactive", "requests", "fees", "review_litigation", "problems", "improvements", "not_disclosed"})
_REPORT_NAME = re.compile(r"(政府信息公开|政务公开|信息公开).{0,12}(年度报告|年报|工作报告|年度工作情况)")
_NOTICE = re.compile(r"^(关于|转发|印发).{0,80}(的)?(通知|函|意见|方案|办法|批复)\s*$|(通知|的函)\s*$")
_DISCLOSURE = re.compile(r"主动公开|依申请公开|公开申请|信息公开工作|公开目录|公开指南")


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
    return "not_a_report: no annual-report title and fewer than two report sections (主动公开, 依申请公开, 存在的问题…)"
