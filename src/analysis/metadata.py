"""Who, when, which template: report metadata from the clean text and the page's header block.

Every value says where it came from (``*_source`` columns) so a researcher can
check it. Nothing is guessed beyond what the text states: a missing date stays
missing, and a jurisdiction is only resolved against the gazetteer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from . import gazetteer
from .clean import to_simplified
from .datafiles import read_tsv
from .dates import CN_DATE as _CN_DATE, DATE as _DATE, date_line, head_date, parse_date
from .places import by_parents as _by_parents, by_short_parents as _by_short_parents, mention_groups as _mention_groups
from .places import mentions, named_places as _named_places, unique_mentions as _unique_mentions
from .townships import TOWNSHIP_WORD as _TOWNSHIP_WORD, TownshipFound, resolve_township
from .sections import body_end

_YEAR = r"(20[0-4]\d|19[89]\d)"
_TITLE_LINE = re.compile(r"(年度|年)?.{0,12}(政府信息公开|政务公开|信息公开).{0,12}(年度报告|年报|工作报告|报告)")
# An opening sentence names the report too (根据《条例》规定,现公布本县2013年度政府信息公开工作报告。) but is no title.
_SENTENCE = re.compile(r"^(根据|按照|依据|依照|本报告|现将|现予|特此)|。")
_TITLE_YEAR = re.compile(_YEAR + r"(\s*年|(?=\s*(政府信息公开|政务公开|信息公开)))")  # 2022年…, or 办公厅2022 / 政府信息公开…
_PERIOD_YEAR = re.compile(r"(统计(期限|时限|期间|时间)|数据).{0,12}?(自|从|为|是)?\s*" + _YEAR + r"\s*年\s*1\s*月\s*1\s*日")
_SIGNATURE = re.compile(
    r"(?P<name>[^\s\d:：,，。、;；]{2,40}?(人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办|办公室|办公厅|委员会|管委会|管理局|局|委|厅|中心|办事处))\s*$"
)
_DEPARTMENT = re.compile(r"(局|委员会|委|厅|办公室|办|中心|院|所|署|处|司|部|站|队|公司|协会|集团|大学|学校|医院)$")
_GOVERNMENT = re.compile(r"(人民政府|政府)$|^(党工委)?(管委会|管理委员会)$")
_TOWNSHIP = re.compile(r"(乡|镇|街道|苏木|片区|办事处|管理区)")
# A township's own government, whatever its department-like ending: 北关街道办事处, 城关镇人民政府办公室, 河西街道党工委,
# 高桥镇人民政府党政办公室.
_TOWNSHIP_GOVERNMENT = re.compile(r"(乡|镇|街道|苏木)((人民)?政府(办公室|办)?|((人民)?政府)?党政(综合)?(办公室|办)|办事处|办|党工委|党委)?$")
_BODY_SELF = re.compile(r"(我|全|本)(省|市|区|县|旗|州|盟|镇|乡|街道)")


@dataclass
class Metadata:
    title: str | None = None
    title_source: str | None = None
    issuer: str | None = None
    issuer_source: str | None = None
    jurisdiction: str | None = None
    jurisdiction_source: str | None = None
    province: str | None = None
    prefecture: str | None = None
    county: str | None = None
    admin_level: str | None = None
    adcode: str | None = None
    longitude: float | None = None
    latitude: float | None = None
    year: int | None = None
    year_source: str | None = None
    published: dt.date | None = None
    published_source: str | None = None
    template: str | None = None
    deadline: dt.date | None = None
    days_late: int | None = None
    township: str | None = None
    township_code: str | None = None


def find_title(text: str, fields: dict[str, str]) -> tuple[str | None, str | None]:
    for key in ("title", "html_title"):
        value = fields.get(key, "").strip()
        if value and not _TITLE_LINE.search(value):
            # The page's <title> reaches us as printed: in traditional characters (…公開工作年度報告) on a
            # traditional page, whose text is converted to simplified. Only a title that reads as one once
            # converted is taken, so a simplified one is never altered (乾安县 would become 干安县).
            value = to_simplified(value)
        if value and _TITLE_LINE.search(value):
            return value, f"header:{key}"
    head = [line.strip(" •·-|") for line in text.split("\n", _TITLE_SCAN + 1)[:_TITLE_SCAN]]
    # A title among the first lines, past the site's chrome (menus, breadcrumbs, 无障碍 | 长者版): the first
    # that reads as one and names the year; page chrome such as 乡镇政府信息公开年度报告 (a column) names none.
    for line in head:
        if _SENTENCE.search(line) or _CRUMBS.search(line) or len(line) > 80:
            continue
        if _TITLE_LINE.search(line) and _TITLE_YEAR.search(line):
            return _chrome_cut(line), "text:first_lines"
    for line, after in zip(head, head[1:]):
        joined = line + after
        if ((_TITLE_YEAR.search(line) or re.search(_YEAR + r"\s*年?度?$", line)) and not _TITLE_LINE.search(line) and not _TITLE_YEAR.search(after) and len(joined) <= 80
                and _TITLE_LINE.search(joined) and not _SENTENCE.search(joined) and not _CRUMBS.search(joined)):
            return _chrome_cut(joined), "text:first_lines_joined"  # 自治区人民政府办公厅2022 / 政府信息公开工作年度报告
    lines = [line.strip() for line in text.split("\n", 4)[:4]]
    for i, line in enumerate(lines[:3]):
        if _SENTENCE.search(line) or _CRUMBS.search(line):
            continue
        if len(line) <= 80 and _TITLE_LINE.search(line):
            return line, "text:first_lines"
        if i + 1 < len(lines) and len(lines[i + 1]) <= 80 and _TITLE_LINE.search(lines[i + 1]) and not _SENTENCE.search(lines[i + 1]):
            continue  # the next line is the title on its own: this one is chrome
        joined = line + (lines[i + 1] if i + 1 < len(lines) else "")
        if len(joined) <= 80 and _TITLE_LINE.search(joined) and not _SENTENCE.search(joined):
            return joined, "text:first_lines_joined"  # a title broken over two lines (PDF extraction)
        m = re.match(r"^(\S{0,40}?" + _YEAR + r"\s*年度?\S{0,20}?(年度报告|年报|工作报告))", line)
        if m:
            return m.group(1), "text:first_line_prefix"
    return None, None


_TITLE_SCAN = 16
_CRUMBS = re.compile(r"(->|>>|»|›|当前位置|当前的位置|您的位置|所在位置|首页\s*[>＞]|\s[>＞]\s|[>＞]\s*首页)")  # a breadcrumb, not a title
_CHROME_SPLIT = re.compile(r"\s*[|•·]\s*")


def _chrome_cut(line: str) -> str:
    """The title out of a line that also carries page chrome (无障碍 | 长者版 | 2022年…报告)."""
    parts = [p for p in _CHROME_SPLIT.split(line) if _TITLE_LINE.search(p)]
    return parts[-1].strip() if parts else line


_ENCLOSED = re.compile(r"关于(印发|发布|公布|公开|转发)?《(?P<t>[^》]{6,80})》|关于(印发|发布|公布|公开)(?P<u>[^《》]{6,80}?)的(通知|公告|函)")


def enclosed_title(title: str | None) -> str | None:
    """The report's own title when the page's is a notice publishing it
    (教育部办公厅关于发布《2010年教育部政府信息公开工作年度报告》的公告)."""
    m = _ENCLOSED.search(title or "")
    inner = m and (m["t"] or m["u"])
    return inner if inner and _TITLE_LINE.search(inner) else None


def trailer(text: str, end: int | None = None) -> tuple[str | None, dt.date | None]:
    """Signature and date printed after the report body (which ends at ``end``, ``body_end(text)`` by default)."""
    tail = text[body_end(text) if end is None else end :].strip()
    if not tail:
        return None, None
    date = parse_date(tail)
    name = None
    for line in tail.split("\n"):
        line = _DATE.sub("", _CN_DATE.sub("", line)).replace("印发", "").strip()
        m = _SIGNATURE.fullmatch(line) if len(line) <= 40 else None
        if m:
            name = m["name"]
            break
    return name, date


def find_year(title: str | None, text: str, published: dt.date | None) -> tuple[int | None, str | None]:
    if title:
        m = _TITLE_YEAR.search(title)
        if m:
            return int(m.group(1)), "title"
    m = _PERIOD_YEAR.search(text[:3000])
    if m:
        return int(m.group(4)), "statistics_period"
    # Years the opening compares with (较2024年增长, 比上年) or that date a cited document are not the year reported on.
    years = Counter(int(y) for y in re.findall(r"(?<![较比于])" + _YEAR + r"\s*年(?!\d{1,2}月\d{1,2}日印发)", text[:600]))
    if years:
        return years.most_common(1)[0][0], "text:first_paragraphs"
    if published:
        return published.year - 1, "published_minus_one"
    return None, None


def template_for(year: int | None, text: str) -> str | None:
    """Report format: by reporting year, or by the format's own wording when the year is unknown."""
    if year is not None:
        if year >= 2021:
            return "2021"
        if year >= 2019:
            return "2019"
        return "pre2014" if year < 2014 else "2014_2018"
    if re.search(r"国办公开办函〔2021〕30号|本年制发件数|现行有效件数", text):
        return "2021"
    if re.search(r"本年新制作数量|本年新公开数量|对外公开总数量", text):
        return "2019"
    if re.search(r"统\s*计\s*指\s*标|依申请公开政府信息情况", text):
        return "pre2019"
    return None


