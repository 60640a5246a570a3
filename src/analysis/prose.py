"""Figures stated in sentences, read clause by clause: 主动公开政府信息5411条, 共收到5件依申请公开, 未发生行政诉讼.

Reports state their figures in hundreds of phrasings, so no sentence pattern is
kept. Instead every number with a unit (条, 件, 人次, 万元, 三件, 27万余条…) is a
figure candidate, and the words of its clause name what it counts, through a
lexicon kept as data (``data/prose_rules.tsv``, ``data/prose_words.tsv``):
the clause is the text before the number back to the previous figure or clause
mark (, ; : 其中), plus the noun a measure word counts (15名专职工作人员).
Qualifiers block a reading (同比, 增长, 占, 截至…累计: not the year's count);
percentages have no unit and are never read. A negation (未, 没有, 无…) followed
by what was counted, with no number in between, is a statement of none
(``zero_stated``): the last counted word and the words listed with it
(行政复议、行政诉讼) are what it negates. Sentences in sections about other things
(problems, plans, appendix tables) and table rows (lines with pipes) are not
read. Within the prose the first figure of an indicator wins; numbers before
statements of none.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .cells import is_table_row
from .datafiles import read_tsv
from .figures import Figure, scale, snippet
from .sections import Section, body_end, split_sections

_SENTENCE_ENDS = "。!?！？\n"
_HARD_ENDS = "。!?！？"
_HARD_END = re.compile(f"[{_HARD_ENDS}]")
_HEADING_START = re.compile(r"\s*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d))")
_NEWLINE = re.compile("\n")
_SENTENCE_END = re.compile(f"[{_SENTENCE_ENDS}]")
_CLAUSE_MARK = re.compile(r"[,，;；:：]")
_CLAUSE = re.compile(r"[,，;；:：]|其中")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_UNITS = ("人次", "场次", "万元", "亿元", "元", "条", "件", "次", "个", "人", "名", "篇", "期", "场", "宗", "份", "处", "起", "项", "家", "部")
_UNIT_CANON = {"名": "人", "宗": "件", "份": "件", "起": "件", "场次": "次"}
_SAME_MEASURE = {"场次": "次", "名": "人"}
_CN = "零〇一二两三四五六七八九十百千"
# A figure is found by its tail, the numeral right before its unit (3.6万条, 27万余条, 三件): the pattern starts with a
# character class, which re skips to fast; the number is then read backwards from that numeral.
_TAIL = re.compile(
    rf"[\d{_CN}]\s*(?P<a1>余|多)?(?P<mult>万|亿)?(?P<a2>余|多)?\s*"
    r"(?P<unit>人次|场次|万元|亿元|[元条件次个人名篇期场宗份处起项家部])(?!工作日|月|小时|百分点|季度|性|龙|年|批次|倍|以上)"
)
_DIGITS = re.compile(r"\d{1,16}(?:,\d{3}){0,5}(?:\.\d{1,4})?")
_NUMBER_CHARS = frozenset("0123456789,.")
_CN_CHARS = frozenset(_CN)
_BEFORE_DIGITS = frozenset("0123456789.-~～")
_ZERO_UNIT = re.compile(r"[\u4e00-\u9fff]?[条件次个]")


class _Token(NamedTuple):
    start: int  # of the number
    end: int  # after the unit
    num: str  # as printed; "零" for 为零
    a1: str | None
    mult: str | None
    a2: str | None
    unit: str  # "" for 为零
    zero: bool  # 为零: a statement of none by a number word


def _tokens(text: str, end: int, spans: list[tuple[int, int]] | None = None) -> list[_Token]:
    """Every number with a unit (and every 为零) in text[:end] (within ``spans`` if given), in order; a number is
    never the middle of another."""
    out = []
    for m in (m for a, b in (spans or [(0, end)]) for m in _TAIL.finditer(text, a, b)):
        last = m.start()
        if text[last] in _CN_CHARS:
            a = last
            while a > 0 and last - a < 4 and text[a - 1] in _CN_CHARS:
                a -= 1
            if a > 0 and text[a - 1] in _CN_CHARS:
                continue
        else:
            a = last
            while a > 0 and last - a < 40 and text[a - 1] in _NUMBER_CHARS:
                a -= 1
            while a < last and not text[a].isdigit():
                a += 1  # a leading comma or point belongs to the text before
            d = _DIGITS.fullmatch(text, a, last + 1)
            if d is None:
                k = text.rfind(",", a, last)  # 2019,1,234: read from the last group that makes a number
                a = k + 1 if k >= 0 else a
                if _DIGITS.fullmatch(text, a, last + 1) is None:
                    continue
            if a > 0 and (text[a - 1] in _BEFORE_DIGITS or text[a - 1] == "," and a > 1 and text[a - 2].isdigit()):
                continue
        out.append(_Token(a, m.end(), text[a : last + 1], m.group("a1"), m.group("mult"), m.group("a2"), m.group("unit"), False))
    at = text.find("为零", 0, end)
    if at >= 0:
        while at >= 0:
            if not _ZERO_UNIT.match(text, at + 2):  # 为零件: not a statement of none
                out.append(_Token(at + 1, at + 2, "零", None, None, None, "", True))
            at = text.find("为零", at + 2, end)
        out.sort()
    return out


_DIGIT = re.compile(r"\d")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_RIGHT_END = re.compile(r"[,，;；:：。!?！？\d、]")  # not a line break: a PDF wraps lines inside words
_ZERO_END = re.compile(r"[,，;；:：。!?！？\n\d]")
_COORDINATORS = "、和及与或"
_WINDOW = 50  # characters a statement of none reaches after its negation


@dataclass(frozen=True)
class Rule:
    kind: str  # number | zero | follow
    group: str
    indicator: str
    units: frozenset[str]
    all_of: tuple[tuple[str, ...], ...]
    none_of: tuple[str, ...]

    def matches(self, clause: str) -> bool:
        return all(any(w in clause for w in words) for words in self.all_of) and not any(w in clause for w in self.none_of)

    @property
    def label(self) -> str:
        """The rule as the catalogue shows it: all_of words, then the words that block it."""
        need = " + ".join("|".join(g) for g in self.all_of)
        return need + (f" (not: {' '.join(self.none_of)})" if self.none_of else "")


@dataclass(frozen=True)
class Words:
    negation: re.Pattern[str]
    not_negation: tuple[str, ...]
    block: tuple[str, ...]
    channel: tuple[tuple[str, str], ...]
    lists: tuple[str, ...]
    self_zero: tuple[tuple[str, str], ...]
    since: tuple[str, ...]
    not_counted: tuple[str, ...]
    info_modifier: tuple[str, ...]
    extend: frozenset[str]
    sentence_block: tuple[str, ...]
    block_rx: re.Pattern[str]
    sentence_block_rx: re.Pattern[str]
    produced: tuple[str, ...]
    via: tuple[str, ...]
    near: tuple[str, ...]


@lru_cache(maxsize=1)
def prose_rules() -> tuple[Rule, ...]:
    rows = read_tsv("prose_rules.tsv")
    return tuple(
        Rule(r["kind"], r["group"], r["indicator"], frozenset(u for u in (r["units"] or "").split("|") if u),
             tuple(tuple(g.split("|")) for g in r["all_of"].split()), tuple((r["none_of"] or "").split()))
        for r in rows
    )


@lru_cache(maxsize=1)
def prose_words() -> Words:
    by: dict[str, list[tuple[str, str]]] = {}
    for r in read_tsv("prose_words.tsv"):
        by.setdefault(r["role"], []).append((r["word"], r.get("value") or ""))
    negations = sorted((w for w, _ in by.get("negation", [])), key=len, reverse=True)
    return Words(
        re.compile("|".join(map(re.escape, negations))),
        tuple(w for w, _ in by.get("not_negation", [])),
        tuple(w for w, _ in by.get("block", [])),
        tuple(by.get("channel", [])),
        tuple(w for w, _ in by.get("list", [])),
        tuple(by.get("self_zero", [])),
        tuple(w for w, _ in by.get("since", [])),
        tuple(w for w, _ in by.get("not_counted", [])),
        tuple(w for w, _ in by.get("info_modifier", [])),
        frozenset(w for w, _ in by.get("extend", [])),
        tuple(w for w, _ in by.get("sentence_block", [])),
        _alternation(w for w, _ in by.get("block", [])),
        _alternation(w for w, _ in by.get("sentence_block", [])),
        tuple(w for w, _ in by.get("produced", [])),
        tuple(w for w, _ in by.get("via", [])),
        tuple(w for w, _ in by.get("near", [])),
    )


def _alternation(words) -> re.Pattern[str]:
    """One pattern finding any of ``words`` (one C call instead of a loop of ``in`` tests)."""
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)) or "(?!)")


@lru_cache(maxsize=1)
def _grouped() -> tuple[tuple[tuple[str, tuple[Rule, ...]], ...], tuple[Rule, ...], tuple[Rule, ...]]:
    """Number rules by group (groups in file order), zero rules, follow rules."""
    groups: dict[str, list[Rule]] = {}
    for r in prose_rules():
        if r.kind == "number":
            groups.setdefault(r.group, []).append(r)
    zero = tuple(r for r in prose_rules() if r.kind == "zero")
    follow = tuple(r for r in prose_rules() if r.kind == "follow")
    return tuple((g, tuple(rs)) for g, rs in groups.items()), zero, follow


def cn_number(s: str) -> float | None:
    """三 → 3, 十二 → 12, 二十 → 20, 一百零五 → 105, 两 → 2; None for what is not a small Chinese numeral (一二)."""
    total, digit = 0, None
    for ch in s:
        if ch in _CN_DIGITS:
            if digit:
                return None
            digit = _CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
    return float(total + (digit or 0))


@lru_cache(maxsize=4096)
def _channel(clause: str) -> tuple[str | None, bool]:
    """(the channel a clause names, whether it names several together).

    The channel is the last one named, as the head of its noun phrase (政府网微信公众号 is a WeChat account); a
    list (网站、公报、微博和微信…等平台) is the total when it holds the website, else (微博、微信等新媒体) no figure.
    """
    words = prose_words()
    hits = []
    for word, indicator in words.channel:
        at = clause.rfind(word)
        if at >= 0:
            hits.append((at, at + len(word), indicator))
    hits.sort()
    listed = any(w in clause for w in words.lists)
    if len({ind for _, _, ind in hits}) > 1:
        between = clause[hits[0][1] : hits[-1][0]]
        listed = listed or any(c in between for c in _COORDINATORS + "等")
    if listed:
        return ("" if any(ind == "proactive_website" for _, _, ind in hits) else None), True
    return (hits[-1][2] if hits else None), False


_INFO = "信息"
_PUBLISH = ("发布", "推送", "公开", "编发", "发送", "刊发")


def _topic_info(clause: str, words: Words) -> bool:
    """Whether the 信息 a clause counts is a topic's (组织机构信息), not information as such (政府信息, 发布信息)."""
    at = clause.rfind(_INFO)
    if at <= 0 or any(clause.endswith(m, 0, at) for m in words.info_modifier):
        return False
    # 发布…公众号信息: what a channel published, not a topic's (a bare 政府网站信息 in a list of kinds stays a topic)
    return not (any(clause.endswith(w, 0, at) for w, _ in words.channel) and any(v in clause for v in _PUBLISH))


