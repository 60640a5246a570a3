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
from .sections import body_end

_YEAR = r"(20[0-4]\d|19[89]\d)"
_TITLE_LINE = re.compile(r"(年度|年)?.{0,12}(政府信息公开|政务公开|信息公开).{0,12}(年度报告|年报|工作报告|报告)")
# An opening sentence names the report too (根据《条例》规定,现公布本县2013年度政府信息公开工作报告。) but is no title.
_SENTENCE = re.compile(r"^(根据|按照|依据|依照|本报告|现将|现予|特此)|。")
_TITLE_YEAR = re.compile(_YEAR + r"\s*年")
_PERIOD_YEAR = re.compile(r"(统计(期限|时限|期间|时间)|数据).{0,12}?(自|从|为|是)?\s*" + _YEAR + r"\s*年\s*1\s*月\s*1\s*日")
_DATE = re.compile(r"(?P<y>20\d\d|19\d\d)\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})\s*日?")
_CN_DATE = re.compile(r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[元一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日")
_SIGNATURE = re.compile(
    r"(?P<name>[^\s\d:：,，。、;；]{2,40}?(人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办|办公室|办公厅|委员会|管委会|管理局|局|委|厅|中心|办事处))\s*$"
)
_DEPARTMENT = re.compile(r"(局|委员会|委|厅|办公室|办|中心|院|所|署|处|司|部|站|队|公司|协会|集团|大学|学校|医院)$")
_GOVERNMENT = re.compile(r"(人民政府|政府)(办公室|办公厅|办)?$|政府办$|^(党工委)?(管委会|管理委员会)(办公室)?$")
_TOWNSHIP = re.compile(r"(乡|镇|街道|苏木|片区|办事处|管理区)")
# A township's own government, whatever its department-like ending: 北关街道办事处, 城关镇人民政府办公室, 河西街道党工委,
# 高桥镇人民政府党政办公室.
_TOWNSHIP_GOVERNMENT = re.compile(r"(乡|镇|街道|苏木)((人民)?政府(办公室|办)?|((人民)?政府)?党政(综合)?(办公室|办)|办事处|办|党工委|党委)?$")
_BODY_SELF = re.compile(r"(我|全|本)(省|市|区|县|旗|州|盟|镇|乡|街道)")
CN_NUM = {"〇": 0, "○": 0, "零": 0, "元": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


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


def _cn_int(s: str) -> int:
    if all(ch in CN_NUM for ch in s) and "十" not in s:
        return int("".join(str(CN_NUM[ch]) for ch in s))
    tens, _, units = s.partition("十")
    return (CN_NUM[tens] if tens else 1) * 10 + (CN_NUM[units] if units else 0) if "十" in s else CN_NUM[s]


def parse_date(s: str) -> dt.date | None:
    """First date in ``s`` (2018-02-24, 2018年03月08日, 二〇一一年三月二十二日), or None."""
    for pattern, conv in ((_DATE, int), (_CN_DATE, _cn_int)):
        m = pattern.search(s or "")
        if m:
            try:
                return dt.date(conv(m["y"]), conv(m["m"]), conv(m["d"]))
            except (ValueError, KeyError):
                continue
    return None


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
    lines = [line.strip() for line in text.split("\n", 4)[:4]]
    for i, line in enumerate(lines[:3]):
        if _SENTENCE.search(line):
            continue
        if len(line) <= 80 and _TITLE_LINE.search(line):
            return line, "text:first_lines"
        joined = line + (lines[i + 1] if i + 1 < len(lines) else "")
        if len(joined) <= 80 and _TITLE_LINE.search(joined) and not _SENTENCE.search(joined):
            return joined, "text:first_lines_joined"  # a title broken over two lines (PDF extraction)
        m = re.match(r"^(\S{0,40}?" + _YEAR + r"\s*年度?\S{0,20}?(年度报告|年报|工作报告))", line)
        if m:
            return m.group(1), "text:first_line_prefix"
    return None, None


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
    years = Counter(int(y) for y in re.findall(_YEAR + r"\s*年(?!\d{1,2}月\d{1,2}日印发)", text[:600]))
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
    m = re.match(r"^(.*?)(关于)?\s*" + _YEAR + r"\s*年", title)
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
                options[0] if len(options) == 1 else _by_parents(options, named()) if options else None)
            if place:
                # The name as the report writes it (平潭综合实验区, 洪泽县, 沙县 before it became 沙县区),
                # when it names the place resolved or what that place became.
                now = gazetteer.current(place).adcode
                stated = next((value[s:e] for s, e, p in reversed(found) if p.name == place.name or gazetteer.current(p).adcode == now), place.name)
                return place, stated, source
    counts: Counter[str] = Counter()
    places: dict[str, gazetteer.Place] = {}
    written: dict[str, Counter[str]] = {}  # per place, how the report writes its name (平潭综合实验区 for 平潭县)
    body = text[: body_end(text) if end is None else end]
    previous: tuple[int, str] | None = None  # where the last name ended, and its place
    for start, end, options in _mention_groups(body[:6000]):
        place = (_by_parents(options, named()) if len(options) > 1 else None) or options[0]
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
    return best, written[best.adcode].most_common(1)[0][0], "body_mentions"


def _named_places(text: str) -> Counter[str]:
    """How often each place (adcode) is named in ``text``; a name several places bear counts for each."""
    return Counter(place.adcode for _, _, place in mentions(text))


def _by_parents(options: list[gazetteer.Place], named: Counter[str]) -> gazetteer.Place | None:
    """Of places bearing the same name, the one whose prefecture and province are named most often in the
    report, or None when none of them is named or two are named equally often."""
    scores = [sum(named[a] for a in {p.prefecture_adcode, p.province_adcode} - {"", p.adcode}) for p in options]
    best = max(scores, default=0)
    if best == 0 or scores.count(best) > 1:
        return None
    return options[scores.index(best)]


@lru_cache(maxsize=1)
def _aliases() -> tuple[re.Pattern[str] | None, dict[str, gazetteer.Place]]:
    table = {r["alias"]: gazetteer.by_adcode(r["adcode"]) for r in read_tsv("place_aliases.tsv")}
    table = {alias: place for alias, place in table.items() if place is not None}
    if not table:
        return None, {}
    return re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True)))), table


