"""Clean text → canonical sections with character offsets.

Headings are found at three levels (一、 / (一) / 1、 (1) 第一部分…), checked
against their numbering so that an enumeration inside a paragraph (…。一、进一步…)
or a table row is not taken for a heading. Top-level headings are classified
with ``data/section_headings.tsv``; deeper headings inherit their parent's
section. A combined "problems and improvements" section is split at the point
where the text turns from problems to plans. Signatures, dates and contact
lines at the end of a report belong to no section.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .cells import is_table_row
from .datafiles import read_tsv

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; Arabic digits pass through."""
    if s.isdigit():
        return int(s)
    if not s or any(ch not in CN_DIGITS and ch != "十" for ch in s):
        return None
    if "十" in s:
        tens, _, units = s.partition("十")
        return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)
    return CN_DIGITS[s] if len(s) == 1 else None


_NUMERALS = "一二三四五六七八九十"
_CN = f"[{_NUMERALS}]{{1,3}}"
# (level, compiled pattern at a position); group "n" is the number.
MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(r"第(?P<n>" + _CN + r")(部分|章|节)[、.:\s]?")),
    (1, re.compile(r"(?P<n>" + _CN + r")\s*[、.．]")),
    (2, re.compile(r"[(（]\s*(?P<n>" + _CN + r")\s*[)）][、.]?")),
    (3, re.compile(r"(?P<n>\d{1,2})\s*[、．](?!\d)|(?P<n2>\d{1,2})\.(?!\d)")),
    (4, re.compile(r"[(（](?P<n>\d{1,2})[)）]")),
)


def _any_marker(levels: tuple[int, ...]) -> str:
    """One pattern matching where any marker of these levels matches (group names dropped)."""
    return "|".join(re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for level, p in MARKERS if level in levels)


# Where a heading may start, found in one pass over the whole text so that prose lines are never looked
# at one by one: any marker at a line start; inline, a top-level marker after a sentence end or a space,
# or in a one-line report any marker that starts with 第, a Chinese numeral or a bracket. The inline
# patterns consume the marker's first character and look back from there, because re skips ahead
# fast only to a pattern's first character; \s less the newline is spelt out as plain characters,
# which re checks faster than a category.
_ANY_MARKER = re.compile(_any_marker((1, 2, 3, 4)))
_LINE_START = re.compile(r"\n(?=" + _ANY_MARKER.pattern + ")")
_SPACE = r"\t\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_INLINE = re.compile(f"[第{_NUMERALS}](?<=[。;；!！{_SPACE}](?={_any_marker((1,))}).)")
_ONE_LINE_INLINE = re.compile(f"[第{_NUMERALS}(（](?<=[^\n](?={_any_marker((1, 2, 4))}).)")
_TABLE_ROW = re.compile(r"本年新收|上年结转|本年度办理结果|结转下年度|申请人情况|主动公开情况\s*\|")
HEADING_MAX = 40  # a heading line longer than this is a heading phrase followed by body text
_PHRASE_END = re.compile(r"[。:;；!！?？]")
# An inline heading phrase ends at a space or sentence end, or where a nested enumeration starts
# ((三)进一步规范政府信息公开行为1、加强… : the heading stops before 1、).
_INLINE_PHRASE_END = re.compile(r"[\s。:;]|(?=\d{1,2}[、．.](?!\d)|[(（]\d{1,2}[)）]|[一二三四五六七八九十]是)")
_PHRASE_TAIL = re.compile(r"[^\s。:;,，(（\d]{0,14}?(情况|工作|措施|事项|概述|计划|安排)")  # …政府信息公开工作
# A section name that already ends in one of these words is complete: what follows is the body
# (五、存在的主要问题及改进措施全面审视一年来的工作… / 一、概述推进政府信息公开工作是…),
# unless it is 情况 (改进措施情况).
_COMPLETE = re.compile(r"(措施|事项|概述|计划|安排|打算|方向|不足|问题|困难|概况|前言)$")


class Section(NamedTuple):
    ordinal: int
    level: int
    section: str
    heading: str
    text: str
    start: int  # offset of the body text in the clean text
    end: int