@lru_cache(maxsize=16384)
def _read_clause(clause: str, unit: str, only: frozenset[str] | None = None, parts: bool = False,
                 contact: bool = False) -> list[tuple[str, str]]:
    """(group, indicator) of each group whose first matching rule reads a figure of ``unit`` from ``clause``.

    only: the indicators that may be read (a clause before the figure's own); parts: the figure follows 其中 in its
    sentence (a part of a total: never the total itself).
    """
    words = prose_words()
    out = []
    for group, rules in _grouped()[0]:
        if contact and group in ("requests", "outcome"):
            continue  # another kind of contact (a mailbox's messages), or information items sorted by disclosure attribute
        for rule in rules:
            # 场次 counts as 次 and 名 as 人 (the same measure); 份, 宗, 起 only where a rule lists them (3份清单 is no count of items).
            if (unit and unit not in rule.units and _SAME_MEASURE.get(unit) not in rule.units) or (only is not None and rule.indicator not in only) or not rule.matches(clause):
                continue
            if group == "proactive" and rule.indicator in ("@channel", "proactive_total"):
                if _topic_info(clause, words):
                    break
                channel, listed = _channel(clause)
                if rule.indicator == "@channel":
                    if not channel:
                        if listed and channel is None:
                            break  # a list of new media only: no figure of this group
                        continue  # no channel, or a list with the website: the total's rule reads it
                    out.append((group, channel))
                    break
                if parts:
                    break
            out.append((group, rule.indicator))
            break
    return out