def statutory_deadline(year: int | None, admin_level: str | None) -> dt.date | None:
    """31 March of the next year; from the 2019 revision, 31 January for departments."""
    if year is None:
        return None
    if year >= 2019 and admin_level == "department":
        return dt.date(year + 1, 1, 31)
    if year >= 2019 and admin_level == "township":
        return None  # the 2019 regulation sets deadlines for county level and above only
    return dt.date(year + 1, 3, 31)


def _subject(title: str | None) -> str | None:
    """The body named before the year in a title: 平潭县财政局2009年度… → 平潭县财政局."""
    if not title:
        return None
    m = re.match(r"^(.*?)(关于)?\s*" + _TITLE_YEAR.pattern, title)
    subject = (m.group(1) if m else "").strip(" :：")
    if not subject and m:
        # 2024年上海市科委政府信息公开工作年度报告: the body is named after the year
        after = re.match(r"^度?\s*(\S{2,30}?)(政府信息公开|政务公开|信息公开)", title[m.end():])
        subject = after.group(1) if after else ""
    return subject or None


def resolve_place(
    candidates: list[tuple[str, str]], text: str, end: int | None = None
) -> tuple[gazetteer.Place | None, str | None, str | None]:
    """Place the report is about: first from named sources (title, issuer…), then from body mentions
    (the body ends at ``end``, ``body_end(text)`` by default).

    A name that several places bear (永定区: 张家界市 and 龙岩市) is the one whose
    prefecture or province the report names (地址:张家界市永定区…), see :func:`_by_parents`;
    when it names none of them, the next source is tried, as for an unknown name.
    """
    context: Counter[str] | None = None

    def named() -> Counter[str]:
        nonlocal context
        if context is None:
            context = _named_places(" ".join(v for _, v in candidates if v) + "\n" + text)
        return context

    for source, value in candidates:
        if not value:
            continue
        found = list(_unique_mentions(value))
        names = [place.name for _, _, place in found]
        if names:
            # Namesakes, former places among them (双桥区 of 重庆市, abolished in 2011, and of 承德市), are told
            # apart by the parents the report names; failing that, a single current place is meant.
            everyone = gazetteer.chain_candidates(names, prefer_current=False)
            options = gazetteer.chain_candidates(names)  # what resolve_chain chooses among
            place = (_by_parents(everyone, named()) if len(everyone) > 1 else None) or (
                options[0] if len(options) == 1 else (_by_parents(options, named()) or _by_short_parents(options, text)) if options else None)
            if place:
                # The name as the report writes it (平潭综合实验区, 洪泽县, 沙县 before it became 沙县区),
                # when it names the place resolved or what that place became.
                now = gazetteer.current(place).adcode
                stated = next((value[s:e] for s, e, p in reversed(found) if p.name == place.name or gazetteer.current(p).adcode == now), place.name)
                return place, gazetteer.written_forms().get(stated, stated), source
    counts: Counter[str] = Counter()
    places: dict[str, gazetteer.Place] = {}
    written: dict[str, Counter[str]] = {}  # per place, how the report writes its name (平潭综合实验区 for 平潭县)
    body = text[: body_end(text) if end is None else end][:6000]
    groups = list(_mention_groups(body))
    # Names inside a cited document's title (《甘肃省人民政府办公厅关于…》) are other bodies': counted only when
    # the report names no place outside such titles.
    cited = [(m.start(), m.end()) for m in re.finditer(r"《[^》]{0,120}》|〈[^〉]{0,120}〉", body)]
    own = [g for g in groups if not any(a <= g[0] < b for a, b in cited)]
    groups = own or groups
    # The level the report speaks of itself at (我市, 全县) singles out the place named at that level.
    selves = Counter(m.group(2) for m in _PLACE_SELF.finditer(body[:3000]))
    if selves:
        ending = selves.most_common(1)[0][0]
        fitting = [g for g in groups if body[g[0]:g[1]].endswith(ending)]
        groups = fitting or groups
    previous: tuple[int, str] | None = None  # where the last name ended, and its place
    for start, end, options in groups:
        place = (_by_parents(options, named()) if len(options) > 1 else None) or _by_short_parents(options, text) or options[0]
        if previous and previous[0] == start and previous[1] in {place.prefecture_adcode, place.province_adcode} - {place.adcode}:
            counts[previous[1]] -= 1  # 阳江市江城区财政局: the city only says where the district is
        counts[place.adcode] += 1
        places[place.adcode] = place
        written.setdefault(place.adcode, Counter())[body[start:end]] += 1
        previous = (end, place.adcode)
    if not counts:
        return None, None, None
    top = counts.most_common()
    best = places[top[0][0]]
    # The name as the report writes it most often, as for a named source (first written on a tie).
    stated = written[best.adcode].most_common(1)[0][0]
    return best, gazetteer.written_forms().get(stated, stated), "body_mentions"