class _Heading(NamedTuple):  # a tuple: one is built for nearly every marker, and tuples are built fast
    level: int
    number: int
    start: int  # offset of the marker
    body_start: int  # offset just after the heading phrase
    text: str  # heading as printed


@lru_cache(maxsize=1)
def heading_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((r["section"], re.compile(r["pattern"])) for r in read_tsv("section_headings.tsv"))


@lru_cache(maxsize=1 << 15)
def classify_heading(heading: str) -> str:
    """Canonical section of a top-level heading, or 'unclassified' (cached: the same headings recur)."""
    for marker_level, pattern in MARKERS:
        m = pattern.match(heading)
        if m:
            heading = heading[m.end() :]
            break
    for section, pattern in heading_rules():
        if pattern.search(heading):
            return section
    return "unclassified"


# ------------------------------------------------------------- headings ---


def _match_marker(text: str, pos: int) -> tuple[int, int, int] | None:
    for level, pattern in MARKERS:
        m = pattern.match(text, pos)
        if m:
            n = cn_number(m.group("n") or (m.groupdict().get("n2") or ""))
            if n is not None:
                return level, n, m.end()
    return None


def _heading_phrase(text: str, marker_end: int, line_end: int, inline: bool) -> int:
    """Offset where the heading phrase ends and the body begins."""
    if not inline:
        if len(text[marker_end:line_end].strip()) <= HEADING_MAX:
            return line_end
        # A known section name running straight into its body on one line (五、存在的主要问题及改进措施全面审视…)
        known = _known_phrase(text, marker_end, line_end)
        if known and known[1]:
            return known[0]
        m = _PHRASE_END.search(text, marker_end, min(line_end, marker_end + HEADING_MAX + 1))
        if m:
            return m.end()
        return known[0] if known else marker_end
    # One-line page dumps: the heading is a known section name (possibly after a few words such as
    # 政府信息公开工作), else it runs to the next space or sentence end. Only its start is sliced out:
    # the rest of a one-line report can be long.
    known = _known_phrase(text, marker_end, line_end)
    if known:
        return known[0]
    head = text[marker_end : min(line_end, marker_end + HEADING_MAX)]
    stop = _INLINE_PHRASE_END.search(head)
    return marker_end + (stop.start() if stop else 0)


def _known_phrase(text: str, marker_end: int, line_end: int) -> tuple[int, bool] | None:
    """End of a known section name starting within 12 characters of the marker, with its tail (…政府信息情况),
    and whether the name is complete (ends in a word such as 措施 or 情况) rather than cut short."""
    head = text[marker_end : min(line_end, marker_end + HEADING_MAX)]
    for _, pattern in heading_rules():
        m = pattern.search(head)
        if m and m.start() <= 12:
            end = marker_end + m.end()
            if _COMPLETE.search(m.group()):
                end += 2 if text.startswith("情况", end) else 0
                return (end + 1 if text[end : end + 1] in ("。", ":", "：") and end < line_end else end), True
            tail = _PHRASE_TAIL.match(text, end, line_end)
            if not tail:
                return end, False
            end = tail.end()
            return (end + 1 if text[end : end + 1] in ("。", ":", "：") and end < line_end else end), True
    return None


def _candidates(text: str, one_line: bool) -> list[tuple[int, bool]]:
    """(offset, inline) of every position where a marker may start a heading, in reading order."""
    starts = [m.end() for m in _LINE_START.finditer(text)]
    if _ANY_MARKER.match(text):
        starts.insert(0, 0)
    inline = (_ONE_LINE_INLINE if one_line else _INLINE).finditer(text)
    return sorted([(p, False) for p in starts] + [(m.start(), True) for m in inline])


def _is_one_line(text: str) -> bool:
    """A page dump of more than 400 characters with fewer than 5 line breaks (found without counting
    every line break of a long text)."""
    if len(text) <= 400:
        return False
    pos = -1
    for _ in range(5):
        pos = text.find("\n", pos + 1)
        if pos < 0:
            return True
    return False