def _value(m: _Token) -> tuple[float, str] | None:
    if m.zero:
        return 0.0, ""
    value = float(m.num.replace(",", "")) if m.num[0].isdigit() else cn_number(m.num)
    if value is None:
        return None
    if m.mult:
        value *= 10000.0 if m.mult == "万" else 100000000.0
    return scale(value, m.unit)


# Sections whose figures are not the reporting body's own totals.
SKIPPED_SECTIONS = frozenset({"problems", "improvements", "workplan", "proposals", "interpretation", "appendix"})


class _Reader:
    """Where prose may be read in one report: the body, outside skipped sections and table rows."""

    def __init__(self, text: str, sections: list[Section]):
        self.text = text
        self.end = body_end(text)
        self.skipped = sorted((s.start, s.end) for s in sections if s.section in SKIPPED_SECTIONS)
        self.starts = [a for a, _ in self.skipped]
        self._rows: dict[int, bool] = {}
        self._seen, self._line_start = 0, 0  # offsets are mostly asked for in order: lines are found incrementally
        # a heading run into its first sentence (一行 bodies: …的情况2015年度我局…) is no part of that sentence
        self.section_starts = sorted({s.start for s in sections})
        self._ends: list[int] | None = None  # sentence ends of the body, found when first needed

    def spans(self) -> list[tuple[int, int]]:
        """The stretches of the body outside skipped sections."""
        out, at = [], 0
        for a, b in self.skipped:
            if a > at:
                out.append((at, min(a, self.end)))
            at = max(at, b)
        if at < self.end:
            out.append((at, self.end))
        return out

    def marks_in(self, a: int, b: int) -> list[int]:
        """Offsets just after each clause mark (, ; : 其中) in text[a:b], relative to a."""
        t = self.text
        out = [m.end() - a for m in _CLAUSE_MARK.finditer(t, a, b)]
        at = t.find("其中", a, b)
        if at >= 0:
            while at >= 0:
                out.append(at + 2 - a)
                at = t.find("其中", at + 2, b)
            out.sort()
        return out

    def readable(self, p: int) -> bool:
        if p >= self.end:
            return False
        i = bisect_right(self.starts, p) - 1
        if i >= 0 and p < self.skipped[i][1]:
            return False
        if p < self._seen:
            self._seen, self._line_start = 0, 0
        nl = self.text.rfind("\n", self._seen, p)
        if nl >= 0:
            self._line_start = nl + 1
        self._seen = p
        line_start = self._line_start
        row = self._rows.get(line_start)
        if row is None:
            line_end = self.text.find("\n", p)
            line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
            # a whole report on one line ending in a stray "|" is prose, not a row
            row = self._rows[line_start] = is_table_row(line) and (len(line) < 500 or line.count("|") * 100 >= len(line))
        return not row

    def sentence_start(self, p: int) -> int:
        """Where the sentence holding offset p starts (at most 300 characters back)."""
        lo = max(0, p - 300)
        k = bisect_right(self.section_starts, p) - 1
        if k >= 0:
            lo = max(lo, self.section_starts[k])
        t = self.text
        if self._ends is None:
            self._ends = [m.start() for m in _HARD_END.finditer(t, 0, self.end)]  # a character class: one fast scan
        k = bisect_right(self._ends, p - 1)
        at = max(self._ends[k - 1] + 1 if k else 0, lo)
        nl = t.rfind("\n", at, p)
        while nl >= 0:
            # a PDF's text layer wraps lines inside sentences: a line break after a long line that does not end a
            # sentence, before a line that does not open a heading, is a space
            prev = t.rfind("\n", lo, nl) + 1
            if nl - prev < 20 or t[nl - 1] in _HARD_ENDS + ":：;；" or _HEADING_START.match(t, nl + 1):
                return nl + 1
            nl = t.rfind("\n", at, nl)
        return at


