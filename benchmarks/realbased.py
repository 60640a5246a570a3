"""Benchmark corpus made from real reports (never written into data/raw/): what real corpora look like.

The generated corpus (benchmarks/generate.py) draws its prose from phrase pools, so two of its
reports share little text. Real corpora do not: departments of one government copy one model
report, an issuer copies last year's report and changes the figures, a province's counties share
whole paragraphs. This corpus replicates the real reports of ``data/raw/`` (the seeds and the
development corpus, in their formats: text and HTML pages) into N reports:

* an **issuer** is a real report's text moved to another place of the gazetteer (a county or
  prefecture-level city, and its province): the source's jurisdiction and province names are
  replaced wherever they occur;
* each issuer reports for a **run of consecutive years** (1–5) inside the source's template era
  (years shifted everywhere in the text, in Arabic and in Chinese numerals), so an issuer's reports
  are near-copies of each other with new figures — as in reality;
* **figures** (numbers before a unit, numbers in table cells) are multiplied by a factor drawn per
  report (totals stay sums of their parts);
* **wording**: each issuer keeps each sentence without figures with probability 0.8 (0.97 for a
  tenth of issuers, who copy the model nearly verbatim: near-copies across issuers), and each year
  drops a few more;
* **shapes**: the sources' own HTML pages stay HTML; a tenth of text reports are saved as simple
  HTML pages and a tenth in GBK.

``truth.jsonl`` has a line per file with what can be known of it: the jurisdiction (when the
source's jurisdiction name was found and replaced), the year and the template (the source's,
from a build of ``data/raw``), the source and the figure factor.

Output is a pure function of (n, seed).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

ERAS = {"pre2014": (2008, 2013), "2014_2018": (2014, 2018), "2019": (2019, 2020), "2021": (2021, 2025)}
UNITS = "件|条|个|次|人次|人|元|万元|篇|期|场|份|项|家|户|批|余|天|小时|期次|册|部|栏目|张|台"
_FIG = re.compile(rf"(?<![\d.,，年月日第号%])(\d{{1,7}})(?=\s*(?:{UNITS}))")
_CELL = re.compile(r"(?<=[|｜\t])([ \u3000]*)(\d{1,7})([ \u3000]*)(?=[|｜\t\n])")
_TD = re.compile(r"(<td[^>]*>\s*(?:<[^>]+>\s*)*)(\d{1,7})(\s*(?:</[^>]+>\s*)*</td>)", re.I)
_LINE = re.compile(r"(?m)^([ \u3000]*)(\d{1,7})([ \u3000]*)$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_CN_DIGITS = "〇一二三四五六七八九"
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})(?=年)")
_SENTENCE = re.compile(r"[^。！？\n]*[。！？]")
GUARD_MESSAGE = "the real-based corpus is never written into data/raw/"


@dataclass(frozen=True)
class Source:
    path: str
    text: str
    is_html: bool
    jurisdiction: str | None
    province: str | None
    year: int
    template: str


def sources() -> list[Source]:
    """The real reports of data/raw/ with their jurisdiction, year and template as a build reads them."""
    import tempfile

    import polars as pl

    from analysis import tables
    from analysis.build import build
    from analysis.decode import decode_bytes

    with tempfile.TemporaryDirectory(prefix="realbased-") as tmp:
        build(ROOT / "data" / "raw", Path(tmp) / "out", jobs=1, progress=False)
        docs = tables.load("documents", Path(tmp) / "out").filter(
            (pl.col("status") == "ok") & pl.col("year").is_not_null() & pl.col("template").is_not_null())
    out = []
    for r in docs.sort("source_path").iter_rows(named=True):
        raw = (ROOT / "data" / "raw" / r["source_path"]).read_bytes()
        text = decode_bytes(raw, html_hint=r["format"] == "html").text
        out.append(Source(r["source_path"], text, r["format"] == "html", r["jurisdiction"], r["province"], r["year"], r["template"]))
    return out


def places(seed: int) -> list:
    """Counties and prefecture-level cities of the gazetteer (those still in use), in a fixed shuffled order."""
    from generate import all_places

    ps = [p for p in all_places() if p.level in ("county", "prefecture") and p.end >= 2025 and len(p.name) >= 2]
    random.Random(seed).shuffle(ps)
    return ps


def _cn_year(y: int) -> str:
    return "".join(_CN_DIGITS[int(c)] for c in str(y))


def shift_years(text: str, by: int) -> str:
    if not by:
        return text
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + by) if 2000 <= int(m.group(1)) <= 2030 else m.group(1), text)

    def cn(m: re.Match) -> str:
        s = m.group(1).replace("零", "〇")
        y = int("".join(str(_CN_DIGITS.index(c)) for c in s))
        return _cn_year(y + by) if 2000 <= y <= 2030 else m.group(1)

    return _CN_YEAR.sub(cn, text)


def scale_figures(text: str, k: int) -> str:
    """Every figure (a number before a unit, a number alone in a table cell or on a line) times k."""
    if k == 1:
        return text
    text = _FIG.sub(lambda m: str(int(m.group(1)) * k), text)
    text = _CELL.sub(lambda m: f"{m.group(1)}{int(m.group(2)) * k}{m.group(3)}", text)
    text = _TD.sub(lambda m: f"{m.group(1)}{int(m.group(2)) * k}{m.group(3)}", text)
    return _LINE.sub(lambda m: f"{m.group(1)}{int(m.group(2)) * k}{m.group(3)}", text)


def drop_sentences(text: str, rng: random.Random, keep: float) -> str:
    """Sentences without a digit kept with probability ``keep`` (the figures all stay)."""
    if keep >= 1:
        return text
    return _SENTENCE.sub(lambda m: m.group(0) if any(c.isdigit() for c in m.group(0)) or rng.random() < keep else "", text)


def as_html(text: str, title: str) -> str:
    from html import escape

    body = "\n".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{escape(title)}</title></head>\n'
            f'<body><div class="nav">首页 &gt; 政府信息公开 &gt; 年度报告</div>\n<div class="article">\n{body}\n</div>\n'
            f'<div class="footer">主办单位：{escape(title[:12])} 版权所有</div></body></html>\n')


def _guard(raw: Path) -> None:
    if (ROOT / "data" / "raw").resolve() in [raw.resolve(), *raw.resolve().parents]:
        raise SystemExit(GUARD_MESSAGE)


def generate(n: int, raw: Path, truth: Path, seed: int = 2019, jobs: int | None = None) -> None:  # noqa: ARG001 (one process)
    """Write n reports into ``raw`` (sub-folders of 1,000) and their truth into ``truth``."""
    _guard(raw)
    srcs = sources()
    targets = places(seed)
    rng = random.Random(seed)
    raw.mkdir(parents=True, exist_ok=True)
    lines = []
    i = issuer = 0
    while i < n:
        src = srcs[rng.randrange(len(srcs))]
        place = targets[issuer % len(targets)]
        issuer += 1
        lo, hi = ERAS[src.template]
        run = min(n - i, rng.randint(1, min(5, hi - lo + 1)))
        first = rng.randint(lo, hi - run + 1)
        irng = random.Random(rng.random())
        keep = 0.97 if irng.random() < 0.1 else 0.8
        base = drop_sentences(src.text, irng, keep)
        replaced = bool(src.jurisdiction) and src.jurisdiction in base
        if replaced:
            base = base.replace(src.jurisdiction, place.name)
        if src.province and src.province != src.jurisdiction and place.province:
            base = base.replace(src.province, place.province)
        html = src.is_html or irng.random() < 0.1
        gbk = not html and irng.random() < 0.1
        for year in range(first, first + run):
            k = irng.choice((1, 2, 3, 5, 7, 11))
            text = scale_figures(shift_years(drop_sentences(base, irng, 0.97), year - src.year), k)
            if src.is_html:  # written as UTF-8, whatever the page declared
                text = re.sub(r"(?i)charset\s*=\s*[\"']?[\w-]+", "charset=utf-8", text)
            elif html:
                text = as_html(text, f"{place.name}{year}年政府信息公开工作年度报告")
            name = f"r{i // 1000:03d}/{i:06d}.{'html' if html else 'txt'}"
            path = raw / name
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("gbk", errors="replace") if gbk else text.encode("utf-8")
            path.write_bytes(data)
            lines.append(json.dumps({
                "file": name, "source": src.path, "jurisdiction": place.name if replaced else None,
                "province": place.province if replaced else None, "year": year, "template": src.template,
                "figure_factor": k, "encoding": "gbk" if gbk else "utf-8", "format": "html" if html else "text",
            }, ensure_ascii=False))
            i += 1
    truth.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("n", type=int)
    p.add_argument("raw", type=Path, help="folder to write the reports into (not data/raw)")
    p.add_argument("--truth", type=Path, help="truth file (default: RAW/../truth.jsonl)")
    p.add_argument("--seed", type=int, default=2019)
    args = p.parse_args()
    generate(args.n, args.raw, args.truth or args.raw.parent / "truth.jsonl", seed=args.seed)


if __name__ == "__main__":
    main()