def find_headings(text: str) -> list[_Heading]:
    """Headings in reading order, kept only where their numbering makes sense."""
    one_line = _is_one_line(text)
    found: list[_Heading] = []
    last: dict[int, int] = {}  # level → last accepted number (reset when a parent changes)
    seen: set[str] = set()  # sections of the top-level headings accepted so far
    line_end = -1
    for start, inline in _candidates(text, one_line):
        if start > line_end:  # the first candidate in its line
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", start)
            line_end = len(text) if line_end < 0 else line_end
            # a line without a pipe is no table row: not worth slicing out
            table_row = text.find("|", line_start, line_end) >= 0 and is_table_row(text[line_start:line_end])
        if table_row:  # never a heading
            continue
        hit = _match_marker(text, start)
        if not hit:
            continue
        level, number, marker_end = hit
        if inline and level > 1 and not one_line:
            continue
        body_start = _heading_phrase(text, marker_end, line_end, inline)
        heading = text[start:body_start].strip()
        if not _sequence_ok(level, number, last, inline, heading):
            # Numbering restarted by embedded statistical tables (…六、 then the tables' 二、三、 then
            # 五、其他需要报告的事项): a closing section not yet seen is still taken, on its own line.
            closing = classify_heading(heading) if level == 1 and not inline else ""
            if closing not in _CLOSING or closing in seen:
                continue
        if level == 1:
            seen.add(classify_heading(heading))
        if inline and classify_heading(heading) == "unclassified" and level == 1:
            continue
        if level == 1 and _TABLE_ROW.search(heading):
            continue  # 一、本年新收政府信息公开申请数量: a row of the requests table, not a section
        if level == 1 and not inline and body_start == marker_end:
            continue  # "一、" followed by a long sentence with no heading phrase: an enumeration
        found.append(_Heading(level, number, start, body_start, heading))
        last[level] = number
        for deeper in [lv for lv in last if lv > level]:
            del last[deeper]
    return found


_CLOSING = frozenset({"problems_improvements", "problems", "improvements", "other"})


def _sequence_ok(level: int, number: int, last: dict[int, int], inline: bool, heading: str) -> bool:
    prev = last.get(level)
    if prev is None:
        if number == 1:
            return True
        # A report (or excerpt) may start its numbering late: accept a known top-level heading.
        known = classify_heading(heading) != "unclassified"
        return level == 1 and (known if inline else (number <= 3 or known))
    if inline:
        # numbering jumps happen (四 → 七); inline only for a known section name
        return number == prev + 1 or (level == 1 and prev < number <= prev + 3 and classify_heading(heading) != "unclassified")
    return prev < number <= prev + 3


# -------------------------------------------------------------- trailer ---

_TRAILER_LINE = re.compile(
    r"^(\S{2,40}(人民政府|政府|办公室|办公厅|局|委员会|委|厅|中心|管理局|管委会|街道办事处|办事处|政府办|公开办)\s*)?"
    r"((\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十元]{1,2}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*(印发)?)?$"
)
_CONTACT = re.compile(r"如对本报告有.{0,4}疑问|电子版.{0,40}(下载|查阅|公布|发布)|欢迎社会各界|联系电话|联系方式[:：]|(地址|邮编|电话)[:：]\s*\S+.*(邮编|电话|传真)")
_INLINE_TRAILER = re.compile(
    r"\s+(\S{2,40}(人民政府|政府|办公室|局|委员会|管委会|管理局|中心)\s*)?((\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十元]{1,2}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日)?\s*$"
)
_INLINE_TRAILER_SPAN = 160
# Where an appendix table starts inside a section of a one-line page dump (附件:… 统计表 指标名称 …).
_APPENDIX = re.compile(
    r"指\s*标\s*名\s*称|统\s*计\s*指\s*标"
    r"|(附件\s*[:：]|附表\s*[:：]?|[^\s。;；]{0,30}统计表)(?=[^。]{0,100}(指\s*标\s*名\s*称|统\s*计\s*指\s*标|计量单位))"
)