_YEAR = re.compile(r"(20[0-4]\d)年")
_SINCE_YEAR = re.compile(r"(20[0-4]\d)年(?:度)?以来")


def _report_year(text: str) -> str | None:
    """The year the report speaks of most at its start (its title and opening): 2019年以来 in a 2019 report is the year."""
    counts: dict[str, int] = {}
    for m in _YEAR.finditer(text, 0, 3000):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    best = max(counts, key=counts.get) if counts else None
    return best if best and counts[best] >= 2 else None


def _since(left: str, own: str, words: Words, year: list[str | None], text: str) -> bool:
    """A cumulative count over years (截至…累计, 2008年以来累计), not the year's."""
    if "累计" not in own:
        return False
    if not year:
        year.append(_report_year(text))
    for w in words.since:
        at = left.find(w)
        if at < 0:
            continue
        if w == "以来":
            if left.count("以来") == 1 and left[max(0, at - 2) : at] in ("今年", "本年"):
                continue  # 今年以来: this year
            m = _SINCE_YEAR.search(left)
            if m and m.group(1) == year[0] and not left.startswith("以来", m.end() + 1) and left.count("以来") == 1:
                continue  # 2019年以来 in a 2019 report
        return True
    return False


_ATTEND = ("参加", "参训", "参会")
_ATTRIBUTE = re.compile(r"依申请公开(?:的)?(?:政府)?(?:信息)?(?:数)?(?:为|共|有)?\s*\d+\s*条")