@lru_cache(maxsize=1)
def _national() -> re.Pattern[str]:
    names = sorted((r["name"] for r in read_tsv("national_bodies.tsv")), key=len, reverse=True)
    return re.compile("(中华人民共和国)?(" + "|".join(map(re.escape, names)) + ")")


_NATIONAL_ACT = re.compile(r"^(机关)?(高度重视|认真贯彻|深入贯彻|坚持|编制|按照|根据|\s*\d{4}\s*年|政府信息公开工作|政务公开工作)")
_LOCAL_SELF = re.compile(r"(我|全|本)(省|市|区|县|旗|州|盟|镇|乡)")


def national_body(subjects: list[str], text: str) -> tuple[str | None, str | None]:
    """A State Council body the report is by (交通运输部, 国家统计局), from the title's subject, the issuer, or
    the opening lines (由国家机关事务管理局…编制; 国家统计局高度重视…) of a report that speaks of no place of its own."""
    pattern = _national()
    for source, value in subjects:
        m = pattern.match((value or "").strip())
        # The body itself (交通运输部, 国家统计局机关), not one of its local offices (国家税务总局XX市税务局, 国家统计局XX调查队).
        if m and re.fullmatch(r"(机关|办公厅|办公室)?", value.strip()[m.end():].strip()):
            return m.group(), source
    if any(value for _, value in subjects):
        return None, None  # a named author that is no State Council body: the opening lines are not read
    head = text[:1500]
    if _LOCAL_SELF.search(head):
        return None, None
    for m in pattern.finditer(head):
        if _NATIONAL_ACT.match(head[m.end(): m.end() + 12]):
            if not mentions(head[max(0, m.start() - 8): m.start()]) and not mentions(head[m.end(): m.end() + 8]):
                return m.group(), "text:national_body"
    return None, None