# Every match of _APPENDIX contains one of these; searching for them first is far cheaper. Each is
# searched for on its own because re finds a leading literal character several times faster than
# the first character of an alternation.
_APPENDIX_HINTS = (re.compile(r"统\s*计"), re.compile(r"附[件表]"), re.compile(r"指\s*标\s*名\s*称"))


def body_end(text: str) -> int:
    """Offset where the report body ends: signature, date and contact lines at the end are cut off."""
    end = len(text)
    while end > 0:
        line_start = text.rfind("\n", 0, end - 1) + 1 if end > 0 else 0
        line = text[line_start:end].strip()
        if line and (len(line) <= 60 and _TRAILER_LINE.match(line) or (len(line) <= 400 and _CONTACT.search(line))):
            end = max(line_start - 1, 0)
            continue
        # A signature and date is at most ~70 characters: search only the tail of a long line
        # (a whole report on one line would make this search quadratic).
        m = _INLINE_TRAILER.search(text, max(line_start, end - _INLINE_TRAILER_SPAN), end)
        if m and m.start() > line_start and m.group().strip():
            end = m.start()
        break
    return end


# ------------------------------------------------------- problems split ---

_TURN = re.compile(r"(改进|措施|打算|计划|如下|方面)[^。]{0,12}[:：]\s*$|以下[几两二三四五六]?个?方面[^。]{0,12}[:：]?\s*$")
_IMPROVE_LABEL = re.compile(r"(改进措施情况|改进情况|改进措施|整改措施|改进方向|下一步(工作)?(打算|计划|措施|安排))\s*[:：]")
_PROBLEM_LABEL = re.compile(r"^\s*(存在的?(主要)?问题|主要问题|问题和不足)\s*[:：]")
# A turn to plans at the start of a line or sentence; the mark before it is part of the match, as
# re skips ahead fast to a leading character class.
_IMPROVE_START = re.compile(
    r"[\n。;；]\s*("
    r"下一步[,，]?|针对(上述|以上|存在的|这些)|今后[,，]?\S{0,8}?将|为了?进一步(做好|加强|推进|提高|提升)|"
    r"(我|本)(局|区|县|市|委|办|镇|乡|旗|厅|单位|部门)(将|下一步|今后|拟)|"
    r"(20\d\d|二〇[一二][〇一二三四五六七八九])年(度)?[,，]?\s*(我|本|全)?\S{0,8}?(将|要|把|继续|计划|拟)"
    r")"
)


def split_problems(body: str) -> tuple[tuple[int, int, str], tuple[int, int, str]] | None:
    """(start, end, label) of the problems and improvements parts of a combined section body."""
    label = _IMPROVE_LABEL.search(body)
    if label:
        p = _PROBLEM_LABEL.match(body)
        p_start = p.end() if p else 0
        return (p_start, label.start(), p.group(1) if p else ""), (label.end(), len(body), label.group(1))
    m = _IMPROVE_START.search(body)
    if not m:
        return None
    start = m.start(1)
    return (0, start, ""), (start, len(body), "")


# ---------------------------------------------------------------- chain ---