def _via_channel(before: str, words: Words) -> str | None:
    """The one channel an earlier clause of the sentence says the figure was published through (通过门户网站主动公开,
    全年公开政府信息共228条), or None (no channel, a list of channels, a channel not after 通过/在…)."""
    channel, listed = _channel(before)
    if not channel or listed:
        return None
    for w, indicator in words.channel:
        at = before.rfind(w)
        if at >= 0 and indicator == channel and any(v in before[:at] for v in words.via):
            return channel
    return None


def _keep(seen: dict[str, Figure], f: Figure) -> None:
    seen.setdefault(f.indicator, f)


def _numbers(reader: _Reader, words: Words, seen: dict[str, Figure]) -> None:
    """Every figure stated with a number, into ``seen`` (the first per indicator)."""
    text = reader.text
    follow = _grouped()[2]
    year: list[str | None] = []  # the report's year, found when first needed
    prev_end = 0
    last_read: tuple[frozenset[str], int, int] = (frozenset(), -1, -1)  # what the previous figure gave, its sentence, offset
    prev_s = -1
    for m in _tokens(text, reader.end, reader.spans()):
        s, e = m.start, m.end
        prev_s, before_s = s, prev_s  # the figure right before this one (a list of two kinds: 2个查阅室和7个查阅点)
        right = ""
        if e < len(text) and _HAN.match(text, e):
            r = _RIGHT_END.search(text, e, min(len(text), e + 20))
            right = text[e : r.start() if r else min(len(text), e + 20)].replace("\n", "")
        # the next figure's clause starts after this one and the noun it counts (15名专职工作人员、66名兼职…)
        last_end, prev_end = prev_end, e + len(right)
        if not reader.readable(s) or (s > 0 and text[s - 1] == "第"):
            continue
        if right and right.startswith(words.not_counted):
            continue  # 七个部分, 14个市: not a figure
        if text.startswith("《", e) or any(text.endswith(w, 0, s) or text.endswith(w + " ", 0, s) for w in words.near):
            continue  # 365篇《…》: a titled series' count; 近300个: "nearly", no figure stated
        parsed = _value(m)
        if parsed is None:
            continue
        value, unit = parsed
        sentence = sentence0 = reader.sentence_start(s)
        left_bound = max(sentence, last_end)
        left = text[left_bound:s]
        marks = reader.marks_in(left_bound, s)
        own_start = marks[-1] if marks else 0
        own = left[own_start:].replace("\n", "")
        if words.block_rx.search(own) or ("累计" in own and _since(text[sentence:s], own, words, year, text)):
            continue
        contact = words.sentence_block_rx.search(text, sentence, s) is not None or _ATTRIBUTE.search(text, sentence, s) is not None
        if last_end > sentence and text[last_end : last_end + 1] in "、和及与" and left_bound == last_end:
            # 现行有效的规章173件、规范性文件867件: the list's head qualifies every item
            marks_head = reader.marks_in(sentence, last_end)
            if words.block_rx.search(text, sentence + (marks_head[-1] if marks_head else 0), last_end):
                continue
        printed = m.unit
        at = text.find("其中", sentence, s)
        # 其中 after a count of the information made (制作、获取政府信息总数330条,其中主动公开政府信息90条): the part
        # that was published is the proactive total
        parts = at >= 0 and not any(w in text[sentence:at] for w in words.produced)
        clause_start = left_bound + own_start
        found = _read_clause(own, printed, parts=parts, contact=contact)
        if not found and right:
            found = _read_clause(own + right, printed, parts=parts, contact=contact)
        if not found and m.zero:
            found = [(r.group, r.indicator) for r, _ in _heads(own, _grouped()[1]) if not any(w in own for w in r.none_of)]
        if not found and marks:
            # the clauses before (at most two, after the previous figure): only for the indicators that may be read so
            sentence = left_bound
            wide = text[sentence:s]
            wide_marks = reader.marks_in(sentence, s)
            prev_start = wide_marks[-3] if len(wide_marks) >= 3 else 0
            wider = wide[prev_start:].replace("\n", "")
            if not words.block_rx.search(wide, wide_marks[-2] if len(wide_marks) >= 2 else 0):
                found = _read_clause(wider + right, printed, only=words.extend, parts=parts, contact=contact)
                clause_start = sentence + prev_start
        if not found and printed == "人次" and last_read[1] == sentence0 and "trainings" in last_read[0] and any(w in own for w in _ATTEND):
            found = [("capacity", "trainees")]  # 举办培训班83次,参加人数达7681人次: those who attended the training
        if found and last_end == left_bound and last_read[1] == sentence0 and last_read[2] == before_s and (
                last_end > 0 and text[last_end - 1] in _COORDINATORS or text[last_end : last_end + 1] in _COORDINATORS and last_end < len(text)):
            # 2个查阅室和7个查阅点: two kinds of one indicator counted apart, neither is its figure
            same = {ind for _, ind in found if ind in last_read[0] and ind in seen and seen[ind].offset == last_read[2]}
            for ind in same:
                del seen[ind]
            found = [(g, ind) for g, ind in found if ind not in same]
        if found:
            last_read = (frozenset(ind for _, ind in found), sentence0, s)
        if any(ind == "proactive_total" for _, ind in found) and _channel(own)[0] is None and not _channel(own)[1]:
            via = _via_channel(text[left_bound:clause_start].replace("\n", ""), words)
            if via:
                found = [(g, via if ind == "proactive_total" else ind) for g, ind in found]
        asks = follow and not contact and "申请" in own and not words.block_rx.search(own)
        if (not found or all(ind in seen for _, ind in found)) and not asks:
            continue  # nothing read, or only indicators an earlier figure gave (the first one wins)
        unit = _UNIT_CANON.get(unit, unit) or "件"
        kind = "zero_stated" if m.zero else "reported"
        approx = m.a1 or m.a2
        label = text[clause_start:e] + right
        evidence = snippet(text, clause_start, e + len(right), pad=10)
        offset = s
        for _, indicator in found:
            _keep(seen, Figure(indicator, value, kind, "prose", label + (f" [{approx}: at least]" if approx else ""), evidence, offset,
                              unit, None, "prose"))
        if follow and not contact and (any(ind == "requests_received" for _, ind in found) or asks):
            r = _RIGHT_END.search(text, e, min(len(text), e + 40))
            if r and text[r.start()] in ",，;；":
                nxt_end = _RIGHT_END.search(text, r.end(), min(len(text), r.end() + 40))
                nxt = text[r.end() : nxt_end.start() if nxt_end else min(len(text), r.end() + 40)].replace("\n", "")
                for rule in follow:
                    if rule.matches(nxt) and not _DIGIT.search(nxt):
                        _keep(seen, Figure(rule.indicator, value, kind, "prose", label + "," + nxt, snippet(text, clause_start, r.end() + len(nxt), pad=10),
                                          offset, unit, None, "prose"))