_DEPT_SELF = re.compile(r"(我|本)(局|委|办(?![法理公事结件])|厅|中心|机关|单位|署|院)(?![长内属里])|本级政府\s*[((]机关[))]")
_PLACE_SELF = re.compile(r"(我|全|本)(省|市|区|县|旗|州|盟)(?![长委级直])")


def _level(subject: str | None, issuer: str | None, place: gazetteer.Place | None, text: str = "") -> str | None:
    if not subject and not issuer and text:
        # No name to read the level from: how the report speaks of itself (我局, 本机关 vs 我市, 全县),
        # first in its opening sentence (现公布2011年我办政府信息公开工作年度报告).
        if _DEPT_SELF.search(text[: text.find("。")]) and not _PLACE_SELF.search(text[: text.find("。")]):
            return "department"
        head = text[:2000]
        own, area = len(_DEPT_SELF.findall(head)), len(_PLACE_SELF.findall(head))
        if own and own >= area:
            return "department"
    for i, name in enumerate((subject, issuer)):
        if not name:
            continue
        rest = name
        for _, end, _ in mentions(name):
            rest = name[end:]
        rest = rest.strip()
        if i == 0 and not rest and rest != name:
            break  # the title names only a place (洪泽区2017年…): the report is its government's
        if _TOWNSHIP_GOVERNMENT.search(rest):
            return "township"
        if rest and _TOWNSHIP.search(rest) and not _DEPARTMENT.search(rest.replace("管理局", "")):
            return "township"
        if rest and _TOWNSHIP.search(rest) and rest.endswith("管理局") and "片区" in rest:
            return "township"
        if i == 1 and re.fullmatch(r"(人民)?政府(办公室|办公厅)", rest) and text:
            # A government's office signing a report that speaks as the place (我县, 全县), not as an office (我办).
            head = text[:3000]
            if len(_PLACE_SELF.findall(head)) > len(_DEPT_SELF.findall(head)):
                break
        if rest and not _GOVERNMENT.search(rest) and _DEPARTMENT.search(rest):
            return "department"
        if i == 0 and rest and rest != name and _GOVERNMENT.search(rest):
            break  # the title names a government (上海市浦东新区政府2010年…): the report is its own
    return place.level if place else None


