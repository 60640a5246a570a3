"""The township (镇, 乡, 街道, 苏木, 地区办事处) a report is about, from the statistical list of townships:
some 41,000 names, hundreds shared (城关镇, 新华街道), so the county must come from the page itself.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import gazetteer
from .places import mentions


# What may follow a township's name when the township is the one reporting: its government, its office.
_TOWNSHIP_SELF = re.compile(r"((人民)?政府|办事处|街道办|党委|党工委|党政(综合)?办公室|(人民)?政府办公室|政府办)?")
_TOWNSHIP_HEAD = re.compile(r"(人民政府|政府|办事处|党委|党工委|党政|(始终|认真|深入|全面|严格|坚持|紧紧|高度)[\u4e00-\u9fff]{0,2}(贯彻|落实|重视|按照|围绕|推进|执行|以))")
TOWNSHIP_WORD = re.compile(r"(镇|乡|街道|苏木|地区|办事处|管理区)")


@dataclass
class TownshipFound:
    township: gazetteer.Township | None  # None when namesakes could not be told apart
    written: str
    source: str
    evidence: str
    keep_place: bool = False  # the township is not in the list, but the place written before it is known


def _township_options(value: str, whole: bool) -> tuple[int, int, tuple[gazetteer.Township, ...]] | None:
    """The township ``value`` is about: a township name followed by nothing but its government's name
    (北票市长皋乡人民政府, 三间房地区办事处) when ``whole``; else the first one followed by such a name."""
    if not TOWNSHIP_WORD.search(value):
        return None  # no township-like word: the township table is not even loaded
    table = gazetteer.townships()
    for start, end, options in gazetteer.find_townships(value):
        name = value[start:end]
        if name.endswith("办事处") and name[:-3] in table:
            # 新华街道办事处: one township's listed name, but the office of the 27 新华街道 as well
            end, options = end - 3, table[name[:-3]] + options
        rest = value[end:]
        if whole:
            if _TOWNSHIP_SELF.fullmatch(rest.strip()):
                return start, end, options
        elif _TOWNSHIP_HEAD.match(rest):
            return start, end, options
    return None


def resolve_township(sources: list[tuple[str, str]], text: str, named) -> TownshipFound | None:
    """The township (镇, 乡, 街道, 苏木, 地区办事处) whose report this is, from the title's subject, the issuer
    or the opening lines (现公布北票市长皋乡人民政府2025年度…), or None.

    Namesakes (88 城关镇, 27 新华街道) are told apart by the place written right before the name
    (北票市长皋乡), then by the county, prefecture and province named anywhere in the page (portal name,
    breadcrumb, address, signature); when nothing tells them apart the township is kept by name only.
    """
    for source, value in sources:
        if not value:
            continue
        found = _township_options(value, whole=source != "text:head")
        if found is None:
            continue
        start, end, options = found
        before = {p.adcode for s, e, p in mentions(value[:start]) if e == start} | {
            gazetteer.current(p).adcode for s, e, p in mentions(value[:start]) if e == start}
        adjacent = [t for t in options if before & set(t.parents())]
        if len(adjacent) == 1:
            return TownshipFound(adjacent[0], value[start:end], source, "place written before it")
        if before and not adjacent:
            # 巴林右旗北关街道: the county is written, but none of its townships bears the name in the statistical
            # list (renamed, created or merged since): the report is placed in the county written.
            return TownshipFound(None, value[start:end], source, "not in the statistical list under the place written before it", True)
        pool = adjacent or list(options)
        if len(pool) == 1:
            return TownshipFound(pool[0], value[start:end], source, "unique name")
        counts = named()  # the places the page names: counted only when namesakes are to be told apart
        scored = [(tuple(counts[a] for a in t.parents()), t) for t in pool]
        short = _short_counts(pool, text)
        scored = [(score + (short[t.code],), t) for score, t in scored]
        best = max(score for score, _ in scored)
        winners = [t for score, t in scored if score == best]
        if any(best) and len(winners) == 1:
            return TownshipFound(winners[0], value[start:end], source, "parents named in the page")
        return TownshipFound(None, value[start:end], source, f"{len(pool)} townships bear this name; the page names none of their counties")
    return None


def _short_counts(pool: list[gazetteer.Township], text: str) -> Counter[str]:
    """Per township, how often the short names of its county and prefecture occur (上海普陀, 深圳)."""
    out: Counter[str] = Counter()
    for t in pool:
        for code in t.parents()[:2]:
            place = gazetteer.by_adcode(code) if code else None
            if place and len(place.short_name) >= 2 and place.short_name != place.name:
                out[t.code] += text.count(place.short_name)
    return out
