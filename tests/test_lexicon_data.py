"""The domain user dictionary (data/userdict.tsv) and the stopword list (data/stopwords.txt)."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import logging
import re

import pytest

from conftest import ROOT

DATA = ROOT / "src" / "analysis" / "data"
USERDICT = DATA / "userdict.tsv"
STOPWORDS = DATA / "stopwords.txt"
SOURCES_MD = DATA / "stopwords.SOURCES.md"
THEMES = DATA / "themes.tsv"

COLUMNS = ["term", "freq", "pos", "source", "note"]
SOURCE_CODES = {"reg2019", "reg2008", "format2019", "format2021", "keypoints", "reports"}
POS_TAGS = {"n", "nz", "nt", "vn", "v", "l"}
REQUIRED = (
    "政府信息公开 政务公开 依申请公开 主动公开 政策解读 回应关切 政务新媒体 基层政务公开 标准化规范化 保密审查 "
    "信息公开年报 政府网站 政务服务 公开指南 公开目录 重点领域 考核评价 业务培训 工作人员 信息发布 及时性 规范化 "
    "公开平台 政府公报 新闻发布会 政务公开专区 行政复议 行政诉讼 信息处理费"
).split()
# Terms that jieba cannot return as one token: none at present.
NOT_SINGLE_TOKEN: set[str] = set()
# Left out on purpose (see the userdict header): jieba would keep it whole, but the keyword stage
# treats tokens with a non-word character such as "+" as unclean.
LEFT_OUT = {"互联网+政务服务"}
# Words that name a problem: never stopwords.
CONTENT_WORDS = "及时性 政策解读 培训 人员 平台 渠道 质量 深度 广度 规范 标准 考核 意识 及时 全面 内容".split()


def _rows(path):
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return reader.fieldnames, list(reader)


@pytest.fixture(scope="module")
def userdict():
    fields, rows = _rows(USERDICT)
    assert fields == COLUMNS
    return rows


@pytest.fixture(scope="module")
def terms(userdict):
    return [r["term"] for r in userdict]


def _stopword_lines():
    lines = STOPWORDS.read_text(encoding="utf-8").splitlines()
    header = [ln for ln in lines if ln.startswith("#")]
    words = [ln for ln in lines if not ln.startswith("#")]
    return lines, header, words


def _tool():
    spec = importlib.util.spec_from_file_location("make_stopwords", ROOT / "tools" / "make_stopwords.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------- userdict


def test_userdict_header_block():
    lines = USERDICT.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and "Version 1" in "\n".join(lines[:3])
    comments = "\n".join(ln for ln in lines if ln.startswith("#"))
    for code in SOURCE_CODES:  # every source code is explained in the header
        assert re.search(rf"^#\s+{code}\s", comments, re.M), code


def test_userdict_rows(userdict, terms):
    assert len(userdict) >= 250
    assert len(terms) == len(set(terms))
    for r in userdict:
        assert r["term"] and not re.search(r"\s", r["term"]), r
        assert r["freq"].isdigit() and int(r["freq"]) == 10000, r
        assert r["pos"] in POS_TAGS, r
        assert r["source"] in SOURCE_CODES, r
        assert "\t" not in r["note"] and None not in r, r
        assert re.search(r"[\u4e00-\u9fff]", r["term"]), r


def test_required_terms_present(terms):
    assert [t for t in REQUIRED if t not in terms] == []
    assert LEFT_OUT & set(terms) == set()
    header = "\n".join(ln for ln in USERDICT.read_text(encoding="utf-8").splitlines() if ln.startswith("#"))
    assert all(t in header for t in LEFT_OUT)  # and the header says why


@pytest.fixture(scope="module")
def fresh_jieba(tmp_path_factory, userdict):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    path = tmp_path_factory.mktemp("userdict") / "userdict.txt"
    path.write_text("".join(f"{r['term']} {r['freq']} {r['pos']}\n" for r in userdict), encoding="utf-8")
    tok = jieba.Tokenizer()  # never the global jieba.dt
    tok.load_userdict(str(path))
    return tok


def test_every_term_is_one_token_in_jieba(fresh_jieba, terms):
    split = {t: fresh_jieba.lcut(f"加强{t}工作") for t in terms if t not in NOT_SINGLE_TOKEN}
    assert {t: cut for t, cut in split.items() if cut != ["加强", t, "工作"]} == {}


def test_every_term_is_one_token_in_rjieba(userdict):
    rjieba = pytest.importorskip("rjieba")
    seg = rjieba.Jieba()
    for r in userdict:
        seg.add_word(r["term"], int(r["freq"]), r["pos"])
    split = {r["term"]: list(seg.cut(f"加强{r['term']}工作")) for r in userdict if r["term"] not in NOT_SINGLE_TOKEN}
    assert {t: cut for t, cut in split.items() if cut != ["加强", t, "工作"]} == {}


def test_terms_stay_whole_in_running_text(fresh_jieba):
    text = "一是依申请公开办理不够规范;二是政策解读形式单一,回应关切不够及时;三是政务新媒体更新滞后,推进“互联网+政务服务”。"
    tokens = fresh_jieba.lcut(text)
    for term in ("依申请公开", "政策解读", "回应关切", "政务新媒体", "政务服务"):
        assert term in tokens
    assert "互联网+政务服务" not in tokens
    assert {"规范", "单一", "及时", "滞后"} <= set(tokens)  # the problems themselves are left free


def test_global_jieba_untouched(fresh_jieba):
    import jieba

    assert fresh_jieba is not jieba.dt
    assert jieba.dt.FREQ.get("政务公开专区") != 10000  # the user dictionary went to the fresh tokenizer only


# ------------------------------------------------------------ stopwords


def test_stopwords_file_shape():
    lines, header, words = _stopword_lines()
    assert lines[: len(header)] == header and header  # the # block comes first
    assert "stopwordsiso" in "\n".join(header) and "make_stopwords.py" in "\n".join(header)
    assert words == sorted(words)
    assert len(words) == len(set(words))
    assert all(w and w == w.strip() for w in words)


def test_stopwords_contain_genre_filler():
    _, _, words = _stopword_lines()
    words = set(words)
    assert {"一是", "二是", "十是", "进一步", "切实", "不断", "我局", "我区", "下一步", "有待", "不够", "不足"} <= words
    assert set(_tool().genre_words()) <= words


def test_stopwords_contain_stopwords_iso_zh():
    _, _, words = _stopword_lines()
    words = set(words)
    assert {"的", "了", "因为", "关于", "我们", "而且", "、", "。"} <= words  # sample, package not needed
    stopwordsiso = pytest.importorskip("stopwordsiso")
    assert stopwordsiso.stopwords("zh") <= words


def test_no_userdict_term_or_content_word_is_a_stopword(terms):
    _, _, words = _stopword_lines()
    words = set(words)
    assert words & set(terms) == set()
    assert words & set(CONTENT_WORDS) == set()
    assert words & set(_tool().KEPT_AS_CONTENT) == set()


def test_theme_terms_are_not_stopwords():
    if not THEMES.exists():
        pytest.skip("no themes.tsv")
    _, rows = _rows(THEMES)
    _, _, words = _stopword_lines()
    assert {r["term"] for r in rows} & set(words) == set()


def test_sources_md_names_package_version_and_sha256():
    tool = _tool()
    md = SOURCES_MD.read_text(encoding="utf-8")
    _, header, words = _stopword_lines()
    assert "stopwordsiso" in md and "stopwordsiso/stopwords-iso.json" in md and "MIT" in md
    assert f"| stopwordsiso | {tool.PINNED_VERSION} |" in md
    assert re.fullmatch(r"[0-9a-f]{64}", tool.PINNED_SHA256) and tool.PINNED_SHA256 in md
    assert tool.PINNED_VERSION in "\n".join(header) and tool.PINNED_SHA256 in "\n".join(header)
    assert f"**{len(words)}**" in md  # total count matches the file


def test_stopwords_are_regenerated_from_the_pinned_package():
    stopwordsiso = pytest.importorskip("stopwordsiso")
    import importlib.metadata
    import importlib.resources

    tool = _tool()
    raw = (importlib.resources.files(stopwordsiso) / "stopwords-iso.json").read_bytes()
    if importlib.metadata.version("stopwordsiso") != tool.PINNED_VERSION or hashlib.sha256(raw).hexdigest() != tool.PINNED_SHA256:
        pytest.skip("installed stopwordsiso is not the pinned version")
    words, info = tool.build()
    assert tool.render_txt(words, info) == STOPWORDS.read_text(encoding="utf-8")
    assert tool.render_sources(info) == SOURCES_MD.read_text(encoding="utf-8")