_TOWNSHIP_NAME = re.compile(r"^\s*(\S{1,10}?(镇|乡|街道|苏木|片区))")


def _township_name(name: str | None) -> str | None:
    if not name:
        return None
    rest = name
    for _, end, _ in mentions(name):
        rest = name[end:]
    m = _TOWNSHIP_NAME.match(rest)
    return m.group(1) if m else None


# Spam written over a name on a hijacked site (滚球体育app_188篮球比分-直播|官网, bt365备用网址): Latin letters run
# into digits or each other, a pipe, or the gambling trade's words (not 体育, which bureaus bear).
_HIJACK = re.compile(r"[A-Za-z]{3,}|[A-Za-z]+_?\d|\d+_?[A-Za-z]|[|]|官网|网址|彩票|博彩|棋牌|真人|娱乐|比分|下注|投注")


# A field's value running into the next label the block did not split (发布机构: 马港镇人民政府 日期:2025-01-06 11:29).
_FIELD_TAIL = re.compile(r"\s+(?=(发布|公开|成文)?(日期|时间|字号|浏览次数|点击数?|访问量|来源)\s*[:：])")
_FIELD_DATE = re.compile(r"(?:(发布|公开)|(?<![\u4e00-\u9fff]))(?:日期|时间)\s*[:：]\s*(\S.{5,20})")  # not 更新时间 (a mirror's)


def _opening_subject(text: str) -> str:
    """The body a report names as its author in its opening lines, when the page has no usable title:
    由北京市朝阳区三间房地区办事处编制…; 现公布北票市长皋乡人民政府2025年度…. A government's office
    compiling the government's report (由伊宁县人民政府办公室编制) stands for the government."""
    head = text[:1200]
    for m in re.finditer(r"(由|现公布|现发布|现予公布|公开|编制了?|总结|形成)\s*《?\s*(?P<s>[^\s,,。、;《》()()]{2,40}?)(\s*编制|\s*" + _YEAR + r"\s*年)", head):
        subject = m["s"]
        if mentions(subject) or _national().search(subject) or _TOWNSHIP_WORD.search(subject) or _ZONE.search(subject) or _HIJACK.search(subject):
            if m.group(1) == "由":
                subject = re.sub(r"((人民)?政府)(办公室|办公厅)$", r"\1", subject)
            return subject
    return ""


