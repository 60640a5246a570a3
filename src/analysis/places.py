"""Where a page names places: gazetteer names and known aliases in a text, and namesakes told apart by
the prefecture and province the page names (in full, or by their short names: 深圳, 鹤岗).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from . import gazetteer
from .datafiles import read_tsv


def named_places(text: str) -> Counter[str]:
    """How often each place (adcode) is named in ``text``; a name several places bear counts for each."""
    return Counter(place.adcode for _, _, place in mentions(text))


def by_parents(options: list[gazetteer.Place], named: Counter[str]) -> gazetteer.Place | None:
    """Of places bearing the same name, the one whose prefecture and province are named most often in the
    report, or None when none of them is named or two are named equally often."""
    scores = [sum(named[a] for a in {p.prefecture_adcode, p.province_adcode} - {"", p.adcode}) for p in options]
    best = max(scores, default=0)
    if best == 0 or scores.count(best) > 1:
        return None
    return options[scores.index(best)]


def by_short_parents(options: list[gazetteer.Place], text: str) -> gazetteer.Place | None:
    """Of namesakes, the one whose prefecture's or province's short name (深圳, 鹤岗) the text uses most,
    when their full names are not written; None on a tie or when none is used."""
    if len(options) < 2:
        return None
    scores = []
    for p in options:
        score = 0
        for code in {p.prefecture_adcode, p.province_adcode} - {"", p.adcode}:
            parent = gazetteer.by_adcode(code)
            if parent and len(parent.short_name) >= 2:
                score += text.count(parent.short_name)
        scores.append(score)
    best = max(scores)
    return options[scores.index(best)] if best and scores.count(best) == 1 else None


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


def unique_mentions(text: str):
    for start, end, options in mention_groups(text):
        yield start, end, options[0]  # ambiguous names: keep the first candidate at a position


def mention_groups(text: str):
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
