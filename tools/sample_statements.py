"""Draw the random sample of problem and improvement statements that validates the problem codebook.

The population is every statement of the problems and improvements sections of the reports in a
build (the build's `sections` table; the section boundaries are not what is validated). A statement
is one enumerated item (一是…, (一)…, 1、…, 第一，…) or, where nothing is enumerated, one sentence;
the words before the first item of a unit are split into sentences the same way. A sub-heading that
carries content ("(1)公开标准方面。", "(一)进一步深化政府信息公开内容") stays with its body; a heading
that only names the section ("(一)存在的问题", "五、存在的主要问题及改进情况") is dropped.

Where the build labelled no section of a report problems or improvements, sub-sections whose own
heading names problems or improvements (e.g. "(一)主要问题", "(二)改进情况") are taken instead, so
that every report with such a section is in the population.

The draw: the population is sorted by (file, part, order), shuffled per part with
random.Random(SEED), and the first N_PROBLEMS problem and N_IMPROVEMENTS improvement statements are
kept (about 2/3 and 1/3). Usage, from the worktree root:

    PYTHONPATH=src .venv/bin/python -m analysis build --raw data/raw --out /tmp/codebook-out
    PYTHONPATH=src .venv/bin/python tools/sample_statements.py /tmp/codebook-out > /tmp/codebook-draw.jsonl

It prints the drawn statements as JSON lines (id, file, part, order, text) and the population sizes
on stderr.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import polars as pl

from analysis import tables

SEED = 19
N_PROBLEMS = 150
N_IMPROVEMENTS = 75
RAW_PREFIX = "data/raw/"

_PROBLEM_WORDS = re.compile(r"问题|不足|困难|差距|短板")
_IMPROVE_WORDS = re.compile(r"改进|整改|措施|计划|打算|安排|下一步|今后|努力方向")
_COMBINED = re.compile(r"(问题|不足)[及和与、]")

_NUM = "一二三四五六七八九十"
# Enumeration markers. Digits need 、 or a dot after them and no digit before (not 2016年, 1.5);
# 第一 needs a comma after it (not 第一时间); 一、 needs a sentence boundary before it.
_MARKER = re.compile(
    rf"(?:[{_NUM}]{{1,2}}是)"
    rf"|(?:第[{_NUM}]{{1,2}}(?=[,，、]))"
    rf"|(?:[(（][{_NUM}]{{1,2}}[)）])"
    rf"|(?:[(（]\d{{1,2}}[)）])"
    rf"|(?:(?<![\d第.．])\d{{1,2}}[、](?!\d))"
    rf"|(?:(?:(?<=^)|(?<=[。；;:：!！?？\s]))\d{{1,2}}[.．](?!\d))"
    rf"|(?:(?:(?<=^)|(?<=[。；;:：!！?？\s]))[{_NUM}]{{1,2}}、)"
)
_SENTENCE = re.compile(r"[^。!！?？]*[。!！?？]?")
_NEXT_SECTION = re.compile(rf"\n\s*[{_NUM}]{{1,2}}[、.．]\s*其他需要报告")  # a heading the build ran past
_CLOSING = re.compile(r"(?<=[。；;])\s*(?=(因此|为此|针对|下一步|今后|对此)[^。]{0,40}[:：]\s*$)")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def statements(text: str) -> list[str]:
    """Enumerated items of a unit of text, or its sentences where nothing is enumerated."""
    text = text.strip()
    starts = [m.start() for m in _MARKER.finditer(text)]
    if not starts:
        return _sentences(text)
    out = _sentences(text[: starts[0]])
    bounds = starts + [len(text)]
    for a, b in zip(bounds, bounds[1:]):
        item = text[a:b].strip()
        closing = _CLOSING.search(item)  # "…。因此，我们考虑从以下三个方面作进一步的改进:" is not the item
        if closing:
            out += [item[: closing.start()].strip(), item[closing.start() :].strip()]
        else:
            out.append(item)
    return [s for s in out if s]


def _is_section_title(heading: str) -> bool:
    return bool(_PROBLEM_WORDS.search(heading) or _IMPROVE_WORDS.search(heading))


def _fallback_part(heading: str) -> str | None:
    if _IMPROVE_WORDS.search(heading) and not _COMBINED.search(heading):
        return "improvements"
    if _PROBLEM_WORDS.search(heading):
        return "problems"
    return None


def population(out_dir: Path) -> list[dict]:
    docs = tables.load("documents", out_dir).filter(pl.col("status") == "ok")
    secs = tables.load("sections", out_dir).sort("report_id", "ordinal")
    files = dict(zip(docs["report_id"], docs["source_path"]))
    rows: list[dict] = []
    for (rid,), group in secs.group_by(["report_id"], maintain_order=True):
        if rid not in files:
            continue
        chosen = [(r, r["section"]) for r in group.iter_rows(named=True) if r["section"] in ("problems", "improvements")]
        if not chosen:
            chosen = [(r, _fallback_part(r["heading"] or "")) for r in group.iter_rows(named=True) if (r["level"] or 0) >= 2]
            chosen = [(r, p) for r, p in chosen if p]
        order = {"problems": 0, "improvements": 0}
        for r, part in chosen:
            heading = (r["heading"] or "").strip()
            unit = r["text"] or ""
            cut = _NEXT_SECTION.search(unit)
            unit = unit[: cut.start()] if cut else unit
            if heading and not _is_section_title(heading):
                unit = heading + unit
            for s in statements(unit):
                order[part] += 1
                rows.append({"file": RAW_PREFIX + files[rid], "part": part, "order": order[part], "text": s})
    return rows


def draw(rows: list[dict]) -> list[dict]:
    rng = random.Random(SEED)
    picked: list[dict] = []
    for part, n in (("problems", N_PROBLEMS), ("improvements", N_IMPROVEMENTS)):
        pool = sorted((r for r in rows if r["part"] == part), key=lambda r: (r["file"], r["order"]))
        rng.shuffle(pool)
        picked += pool[:n]
    for i, r in enumerate(picked, 1):
        r["id"] = f"s{i:03d}"
    return picked


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    rows = population(Path(argv[1]))
    for part in ("problems", "improvements"):
        n_rep = len({r["file"] for r in rows if r["part"] == part})
        print(f"{part}: {sum(r['part'] == part for r in rows)} statements in {n_rep} files", file=sys.stderr)
    for r in draw(rows):
        print(json.dumps({k: r[k] for k in ("id", "file", "part", "order", "text")}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