def mentions(text: str) -> list[tuple[int, int, gazetteer.Place]]:
    """Gazetteer names and known aliases (平潭综合实验区 → 平潭县) in ``text``, in order."""
    found = list(gazetteer.find_mentions(text))
    pattern, table = _aliases()
    if pattern is not None:
        taken = [(s, e) for s, e, _ in found]
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                found.append((m.start(), m.end(), table[m.group()]))
    return sorted(found, key=lambda t: (t[0], -t[1]))


def _unique_mentions(text: str):
    for start, end, options in _mention_groups(text):
        yield start, end, options[0]  # ambiguous names: keep the first candidate at a position


def _mention_groups(text: str):
    """(start, end, places bearing the name there) for each name found in ``text``, in order."""
    group: list[gazetteer.Place] = []
    at: tuple[int, int] | None = None
    for start, end, place in mentions(text):
        if at is not None and start == at[0]:
            if end == at[1]:
                group.append(place)
            continue
        if group:
            yield at[0], at[1], group
        at, group = (start, end), [place]
    if group:
        yield at[0], at[1], group


def _level(subject: str | None, issuer: str | None, place: gazetteer.Place | None) -> str | None:
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
        if rest and not _GOVERNMENT.search(rest) and _DEPARTMENT.search(rest):
            return "department"
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


def extract(text: str, fields: dict[str, str]) -> Metadata:
    """All metadata of one report from its clean text and header fields."""
    md = Metadata()
    md.title, md.title_source = find_title(text, fields)
    end = body_end(text)  # needed twice below, and not cheap on a long text
    signature, signed = trailer(text, end)
    publisher = fields.get("publisher", "").strip()
    md.issuer, md.issuer_source = (signature, "signature") if signature else ((publisher, "header:publisher") if publisher else (None, None))
    header_date = parse_date(fields.get("published", "")) or parse_date(fields.get("unlabeled", ""))
    md.published, md.published_source = (header_date, "header:published") if header_date else ((signed, "signature_date") if signed else (None, None))
    md.year, md.year_source = find_year(md.title, text, md.published)
    subject = _subject(md.title)
    place, as_named, md.jurisdiction_source = resolve_place(
        [("title", subject or ""), ("issuer", md.issuer or ""), ("header:publisher", publisher), ("header:title", fields.get("title", ""))],
        text,
        end,
    )
    if place:
        now = gazetteer.current(place)
        md.jurisdiction = as_named
        md.adcode = now.adcode
        md.province = now.province
        md.prefecture = now.prefecture or None
        md.county = now.name if now.level == "county" else None
        md.longitude, md.latitude = now.longitude, now.latitude
    md.admin_level = _level(subject, md.issuer, gazetteer.current(place) if place else None)
    if md.admin_level == "township":
        # The gazetteer stops at county level: the township is named after its county in the title or signature.
        md.jurisdiction = _township_name(subject) or _township_name(md.issuer) or md.jurisdiction
    md.template = template_for(md.year, text)
    md.deadline = statutory_deadline(md.year, md.admin_level)
    md.days_late = (md.published - md.deadline).days if md.published and md.deadline else None
    return md