def _heads(window: str, rules: tuple[Rule, ...]) -> list[tuple[Rule, int]]:
    """The rules a statement of none negates: the last counted word in its window and those listed with it."""
    occ = []
    for rule in rules:
        best = None
        for words in rule.all_of[:1]:  # what is negated; further word groups are conditions on the window
            for w in words:
                at = window.rfind(w)
                # the word ending last, and of those the longest (行政复议 before 复议)
                if at >= 0 and (best is None or at + len(w) > best[1] or (at + len(w) == best[1] and at < best[0])):
                    best = (at, at + len(w))
        if best:
            occ.append((best[1], best[0], rule))
    if not occ:
        return []
    occ.sort(key=lambda o: (o[0], -o[1]))
    head_end, head_start, head = occ[-1]
    chosen = [(head, head_start)]
    nxt_start = head_start
    for end, start, rule in reversed(occ[:-1]):
        if end > nxt_start:
            continue  # overlaps the one after it (申请 inside 依申请公开…): not a separate word
        gap = window[end:nxt_start]
        # 行政复议、行政诉讼和行政申诉的申请: the application is for the things listed before it
        of_head = gap == "的" and len(chosen) == 1 and head.indicator == "requests_received"
        if gap == "" or of_head or (len(gap) <= 8 and any(c in gap for c in _COORDINATORS)):
            chosen.append((rule, start))
            nxt_start = start
        else:
            break
    return chosen