def extract(text: str, fields: dict[str, str]) -> Metadata:
    """All metadata of one report from its clean text and header fields."""
    md = Metadata()
    md.title, md.title_source = find_title(text, fields)
    end = body_end(text)  # needed twice below, and not cheap on a long text
    signature, signed = trailer(text, end)
    publisher = _FIELD_TAIL.split(fields.get("publisher", ""))[0].strip()
    md.issuer, md.issuer_source = (signature, "signature") if signature else ((publisher, "header:publisher") if publisher else (None, None))
    own_title = enclosed_title(md.title) or md.title
    md.year, md.year_source = find_year(own_title, text, None)
    header_date = parse_date(fields.get("published", "")) or parse_date(fields.get("unlabeled", "")) or next(
        (parse_date(m.group(2)) for v in fields.values() for m in [_FIELD_DATE.search(v or "")] if m and parse_date(m.group(2))), None)
    top_date, top_source = head_date(text)
    if top_date and md.year and not md.year <= top_date.year <= md.year + 2:
        top_date = None  # not this report's date (a page of 2019 does not publish the 2025 report)
    written = parse_date(fields.get("written", ""))
    lone = date_line(text) if not (header_date or top_date or signed) else None
    if lone and md.year and not md.year <= lone.year <= md.year + 2:
        lone = None
    md.published, md.published_source = next(
        ((d, src) for d, src in ((header_date, "header:published"), (top_date, top_source), (signed, "signature_date"),
                                 (lone, "text:date_line"), (written, "header:written")) if d),
        (None, None))
    if md.year is None and md.published:
        md.year, md.year_source = md.published.year - 1, "published_minus_one"
    subject = _subject(own_title)
    opening = "" if subject else _opening_subject(text)  # the opening sentence stands in for a missing title
    if subject and _HIJACK.search(subject):
        subject = None  # a title whose place was replaced by spam on a hijacked site: the body is read instead
    hijacked = opening if opening and _HIJACK.search(opening) else None
    if hijacked:
        opening = ""
    national, national_source = national_body(
        [("title", subject or ""), ("issuer", md.issuer or ""), ("header:publisher", publisher), ("text:opening", opening)], text)
    sources = [("title", subject or ""), ("issuer", md.issuer or ""), ("header:publisher", publisher), ("header:title", fields.get("title", ""))]
    if national:
        md.jurisdiction, md.jurisdiction_source, md.admin_level = "中华人民共和国", f"{national_source}:national_body", "department"
        md.issuer = md.issuer or national
    else:
        place, as_named, md.jurisdiction_source = resolve_place(sources + [("text:opening", opening)], text, end)
        if place is None:
            place, md.jurisdiction_source = _unnamed_province(subject or opening or md.issuer or "", text)
            as_named = place.name if place else None
        if place:
            now = gazetteer.current(place)
            md.jurisdiction = as_named
            _set_place(md, place, now)
        md.admin_level = _level(subject or opening, md.issuer, gazetteer.current(place) if place else None, text)
        if hijacked and not (subject or md.issuer or publisher):
            _hijacked(md, hijacked, text)
        memo: list[Counter[str]] = []

        def named() -> Counter[str]:  # the places the page names, counted only when township namesakes need them
            if not memo:
                memo.append(_named_places(" ".join(v for _, v in sources if v) + "\n" + text[:6000]))
            return memo[0]

        town = resolve_township(sources + [("text:opening", opening)], text[:6000], named) if md.admin_level in (None, "county", "township") or _TOWNSHIP_WORD.search(subject or opening or "") else None
        if town is None and (md.admin_level in (None, "county", "prefecture") or not (subject or opening or md.issuer)) and (
                md.jurisdiction_source in (None, "body_mentions", "text:opening") or _self_township(text)):
            # No title, or one that names no township: the opening lines (2021年,冲口街道认真贯彻…; 新开河街道党工委、办事处…).
            town = resolve_township([("text:head", text[:600])], text[:6000], named)
        zone_subject = next((v for v in (subject, opening, md.issuer) if v and _ZONE.search(v)), None)
        zone = resolve_zone(zone_subject, text, place) if zone_subject and town is None else None
        if zone is not None and not (md.jurisdiction and zone[0] in (md.jurisdiction or "") and md.adcode):
            # a zone with its own name and no gazetteer row (平潭综合实验区 has one: place_aliases.tsv)
            _set_zone(md, zone, "title" if zone_subject == subject else "text:opening" if zone_subject == opening else "issuer")
        elif town is not None:
            _set_township(md, town, place if place else None)
        elif md.admin_level == "township":
            # A township the statistical list does not have (a 片区, a renamed town): its name as written.
            md.jurisdiction = _township_name(subject) or _township_name(md.issuer) or md.jurisdiction
            md.township = md.jurisdiction if md.jurisdiction and _TOWNSHIP_NAME.match(md.jurisdiction) else None
    md.template = template_for(md.year, text)
    md.deadline = statutory_deadline(md.year, md.admin_level)
    md.days_late = (md.published - md.deadline).days if md.published and md.deadline else None
    return md