def split_sections(text: str) -> list[Section]:
    """Every section of a clean report text, with canonical names and offsets."""
    end = body_end(text)
    heads = [h for h in find_headings(text) if h.start < end]
    rows: list[Section] = []

    def add(level: int, section: str, heading: str, start: int, stop: int) -> None:
        s, e = _trim(text, start, stop)
        if section in ("problems", "improvements") and e < end:
            # A signature date printed before a later section (…日常化。 二○一四年三月十七日 七、附表)
            dated = _INLINE_TRAILER.search(text, max(s, e - _INLINE_TRAILER_SPAN), e)
            if dated and dated.group(3) and dated.start() > s:
                e = dated.start()
        table = None
        if section not in ("appendix", "preamble") and any(hint.search(text, s, e) for hint in _APPENDIX_HINTS):
            table = _APPENDIX.search(text, s, e)
        if table and table.start() > s:
            # An appendix table glued to the end of a section: it is not part of that section,
            # and neither is the signature and date printed just before it.
            before = _INLINE_TRAILER.search(text, s, table.start())
            add(level, section, heading, s, before.start() if before and before.group().strip() and before.start() > s else table.start())
            add(level, "appendix", text[table.start() : table.end()].strip(), table.end(), e)
            return
        if e > s or heading:
            rows.append(Section(len(rows), level, section, heading, text[s:e], s, e))

    if heads and heads[0].start > 0:
        add(0, "preamble", "", 0, heads[0].start)
    elif not heads:
        add(0, "preamble", "", 0, end)
    top = "unclassified"
    part = "problems"  # inside a combined section: the part we are in
    at_level: dict[int, str] = {}  # level → section of the last heading at that level
    combined: str | None = None  # heading of the combined problems-and-improvements section we are in
    parent = top
    for i, h in enumerate(heads):
        stop = heads[i + 1].start if i + 1 < len(heads) else end
        own = classify_heading(h.text)
        if h.level == 1:
            top = own
            part = "problems"
            at_level = {}
            section = top
            combined = h.text if own == "problems_improvements" else None
        else:
            parent = next((at_level[lv] for lv in sorted(at_level, reverse=True) if lv < h.level), top)
            section = _subsection(parent, own)
            if section == "problems_improvements" and parent in ("problems_improvements", "problems", "improvements"):
                section = part
            elif section in ("problems", "improvements"):
                part = section
        at_level = {lv: sec for lv, sec in at_level.items() if lv < h.level}
        at_level[h.level] = section
        if section == "problems_improvements":
            # The combined section's own body (up to the next heading) is split.
            own_text = text[h.body_start : stop]
            parts = split_problems(own_text)
            if parts is None and _TURN.search(own_text[-60:]):
                # "…。因此,我们考虑从以下三个方面作进一步的改进:" — that sentence and the subsections are the plans
                turn = max(own_text.rfind(p, 0, len(own_text.rstrip()) - 1) for p in "。;；") + 1
                add(h.level, "problems", h.text, h.body_start, h.body_start + turn)
                add(h.level, "improvements", h.text, h.body_start + turn, stop)
                part = "improvements"
                continue
            if parts:
                (ps, pe, plabel), (is_, ie, ilabel) = parts
                add(h.level, "problems", h.text, h.body_start + ps, h.body_start + pe)
                add(h.level, "improvements", ilabel or h.text, h.body_start + is_, h.body_start + ie)
                part = "improvements"
                continue
            section = "problems"
        start, heading = h.body_start, h.text
        if h.level > 1 and section in ("problems", "improvements"):
            if own not in _NAMES_A_PART:
                # A sub-heading of its own words (1.队伍建设有待加强。) is content: its text starts at the marker.
                start = h.start
            elif parent == "problems_improvements" and combined is not None:
                # (二)改进措施 under 五、存在的主要问题和改进措施: a part of the combined section, whose
                # heading it keeps; its own label is the first words of its text.
                start, heading = h.start, combined
        add(h.level, section, heading, start, stop)
    return rows


_NAMES_A_PART = ("problems", "improvements", "problems_improvements")


# Sections a subheading may claim for itself; under the others it inherits its parent's.
_CONTENT = ("proactive", "requests", "fees", "review_litigation", "not_disclosed")
_INHERITING = ("problems", "improvements", "other", "appendix")


def _subsection(parent: str, own: str) -> str:
    """A sub-heading's section: a problems or plans heading claims its part wherever it stands
    (a report that lost its top-level heading, or files its problems under another section)."""
    if parent == "problems_improvements":
        return own if own in ("problems", "improvements") else parent
    if parent == "improvements":
        return parent
    if parent == "problems":
        return "improvements" if own == "improvements" else parent
    if own in _NAMES_A_PART and parent != "appendix":
        return own
    if parent in _INHERITING:
        return parent
    return own if own in _CONTENT else parent


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n\t:：,，。;；、":
        start += 1
    while end > start and text[end - 1] in " \n\t":
        end -= 1
    return start, end
