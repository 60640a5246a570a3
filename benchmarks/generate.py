"""Synthetic corpus of annual reports, for benchmarks and scale tests only (never written into data/raw/).

Each report draws a real jurisdiction from the gazetteer, a reporting year
2008–2025 and the matching template, random but consistent figures, and is
written in one of the shapes scraped reports come in: plain UTF-8 text, GBK,
traditional characters in Big5, or an HTML page with real tables; statistics
tables are flattened as pipes, one cell per line, or spaces. The true
metadata and figures of every report go to ``truth.jsonl`` next to the raw
folder, so a build of the corpus doubles as an accuracy check at scale.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from analysis import gazetteer  # noqa: E402

PROBLEMS = ["信息公开的及时性有待加强", "政策解读的形式较为单一", "工作人员业务能力有待提升", "依申请公开办理还不够规范",
            "基层政务公开标准化规范化建设进展不平衡", "政务新媒体更新维护不到位", "公开内容的深度和广度不够"]
PLANS = ["加强业务培训", "完善信息发布审核机制", "丰富政策解读形式", "规范依申请公开办理流程", "推进基层政务公开标准目录落地", "加强政府网站和政务新媒体管理"]


def _figures(rng: random.Random) -> dict[str, int]:
    received = rng.choice([0, 0, 1, 3, 5, 12, 40, 150, 600])
    granted = rng.randint(0, received)
    partial = rng.randint(0, received - granted)
    not_held = received - granted - partial
    review = rng.randint(0, max(0, received // 10))
    return {"proactive_total": rng.randint(5, 50000), "requests_received": received, "outcome_granted": granted,
            "outcome_partial": partial, "outcome_not_held": not_held, "review_total": review, "litigation_total": rng.randint(0, review)}


def _flatten(rows: list[list[str]], shape: str) -> str:
    if shape == "pipes":
        return "\n".join(" | ".join(r) for r in rows)
    if shape == "cells":
        return "\n".join(c + " |" for r in rows for c in r)
    return " ".join(c for r in rows for c in r)


def report(i: int, rng: random.Random, places: list) -> tuple[str, str, dict]:
    place = rng.choice(places)
    year = rng.randint(2008, 2025)
    f = _figures(rng)
    name = place.name
    title = f"{name}{year}年政府信息公开工作年度报告"
    body = [title, f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"]
    if year >= 2021:
        template = "2021"
        body += ["一、总体情况", f"{year}年,全{name[-1]}认真贯彻《条例》,全年主动公开政府信息{f['proactive_total']}条。",
                 "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                 f"本年新收政府信息公开申请{f['requests_received']}件。", "四、政府信息公开行政复议、行政诉讼情况",
                 f"因政府信息公开被申请行政复议{f['review_total']}件,被提起行政诉讼{f['litigation_total']}件。"]
        problems_heading = "五、存在的主要问题及改进情况"
    elif year >= 2019:
        template = "2019"
        body += ["一、总体情况", f"全年主动公开政府信息{f['proactive_total']}条。", "二、收到和处理政府信息公开申请情况",
                 f"全年共收到政府信息公开申请{f['requests_received']}件。",
                 f"因政府信息公开被申请行政复议{f['review_total']}件,被提起行政诉讼{f['litigation_total']}件。"]
        problems_heading = "三、存在的主要问题及改进情况"
    else:
        template = "pre2014" if year < 2014 else "2014_2018"
        body += ["一、概述", f"{year}年,我{name[-1]}政府信息公开工作有序开展。", "二、主动公开政府信息情况",
                 f"全年主动公开政府信息{f['proactive_total']}条。", "三、依申请公开政府信息情况",
                 f"全年共受理政府信息公开申请{f['requests_received']}件,同意公开答复数{f['outcome_granted']}件,"
                 f"同意部分公开答复数{f['outcome_partial']}件,申请信息不存在数{f['outcome_not_held']}件。",
                 "四、行政复议和行政诉讼情况",
                 f"因政府信息公开引起行政复议{f['review_total']}件,被提起行政诉讼{f['litigation_total']}件。"]
        problems_heading = "五、存在的主要问题和改进措施"
    problems = "。".join(rng.sample(PROBLEMS, 2))
    plans = ",".join(rng.sample(PLANS, 2))
    body += [problems_heading, f"一是{problems}。下一步,我们将{plans}。"]
    if template == "2014_2018":
        rows = [["统计指标", "单位", "合计"], ["(一)主动公开政府信息数", "条", str(f["proactive_total"])],
                ["(一)收到申请数", "件", str(f["requests_received"])], ["四、行政复议数量", "件", str(f["review_total"])],
                ["五、行政诉讼数量", "件", str(f["litigation_total"])]]
        body += ["六、附表", _flatten(rows, rng.choice(["pipes", "cells", "spaces"]))]
    body += [f"{name}人民政府办公室", f"{year + 1}年3月{rng.randint(1, 28)}日"]
    text = "\n".join(body)
    stated = f if template in ("pre2014", "2014_2018") else {k: f[k] for k in ("proactive_total", "requests_received", "review_total", "litigation_total")}
    truth = {"jurisdiction": name, "province": place.province, "year": year, "template": template, "indicators": stated}
    return text, template, truth


def write(text: str, path_stem: Path, rng: random.Random) -> Path:
    kind = rng.random()
    if kind < 0.1:
        import opencc

        path = path_stem.with_suffix(".txt")
        path.write_bytes(opencc.OpenCC("s2t").convert(text).encode("big5", errors="replace"))
    elif kind < 0.25:
        path = path_stem.with_suffix(".txt")
        path.write_bytes(text.encode("gbk", errors="replace"))
    elif kind < 0.4:
        path = path_stem.with_suffix(".html")
        paras = "".join(f"<p>{line}</p>" for line in text.split("\n"))
        path.write_text(f"<html><head><meta charset='utf-8'><title>{text.split(chr(10))[0]}</title><script>var x=1;</script></head>"
                        f"<body><div class='nav'>当前位置:首页 &gt; 信息公开年报</div>{paras}<div>打印本页 关闭窗口</div></body></html>", encoding="utf-8")
    else:
        path = path_stem.with_suffix(".txt")
        path.write_text(text, encoding="utf-8")
    return path


def generate(n: int, raw: Path, truth: Path, seed: int = 2019) -> None:
    rng = random.Random(seed)
    places = [p for p in gazetteer.places() if p.status == "current" and p.level in ("county", "prefecture") and p.name.endswith(("县", "区", "市", "旗"))]
    raw.mkdir(parents=True, exist_ok=True)
    with open(truth, "w", encoding="utf-8") as fh:
        for i in range(n):
            text, _, t = report(i, rng, places)
            shard = raw / f"{i // 1000:03d}"
            shard.mkdir(exist_ok=True)
            path = write(text, shard / f"r{i:06d}", rng)
            fh.write(json.dumps({"file": path.relative_to(raw).as_posix(), **t}, ensure_ascii=False) + "\n")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("n", type=int)
    p.add_argument("raw", type=Path, help="folder to write the reports into (not data/raw)")
    p.add_argument("--truth", type=Path, help="truth file (default: RAW/../truth.jsonl)")
    p.add_argument("--seed", type=int, default=2019)
    args = p.parse_args()
    if args.raw.resolve() == (ROOT / "data" / "raw").resolve():
        p.error("the synthetic corpus is never written into data/raw/")
    generate(args.n, args.raw, args.truth or args.raw.parent / "truth.jsonl", args.seed)


if __name__ == "__main__":
    main()