# Development zones and new areas (开发区, 高新区, 新区, 工业园区, 管理区…), which report as units of their own.
_ZONE = re.compile(r"[\u4e00-\u9fff]{1,24}?(经济技术开发区|高新技术产业开发区|高新技术开发区|高新技术产业园区|经济开发区|高新区|经开区|开发区|"
                   r"工业园区|产业园区|综合实验区|综合试验区|实验区|试验区|示范区|保税区|自由贸易试验区|自贸区|新区|管理区|度假区|风景名胜区)")
_ZONE_BODY = re.compile(r"^(管委会|管理委员会|党工委|党工委管委会|管委|管理局|工委)?")


def resolve_zone(subject: str, text: str, place: gazetteer.Place | None) -> tuple[str, str, gazetteer.Place | None, str | None, str] | None:
    """A development zone or new area the report is by (苏州工业园区管委会, 西安高新区财政局): (its name as
    written, where its parent came from, the parent place, the statistical code if the NBS lists it,
    what follows the name). The parent is the place the NBS code, the names written before the zone, the
    short name it starts with (苏州, 兰州) or, failing those, the page's most named place gives."""
    found = mentions(subject)
    start = max((e for _, e, _ in found), default=0)
    m = _ZONE.search(subject, start)
    if not m:
        return None
    # the zone begins after the last place written in full before it (江苏省苏州工业园区 → 苏州工业园区)
    before = [p for s, e, p in found if e <= m.start()]
    zone = subject[max((e for _, e, p in found if e <= m.start()), default=0): m.end()].strip(" :：")
    if before and re.fullmatch(r"(经济|技术|高新|工业|产业|综合|现代|农业|生态|旅游|物流|科技|文化|新型|循环)*" + m.group(1), zone):
        # 泾阳县经济开发区: a zone named by its generic kind alone keeps the place written before it
        zone = subject[max(s for s, e, _ in found if e <= m.start()): m.end()]
    if len(zone) < 4:
        return None
    rest = subject[m.end():].strip()
    code = gazetteer.statistical_units().get(zone)
    if code:
        parent = gazetteer.by_adcode(code[:4] + "00") or gazetteer.by_adcode(code[:2] + "0000")
        return zone, "statistical code", parent, code, rest
    starts = [p for p in gazetteer.places() if p.status == "current" and p.level != "county" and len(p.short_name) >= 2
              and zone.startswith(p.short_name)]
    if before:
        written = gazetteer.current(before[-1])
        inside = [p for p in starts if written.adcode in (p.province_adcode, p.prefecture_adcode) and p.adcode != written.adcode]
        if not inside:
            return zone, "place written before it", written, None, rest
        starts = inside  # 江西省赣州经济技术开发区: the city it is named after, within the province written
    if starts:
        return zone, "short name it starts with", max(starts, key=lambda p: (p.level == "prefecture", len(p.short_name))), None, rest
    if place is not None:
        return zone, "places named in the page", gazetteer.current(place), None, rest
    return zone, "no parent found", None, None, rest


def _set_zone(md: Metadata, found: tuple, source: str) -> None:
    zone, evidence, parent, code, rest = found
    md.jurisdiction, md.jurisdiction_source = zone, f"zone:{source} ({evidence})"
    md.county = md.prefecture = md.province = md.adcode = md.longitude = md.latitude = None
    md.township = md.township_code = None
    if parent is not None:
        md.province = parent.province
        if parent.level != "province" and parent.prefecture_adcode != parent.province_adcode:
            md.prefecture = parent.prefecture or None
        md.county = parent.name if parent.level == "county" else None
    if rest and _DEPARTMENT.search(rest) and not _ZONE_BODY.fullmatch(rest):
        md.admin_level = "department"
    else:
        md.admin_level = "township" if parent is not None and parent.level == "county" else "county"