def _zeros(reader: _Reader, words: Words) -> list[Figure]:
    text = reader.text
    zero_rules = _grouped()[1]
    out: list[Figure] = []
    for m in words.negation.finditer(text, 0, reader.end):
        s, e = m.start(), m.end()
        if any(text.startswith(w, s) for w in words.not_negation) or (m.group() == "无" and s > 0 and text[s - 1] in "有无"):
            continue
        if not reader.readable(s):
            continue
        r = _ZERO_END.search(text, e, min(len(text), e + _WINDOW))
        stop = r.start() if r else min(len(text), e + _WINDOW)
        if r and text[r.start()].isdigit():
            continue  # a number in the statement: not "none"
        window = text[e:stop]
        for rule, start in _heads(window, zero_rules):
            if not rule.matches(window):
                continue
            out.append(Figure(rule.indicator, 0.0, "zero_stated", "prose", text[s:stop], snippet(text, s, stop, pad=10), s, "元" if rule.group == "fees" else "件",
                              None, "prose"))
    for word, indicator in words.self_zero:
        at = text.find(word, 0, reader.end)
        while at >= 0:
            if reader.readable(at):
                out.append(Figure(indicator, 0.0, "zero_stated", "prose", word, snippet(text, at, at + len(word)), at, "元", None, "prose"))
                break
            at = text.find(word, at + 1, reader.end)
    return out


def parse_prose(text: str, sections: list[Section] | None = None) -> list[Figure]:
    """The first figure of each indicator in the report's prose (outside skipped sections), numbers before statements of none."""
    sections = split_sections(text) if sections is None else sections
    reader = _Reader(text, sections)
    words = prose_words()
    found: dict[str, Figure] = {}
    _numbers(reader, words, found)
    for f in sorted(_zeros(reader, words), key=lambda f: f.offset):
        found.setdefault(f.indicator, f)
    for f in _empty_sections(text, sections):
        found.setdefault(f.indicator, f)
    return list(found.values())


# A section whose whole body says "none" (四、政府信息公开行政复议、行政诉讼情况 / 无。) states none of what it reports.
_NONE_BODY = re.compile(r"[\s。.;；:：]*(无|没有|暂无|无此类情况|无相关情况|本年度无|未发生)[\s。.;；]*")
_SECTION_ZEROS = {
    "review_litigation": (("review_total", "件"), ("litigation_total", "件")),
    "fees": (("fees_collected", "元"),),
    "requests": (("requests_received", "件"),),
}


def _empty_sections(text: str, sections: list[Section]) -> list[Figure]:
    out = []
    for sec in sections:
        if sec.section in _SECTION_ZEROS and _NONE_BODY.fullmatch(sec.text or ""):
            at = text.rfind(sec.heading, 0, sec.start) if sec.heading else -1
            evidence = snippet(text, at if at >= 0 else sec.start, sec.end, pad=0)
            out += [Figure(ind, 0.0, "zero_stated", "prose", f"{sec.heading} {sec.text.strip()}", evidence, sec.start, unit, None, "prose")
                    for ind, unit in _SECTION_ZEROS[sec.section]]
    return out