def _hijacked(md: Metadata, name: str, text: str) -> None:
    """The author's name in the opening sentence was replaced by spam (由北京市<spam>发展和改革委员会编制): the
    place written before the spam says the province, but not which of its governments or departments wrote
    the report, so the jurisdiction stays unknown; the level comes from what follows the spam."""
    spam = _HIJACK.search(name)
    before = [p for _, e, p in mentions(name[: spam.start()])]
    after = name[spam.end():]
    province = gazetteer.current(before[0]) if before else None
    md.jurisdiction, md.county, md.prefecture, md.adcode, md.longitude, md.latitude = None, None, None, None, None, None
    md.province = province.province if province else None
    md.jurisdiction_source = f"hijacked: the author's name is spam ({name[:40]})"
    tail = re.search(r"[\u4e00-\u9fff]+$", after)
    selves = Counter(m.group(2) for m in _PLACE_SELF.finditer(text[:3000]))
    if re.search(r"(办公室|办公厅)$", after) and selves:
        # 由<spam>办公室编制 of a report speaking as 我县: the government's report, compiled by its office.
        md.admin_level = {"省": "province", "县": "county", "旗": "county", "区": "county"}.get(selves.most_common(1)[0][0])
    elif tail and _DEPARTMENT.search(tail.group()) and not _GOVERNMENT.search(tail.group()):
        md.admin_level = "department"
    elif not before or before[0].level != "province":
        md.admin_level = None


def _unnamed_province(subject: str, text: str) -> tuple[gazetteer.Place | None, str | None]:
    """A province's body that names itself by its level only (自治区人民政府办公厅, 省财政厅): the province whose
    short name (新疆, 湖南) the text uses, when exactly one is used most."""
    if not re.match(r"(省|自治区)(人民政府|政府|[\u4e00-\u9fff]{1,12}(厅|局|委员会|办公室))", subject):
        return None, None
    body = re.sub(r"《[^》]{0,120}》", "", text[:3000])
    counts = Counter()
    for p in gazetteer.places():
        if p.level == "province" and p.status == "current" and (subject.startswith("省") != p.name.endswith("自治区")):
            counts[p.adcode] = body.count(p.short_name)
    top = counts.most_common(2)
    if not top or top[0][1] == 0 or (len(top) > 1 and top[1][1] == top[0][1]):
        return None, None
    return gazetteer.by_adcode(top[0][0]), "province_short_name"


_SELF_TOWNSHIP = re.compile(r"(我|全|本)(镇|乡|街道|街|办(?![法理公事结件]))(?![长区级])")  # not 本办法, 我办理


def _self_township(text: str) -> bool:
    """The report speaks of itself as a township (我镇, 全乡, 本街道) more than as a county or city."""
    head = text[:3000]
    if not _SELF_TOWNSHIP.search(head):
        return False
    own = len(_SELF_TOWNSHIP.findall(head))
    return own > len(_BODY_SELF.findall(head)) - own


def _set_place(md: Metadata, place: gazetteer.Place, now: gazetteer.Place) -> None:
    """Province, prefecture, county and codes of a resolved place, all of the current unit (祁阳县 of a 2011
    report is in county 祁阳市, as its adcode; the jurisdiction keeps the report's name); municipalities'
    districts and county-level units under a province have no prefecture."""
    md.adcode = now.adcode
    md.province = now.province
    md.prefecture = now.prefecture if now.prefecture and now.prefecture_adcode != now.province_adcode else None
    md.county = now.name if now.level == "county" else None
    md.longitude, md.latitude = now.longitude, now.latitude


def _set_township(md: Metadata, town: TownshipFound, place: gazetteer.Place | None) -> None:
    md.admin_level = "township"
    md.jurisdiction = town.written
    md.township = town.written
    if town.township is None:
        md.jurisdiction_source = f"township:{town.source} ({town.evidence})"
        if town.keep_place and md.adcode:
            return
        md.province = md.prefecture = md.county = md.adcode = None
        md.longitude = md.latitude = None
        return
    md.township_code = town.township.code
    md.jurisdiction_source = f"township:{town.source} ({town.evidence})"
    county = town.township.county()
    if county is None:
        code = town.township.parents()
        md.county = town.township.county_name
        pref = gazetteer.by_adcode(code[1]) if code[1] else None
        prov = gazetteer.by_adcode(code[2])
        md.adcode, md.longitude, md.latitude = code[0], None, None
        md.prefecture = pref.name if pref and pref.adcode != (prov.adcode if prov else "") else None
        md.province = prov.name if prov else None
        return
    named = place if place is not None and place.level == "county" and gazetteer.current(place).adcode == county.adcode else county
    _set_place(md, named, county)
